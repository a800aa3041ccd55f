"""Subscription client process: N graphql-transport-ws connections, one subscription each.

    python -m benchmarks.subclient spec.json

spec: {"url": "ws://...", "token": "...", "n": 1000, "query": "subscription {...}", "out": "path"}.
Prints `READY <ok> <failed>` once every connection is subscribed (then `COUNT <events>` every
0.5 s), records the receipt time
(time.time_ns(), the same clock as the poster in the parent) of every `next` message until a
line `stop` arrives on stdin (or SIGTERM), and writes them to `out` as
{"events": [[connection, conversationId, type, t_ns], ...], "errors": [...]}."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
import time
from pathlib import Path

import orjson
from websockets.asyncio.client import connect

CONNECT_CONCURRENCY = 50


def _write(path: str, obj: dict) -> None:
    Path(path).write_text(json.dumps(obj))


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
            print(f"COUNT {len(events)}", flush=True)
            await asyncio.sleep(0.5)

    stdin_task = asyncio.create_task(read_stdin())
    report_task = asyncio.create_task(report())
    await stop.wait()
    stdin_task.cancel()
    report_task.cancel()
    _write(spec["out"], {"events": events, "errors": errors[:50], "error_count": len(errors)})
    print("DONE", flush=True)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    try:
        import uvloop
    except ImportError:
        asyncio.run(main(spec))
    else:
        uvloop.run(main(spec))
