"""Outbound messages over real HTTP: POST /api/conversations/{id}/messages stores the message as
`queued` with the sending agent, a job sends it through the (fake) Graph API with the account's
token, and it becomes `sent` with the wamid, or `failed` with Meta's error. Transient errors
retry, permanent ones do not; WhatsApp's 24-hour window lets only templates through once closed;
a send job that runs twice sends once."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import pytest

from connectors.hub import services
from models.messages import Message
from resolvers._scope import new_scoped, scoped
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import (
    Inbox,
    customer_writes,
    db,
    inbox_fixture,
    iso,
    messages_of,
    send_text,
    wait_message,
)

MESSAGE_KEYS = {
    "id", "conversation_id", "direction", "type", "text", "content", "status", "provider_message_id", "error",
    "sender_agent_id", "created_at",
}


inbox = inbox_fixture("Outbound")


@pytest.fixture()
def customer(server, inbox) -> tuple[str, dict[str, Any]]:
    """(wa_id, the conversation) of a customer who just wrote: the window is open."""
    wa_id = new_wa_id()
    return wa_id, customer_writes(server, inbox, wa_id, "hello, I need help")


@pytest.fixture()
def graph(server, fake_graph):
    """The session's fake Graph API, once nothing is being sent any more. Tests find their own
    calls by this inbox's number and their customer; errors they queue are all consumed."""
    server.drain()
    return fake_graph


def calls_to(inbox: Inbox, graph, wa_id: str) -> list[dict[str, Any]]:
    return [r for r in inbox.sends(graph) if r["json"].get("to") == f"+{wa_id}"]


def post(inbox: Inbox, conversation_id: str, body: dict[str, Any]):
    return inbox.admin.post(f"/api/conversations/{conversation_id}/messages", json=body)


def settled(server, inbox: Inbox, conversation_id: str, message_id: str) -> dict[str, Any]:
    server.drain()
    return wait_message(inbox.admin, conversation_id, message_id, lambda m: m["status"] != "queued")


def calls_with(inbox: Inbox, graph, marker: str) -> list[dict[str, Any]]:
    return [r for r in inbox.sends(graph) if marker in str(r["json"])]


def stored_count(server, inbox: Inbox, conversation_id: str) -> int:
    return db(server, scoped(inbox.ctx(), Message).filter(conversation_id=conversation_id).count())


# ---------------------------------------------------------------- success


def test_a_text_is_queued_then_sent_with_the_account_token(server, inbox, customer, graph):
    wa_id, conv = customer
    text = f"Yes, it comes in blue ({uuid.uuid4().hex[:6]})"
    response = post(inbox, conv["id"], {"type": "text", "text": text})
    assert response.status_code == 201, response.text
    queued = response.json()
    assert MESSAGE_KEYS <= set(queued)
    assert queued["status"] == "queued" and queued["direction"] == "outbound"
    assert queued["type"] == "text" and queued["text"] == text
    assert queued["conversation_id"] == conv["id"]
    assert queued["sender_agent_id"] == inbox.admin.agent["id"]
    assert queued["provider_message_id"] is None and queued["error"] is None

    sent = settled(server, inbox, conv["id"], queued["id"])
    assert sent["status"] == "sent", sent
    assert sent["sent_at"] is not None and sent["error"] is None
    [call] = calls_with(inbox, graph, text)
    assert sent["provider_message_id"] in graph.sent_wamids
    assert call["method"] == "POST" and call["path"] == f"/{graph.version}/{inbox.phone_number_id}/messages"
    assert call["headers"]["authorization"] == f"Bearer {inbox.access_token}"
    assert call["json"]["messaging_product"] == "whatsapp"
    assert call["json"]["to"] == f"+{wa_id}"
    assert call["json"]["type"] == "text" and call["json"]["text"]["body"] == text

    after = inbox.admin.get(f"/api/conversations/{conv['id']}").json()
    assert iso(after["last_message_at"]) >= iso(conv["last_message_at"])
    assert after["unread_count"] == conv["unread_count"]  # our own message is not unread


def test_an_agent_who_sends_is_the_sender(server, inbox, customer, graph):
    from tests.support.api import add_agent

    _, conv = customer
    agent = add_agent(inbox.admin, name="Sender Agent")
    try:
        response = agent.post(f"/api/conversations/{conv['id']}/messages", json={"type": "text", "text": "on it"})
        assert response.status_code == 201, response.text
        assert response.json()["sender_agent_id"] == agent.agent["id"]
    finally:
        agent.client.close()


