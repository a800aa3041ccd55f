"""Inbox queries over real HTTP: conversations (with contact and assignee), one conversation,
messages, search, contacts, a contact's conversations; every Conversation, Message and Contact
field equals its REST twin (the presenters' fields, camelCased)."""

from __future__ import annotations

import uuid

import httpx

from rest_compat.presenters.contacts import ContactOut
from rest_compat.presenters.conversations import ConversationOut
from rest_compat.presenters.messages import MessageObjectOut
from tests.graphql_inbox.conftest import camel, camel_keys, data_of, error_of, same_as_rest

CONVERSATION_FIELDS = " ".join(camel(f) for f in ConversationOut.model_fields)
MESSAGE_FIELDS = " ".join(camel(f) for f in MessageObjectOut.model_fields)
CONTACT_FIELDS = " ".join(camel(f) for f in ContactOut.model_fields)

CONVERSATIONS = """query($page: Int!, $perPage: Int!, $status: ConversationStatus, $agent: UUID) {
  conversations(page: $page, perPage: $perPage, status: $status, assignedAgentId: $agent) {
    total page perPage
    items { id status assignedAgentId contactName contact { id name externalId } assignee { id name email } }
  }
}"""


def list_conversations(actor, **variables):
    return data_of(actor, CONVERSATIONS, {"page": 1, "perPage": 20, **variables})["conversations"]


def test_conversations_lists_the_inbox_with_contact_and_assignee(inbox):
    older = inbox.customer_writes("first")
    newer = inbox.customer_writes("second")
    admin_id = inbox.admin.agent["id"]
    assert inbox.admin.patch(f"/api/conversations/{older['id']}/assign", json={"agent_id": admin_id}).status_code == 200

    page = list_conversations(inbox.admin)
    assert page["total"] >= 2 and page["page"] == 1 and page["perPage"] == 20
    by_id = {c["id"]: c for c in page["items"]}
    ids = [c["id"] for c in page["items"]]
    assert ids.index(newer["id"]) < ids.index(older["id"]), "newest activity first"
    assert by_id[older["id"]]["assignee"] == {"id": admin_id, "name": inbox.admin.agent["name"],
                                              "email": inbox.admin.agent["email"]}
    assert by_id[newer["id"]]["assignee"] is None
    contact = by_id[newer["id"]]["contact"]
    assert contact == {"id": newer["contact_id"], "name": "Test Customer", "externalId": contact["externalId"]}
    assert by_id[newer["id"]]["contactName"] == "Test Customer"

    # the same order and total as REST
    rest = inbox.admin.get("/api/conversations", params={"per_page": 20})
    assert [c["id"] for c in rest.json()] == ids and int(rest.headers["x-total-count"]) == page["total"]


def test_conversations_filters_and_paging(inbox):
    resolved = inbox.customer_writes("to resolve")
    mine = inbox.customer_writes("to assign")
    admin_id = inbox.admin.agent["id"]
    assert inbox.admin.patch(f"/api/conversations/{resolved['id']}/status", json={"status": "resolved"}).status_code == 200
    assert inbox.admin.patch(f"/api/conversations/{mine['id']}/assign", json={"agent_id": admin_id}).status_code == 200

    only_resolved = list_conversations(inbox.admin, status="resolved")
    assert resolved["id"] in {c["id"] for c in only_resolved["items"]}
    assert {c["status"] for c in only_resolved["items"]} == {"resolved"}
    assigned = list_conversations(inbox.admin, agent=admin_id)
    assert mine["id"] in {c["id"] for c in assigned["items"]}
    assert {c["assignedAgentId"] for c in assigned["items"]} == {admin_id}

    first = list_conversations(inbox.admin, perPage=1)
    second = data_of(inbox.admin, CONVERSATIONS, {"page": 2, "perPage": 1})["conversations"]
    assert len(first["items"]) == len(second["items"]) == 1 and first["items"] != second["items"]
    assert error_of(inbox.admin, CONVERSATIONS, {"page": 1, "perPage": 101})["extensions"]["code"] == "VALIDATION_FAILED"


def test_conversation_and_messages_match_rest_field_for_field(inbox):
    conversation = inbox.customer_writes("parity one")
    wa_id = inbox.admin.get(f"/api/contacts/{conversation['contact_id']}").json()["external_id"]
    inbox.customer_writes("parity two", wa_id=wa_id)
    cid = conversation["id"]
    query = f"""query($id: UUID!) {{
      conversation(id: $id) {{ {CONVERSATION_FIELDS} }}
      messages(conversationId: $id) {{ total items {{ {MESSAGE_FIELDS} }} }}
    }}"""
    data = data_of(inbox.admin, query, {"id": cid})

    rest_conversation = inbox.admin.get(f"/api/conversations/{cid}").json()
    assert data["conversation"] == camel_keys(rest_conversation)
    rest_messages = inbox.admin.get(f"/api/conversations/{cid}/messages").json()
    assert len(rest_messages) == 2 and data["messages"]["total"] == 2
    assert data["messages"]["items"] == [camel_keys(m) for m in rest_messages]
    assert [m["text"] for m in data["messages"]["items"]] == ["parity two", "parity one"]
    assert data["messages"]["items"][0]["content"] == {"body": "parity two"}


