"""POST /api/media/s3 against a real S3 API (moto's server mode, tests/support/s3.py)."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from connectors.storage import S3Storage, StorageError
from tests.media import samples
from tests.support.s3 import LocalS3


def test_s3_round_trip_stores_in_the_bucket(team, local_s3: LocalS3) -> None:
    response = team.agent.post("/api/media/s3", files={"file": ("doc.pdf", samples.PDF, "application/pdf")})
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["filename"], body["content_type"], body["size"]) == ("doc.pdf", "application/pdf", len(samples.PDF))
    download = team.supervisor.get(body["url"])
    assert download.status_code == 200, download.text
    assert download.content == samples.PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")

    async def objects() -> list[bytes]:
        store = local_s3.storage()
        # The bytes really are in the bucket, under a generated key in the tenant's prefix.
        url = f"{store.endpoint_url}/{store.bucket}?prefix={team.admin.tenant['id']}/"
        async with httpx.AsyncClient() as client:
            listing = await client.get(url, headers=store._signed("GET", url))
        return [listing.content]

    (listing,) = asyncio.run(objects())
    assert f"<Key>{team.admin.tenant['id']}/".encode() in listing
    assert b"doc.pdf" not in listing  # never the client's name


def test_s3_applies_the_same_checks(team, rival) -> None:
    spoofed = team.agent.post("/api/media/s3", files={"file": ("x.png", samples.PDF, "image/png")})
    assert spoofed.status_code == 415, spoofed.text
    missing = team.agent.post("/api/media/s3", files={"other": ("x.png", samples.PNG, "image/png")})
    assert missing.status_code == 422, missing.text
    created = team.agent.post("/api/media/s3", files={"file": ("x.png", samples.PNG, "image/png")})
    assert created.status_code == 201, created.text
    assert rival.get(created.json()["url"]).status_code == 404


def test_an_unreachable_s3_is_a_storage_error() -> None:
    store = S3Storage(f"http://127.0.0.1:{_closed_port()}", "bucket", "key", "secret")
    with pytest.raises(StorageError, match="S3 PUT failed"):
        asyncio.run(store.put("00000000-0000-0000-0000-000000000000/" + "0" * 32, b"x"))
    with pytest.raises(StorageError, match="invalid storage key"):
        asyncio.run(store.put("../../etc/passwd", b"x"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there
