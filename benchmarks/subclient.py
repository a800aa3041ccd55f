"""Subscription client process: N graphql-transport-ws connections, one subscription each.

    python -m benchmarks.subclient spec.json

spec: {"url": "ws://...", "token": "...", "n": 1000, "query": "subscription {...}", "out": "path",
"lean": false}.
Prints `READY <ok> <failed>` once every connection is subscribed (then `COUNT <events>` every
0.5 s), records the receipt time
(time.time_ns(), the same clock as the poster in the parent) of every `next` message until a
line `stop` arrives on stdin (or SIGTERM), and writes them to `out` as
{"events": [[connection, conversationId, type, t_ns], ...], "errors": [...]}.

The client shares the machine's CPUs with the server it measures. With "lean", each connection
is a bare asyncio protocol with a minimal frame parser that only timestamps messages (they are
decoded after the run), costing a fraction of the `websockets` client's CPU per message."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gc
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import orjson
from websockets.asyncio.client import connect

CONNECT_CONCURRENCY = 50


def _write(path: str, obj: dict) -> None:
    Path(path).write_text(json.dumps(obj))


def _masked_frame(payload: bytes, opcode: int = 0x1) -> bytes:
    """A client frame (clients must mask), payload under 64 kB."""
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big"))
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


class LeanConnection(asyncio.Protocol):
    """One graphql-transport-ws subscription over a raw socket: upgrade, connection_init,
    subscribe; then every text frame is kept with its receipt time, undecoded."""

    def __init__(self, i: int, spec: dict, received: list) -> None:
        self.i, self.spec, self.received = i, spec, received
        self.buffer = bytearray()
        self.upgraded = False
        self.acked = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        url = urlsplit(self.spec["url"])
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write((f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\nUpgrade: websocket\r\n"
                         f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                         "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n").encode())

    def send(self, message: dict, opcode: int = 0x1) -> None:
        assert self.transport is not None
        self.transport.write(_masked_frame(orjson.dumps(message), opcode))

    def data_received(self, data: bytes) -> None:
        t = time.time_ns()
        buf = self.buffer
        buf += data
        if not self.upgraded:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            if not buf.startswith(b"HTTP/1.1 101"):
                self.fail(RuntimeError(bytes(buf[:end]).decode(errors="replace")))
                return
            del buf[:end + 4]
            self.upgraded = True
            self.send({"type": "connection_init", "payload": {"Authorization": f"Bearer {self.spec['token']}"}})
        while len(buf) >= 2:
            opcode, n, start = buf[0] & 0x0F, buf[1] & 0x7F, 2
            if n == 126:
                n, start = int.from_bytes(buf[2:4], "big"), 4
            elif n == 127:
                n, start = int.from_bytes(buf[2:10], "big"), 10
            if len(buf) < start + n:
                return
            payload = bytes(buf[start:start + n])
            del buf[:start + n]
            if opcode == 0x1:
                if self.acked.done():
                    self.received.append((self.i, t, payload))
                elif orjson.loads(payload).get("type") == "connection_ack":
                    self.send({"id": "1", "type": "subscribe", "payload": {"query": self.spec["query"]}})
                    self.acked.set_result(None)
                else:
                    self.fail(RuntimeError(f"no connection_ack: {payload[:200]!r}"))
            elif opcode == 0x9:  # ping
                assert self.transport is not None
                self.transport.write(_masked_frame(payload, 0xA))
            elif opcode == 0x8:
                self.fail(RuntimeError(f"closed by the server: {payload[:100]!r}"))

    def fail(self, exc: Exception) -> None:
        if not self.acked.done():
            self.acked.set_exception(exc)
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(ConnectionError("connection lost"))


async def _until_stopped(loop: asyncio.AbstractEventLoop, stop: asyncio.Event, count: Callable[[], int]) -> float:
    """Report COUNT twice a second until `stop` (SIGTERM, or "stop" / EOF on stdin); the
    process's CPU seconds at that moment."""

    async def read_stdin() -> None:
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while True:
            line = await reader.readline()
            if not line or line.strip() == b"stop":
                stop.set()
                return

    async def report() -> None:
        while not stop.is_set():
            print(f"COUNT {count()}", flush=True)
            await asyncio.sleep(0.5)

    tasks = [asyncio.create_task(read_stdin()), asyncio.create_task(report())]
    # No collections while recording: the receipts pile up as survivors, and a generation-2 pass
    # over them stalled this process ~150 ms mid-run, which the latencies would charge to the server.
    gc.disable()
    try:
        await stop.wait()
    finally:
        gc.enable()
    cpu = time.process_time()
    for task in tasks:
        task.cancel()
    return cpu