def test_messages_page_backwards_with_before(inbox):
    first = inbox.customer_writes("one")
    wa_id = inbox.admin.get(f"/api/contacts/{first['contact_id']}").json()["external_id"]
    for text in ("two", "three"):
        inbox.customer_writes(text, wa_id=wa_id)
    query = """query($id: UUID!, $before: DateTime, $perPage: Int!) {
      messages(conversationId: $id, perPage: $perPage, before: $before) { total items { text createdAt } }
    }"""
    newest = data_of(inbox.admin, query, {"id": first["id"], "perPage": 1})["messages"]
    assert newest["total"] == 3 and [m["text"] for m in newest["items"]] == ["three"]
    older = data_of(inbox.admin, query, {"id": first["id"], "perPage": 5,
                                         "before": newest["items"][0]["createdAt"]})["messages"]
    assert [m["text"] for m in older["items"]] == ["two", "one"]


def test_search_messages_finds_words_in_visible_conversations(inbox, outsider):
    word = "zebra" + uuid.uuid4().hex[:8]
    conversation = inbox.customer_writes(f"my {word} arrived broken")
    inbox.customer_writes("nothing to see here")
    query = f"""query($q: String!) {{ searchMessages(q: $q, perPage: 10) {{ total items {{ {MESSAGE_FIELDS} }} }} }}"""
    found = data_of(inbox.admin, query, {"q": word})["searchMessages"]
    assert found["total"] == 1 and found["items"][0]["conversationId"] == conversation["id"]
    rest = inbox.admin.get("/api/messages/search", params={"q": word}).json()
    assert found["items"] == [camel_keys(m) for m in rest]
    assert data_of(outsider.admin, query, {"q": word})["searchMessages"] == {"total": 0, "items": []}
    assert error_of(inbox.admin, query, {"q": ""})["extensions"]["code"] == "VALIDATION_FAILED"


def test_contacts_contact_and_contact_conversations(inbox):
    conversation = inbox.customer_writes("who am I")
    contact_id = conversation["contact_id"]
    rest_contact = inbox.admin.get(f"/api/contacts/{contact_id}").json()
    query = f"""query($id: UUID!, $q: String) {{
      contact(id: $id) {{ {CONTACT_FIELDS} }}
      contacts(q: $q, channel: "whatsapp") {{ total items {{ id externalId }} }}
      none: contacts(q: $q, channel: "email") {{ total }}
      contactConversations(id: $id) {{ total items {{ {CONVERSATION_FIELDS} }} }}
    }}"""
    data = data_of(inbox.admin, query, {"id": contact_id, "q": rest_contact["external_id"]})
    assert same_as_rest(data["contact"], rest_contact)
    assert data["contact"]["customAttributes"] == {}
    assert data["contacts"] == {"total": 1, "items": [{"id": contact_id, "externalId": rest_contact["external_id"]}]}
    assert data["none"] == {"total": 0}
    rest_conversations = inbox.admin.get(f"/api/contacts/{contact_id}/conversations").json()
    assert data["contactConversations"] == {"total": 1, "items": [camel_keys(c) for c in rest_conversations]}


def test_foreign_and_unknown_ids_are_not_found(inbox, outsider):
    conversation = inbox.customer_writes("mine only")
    queries = [
        ("query($id: UUID!) { conversation(id: $id) { id } }", conversation["id"]),
        ("query($id: UUID!) { messages(conversationId: $id) { total } }", conversation["id"]),
        ("query($id: UUID!) { contact(id: $id) { id } }", conversation["contact_id"]),
        ("query($id: UUID!) { contactConversations(id: $id) { total } }", conversation["contact_id"]),
    ]
    for query, id_ in queries:
        for actor, probe in ((outsider.admin, id_), (inbox.admin, str(uuid.uuid4()))):
            error = error_of(actor, query, {"id": probe})
            assert error["extensions"]["code"] == "NOT_FOUND", (query, error)
    other_page = data_of(outsider.admin, "{ conversations(perPage: 100) { items { id } } contacts(perPage: 100) { items { id } } }")
    assert conversation["id"] not in {c["id"] for c in other_page["conversations"]["items"]}
    assert conversation["contact_id"] not in {c["id"] for c in other_page["contacts"]["items"]}


def test_nested_reads_follow_the_callers_permissions(inbox):
    """`contact` and `assignee` read through the same rules as `contact(id)` and `agent(id)`:
    a role without contacts.read / agents.read gets FORBIDDEN for those fields, not a leak."""
    conversation = inbox.customer_writes("perm check")
    assert inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign",
                             json={"agent_id": inbox.admin.agent["id"]}).status_code == 200
    # An API key narrowed to reading conversations: no contacts.read, no agents.read.
    key = inbox.admin.post("/api/api-keys", json={"name": "inbox reader",
                                                  "permissions": ["conversations.read", "conversations.read_all"]})
    assert key.status_code == 201, key.text
    query = "query($id: UUID!) { conversation(id: $id) { id assignee { name } contact { name } } }"
    with httpx.Client(base_url=str(inbox.admin.client.base_url), timeout=30) as keyholder:  # no session cookie
        body = keyholder.post("/graphql", json={"query": query, "variables": {"id": conversation["id"]}},
                              headers={"X-API-Key": key.json()["key"]}).json()
    codes = {e["path"][-1]: e["extensions"]["code"] for e in body["errors"]}
    assert codes == {"assignee": "FORBIDDEN", "contact": "FORBIDDEN"}, body
    allowed = data_of(inbox.admin, query, {"id": conversation["id"]})["conversation"]
    assert allowed["assignee"] == {"name": inbox.admin.agent["name"]} and allowed["contact"] == {"name": "Test Customer"}
