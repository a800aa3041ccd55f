"""The activity log over real HTTP: every event becomes one entry (written by the listener after
commit, never by the resolvers), naming the principal that acted; filters, pages, no secrets,
idempotent re-dispatch, tenant isolation and role checks, through both doors."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

from models.activity_logs import ActivityLog
from models.events import OutboxEvent
from models.super_admin import SuperAdmin
from resolvers import events
from resolvers.auth import issue_token
from tests.support.api import PASSWORD, Actor, add_agent, register, unique_email
from tests.support.inbox import inbound_message, make_whatsapp_account, new_wa_id

PATH = "/api/activity-logs"
FIELDS = {"id", "event_id", "actor_type", "actor_id", "api_key_id", "impersonator_id", "action", "object_type",
          "object_id", "details", "created_at"}
GQL_LIST = """query($actorId: UUID, $actorType: ActorType, $apiKeyId: UUID, $action: String, $objectType: String,
                    $objectId: String, $since: DateTime, $until: DateTime, $page: Int! = 1, $perPage: Int! = 100) {
  activityLogs(actorId: $actorId, actorType: $actorType, apiKeyId: $apiKeyId, action: $action, objectType: $objectType,
               objectId: $objectId, since: $since, until: $until, page: $page, perPage: $perPage) {
    total page perPage
    items { id eventId actorType actorId apiKeyId impersonatorId action objectType objectId details createdAt }
  }
}"""


# ---------------------------------------------------------------- fixtures and helpers

@pytest.fixture(scope="module")
def boss(server) -> Iterator[Actor]:
    """One tenant for the module (registration is the slow part); each test works on its own objects."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


@pytest.fixture(scope="module")
def supervisor(boss: Actor) -> Iterator[Actor]:
    actor = add_agent(boss, "supervisor", name="Sue Pervisor")
    yield actor
    actor.client.close()


@pytest.fixture(scope="module")
def agent(boss: Actor) -> Iterator[Actor]:
    actor = add_agent(boss, "agent", name="Andy Agent")
    yield actor
    actor.client.close()


@pytest.fixture(scope="module")
def outsider(server) -> Iterator[Actor]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c, org="Globex")


def db(server, query: Any) -> Any:
    """Await a Tortoise query (an awaitable, not a coroutine) on the server's loop."""

    async def run() -> Any:
        return await query

    return server.run(run())


def listed(actor: Actor, **params: Any) -> httpx.Response:
    response = actor.get(PATH, params={"per_page": 100, **params})
    assert response.status_code == 200, response.text
    return response


def entries(actor: Actor, **params: Any) -> list[dict[str, Any]]:
    return listed(actor, **params).json()


def wait_entries(server, actor: Actor, count: int = 1, timeout: float = 10, **params: Any) -> list[dict[str, Any]]:
    """The entries matching `params` once there are at least `count` (listeners run after commit,
    in the job runner; on the Redis leg drain() may return while the last job still runs)."""
    server.drain()
    deadline = time.monotonic() + timeout
    while True:
        found = entries(actor, **params)
        if len(found) >= count:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {count} entries for {params}, found {found}")
        time.sleep(0.02)


def create_agent(actor: Actor, **headers: str) -> dict[str, Any]:
    body = {"name": "Logged Agent", "email": unique_email("log"), "password": PASSWORD, "role": "agent"}
    response = actor.post("/api/agents", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def create_role(actor: Actor) -> dict[str, Any]:
    response = actor.post("/api/roles", json={"name": f"Role {uuid.uuid4().hex[:8]}", "permissions": ["agents.read"]})
    assert response.status_code == 201, response.text
    return response.json()


def settle(server, actor: Actor, roles: list[dict[str, Any]]) -> None:
    """Wait until the new roles are logged, so the list stays still while a test compares reads."""
    for role in roles:
        wait_entries(server, actor, action="role.created", object_id=role["id"])


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def error_code(response: httpx.Response) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]["code"]


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


async def _insert_event(tenant_id: uuid.UUID | None, type: str, payload: dict[str, Any], actor: dict[str, Any],
                        created_at: datetime | None = None) -> OutboxEvent:
    """An outbox row as a resolver would have written it (for event kinds no route records yet)."""
    row = await OutboxEvent.create(tenant_id=tenant_id, type=type, payload=payload, actor=actor)
    if created_at is not None:  # backdated by an UPDATE: auto_now_add stamps "now" on create
        await OutboxEvent.filter(id=row.id).update(created_at=created_at)
    return await OutboxEvent.get(id=row.id)


