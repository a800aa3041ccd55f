"""What the contract tests share: the route table read as data (templates, parameters, concrete
paths), a cookieless HTTP client, and fresh sessions for an existing agent."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from rest_compat.table import ENDPOINTS, Endpoint, documented_rows
from tests.support.api import Actor

PARAM = re.compile(r"{(\w+)}")
# What the router answers for a path (or a pending row) that no route serves; a served row's
# own 404 (a missing object) carries the resolver's message instead.
ROUTER_404_MESSAGE = "No such endpoint"
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

SERVED: dict[tuple[str, str], Endpoint] = {ep.key: ep for ep in ENDPOINTS}
ACCESS: dict[tuple[str, str], str] = {(r.method, r.path): r.access for r in documented_rows()}


def route_id(key: Endpoint | tuple[str, str]) -> str:
    method, path = key.key if isinstance(key, Endpoint) else key
    return f"{method} {path}"


def params_of(path: str) -> list[str]:
    return PARAM.findall(path)


def resource_of(path: str) -> str:
    """The path template up to its last parameter: "/api/agents/{id}/status" -> "/api/agents/{id}"."""
    matches = list(PARAM.finditer(path))
    return path[: matches[-1].end()] if matches else path


def fill(path: str, values: Mapping[str, Any]) -> str:
    return PARAM.sub(lambda m: str(values[m.group(1)]), path)


def random_params(path: str) -> dict[str, str]:
    # A UUID is a valid value for every kind of segment ({id}, {channel}, {token}...).
    return {name: str(uuid.uuid4()) for name in params_of(path)}


def json_body(ep: Endpoint, body: Any) -> dict[str, Any]:
    """httpx keyword arguments: a JSON body only where the route reads one."""
    return {"json": body} if ep.body is not None else {}


def cookieless_client(base_url: str) -> httpx.Client:
    """A client that never stores cookies: the session cookie set by one call must not turn a
    later "no credentials" call into an authenticated one."""
    return httpx.Client(base_url=base_url, timeout=30, cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])))


def fresh_session(actor: Actor) -> Actor:
    """The same agent with a brand-new session. Minted rather than logged in (no argon2 per
    case), so a call that ends its session (logout) cannot spoil the next case."""
    from resolvers.auth import issue_token

    agent = actor.agent
    token, _ = issue_token(subject=uuid.UUID(agent["id"]), tenant_id=uuid.UUID(agent["tenant_id"]),
                           session_id=uuid.uuid4().hex)
    return Actor(actor.client, token, agent, actor.tenant, actor.password)


def error_of(response: httpx.Response) -> dict[str, Any]:
    """The documented error object, asserting the shape {"error": {"code", "message", ...}}."""
    assert response.headers.get("content-type", "").startswith("application/json"), response.text
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, body
    error = body["error"]
    assert isinstance(error.get("code"), str) and isinstance(error.get("message"), str), body
    return error
