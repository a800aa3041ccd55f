"""The GraphQL door over real HTTP: the three ways to authenticate, the error model (domain
codes, unmasked parse/validation errors, masked internal errors), query limits, the login
cookie and the platform mutations end to end."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncGenerator, Iterator

import httpx
import pytest
import strawberry
from graphql import GraphQLError

from resolvers._errors import NotFound
from schema._errors import DomainErrors
from tests.support.api import PASSWORD, Actor, login, register, unique_email

ME = "{ me { id email role } }"


def gql(client: httpx.Client, query: str, variables: dict | None = None, headers: dict | None = None) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture()
def anon(server) -> httpx.Client:
    """A client holding no cookie (the `client` fixture keeps the registration cookie)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def admin(server) -> Iterator[Actor]:
    """One tenant for the tests of this module that don't depend on a fresh one (registration
    hashes a password: per-test tenants are what makes a suite slow)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


def only_error(body: dict) -> dict:
    assert body.get("data") is None, body
    assert len(body["errors"]) == 1, body
    return body["errors"][0]


# -- authentication -------------------------------------------------------------------------------

def test_auth_by_bearer_header(anon, admin):
    body = gql(anon, ME, headers=admin.headers)
    assert body == {"data": {"me": {"id": admin.agent["id"], "email": admin.agent["email"], "role": "admin"}}}


def test_auth_by_session_cookie_after_rest_login(anon, admin):
    assert login(anon, admin.agent["email"]).status_code == 200
    assert anon.cookies.get("omnistream_session")
    assert gql(anon, ME)["data"]["me"]["id"] == admin.agent["id"]


def test_auth_by_api_key(anon, admin):
    created = admin.post("/api/api-keys", json={"name": "gql"})
    assert created.status_code == 201, created.text
    body = gql(anon, ME, headers={"X-API-Key": created.json()["key"]})
    assert body["data"]["me"]["id"] == admin.agent["id"]


def test_anonymous_me_is_unauthenticated(anon):
    error = only_error(gql(anon, "{ me { id } }"))
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["path"] == ["me"]


def test_bad_bearer_token_is_unauthenticated(anon):
    error = only_error(gql(anon, "{ me { id } }", headers={"Authorization": "Bearer not-a-jwt"}))
    assert error["extensions"]["code"] == "UNAUTHENTICATED"


# -- the error model ------------------------------------------------------------------------------

def test_domain_errors_carry_their_code(anon, admin):
    missing = only_error(admin.gql("query($id: UUID!) { agent(id: $id) { id } }", {"id": str(uuid.uuid4())}))
    assert missing["message"] == "agent not found"
    assert missing["extensions"] == {"code": "NOT_FOUND", "status": 404}

    # A key narrowed to reading (API keys are cheaper to mint than agents: no password hash).
    narrow = admin.post("/api/api-keys", json={"name": "read-only", "permissions": ["agents.read"]}).json()["key"]
    denied = only_error(gql(
        anon, "mutation($i: AgentCreateInput!) { createAgent(input: $i) { id } }",
        {"i": {"name": "X", "email": unique_email(), "password": PASSWORD, "role": "agent"}},
        headers={"X-API-Key": narrow},
    ))
    assert denied["extensions"]["code"] == "FORBIDDEN"
    assert denied["extensions"]["details"] == {"missing": ["agents.manage"]}

    invalid = only_error(admin.gql("{ agents(perPage: 1000) { total } }"))
    assert invalid["extensions"]["code"] == "VALIDATION_FAILED"
    assert invalid["extensions"]["details"][0]["field"] == "per_page"


def test_syntax_error_is_not_masked(admin):
    error = only_error(admin.gql("{ me { id "))
    assert error["message"].startswith("Syntax Error: Expected Name, found <EOF>")
    assert error.get("extensions", {}).get("code") != "INTERNAL"


def test_validation_error_is_not_masked(admin):
    error = only_error(admin.gql("{ nope }"))
    assert error["message"].startswith("Cannot query field 'nope' on type 'Query'.")
    assert "extensions" not in error


def test_malformed_uuid_variable_is_a_validation_error(admin):
    error = only_error(admin.gql("query($id: UUID!) { agent(id: $id) { id } }", {"id": "not-a-uuid"}))
    assert error["message"].startswith("Variable '$id' has invalid value: Value cannot represent a UUID")


def test_subscription_over_plain_http_is_a_client_error_not_an_internal_one(admin):
    # Before the fix in schema/http.py this executed as a query and came back masked as INTERNAL.
    error = only_error(admin.gql("subscription { events { type } }"))
    assert error["extensions"]["code"] == "BAD_REQUEST"
    assert "WebSocket" in error["message"]


@strawberry.type
class _ThrowawayQuery:
    @strawberry.field
    def ok(self) -> str:
        return "fine"

    @strawberry.field
    def boom(self) -> str | None:
        raise RuntimeError("password=hunter2 leaked from a driver")

    @strawberry.field
    def missing(self) -> str | None:
        raise NotFound("widget not found")

    @strawberry.field
    def explicit(self) -> str | None:
        raise GraphQLError("explicit client error", extensions={"code": "CUSTOM"})


def test_non_domain_exceptions_are_masked_and_logged(caplog):
    """No genuine internal error is reachable through the API (every resolver failure found is a
    DomainError, and the one masked error found, a subscription POSTed over HTTP, is fixed), so
    the masking rule is checked on a throwaway schema that uses the same extension."""
    schema = strawberry.Schema(query=_ThrowawayQuery, extensions=[DomainErrors])
    with caplog.at_level(logging.ERROR, logger="schema._errors"):
        result = asyncio.run(schema.execute("{ ok boom missing explicit }"))

    assert result.data == {"ok": "fine", "boom": None, "missing": None, "explicit": None}
    errors = {e.path[0]: e.formatted for e in result.errors}
    assert errors["boom"]["message"] == "Internal server error"
    assert errors["boom"]["extensions"]["code"] == "INTERNAL"
    assert "hunter2" not in str(errors["boom"])
    assert errors["missing"]["message"] == "widget not found"
    assert errors["missing"]["extensions"] == {"code": "NOT_FOUND", "status": 404}
    assert errors["explicit"]["message"] == "explicit client error"
    assert errors["explicit"]["extensions"] == {"code": "CUSTOM"}

    logged = [r for r in caplog.records if r.name == "schema._errors"]
    assert len(logged) == 1 and logged[0].exc_info and "hunter2" in str(logged[0].exc_info[1])


@strawberry.type
class _ThrowawaySubscription:
    @strawberry.subscription
    async def ticks(self) -> AsyncGenerator[int, None]:
        yield 1
        raise RuntimeError("password=hunter2 from the middle of a stream")

    @strawberry.subscription
    async def refused(self) -> AsyncGenerator[int, None]:
        raise NotFound("channel not found")
        yield 0  # pragma: no cover


def test_streamed_results_are_shaped_frame_by_frame(caplog):
    """Subscriptions (and every operation over graphql-transport-ws) go through Schema.stream:
    each frame must be shaped before it is sent, not after the stream ends."""
    schema = strawberry.Schema(query=_ThrowawayQuery, subscription=_ThrowawaySubscription, extensions=[DomainErrors])

    async def frames(query: str) -> list[tuple]:
        # Each frame as it was when yielded (= sent): a later mutation must not count.
        return [(r.data, [e.formatted for e in r.errors or ()]) async for r in await schema.subscribe(query)]

    with caplog.at_level(logging.ERROR, logger="schema._errors"):
        ticks = asyncio.run(frames("subscription { ticks }"))
        refused = asyncio.run(frames("subscription { refused }"))

    assert ticks[0] == ({"ticks": 1}, [])
    data, errors = ticks[1]
    assert data is None and errors[0]["message"] == "Internal server error"
    assert errors[0]["extensions"]["code"] == "INTERNAL" and "hunter2" not in str(errors)
    assert refused[0][1][0]["message"] == "channel not found"
    assert refused[0][1][0]["extensions"] == {"code": "NOT_FOUND", "status": 404}
    assert len([r for r in caplog.records if r.name == "schema._errors"]) == 1


# -- limits ---------------------------------------------------------------------------------------

def _nested(levels: int) -> str:
    """`levels` nested selections below `me`, through a fragment."""
    inner = "leaf"
    for i in range(levels):
        inner = f"n{i} {{ {inner} }}"
    return "query Deep { me { ...Nest } } fragment Nest on Agent { " + inner + " }"


def test_depth_limit(admin):
    """No valid query of the current schema is deeper than 3 (agents -> items -> field), so the
    limit can't be reached with real fields. QueryDepthLimiter is a validation rule computed
    over the document, independent of the schema: an over-deep document reports the depth
    error beside the unknown-field errors, and one at the limit reports only those.
    Depth counts from 0 at the root field, through fragment spreads."""
    limit = 10
    over = admin.gql(_nested(limit))  # me(0) -> n9(1) ... -> leaf(11)
    messages = [e["message"] for e in over["errors"]]
    assert f"'Deep' exceeds maximum operation depth of {limit}" in messages

    at = admin.gql(_nested(limit - 1))  # leaf at depth 10
    messages = [e["message"] for e in at["errors"]]
    assert not any("maximum operation depth" in m for m in messages)
    assert all(m.startswith("Cannot query field") for m in messages)


def test_introspection_is_exempt_from_the_depth_limit(admin):
    # GraphiQL's own introspection nests ofType deeply; the limiter ignores "__" fields by design.
    of_type = "name"
    for _ in range(12):
        of_type = f"ofType {{ {of_type} }}"
    body = admin.gql("{ __schema { queryType { fields { type { " + of_type + " } } } } }")
    assert "errors" not in body, body


def test_alias_limit(admin):
    over = admin.gql("{ " + " ".join(f"a{i}: me {{ id }}" for i in range(31)) + " }")
    error = only_error(over)
    assert error["message"] == "31 aliases found. Allowed: 30"

    at = admin.gql("{ " + " ".join(f"a{i}: me {{ id }}" for i in range(30)) + " }")
    assert "errors" not in at and len(at["data"]) == 30


def test_token_limit(admin):
    error = only_error(admin.gql("{ " + "me { id } " * 1300 + "}"))
    assert error["message"] == "Syntax Error: Document contains more than 5000 tokens. Parsing aborted."


# -- login and mutations --------------------------------------------------------------------------

LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token agent { id email } } }"


def test_login_mutation_sets_the_session_cookie(anon, admin):
    response = anon.post("/graphql", json={"query": LOGIN, "variables": {"e": admin.agent["email"], "p": PASSWORD}})
    assert response.status_code == 200, response.text
    payload = response.json()["data"]["login"]
    assert payload["agent"]["id"] == admin.agent["id"]

    set_cookie = response.headers["set-cookie"]
    assert set_cookie.startswith(f"omnistream_session={payload['token']};")
    assert "httponly" in set_cookie.lower() and "samesite=lax" in set_cookie.lower()
    # The cookie alone now authenticates GraphQL and REST.
    assert gql(anon, ME)["data"]["me"]["id"] == admin.agent["id"]
    assert anon.get("/api/auth/me").json()["id"] == admin.agent["id"]


def test_login_mutation_with_wrong_password(anon, admin):
    response = anon.post("/graphql", json={"query": LOGIN, "variables": {"e": admin.agent["email"], "p": "wrong-password-1"}})
    error = only_error(response.json())
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "set-cookie" not in response.headers


def test_platform_mutations_end_to_end(anon, admin):
    # createRole: a custom role from the catalogue
    role = admin.gql(
        "mutation($i: RoleCreateInput!) { createRole(input: $i) { id key name permissions isBuiltin } }",
        {"i": {"name": "Triage", "description": "first line", "permissions": ["agents.read", "conversations.read"]}},
    )["data"]["createRole"]
    assert role["name"] == "Triage" and role["isBuiltin"] is False
    assert role["permissions"] == ["agents.read", "conversations.read"]

    # createAgent with that role; the agent can log in through GraphQL
    email = unique_email("gql")
    created = admin.gql(
        "mutation($i: AgentCreateInput!) { createAgent(input: $i) { id email role permissions status } }",
        {"i": {"name": "Grace", "email": email, "password": PASSWORD, "role": role["key"]}},
    )["data"]["createAgent"]
    assert created["email"] == email and created["role"] == role["key"]
    assert created["permissions"] == role["permissions"]
    logged = gql(anon, LOGIN, {"e": email, "p": PASSWORD})["data"]["login"]
    assert logged["agent"]["id"] == created["id"]

    # updateAgent: the change is visible through REST too
    updated = admin.gql(
        "mutation($id: UUID!, $i: AgentUpdateInput!) { updateAgent(id: $id, input: $i) { id name role } }",
        {"id": created["id"], "i": {"name": "Grace Hopper", "role": "supervisor"}},
    )["data"]["updateAgent"]
    assert updated == {"id": created["id"], "name": "Grace Hopper", "role": "supervisor"}
    rest = admin.get(f"/api/agents/{created['id']}").json()
    assert rest["name"] == "Grace Hopper" and rest["role"] == "supervisor"

    # createApiKey: the secret is returned once, narrowed permissions hold
    key = admin.gql(
        'mutation { createApiKey(name: "ci", permissions: ["agents.read"]) { key apiKey { id prefix permissions } } }'
    )["data"]["createApiKey"]
    assert key["key"].startswith(key["apiKey"]["prefix"]) and key["apiKey"]["permissions"] == ["agents.read"]
    with_key = {"X-API-Key": key["key"]}
    listed = gql(anon, "query($q: String) { agents(q: $q) { items { id } } }", {"q": email}, headers=with_key)
    assert listed["data"]["agents"]["items"] == [{"id": created["id"]}]
    denied = only_error(gql(anon, "mutation($id: UUID!) { deleteAgent(id: $id) { message } }",
                            {"id": created["id"]}, headers=with_key))
    assert denied["extensions"]["code"] == "FORBIDDEN"

    # deleteAgent: gone from reads, can no longer log in
    deleted = admin.gql("mutation($id: UUID!) { deleteAgent(id: $id) { message id } }", {"id": created["id"]})
    assert deleted["data"]["deleteAgent"]["id"] == created["id"]
    gone = only_error(admin.gql("query($id: UUID!) { agent(id: $id) { id } }", {"id": created["id"]}))
    assert gone["extensions"]["code"] == "NOT_FOUND"
    assert login(anon, email).status_code == 401
    assert admin.get(f"/api/agents/{created['id']}").status_code == 404


def test_an_agent_cannot_delete_themself(admin: Actor):
    error = only_error(admin.gql("mutation($id: UUID!) { deleteAgent(id: $id) { message } }", {"id": admin.agent["id"]}))
    assert error["extensions"]["code"] == "FORBIDDEN"
