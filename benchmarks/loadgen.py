"""Built-in HTTP/1.1 keep-alive load generator, used when wrk is not installed:
`python -m benchmarks.loadgen spec.json` prints one `BENCHJSON {...}` line shaped like the wrk
script's. N connections, each sending its next request as soon as the previous answer is read,
for a fixed duration (closed loop, like wrk)."""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from urllib.parse import urlsplit


def build_requests(spec: dict, host: str) -> list[bytes]:
    base = "".join(f"{k}: {v}\r\n" for k, v in spec.get("headers", {}).items())
    out = []
    with open(spec["file"]) as fh:
        for line in fh:
            method, path, header, body = line.rstrip("\n").split("\t", 3)
            data = body.encode()
            head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\n{base}"
            if header:
                head += header + "\r\n"
            if data or method in ("POST", "PUT", "PATCH"):
                head += f"Content-Length: {len(data)}\r\n"
            out.append(head.encode() + b"\r\n" + data)
    return out


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length, chunked = None, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def main(spec: dict) -> None:
    url = urlsplit(spec["base_url"])
    host, port = url.hostname, url.port or 80
    reqs = build_requests(spec, f"{host}:{port}")
    n = spec["connections"]
    mode = spec["mode"]
    timeout = spec.get("timeout", 10)
    latencies: list[float] = []
    errors = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0}
    start = time.perf_counter()
    deadline = start + spec["seconds"]
    last_done = [start]

    async def worker(c: int) -> None:
        mine = reqs if mode == "random" else reqs[c::n] or reqs
        rng = random.Random(c)
        i = 0
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            errors["connect"] += 1
            return
        try:
            while time.perf_counter() < deadline:
                req = rng.choice(mine) if mode == "random" else mine[i % len(mine)]
                i += 1
                t0 = time.perf_counter()
                writer.write(req)
                try:
                    status = await asyncio.wait_for(read_response(reader), timeout)
                except TimeoutError:
                    errors["timeout"] += 1
                    break
                except (asyncio.IncompleteReadError, ConnectionError):
                    errors["read"] += 1
                    break
                t1 = time.perf_counter()
                if t1 > deadline:
                    break
                latencies.append(t1 - t0)
                last_done[0] = t1
                if status >= 400:
                    errors["status"] += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker(c) for c in range(n)))
    duration = max(last_done[0], deadline) - start
    latencies.sort()

    def pct(p: float) -> int:
        if not latencies:
            return 0
        return int(latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1e6)

    result = {"requests": len(latencies), "duration_us": int(duration * 1e6),
              **{f"errors_{k}": v for k, v in errors.items()},
              "p50_us": pct(50), "p90_us": pct(90), "p99_us": pct(99), "max_us": int((latencies or [0])[-1] * 1e6)}
    print("BENCHJSON " + json.dumps(result), flush=True)


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    try:
        import uvloop
    except ImportError:
        asyncio.run(main(spec))
    else:
        uvloop.run(main(spec))