@pytest.mark.parametrize("media", [
    {"url": "https://example.com/catalogue.png", "caption": "our catalogue"},
    {"media_id": "1234567890987654321"},
], ids=["by-url", "by-media-id"])
def test_media_goes_by_link_or_by_id(server, inbox, customer, graph, media):
    wa_id, conv = customer
    response = post(inbox, conv["id"], {"type": "image", "media": media})
    assert response.status_code == 201, response.text
    sent = settled(server, inbox, conv["id"], response.json()["id"])
    assert sent["status"] == "sent" and sent["type"] == "image"
    [call] = calls_to(inbox, graph, wa_id)
    image = call["json"]["image"]
    if "url" in media:
        assert image["link"] == media["url"] and image["caption"] == media["caption"]
    else:
        assert image == {"id": media["media_id"]}


# ---------------------------------------------------------------- failures


@pytest.mark.parametrize(("status", "code"), [(500, 1), (429, 130429)], ids=["5xx", "429"])
def test_a_transient_error_is_retried_and_then_sent(server, inbox, customer, graph, status, code):
    _, conv = customer
    graph.queue_error(status, code, "Temporarily unavailable", times=1)
    text = f"retry me {uuid.uuid4().hex[:6]}"
    message = send_text(inbox.admin, conv["id"], text)
    sent = settled(server, inbox, conv["id"], message["id"])
    assert sent["status"] == "sent", sent
    assert sent["provider_message_id"] in graph.sent_wamids
    assert len(calls_with(inbox, graph, text)) == 2  # the failed try and the successful one


@pytest.mark.parametrize(("code", "message"), [
    (100, "(#100) Invalid parameter"),
    (131047, "Re-engagement message"),
], ids=["invalid-parameter", "re-engagement"])
def test_a_permanent_error_fails_at_once_without_retry(server, inbox, customer, graph, code, message):
    _, conv = customer
    graph.queue_error(400, code, message, times=1)  # a retry would succeed: sent, two calls
    text = f"doomed {uuid.uuid4().hex[:6]}"
    queued = send_text(inbox.admin, conv["id"], text)
    failed = settled(server, inbox, conv["id"], queued["id"])
    assert failed["status"] == "failed", failed
    assert failed["error"]["code"] == code
    assert failed["error"]["message"] == message
    assert failed["provider_message_id"] is None and failed["failed_at"] is not None
    server.drain()  # a retry, had one been scheduled, would be pending here
    assert len(calls_with(inbox, graph, text)) == 1


# ---------------------------------------------------------------- the 24-hour window


@pytest.fixture()
def quiet_customer(server, inbox) -> tuple[str, dict[str, Any]]:
    """A customer whose last message is 25 hours old: the window is closed."""
    wa_id = new_wa_id()
    return wa_id, customer_writes(server, inbox, wa_id, "hello?", timestamp=time.time() - 25 * 3600)


def test_free_text_outside_the_window_is_refused(server, inbox, quiet_customer, graph):
    wa_id, conv = quiet_customer
    before = stored_count(server, inbox, conv["id"])
    for body in ({"type": "text", "text": "too late"},
                 {"type": "image", "media": {"url": "https://example.com/a.png"}}):
        response = post(inbox, conv["id"], body)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "MESSAGING_WINDOW_CLOSED"
    assert stored_count(server, inbox, conv["id"]) == before
    server.drain()
    assert calls_to(inbox, graph, wa_id) == []


def test_a_template_still_goes_outside_the_window(server, inbox, quiet_customer, graph):
    wa_id, conv = quiet_customer
    template = {"name": "order_update", "language": "en_US",
                "components": [{"type": "body", "parameters": [{"type": "text", "text": "#1234"}]}]}
    response = post(inbox, conv["id"], {"type": "template", "template": template})
    assert response.status_code == 201, response.text
    assert response.json()["type"] == "template" and response.json()["status"] == "queued"
    sent = settled(server, inbox, conv["id"], response.json()["id"])
    assert sent["status"] == "sent", sent
    [call] = calls_to(inbox, graph, wa_id)
    assert call["json"]["type"] == "template"
    assert call["json"]["template"]["name"] == "order_update"
    assert call["json"]["template"]["language"] == {"code": "en_US"}
    assert call["json"]["template"]["components"] == template["components"]


