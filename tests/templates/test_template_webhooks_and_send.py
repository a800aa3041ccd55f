"""Meta's `message_template_status_update` webhooks (signed, POST /api/webhooks/meta) update the
stored status, and template sends are checked against the stored template."""

from __future__ import annotations

from typing import Any

from models.events import OutboxEvent
from tests.support.inbox_rest import db, deliver, messages_of, new_conversations, wait_message
from tests.templates.conftest import create, error_of, new_name, status_webhook, waba

IMAGE_HEADER = [{"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Order {{1}} shipped"}]
TEXT_HEADER = [{"type": "HEADER", "format": "TEXT", "text": "Hello {{1}}"},
               {"type": "BODY", "text": "Hi {{1}}, order {{2}} is confirmed, see {{3}}."}]


def _get(inbox, template: dict[str, Any]) -> dict[str, Any]:
    response = inbox.admin.get(f"/api/wa-templates/{template['id']}")
    assert response.status_code == 200, response.text
    return response.json()


def _approved(server, fake_graph, inbox, **overrides: Any) -> dict[str, Any]:
    template = create(fake_graph, inbox, **overrides)
    deliver(server, inbox.admin.client, status_webhook(waba(inbox), template, "APPROVED"))
    assert _get(inbox, template)["status"] == "APPROVED"
    return template


def _send(inbox, conversation_id: str, template: dict[str, Any], components: list[dict[str, Any]]) -> Any:
    return inbox.admin.post(f"/api/conversations/{conversation_id}/messages", json={
        "type": "template",
        "template": {"name": template["name"], "language": template["language"], "components": components}})


def _body(*values: str) -> dict[str, Any]:
    return {"type": "body", "parameters": [{"type": "text", "text": v} for v in values]}


# ---------------------------------------------------------------- status webhooks


def test_approved_webhook_updates_the_status(server, fake_graph, inbox):
    template = create(fake_graph, inbox)
    assert template["status"] == "PENDING"
    payload = status_webhook(waba(inbox), template, "APPROVED")
    deliver(server, inbox.admin.client, payload)
    assert _get(inbox, template)["status"] == "APPROVED"
    events = db(server, OutboxEvent.filter(tenant_id=inbox.tenant_id, type="wa_template.status_changed"))
    mine = [e.payload for e in events if e.payload["wa_template_id"] == template["id"]]
    assert len(mine) == 1 and mine[0]["status"] == "APPROVED" and mine[0]["previous_status"] == "PENDING"


def test_rejected_webhook_keeps_the_reason_and_matches_by_name_without_an_id(server, fake_graph, inbox):
    template = create(fake_graph, inbox)
    payload = status_webhook(waba(inbox), template, "REJECTED", by_id=False, reason="INVALID_FORMAT",
                             rejection_info={"reason": "Parameters next to each other", "recommendation": "Add text"})
    deliver(server, inbox.admin.client, payload)
    got = _get(inbox, template)
    assert got["status"] == "REJECTED" and got["rejection_reason"] == "Parameters next to each other"
    deliver(server, inbox.admin.client, status_webhook(waba(inbox), template, "APPROVED"))
    got = _get(inbox, template)
    assert got["status"] == "APPROVED" and got["rejection_reason"] is None


def test_status_webhook_for_another_waba_changes_nothing(server, fake_graph, inbox, outsider):
    mine = create(fake_graph, inbox)
    theirs = create(fake_graph, outsider, name=mine["name"])
    deliver(server, inbox.admin.client, status_webhook(waba(outsider), theirs, "PAUSED"))
    assert _get(outsider, theirs)["status"] == "PAUSED"
    assert _get(inbox, mine)["status"] == "PENDING"
    # A WABA nobody has connected: accepted, applied as nothing.
    deliver(server, inbox.admin.client, status_webhook("999000111222", mine, "DISABLED", by_id=False))
    assert _get(inbox, mine)["status"] == "PENDING"


