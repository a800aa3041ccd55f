"""SEND_TEXTS, the ASGI extension of the WebSocket protocol `omnistream serve` runs
(omnistream/websocket.py), and the live writer's way of using it (schema.live._text_sender), over
real uvicorn servers: a batch arrives as separate text messages, intact and in order with what
else is sent (every frame-length encoding, multi-byte UTF-8), with and without compression
negotiated; a server without the extension gets the same messages one by one; and the extension
is refused, like any data message, before the handshake is accepted and after the close."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket
from websockets.sync.client import connect

from omnistream.websocket import BatchingWebSocketProtocol
from schema.live import SEND_TEXTS, _text_sender
from tests.support.live import free_port

# Payload sizes around each frame-length encoding (7-bit, 16-bit, 64-bit), counted in bytes: 42
# euro signs are 126 bytes of UTF-8 although only 42 characters.
TEXTS = ["", "a", "x" * 125, "€" * 42, "y" * 65535, "z" * 65536, "ç" * 60_000]

refusals: list[str] = []  # what the server-side handlers below caught (they run in the server's thread)


async def batches(websocket: WebSocket) -> None:
    """Says whether the server offers SEND_TEXTS, then for each JSON list of texts it receives
    sends the texts as one batch, followed by a standard message ("end")."""
    await websocket.accept()
    await websocket.send_text(json.dumps({"offered": SEND_TEXTS in websocket.scope["extensions"]}))
    send_texts = _text_sender(websocket)
    while True:
        await send_texts(json.loads(await websocket.receive_text()))
        await websocket.send_text("end")


async def too_early(websocket: WebSocket) -> None:
    try:
        await websocket._send({"type": SEND_TEXTS, "texts": ["before accept"]})
    except RuntimeError as exc:
        refusals.append(f"early: {exc}")
    await websocket.close()


async def too_late(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.close()
    try:
        await websocket._send({"type": SEND_TEXTS, "texts": ["after close"]})
    except RuntimeError as exc:
        refusals.append(f"late: {exc}")


APP = Starlette(routes=[WebSocketRoute("/batches", batches), WebSocketRoute("/early", too_early),
                        WebSocketRoute("/late", too_late)])


@contextmanager
def serving(ws: Any) -> Iterator[str]:
    """uvicorn with the given WebSocket protocol, in a thread with its own loop: the ws:// base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(APP, host="127.0.0.1", port=port, ws=ws, lifespan="off",
                                           loop="asyncio", log_level="warning"))
    thread = threading.Thread(target=asyncio.run, args=(server.serve(),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.01)
    try:
        yield f"ws://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module", params=[BatchingWebSocketProtocol, "websockets-sansio"], ids=["ours", "uvicorn"])
def server(request) -> Iterator[tuple[str, bool]]:
    with serving(request.param) as url:
        yield url, request.param is BatchingWebSocketProtocol


@pytest.mark.parametrize("compression", [None, "deflate"], ids=["plain", "deflate"])
def test_a_batch_arrives_as_separate_messages_in_order(server, compression):
    url, ours = server
    with connect(f"{url}/batches", compression=compression, max_size=None, open_timeout=5) as ws:
        assert json.loads(ws.recv(timeout=5)) == {"offered": ours}
        for batch in (TEXTS, ["one"], list(reversed(TEXTS))):
            ws.send(json.dumps(batch))
            assert [ws.recv(timeout=5) for _ in batch] == batch
            assert ws.recv(timeout=5) == "end"  # a standard message sent after the batch comes after it


def test_the_extension_is_refused_before_accept_and_after_close():
    refusals.clear()
    with serving(BatchingWebSocketProtocol) as url:
        with pytest.raises(Exception, match="403"):
            with connect(f"{url}/early", open_timeout=5):
                pass
        with connect(f"{url}/late", open_timeout=5) as ws:
            with pytest.raises(Exception, match="1000"):
                ws.recv(timeout=5)  # the close, and no text after it
        deadline = time.monotonic() + 5
        while len(refusals) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert sorted(r.split(":")[0] for r in refusals) == ["early", "late"], refusals
    assert all("omnistream.websocket.send_texts" in r for r in refusals), refusals
