"""A real S3 API for the tests: moto's server mode (an HTTP server speaking the S3 protocol) on a
free local port, with the bucket the live server is configured to use."""

from __future__ import annotations

import asyncio
import socket

from moto.server import ThreadedMotoServer

from connectors.storage import S3Storage

S3_BUCKET = "omnistream-test-media"
S3_ACCESS_KEY_ID = "test-access-key"
S3_SECRET_ACCESS_KEY = "test-secret-key"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalS3:
    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def storage(self) -> S3Storage:
        return S3Storage(self.url, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)

    def start(self) -> LocalS3:
        self._server.start()
        asyncio.run(self.storage().create_bucket())
        return self

    def stop(self) -> None:
        self._server.stop()

    def env(self) -> dict[str, str]:
        return {"S3_ENDPOINT_URL": self.url, "S3_BUCKET": S3_BUCKET, "S3_ACCESS_KEY_ID": S3_ACCESS_KEY_ID,
                "S3_SECRET_ACCESS_KEY": S3_SECRET_ACCESS_KEY}