def test_the_window_is_open_within_24_hours(server, inbox, graph):
    conv = customer_writes(server, inbox, new_wa_id(), "still here", timestamp=time.time() - 23 * 3600)
    response = post(inbox, conv["id"], {"type": "text", "text": "just in time"})
    assert response.status_code == 201, response.text


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize("body", [
    {"type": "text"},
    {"type": "text", "text": ""},
    {"type": "text", "text": "x" * 4097},
    {"type": "text", "text": 42},
    {"type": "carousel", "text": "hi"},
    {"type": "image"},
    {"type": "image", "media": {}},
    {"type": "image", "media": {"caption": "no source"}},
    {"type": "image", "media": {"url": "https://example.com/a.png", "media_id": "123"}},
    {"type": "image", "media": {"url": "not a url"}},
    {"type": "template"},
    {"type": "template", "template": {"name": "order_update"}},
    {"type": "text", "text": "hi", "unknown_field": 1},
], ids=["no-text", "empty-text", "text-4097", "text-not-string", "unknown-type", "media-missing", "media-empty",
        "media-no-source", "media-two-sources", "media-bad-url", "template-missing", "template-no-language",
        "unknown-field"])
def test_an_invalid_message_is_422_and_nothing_is_stored(server, inbox, customer, body):
    _, conv = customer
    before = stored_count(server, inbox, conv["id"])
    response = post(inbox, conv["id"], body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "VALIDATION_FAILED"
    assert stored_count(server, inbox, conv["id"]) == before


def test_a_text_of_exactly_4096_characters_is_accepted(server, inbox, customer):
    _, conv = customer
    response = post(inbox, conv["id"], {"type": "text", "text": "y" * 4096})
    assert response.status_code == 201, response.text
    assert response.json()["text"] == "y" * 4096


# ---------------------------------------------------------------- a job that runs twice


def test_a_duplicated_send_job_sends_once(server, inbox, customer, graph):
    _, conv = customer
    text = f"exactly once {uuid.uuid4().hex[:6]}"

    async def queued_message() -> str:
        # Stored as POST would store it, but without its job: the test enqueues the jobs itself.
        message = await new_scoped(inbox.ctx(), Message, conversation_id=conv["id"], direction="outbound",
                                   type="text", text=text, content={}, status="queued",
                                   sender_agent_id=inbox.admin.agent["id"])
        return str(message.id)

    message_id = server.run(queued_message())

    async def enqueue_twice() -> list[bool]:
        return list(await asyncio.gather(
            services.jobs.enqueue("send_message", message_id, job_id=f"dup-a:{message_id}"),
            services.jobs.enqueue("send_message", message_id, job_id=f"dup-b:{message_id}"),
        ))

    assert server.run(enqueue_twice()) == [True, True]
    sent = settled(server, inbox, conv["id"], message_id)
    assert sent["status"] == "sent", sent
    assert len(calls_with(inbox, graph, text)) == 1

    # And once more after it was sent: still nothing new goes out.
    server.run(services.jobs.enqueue("send_message", message_id, job_id=f"dup-c:{message_id}"))
    server.drain()
    assert len(calls_with(inbox, graph, text)) == 1
    [again] = [m for m in messages_of(inbox.admin, conv["id"]) if m["id"] == message_id]
    assert again["provider_message_id"] == sent["provider_message_id"]


def test_send_jobs_racing_the_posted_messages_own_job_send_once(server, inbox, customer, graph):
    _, conv = customer
    text = f"raced {uuid.uuid4().hex[:6]}"
    message_id = send_text(inbox.admin, conv["id"], text)["id"]  # its own job is already on its way

    async def enqueue_more() -> None:
        await asyncio.gather(*(services.jobs.enqueue("send_message", message_id, job_id=f"race-{i}:{message_id}")
                               for i in range(2)))

    server.run(enqueue_more())
    sent = settled(server, inbox, conv["id"], message_id)
    server.drain()
    assert sent["status"] == "sent", sent
    assert len(calls_with(inbox, graph, text)) == 1
