"""Starlette routes generated from the route table, and the error shape of the REST door:
{"error": {"code", "message", "details"}} with the code's HTTP status."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import orjson
from starlette._utils import get_route_path
from starlette.datastructures import UploadFile, URLPath
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, NoMatchFound, Route
from starlette.types import Receive, Scope, Send

from resolvers._errors import HTTP_STATUS, DomainError, ErrorCode, Unauthenticated, ValidationFailed
from resolvers._pagination import Page
from resolvers.auth import SESSION_COOKIE, authenticate_headers
from rest_compat.table import ENDPOINTS, Endpoint

log = logging.getLogger(__name__)

MAX_JSON_BODY = 1024 * 1024
# Room for the multipart framing around an upload (boundaries, part headers, small fields).
MULTIPART_OVERHEAD = 64 * 1024


class JSONResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        # Datetimes a presenter leaves as they are come out as presenters._base.iso() writes
        # them (ISO-8601, UTC as Z), in C: the hot lists hold five per row.
        return orjson.dumps(content, option=orjson.OPT_UTC_Z)


def request_id_of(request: Request) -> str:
    return getattr(request.state, "request_id", None) or uuid.uuid4().hex


def error_response(code: ErrorCode, message: str, *, details: Any = None, request_id: str | None = None,
                   retry_after: int | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": str(code), "message": message}
    if details is not None:
        body["details"] = details
    if retry_after is not None:
        body["retry_after"] = retry_after
    if request_id:
        body["request_id"] = request_id
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse({"error": body}, status_code=HTTP_STATUS[code], headers=headers)


def domain_error_response(exc: DomainError, request_id: str | None = None) -> JSONResponse:
    return error_response(exc.code, exc.message, details=exc.details, request_id=request_id, retry_after=exc.retry_after)


def _is_uuid_param(name: str) -> bool:
    return name == "id" or name.endswith("_id")


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if len(raw) > MAX_JSON_BODY:
        raise DomainError("The request body is too large", code=ErrorCode.PAYLOAD_TOO_LARGE)
    if not raw.strip():
        return {}
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DomainError(f"Malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", code=ErrorCode.BAD_REQUEST) from None


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """One file of a multipart/form-data body, as a resolver receives it (keyword `upload`):
    its name, content type and bytes; `read()` is async like Starlette's UploadFile, which a
    GraphQL upload would hand over. A binding failure (not multipart, field missing, too large)
    waits in `error` and is raised by read(), so the resolver's permission check still answers
    first: a caller without the right gets 403 whatever they sent."""

    filename: str | None
    content_type: str | None
    data: bytes = b""
    error: DomainError | None = None

    async def read(self) -> bytes:
        if self.error is not None:
            raise self.error
        return self.data


def _upload_error(message: str, code: ErrorCode, field: str | None = None) -> UploadedFile:
    details = [{"field": field, "message": message}] if field else None
    return UploadedFile(None, None, error=DomainError(message, code=code, details=details))


async def _upload(ep: Endpoint, request: Request) -> UploadedFile:
    """The file in multipart field `ep.upload`, at most `ep.max_upload_bytes` long."""
    field, limit = ep.upload, ep.upload_limit
    assert field is not None
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "multipart/form-data":
        return _upload_error(f"Send the file as multipart/form-data in the field {field!r}",
                             ErrorCode.UNSUPPORTED_MEDIA_TYPE)
    too_large = _upload_error(f"The file is larger than {limit} bytes", ErrorCode.PAYLOAD_TOO_LARGE, field)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD:
        return too_large
    # Read with a cap rather than trusting Content-Length (chunked bodies have none).
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit + MULTIPART_OVERHEAD:
            return too_large

    async def replay():  # the parser reads a stream; hand it the bytes already read
        yield bytes(raw)

    try:
        form = await MultiPartParser(request.headers, replay(), max_files=4, max_fields=32,
                                     max_part_size=MULTIPART_OVERHEAD).parse()
    except Exception as exc:  # any parser failure on client bytes is the client's malformed body
        detail = getattr(exc, "message", None) or "Invalid multipart data."
        return _upload_error(f"Malformed multipart body: {detail}", ErrorCode.BAD_REQUEST)
    try:
        part = form.get(field)
        if not isinstance(part, UploadFile):
            message = "is missing" if part is None else "must be a file, not a text field"
            return _upload_error(f"The multipart field {field!r} {message}", ErrorCode.VALIDATION_FAILED, field)
        data = await part.read()
        if len(data) > limit:
            return too_large
        return UploadedFile(part.filename, part.content_type, data)
    finally:
        await form.close()


def _bind(ep: Endpoint, request: Request) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    for name, value in request.path_params.items():
        if _is_uuid_param(name) and name not in ep.text_params:
            try:
                value = uuid.UUID(value)
            except ValueError:
                raise ValidationFailed.field(name, "must be a UUID") from None
        kwargs[ep.path_args.get(name, name)] = value
    if ep.query is not None:
        kwargs["params"] = dict(request.query_params)
    return kwargs


# --- door-specific finishing touches, named by the table's `respond`

def _set_session_cookie(request: Request, response: Response, result: Any) -> None:
    max_age = max(0, int(result.expires_at.timestamp() - time.time()))
    response.set_cookie(
        SESSION_COOKIE, result.token, max_age=max_age, httponly=True, samesite="lax",
        secure=request.url.scheme == "https", path="/",
    )


def _clear_session_cookie(request: Request, response: Response, result: Any) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def _status_from_health(request: Request, response: Response, result: Any) -> None:
    if result["status"] == "down":
        response.status_code = 503


RESPONDERS = {
    "set_session_cookie": _set_session_cookie,
    "clear_session_cookie": _clear_session_cookie,
    "status_from_health": _status_from_health,
}


def _page_url(request: Request, page: int) -> str:
    """The request's URL for another page (its other parameters kept). Built as text: Starlette's
    URL.include_query_params re-parses and rebuilds the whole URL, a list page's costliest line."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    params.append(("page", str(page)))
    return f"{str(request.url).split('?', 1)[0]}?{urlencode(params)}"