# ---------------------------------------------------------------- principals

def test_an_agent_created_through_rest_is_logged_with_its_event(server, boss):
    created = create_agent(boss)
    [entry] = wait_entries(server, boss, action="agent.created", object_id=created["id"])
    assert set(entry) == FIELDS
    assert entry["actor_type"] == "agent" and entry["actor_id"] == boss.agent["id"]
    assert entry["api_key_id"] is None and entry["impersonator_id"] is None
    assert entry["object_type"] == "agent"
    assert entry["details"] == {"agent_id": created["id"], "role": "agent"}
    assert entry["created_at"].endswith("Z")

    event = db(server, OutboxEvent.get(id=entry["event_id"]))
    assert event.type == "agent.created" and event.payload["agent_id"] == created["id"]
    assert when(entry["created_at"]) == event.created_at  # the event's time, not the listener's


def test_registration_and_login_are_logged(server, boss, agent):
    [tenant] = wait_entries(server, boss, action="tenant.created")
    assert tenant["object_type"] == "tenant" and tenant["object_id"] == boss.tenant["id"]
    assert tenant["actor_id"] == boss.agent["id"]

    [login] = wait_entries(server, boss, action="agent.logged_in", actor_id=agent.agent["id"])
    assert login["actor_type"] == "agent"
    assert (login["object_type"], login["object_id"]) == ("agent", agent.agent["id"])


def test_an_api_key_action_names_the_key(server, boss):
    key = boss.post("/api/api-keys", json={"name": "robot"})
    assert key.status_code == 201, key.text
    key = key.json()
    created = create_agent(boss, **{"X-API-Key": key["key"]})

    [entry] = wait_entries(server, boss, action="agent.created", object_id=created["id"])
    assert entry["actor_type"] == "api_key"
    assert entry["actor_id"] == boss.agent["id"]  # a key acts for its owner
    assert entry["api_key_id"] == key["id"]

    [minted] = wait_entries(server, boss, action="api_key.created", object_id=key["id"])
    assert minted["object_type"] == "api_key" and minted["api_key_id"] is None
    assert minted["details"]["name"] == "robot"

    by_key = listed(boss, api_key_id=key["id"])
    assert [e["id"] for e in by_key.json()] == [entry["id"]] and by_key.headers["X-Total-Count"] == "1"
    as_keys = entries(boss, actor_type="api_key")
    assert entry["id"] in {e["id"] for e in as_keys} and {e["actor_type"] for e in as_keys} == {"api_key"}
    # The log is readable with the key too, and nowhere shows the key's secret.
    through_key = boss.client.get(PATH, headers={"X-API-Key": key["key"]}, params={"per_page": 100})
    assert through_key.status_code == 200, through_key.text
    assert key["key"] not in through_key.text


def test_an_impersonated_action_names_the_super_admin(server, boss):
    root = db(server, SuperAdmin.get(email="root@omnistream.test"))
    # The token the impersonation endpoint issues: the tenant's agent as subject, the operator in `imp`.
    token, _ = issue_token(subject=uuid.UUID(boss.agent["id"]), tenant_id=uuid.UUID(boss.tenant["id"]),
                           session_id=uuid.uuid4().hex, impersonator_id=root.id)
    impersonating = Actor(boss.client, token, boss.agent, boss.tenant)
    created = create_agent(impersonating)

    [entry] = wait_entries(server, boss, action="agent.created", object_id=created["id"])
    assert entry["actor_type"] == "agent" and entry["actor_id"] == boss.agent["id"]
    assert entry["impersonator_id"] == str(root.id)


def test_what_the_system_does_is_logged_as_the_system(server, boss):
    account = make_whatsapp_account(boss)
    conversation = inbound_message(boss, account, new_wa_id(), "Hello, is anyone there?", server=server)

    wait_entries(server, boss, action="message.created")
    found = [e for e in entries(boss, action="message.created")
             if e["details"]["conversation_id"] == conversation["id"]]
    assert len(found) == 1, found
    message = found[0]
    assert message["actor_type"] == "system" and message["actor_id"] is None
    assert message["object_type"] == "message" and message["object_id"] == message["details"]["message_id"]
    assert message["details"]["text"] == "Hello, is anyone there?"

    [contact] = wait_entries(server, boss, action="contact.created", object_id=conversation["contact_id"])
    assert contact["actor_type"] == "system" and contact["object_type"] == "contact"


# ---------------------------------------------------------------- what goes into an entry

