"""Agents see their own and unassigned conversations only, through every GraphQL door: lists,
single reads, messages, search, a contact's conversations, actions, and live events."""

from __future__ import annotations

import uuid

from tests.graphql_inbox.conftest import data_of, error_of, make_live, retag, wait_for_event
from tests.support.inbox import post_signed, whatsapp_text_payload
from tests.support.ws import Subscriber

LIVE_LIMIT_S = 5.0


def assign(inbox, conversation, agent):
    response = inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign", json={"agent_id": agent.agent["id"]})
    assert response.status_code == 200, response.text


def test_an_agent_does_not_see_another_agents_conversation(inbox, agent_a, agent_b):
    word = "walrus" + uuid.uuid4().hex[:8]
    theirs = inbox.customer_writes(f"for bob only {word}")
    open_to_all = inbox.customer_writes(f"anyone {word}")
    own = inbox.customer_writes(f"for alice {word}")
    assign(inbox, theirs, agent_b)
    assign(inbox, own, agent_a)

    listed = data_of(agent_a, "{ conversations(perPage: 100) { total items { id assignedAgentId } } }")["conversations"]
    ids = {c["id"] for c in listed["items"]}
    assert {open_to_all["id"], own["id"]} <= ids and theirs["id"] not in ids
    assert {c["assignedAgentId"] for c in listed["items"]} <= {None, agent_a.agent["id"]}
    by_bob = "query($a: UUID!) { conversations(assignedAgentId: $a) { total } }"
    assert data_of(agent_a, by_bob, {"a": agent_b.agent["id"]})["conversations"]["total"] == 0
    assert data_of(agent_b, "query($id: UUID!) { conversation(id: $id) { id } }", {"id": theirs["id"]})

    not_found = [
        ("query($id: UUID!) { conversation(id: $id) { id } }", {}),
        ("query($id: UUID!) { messages(conversationId: $id) { total } }", {}),
        ("mutation($id: UUID!) { markConversationRead(id: $id) { message } }", {}),
        ("mutation($id: UUID!) { takeoverConversation(id: $id) { message } }", {}),
        ("mutation($id: UUID!) { setConversationTags(id: $id, tags: [\"x\"]) { message } }", {}),
        ("mutation($id: UUID!, $i: SendMessageInput!) { sendMessage(conversationId: $id, input: $i) { id } }",
         {"i": {"type": "text", "text": "sneaky"}}),
    ]
    for query, extra in not_found:
        error = error_of(agent_a, query, {"id": theirs["id"], **extra})
        assert error["extensions"]["code"] == "NOT_FOUND", (query, error)

    search = "query($q: String!) { searchMessages(q: $q, perPage: 10) { items { conversationId } } }"
    found = {m["conversationId"] for m in data_of(agent_a, search, {"q": word})["searchMessages"]["items"]}
    assert found == {open_to_all["id"], own["id"]}
    contact_view = "query($id: UUID!) { contactConversations(id: $id) { total } }"
    assert data_of(agent_a, contact_view, {"id": theirs["contact_id"]})["contactConversations"]["total"] == 0
    # Bulk actions skip what the caller cannot see.
    bulk = "mutation($ids: [UUID!]!) { bulkConversations(input: {conversationIds: $ids, action: {type: resolve}}) { affectedCount } }"
    agent_bulk = agent_a.gql(bulk, {"ids": [theirs["id"]]})
    assert agent_bulk["errors"][0]["extensions"]["code"] == "FORBIDDEN"  # agents hold no conversations.bulk
    assert inbox.admin.get(f"/api/conversations/{theirs['id']}").json()["status"] == "open"


def test_an_agent_receives_no_live_events_of_another_agents_conversation(server, inbox, agent_a, agent_b):
    theirs = inbox.customer_writes("bob's customer")
    open_to_all = inbox.customer_writes("anyone's customer")
    assign(inbox, theirs, agent_b)
    their_wa_id = inbox.admin.get(f"/api/contacts/{theirs['contact_id']}").json()["external_id"]
    query = "subscription { inboxEvents { type conversationId ... on ConversationChangedEvent { tags } } }"

    with Subscriber(server.ws_url, token=agent_a.token) as alice, Subscriber(server.ws_url, token=agent_b.token) as bob:
        alice.subscribe(query)
        bob.subscribe(query)
        make_live(alice, retag(inbox.admin, open_to_all["id"]))
        make_live(bob, retag(inbox.admin, theirs["id"]))

        # Bob's customer writes, then something happens on the shared conversation.
        assert post_signed(inbox.admin, whatsapp_text_payload(
            inbox.account["phone_number_id"], their_wa_id, "only bob may see this")).status_code == 200
        event, _ = wait_for_event(bob, lambda e: e["type"] == "message.created", LIVE_LIMIT_S)
        assert event["conversationId"] == theirs["id"]
        retag(inbox.admin, theirs["id"])()
        marker_tag = uuid.uuid4().hex[:12]
        assert inbox.admin.patch(f"/api/conversations/{open_to_all['id']}/tags", json={"tags": [marker_tag]}).status_code == 200

        # Everything Alice got up to the marker (events arrive in publication order) is hers to see.
        marker, skipped = wait_for_event(alice, lambda e: e.get("tags") == [marker_tag], LIVE_LIMIT_S)
        assert marker == {"type": "conversation.updated", "conversationId": open_to_all["id"], "tags": [marker_tag]}
        assert all(e["conversationId"] != theirs["id"] for e in skipped), skipped

        # Subscribing to that conversation by id is refused outright.
        alice.subscribe("subscription($id: UUID!) { inboxEvents(conversationId: $id) { type } }",
                        {"id": theirs["id"]}, op_id="2")
        message = alice.next_message(LIVE_LIMIT_S)
        assert message["id"] == "2", message
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert errors[0]["extensions"]["code"] == "NOT_FOUND", message