def make_handler(ep: Endpoint):
    respond = RESPONDERS[ep.respond] if ep.respond else None

    async def handler(request: Request) -> Response:
        request_id = request_id_of(request)
        try:
            ctx = await authenticate_headers(
                request.headers, request.cookies, request_id=request_id,
                client_ip=request.client.host if request.client else None,
            )
            if not ep.public and not ctx.is_authenticated:
                raise Unauthenticated()
            kwargs = _bind(ep, request)
            if ep.body is not None:
                kwargs["data"] = await _json_body(request)
            if ep.raw:
                kwargs["raw"] = await request.body()
                kwargs["headers"] = request.headers
            if ep.upload is not None:
                kwargs["upload"] = await _upload(ep, request)
            result = await ep.call(ctx, **kwargs)
        except DomainError as exc:
            return domain_error_response(exc, request_id)
        headers = {}
        if ep.many:
            page: Page = result
            content: Any = [ep.presenter.present(item) for item in page.items]
            if page.total is not None:
                headers["X-Total-Count"] = str(page.total)
            if page.has_more:
                headers["Link"] = f'<{_page_url(request, page.page + 1)}>; rel="next"'
        elif isinstance(result, list):
            content = [ep.presenter.present(item) for item in result]
            headers["X-Total-Count"] = str(len(result))
        else:
            content = ep.presenter.present(result)
        media_type = getattr(ep.presenter, "media_type", "application/json")
        if isinstance(content, Response):  # a presenter answering with its own response (file bytes)
            response = content
            response.headers.update(headers)
        elif media_type != "application/json":  # text (text/plain, text/csv...): the presenter gives a str
            filename = getattr(ep.presenter, "attachment_filename", None)
            if filename:
                headers["Content-Disposition"] = f'attachment; filename="{filename}"'
            response = Response(content, status_code=ep.status, media_type=media_type, headers=headers)
        else:
            response = JSONResponse(content, status_code=ep.status, headers=headers)
        if respond is not None:
            respond(request, response, result)
        return response

    handler.__name__ = ep.call.__name__
    return handler


def build_routes() -> list[Route]:
    """One Starlette Route per path, dispatching on method (Starlette answers 405 otherwise)."""
    by_path: dict[str, list[Endpoint]] = {}
    for ep in ENDPOINTS:
        by_path.setdefault(ep.path, []).append(ep)
    routes = []
    # Static segments before parameters ("/api/conversations/bulk" before ".../{id}"): Starlette
    # takes the first match, so a parameterised sibling listed earlier would capture the static
    # path (GET .../events/export -> get(id="export")) or answer its 405 with the wrong Allow.
    for path in sorted(by_path, key=lambda p: [s.startswith("{") for s in p.split("/")]):
        eps = by_path[path]
        handlers = {ep.method: make_handler(ep) for ep in eps}

        async def dispatch(request: Request, _handlers=handlers) -> Response:
            # Starlette lets HEAD through wherever GET is allowed.
            method = "GET" if request.method == "HEAD" else request.method
            return await _handlers[method](request)

        routes.append(Route(path, dispatch, methods=list(handlers)))
    return routes


class RestRoutes(BaseRoute):
    """The REST routes as one Starlette route that picks candidates by the path's first segment
    after /api/ before matching patterns: Starlette alone tries every route's regex in turn,
    ~100 of them for a path near the end of the table. Within a group, order and the
    full-before-partial (405) rule are Starlette's own."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = routes
        self._groups: dict[str, list[Route]] = {}
        for route in routes:
            group = _group_of(route.path)
            if "{" in group:  # a parameter there would need every group searched
                raise ValueError(f"{route.path}: the first two segments of a REST path must be fixed")
            self._groups.setdefault(group, []).append(route)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        partial: tuple[Match, Scope] = (Match.NONE, {})
        for route in self._groups.get(_group_of(get_route_path(scope)), ()):
            match, child_scope = route.matches(scope)
            if match is Match.FULL:
                return match, {**child_scope, ROUTE_KEY: route}
            if match is Match.PARTIAL and partial[0] is Match.NONE:
                partial = (match, {**child_scope, ROUTE_KEY: route})
        return partial

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = scope[ROUTE_KEY]
        scope["route"] = route
        await route.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        for route in self.routes:
            try:
                return route.url_path_for(name, **path_params)
            except NoMatchFound:
                pass
        raise NoMatchFound(name, path_params)


ROUTE_KEY = "omnistream.route"


def _group_of(path: str) -> str:
    """"/api/conversations/{id}" -> "api/conversations"."""
    return "/".join(path.split("/", 3)[1:3])


async def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    code = {404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD_NOT_ALLOWED}.get(exc.status_code, ErrorCode.BAD_REQUEST)
    message = "No such endpoint" if exc.status_code == 404 else str(exc.detail)
    response = error_response(code, message, request_id=request_id_of(request))
    response.status_code = exc.status_code
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def unhandled_exception_handler(request: Request, exc: Exception) -> Response:
    request_id = request_id_of(request)
    log.exception("unhandled error (request %s)", request_id)
    return error_response(ErrorCode.INTERNAL, "Internal server error", request_id=request_id)