def test_secrets_appear_in_no_entry(server, boss):
    first = f"EAAG{uuid.uuid4().hex}{uuid.uuid4().hex}"
    second = f"EAAG{uuid.uuid4().hex}{uuid.uuid4().hex}"
    app_secret = f"app-secret-{uuid.uuid4().hex}"
    account = make_whatsapp_account(boss, access_token=first, app_secret=app_secret)
    patched = boss.patch(f"/api/integration-accounts/{account['id']}", json={"access_token": second})
    assert patched.status_code == 200, patched.text

    found = wait_entries(server, boss, count=2, object_type="integration_account", object_id=account["id"])
    assert {e["action"] for e in found} == {"integration_account.created", "integration_account.updated"}
    [updated] = [e for e in found if e["action"] == "integration_account.updated"]
    assert updated["details"]["changed"] == ["access_token"]  # which field, never its value

    everything = listed(boss).text + json.dumps(boss.gql(GQL_LIST, {"objectId": account["id"]}))
    stored = db(server, ActivityLog.filter(tenant_id=boss.tenant["id"]).values_list("details", flat=True))
    everything += json.dumps(stored)
    for secret in (first, second, app_secret):
        assert secret not in everything


def test_secret_looking_keys_are_dropped_at_any_depth(server, boss):
    """Defence in depth: a payload that carried a secret anyway loses it in the log."""
    widget = str(uuid.uuid4())
    payload = {
        "widget_id": widget, "access_token": "tok-1", "Authorization": "Bearer tok-2",
        "settings": {"client_secret": "sec-3", "url": "https://example.com/hook",
                     "users": [{"name": "ann", "password": "pw-4"}, {"name": "bob", "refresh_token": "tok-5"}]},
    }
    row = server.run(_insert_event(uuid.UUID(boss.tenant["id"]), "widget.configured", payload,
                                   {"actor_type": "agent", "actor_id": boss.agent["id"]}))
    assert server.run(events.dispatch_event(row.id)) is True

    [entry] = entries(boss, object_type="widget", object_id=widget)
    assert entry["details"] == {
        "widget_id": widget, "settings": {"url": "https://example.com/hook", "users": [{"name": "ann"}, {"name": "bob"}]},
    }
    # The outbox row itself is untouched: only the log is filtered.
    assert db(server, OutboxEvent.get(id=row.id)).payload == payload


def test_any_event_kind_is_logged_without_code_changes(server, boss):
    """A kind of event nobody told the log about: object from the noun and its `<noun>_id`, the
    entry dated at the event's time even when the listener runs much later (a sweep)."""
    gadget = str(uuid.uuid4())
    then = datetime.now(UTC).replace(microsecond=123456) - timedelta(days=3)
    row = server.run(_insert_event(uuid.UUID(boss.tenant["id"]), "shiny_gadget.polished",
                                   {"shiny_gadget_id": gadget, "gloss": "high"}, {"actor_type": "system"}, then))
    assert server.run(events.dispatch_event(row.id)) is True

    [entry] = entries(boss, action="shiny_gadget.polished")
    assert (entry["object_type"], entry["object_id"]) == ("shiny_gadget", gadget)
    assert entry["actor_type"] == "system" and entry["actor_id"] is None
    assert entry["details"] == {"shiny_gadget_id": gadget, "gloss": "high"}
    assert when(entry["created_at"]) == then
    # Dated in the past, so a window around the event finds it and one around now does not.
    assert [e["id"] for e in entries(boss, since=(then - timedelta(seconds=1)).isoformat(),
                                     until=(then + timedelta(seconds=1)).isoformat())] == [entry["id"]]
    assert entry["id"] not in {e["id"] for e in entries(boss, since=(then + timedelta(seconds=1)).isoformat())}


def test_an_object_named_otherwise_than_by_its_noun_id(server, boss):
    """A chat expiration rule is named by its channel (one of the table's exceptions)."""
    response = boss.put("/api/chat-expiration-rules/whatsapp", json={"enabled": True, "inactivity_hours": 48})
    assert response.status_code == 200, response.text
    [entry] = wait_entries(server, boss, action="chat_expiration_rule.updated")
    assert (entry["object_type"], entry["object_id"]) == ("chat_expiration_rule", "whatsapp")
    assert entry["details"]["inactivity_hours"] == 48
    assert entries(boss, object_type="chat_expiration_rule", object_id="whatsapp") == [entry]


