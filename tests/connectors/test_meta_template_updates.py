"""connectors.meta.template_update reads the template changes the parser keeps as OtherChange
(quality, category, components), from Meta's payloads in shared/fixtures/whatsapp."""

from __future__ import annotations

from connectors.meta import OtherChange, TemplateUpdate, parse_whatsapp_webhook, template_update
from tests.connectors.test_meta import load, parse


def test_quality_update_fixture() -> None:
    [change] = parse("template_quality_update.json")
    update = template_update(change)
    assert isinstance(update, TemplateUpdate)
    assert (update.field, update.waba_id, update.template_id) == (
        "message_template_quality_update", "102290129340398", "806312974732579")
    assert (update.template_name, update.language) == ("welcome_template", "en_US")
    assert (update.previous_quality_score, update.new_quality_score) == ("GREEN", "YELLOW")
    assert update.time is not None and update.new_category is None


def test_category_update_fixture() -> None:
    [change] = parse("template_category_update.json")
    update = template_update(change)
    assert update is not None and update.field == "template_category_update"
    assert (update.template_id, update.template_name, update.language) == ("12345678", "my_message_template", "he")
    assert update.new_category == "MARKETING" and update.previous_category is None


def test_components_update_and_other_fields() -> None:
    value = {"message_template_id": 7, "message_template_name": "n", "message_template_language": "en_US",
             "message_template_element": "Body {{1}}", "message_template_title": "Head",
             "message_template_buttons": [{"message_template_button_type": "URL",
                                           "message_template_button_text": "Go", "message_template_button_url": "https://x"},
                                          "junk"]}
    payload = {"object": "whatsapp_business_account",
               "entry": [{"id": "55", "changes": [{"field": "message_template_components_update", "value": value}]}]}
    [change] = parse_whatsapp_webhook(payload)
    update = template_update(change)
    assert update is not None and (update.body_text, update.header_text, update.footer_text) == ("Body {{1}}", "Head", None)
    assert update.buttons == [value["message_template_buttons"][0]]
    # Not a template change: None (account updates stay OtherChange, unapplied).
    [account] = parse("account_update_violation.json")
    assert isinstance(account, OtherChange) and template_update(account) is None
    assert load("account_update_violation.json")["entry"][0]["changes"][0]["field"] == "account_update"
