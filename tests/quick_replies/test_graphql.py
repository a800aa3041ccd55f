"""Quick replies over GraphQL: the same resolvers as REST, so the same data (field for field) and
the same error codes; renderQuickReply fills variables from a real conversation (a customer
writing in over a signed WhatsApp webhook); exportQuickRepliesCsv is the REST export's text."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.quick_replies.conftest import Team
from tests.quick_replies.helpers import create, listed, tag
from tests.support.api import Actor
from tests.support.inbox import inbound_message, make_whatsapp_account, new_wa_id

FIELDS = ("id shortcut title content shared ownerId createdBy variables usageCount lastUsedAt isFavorite "
          "createdAt updatedAt")
CREATE = f"mutation($input: QuickReplyCreateInput!) {{ createQuickReply(input: $input) {{ {FIELDS} }} }}"
UPDATE = f"mutation($id: UUID!, $input: QuickReplyUpdateInput!) {{ updateQuickReply(id: $id, input: $input) {{ {FIELDS} }} }}"
DELETE = "mutation($id: UUID!) { deleteQuickReply(id: $id) { message id } }"
GET = f"query($id: UUID!) {{ quickReply(id: $id) {{ {FIELDS} }} }}"
LIST = (f"query($q: String, $page: Int!, $perPage: Int!, $favorites: Boolean!) {{ quickReplies(q: $q, page: $page, "
        f"perPage: $perPage, favorites: $favorites) {{ total page perPage items {{ {FIELDS} }} }} }}")
USE = "mutation($id: UUID!) { useQuickReply(id: $id) { id usageCount lastUsedAt } }"
FAVORITE = "mutation($id: UUID!) { favoriteQuickReply(id: $id) { id isFavorite } }"
UNFAVORITE = "mutation($id: UUID!) { unfavoriteQuickReply(id: $id) { id isFavorite } }"
RENDER = "query($id: UUID!, $conversationId: UUID!) { renderQuickReply(id: $id, conversationId: $conversationId) }"
EXPORT = "query($q: String) { exportQuickRepliesCsv(q: $q) }"


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def data(result: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in result, result
    return result["data"]


def code(result: dict[str, Any]) -> str:
    assert result.get("errors"), result
    return result["errors"][0]["extensions"]["code"]


def as_rest(node: dict[str, Any]) -> dict[str, Any]:
    return {key: node[camel(key)] for key in (
        "id", "shortcut", "title", "content", "shared", "owner_id", "created_by", "variables", "usage_count",
        "last_used_at", "is_favorite", "created_at", "updated_at")}


# ---------------------------------------------------------------- the same data through both doors

def test_created_by_graphql_reads_the_same_through_rest(team: Team) -> None:
    t = tag()
    node = data(team.agent.gql(CREATE, {"input": {"shortcut": f"G-{t}", "title": "Hi",
                                                  "content": "Hi {{contact.name}}"}}))["createQuickReply"]
    assert node["shortcut"] == f"g-{t}" and node["shared"] is False and node["ownerId"] == team.agent.agent["id"]
    [rest] = listed(team.agent, q=t)
    assert set(rest) == {k for k in as_rest(node)}
    assert rest == as_rest(node)
    assert as_rest(data(team.agent.gql(GET, {"id": node["id"]}))["quickReply"]) == rest


def test_graphql_fields_are_the_rest_fields_in_camel_case(team: Team) -> None:
    reply = create(team.agent, f"f-{tag()}")
    introspected = data(team.agent.gql('{ __type(name: "QuickReply") { fields { name } } }'))["__type"]["fields"]
    assert {f["name"] for f in introspected} == {camel(k) for k in reply}


def test_update_use_favorite_and_delete(team: Team) -> None:
    t = tag()
    reply = create(team.supervisor, f"u-{t}", shared=True)
    updated = data(team.supervisor.gql(UPDATE, {"id": reply["id"], "input": {"title": "New", "content": "Bye"}}))
    assert (updated["updateQuickReply"]["title"], updated["updateQuickReply"]["content"]) == ("New", "Bye")
    assert data(team.agent.gql(USE, {"id": reply["id"]}))["useQuickReply"]["usageCount"] == 1
    assert data(team.agent2.gql(USE, {"id": reply["id"]}))["useQuickReply"]["usageCount"] == 2
    assert data(team.agent.gql(FAVORITE, {"id": reply["id"]}))["favoriteQuickReply"]["isFavorite"] is True
    page = data(team.agent.gql(LIST, {"q": t, "page": 1, "perPage": 10, "favorites": True}))["quickReplies"]
    assert page["total"] == 1 and page["items"][0]["isFavorite"] is True and page["items"][0]["usageCount"] == 2
    assert data(team.agent.gql(UNFAVORITE, {"id": reply["id"]}))["unfavoriteQuickReply"]["isFavorite"] is False
    deleted = data(team.supervisor.gql(DELETE, {"id": reply["id"]}))["deleteQuickReply"]
    assert deleted == {"message": "Quick reply deleted", "id": reply["id"]}
    assert listed(team.supervisor, q=t) == []


def test_list_orders_favorites_then_usage_like_rest(team: Team) -> None:
    t = tag()
    a, b, c = (create(team.supervisor, f"{x}-{t}", shared=True) for x in "abc")
    team.agent.gql(USE, {"id": b["id"]})
    team.agent.gql(FAVORITE, {"id": c["id"]})
    page = data(team.agent.gql(LIST, {"q": t, "page": 1, "perPage": 10, "favorites": False}))["quickReplies"]
    assert [n["id"] for n in page["items"]] == [c["id"], b["id"], a["id"]]
    assert [n["id"] for n in page["items"]] == [r["id"] for r in listed(team.agent, q=t)]


def test_variables_are_listed(team: Team) -> None:
    found = data(team.agent.gql("{ quickReplyVariables { name placeholder description } }"))["quickReplyVariables"]
    names = [v["name"] for v in found]
    assert {"contact.name", "contact.first_name", "agent.name", "conversation.id", "organization.name"} <= set(names)
    assert {"name": "contact.name", "placeholder": "{{contact.name}}", "description": "The customer's name"} in found


def test_export_is_the_rest_export(team: Team) -> None:
    t = tag()
    create(team.supervisor, f"=x-{t}", shared=True, title="Sum", content='=1+1, "quoted"\nnext line')
    text = data(team.supervisor.gql(EXPORT, {"q": t}))["exportQuickRepliesCsv"]
    assert text == team.supervisor.get("/api/quick-replies/export", params={"q": t}).text
    assert text.startswith("shortcut,title,content,shared\r\n") and f"\"'=x-{t}\"" in text


# ---------------------------------------------------------------- the same errors through both doors

def _cases(team: Team, rival: Actor) -> dict[str, tuple[httpx.Response, dict[str, Any], str]]:
    t = tag()
    shared = create(team.supervisor, f"s-{t}", shared=True)
    theirs = create(rival, f"r-{t}", shared=True)
    personal = create(team.agent2, f"p-{t}")
    create(team.agent, f"d-{t}")
    shared_body = {"shortcut": f"n-{t}", "title": "T", "content": "C", "shared": True}
    dup = {"shortcut": f"d-{t}", "title": "T", "content": "C"}
    typo = {"shortcut": f"v-{t}", "title": "T", "content": "{{contact.nmae}}"}
    return {
        "agent creates shared": (team.agent.post("/api/quick-replies", json=shared_body),
                                 team.agent.gql(CREATE, {"input": shared_body}), "FORBIDDEN"),
        "agent edits shared": (team.agent.patch(f"/api/quick-replies/{shared['id']}", json={"title": "X"}),
                               team.agent.gql(UPDATE, {"id": shared["id"], "input": {"title": "X"}}), "FORBIDDEN"),
        "duplicate shortcut": (team.agent.post("/api/quick-replies", json=dup), team.agent.gql(CREATE, {"input": dup}),
                               "CONFLICT"),
        "unknown variable": (team.agent.post("/api/quick-replies", json=typo),
                             team.agent.gql(CREATE, {"input": typo}), "VALIDATION_FAILED"),
        "other tenant's reply": (team.admin.post(f"/api/quick-replies/{theirs['id']}/use"),
                                 team.admin.gql(USE, {"id": theirs["id"]}), "NOT_FOUND"),
        "other agent's personal reply": (team.admin.delete(f"/api/quick-replies/{personal['id']}"),
                                         team.admin.gql(DELETE, {"id": personal["id"]}), "NOT_FOUND"),
    }


def test_same_errors_through_both_doors(team: Team, rival: Actor) -> None:
    before = len(listed(team.admin))
    for name, (rest, gql, expected) in _cases(team, rival).items():
        assert rest.json()["error"]["code"] == expected, (name, rest.text)
        assert code(gql) == expected, (name, gql)
    assert len(listed(team.admin)) == before + 1  # only the case set-up's shared reply was written


def test_no_credentials(team: Team) -> None:
    with httpx.Client(base_url=str(team.admin.client.base_url), timeout=30) as anonymous:
        body = anonymous.post("/graphql", json={"query": "{ quickReplies { total } }"}).json()
    assert code(body) == "UNAUTHENTICATED"


# ---------------------------------------------------------------- rendering

@pytest.fixture(scope="module")
def conversation(server, team: Team) -> dict[str, Any]:
    """An unassigned conversation of a WhatsApp customer called "Test Customer"."""
    account = make_whatsapp_account(team.admin)
    return inbound_message(team.admin, account, new_wa_id(), "Hello, I need help", server=server)


def test_render_fills_variables_for_the_conversation_and_the_caller(team: Team, conversation: dict[str, Any]) -> None:
    reply = create(team.agent, f"r-{tag()}", content=(
        "Hi {{contact.first_name}} ({{ contact.name }}, {{contact.phone}}), {{agent.first_name}} of "
        "{{organization.name}} here: {{agent.name}} <{{agent.email}}> on {{conversation.channel}} "
        "#{{conversation.id}}. Mail: {{contact.email|none on file}}{{contact.email}}."))
    text = data(team.agent.gql(RENDER, {"id": reply["id"], "conversationId": conversation["id"]}))["renderQuickReply"]
    contact = team.admin.get(f"/api/contacts/{conversation['contact_id']}").json()
    assert contact["name"] == "Test Customer" and contact["email"] is None
    assert text == (
        f"Hi Test (Test Customer, {contact['phone']}), Alice of {team.admin.tenant['name']} here: Alice Agent "
        f"<{team.agent.agent['email']}> on whatsapp #{conversation['id']}. Mail: none on file.")


def test_render_uses_the_fallback_only_when_empty(team: Team, conversation: dict[str, Any]) -> None:
    reply = create(team.supervisor, f"fb-{tag()}", shared=True, content="Dear {{contact.first_name|customer}}")
    text = data(team.agent2.gql(RENDER, {"id": reply["id"], "conversationId": conversation["id"]}))
    assert text["renderQuickReply"] == "Dear Test"


def test_render_needs_a_visible_conversation_and_reply(team: Team, rival: Actor, conversation: dict[str, Any]
                                                       ) -> None:
    t = tag()
    mine = create(team.agent, f"m-{t}", content="Hi {{contact.name}}")
    theirs = create(team.agent2, f"t-{t}", content="Hi")
    # Someone else's personal reply, and another tenant's conversation, are not found.
    assert code(team.agent.gql(RENDER, {"id": theirs["id"], "conversationId": conversation["id"]})) == "NOT_FOUND"
    other_conversation = inbound_message(rival, make_whatsapp_account(rival), new_wa_id(), "Hi")
    assert code(team.agent.gql(RENDER, {"id": mine["id"], "conversationId": other_conversation["id"]})) == "NOT_FOUND"
    # A conversation assigned to another agent is invisible to an agent (supervisors see it).
    assign = team.admin.patch(f"/api/conversations/{conversation['id']}/assign",
                              json={"agent_id": team.agent2.agent["id"]})
    assert assign.status_code == 200, assign.text
    try:
        assert code(team.agent.gql(RENDER, {"id": mine["id"], "conversationId": conversation["id"]})) == "NOT_FOUND"
        shared = create(team.supervisor, f"s-{t}", shared=True, content="Hi {{contact.name}}")
        ok = team.supervisor.gql(RENDER, {"id": shared["id"], "conversationId": conversation["id"]})
        assert data(ok)["renderQuickReply"] == "Hi Test Customer"
    finally:
        team.admin.patch(f"/api/conversations/{conversation['id']}/assign", json={"agent_id": None})