def test_an_event_without_a_tenant_is_dispatched_and_not_logged(server):
    row = server.run(_insert_event(None, "operator.noted", {"operator_id": str(uuid.uuid4())}, {"actor_type": "system"}))
    assert server.run(events.dispatch_event(row.id)) is True  # the listener did not fail the dispatch
    assert db(server, OutboxEvent.get(id=row.id)).dispatched_at is not None
    assert not db(server, ActivityLog.filter(event_id=row.id).exists())


def test_a_redispatched_event_leaves_one_entry(server, boss):
    role = create_role(boss)
    [entry] = wait_entries(server, boss, action="role.created", object_id=role["id"])

    def undispatch() -> None:
        db(server, OutboxEvent.filter(id=entry["event_id"]).update(dispatched_at=None))

    undispatch()  # as if the process died after the listeners ran but before marking
    assert server.run(events.dispatch_event(entry["event_id"])) is True
    undispatch()

    async def race() -> list[bool]:  # two jobs for the same event at once (dispatch and a sweep)
        return list(await asyncio.gather(events.dispatch_event(entry["event_id"]),
                                          events.dispatch_event(entry["event_id"])))

    assert sorted(server.run(race())) == [False, True]
    assert entries(boss, action="role.created", object_id=role["id"]) == [entry]
    assert db(server, ActivityLog.filter(event_id=entry["event_id"]).count()) == 1


# ---------------------------------------------------------------- filters and pages

def test_each_filter_narrows_the_list(server, boss, agent):
    created = create_agent(boss)
    role = create_role(boss)
    wait_entries(server, boss, action="role.created", object_id=role["id"])
    wait_entries(server, boss, action="agent.created", object_id=created["id"])
    everything = entries(boss)

    mine = entries(boss, actor_id=agent.agent["id"])
    assert mine and {e["actor_id"] for e in mine} == {agent.agent["id"]}
    assert len(mine) < len(everything)

    agents_created = entries(boss, action="agent.created")
    assert created["id"] in {e["object_id"] for e in agents_created}
    assert {e["action"] for e in agents_created} == {"agent.created"}

    roles = entries(boss, object_type="role")
    assert role["id"] in {e["object_id"] for e in roles} and {e["object_type"] for e in roles} == {"role"}

    [one] = entries(boss, object_id=role["id"])
    assert one["action"] == "role.created"
    assert entries(boss, object_id=role["id"].upper()) == [one]  # any spelling of the UUID

    both = entries(boss, action="agent.created", actor_id=boss.agent["id"], object_type="agent")
    assert created["id"] in {e["object_id"] for e in both}
    assert entries(boss, action="agent.created", object_id=role["id"]) == []
    assert entries(boss, action="no.such_action") == []


