"""A stand-in for Meta's Graph API, served by a real uvicorn on 127.0.0.1 in a background thread.

Tests point `GraphClient(base_url=server.base_url)` (or the app's settings) at it and then
assert on what was sent. Real HTTP on purpose: it exercises timeouts, headers and JSON
encoding exactly as production does, which an in-process transport would not.

    with FakeGraphServer() as graph:
        ...  # code under test sends to graph.base_url
        assert graph.requests[-1]["json"]["to"] == "+16505551234"
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any, Self

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

__all__ = ["FakeGraphServer", "FakeMedia", "QueuedError"]


@dataclass(slots=True)
class FakeMedia:
    data: bytes
    mime_type: str
    metadata_failures: int = 0  # the next N metadata calls answer 500 (a transient Graph error)
    expired: bool = False  # the download URL answers 404 (Meta's URLs live 5 minutes)
    sha256: str | None = None  # what the metadata claims (default: the bytes' real hash)


@dataclass(frozen=True, slots=True)
class QueuedError:
    status: int
    code: int
    message: str
    subcode: int | None = None
    error_type: str = "OAuthException"
    is_transient: bool | None = None

    def body(self) -> dict[str, Any]:
        # Graph's error envelope (GRAPH_API.md section 9), with WhatsApp's error_data.
        error: dict[str, Any] = {
            "message": self.message,
            "type": self.error_type,
            "code": self.code,
            "error_data": {"messaging_product": "whatsapp", "details": self.message},
            "fbtrace_id": "FAKE" + uuid.uuid4().hex[:12].upper(),
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.is_transient is not None:
            error["is_transient"] = self.is_transient
        return {"error": error}


class FakeGraphServer:
    """Thread-safe fake Graph API. Handlers run on the server thread, tests on theirs, so every
    piece of shared state is touched only under `self._lock`."""

    def __init__(self, version: str = "v25.0", host: str = "127.0.0.1") -> None:
        self.version = version
        self.host = host
        self._lock = threading.Lock()
        self._requests: list[dict[str, Any]] = []
        self._errors: deque[QueuedError] = deque()
        self._stubs: dict[tuple[str, str], tuple[int, Any]] = {}
        self._sent_wamids: list[str] = []
        # WhatsApp media: id -> FakeMedia (GET /{id} metadata, GET /media-bytes/{id} bytes, bearer only)
        self._media: dict[str, FakeMedia] = {}
        # Messenger / Instagram CDN files: name -> (status, bytes, content type), served without a token
        self._cdn: dict[str, tuple[int, bytes, str]] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self.port: int | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("FakeGraphServer is not started")
        return f"http://{self.host}:{self.port}/{self.version}"

    def start(self, timeout: float = 10.0) -> FakeGraphServer:
        if self._thread is not None:
            return self
        # Bind first and hand the socket to uvicorn: the port is known before the thread starts
        # and there is no race with another process grabbing it.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, 0))
        self._socket = sock
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._build_app(),
            log_level="warning",
            lifespan="off",
            loop="asyncio",
            access_log=False,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            name="fake-graph",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("FakeGraphServer failed to start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._socket is not None:
            self._socket.close()
        self._server = None
        self._thread = None
        self._socket = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- test controls --------------------------------------------------------------------------

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Snapshot of recorded requests: {method, path, query, headers, json}."""
        with self._lock:
            return list(self._requests)

    @property
    def sent_messages(self) -> list[dict[str, Any]]:
        """Recorded POST .../messages requests only (sends and mark-as-read)."""
        return [
            r
            for r in self.requests
            if r["method"] == "POST" and r["path"].endswith("/messages")
        ]

    @property
    def sent_wamids(self) -> list[str]:
        with self._lock:
            return list(self._sent_wamids)

    def queue_error(
        self,
        status: int,
        code: int,
        message: str,
        times: int = 1,
        subcode: int | None = None,
        error_type: str = "OAuthException",
        is_transient: bool | None = None,
    ) -> None:
        """Make the next `times` send calls (POST .../messages) fail with this Graph error."""
        err = QueuedError(status, code, message, subcode, error_type, is_transient)
        with self._lock:
            self._errors.extend([err] * times)

    def stub(self, method: str, path: str, json_body: Any, status: int = 200) -> None:
        """Answer `method path` (path without the version prefix, e.g. "/123/media") with json_body."""
        with self._lock:
            self._stubs[(method.upper(), "/" + path.lstrip("/"))] = (status, json_body)

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self._errors.clear()
            self._stubs.clear()
            self._sent_wamids.clear()
            self._media.clear()
            self._cdn.clear()

    def add_media(self, media_id: str, data: bytes, mime_type: str, **options: Any) -> FakeMedia:
        """Serve a WhatsApp media id: GET /{media_id} (metadata) and its URL (bytes), bearer only.
        Options: metadata_failures, expired, sha256 (see FakeMedia)."""
        media = FakeMedia(data, mime_type, **options)
        with self._lock:
            self._media[media_id] = media
        return media

    def media_fetches(self, media_id: str) -> int:
        """How many times the bytes of this media id were downloaded."""
        return sum(1 for r in self.requests if r["method"] == "GET" and r["path"] == f"/media-bytes/{media_id}")

    def add_cdn_file(self, name: str, data: bytes, content_type: str = "application/octet-stream",
                     status: int = 200) -> str:
        """Serve bytes at a token-less URL (a Messenger / Instagram attachment); returns the URL."""
        with self._lock:
            self._cdn[name] = (status, data, content_type)
        return f"http://{self.host}:{self.port}/cdn/{name}"

    def cdn_fetches(self, name: str) -> int:
        return sum(1 for r in self.requests if r["method"] == "GET" and r["path"] == f"/cdn/{name}")

    @property
    def uploads(self) -> list[dict[str, Any]]:
        """Recorded multipart requests (media uploads, Send API with filedata): form fields and files."""
        return [r for r in self.requests if r.get("files")]

    # -- the app --------------------------------------------------------------------------------

    def _build_app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/cdn/{name}", self._cdn_file, methods=["GET"]),
                Route("/media-bytes/{media_id}", self._media_bytes, methods=["GET"]),
                Route("/{version}/{phone_number_id}/media", self._upload_media, methods=["POST"]),
                Route(
                    "/{version}/{phone_number_id}/messages",
                    self._messages,
                    methods=["POST"],
                ),
                Route(
                    "/{path:path}",
                    self._other,
                    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                ),
            ]
        )

    async def _record(self, request: Request) -> dict[str, Any]:
        raw = await request.body()
        form: dict[str, str] = {}
        files: dict[str, dict[str, Any]] = {}
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            async with request.form() as parsed:
                for name, value in parsed.multi_items():
                    if isinstance(value, str):
                        form[name] = value
                    else:
                        files[name] = {"filename": value.filename, "content_type": value.content_type,
                                       "data": await value.read()}
            body: Any = None
        else:
            try:
                body = await request.json() if raw else None
            except ValueError:
                body = None
        record = {
            "method": request.method,
            "path": request.url.path,
            "query": dict(request.query_params),
            "headers": {k.lower(): v for k, v in request.headers.items()},
            "json": body,
            "form": form,
            "files": files,
        }
        with self._lock:
            self._requests.append(record)
        return record

    @staticmethod
    def _unauthorised(record: dict[str, Any]) -> JSONResponse | None:
        auth = record["headers"].get("authorization", "")
        if auth.startswith("Bearer ") and auth[len("Bearer ") :].strip():
            return None
        err = QueuedError(
            401, 190, "Invalid OAuth access token - Cannot parse access token"
        )
        return JSONResponse(err.body(), status_code=401)

    async def _messages(self, request: Request) -> JSONResponse:
        record = await self._record(request)
        denied = self._unauthorised(record)
        if denied is not None:
            return denied
        with self._lock:
            queued = self._errors.popleft() if self._errors else None
        if queued is not None:
            return JSONResponse(queued.body(), status_code=queued.status)
        body = record["json"] if isinstance(record["json"], dict) else {}
        if record["form"]:  # Send API upload-and-send: the JSON fields arrive as form fields
            body = {k: json.loads(v) if v[:1] in "{[" else v for k, v in record["form"].items()}
        if body.get("status") == "read":
            return JSONResponse({"success": True})
        if isinstance(body.get("recipient"), dict):  # Messenger / Instagram Send API
            mid = "m_TEST" + uuid.uuid4().hex
            with self._lock:
                self._sent_wamids.append(mid)
            return JSONResponse({"recipient_id": str(body["recipient"].get("id", "")), "message_id": mid})
        to = str(body.get("to", ""))
        wamid = "wamid.TEST" + uuid.uuid4().hex.upper()
        with self._lock:
            self._sent_wamids.append(wamid)
        return JSONResponse(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to.lstrip("+")}],
                "messages": [{"id": wamid}],
            }
        )

    async def _upload_media(self, request: Request) -> JSONResponse:
        record = await self._record(request)
        denied = self._unauthorised(record)
        if denied is not None:
            return denied
        upload = record["files"].get("file")
        if upload is None or record["form"].get("messaging_product") != "whatsapp" or not record["form"].get("type"):
            err = QueuedError(400, 100, "(#100) The parameter file, type and messaging_product are required")
            return JSONResponse(err.body(), status_code=400)
        media_id = str(uuid.uuid4().int)[:16]
        with self._lock:
            record["answered_id"] = media_id  # what the send must then name
        return JSONResponse({"id": media_id})

    async def _media_bytes(self, request: Request) -> Response:
        record = await self._record(request)
        denied = self._unauthorised(record)
        if denied is not None:
            return denied
        with self._lock:
            media = self._media.get(request.path_params["media_id"])
        if media is None or media.expired:
            return Response(b"URL signature expired", status_code=404)
        return Response(media.data, media_type=media.mime_type)

    async def _cdn_file(self, request: Request) -> Response:
        await self._record(request)
        with self._lock:
            found = self._cdn.get(request.path_params["name"])
        if found is None:
            return Response(b"not found", status_code=404)
        status, data, content_type = found
        return Response(data, status_code=status, media_type=content_type)

    def _media_metadata(self, media_id: str) -> JSONResponse | None:
        with self._lock:
            media = self._media.get(media_id)
            if media is not None and media.metadata_failures > 0:
                media.metadata_failures -= 1
                failing = True
            else:
                failing = False
        if media is None:
            return None
        if failing:
            err = QueuedError(500, 2, "Service temporarily unavailable", is_transient=True)
            return JSONResponse(err.body(), status_code=500)
        return JSONResponse({
            "messaging_product": "whatsapp", "url": f"http://{self.host}:{self.port}/media-bytes/{media_id}",
            "mime_type": media.mime_type, "sha256": media.sha256 or hashlib.sha256(media.data).hexdigest(),
            "file_size": str(len(media.data)), "id": media_id,
        })

    async def _other(self, request: Request) -> JSONResponse:
        record = await self._record(request)
        denied = self._unauthorised(record)
        if denied is not None:
            return denied
        path = request.url.path
        prefix = f"/{self.version}"
        key_path = path[len(prefix) :] if path.startswith(prefix + "/") else path
        with self._lock:
            stub = self._stubs.get((request.method, key_path))
        if stub is not None:
            return JSONResponse(stub[1], status_code=stub[0])
        if request.method == "GET" and key_path.count("/") == 1:
            metadata = self._media_metadata(key_path.lstrip("/"))
            if metadata is not None:
                return metadata
        # What Graph answers for an unknown node/edge.
        err = QueuedError(
            400, 100, f"Unsupported {request.method.lower()} request.", subcode=33
        )
        return JSONResponse(err.body(), status_code=400)