def test_unsigned_status_webhook_is_refused(server, fake_graph, inbox):
    template = create(fake_graph, inbox)
    response = inbox.admin.client.post("/api/webhooks/meta", json=status_webhook(waba(inbox), template, "APPROVED"))
    assert response.status_code == 401
    assert _get(inbox, template)["status"] == "PENDING"


# ---------------------------------------------------------------- sending


def test_send_checks_the_body_parameter_count(server, fake_graph, inbox):
    template = _approved(server, fake_graph, inbox)
    [conv] = new_conversations(server, inbox, ["Where is my order?"])
    for components in ([], [_body("Sheena")], [_body("Sheena", "#1", "extra")]):
        response = _send(inbox, conv["id"], template, components)
        assert response.status_code == 422, response.text
        assert error_of(response)["details"][0]["field"] == "template.components"
    assert not [m for m in messages_of(inbox.admin, conv["id"]) if m["direction"] == "outbound"]
    response = _send(inbox, conv["id"], template, [_body("Sheena", "#1234")])
    assert response.status_code == 201, response.text
    server.drain()
    sent = wait_message(inbox.admin, conv["id"], response.json()["id"], lambda m: m["status"] != "queued")
    assert sent["status"] == "sent", sent
    graph_body = next(r["json"] for r in reversed(inbox.sends(fake_graph)) if r["json"].get("type") == "template")
    assert graph_body["template"]["name"] == template["name"]
    assert graph_body["template"]["components"] == [_body("Sheena", "#1234")]


def test_send_checks_header_text_parameters(server, fake_graph, inbox):
    template = _approved(server, fake_graph, inbox, components=TEXT_HEADER)
    [conv] = new_conversations(server, inbox, ["Hi"])
    three = _body("a", "b", "c")
    assert _send(inbox, conv["id"], template, [three]).status_code == 422
    header = {"type": "header", "parameters": [{"type": "text", "text": "Sheena"}]}
    assert _send(inbox, conv["id"], template, [header, three]).status_code == 201


def test_send_fills_in_the_stored_header_media(server, fake_graph, inbox):
    template = _approved(server, fake_graph, inbox, components=IMAGE_HEADER)
    [conv] = new_conversations(server, inbox, ["Hi"])
    response = _send(inbox, conv["id"], template, [_body("#9")])
    assert response.status_code == 422 and "header" in error_of(response)["message"]
    patched = inbox.admin.patch(f"/api/wa-templates/{template['id']}/header-media",
                                json={"header_media_url": "https://cdn.example.com/ship.png"})
    assert patched.status_code == 200, patched.text
    response = _send(inbox, conv["id"], template, [_body("#9")])
    assert response.status_code == 201, response.text
    server.drain()
    wait_message(inbox.admin, conv["id"], response.json()["id"], lambda m: m["status"] != "queued")
    graph_body = next(r["json"] for r in reversed(inbox.sends(fake_graph))
                      if r["json"].get("template", {}).get("name") == template["name"])
    assert {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com/ship.png"}}]} \
        in graph_body["template"]["components"]


def test_a_template_not_approved_is_refused(server, fake_graph, inbox):
    template = create(fake_graph, inbox)
    [conv] = new_conversations(server, inbox, ["Hi"])
    response = _send(inbox, conv["id"], template, [_body("a", "b")])
    assert response.status_code == 422 and "PENDING" in error_of(response)["message"]


def test_a_template_without_a_local_copy_is_sent_unchecked(server, fake_graph, inbox):
    [conv] = new_conversations(server, inbox, ["Hi"])
    unknown = {"name": new_name("made_in_meta_ui"), "language": "en_US"}
    response = _send(inbox, conv["id"], unknown, [_body("anything")])
    assert response.status_code == 201, response.text


def test_another_tenants_template_does_not_check_my_sends(server, fake_graph, inbox, outsider):
    theirs = _approved(server, fake_graph, outsider)  # takes two body parameters
    [conv] = new_conversations(server, inbox, ["Hi"])
    response = _send(inbox, conv["id"], theirs, [_body("only one")])
    assert response.status_code == 201, response.text
