"""Inbox mutations over real HTTP, through the same resolvers as REST: sending (text, template,
media; validation; the 24-hour window), conversation actions (their payloads mirror the REST
acks), bulk actions and their limits, expiry, and contact updates."""

from __future__ import annotations

import time
import uuid

from rest_compat.presenters.messages import MessageObjectOut
from tests.graphql_inbox.conftest import camel, camel_keys, data_of, error_of, same_as_rest

MESSAGE_FIELDS = " ".join(camel(f) for f in MessageObjectOut.model_fields)

SEND = f"""mutation($id: UUID!, $input: SendMessageInput!) {{
  sendMessage(conversationId: $id, input: $input) {{ {MESSAGE_FIELDS} }}
}}"""


def code_of(actor, query, variables):
    return error_of(actor, query, variables)["extensions"]["code"]


def wa_id_of(inbox, conversation):
    return inbox.admin.get(f"/api/contacts/{conversation['contact_id']}").json()["external_id"]


def test_send_text_message_is_queued_then_sent_by_the_job(server, fake_graph, inbox):
    conversation = inbox.customer_writes("can you help?")
    sent = data_of(inbox.admin, SEND, {"id": conversation["id"], "input": {"type": "text", "text": "Of course!"}})
    message = sent["sendMessage"]
    assert message["direction"] == "outbound" and message["type"] == "text" and message["text"] == "Of course!"
    assert message["status"] == "queued" and message["senderAgentId"] == inbox.admin.agent["id"]
    assert message["conversationId"] == conversation["id"] and message["providerMessageId"] is None

    server.drain()
    to = "+" + wa_id_of(inbox, conversation)
    calls = [r["json"] for r in fake_graph.sent_messages if (r.get("json") or {}).get("to") == to]
    assert len(calls) == 1 and calls[0]["text"]["body"] == "Of course!", calls
    rest = inbox.admin.get(f"/api/conversations/{conversation['id']}/messages").json()
    listed = data_of(inbox.admin, f"""query($id: UUID!) {{ messages(conversationId: $id) {{ items {{ {MESSAGE_FIELDS} }} }} }}""",
                     {"id": conversation["id"]})["messages"]["items"]
    assert listed == [camel_keys(m) for m in rest]
    assert listed[0]["id"] == message["id"] and listed[0]["status"] == "sent" and listed[0]["providerMessageId"]


def test_send_template_and_media_through_nested_inputs(inbox):
    conversation = inbox.customer_writes("send me the brochure")
    components = [{"type": "body", "parameters": [{"type": "text", "text": "Ada"}]}]
    template = data_of(inbox.admin, SEND, {"id": conversation["id"], "input": {
        "type": "template", "template": {"name": "order_update", "language": "en_US", "components": components}}})
    message = template["sendMessage"]
    assert message["type"] == "template" and message["text"] == "[template: order_update]"
    assert message["content"]["template"] == {"name": "order_update", "language": "en_US", "components": components}

    # Components default to none.
    bare = data_of(inbox.admin, SEND, {"id": conversation["id"], "input": {
        "type": "template", "template": {"name": "hello_world", "language": "en_US"}}})
    assert bare["sendMessage"]["content"]["template"]["components"] == []

    image = data_of(inbox.admin, SEND, {"id": conversation["id"], "input": {
        "type": "image", "media": {"url": "https://cdn.example.com/brochure.png", "caption": "Our brochure"}}})
    assert image["sendMessage"]["content"] == {"link": "https://cdn.example.com/brochure.png", "caption": "Our brochure"}
    assert image["sendMessage"]["text"] == "Our brochure"

    document = data_of(inbox.admin, SEND, {"id": conversation["id"], "input": {
        "type": "document", "media": {"mediaId": "1013859600285441", "filename": "terms.pdf"}}})
    assert document["sendMessage"]["content"] == {"id": "1013859600285441", "filename": "terms.pdf"}


