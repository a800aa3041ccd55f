"""THE route table: every REST endpoint, as data. Starlette routes (rest_compat/http.py) and
the OpenAPI document (rest_compat/openapi.py) are generated from it. A documented row of
endpoints.tsv that is not served yet is in PENDING (and answers 404)."""

from __future__ import annotations

import csv
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from rest_compat.presenters._base import MessageOut, Presenter
from rest_compat.presenters.agents import AgentOut
from rest_compat.presenters.api_keys import ApiKeyOut, CreatedApiKeyOut
from rest_compat.presenters.auth import RegisteredOut, SessionOut, TokenOut
from rest_compat.presenters.health import HealthOut
from rest_compat.presenters.roles import PermissionOut, RoleOut
from resolvers import agents, api_keys, auth, health, roles
from resolvers._pagination import PageParams

ENDPOINTS_TSV = Path(__file__).with_name("endpoints.tsv")


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    call: Callable[..., Awaitable[Any]]
    presenter: type[Presenter]
    status: int = 200
    body: type[BaseModel] | None = None  # JSON body -> resolver keyword `data`
    query: type[BaseModel] | None = None  # query string -> resolver keyword `params`
    path_args: dict[str, str] = field(default_factory=dict)  # {path param: resolver keyword}
    many: bool = False  # a Page: JSON array + X-Total-Count
    public: bool = False
    # Door-specific finishing touches (session cookie, status from the result).
    respond: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.method, self.path)


ID = {"id": "agent_id"}

ENDPOINTS: tuple[Endpoint, ...] = (
    # Auth
    Endpoint("POST", "/api/auth/register", auth.register, RegisteredOut, 201, body=auth.RegisterInput, public=True, respond="set_session_cookie"),
    Endpoint("POST", "/api/auth/login", auth.login, SessionOut, body=auth.LoginInput, public=True, respond="set_session_cookie"),
    Endpoint("GET", "/api/auth/me", auth.me, AgentOut),
    Endpoint("GET", "/api/auth/refresh", auth.refresh, TokenOut, respond="set_session_cookie"),
    Endpoint("POST", "/api/auth/logout", auth.logout, MessageOut, respond="clear_session_cookie"),
    # Agents
    Endpoint("GET", "/api/agents", agents.list_agents, AgentOut, query=agents.AgentFilter, many=True),
    Endpoint("POST", "/api/agents", agents.create_agent, AgentOut, 201, body=agents.AgentCreate),
    Endpoint("GET", "/api/agents/{id}", agents.get_agent, AgentOut, path_args=ID),
    Endpoint("PATCH", "/api/agents/{id}", agents.update_agent, AgentOut, body=agents.AgentUpdate, path_args=ID),
    Endpoint("DELETE", "/api/agents/{id}", agents.delete_agent, MessageOut, path_args=ID),
    Endpoint("PATCH", "/api/agents/{id}/status", agents.set_agent_status, AgentOut, body=agents.AgentStatusInput, path_args=ID),
    # Roles
    Endpoint("GET", "/api/roles", roles.list_roles, RoleOut, query=PageParams, many=True),
    Endpoint("POST", "/api/roles", roles.create_role, RoleOut, 201, body=roles.RoleCreate),
    Endpoint("GET", "/api/roles/{id}", roles.get_role, RoleOut, path_args={"id": "role_id"}),
    Endpoint("PATCH", "/api/roles/{id}", roles.update_role, RoleOut, body=roles.RoleUpdate, path_args={"id": "role_id"}),
    Endpoint("DELETE", "/api/roles/{id}", roles.delete_role, MessageOut, path_args={"id": "role_id"}),
    Endpoint("GET", "/api/permissions", roles.list_permissions, PermissionOut),
    # API keys
    Endpoint("GET", "/api/api-keys", api_keys.list_api_keys, ApiKeyOut, query=PageParams, many=True),
    Endpoint("POST", "/api/api-keys", api_keys.create_api_key, CreatedApiKeyOut, 201, body=api_keys.ApiKeyCreate),
    Endpoint("DELETE", "/api/api-keys/{id}", api_keys.revoke_api_key, MessageOut, path_args={"id": "api_key_id"}),
    # Health
    Endpoint("GET", "/api/health", health.health, HealthOut, public=True, respond="status_from_health"),
)


@dataclass(frozen=True)
class DocumentedRow:
    section: str
    method: str
    path: str
    summary: str
    access: str


def documented_rows() -> list[DocumentedRow]:
    with ENDPOINTS_TSV.open(newline="") as fh:
        return [DocumentedRow(**row) for row in csv.DictReader(fh, delimiter="\t")]


PENDING_TSV = Path(__file__).with_name("pending.tsv")


def _pending() -> frozenset[tuple[str, str]]:
    with PENDING_TSV.open(newline="") as fh:
        return frozenset((row["method"], row["path"]) for row in csv.DictReader(fh, delimiter="\t"))


# Documented but not built yet: absent from the routes (so 404), listed in pending.tsv, and only
# ever shrinking. tests/contract/test_route_table.py checks served + pending == endpoints.tsv.
PENDING: frozenset[tuple[str, str]] = _pending()
