"""Opt-in request diagnostics (SQL_STATEMENT_HEADER=true): every HTTP response carries
`X-SQL-Statements`, the number of SQL statements run on its behalf (authentication included,
work it spawned too, background jobs not). Tests and benchmarks assert N+1-freedom with it;
production leaves it off."""

from __future__ import annotations

import functools
from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise import Tortoise

_EXECUTE_METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many", "execute_script")
_statements: ContextVar[list[str] | None] = ContextVar("omnistream_sql_statements", default=None)


def _counting(method: Any) -> Any:
    @functools.wraps(method)
    async def wrapper(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        statements = _statements.get()
        if statements is not None:
            statements.append(query)
        return await method(self, query, *args, **kwargs)

    wrapper.__omnistream_counting__ = True  # type: ignore[attr-defined]
    return wrapper


def instrument_database() -> None:
    """Wrap the execute methods of the default connection's client class (once)."""
    cls = type(Tortoise.get_connection("default"))
    for name in _EXECUTE_METHODS:
        method = getattr(cls, name, None)
        if method is not None and not getattr(method, "__omnistream_counting__", False):
            setattr(cls, name, _counting(method))


class SqlStatementHeader:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        statements: list[str] = []
        token = _statements.set(statements)

        async def send_with_count(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-sql-statements", str(len(statements)).encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_count)
        finally:
            _statements.reset(token)
