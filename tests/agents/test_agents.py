"""Agents over real HTTP: who may create, change, suspend and delete them, lists, status,
and the rule that nobody hands out more permissions than they hold."""

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
from tests.support.api import PASSWORD, Actor, login, register, unique_email

NEW_PASSWORD = "another-horse-staple"


@pytest.fixture()
def fresh(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def boss(server) -> Iterator[Actor]:
    """A tenant shared by tests that don't depend on who else is in it (argon2 is slow)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


@pytest.fixture(scope="module")
def rival(server) -> Iterator[Actor]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c, org="Globex")


@pytest.fixture(scope="module")
def crowd(server, rival) -> Iterator[Actor]:
    """A tenant whose members the list tests know exactly: Ada Admin, Bea, Sue Supervisor
    (online) and Zed Zebra. Another tenant (`rival`) has its own Ada Admin, never listed here."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        admin = register(c)
        for name, role in (("Zed Zebra", "agent"), ("Bea", "agent"), ("Sue Supervisor", "supervisor")):
            agent = create(admin, role=role, name=name)
            if role == "supervisor":
                assert admin.patch(f"/api/agents/{agent['id']}/status", json={"status": "online"}).status_code == 200
        yield admin


def create(admin: Actor, role: str = "agent", name: str = "Agent Smith", **extra) -> dict:
    """An agent made through the API, without logging it in (one argon2 hash, not two)."""
    body = {"name": name, "email": unique_email(role), "password": PASSWORD, "role": role, **extra}
    response = admin.post("/api/agents", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def act_as(admin: Actor, agent: dict) -> Actor:
    """A session for `agent` without a login round trip: a token signed as the server signs
    them (argon2 makes each login cost; logging in itself is tested in tests/auth)."""
    now = int(time.time())
    claims = {"sub": agent["id"], "tid": agent["tenant_id"], "sid": uuid.uuid4().hex, "jti": uuid.uuid4().hex,
              "typ": "agent", "iat": now, "exp": now + 3600}
    return Actor(admin.client, jwt.encode(claims, TEST_JWT_SECRET, algorithm="HS256"), agent, admin.tenant)


def add_agent(admin: Actor, role: str = "agent", name: str = "Agent Smith") -> Actor:
    return act_as(admin, create(admin, role=role, name=name))


def custom_role(admin: Actor, *permissions: str) -> dict:
    key = f"custom_{unique_email('r').split('@')[0].replace('-', '_')}"
    response = admin.post("/api/roles", json={"name": key, "key": key, "permissions": list(permissions)})
    assert response.status_code == 201, response.text
    return response.json()


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


# ---------------------------------------------------------------- create


def test_admin_creates_an_agent_who_can_then_log_in(boss, fresh):
    email = unique_email("New.Agent").upper()
    response = boss.post("/api/agents", json={"name": "Nia", "email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    agent = response.json()
    assert agent["email"] == email.lower()
    assert agent["role"] == "agent"  # the default role
    assert agent["tenant_id"] == boss.tenant["id"]
    assert agent["status"] == "offline" and agent["account_status"] == "active"
    assert "password" not in agent and "password_hash" not in agent
    assert "agents.read" in agent["permissions"] and "agents.manage" not in agent["permissions"]
    assert boss.get(f"/api/agents/{agent['id']}").json() == agent
    logged = login(fresh, email)
    assert logged.status_code == 200 and logged.json()["agent"]["id"] == agent["id"]


@pytest.mark.parametrize(("change", "field"), [
    ({"password": "short"}, "password"),
    ({"email": "nope"}, "email"),
    ({"name": ""}, "name"),
    ({"role": "wizard"}, "role"),
    ({"colour": "blue"}, "colour"),
])
def test_create_validation(boss, change, field):
    email = unique_email("val")
    response = boss.post("/api/agents", json={"name": "Val", "email": email, "password": PASSWORD, **change})
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in error["details"]}, error
    assert email not in [a["email"] for a in boss.get("/api/agents", params={"q": email}).json()]


def test_create_with_a_taken_email_is_409_even_in_another_tenant(boss, rival):
    mine = create(boss)
    for email in (mine["email"], mine["email"].upper(), rival.agent["email"]):
        response = boss.post("/api/agents", json={"name": "Dup", "email": email, "password": PASSWORD})
        assert response.status_code == 409, response.text
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


def test_concurrent_creations_with_one_email_make_one_agent(boss, server):
    """The email check and the insert are apart: the losers of a race must get 409, not 500."""
    body = {"name": "Twin", "email": unique_email("race"), "password": PASSWORD}
    assert race(server, 4, "/api/agents", body, boss.headers) == [201, 409, 409, 409]
    assert len(boss.get("/api/agents", params={"q": body["email"]}).json()) == 1


def test_supervisors_and_agents_cannot_manage_agents(boss):
    target = boss.agent
    for role in ("agent", "supervisor"):
        actor = add_agent(boss, role=role)
        body = {"name": "X", "email": unique_email("x"), "password": PASSWORD}
        for response in (
            actor.post("/api/agents", json=body),
            actor.patch(f"/api/agents/{target['id']}", json={"name": "Renamed"}),
            actor.patch(f"/api/agents/{target['id']}", json={"account_status": "suspended"}),
            actor.delete(f"/api/agents/{target['id']}"),
        ):
            assert response.status_code == 403, (role, response.text)
            assert error_code(response) == "FORBIDDEN"
        # but they can see their colleagues
        assert actor.get("/api/agents").status_code == 200
        assert actor.get(f"/api/agents/{target['id']}").status_code == 200
    after = boss.get(f"/api/agents/{target['id']}").json()
    assert after["name"] == "Ada Admin" and after["account_status"] == "active"


def test_unauthenticated_calls_are_401(fresh, boss):
    target = boss.agent["id"]
    for method, path in (("GET", "/api/agents"), ("POST", "/api/agents"), ("GET", f"/api/agents/{target}"),
                         ("PATCH", f"/api/agents/{target}"), ("DELETE", f"/api/agents/{target}"),
                         ("PATCH", f"/api/agents/{target}/status")):
        response = fresh.request(method, path, json={})
        assert response.status_code == 401, (method, path, response.text)
        assert error_code(response) == "UNAUTHENTICATED"


# ---------------------------------------------------------------- list

EVERYONE = ["Ada Admin", "Bea", "Sue Supervisor", "Zed Zebra"]  # ordered by name


def test_list_is_paginated_with_a_total_count(crowd):
    everyone = crowd.get("/api/agents")
    assert everyone.status_code == 200
    assert everyone.headers["X-Total-Count"] == "4"
    assert [a["name"] for a in everyone.json()] == EVERYONE

    pages = [crowd.get("/api/agents", params={"per_page": 3, "page": p}) for p in (1, 2, 3)]
    assert [len(p.json()) for p in pages] == [3, 1, 0]
    assert all(p.headers["X-Total-Count"] == "4" for p in pages)
    assert [a["name"] for a in pages[0].json() + pages[1].json()] == EVERYONE
    assert pages[2].json() == []
    assert [a["name"] for a in crowd.get("/api/agents", params={"per_page": 1, "page": 4}).json()] == ["Zed Zebra"]
    # parameters nobody declared (cache busters) are ignored
    assert crowd.get("/api/agents", params={"_": "123"}).headers["X-Total-Count"] == "4"


@pytest.mark.parametrize("params", [{"per_page": 0}, {"per_page": 101}, {"page": 0}, {"page": -1},
                                    {"per_page": "ten"}, {"status": "asleep"}])
def test_list_rejects_bad_paging_and_filters(boss, params):
    response = boss.get("/api/agents", params=params)
    assert response.status_code == 422, response.text
    assert error_code(response) == "VALIDATION_FAILED"
    assert response.json()["error"]["details"][0]["field"] == next(iter(params))


def test_list_boundaries_are_accepted(boss):
    for params in ({"per_page": 1}, {"per_page": 100}, {"page": 1}):
        response = boss.get("/api/agents", params=params)
        assert response.status_code == 200, (params, response.text)
        assert len(response.json()) == min(params.get("per_page", 20), int(response.headers["X-Total-Count"]))


def test_list_search_and_filters(crowd):
    zed = next(a for a in crowd.get("/api/agents").json() if a["name"] == "Zed Zebra")

    def names(**params) -> list[str]:
        response = crowd.get("/api/agents", params=params)
        assert response.status_code == 200, response.text
        assert response.headers["X-Total-Count"] == str(len(response.json()))
        return [a["name"] for a in response.json()]

    assert names(q="zebra") == ["Zed Zebra"]  # case-insensitive, on the name
    assert names(q=zed["email"].split("@")[0].upper()) == ["Zed Zebra"]  # and on the email
    assert names(q="ada") == ["Ada Admin"]  # never the other tenant's Ada Admin
    assert names(q="nobody-has-this") == []
    assert names(role="supervisor") == ["Sue Supervisor"]
    assert names(role="admin") == ["Ada Admin"]
    assert names(role="no-such-role") == []
    assert names(status="online") == ["Sue Supervisor"]
    assert names(status="offline", role="agent") == ["Bea", "Zed Zebra"]
    assert names(q="zed", role="supervisor") == []


# ---------------------------------------------------------------- get / update


def test_get_unknown_malformed_and_foreign_ids(boss, rival):
    foreign = rival.agent["id"]
    for response in (
        boss.get(f"/api/agents/{foreign}"),
        boss.patch(f"/api/agents/{foreign}", json={"name": "Hijack"}),
        boss.patch(f"/api/agents/{foreign}/status", json={"status": "online"}),
        boss.delete(f"/api/agents/{foreign}"),
        boss.get(f"/api/agents/{uuid.UUID(int=0)}"),
    ):
        assert response.status_code == 404, response.text
        assert error_code(response) == "NOT_FOUND"
    mine = rival.get("/api/auth/me").json()
    assert mine["name"] == "Ada Admin" and mine["status"] == "offline"
    malformed = boss.get("/api/agents/not-a-uuid")
    assert malformed.status_code == 422 and error_code(malformed) == "VALIDATION_FAILED"


def test_update_name_email_role_and_password(boss, fresh):
    agent = create(boss)
    new_email = unique_email("renamed")
    response = boss.patch(f"/api/agents/{agent['id']}", json={
        "name": "Renamed", "email": new_email.upper(), "role": "supervisor", "password": NEW_PASSWORD,
    })
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "Renamed" and updated["email"] == new_email and updated["role"] == "supervisor"
    assert "conversations.read_all" in updated["permissions"]
    assert updated["updated_at"] >= agent["updated_at"]
    assert boss.get(f"/api/agents/{agent['id']}").json() == updated
    # the new email and password log in
    logged = login(fresh, new_email, NEW_PASSWORD)
    assert logged.status_code == 200 and logged.json()["agent"]["role"] == "supervisor"


def test_update_validation_and_conflicts(boss):
    agent = create(boss)
    url = f"/api/agents/{agent['id']}"
    taken = boss.patch(url, json={"email": boss.agent["email"].upper()})
    assert taken.status_code == 409 and error_code(taken) == "CONFLICT"
    assert boss.patch(url, json={"email": agent["email"]}).status_code == 200  # one's own email is free
    for body in ({"password": "short"}, {"role": "wizard"}, {"name": ""}, {"account_status": "banned"},
                 {"status": "online"}):
        response = boss.patch(url, json=body)
        assert response.status_code == 422, (body, response.text)
    after = boss.get(url).json()
    assert {k: after[k] for k in ("name", "email", "role", "account_status", "status")} == {
        k: agent[k] for k in ("name", "email", "role", "account_status", "status")}


def test_an_admin_cannot_delete_suspend_or_re_role_themself(boss):
    me = boss.agent["id"]
    for response in (
        boss.delete(f"/api/agents/{me}"),
        boss.patch(f"/api/agents/{me}", json={"account_status": "suspended"}),
        boss.patch(f"/api/agents/{me}", json={"role": "agent"}),
    ):
        assert response.status_code == 403, response.text
        assert error_code(response) == "FORBIDDEN"
    after = boss.get("/api/auth/me").json()
    assert after["role"] == "admin" and after["account_status"] == "active"
    # harmless self-edits are fine, and restating the same role is not a change
    assert boss.patch(f"/api/agents/{me}", json={"name": "Ada Admin", "role": "admin"}).status_code == 200


# ---------------------------------------------------------------- delete / suspend


def test_a_deleted_agent_disappears_and_its_credentials_stop_working(boss, fresh, server):
    agent = add_agent(boss)
    key = agent.post("/api/api-keys", json={"name": "ci"}).json()["key"]
    assert fresh.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 200

    response = boss.delete(f"/api/agents/{agent.agent['id']}")
    assert response.status_code == 200, response.text
    assert response.json()["message"]
    assert boss.get(f"/api/agents/{agent.agent['id']}").status_code == 404
    assert agent.agent["id"] not in [a["id"] for a in boss.get("/api/agents", params={"per_page": 100}).json()]
    assert boss.delete(f"/api/agents/{agent.agent['id']}").status_code == 404
    assert boss.patch(f"/api/agents/{agent.agent['id']}", json={"name": "Zombie"}).status_code == 404

    assert agent.get("/api/auth/me").status_code == 401  # its session
    assert fresh.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 401  # its key
    assert login(fresh, agent.agent["email"]).status_code == 401  # its password
    # the email is free again for someone new
    again = boss.post("/api/agents", json={"name": "Heir", "email": agent.agent["email"], "password": PASSWORD})
    assert again.status_code == 201, again.text

    # the row stays, so the history that points at it keeps a readable name
    from models.agents import Agent
    from resolvers._scope import unscoped

    async def kept() -> Agent | None:
        return await unscoped(Agent).filter(id=agent.agent["id"]).first()

    row = server.run(kept())
    assert row is not None and row.name == agent.agent["name"] and row.deleted_at is not None


def test_a_suspended_agent_is_locked_out_until_reactivated(boss, fresh):
    agent = add_agent(boss)
    url = f"/api/agents/{agent.agent['id']}"
    response = boss.patch(url, json={"account_status": "suspended"})
    assert response.status_code == 200 and response.json()["account_status"] == "suspended"
    assert agent.get("/api/auth/me").status_code == 401
    refused = login(fresh, agent.agent["email"])
    assert refused.status_code == 401 and error_code(refused) == "UNAUTHENTICATED"
    # a suspended account is not told apart from a wrong password
    assert refused.json()["error"]["message"] == "Invalid email or password"
    # still visible to the admin, with its account status
    assert boss.get(url).json()["account_status"] == "suspended"

    assert boss.patch(url, json={"account_status": "active"}).status_code == 200
    assert login(fresh, agent.agent["email"]).status_code == 200


# ---------------------------------------------------------------- status


def test_online_status_self_supervisor_and_others(boss):
    agent, supervisor = add_agent(boss), add_agent(boss, role="supervisor")
    colleague = boss

    mine = agent.patch(f"/api/agents/{agent.agent['id']}/status", json={"status": "online"})
    assert mine.status_code == 200, mine.text
    assert mine.json()["status"] == "online" and mine.json()["last_seen_at"]
    assert agent.get("/api/auth/me").json()["status"] == "online"

    theirs = agent.patch(f"/api/agents/{colleague.agent['id']}/status", json={"status": "online"})
    assert theirs.status_code == 403 and error_code(theirs) == "FORBIDDEN"
    assert boss.get("/api/auth/me").json()["status"] == "offline"

    by_supervisor = supervisor.patch(f"/api/agents/{agent.agent['id']}/status", json={"status": "offline"})
    assert by_supervisor.status_code == 200 and by_supervisor.json()["status"] == "offline"
    assert boss.get(f"/api/agents/{agent.agent['id']}").json()["status"] == "offline"

    for body in ({"status": "away"}, {}, {"status": "online", "extra": 1}):
        response = agent.patch(f"/api/agents/{agent.agent['id']}/status", json=body)
        assert response.status_code == 422, (body, response.text)


# ---------------------------------------------------------------- no escalation


def test_an_agent_manager_cannot_hand_out_or_take_over_more_than_they_hold(boss, fresh):
    manager_role = custom_role(boss, "agents.manage", "agents.read")
    manager = add_agent(boss, role=manager_role["key"])
    body = {"name": "Minted", "email": unique_email("minted"), "password": PASSWORD}

    for role in ("admin", "supervisor", "agent"):  # each holds something the manager lacks
        response = manager.post("/api/agents", json={**body, "role": role})
        assert response.status_code == 403, (role, response.text)
        assert error_code(response) == "FORBIDDEN"
    admin_attempt = manager.post("/api/agents", json={**body, "role": "admin"}).json()
    assert "integrations.manage" in admin_attempt["error"]["details"]["missing"]
    # a role within their own permissions is fine
    peer = manager.post("/api/agents", json={**body, "role": manager_role["key"]})
    assert peer.status_code == 201, peer.text
    # promoting someone beyond themselves is refused too
    promote = manager.patch(f"/api/agents/{peer.json()['id']}", json={"role": "admin"})
    assert promote.status_code == 403
    assert boss.get(f"/api/agents/{peer.json()['id']}").json()["role"] == manager_role["key"]
    # a peer is theirs to manage
    assert manager.patch(f"/api/agents/{peer.json()['id']}", json={"name": "Peer"}).status_code == 200

    # taking over an account that holds more is refused: its password, email, suspension, deletion
    target = boss.agent["id"]
    for response in (
        manager.patch(f"/api/agents/{target}", json={"password": NEW_PASSWORD}),
        manager.patch(f"/api/agents/{target}", json={"email": unique_email("stolen")}),
        manager.patch(f"/api/agents/{target}", json={"account_status": "suspended"}),
        manager.delete(f"/api/agents/{target}"),
    ):
        assert response.status_code == 403, response.text
    me = boss.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["email"] == boss.agent["email"]
    assert login(fresh, boss.agent["email"], NEW_PASSWORD).status_code == 401


# ---------------------------------------------------------------- GraphQL door


def test_graphql_agents_list_create_and_forbidden(boss):
    agent = add_agent(boss)
    data = boss.gql("{ agents(perPage: 1) { total perPage items { email role } } }")
    assert "errors" not in data, data
    listed = data["data"]["agents"]
    assert listed["total"] == int(boss.get("/api/agents").headers["X-Total-Count"]) and len(listed["items"]) == 1

    mutation = """mutation($input: AgentCreateInput!) { createAgent(input: $input) { id email role } }"""
    variables = {"input": {"name": "Gql", "email": unique_email("gql"), "password": PASSWORD, "role": "supervisor"}}
    created = boss.gql(mutation, variables)
    assert "errors" not in created, created
    assert created["data"]["createAgent"]["role"] == "supervisor"
    rest = boss.get(f"/api/agents/{created['data']['createAgent']['id']}")
    assert rest.status_code == 200 and rest.json()["email"] == variables["input"]["email"]

    variables["input"]["email"] = unique_email("gql")
    refused = agent.gql(mutation, variables)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert refused["data"] is None
    assert boss.get("/api/agents", params={"q": variables["input"]["email"]}).json() == []
