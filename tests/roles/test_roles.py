"""Roles over real HTTP: the built-ins, the permission catalogue, custom roles, and the rule
that nobody builds a role with permissions they don't hold."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import jwt
import pytest

from tests.conftest import TEST_JWT_SECRET
from tests.support.api import PASSWORD, Actor, register, unique_email


@pytest.fixture(scope="module")
def boss(server) -> Iterator[Actor]:
    """A tenant shared by the tests of this module (argon2 makes each register cost)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


@pytest.fixture(scope="module")
def rival(server) -> Iterator[Actor]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c, org="Globex")


def act_as(admin: Actor, agent: dict) -> Actor:
    """A session for `agent` without a login round trip: a token signed as the server signs
    them (argon2 makes each login cost; logging in itself is tested in tests/auth)."""
    now = int(time.time())
    claims = {"sub": agent["id"], "tid": agent["tenant_id"], "sid": uuid.uuid4().hex, "jti": uuid.uuid4().hex,
              "typ": "agent", "iat": now, "exp": now + 3600}
    return Actor(admin.client, jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256"), agent, admin.tenant)


def add_agent(admin: Actor, role: str = "agent") -> Actor:
    body = {"name": "Rolf", "email": unique_email(role), "password": PASSWORD, "role": role}
    response = admin.post("/api/agents", json=body)
    assert response.status_code == 201, response.text
    return act_as(admin, response.json())


def unique_key(prefix: str = "role") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def create_role(actor: Actor, *permissions: str, **extra) -> httpx.Response:
    key = extra.pop("key", None) or unique_key()
    return actor.post("/api/roles", json={"name": extra.pop("name", key), "key": key,
                                          "permissions": list(permissions), **extra})


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


def builtin(actor: Actor, key: str) -> dict:
    return next(r for r in actor.get("/api/roles").json() if r["key"] == key)


# ---------------------------------------------------------------- reading


def test_the_three_builtin_roles_are_listed_with_their_permissions(admin):
    response = admin.get("/api/roles")
    assert response.status_code == 200, response.text
    assert response.headers["X-Total-Count"] == "3"
    roles = {r["key"]: r for r in response.json()}
    assert set(roles) == {"admin", "supervisor", "agent"}
    catalogue = {p["key"] for p in admin.get("/api/permissions").json()}
    assert all(r["is_builtin"] for r in roles.values())
    assert set(roles["admin"]["permissions"]) == catalogue
    assert set(roles["agent"]["permissions"]) < set(roles["supervisor"]["permissions"]) < catalogue
    assert "agents.manage" not in roles["supervisor"]["permissions"]
    assert "conversations.read_all" in roles["supervisor"]["permissions"]
    assert "conversations.read_all" not in roles["agent"]["permissions"]
    for role in roles.values():
        assert {"id", "key", "name", "description", "permissions", "is_builtin", "created_at"} <= role.keys()
        assert role["permissions"] == sorted(role["permissions"])
        assert admin.get(f"/api/roles/{role['id']}").json() == role


def test_the_permission_catalogue(boss):
    response = boss.get("/api/permissions")
    assert response.status_code == 200, response.text
    permissions = response.json()
    assert all(set(p) == {"key", "description"} and p["description"] for p in permissions)
    keys = [p["key"] for p in permissions]
    assert len(keys) == len(set(keys))
    assert {"agents.read", "agents.manage", "roles.manage", "api_keys.manage", "integrations.manage"} <= set(keys)


def test_every_agent_can_read_roles_and_permissions(boss):
    agent = add_agent(boss)
    assert agent.get("/api/roles").status_code == 200
    assert agent.get("/api/permissions").status_code == 200
    assert agent.get(f"/api/roles/{builtin(boss, 'agent')['id']}").status_code == 200


def test_reading_needs_credentials(server):
    with httpx.Client(base_url=server.url, timeout=30) as anonymous:
        for path in ("/api/roles", "/api/permissions", f"/api/roles/{uuid.uuid4()}"):
            assert anonymous.get(path).status_code == 401, path


def test_role_list_paging(boss):
    response = boss.get("/api/roles", params={"per_page": 2})
    assert response.status_code == 200
    assert len(response.json()) == 2 and int(response.headers["X-Total-Count"]) >= 3
    assert [r["key"] for r in response.json()] == ["admin", "agent"]  # built-ins first, by name
    for params in ({"per_page": 0}, {"per_page": 101}, {"page": 0}):
        assert boss.get("/api/roles", params=params).status_code == 422, params


# ---------------------------------------------------------------- custom roles


def test_create_a_custom_role(boss):
    response = boss.post("/api/roles", json={
        "name": "Night Shift Lead", "description": "Covers nights",
        "permissions": ["conversations.read_all", "agents.read", "agents.read"],
    })
    assert response.status_code == 201, response.text
    role = response.json()
    assert role["key"] == "night_shift_lead"  # derived from the name
    assert role["is_builtin"] is False and role["description"] == "Covers nights"
    assert role["permissions"] == ["agents.read", "conversations.read_all"]  # deduplicated, sorted
    assert boss.get(f"/api/roles/{role['id']}").json() == role
    assert role["id"] in [r["id"] for r in boss.get("/api/roles", params={"per_page": 100}).json()]
    # the same name again derives the same key
    again = boss.post("/api/roles", json={"name": "Night Shift Lead", "permissions": []})
    assert again.status_code == 409 and error_code(again) == "CONFLICT"
    # and a custom role can be given to an agent, who then holds exactly those permissions
    agent = add_agent(boss, role="night_shift_lead")
    assert sorted(agent.get("/api/auth/me").json()["permissions"]) == role["permissions"]


def test_duplicate_keys_conflict_including_builtin_keys(boss):
    key = unique_key()
    assert create_role(boss, key=key).status_code == 201
    for taken in (key, "admin", "agent"):
        response = create_role(boss, key=taken)
        assert response.status_code == 409, (taken, response.text)
        assert error_code(response) == "CONFLICT"


def race(server, n: int, path: str, body: dict, headers: dict | None = None) -> list[int]:
    """`n` identical POSTs released together (clients connected beforehand); their statuses."""
    clients = [httpx.Client(base_url=server.url, headers=headers or {}, timeout=30) for _ in range(n)]
    for c in clients:
        c.get("/api/health")
    start = threading.Barrier(n)

    def attempt(c: httpx.Client) -> int:
        start.wait()
        return c.post(path, json=body).status_code

    try:
        with ThreadPoolExecutor(n) as pool:
            return sorted(pool.map(attempt, clients))
    finally:
        for c in clients:
            c.close()


def test_concurrent_creations_with_one_key_make_one_role(boss, server):
    body = {"name": "Racer", "key": unique_key("race"), "permissions": ["agents.read"]}
    assert race(server, 6, "/api/roles", body, boss.headers) == [201] + [409] * 5


def test_keys_are_per_tenant(boss, rival):
    key = unique_key()
    assert create_role(boss, key=key).status_code == 201
    assert create_role(rival, key=key).status_code == 201


@pytest.mark.parametrize(("body", "field"), [
    ({"name": "x", "permissions": ["agents.read", "agents.fly"]}, "permissions"),
    ({"name": "x", "permissions": "agents.read"}, "permissions"),
    ({"name": ""}, "name"),
    ({"name": "x", "key": "Bad Key!"}, "key"),
    ({"name": "x", "colour": "red"}, "colour"),
])
def test_create_validation(boss, body, field):
    response = boss.post("/api/roles", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in error["details"]}, error
    if "agents.fly" in str(body):
        assert "agents.fly" in error["message"] + str(error["details"])


def test_update_a_custom_role(boss):
    role = create_role(boss, "agents.read", description="before").json()
    response = boss.patch(f"/api/roles/{role['id']}", json={
        "name": "Renamed", "description": "after", "permissions": ["contacts.read", "contacts.update"],
    })
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "Renamed" and updated["description"] == "after"
    assert updated["permissions"] == ["contacts.read", "contacts.update"]
    assert updated["key"] == role["key"]  # the key is stable
    assert boss.get(f"/api/roles/{role['id']}").json() == updated
    # unknown permissions and unknown fields are refused, and change nothing
    for body in ({"permissions": ["nope.nope"]}, {"key": "new_key"}, {"name": ""}):
        assert boss.patch(f"/api/roles/{role['id']}", json=body).status_code == 422, body
    assert boss.get(f"/api/roles/{role['id']}").json() == updated


def test_builtin_roles_cannot_be_changed_or_deleted(boss):
    for key in ("admin", "supervisor", "agent"):
        role = builtin(boss, key)
        for response in (
            boss.patch(f"/api/roles/{role['id']}", json={"permissions": ["agents.read"]}),
            boss.patch(f"/api/roles/{role['id']}", json={"name": "Renamed"}),
            boss.delete(f"/api/roles/{role['id']}"),
        ):
            assert response.status_code == 409, (key, response.text)
            assert error_code(response) == "CONFLICT"
        assert builtin(boss, key) == role


def test_a_role_in_use_cannot_be_deleted_until_nobody_holds_it(boss):
    role = create_role(boss, "agents.read").json()
    holder = add_agent(boss, role=role["key"])
    response = boss.delete(f"/api/roles/{role['id']}")
    assert response.status_code == 409, response.text
    assert error_code(response) == "CONFLICT"
    assert boss.get(f"/api/roles/{role['id']}").status_code == 200

    assert boss.patch(f"/api/agents/{holder.agent['id']}", json={"role": "agent"}).status_code == 200
    deleted = boss.delete(f"/api/roles/{role['id']}")
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["message"]
    assert boss.get(f"/api/roles/{role['id']}").status_code == 404
    assert boss.delete(f"/api/roles/{role['id']}").status_code == 404
    assert role["key"] not in [r["key"] for r in boss.get("/api/roles", params={"per_page": 100}).json()]
    # its key is free again
    assert create_role(boss, key=role["key"]).status_code == 201


def test_a_role_held_only_by_deleted_agents_can_be_deleted(boss):
    role = create_role(boss, "agents.read").json()
    holder = add_agent(boss, role=role["key"])
    assert boss.delete(f"/api/agents/{holder.agent['id']}").status_code == 200
    assert boss.delete(f"/api/roles/{role['id']}").status_code == 200


# ---------------------------------------------------------------- who may


def test_supervisors_and_agents_cannot_manage_roles(boss):
    custom = create_role(boss, "agents.read").json()
    for role in ("supervisor", "agent"):
        actor = add_agent(boss, role=role)
        for response in (
            create_role(actor, "agents.read"),
            actor.patch(f"/api/roles/{custom['id']}", json={"name": "Mine now"}),
            actor.delete(f"/api/roles/{custom['id']}"),
        ):
            assert response.status_code == 403, (role, response.text)
            assert error_code(response) == "FORBIDDEN"
    assert boss.get(f"/api/roles/{custom['id']}").json() == custom


def test_nobody_builds_a_role_with_permissions_they_lack(boss):
    manager_role = create_role(boss, "roles.manage", "roles.read", "agents.read").json()
    manager = add_agent(boss, role=manager_role["key"])

    response = create_role(manager, "roles.read", "integrations.manage")
    assert response.status_code == 403, response.text
    assert error_code(response) == "FORBIDDEN"
    assert response.json()["error"]["details"]["missing"] == ["integrations.manage"]
    # within their own permissions is fine
    own = create_role(manager, "roles.read", "agents.read")
    assert own.status_code == 201, own.text
    # widening a role they manage beyond themselves is refused
    widen = manager.patch(f"/api/roles/{own.json()['id']}", json={"permissions": ["integrations.manage"]})
    assert widen.status_code == 403
    # so is rewriting a role that already holds more than they do (even to narrow it)
    bigger = create_role(boss, "integrations.manage", "roles.read").json()
    narrow = manager.patch(f"/api/roles/{bigger['id']}", json={"permissions": ["roles.read"]})
    assert narrow.status_code == 403
    assert boss.get(f"/api/roles/{bigger['id']}").json()["permissions"] == ["integrations.manage", "roles.read"]


def test_another_tenants_roles_are_not_found(boss, rival):
    theirs = create_role(rival, "agents.read").json()
    for response in (
        boss.get(f"/api/roles/{theirs['id']}"),
        boss.patch(f"/api/roles/{theirs['id']}", json={"name": "Stolen"}),
        boss.delete(f"/api/roles/{theirs['id']}"),
    ):
        assert response.status_code == 404, response.text
        assert error_code(response) == "NOT_FOUND"
    assert theirs["id"] not in [r["id"] for r in boss.get("/api/roles", params={"per_page": 100}).json()]
    assert rival.get(f"/api/roles/{theirs['id']}").json() == theirs
    # nor can a role of another tenant be given to an agent by its key... unless this tenant has one
    body = {"name": "X", "email": unique_email("x"), "password": PASSWORD, "role": theirs["key"]}
    assert boss.post("/api/agents", json=body).status_code == 422
    assert boss.get("/api/roles/not-a-uuid").status_code == 422


# ---------------------------------------------------------------- GraphQL door


def test_graphql_roles_permissions_and_create(boss):
    data = boss.gql("{ roles(perPage: 100) { total items { key isBuiltin } } permissions { key description } }")
    assert "errors" not in data, data
    assert {"admin", "supervisor", "agent"} <= {r["key"] for r in data["data"]["roles"]["items"]}
    assert data["data"]["permissions"] == boss.get("/api/permissions").json()

    mutation = "mutation($input: RoleCreateInput!) { createRole(input: $input) { id key permissions } }"
    created = boss.gql(mutation, {"input": {"name": "Gql Role", "key": unique_key(), "permissions": ["agents.read"]}})
    assert "errors" not in created, created
    assert boss.get(f"/api/roles/{created['data']['createRole']['id']}").status_code == 200
    unknown = boss.gql(mutation, {"input": {"name": "Bad", "key": unique_key(), "permissions": ["x.y"]}})
    assert unknown["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
