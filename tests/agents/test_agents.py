"""Agents over real HTTP: who may create, change, suspend and delete them, lists, status,
and the rule that nobody hands out more permissions than they hold."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.api import PASSWORD, Actor, add_agent, login, unique_email

NEW_PASSWORD = "another-horse-staple"


@pytest.fixture()
def fresh(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def create(admin: Actor, role: str = "agent", name: str = "Agent Smith", **extra) -> dict:
    """An agent made through the API, without logging it in (one argon2 hash, not two)."""
    body = {"name": name, "email": unique_email(role), "password": PASSWORD, "role": role, **extra}
    response = admin.post("/api/agents", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def custom_role(admin: Actor, *permissions: str) -> dict:
    key = f"custom_{unique_email('r').split('@')[0].replace('-', '_')}"
    response = admin.post("/api/roles", json={"name": key, "key": key, "permissions": list(permissions)})
    assert response.status_code == 201, response.text
    return response.json()


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


# ---------------------------------------------------------------- create


def test_admin_creates_an_agent_who_can_then_log_in(admin, fresh):
    email = unique_email("New.Agent").upper()
    response = admin.post("/api/agents", json={"name": "Nia", "email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    agent = response.json()
    assert agent["email"] == email.lower()
    assert agent["role"] == "agent"  # the default role
    assert agent["tenant_id"] == admin.tenant["id"]
    assert agent["status"] == "offline" and agent["account_status"] == "active"
    assert "password" not in agent and "password_hash" not in agent
    assert "agents.read" in agent["permissions"] and "agents.manage" not in agent["permissions"]
    assert admin.get(f"/api/agents/{agent['id']}").json() == agent
    logged = login(fresh, email)
    assert logged.status_code == 200 and logged.json()["agent"]["id"] == agent["id"]


@pytest.mark.parametrize(("change", "status", "field"), [
    ({"password": "short"}, 422, "password"),
    ({"email": "nope"}, 422, "email"),
    ({"name": ""}, 422, "name"),
    ({"role": "wizard"}, 422, "role"),
    ({"colour": "blue"}, 422, "colour"),
])
def test_create_validation(admin, change, status, field):
    body = {"name": "Val", "email": unique_email("val"), "password": PASSWORD, **change}
    response = admin.post("/api/agents", json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in error["details"]}, error


def test_create_with_a_taken_email_is_409_even_in_another_tenant(admin, other_admin):
    mine = create(admin)
    for email in (mine["email"], mine["email"].upper(), other_admin.agent["email"]):
        response = admin.post("/api/agents", json={"name": "Dup", "email": email, "password": PASSWORD})
        assert response.status_code == 409, response.text
        assert error_code(response) == "CONFLICT"


def test_supervisors_and_agents_cannot_manage_agents(admin):
    target = create(admin)
    for role in ("agent", "supervisor"):
        actor = add_agent(admin, role=role)
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
    assert admin.get(f"/api/agents/{target['id']}").json()["name"] == "Agent Smith"


def test_unauthenticated_calls_are_401(fresh, admin):
    target = admin.agent["id"]
    for method, path in (("GET", "/api/agents"), ("POST", "/api/agents"), ("GET", f"/api/agents/{target}"),
                         ("PATCH", f"/api/agents/{target}"), ("DELETE", f"/api/agents/{target}"),
                         ("PATCH", f"/api/agents/{target}/status")):
        response = fresh.request(method, path, json={})
        assert response.status_code == 401, (method, path, response.text)


# ---------------------------------------------------------------- list


def test_list_is_paginated_with_a_total_count(admin):
    for name in ("Bea", "Cid", "Dot"):
        create(admin, name=name)
    everyone = admin.get("/api/agents")
    assert everyone.status_code == 200
    assert everyone.headers["X-Total-Count"] == "4"
    assert [a["name"] for a in everyone.json()] == ["Ada Admin", "Bea", "Cid", "Dot"]

    pages = [admin.get("/api/agents", params={"per_page": 3, "page": p}) for p in (1, 2, 3)]
    assert [len(p.json()) for p in pages] == [3, 1, 0]
    assert all(p.headers["X-Total-Count"] == "4" for p in pages)
    assert [a["name"] for a in pages[0].json() + pages[1].json()] == ["Ada Admin", "Bea", "Cid", "Dot"]
    assert pages[2].json() == []
    # parameters nobody declared (cache busters) are ignored
    assert admin.get("/api/agents", params={"_": "123"}).status_code == 200


@pytest.mark.parametrize("params", [{"per_page": 0}, {"per_page": 101}, {"page": 0}, {"page": -1},
                                    {"per_page": "ten"}, {"status": "asleep"}])
def test_list_rejects_bad_paging_and_filters(admin, params):
    response = admin.get("/api/agents", params=params)
    assert response.status_code == 422, response.text
    assert error_code(response) == "VALIDATION_FAILED"
    assert response.json()["error"]["details"][0]["field"] == next(iter(params))


def test_list_boundaries_are_accepted(admin):
    for params in ({"per_page": 1}, {"per_page": 100}, {"page": 1}):
        assert admin.get("/api/agents", params=params).status_code == 200, params


def test_list_search_and_filters(admin, other_admin):
    zed = create(admin, name="Zed Zebra")
    sup = create(admin, role="supervisor", name="Sue Supervisor")
    create(other_admin, name="Zed Elsewhere")  # another tenant: never listed

    def names(**params) -> list[str]:
        response = admin.get("/api/agents", params=params)
        assert response.status_code == 200, response.text
        assert response.headers["X-Total-Count"] == str(len(response.json()))
        return [a["name"] for a in response.json()]

    assert names(q="zebra") == ["Zed Zebra"]  # case-insensitive, on the name
    assert names(q=zed["email"].split("@")[0].upper()) == ["Zed Zebra"]  # and on the email
    assert names(q="nobody-has-this") == []
    assert names(role="supervisor") == ["Sue Supervisor"]
    assert names(role="admin") == ["Ada Admin"]
    assert names(role="no-such-role") == []
    assert names(status="online") == []
    assert admin.patch(f"/api/agents/{sup['id']}/status", json={"status": "online"}).status_code == 200
    assert names(status="online") == ["Sue Supervisor"]
    assert names(status="offline", role="agent") == ["Zed Zebra"]
    assert names(q="zed", role="supervisor") == []


# ---------------------------------------------------------------- get / update


def test_get_unknown_malformed_and_foreign_ids(admin, other_admin):
    foreign = other_admin.agent["id"]
    assert admin.get(f"/api/agents/{foreign}").status_code == 404
    assert admin.patch(f"/api/agents/{foreign}", json={"name": "Hijack"}).status_code == 404
    assert admin.patch(f"/api/agents/{foreign}/status", json={"status": "online"}).status_code == 404
    assert admin.delete(f"/api/agents/{foreign}").status_code == 404
    assert other_admin.get("/api/auth/me").json()["name"] == "Ada Admin"
    assert admin.get("/api/agents/00000000-0000-0000-0000-000000000000").status_code == 404
    malformed = admin.get("/api/agents/not-a-uuid")
    assert malformed.status_code == 422 and error_code(malformed) == "VALIDATION_FAILED"


def test_update_name_email_role_and_password(admin, fresh):
    agent = create(admin)
    new_email = unique_email("renamed")
    response = admin.patch(f"/api/agents/{agent['id']}", json={
        "name": "Renamed", "email": new_email.upper(), "role": "supervisor", "password": NEW_PASSWORD,
    })
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "Renamed" and updated["email"] == new_email and updated["role"] == "supervisor"
    assert "conversations.read_all" in updated["permissions"]
    assert updated["updated_at"] >= agent["updated_at"]
    assert admin.get(f"/api/agents/{agent['id']}").json() == updated
    # the new password and email log in; the old ones don't
    assert login(fresh, agent["email"], PASSWORD).status_code == 401
    assert login(fresh, new_email, PASSWORD).status_code == 401
    logged = login(fresh, new_email, NEW_PASSWORD)
    assert logged.status_code == 200 and logged.json()["agent"]["role"] == "supervisor"


def test_update_validation_and_conflicts(admin):
    agent, other = create(admin), create(admin)
    url = f"/api/agents/{agent['id']}"
    assert admin.patch(url, json={"email": other["email"]}).status_code == 409
    assert admin.patch(url, json={"email": agent["email"]}).status_code == 200  # one's own email is free
    for body in ({"password": "short"}, {"role": "wizard"}, {"name": ""}, {"account_status": "banned"},
                 {"status": "online"}):
        response = admin.patch(url, json=body)
        assert response.status_code == 422, (body, response.text)
    assert admin.get(url).json() == {**agent, "updated_at": admin.get(url).json()["updated_at"]}


def test_an_admin_cannot_delete_suspend_or_re_role_themself(admin):
    me = admin.agent["id"]
    for response in (
        admin.delete(f"/api/agents/{me}"),
        admin.patch(f"/api/agents/{me}", json={"account_status": "suspended"}),
        admin.patch(f"/api/agents/{me}", json={"role": "agent"}),
    ):
        assert response.status_code == 403, response.text
        assert error_code(response) == "FORBIDDEN"
    after = admin.get("/api/auth/me").json()
    assert after["role"] == "admin" and after["account_status"] == "active"
    # harmless self-edits are fine, and restating the same role is not a change
    assert admin.patch(f"/api/agents/{me}", json={"name": "Ada A.", "role": "admin"}).status_code == 200


# ---------------------------------------------------------------- delete / suspend


def test_a_deleted_agent_disappears_and_its_credentials_stop_working(admin, fresh):
    agent = add_agent(admin)
    key = agent.post("/api/api-keys", json={"name": "ci"}).json()["key"]
    assert fresh.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 200

    response = admin.delete(f"/api/agents/{agent.agent['id']}")
    assert response.status_code == 200, response.text
    assert response.json()["message"]
    assert admin.get(f"/api/agents/{agent.agent['id']}").status_code == 404
    assert agent.agent["id"] not in [a["id"] for a in admin.get("/api/agents").json()]
    assert admin.get("/api/agents").headers["X-Total-Count"] == "1"
    assert admin.delete(f"/api/agents/{agent.agent['id']}").status_code == 404

    assert agent.get("/api/auth/me").status_code == 401  # its session
    assert fresh.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 401  # its key
    assert login(fresh, agent.agent["email"]).status_code == 401  # its password
    # the email is free again for someone new
    again = admin.post("/api/agents", json={"name": "Heir", "email": agent.agent["email"], "password": PASSWORD})
    assert again.status_code == 201, again.text


def test_a_suspended_agent_is_locked_out_until_reactivated(admin, fresh):
    agent = add_agent(admin)
    url = f"/api/agents/{agent.agent['id']}"
    response = admin.patch(url, json={"account_status": "suspended"})
    assert response.status_code == 200 and response.json()["account_status"] == "suspended"
    assert agent.get("/api/auth/me").status_code == 401
    refused = login(fresh, agent.agent["email"])
    wrong = login(fresh, agent.agent["email"], "wrong-password-1")
    assert refused.status_code == 401
    # a suspended account is not told apart from a wrong password
    assert refused.json()["error"]["message"] == wrong.json()["error"]["message"]
    # still listed (history), with its account status
    assert admin.get(url).json()["account_status"] == "suspended"

    assert admin.patch(url, json={"account_status": "active"}).status_code == 200
    assert login(fresh, agent.agent["email"]).status_code == 200
    assert agent.get("/api/auth/me").status_code == 200  # its old session lives again: it was never revoked


# ---------------------------------------------------------------- status


def test_online_status_self_supervisor_and_others(admin):
    agent = add_agent(admin)
    colleague = add_agent(admin)
    supervisor = add_agent(admin, role="supervisor")

    mine = agent.patch(f"/api/agents/{agent.agent['id']}/status", json={"status": "online"})
    assert mine.status_code == 200, mine.text
    assert mine.json()["status"] == "online" and mine.json()["last_seen_at"]
    assert agent.get("/api/auth/me").json()["status"] == "online"

    theirs = agent.patch(f"/api/agents/{colleague.agent['id']}/status", json={"status": "online"})
    assert theirs.status_code == 403 and error_code(theirs) == "FORBIDDEN"
    assert admin.get(f"/api/agents/{colleague.agent['id']}").json()["status"] == "offline"

    by_supervisor = supervisor.patch(f"/api/agents/{agent.agent['id']}/status", json={"status": "offline"})
    assert by_supervisor.status_code == 200 and by_supervisor.json()["status"] == "offline"
    assert admin.patch(f"/api/agents/{colleague.agent['id']}/status", json={"status": "online"}).status_code == 200

    for body in ({"status": "away"}, {}, {"status": "online", "extra": 1}):
        response = agent.patch(f"/api/agents/{agent.agent['id']}/status", json=body)
        assert response.status_code == 422, (body, response.text)


# ---------------------------------------------------------------- no escalation


def test_an_agent_manager_cannot_hand_out_or_take_over_more_than_they_hold(admin, fresh):
    manager_role = custom_role(admin, "agents.manage", "agents.read")
    manager = add_agent(admin, role=manager_role["key"])
    body = {"name": "Minted", "email": unique_email("minted"), "password": PASSWORD}

    for role in ("admin", "supervisor", "agent"):  # each holds something the manager lacks
        response = manager.post("/api/agents", json={**body, "role": role})
        assert response.status_code == 403, (role, response.text)
        assert error_code(response) == "FORBIDDEN"
        assert "integrations.manage" in response.json()["error"]["details"]["missing"] or role != "admin"
    # a role within their own permissions is fine
    peer = manager.post("/api/agents", json={**body, "role": manager_role["key"]})
    assert peer.status_code == 201, peer.text
    # promoting someone beyond themselves is refused too
    promote = manager.patch(f"/api/agents/{peer.json()['id']}", json={"role": "admin"})
    assert promote.status_code == 403
    assert admin.get(f"/api/agents/{peer.json()['id']}").json()["role"] == manager_role["key"]

    # and so is taking over an account that holds more: its password, email, suspension, deletion
    target = admin.agent["id"]
    for response in (
        manager.patch(f"/api/agents/{target}", json={"password": NEW_PASSWORD}),
        manager.patch(f"/api/agents/{target}", json={"email": unique_email("stolen")}),
        manager.patch(f"/api/agents/{target}", json={"account_status": "suspended"}),
        manager.delete(f"/api/agents/{target}"),
    ):
        assert response.status_code == 403, response.text
    assert login(fresh, admin.agent["email"], NEW_PASSWORD).status_code == 401
    assert admin.get("/api/auth/me").status_code == 200


# ---------------------------------------------------------------- GraphQL door


def test_graphql_agents_list_create_and_forbidden(admin):
    agent = add_agent(admin)
    data = admin.gql("{ agents(perPage: 1) { total perPage items { email role } } }")
    assert "errors" not in data, data
    assert data["data"]["agents"]["total"] == 2 and len(data["data"]["agents"]["items"]) == 1

    mutation = """mutation($input: AgentCreateInput!) { createAgent(input: $input) { id email role } }"""
    variables = {"input": {"name": "Gql", "email": unique_email("gql"), "password": PASSWORD, "role": "supervisor"}}
    created = admin.gql(mutation, variables)
    assert "errors" not in created, created
    assert created["data"]["createAgent"]["role"] == "supervisor"
    rest = admin.get(f"/api/agents/{created['data']['createAgent']['id']}")
    assert rest.status_code == 200 and rest.json()["email"] == variables["input"]["email"]

    variables["input"]["email"] = unique_email("gql")
    refused = agent.gql(mutation, variables)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert refused["data"] is None
