"""Scheduled messages over REST: POST /api/conversations/{id}/scheduled-messages stores a pending
message (text or template) for a validated future time; GET lists a conversation's, soonest
first; DELETE /api/scheduled-messages/{id} cancels while pending (409 after). Who may do what
per role, and another tenant's objects are 404 with nothing changed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from models.scheduled_messages import ScheduledMessage
from resolvers._scope import scoped
from tests.scheduled_messages.conftest import (
    SCHEDULED_KEYS,
    at,
    listed,
    marker,
    one,
    schedule,
    when,
)
from tests.support.inbox_rest import db


def post(actor, conversation_id: str, body: dict[str, Any]):
    return actor.post(f"/api/conversations/{conversation_id}/scheduled-messages", json=body)


def stored_count(server, inbox, conversation_id: str) -> int:
    return db(server, scoped(inbox.ctx(), ScheduledMessage).filter(conversation_id=conversation_id).count())


# ---------------------------------------------------------------- create, list, cancel


def test_a_text_is_scheduled_pending_with_the_documented_shape(inbox, conversation):
    text = marker("see you")
    send_at = at(timedelta(hours=3), tz=timedelta(hours=7))  # written in Jakarta time
    response = post(inbox.admin, conversation["id"], {"type": "text", "text": text, "send_at": send_at})
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == SCHEDULED_KEYS
    assert body["status"] == "pending" and body["type"] == "text" and body["text"] == text
    assert body["conversation_id"] == conversation["id"]
    assert body["created_by"] == inbox.admin.agent["id"]
    assert body["content"] == {} and body["error"] is None
    assert body["sent_message_id"] is None and body["cancelled_at"] is None
    # The same instant, shown in UTC with a Z.
    assert body["send_at"].endswith("Z") and when(body["send_at"]) == when(send_at)
    assert listed(inbox.admin, conversation["id"]) == [body]


def test_a_template_is_scheduled_with_its_template(inbox, conversation):
    template = {"name": "appointment_reminder", "language": "en_US",
                "components": [{"type": "body", "parameters": [{"type": "text", "text": "Friday"}]}]}
    response = post(inbox.admin, conversation["id"],
                    {"type": "template", "template": template, "send_at": at(timedelta(days=2))})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["type"] == "template" and body["status"] == "pending"
    assert body["content"] == {"template": template}


def test_the_list_is_soonest_first_paged_and_filtered_by_status(inbox, conversation):
    later = schedule(inbox.admin, conversation["id"], marker("later"), timedelta(hours=5))
    sooner = schedule(inbox.admin, conversation["id"], marker("sooner"), timedelta(hours=2))
    middle = schedule(inbox.admin, conversation["id"], marker("middle"), timedelta(hours=3))
    assert [s["id"] for s in listed(inbox.admin, conversation["id"])] == [sooner["id"], middle["id"], later["id"]]

    page = inbox.admin.get(f"/api/conversations/{conversation['id']}/scheduled-messages",
                           params={"per_page": 2, "page": 2})
    assert page.status_code == 200, page.text
    assert page.headers["x-total-count"] == "3"
    assert [s["id"] for s in page.json()] == [later["id"]]

    assert inbox.admin.delete(f"/api/scheduled-messages/{middle['id']}").status_code == 200
    assert [s["id"] for s in listed(inbox.admin, conversation["id"], status="cancelled")] == [middle["id"]]
    assert [s["id"] for s in listed(inbox.admin, conversation["id"], status="pending")] == [sooner["id"], later["id"]]
    bad = inbox.admin.get(f"/api/conversations/{conversation['id']}/scheduled-messages", params={"status": "queued"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "VALIDATION_FAILED"


def test_cancel_while_pending_then_409(inbox, conversation):
    scheduled = schedule(inbox.admin, conversation["id"], marker("cancel me"))
    response = inbox.admin.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert response.status_code == 200, response.text
    cancelled = response.json()
    assert set(cancelled) == SCHEDULED_KEYS
    assert cancelled["status"] == "cancelled" and cancelled["cancelled_at"] is not None
    assert one(inbox.admin, conversation["id"], scheduled["id"]) == cancelled

    again = inbox.admin.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert again.status_code == 409, again.text
    error = again.json()["error"]
    assert error["code"] == "CONFLICT" and error["details"] == {"status": "cancelled"}
    assert one(inbox.admin, conversation["id"], scheduled["id"]) == cancelled


def test_unknown_and_malformed_ids_are_404_or_422(inbox, conversation):
    missing = inbox.admin.delete("/api/scheduled-messages/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "NOT_FOUND"
    malformed = inbox.admin.delete("/api/scheduled-messages/not-a-uuid")
    assert malformed.status_code == 422
    no_conversation = post(inbox.admin, "00000000-0000-4000-8000-000000000000",
                           {"type": "text", "text": "hi", "send_at": at(timedelta(hours=1))})
    assert no_conversation.status_code == 404


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize(("body", "field"), [
    ({"type": "text", "text": "hi", "send_at": "PAST"}, "send_at"),
    ({"type": "text", "text": "hi", "send_at": "YEAR+"}, "send_at"),
    ({"type": "text", "text": "hi", "send_at": "2031-01-01T09:00:00"}, "send_at"),
    ({"type": "text", "text": "hi", "send_at": "NAIVE"}, "send_at"),
    ({"type": "text", "text": "hi", "send_at": 1900000000}, "send_at"),
    ({"type": "text", "text": "hi", "send_at": "tomorrow at nine"}, "send_at"),
    ({"type": "text", "text": "hi"}, "send_at"),
    ({"type": "text", "send_at": "SOON"}, None),
    ({"type": "text", "text": "", "send_at": "SOON"}, "text"),
    ({"type": "text", "text": "x" * 4097, "send_at": "SOON"}, "text"),
    ({"type": "text", "text": "nul \x00 byte", "send_at": "SOON"}, None),
    ({"type": "template", "send_at": "SOON"}, None),
    ({"type": "template", "template": {"name": "order_update"}, "send_at": "SOON"}, "template.language"),
    ({"type": "image", "media": {"url": "https://example.com/a.png"}, "send_at": "SOON"}, "type"),
    ({"type": "text", "text": "hi", "send_at": "SOON", "unknown_field": 1}, "unknown_field"),
], ids=["past", "more-than-a-year", "no-offset", "no-offset-now", "unix-number", "not-a-date", "send_at-missing",
        "no-text", "empty-text", "text-4097", "nul", "template-missing", "template-no-language", "media-type",
        "unknown-field"])
def test_invalid_schedules_are_422_and_nothing_is_stored(server, inbox, conversation, body, field):
    # Relative times are filled in at the last moment, so they are what they say.
    stand_ins = {"PAST": at(-timedelta(minutes=2)), "YEAR+": at(timedelta(days=366)),
                 "NAIVE": at(timedelta(hours=1))[:19], "SOON": at(timedelta(hours=1))}
    body = {k: stand_ins.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    before = stored_count(server, inbox, conversation["id"])
    response = post(inbox.admin, conversation["id"], body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    if field is not None:
        assert field in [d["field"] for d in error["details"]], error
    assert stored_count(server, inbox, conversation["id"]) == before


def test_the_edges_of_the_allowed_range_are_accepted(inbox, conversation):
    # "Now" as a client whose clock is a moment behind writes it (due at once, so it goes out),
    # and just under a year ahead.
    for delta in (timedelta(seconds=-1), timedelta(days=364, hours=23)):
        response = post(inbox.admin, conversation["id"], {"type": "text", "text": marker("edge"), "send_at": at(delta)})
        assert response.status_code == 201, response.text


def test_malformed_json_is_400(inbox, conversation):
    response = inbox.admin.post(f"/api/conversations/{conversation['id']}/scheduled-messages", content=b"{nope",
                                headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "BAD_REQUEST"


# ---------------------------------------------------------------- roles


def test_an_agent_schedules_on_a_conversation_they_see_and_cancels_their_own(inbox, agnes, conversation):
    scheduled = schedule(agnes, conversation["id"], marker("agnes"))
    assert scheduled["created_by"] == agnes.agent["id"]
    assert [s["id"] for s in listed(agnes, conversation["id"])] == [scheduled["id"]]
    response = agnes.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_an_agent_cannot_cancel_someone_elses_but_a_supervisor_can(inbox, agnes, bob, supervisor, conversation):
    scheduled = schedule(agnes, conversation["id"], marker("agnes's"))
    assert [s["id"] for s in listed(bob, conversation["id"])] == [scheduled["id"]]  # bob sees it (unassigned)
    refused = bob.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "FORBIDDEN"
    assert one(inbox.admin, conversation["id"], scheduled["id"])["status"] == "pending"
    allowed = supervisor.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert allowed.status_code == 200 and allowed.json()["status"] == "cancelled"


def test_an_agent_cannot_reach_the_scheduled_messages_of_a_conversation_they_cannot_see(
        inbox, agnes, bob, conversation):
    scheduled = schedule(inbox.admin, conversation["id"], marker("assigned"))
    assigned = inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign", json={"agent_id": bob.agent["id"]})
    assert assigned.status_code == 200, assigned.text
    path = f"/api/conversations/{conversation['id']}/scheduled-messages"
    assert agnes.get(path).status_code == 404
    assert post(agnes, conversation["id"], {"type": "text", "text": "hi", "send_at": at(timedelta(hours=1))}
                ).status_code == 404
    hidden = agnes.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert hidden.status_code == 404 and hidden.json()["error"]["message"] == "scheduled message not found"
    assert one(inbox.admin, conversation["id"], scheduled["id"])["status"] == "pending"
    assert [s["id"] for s in listed(bob, conversation["id"])] == [scheduled["id"]]


def test_a_custom_role_without_the_permission_is_forbidden(inbox, conversation):
    from tests.support.api import PASSWORD, login, unique_email

    role = inbox.admin.post("/api/roles", json={"name": f"Reader {marker()}", "permissions": [
        "conversations.read", "messages.send"]})
    assert role.status_code == 201, role.text
    email = unique_email("reader")
    created = inbox.admin.post("/api/agents", json={"name": "Reader", "email": email, "password": PASSWORD,
                                                    "role": role.json()["key"]})
    assert created.status_code == 201, created.text
    token = login(inbox.admin.client, email).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    response = inbox.admin.client.post(f"/api/conversations/{conversation['id']}/scheduled-messages", headers=headers,
                                       json={"type": "text", "text": "hi", "send_at": at(timedelta(hours=1))})
    assert response.status_code == 403, response.text
    assert response.json()["error"]["details"] == {"missing": ["scheduled_messages.write"]}
    # Reading needs only conversations.read.
    assert inbox.admin.client.get(f"/api/conversations/{conversation['id']}/scheduled-messages",
                                  headers=headers).status_code == 200


def test_no_credentials_is_401(client, inbox, conversation):
    # `client` holds no session cookie (the inbox admin's client does).
    for method, path in (("GET", f"/api/conversations/{conversation['id']}/scheduled-messages"),
                         ("DELETE", "/api/scheduled-messages/00000000-0000-4000-8000-000000000000")):
        response = client.request(method, path)
        assert response.status_code == 401 and response.json()["error"]["code"] == "UNAUTHENTICATED"


# ---------------------------------------------------------------- tenants


def test_another_tenants_conversation_and_scheduled_message_are_404_and_untouched(
        server, inbox, outsider, conversation):
    scheduled = schedule(inbox.admin, conversation["id"], marker("ours"))
    them = outsider.admin
    assert them.get(f"/api/conversations/{conversation['id']}/scheduled-messages").status_code == 404
    before = stored_count(server, inbox, conversation["id"])
    created = post(them, conversation["id"], {"type": "text", "text": "hijack", "send_at": at(timedelta(hours=1))})
    assert created.status_code == 404 and created.json()["error"]["code"] == "NOT_FOUND"
    assert stored_count(server, inbox, conversation["id"]) == before
    cancelled = them.delete(f"/api/scheduled-messages/{scheduled['id']}")
    assert cancelled.status_code == 404 and cancelled.json()["error"]["code"] == "NOT_FOUND"
    assert one(inbox.admin, conversation["id"], scheduled["id"]) == scheduled
