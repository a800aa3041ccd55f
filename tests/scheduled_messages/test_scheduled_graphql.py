"""Scheduled messages over GraphQL: scheduledMessages / scheduledMessage, scheduleMessage and
cancelScheduledMessage call the same resolvers as REST, so they read the same (field for field,
camelCase), validate the same and refuse the same, with the REST error code in extensions.code."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.scheduled_messages.conftest import (
    SCHEDULED_KEYS,
    at,
    marker,
    one,
    schedule,
    sends_with,
    wait_scheduled,
)
from tests.support.api import Actor
from tests.support.inbox_rest import wait_message

FIELDS = "id conversationId status sendAt type text content createdBy sentMessageId error createdAt cancelledAt"
SCHEDULE = f"""mutation($conversationId: UUID!, $input: ScheduleMessageInput!) {{
  scheduleMessage(conversationId: $conversationId, input: $input) {{ {FIELDS} creator {{ id name }} }}
}}"""
LIST = f"""query($conversationId: UUID!, $status: ScheduledMessageStatus) {{
  scheduledMessages(conversationId: $conversationId, status: $status) {{ total items {{ {FIELDS} }} }}
}}"""
GET = f"query($id: UUID!) {{ scheduledMessage(id: $id) {{ {FIELDS} }} }}"
CANCEL = f"mutation($id: UUID!) {{ cancelScheduledMessage(id: $id) {{ {FIELDS} }} }}"


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def same(rest: Any, gql: Any) -> bool:
    if isinstance(rest, str) and isinstance(gql, str) and re.match(r"\d{4}-\d\d-\d\dT", rest):
        return datetime.fromisoformat(rest) == datetime.fromisoformat(gql)
    return rest == gql


def assert_same(rest: dict[str, Any], node: dict[str, Any]) -> None:
    different = {k: (rest[k], node[camel(k)]) for k in SCHEDULED_KEYS if not same(rest[k], node[camel(k)])}
    assert not different, f"REST vs GraphQL: {different}"


def code_of(result: dict[str, Any]) -> str:
    assert result.get("errors"), result
    return result["errors"][0]["extensions"]["code"]


def gql_schedule(actor: Actor, conversation_id: str, **input: Any) -> dict[str, Any]:
    return actor.gql(SCHEDULE, {"conversationId": conversation_id, "input": input})


def test_schedule_list_get_and_cancel_read_like_rest(inbox, agnes, conversation):
    text = marker("graphql")
    result = gql_schedule(agnes, conversation["id"], text=text, sendAt=at(timedelta(hours=2), tz=timedelta(hours=-5)))
    assert "errors" not in result, result
    node = result["data"]["scheduleMessage"]
    assert node["status"] == "pending" and node["type"] == "text" and node["text"] == text
    assert node["creator"] == {"id": agnes.agent["id"], "name": agnes.agent["name"]}
    assert_same(one(inbox.admin, conversation["id"], node["id"]), node)

    listed = inbox.admin.gql(LIST, {"conversationId": conversation["id"], "status": "pending"})
    assert "errors" not in listed, listed
    assert listed["data"]["scheduledMessages"]["total"] == 1
    [item] = listed["data"]["scheduledMessages"]["items"]
    assert_same(one(inbox.admin, conversation["id"], node["id"]), item)
    got = inbox.admin.gql(GET, {"id": node["id"]})
    assert got["data"]["scheduledMessage"] == item

    cancelled = agnes.gql(CANCEL, {"id": node["id"]})
    assert "errors" not in cancelled, cancelled
    assert cancelled["data"]["cancelScheduledMessage"]["status"] == "cancelled"
    assert_same(one(inbox.admin, conversation["id"], node["id"]), cancelled["data"]["cancelScheduledMessage"])
    assert code_of(agnes.gql(CANCEL, {"id": node["id"]})) == "CONFLICT"


def test_a_template_is_scheduled_through_graphql(inbox, conversation):
    template = {"name": "order_update", "language": "en_US", "components": [{"type": "body", "parameters": []}]}
    result = gql_schedule(inbox.admin, conversation["id"], type="template", template=template,
                          sendAt=at(timedelta(days=1)))
    assert "errors" not in result, result
    node = result["data"]["scheduleMessage"]
    assert node["type"] == "template" and node["content"] == {"template": template}


@pytest.mark.parametrize("input_", [
    {"text": "hi", "sendAt": "PAST"},
    {"text": "hi", "sendAt": "YEAR+"},
    {"text": "hi", "sendAt": "NAIVE"},
    {"type": "template", "sendAt": "SOON"},
    {"text": "x" * 4097, "sendAt": "SOON"},
], ids=["past", "more-than-a-year", "no-offset", "template-missing", "text-4097"])
def test_the_same_validation_through_graphql(inbox, conversation, input_):
    stand_ins = {"PAST": at(-timedelta(minutes=2)), "YEAR+": at(timedelta(days=366)),
                 "NAIVE": at(timedelta(hours=1))[:19], "SOON": at(timedelta(hours=1))}
    input_ = {k: stand_ins.get(v, v) for k, v in input_.items()}
    rest_body = {"type": input_.get("type", "text"), "send_at": input_["sendAt"],
                 **{k: v for k, v in input_.items() if k in ("text",)}}
    rest = inbox.admin.post(f"/api/conversations/{conversation['id']}/scheduled-messages", json=rest_body)
    assert rest.status_code == 422 and rest.json()["error"]["code"] == "VALIDATION_FAILED"
    assert code_of(gql_schedule(inbox.admin, conversation["id"], **input_)) == "VALIDATION_FAILED"
    listed = inbox.admin.gql(LIST, {"conversationId": conversation["id"]})
    assert listed["data"]["scheduledMessages"]["total"] == 0


def test_roles_and_tenants_are_refused_alike(inbox, outsider, agnes, bob, conversation):
    scheduled = schedule(agnes, conversation["id"], marker("agnes via graphql"))
    assert code_of(bob.gql(CANCEL, {"id": scheduled["id"]})) == "FORBIDDEN"
    them = outsider.admin
    assert code_of(them.gql(CANCEL, {"id": scheduled["id"]})) == "NOT_FOUND"
    assert code_of(them.gql(GET, {"id": scheduled["id"]})) == "NOT_FOUND"
    assert code_of(them.gql(LIST, {"conversationId": conversation["id"]})) == "NOT_FOUND"
    assert code_of(gql_schedule(them, conversation["id"], text="hijack", sendAt=at(timedelta(hours=1)))) == "NOT_FOUND"
    assert one(inbox.admin, conversation["id"], scheduled["id"]) == scheduled


def test_a_message_scheduled_through_graphql_is_delivered(server, inbox, conversation, fake_graph):
    text = marker("graphql delivery")
    result = gql_schedule(inbox.admin, conversation["id"], text=text, sendAt=at(timedelta(seconds=1)))
    assert "errors" not in result, result
    sent = wait_scheduled(inbox.admin, conversation["id"], result["data"]["scheduleMessage"]["id"])
    assert sent["status"] == "sent", sent
    got = inbox.admin.gql(GET, {"id": sent["id"]})["data"]["scheduledMessage"]
    assert got["status"] == "sent" and got["sentMessageId"] == sent["sent_message_id"]
    server.drain()
    message = wait_message(inbox.admin, conversation["id"], sent["sent_message_id"], lambda m: m["status"] != "queued")
    assert message["status"] == "sent" and message["text"] == text
    assert len(sends_with(inbox, fake_graph, text)) == 1
