"""Storage of media bytes. The embedded default keeps files in a local folder (DATA_DIR/media);
S3Storage talks to any S3-compatible API (S3_* settings). Files are addressed only by keys the server generates: a client's file name never reaches the file
system, so no name can traverse out of the folder."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import quote, urlsplit

import httpx

from connectors.hub import services

CHUNK = 64 * 1024
# Keys are ours: "<tenant uuid>/<random hex>" — checked again on read so a corrupted row can't
# point the server at an arbitrary path.
_KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f]{32}$")


class StorageError(Exception):
    pass


def new_key(tenant_id: object) -> str:
    return f"{tenant_id}/{secrets.token_hex(16)}"


class LocalStorage:
    backend = "local"

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise StorageError(f"invalid storage key {key!r}")
        return self.root / key

    def _write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees a half-written file.
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    async def put(self, key: str, data: bytes) -> None:
        await asyncio.to_thread(self._write, key, data)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, True)

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        path = self._path(key)
        try:
            fh = await asyncio.to_thread(open, path, "rb")
        except FileNotFoundError:
            raise StorageError(f"stored file {key!r} is missing") from None
        try:
            while chunk := await asyncio.to_thread(fh.read, CHUNK):
                yield chunk
        finally:
            fh.close()

    async def exists(self, key: str) -> bool:
        return self._path(key).is_file()


def local_storage() -> LocalStorage:
    """The local-folder backend under the configured DATA_DIR."""
    settings = services.settings
    data_dir = Path(getattr(settings, "data_dir", None) or "var")
    return LocalStorage(data_dir / "media")


class S3NotConfigured(StorageError):
    pass


class S3Storage:
    """An S3-compatible bucket (AWS S3, MinIO, moto...), path-style addressing, requests signed
    with AWS Signature Version 4 over httpx (no SDK needed for put/get/head/delete)."""

    backend = "s3"
    TIMEOUT = httpx.Timeout(30.0, connect=5.0)

    def __init__(self, endpoint_url: str, bucket: str, access_key_id: str, secret_access_key: str,
                 region: str = "us-east-1") -> None:
        self.endpoint_url = endpoint_url.rstrip("/")
        self.bucket = bucket
        self.access_key_id = access_key_id
        self.secret_access_key = secret_access_key
        self.region = region

    def _url(self, key: str | None = None) -> str:
        if key is not None and not _KEY.match(key):
            raise StorageError(f"invalid storage key {key!r}")
        return f"{self.endpoint_url}/{quote(self.bucket)}" + (f"/{key}" if key is not None else "")

    def _signed(self, method: str, url: str, payload: bytes = b"") -> dict[str, str]:
        parts = urlsplit(url)
        now = datetime.now(UTC)
        amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        payload_hash = hashlib.sha256(payload).hexdigest()
        headers = {"host": parts.netloc, "x-amz-content-sha256": payload_hash, "x-amz-date": amz_date}
        signed = ";".join(sorted(headers))
        canonical = "\n".join([
            method, parts.path or "/", parts.query,
            "".join(f"{name}:{headers[name]}\n" for name in sorted(headers)), signed, payload_hash,
        ])
        scope = f"{day}/{self.region}/s3/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = ("AWS4" + self.secret_access_key).encode()
        for part in (day, self.region, "s3", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        del headers["host"]  # httpx sends the same value itself
        headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={self.access_key_id}/{scope}, "
                                    f"SignedHeaders={signed}, Signature={signature}")
        return headers

    async def _request(self, method: str, url: str, payload: bytes = b"", ok: tuple[int, ...] = (200,)) -> int:
        try:
            async with httpx.AsyncClient(timeout=self.TIMEOUT) as client:
                response = await client.request(method, url, content=payload or None,
                                                headers=self._signed(method, url, payload))
        except httpx.HTTPError as exc:
            raise StorageError(f"S3 {method} failed: {exc.__class__.__name__}") from None
        if response.status_code not in ok:
            raise StorageError(f"S3 {method} answered {response.status_code}: {response.text[:200]}")
        return response.status_code

    async def create_bucket(self) -> None:
        await self._request("PUT", self._url(), ok=(200, 409))  # 409: it exists already

    async def put(self, key: str, data: bytes) -> None:
        await self._request("PUT", self._url(key), data)

    async def delete(self, key: str) -> None:
        await self._request("DELETE", self._url(key), ok=(200, 204, 404))

    async def exists(self, key: str) -> bool:
        return await self._request("HEAD", self._url(key), ok=(200, 404)) == 200

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        url = self._url(key)
        async with httpx.AsyncClient(timeout=self.TIMEOUT) as client:
            async with client.stream("GET", url, headers=self._signed("GET", url)) as response:
                if response.status_code != 200:
                    raise StorageError(f"S3 GET answered {response.status_code}")
                async for chunk in response.aiter_bytes(CHUNK):
                    yield chunk


def s3_storage() -> S3Storage:
    settings = services.settings
    endpoint = getattr(settings, "s3_endpoint_url", None)
    if not endpoint:
        raise S3NotConfigured("S3 storage is not configured (S3_ENDPOINT_URL, S3_BUCKET, S3_ACCESS_KEY_ID, "
                              "S3_SECRET_ACCESS_KEY)")
    return S3Storage(endpoint, settings.s3_bucket, settings.s3_access_key_id or "",
                     settings.s3_secret_access_key or "", settings.s3_region)


class Storage(Protocol):
    backend: str

    async def put(self, key: str, data: bytes) -> None: ...
    async def delete(self, key: str) -> None: ...
    async def exists(self, key: str) -> bool: ...
    def stream(self, key: str) -> AsyncIterator[bytes]: ...


def backend(name: str) -> Storage:
    if name == LocalStorage.backend:
        return local_storage()
    if name == S3Storage.backend:
        return s3_storage()
    raise StorageError(f"unknown storage backend {name!r}")