def test_time_range_is_inclusive_since_exclusive_until_with_any_offset(server, boss):
    settle(server, boss, [create_role(boss) for _ in range(3)])
    everything = entries(boss)
    pivot = everything[len(everything) // 2]
    at = when(pivot["created_at"])

    since = entries(boss, since=pivot["created_at"])
    assert pivot["id"] in {e["id"] for e in since}
    assert all(when(e["created_at"]) >= at for e in since)
    until = entries(boss, until=pivot["created_at"])
    assert pivot["id"] not in {e["id"] for e in until}
    assert all(when(e["created_at"]) < at for e in until)
    assert {e["id"] for e in since} | {e["id"] for e in until} == {e["id"] for e in everything}

    jakarta = at.astimezone(timezone(timedelta(hours=7))).isoformat()  # the same instant, +07:00
    assert entries(boss, since=jakarta) == since
    # An unencoded "+" arrives as a space; it is read as the offset it was meant to be.
    raw = boss.get(f"{PATH}?per_page=100&since={jakarta}")
    assert raw.status_code == 200, raw.text
    assert raw.json() == since


@pytest.mark.parametrize(("params", "field"), [
    ({"since": "2025-01-01T10:00:00"}, "since"),  # no offset: which 10:00?
    ({"until": "yesterday"}, "until"),
    ({"since": "2025-01-02T00:00:00Z", "until": "2025-01-01T00:00:00Z"}, "until"),
    ({"since": "2025-01-01T00:00:00Z", "until": "2025-01-01T00:00:00Z"}, "until"),
    ({"actor_id": "not-a-uuid"}, "actor_id"),
    ({"api_key_id": "42"}, "api_key_id"),
    ({"actor_type": "robot"}, "actor_type"),
    ({"action": "x" * 65}, "action"),
    ({"per_page": "101"}, "per_page"),
    ({"page": "0"}, "page"),
])
def test_bad_filters_are_422(boss, params, field):
    response = boss.get(PATH, params=params)
    assert response.status_code == 422, response.text
    assert error_code(response) == "VALIDATION_FAILED"
    assert field in {d["field"] for d in response.json()["error"]["details"]}


def test_pages_are_newest_first_and_cover_the_list_once(server, boss):
    settle(server, boss, [create_role(boss) for _ in range(5)])
    full = listed(boss, action="role.created")
    total = int(full.headers["X-Total-Count"])
    assert total == len(full.json()) >= 5
    stamps = [when(e["created_at"]) for e in full.json()]
    assert stamps == sorted(stamps, reverse=True)

    walked: list[dict[str, Any]] = []
    page = 1
    while True:
        response = boss.get(PATH, params={"action": "role.created", "per_page": 2, "page": page})
        assert response.status_code == 200, response.text
        assert response.headers["X-Total-Count"] == str(total)
        if not response.json():
            break
        assert len(response.json()) <= 2
        walked += response.json()
        page += 1
    assert walked == full.json()
    assert len(boss.get(PATH, params={"per_page": 1}).json()) == 1


# ---------------------------------------------------------------- who may read which entries

def test_another_tenants_entries_are_invisible(server, boss, outsider):
    theirs = create_agent(outsider)
    [their_entry] = wait_entries(server, outsider, action="agent.created", object_id=theirs["id"])

    empty = listed(boss, object_id=theirs["id"])
    assert empty.json() == [] and empty.headers["X-Total-Count"] == "0"
    assert entries(boss, actor_id=outsider.agent["id"]) == []
    ours = {e["id"] for e in entries(boss)}
    assert their_entry["id"] not in ours
    gql = boss.gql(GQL_LIST, {"objectId": theirs["id"]})["data"]["activityLogs"]
    assert gql["total"] == 0 and gql["items"] == []
    # ...and the other way round.
    assert not {e["id"] for e in entries(outsider)} & ours


def test_supervisors_read_the_log_and_agents_may_not(server, boss, supervisor, agent):
    created = create_agent(boss)
    [entry] = wait_entries(server, boss, action="agent.created", object_id=created["id"])
    assert entries(supervisor, object_id=created["id"]) == [entry]

    forbidden = agent.get(PATH)
    assert forbidden.status_code == 403 and error_code(forbidden) == "FORBIDDEN"
    body = agent.gql(GQL_LIST)
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_without_credentials_is_401(client):
    response = client.get(PATH)
    assert response.status_code == 401 and error_code(response) == "UNAUTHENTICATED"


# ---------------------------------------------------------------- GraphQL

def test_graphql_reads_the_same_entries_as_rest(server, boss):
    created = create_agent(boss)
    role = create_role(boss)
    wait_entries(server, boss, action="role.created", object_id=role["id"])
    rest = wait_entries(server, boss, action="agent.created", object_id=created["id"])

    body = boss.gql(GQL_LIST, {"objectId": created["id"], "action": "agent.created"})
    assert "errors" not in body, body
    page = body["data"]["activityLogs"]
    assert (page["total"], page["page"], page["perPage"]) == (1, 1, 100)
    [node] = page["items"]
    [entry] = rest
    for name, value in entry.items():
        got = node[camel(name)]
        assert (when(got) == when(value)) if name == "created_at" else (got == value), (name, value, got)

    everything = entries(boss)
    gql_all = boss.gql(GQL_LIST)["data"]["activityLogs"]
    assert [n["id"] for n in gql_all["items"]] == [e["id"] for e in everything]
    pivot = everything[len(everything) // 2]
    for variables, params in [
        ({"actorId": boss.agent["id"]}, {"actor_id": boss.agent["id"]}),
        ({"actorType": "agent"}, {"actor_type": "agent"}),
        ({"objectType": "role"}, {"object_type": "role"}),
        ({"since": pivot["created_at"]}, {"since": pivot["created_at"]}),
        ({"until": pivot["created_at"]}, {"until": pivot["created_at"]}),
        ({"perPage": 2, "page": 2}, {"per_page": 2, "page": 2}),
    ]:
        nodes = boss.gql(GQL_LIST, variables)["data"]["activityLogs"]["items"]
        assert [n["id"] for n in nodes] == [e["id"] for e in entries(boss, **params)], variables


def test_graphql_refuses_bad_filters_with_the_same_code(boss):
    for variables in ({"since": "2025-01-01T10:00:00"},
                      {"since": "2025-01-02T00:00:00Z", "until": "2025-01-01T00:00:00Z"},
                      {"perPage": 0}):
        body = boss.gql(GQL_LIST, variables)
        assert body["data"] is None, body
        assert body["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED", body
