"""Meta's `message_template_quality_update`, `template_category_update` and
`message_template_components_update` webhooks (signed, POST /api/webhooks/meta; bodies built from
shared/fixtures/whatsapp/template_*_update.json) update the stored template of the tenant that
holds the WABA, record `wa_template.updated` with the replaced values, and are harmless when
delivered again."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from models.events import OutboxEvent
from tests.support.inbox_rest import db, deliver, encode, post_raw
from tests.templates.conftest import create, waba


@pytest.fixture(scope="module")
def fixtures(shared_dir) -> dict[str, dict[str, Any]]:
    folder = shared_dir / "fixtures" / "whatsapp"
    return {name: json.loads((folder / f"template_{name}_update.json").read_text()) for name in ("quality", "category")}


def retarget(fixture: dict[str, Any], waba_id: str, template: dict[str, Any], *, by_id: bool = True,
             time: int | None = None, **value: Any) -> dict[str, Any]:
    """The fixture's body, sent for our WABA and template (by Meta's id, or by name + language)."""
    body = copy.deepcopy(fixture)
    entry = body["entry"][0]
    entry["id"] = waba_id
    if time is not None:
        entry["time"] = time
    change = entry["changes"][0]["value"]
    change.update(message_template_name=template["name"], message_template_language=template["language"], **value)
    if by_id:
        change["message_template_id"] = int(template["meta_template_id"])
    else:
        change.pop("message_template_id", None)
    return body


def components_webhook(waba_id: str, template: dict[str, Any], **value: Any) -> dict[str, Any]:
    """Meta's documented `message_template_components_update` shape (no fixture exists)."""
    change = {"message_template_id": int(template["meta_template_id"]), "message_template_name": template["name"],
              "message_template_language": template["language"], **value}
    return {"object": "whatsapp_business_account",
            "entry": [{"id": waba_id, "time": 1751250000,
                       "changes": [{"value": change, "field": "message_template_components_update"}]}]}


def get(inbox, template: dict[str, Any]) -> dict[str, Any]:
    response = inbox.admin.get(f"/api/wa-templates/{template['id']}")
    assert response.status_code == 200, response.text
    return response.json()


def updates(server, inbox, template: dict[str, Any]) -> list[dict[str, Any]]:
    rows = db(server, OutboxEvent.filter(tenant_id=inbox.tenant_id, type="wa_template.updated").order_by("created_at"))
    return [r.payload for r in rows if r.payload["wa_template_id"] == template["id"]]


# ---------------------------------------------------------------- quality


def test_quality_update_sets_the_score_of_that_template_only(server, fake_graph, inbox, outsider, fixtures):
    mine = create(fake_graph, inbox)
    sibling = create(fake_graph, inbox)
    theirs = create(fake_graph, outsider, name=mine["name"])  # same name and language, another tenant's WABA
    assert mine["quality_score"] is None

    payload = retarget(fixtures["quality"], waba(inbox), mine)
    assert payload["entry"][0]["changes"][0]["value"]["new_quality_score"] == "YELLOW"
    deliver(server, inbox.admin.client, payload)
    assert get(inbox, mine)["quality_score"] == "YELLOW"
    assert get(inbox, sibling)["quality_score"] is None
    assert get(outsider, theirs)["quality_score"] is None and updates(server, outsider, theirs) == []
    [event] = updates(server, inbox, mine)
    assert event["changed"] == ["quality_score"] and event["previous"] == {"quality_score": None}
    assert event["quality_score"] == "YELLOW" and event["webhook"] == "message_template_quality_update"

    # Meta re-delivers the same bytes: stored once, nothing applied again.
    again = post_raw(inbox.admin.client, encode(payload))
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    # The same change in a different envelope (another delivery time): applied, changes nothing.
    deliver(server, inbox.admin.client, retarget(fixtures["quality"], waba(inbox), mine, time=1674864999))
    assert get(inbox, mine)["quality_score"] == "YELLOW" and len(updates(server, inbox, mine)) == 1

    # Recovery to GREEN, matched by name + language this time.
    deliver(server, inbox.admin.client, retarget(fixtures["quality"], waba(inbox), mine, by_id=False,
                                                  previous_quality_score="YELLOW", new_quality_score="GREEN"))
    assert get(inbox, mine)["quality_score"] == "GREEN"
    assert updates(server, inbox, mine)[-1]["previous"] == {"quality_score": "YELLOW"}


