"""The GraphQL door: Strawberry's ASGI app with our context (credentials from header, cookie,
API key or the WebSocket connection_init payload) and GraphiQL served from local assets."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from graphql import GraphQLError, OperationType, get_operation_ast, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.types import ExecutionResult

from resolvers._context import Ctx
from resolvers._errors import DomainError
from resolvers.auth import authenticate_headers
from schema._base import GraphQLContext
from schema.live import LiveHub, LiveLegacyWSHandler, LiveTransportWSHandler


class _Headers(dict):
    """connection_init payload keys as case-insensitive header lookups."""

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__({str(k).lower(): v for k, v in params.items() if isinstance(v, str)})


def _is_subscription(query: str | None, operation_name: str | None) -> bool:
    if not query or "subscription" not in query:  # cheap pre-check: most requests never parse twice
        return False
    try:
        operation = get_operation_ast(parse(query), operation_name)
    except GraphQLError:
        return False  # the normal path reports the syntax error
    return operation is not None and operation.operation == OperationType.SUBSCRIPTION


class OmniGraphQL(GraphQL):
    # Subscriptions fan out from one feed per tenant, executed once per group (schema/live.py).
    graphql_transport_ws_handler_class = LiveTransportWSHandler
    graphql_ws_handler_class = LiveLegacyWSHandler

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.live_hub = LiveHub()

    def encode_json(self, data: object) -> str:
        # orjson: a 20-row page encodes several times faster than with json.dumps. A str, not
        # bytes: Strawberry sends bytes to a WebSocket as a binary frame, which clients refuse.
        return orjson.dumps(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)  # its JSONDecodeError is json's, which Strawberry answers with 400

    async def execute_single(self, request: Any, request_adapter: Any, sub_response: Any, context: Any,
                             root_value: Any, request_data: Any) -> ExecutionResult:
        # Strawberry 0.341 executes a subscription sent over HTTP (no HTTP stream protocol is
        # enabled here) like a query: the async-generator field resolves to null, a TypeError follows
        # and the client gets a masked "Internal server error" for its own mistake. Say what it is.
        if _is_subscription(request_data.query, request_data.operation_name):
            return ExecutionResult(data=None, errors=[GraphQLError(
                "Subscriptions are served over WebSocket (graphql-transport-ws or graphql-ws) only",
                extensions={"code": "BAD_REQUEST", "status": 400},
            )])
        return await super().execute_single(request, request_adapter, sub_response, context, root_value,
                                            request_data)

    async def get_context(self, request: Any, response: Any) -> GraphQLContext:
        request_id = getattr(request.state, "request_id", None) or uuid.uuid4().hex
        client_ip = request.client.host if request.client else None
        try:
            ctx = await authenticate_headers(request.headers, request.cookies, request_id=request_id, client_ip=client_ip)
            error = None
        except DomainError as exc:
            ctx, error = Ctx.anonymous(request_id, client_ip), exc
        return GraphQLContext(request=request, response=response, ctx=ctx, auth_error=error)

    async def on_ws_connect(self, context: GraphQLContext) -> Any:
        params = context.connection_params or {}
        if not isinstance(params, dict):
            raise ConnectionRejectionError({"reason": "connection_init payload must be an object"})
        headers = _Headers(params)
        if headers.get("authorization") or headers.get("x-api-key"):
            try:
                context.ctx = await authenticate_headers(headers, {}, request_id=context.ctx.request_id,
                                                         client_ip=context.ctx.client_ip)
                context.auth_error = None
            except DomainError as exc:
                raise ConnectionRejectionError({"reason": exc.message, "code": str(exc.code)}) from None
        if context.auth_error is not None or not context.ctx.is_authenticated:
            raise ConnectionRejectionError({"reason": "Authentication required", "code": "UNAUTHENTICATED"})
        return {"agent_id": str(context.ctx.actor_id)}

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # Assets are vendored under /static/vendor (byte-identical to unpkg: SRI hashes hold).
        return HTMLResponse(self.graphql_ide_html.replace("https://unpkg.com/", "/static/vendor/"))
