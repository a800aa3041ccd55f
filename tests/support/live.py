"""A real OmniStream server for the tests: uvicorn on a free port in a background thread, with
its own event loop. Tests talk to it over real HTTP and WebSocket; `run()` executes a
coroutine on the server's loop when a test must look at or arrange database state."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Coroutine
from typing import Any

import uvicorn

from omnistream.app import create_app
from omnistream.settings import Settings
from omnistream.websocket import BatchingWebSocketProtocol


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ws_url = f"ws://127.0.0.1:{self.port}/graphql"
        self.app = create_app(settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                ws=BatchingWebSocketProtocol, lifespan="on", loop="asyncio")  # as `omnistream serve`
        self.server = uvicorn.Server(config)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, name="live-server", daemon=True)
        self.error: BaseException | None = None

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.serve())
        except BaseException as exc:  # surfaced by start()
            self.error = exc

    def start(self, timeout: float = 30) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if self.error is not None or not self.thread.is_alive():
                raise RuntimeError(f"server failed to start: {self.error!r}")
            if time.monotonic() > deadline:
                raise TimeoutError("server did not start")
            time.sleep(0.02)
        return self

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def drain(self, timeout: float = 10) -> None:
        """Wait until the jobs enqueued so far have run (in-process queue or arq worker)."""
        from connectors.hub import services

        async def wait() -> None:
            jobs = services.jobs
            if hasattr(jobs, "drain"):
                await jobs.drain(timeout)
                return
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            while loop.time() < deadline:
                stats = await jobs.stats()
                if not stats.get("queued"):
                    await asyncio.sleep(0.05)  # a job picked up just now may still be running
                    if not (await jobs.stats()).get("queued"):
                        return
                await asyncio.sleep(0.02)

        self.run(wait(), timeout + 5)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(30)