def test_a_webhook_for_an_unknown_waba_or_template_changes_nothing(server, fake_graph, inbox, fixtures):
    mine = create(fake_graph, inbox)
    stranger = retarget(fixtures["quality"], "999000111222333", mine)
    deliver(server, inbox.admin.client, stranger)
    unknown = retarget(fixtures["quality"], waba(inbox), {**mine, "meta_template_id": "42", "name": "no_such_one"})
    deliver(server, inbox.admin.client, unknown)
    assert get(inbox, mine)["quality_score"] is None and updates(server, inbox, mine) == []


# ---------------------------------------------------------------- category


def test_category_update_recategorises_and_keeps_the_previous_one_in_the_event(server, fake_graph, inbox, fixtures):
    template = create(fake_graph, inbox, category="UTILITY")
    payload = retarget(fixtures["category"], waba(inbox), template, previous_category="UTILITY")
    assert payload["entry"][0]["changes"][0]["value"]["new_category"] == "MARKETING"
    deliver(server, inbox.admin.client, payload)
    assert get(inbox, template)["category"] == "MARKETING"
    [event] = updates(server, inbox, template)
    assert event["category"] == "MARKETING" and event["previous"] == {"category": "UTILITY"}
    listed = inbox.admin.get("/api/wa-templates", params={"category": "MARKETING", "per_page": 100}).json()
    assert template["id"] in [t["id"] for t in listed]

    # Re-delivered (new envelope): nothing changes, no second event.
    deliver(server, inbox.admin.client, retarget(fixtures["category"], waba(inbox), template, time=1750344999,
                                                  previous_category="UTILITY"))
    assert len(updates(server, inbox, template)) == 1


def test_an_impending_category_change_keeps_the_current_category(server, fake_graph, inbox, fixtures):
    template = create(fake_graph, inbox, category="UTILITY")
    # Impending: new_category is the current one, correct_category what it will become.
    payload = retarget(fixtures["category"], waba(inbox), template, new_category="UTILITY",
                       correct_category="MARKETING", category_update_timestamp=1750944882)
    deliver(server, inbox.admin.client, payload)
    assert get(inbox, template)["category"] == "UTILITY" and updates(server, inbox, template) == []


# ---------------------------------------------------------------- components


def test_components_update_replaces_the_texts_meta_sends(server, fake_graph, inbox):
    components = [{"type": "HEADER", "format": "TEXT", "text": "Order {{1}}"},
                  {"type": "BODY", "text": "Hi {{1}}, order {{2}} is confirmed.",
                   "example": {"body_text": [["Sheena", "#1234"]]}},
                  {"type": "FOOTER", "text": "Reply STOP to opt out"},
                  {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Thanks"}]}]
    template = create(fake_graph, inbox, components=components)
    payload = components_webhook(waba(inbox), template, message_template_element="Hello {{1}}, your order shipped.",
                                 message_template_title="Shipping update")
    deliver(server, inbox.admin.client, payload)
    got = get(inbox, template)["components"]
    assert got == [{"type": "HEADER", "format": "TEXT", "text": "Shipping update"},
                   {"type": "BODY", "text": "Hello {{1}}, your order shipped."},  # the stale example is gone
                   {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Thanks"}]}]  # footer removed
    [event] = updates(server, inbox, template)
    assert event["changed"] == ["components"] and event["previous"] == {"components": components}

    deliver(server, inbox.admin.client, components_webhook(
        waba(inbox), template, message_template_element="Hello {{1}}, your order shipped.",
        message_template_title="Shipping update", message_template_footer="Thanks for shopping"))
    assert get(inbox, template)["components"][2] == {"type": "FOOTER", "text": "Thanks for shopping"}
    assert len(updates(server, inbox, template)) == 2


def test_components_update_keeps_a_media_header(server, fake_graph, inbox):
    components = [{"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Order {{1}} shipped"}]
    template = create(fake_graph, inbox, components=components)
    deliver(server, inbox.admin.client, components_webhook(waba(inbox), template,
                                                           message_template_element="Order {{1}} is on its way"))
    assert get(inbox, template)["components"] == [{"type": "HEADER", "format": "IMAGE"},
                                                  {"type": "BODY", "text": "Order {{1}} is on its way"}]