async def lean_main(spec: dict) -> None:
    received: list = []
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    url = urlsplit(spec["url"])
    sem = asyncio.Semaphore(CONNECT_CONCURRENCY)
    errors: list[str] = []
    connections: list[LeanConnection] = []

    async def open_one(i: int) -> bool:
        async with sem:
            try:
                _, proto = await loop.create_connection(lambda: LeanConnection(i, spec, received),
                                                        url.hostname, url.port)
                connections.append(proto)
                await asyncio.wait_for(proto.acked, 30)
                return True
            except Exception as exc:
                errors.append(f"connect {i}: {type(exc).__name__}: {exc}")
                return False

    results = await asyncio.gather(*(open_one(i) for i in range(spec["n"])))
    print(f"READY {sum(results)} {len(results) - sum(results)}", flush=True)

    cpu = await _until_stopped(loop, stop, lambda: len(received))
    events = []
    for i, t, payload in received:
        msg = orjson.loads(payload)
        if msg.get("type") == "next":
            data = (msg.get("payload") or {}).get("data") or {}
            ev = next(iter(data.values()), None) or {}
            events.append([i, ev.get("conversationId"), ev.get("type"), t])
            if msg["payload"].get("errors"):
                errors.append(f"{i}: {msg['payload']['errors']}"[:300])
        else:
            errors.append(f"{i}: {msg.get('type')} {msg.get('payload')}"[:300])
    _write(spec["out"], {"events": events, "errors": errors[:50], "error_count": len(errors), "cpu_seconds": cpu})
    print("DONE", flush=True)
    for proto in connections:
        if proto.transport is not None:
            proto.transport.close()


async def main(spec: dict) -> None:
    events: list[list] = []
    errors: list[str] = []
    ready = 0
    failed = 0
    sem = asyncio.Semaphore(CONNECT_CONCURRENCY)
    subscribed: list[asyncio.Event] = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)

    async def client(i: int, done: asyncio.Event) -> None:
        nonlocal ready, failed
        try:
            async with sem:
                ws = await connect(spec["url"], subprotocols=["graphql-transport-ws"], ping_interval=None,
                                   compression=None, open_timeout=30, max_size=None)
                await ws.send(orjson.dumps({"type": "connection_init",
                                            "payload": {"Authorization": f"Bearer {spec['token']}"}}).decode())
                ack = orjson.loads(await asyncio.wait_for(ws.recv(), 30))
                if ack.get("type") != "connection_ack":
                    raise RuntimeError(f"no connection_ack: {ack}")
                await ws.send(orjson.dumps({"id": "1", "type": "subscribe",
                                            "payload": {"query": spec["query"]}}).decode())
            ready += 1
        except Exception as exc:
            failed += 1
            errors.append(f"connect {i}: {type(exc).__name__}: {exc}")
            done.set()
            return
        done.set()
        try:
            async for raw in ws:
                t = time.time_ns()
                msg = orjson.loads(raw)
                kind = msg.get("type")
                if kind == "next":
                    data = (msg.get("payload") or {}).get("data") or {}
                    ev = next(iter(data.values()), None) or {}
                    events.append([i, ev.get("conversationId"), ev.get("type"), t])
                    if msg.get("payload", {}).get("errors"):
                        errors.append(f"{i}: {msg['payload']['errors']}"[:300])
                elif kind == "ping":
                    await ws.send('{"type":"pong"}')
                elif kind in ("error", "complete"):
                    errors.append(f"{i}: {kind} {msg.get('payload')}"[:300])
        except Exception as exc:
            if not stop.is_set():
                errors.append(f"{i}: {type(exc).__name__}: {exc}"[:300])
        finally:
            with contextlib.suppress(Exception):
                await ws.close()

    tasks = []
    for i in range(spec["n"]):
        done = asyncio.Event()
        subscribed.append(done)
        tasks.append(asyncio.create_task(client(i, done)))
    await asyncio.gather(*(d.wait() for d in subscribed))
    print(f"READY {ready} {failed}", flush=True)

    cpu = await _until_stopped(loop, stop, lambda: len(events))
    _write(spec["out"], {"events": events, "errors": errors[:50], "error_count": len(errors), "cpu_seconds": cpu})
    print("DONE", flush=True)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    entry = lean_main if spec.get("lean") else main
    try:
        import uvloop
    except ImportError:
        asyncio.run(entry(spec))
    else:
        uvloop.run(entry(spec))
