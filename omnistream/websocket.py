"""The WebSocket protocol `omnistream serve` runs: uvicorn's websockets-sansio protocol plus one
ASGI extension, advertised in the scope's `extensions` under SEND_TEXTS (schema/live.py):

    {"type": "omnistream.websocket.send_texts", "texts": [str, ...]}

sends each text as its own text message, in order, with one transport write. The live fan-out
hands each socket a commit's events (typically three) this way: one pass through the ASGI send
chain and one system call per socket, not one of each per event, for up to thousands of sockets
at once. Every other message gets uvicorn's own handling."""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.utils import ClientDisconnected
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.exceptions import InvalidState
from websockets.protocol import State

from schema.live import SEND_TEXTS


def text_frame(data: bytes) -> bytes:
    """A final, unmasked text frame (RFC 6455 section 5.2): what a server sends when no extension
    (compression) was negotiated. Built here because websockets' general serializer costs more
    than the system call that writes it."""
    n = len(data)
    if n < 126:
        return bytes((0x81, n)) + data
    if n < 1 << 16:
        return b"\x81\x7e" + n.to_bytes(2, "big") + data
    return b"\x81\x7f" + n.to_bytes(8, "big") + data


class BatchingWebSocketProtocol(WebSocketsSansIOProtocol):
    async def run_asgi(self) -> None:
        self.scope["extensions"][SEND_TEXTS] = {}
        await super().run_asgi()

    async def send(self, message: Any) -> None:
        if (message["type"] != SEND_TEXTS or not self.handshake_complete or self.close_sent
                or self.initial_response is not None):
            return await super().send(message)  # not accepted yet, closed, or standard: uvicorn's own answer
        await self.writable.wait()  # uvicorn's backpressure: a client that does not read holds its sender
        if self.disconnected:
            raise ClientDisconnected()
        conn = self.conn
        if conn.state is State.OPEN and not conn.extensions and not conn.expect_continuation_frame:
            out = conn.data_to_send()  # anything the connection framed before (normally nothing)
            out += [text_frame(text.encode()) for text in message["texts"]]
        else:  # compression negotiated (or closing): websockets frames them, or refuses
            try:
                for text in message["texts"]:
                    conn.send_text(text.encode())
            except InvalidState:  # the client's close frame has arrived
                raise ClientDisconnected() from None
            out = conn.data_to_send()
        self.transport.write(b"".join(out))