def test_send_message_refusals(inbox, outsider):
    conversation = inbox.customer_writes("hello?")
    invalid = [
        {"type": "text"},  # no text
        {"type": "template"},  # no template
        {"type": "image", "media": {"url": "https://cdn.example.com/a.png", "mediaId": "123"}},  # two sources
        {"type": "text", "text": "x", "replyToMessageId": str(uuid.uuid4())},  # not a message of this conversation
    ]
    for input_ in invalid:
        assert code_of(inbox.admin, SEND, {"id": conversation["id"], "input": input_}) == "VALIDATION_FAILED", input_
    text = {"type": "text", "text": "hi"}
    assert code_of(outsider.admin, SEND, {"id": conversation["id"], "input": text}) == "NOT_FOUND"

    # 25 hours after the customer last wrote, only templates go out.
    stale = inbox.customer_writes("old question", timestamp=int(time.time()) - 25 * 3600)
    assert code_of(inbox.admin, SEND, {"id": stale["id"], "input": text}) == "MESSAGING_WINDOW_CLOSED"
    template = {"type": "template", "template": {"name": "follow_up", "language": "en"}}
    assert data_of(inbox.admin, SEND, {"id": stale["id"], "input": template})["sendMessage"]["status"] == "queued"


ACTIONS = """mutation($id: UUID!, $agent: UUID, $tags: [String!]!) {
  assigned: assignConversation(id: $id, agentId: $agent) {
    message conversationId assignedAgentId conversation { assignedAgentId assignee { id name } }
  }
  pending: setConversationStatus(id: $id, status: pending) { message conversationId status conversation { status } }
  read: markConversationRead(id: $id) { message conversationId unreadCount conversation { unreadCount } }
  tagged: setConversationTags(id: $id, tags: $tags) { message conversationId tags conversation { tags } }
}"""


def test_conversation_actions_answer_like_rest(inbox, agent_a):
    conversation = inbox.customer_writes("please route me")
    cid = conversation["id"]
    assert conversation["unread_count"] == 1
    data = data_of(inbox.admin, ACTIONS, {"id": cid, "agent": agent_a.agent["id"], "tags": ["vip", "billing", "vip"]})
    assert data["assigned"] == {
        "message": "Agent assigned", "conversationId": cid, "assignedAgentId": agent_a.agent["id"],
        "conversation": {"assignedAgentId": agent_a.agent["id"],
                         "assignee": {"id": agent_a.agent["id"], "name": "Agent Alice"}},
    }
    assert data["pending"] == {"message": "Status updated", "conversationId": cid, "status": "pending",
                               "conversation": {"status": "pending"}}
    assert data["read"] == {"message": "Marked as read", "conversationId": cid, "unreadCount": 0,
                            "conversation": {"unreadCount": 0}}
    assert data["tagged"] == {"message": "Tags updated", "conversationId": cid, "tags": ["vip", "billing"],
                              "conversation": {"tags": ["vip", "billing"]}}

    # The same actions through REST answer the same message and echo fields.
    rest = [
        (inbox.admin.patch(f"/api/conversations/{cid}/assign", json={"agent_id": agent_a.agent["id"]}), "assigned"),
        (inbox.admin.patch(f"/api/conversations/{cid}/status", json={"status": "pending"}), "pending"),
        (inbox.admin.post(f"/api/conversations/{cid}/read"), "read"),
        (inbox.admin.patch(f"/api/conversations/{cid}/tags", json={"tags": ["vip", "billing"]}), "tagged"),
    ]
    for response, key in rest:
        assert response.status_code == 200, response.text
        assert camel_keys(response.json()) == {k: v for k, v in data[key].items() if k != "conversation"}

    state = inbox.admin.get(f"/api/conversations/{cid}").json()
    assert (state["assigned_agent_id"], state["status"], state["unread_count"], state["tags"]) == (
        agent_a.agent["id"], "pending", 0, ["vip", "billing"])

    unassign = "mutation($id: UUID!) { assignConversation(id: $id, agentId: null) { message assignedAgentId } }"
    assert data_of(inbox.admin, unassign, {"id": cid})["assignConversation"] == {
        "message": "Conversation unassigned", "assignedAgentId": None}
    # An agent takes an unassigned conversation over, but may not assign.
    takeover = "mutation($id: UUID!) { takeoverConversation(id: $id) { message conversationId assignedAgentId } }"
    assert data_of(agent_a, takeover, {"id": cid})["takeoverConversation"] == {
        "message": "Conversation taken over", "conversationId": cid, "assignedAgentId": agent_a.agent["id"]}
    assert code_of(agent_a, unassign, {"id": cid}) == "FORBIDDEN"
    # Validation goes through the resolvers: an agent of another organization is refused.
    bad = "mutation($id: UUID!, $agent: UUID!) { assignConversation(id: $id, agentId: $agent) { message } }"
    assert code_of(inbox.admin, bad, {"id": cid, "agent": str(uuid.uuid4())}) == "VALIDATION_FAILED"
    too_many = "mutation($id: UUID!, $tags: [String!]!) { setConversationTags(id: $id, tags: $tags) { tags } }"
    assert code_of(inbox.admin, too_many, {"id": cid, "tags": [f"t{i}" for i in range(51)]}) == "VALIDATION_FAILED"


