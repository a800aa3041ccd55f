"""The Starlette application: REST routes generated from the route table under /api, the
GraphQL endpoint (HTTP + WebSocket) at /graphql, docs, static assets, and the lifespan that
starts the runtime."""

from __future__ import annotations

import uuid
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from omnistream.diagnostics import SqlStatementHeader, instrument_database
from omnistream.runtime import Runtime
from omnistream.settings import Settings, load_settings
from rest_compat.http import JSONResponse, RestRoutes, build_routes, http_exception_handler, unhandled_exception_handler
from rest_compat.openapi import openapi_document
from schema import build_schema
from schema.http import OmniGraphQL

STATIC_DIR = Path(__file__).resolve().parent / "static"


class RequestIdMiddleware:
    """Every request gets an id (the caller's X-Request-ID if sane), echoed in the response
    and written in logs of masked errors."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        supplied = dict(scope.get("headers") or ()).get(b"x-request-id", b"").decode("latin-1")
        request_id = supplied if 0 < len(supplied) <= 64 and supplied.isprintable() else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        if scope["type"] == "websocket":  # no HTTP response to tag; every live event passes through send
            return await self.app(scope, receive, send)

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        await self.app(scope, receive, send_with_id)


async def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi_document())


async def docs_page(request: Request) -> Response:
    return FileResponse(STATIC_DIR / "docs.html", media_type="text/html")


async def root(request: Request) -> Response:
    return RedirectResponse("/graphql")


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> Starlette:
    settings = settings or load_settings()
    runtime = runtime or Runtime(settings)
    schema = build_schema(
        max_depth=settings.graphql_max_depth, max_aliases=settings.graphql_max_aliases,
        max_tokens=settings.graphql_max_tokens,
    )
    graphql = OmniGraphQL(schema, graphql_ide="graphiql", keep_alive=True, keep_alive_interval=15,
                          allowed_origins=list(settings.allowed_origins))

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await runtime.start()
        if settings.sql_statement_header:
            instrument_database()
        app.state.runtime = runtime
        try:
            yield
        finally:
            await runtime.stop()

    routes = [
        Route("/", root),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/api/openapi.json", openapi_json),
        Route("/api/docs", docs_page),
        RestRoutes(build_routes()),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_exception_handler, Exception: unhandled_exception_handler},
    )
    if settings.sql_statement_header:
        app.add_middleware(SqlStatementHeader)
    app.add_middleware(RequestIdMiddleware)
    return app
