"""API keys over real HTTP: the secret shown once, hashed at rest, narrowing only, revocation
at once, and X-API-Key through both doors."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import pytest

from tests.conftest import TEST_JWT_SECRET
from tests.support.api import PASSWORD, Actor, register, unique_email

KEY_FIELDS = {"id", "name", "prefix", "permissions", "expires_at", "last_used_at", "created_at"}


@pytest.fixture()
def fresh(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def boss(server) -> Iterator[Actor]:
    """A tenant shared by the tests of this module (argon2 makes each register cost)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


def act_as(admin: Actor, agent: dict) -> Actor:
    """A session for `agent` without a login round trip: a token signed as the server signs
    them (argon2 makes each login cost; logging in itself is tested in tests/auth)."""
    now = int(time.time())
    claims = {"sub": agent["id"], "tid": agent["tenant_id"], "sid": uuid.uuid4().hex, "jti": uuid.uuid4().hex,
              "typ": "agent", "iat": now, "exp": now + 3600}
    return Actor(admin.client, jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256"), agent, admin.tenant)


def add_agent(admin: Actor, role: str = "agent") -> Actor:
    body = {"name": "Kay", "email": unique_email(role), "password": PASSWORD, "role": role}
    response = admin.post("/api/agents", json=body)
    assert response.status_code == 201, response.text
    return act_as(admin, response.json())


def new_key(actor: Actor, **body) -> dict:
    response = actor.post("/api/api-keys", json={"name": "integration", **body})
    assert response.status_code == 201, response.text
    return response.json()


def with_key(client: httpx.Client, key: str, method: str, path: str, **kw) -> httpx.Response:
    return client.request(method, path, headers={"X-API-Key": key}, **kw)


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


def in_seconds(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()


# ---------------------------------------------------------------- create / list


def test_the_secret_is_shown_once_and_lists_show_only_its_prefix(boss, fresh):
    agent = add_agent(boss)
    created = new_key(agent, name="zapier")
    assert KEY_FIELDS | {"key"} == created.keys()
    secret = created["key"]
    assert secret.startswith("osk_") and len(secret) >= 40
    assert secret.startswith(created["prefix"]) and len(created["prefix"]) < len(secret) - 20
    assert created["name"] == "zapier"
    assert created["permissions"] is None and created["expires_at"] is None and created["last_used_at"] is None

    listed = agent.get("/api/api-keys")
    assert listed.status_code == 200, listed.text
    assert listed.headers["X-Total-Count"] == "1"
    [row] = listed.json()
    assert row.keys() == KEY_FIELDS  # never the key, never its hash
    assert secret not in listed.text and "key_hash" not in listed.text
    assert row["id"] == created["id"] and row["prefix"] == created["prefix"]
    assert row["last_used_at"] is None

    # using it stamps last_used_at
    assert with_key(fresh, secret, "GET", "/api/auth/me").status_code == 200
    [used] = agent.get("/api/api-keys").json()
    assert used["last_used_at"] is not None
    assert used["last_used_at"] >= used["created_at"]


def test_each_agent_lists_only_their_own_keys(boss):
    mine, theirs = add_agent(boss), add_agent(boss)
    new_key(mine, name="mine")
    new_key(theirs, name="theirs")
    assert [k["name"] for k in mine.get("/api/api-keys").json()] == ["mine"]
    assert "theirs" not in [k["name"] for k in boss.get("/api/api-keys", params={"per_page": 100}).json()]


def test_two_keys_have_distinct_secrets_and_prefixes(boss):
    first, second = new_key(boss), new_key(boss)
    assert first["key"] != second["key"] and first["prefix"] != second["prefix"]


@pytest.mark.parametrize(("body", "field"), [
    ({"permissions": ["agents.read", "agents.teleport"]}, "permissions"),
    ({"expires_at": "2001-01-01T00:00:00Z"}, "expires_at"),
    ({"expires_at": "2999-01-01T00:00:00"}, "expires_at"),  # no offset: ambiguous
    ({"expires_at": "tomorrow"}, "expires_at"),
    ({"name": ""}, "name"),
    ({"scope": "all"}, "scope"),
])
def test_create_validation(boss, body, field):
    before = boss.get("/api/api-keys").headers["X-Total-Count"]
    response = boss.post("/api/api-keys", json={"name": "bad", **body})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in error["details"]}, error
    assert boss.get("/api/api-keys").headers["X-Total-Count"] == before


def test_a_key_cannot_hold_more_than_its_owner(boss):
    agent = add_agent(boss)
    response = agent.post("/api/api-keys", json={"name": "greedy", "permissions": ["agents.read", "agents.manage"]})
    assert response.status_code == 403, response.text
    assert error_code(response) == "FORBIDDEN"
    assert response.json()["error"]["details"]["missing"] == ["agents.manage"]
    assert agent.get("/api/api-keys").json() == []


def test_who_may_manage_keys(server, boss):
    no_keys = boss.post("/api/roles", json={"name": "No Keys", "key": f"nokeys_{uuid.uuid4().hex[:8]}",
                                             "permissions": ["agents.read"]}).json()
    actor = add_agent(boss, role=no_keys["key"])
    assert actor.post("/api/api-keys", json={"name": "x"}).status_code == 403
    assert actor.get("/api/api-keys").status_code == 403
    with httpx.Client(base_url=server.url, timeout=30) as anonymous:
        assert anonymous.post("/api/api-keys", json={"name": "x"}).status_code == 401
        assert anonymous.get("/api/api-keys").status_code == 401
        assert anonymous.delete(f"/api/api-keys/{uuid.uuid4()}").status_code == 401


# ---------------------------------------------------------------- authenticating with a key


def test_a_key_authenticates_rest_and_graphql_as_its_owner(boss, fresh):
    agent = add_agent(boss)
    secret = new_key(agent)["key"]
    me = with_key(fresh, secret, "GET", "/api/auth/me")
    assert me.status_code == 200, me.text
    assert me.json()["id"] == agent.agent["id"] and me.json()["email"] == agent.agent["email"]
    assert sorted(me.json()["permissions"]) == sorted(agent.get("/api/auth/me").json()["permissions"])

    gql = with_key(fresh, secret, "POST", "/graphql", json={"query": "{ me { email role } }"})
    assert gql.status_code == 200
    assert gql.json() == {"data": {"me": {"email": agent.agent["email"], "role": "agent"}}}

    # a key is not a session: it is neither refreshed nor logged out
    assert with_key(fresh, secret, "GET", "/api/auth/refresh").status_code == 400
    assert with_key(fresh, secret, "POST", "/api/auth/logout").status_code == 400
    assert with_key(fresh, secret, "GET", "/api/auth/me").status_code == 200


@pytest.mark.parametrize("secret", ["garbage", "osk_", "osk_deadbeef_notarealsecret", "Bearer osk_x"])
def test_unknown_keys_are_401(fresh, secret):
    response = with_key(fresh, secret, "GET", "/api/auth/me")
    assert response.status_code == 401, response.text
    assert error_code(response) == "UNAUTHENTICATED"
    gql = with_key(fresh, secret, "POST", "/graphql", json={"query": "{ me { email } }"})
    assert gql.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_wrong_key_is_refused_even_beside_a_good_token(boss, fresh):
    response = fresh.get("/api/auth/me", headers={**boss.headers, "X-API-Key": "osk_deadbeef_wrong"})
    assert response.status_code == 401


def test_a_narrowed_key_can_do_only_what_it_names(boss, fresh):
    secret = new_key(boss, permissions=["agents.read"])["key"]
    listed = with_key(fresh, secret, "GET", "/api/agents")
    assert listed.status_code == 200, listed.text
    body = {"name": "Via key", "email": unique_email("via"), "password": PASSWORD}
    refused = with_key(fresh, secret, "POST", "/api/agents", json=body)
    assert refused.status_code == 403, refused.text
    assert error_code(refused) == "FORBIDDEN"
    assert with_key(fresh, secret, "GET", "/api/roles").status_code == 403
    assert with_key(fresh, secret, "GET", "/api/auth/me").json()["permissions"] == ["agents.read"]
    gql = with_key(fresh, secret, "POST", "/graphql", json={"query": "{ roles { total } }"})
    assert gql.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # the owner's own session is not narrowed
    assert boss.get("/api/roles").status_code == 200


def test_a_key_with_no_permissions_reports_none(boss, fresh):
    secret = new_key(boss, permissions=[])["key"]
    me = with_key(fresh, secret, "GET", "/api/auth/me")
    assert me.status_code == 200, me.text
    assert me.json()["permissions"] == []
    gql = with_key(fresh, secret, "POST", "/graphql", json={"query": "{ me { permissions } }"})
    assert gql.json() == {"data": {"me": {"permissions": []}}}
    assert with_key(fresh, secret, "GET", "/api/agents").status_code == 403


def test_a_narrowed_key_cannot_mint_a_broader_key(boss, fresh):
    narrow = new_key(boss, permissions=["api_keys.manage", "agents.read"])["key"]
    minted = with_key(fresh, narrow, "POST", "/api/api-keys", json={"name": "minted"})
    assert minted.status_code == 201, minted.text
    assert sorted(minted.json()["permissions"]) == ["agents.read", "api_keys.manage"]
    body = {"name": "Escalated", "email": unique_email("esc"), "password": PASSWORD}
    assert with_key(fresh, minted.json()["key"], "POST", "/api/agents", json=body).status_code == 403
    wider = with_key(fresh, narrow, "POST", "/api/api-keys", json={"name": "wider", "permissions": ["agents.manage"]})
    assert wider.status_code == 403


def test_a_key_follows_its_owner_losing_permissions(boss, fresh):
    supervisor = add_agent(boss, role="supervisor")
    secret = new_key(supervisor, permissions=["agents.read", "conversations.read_all"])["key"]
    assert "conversations.read_all" in with_key(fresh, secret, "GET", "/api/auth/me").json()["permissions"]
    assert boss.patch(f"/api/agents/{supervisor.agent['id']}", json={"role": "agent"}).status_code == 200
    assert with_key(fresh, secret, "GET", "/api/auth/me").json()["permissions"] == ["agents.read"]


def test_an_expired_key_is_refused(boss, fresh):
    # Real time passes (2 s): the key was just used, so the server holds it resolved in its
    # credentials cache, and the cached copy must expire with the key.
    created = new_key(boss, expires_at=in_seconds(2))
    assert created["expires_at"] is not None
    assert with_key(fresh, created["key"], "GET", "/api/auth/me").status_code == 200
    expires = datetime.fromisoformat(created["expires_at"].replace("Z", "+00:00"))
    time.sleep(max(0.0, (expires - datetime.now(UTC)).total_seconds()) + 0.05)
    refused = with_key(fresh, created["key"], "GET", "/api/auth/me")
    assert refused.status_code == 401 and error_code(refused) == "UNAUTHENTICATED"


# ---------------------------------------------------------------- revoke


def test_revoking_a_key_refuses_it_at_once(boss, fresh):
    created = new_key(boss)
    assert with_key(fresh, created["key"], "GET", "/api/auth/me").status_code == 200
    response = boss.delete(f"/api/api-keys/{created['id']}")
    assert response.status_code == 200, response.text
    assert response.json()["message"]
    assert with_key(fresh, created["key"], "GET", "/api/auth/me").status_code == 401
    gql = with_key(fresh, created["key"], "POST", "/graphql", json={"query": "{ me { email } }"})
    assert gql.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert created["id"] not in [k["id"] for k in boss.get("/api/api-keys", params={"per_page": 100}).json()]
    assert boss.delete(f"/api/api-keys/{created['id']}").status_code == 404


def test_a_key_can_revoke_itself(boss, fresh):
    created = new_key(boss)
    assert with_key(fresh, created["key"], "DELETE", f"/api/api-keys/{created['id']}").status_code == 200
    assert with_key(fresh, created["key"], "GET", "/api/auth/me").status_code == 401


def test_only_the_owner_or_an_agent_manager_revokes_a_key(boss, fresh):
    owner, colleague = add_agent(boss), add_agent(boss)
    created = new_key(owner)
    refused = colleague.delete(f"/api/api-keys/{created['id']}")
    # the key is in the caller's tenant, so it is not hidden: the answer is "not yours"
    assert refused.status_code == 403, refused.text
    assert error_code(refused) == "FORBIDDEN"
    assert with_key(fresh, created["key"], "GET", "/api/auth/me").status_code == 200
    # an admin (agents.manage) can cut off anyone's key
    assert boss.delete(f"/api/api-keys/{created['id']}").status_code == 200
    assert with_key(fresh, created["key"], "GET", "/api/auth/me").status_code == 401


def test_another_tenants_keys_are_not_found(boss, other_admin, fresh):
    theirs = new_key(other_admin)
    response = boss.delete(f"/api/api-keys/{theirs['id']}")
    assert response.status_code == 404 and error_code(response) == "NOT_FOUND"
    assert boss.delete("/api/api-keys/not-a-uuid").status_code == 422
    assert with_key(fresh, theirs["key"], "GET", "/api/auth/me").json()["tenant_id"] == other_admin.tenant["id"]
    # a key acts inside its owner's tenant only
    assert with_key(fresh, theirs["key"], "GET", f"/api/agents/{boss.agent['id']}").status_code == 404


# ---------------------------------------------------------------- GraphQL door


def test_graphql_create_list_and_revoke(boss, fresh):
    created = boss.gql("mutation { createApiKey(name: \"gql\", permissions: [\"agents.read\"]) "
                       "{ key apiKey { id prefix permissions } } }")
    assert "errors" not in created, created
    payload = created["data"]["createApiKey"]
    assert payload["key"].startswith(payload["apiKey"]["prefix"])
    listed = boss.gql("{ apiKeys(perPage: 100) { items { id prefix lastUsedAt } } }")
    assert payload["apiKey"]["id"] in [k["id"] for k in listed["data"]["apiKeys"]["items"]]
    revoked = boss.gql("mutation($id: UUID!) { revokeApiKey(id: $id) { message } }", {"id": payload["apiKey"]["id"]})
    assert "errors" not in revoked, revoked
    assert with_key(fresh, payload["key"], "GET", "/api/auth/me").status_code == 401