BULK = """mutation($input: BulkConversationsInput!) { bulkConversations(input: $input) { message affectedCount } }"""


def test_bulk_conversations_and_its_limits(inbox, outsider, agent_b):
    mine = [inbox.customer_writes(f"bulk {i}")["id"] for i in range(2)]
    foreign = outsider.customer_writes("not yours")["id"]

    def bulk(action, ids=None):
        return data_of(inbox.admin, BULK, {"input": {"conversationIds": ids or [*mine, foreign], "action": action}}
                       )["bulkConversations"]

    assert bulk({"type": "resolve"}) == {"message": "Bulk action applied", "affectedCount": 2}
    assert bulk({"type": "resolve"})["affectedCount"] == 0  # already resolved
    assert bulk({"type": "add_tags", "tags": ["followup"]})["affectedCount"] == 2
    assert bulk({"type": "assign", "agentId": agent_b.agent["id"]})["affectedCount"] == 2
    for cid in mine:
        state = inbox.admin.get(f"/api/conversations/{cid}").json()
        assert (state["status"], state["tags"], state["assigned_agent_id"]) == ("resolved", ["followup"], agent_b.agent["id"])
    untouched = outsider.admin.get(f"/api/conversations/{foreign}").json()
    assert (untouched["status"], untouched["tags"], untouched["assigned_agent_id"]) == ("open", [], None)

    for input_ in (
        {"conversationIds": [str(uuid.uuid4()) for _ in range(101)], "action": {"type": "resolve"}},
        {"conversationIds": [], "action": {"type": "resolve"}},
        {"conversationIds": mine, "action": {"type": "add_tags"}},
    ):
        assert code_of(inbox.admin, BULK, {"input": input_}) == "VALIDATION_FAILED", input_


def test_expire_conversations(inbox, agent_a):
    stale = inbox.customer_writes("anyone there?", timestamp=int(time.time()) - 25 * 3600)
    fresh = inbox.customer_writes("just now")
    expire = "mutation { expireConversations { message expiredCount } }"
    assert code_of(agent_a, expire, {}) == "FORBIDDEN"
    result = data_of(inbox.admin, expire)["expireConversations"]
    assert result["message"] == "Conversations expired" and result["expiredCount"] >= 1
    assert inbox.admin.get(f"/api/conversations/{stale['id']}").json()["status"] == "expired"
    assert inbox.admin.get(f"/api/conversations/{fresh['id']}").json()["status"] == "open"
    assert data_of(inbox.admin, expire)["expireConversations"]["expiredCount"] == 0


UPDATE_CONTACT = """mutation($id: UUID!, $input: ContactUpdateInput!) {
  updateContact(id: $id, input: $input) { id name email phone customAttributes updatedAt createdAt externalId
    channel avatarUrl lastInboundAt }
}"""


def test_update_contact(inbox, outsider):
    contact_id = inbox.customer_writes("update me")["contact_id"]
    attributes = {"plan": "gold", "seats": 3, "labels": ["a", "b"], "billing": {"vat": None}}
    updated = data_of(inbox.admin, UPDATE_CONTACT, {"id": contact_id, "input": {
        "name": "Grace Hopper", "email": "Grace@Example.COM", "customAttributes": attributes}})["updateContact"]
    assert (updated["name"], updated["email"], updated["customAttributes"]) == ("Grace Hopper", "grace@example.com", attributes)
    assert same_as_rest(updated, inbox.admin.get(f"/api/contacts/{contact_id}").json())

    # Absent fields stay as they are.
    phone_only = data_of(inbox.admin, UPDATE_CONTACT, {"id": contact_id, "input": {"phone": "+1 555 0100"}})
    assert phone_only["updateContact"]["name"] == "Grace Hopper" and phone_only["updateContact"]["phone"] == "+1 555 0100"
    assert code_of(inbox.admin, UPDATE_CONTACT, {"id": contact_id, "input": {"email": "not-an-email"}}) == "VALIDATION_FAILED"
    assert code_of(outsider.admin, UPDATE_CONTACT, {"id": contact_id, "input": {"name": "x"}}) == "NOT_FOUND"
