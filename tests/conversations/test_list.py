"""GET /api/conversations and GET /api/conversations/{id} over real HTTP: the reference's shape,
newest activity first, X-Total-Count, the status / assigned_agent_id filters, page bounds, and
what an agent sees (their own and unassigned conversations; anyone else's is 404 and absent).

One tenant, arranged once and only read here:
    c1 open, unassigned         (last message 5 h ago)
    c2 open, assigned to agent  (4 h)
    c3 resolved, unassigned     (3 h)
    c4 pending, assigned to the admin (another agent, for the agent) (2 h)
    c5 open, unassigned         (1 h)
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import inbox_fixture, iso, new_conversations

REFERENCE_FIELDS = {
    "id", "contact_id", "assigned_agent_id", "status", "last_message_at", "unread_count", "created_at",
    "updated_at", "contact_name", "contact_phone", "contact_channel",
}
STATUSES = {"open", "pending", "resolved", "expired"}


inbox = inbox_fixture("Inbox list")


@pytest.fixture(scope="module")
def agent(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, name="Agnes Agent")
    yield actor
    actor.client.close()


@pytest.fixture(scope="module")
def convs(server, inbox, agent) -> dict[str, dict[str, Any]]:
    now = time.time()
    made = new_conversations(server, inbox, [f"message {i}" for i in range(1, 6)],
                             timestamps=[now - h * 3600 for h in (5, 4, 3, 2, 1)])
    c = dict(zip(("c1", "c2", "c3", "c4", "c5"), made, strict=True))
    admin = inbox.admin
    for conv_id, body in ((c["c2"]["id"], {"agent_id": agent.agent["id"]}),
                          (c["c4"]["id"], {"agent_id": admin.agent["id"]})):
        assert admin.patch(f"/api/conversations/{conv_id}/assign", json=body).status_code == 200
    for conv_id, status in ((c["c3"]["id"], "resolved"), (c["c4"]["id"], "pending")):
        assert admin.patch(f"/api/conversations/{conv_id}/status", json={"status": status}).status_code == 200
    return {name: admin.get(f"/api/conversations/{conv['id']}").json() for name, conv in c.items()}


def listing(actor: Actor, **params: Any) -> tuple[list[str], int]:
    response = actor.get("/api/conversations", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list)
    return [c["id"] for c in body], int(response.headers["X-Total-Count"])


def ids(convs: dict[str, dict[str, Any]], *names: str) -> list[str]:
    return [convs[n]["id"] for n in names]


def test_list_items_have_the_reference_shape(inbox, convs, agent):
    response = inbox.admin.get("/api/conversations")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    items = {c["id"]: c for c in response.json()}
    for item in items.values():
        assert REFERENCE_FIELDS <= set(item), set(item) ^ REFERENCE_FIELDS
        uuid.UUID(item["id"])
        uuid.UUID(item["contact_id"])
        assert item["status"] in STATUSES
        assert isinstance(item["unread_count"], int) and item["unread_count"] == 1
        for stamp in ("last_message_at", "created_at", "updated_at"):
            assert iso(item[stamp]).utcoffset().total_seconds() == 0  # ISO-8601, UTC
        assert item["contact_channel"] == "whatsapp"
        assert item["contact_name"] == "Test Customer" and item["contact_phone"].startswith("+1555")
    c2, c4 = items[convs["c2"]["id"]], items[convs["c4"]["id"]]
    assert c2["assigned_agent_id"] == agent.agent["id"] and c2["status"] == "open"
    assert c4["assigned_agent_id"] == inbox.admin.agent["id"] and c4["status"] == "pending"
    assert items[convs["c1"]["id"]]["assigned_agent_id"] is None
    assert items[convs["c3"]["id"]]["status"] == "resolved"


def test_get_answers_the_same_object_as_the_list(inbox, convs):
    listed = {c["id"]: c for c in inbox.admin.get("/api/conversations").json()}
    for conv in convs.values():
        got = inbox.admin.get(f"/api/conversations/{conv['id']}")
        assert got.status_code == 200, got.text
        assert got.json() == listed[conv["id"]]


def test_newest_activity_comes_first_with_the_total(inbox, convs):
    assert listing(inbox.admin) == (ids(convs, "c5", "c4", "c3", "c2", "c1"), 5)
    stamps = [iso(c["last_message_at"]) for c in inbox.admin.get("/api/conversations").json()]
    assert stamps == sorted(stamps, reverse=True)
    assert abs(stamps[0] - datetime.fromtimestamp(time.time() - 3600, UTC)).total_seconds() < 120


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "open"}, ("c5", "c2", "c1")),
    ({"status": "pending"}, ("c4",)),
    ({"status": "resolved"}, ("c3",)),
    ({"status": "expired"}, ()),
    ({"assigned_agent_id": "agent"}, ("c2",)),
    ({"assigned_agent_id": "admin"}, ("c4",)),
    ({"assigned_agent_id": "agent", "status": "open"}, ("c2",)),
    ({"assigned_agent_id": "agent", "status": "resolved"}, ()),
    ({"assigned_agent_id": "nobody"}, ()),
])
def test_filters(inbox, convs, agent, params, expected):
    who = {"agent": agent.agent["id"], "admin": inbox.admin.agent["id"], "nobody": str(uuid.uuid4())}
    if "assigned_agent_id" in params:
        params = {**params, "assigned_agent_id": who[params["assigned_agent_id"]]}
    assert listing(inbox.admin, **params) == (ids(convs, *expected), len(expected))


@pytest.mark.parametrize("params", [
    {"status": "archived"}, {"assigned_agent_id": "not-a-uuid"},
    {"page": 0}, {"page": -1}, {"page": "two"}, {"per_page": 0}, {"per_page": 101}, {"per_page": "many"},
])
def test_bad_filters_and_page_bounds_are_422(inbox, convs, params):
    response = inbox.admin.get("/api/conversations", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "VALIDATION_FAILED"


def test_pages(inbox, convs):
    assert listing(inbox.admin, per_page=2) == (ids(convs, "c5", "c4"), 5)
    assert listing(inbox.admin, per_page=2, page=2) == (ids(convs, "c3", "c2"), 5)
    assert listing(inbox.admin, per_page=2, page=3) == (ids(convs, "c1"), 5)
    assert listing(inbox.admin, per_page=2, page=4) == ([], 5)
    assert listing(inbox.admin, per_page=1, page=1) == (ids(convs, "c5"), 5)
    assert listing(inbox.admin, per_page=100) == (ids(convs, "c5", "c4", "c3", "c2", "c1"), 5)


# ---------------------------------------------------------------- what an agent sees


def test_an_agent_lists_only_their_own_and_unassigned_conversations(convs, agent):
    assert listing(agent) == (ids(convs, "c5", "c3", "c2", "c1"), 4)
    assert listing(agent, status="pending") == ([], 0)
    assert listing(agent, assigned_agent_id=convs["c4"]["assigned_agent_id"]) == ([], 0)
    assert listing(agent, per_page=2, page=2) == (ids(convs, "c2", "c1"), 4)


def test_an_agent_gets_their_own_and_unassigned_but_not_another_agents(convs, agent):
    for name in ("c1", "c2", "c3", "c5"):
        assert agent.get(f"/api/conversations/{convs[name]['id']}").status_code == 200
    response = agent.get(f"/api/conversations/{convs['c4']['id']}")
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/api/conversations/{id}/messages", None),
    ("POST", "/api/conversations/{id}/messages", {"type": "text", "text": "sneaky"}),
    ("PATCH", "/api/conversations/{id}/status", {"status": "resolved"}),
    ("POST", "/api/conversations/{id}/read", None),
    ("PATCH", "/api/conversations/{id}/tags", {"tags": ["mine"]}),
    ("POST", "/api/conversations/{id}/takeover", None),
])
def test_another_agents_conversation_is_404_on_every_action(inbox, convs, agent, method, path, body):
    target = convs["c4"]
    response = agent.request(method, path.format(id=target["id"]), json=body)
    assert response.status_code == 404, response.text
    assert response.json()["error"]["code"] == "NOT_FOUND"
    after = inbox.admin.get(f"/api/conversations/{target['id']}").json()
    assert after == target  # nothing moved: not the status, the unread count, the tags or the assignee
    messages = inbox.admin.get(f"/api/conversations/{target['id']}/messages").json()
    assert [m["direction"] for m in messages] == ["inbound"]


def test_the_agents_contact_view_hides_another_agents_conversation(convs, agent):
    response = agent.get(f"/api/contacts/{convs['c4']['contact_id']}/conversations")
    assert response.status_code == 200, response.text
    assert response.json() == [] and response.headers["X-Total-Count"] == "0"
    mine = agent.get(f"/api/contacts/{convs['c2']['contact_id']}/conversations")
    assert [c["id"] for c in mine.json()] == [convs["c2"]["id"]]


# ---------------------------------------------------------------- totals without counting everything

def test_a_page_and_its_total_cost_one_statement(inbox, convs):
    admin = inbox.admin
    middle = admin.get("/api/conversations", params={"per_page": 2, "page": 2})
    last = admin.get("/api/conversations", params={"per_page": 2, "page": 3})
    beyond = admin.get("/api/conversations", params={"per_page": 2, "page": 9})
    assert middle.headers["x-total-count"] == last.headers["x-total-count"] == beyond.headers["x-total-count"] == "5"
    assert [len(r.json()) for r in (middle, last, beyond)] == [2, 1, 0]
    # The middle page reads one row more (is there a next page?) and its capped total in the
    # same statement; the last page's total is its offset plus its rows. Only a page past the
    # end, which has no row to carry the total, counts on its own.
    assert middle.headers["x-sql-statements"] == last.headers["x-sql-statements"]
    assert int(beyond.headers["x-sql-statements"]) == int(middle.headers["x-sql-statements"]) + 1
    assert 'rel="next"' in middle.headers["link"] and "page=3" in middle.headers["link"]
    assert "link" not in last.headers
    beyond = admin.get("/api/conversations", params={"per_page": 2, "page": 9})
    assert beyond.json() == [] and beyond.headers["x-total-count"] == "5"


def test_graphql_pages_say_whether_there_is_more(inbox, convs):
    query = "query($p: Int!) { conversations(perPage: 2, page: $p) { total hasMore items { id } } }"
    pages = [inbox.admin.gql(query, {"p": p})["data"]["conversations"] for p in (1, 3)]
    assert [(p["total"], p["hasMore"], len(p["items"])) for p in pages] == [(5, True, 2), (5, False, 1)]


def test_counting_stops_at_the_cap(server, inbox, convs):
    """Beyond the cap the total is unknown (None: REST leaves X-Total-Count out, GraphQL says
    null), so a page of a huge list never reads every row to count it."""
    from models.conversations import Conversation
    from resolvers._pagination import capped_count

    qs = Conversation.filter(tenant_id=inbox.tenant_id)
    assert server.run(capped_count(qs, cap=5)) == 5
    assert server.run(capped_count(qs, cap=4)) is None
    assert server.run(capped_count(qs.filter(status="resolved"), cap=4)) == 1


def test_the_next_link_keeps_the_other_parameters(inbox, convs):
    response = inbox.admin.get("/api/conversations", params={"per_page": 2, "status": "open", "page": 1})
    assert response.status_code == 200, response.text
    link = response.headers["link"]
    assert link.endswith('>; rel="next"') and link.startswith(f"<{inbox.admin.client.base_url}/api/conversations?")
    url = httpx.URL(link[1:link.index(">")])
    assert dict(url.params) == {"per_page": "2", "status": "open", "page": "2"}
    follow = inbox.admin.get(url.path, params=url.params)
    assert follow.status_code == 200 and follow.json()[0]["id"] not in {c["id"] for c in response.json()}
