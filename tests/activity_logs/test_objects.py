"""Which object an event is about, and what of its payload the log keeps: derived generically
from the event (noun before the dot, the payload's `<noun>_id`), with a short table of the
events that name their object otherwise. Payloads below are shaped as their resolvers record them."""

from __future__ import annotations

import uuid

import pytest

from resolvers._events import EVENTS
from resolvers.activity_logs import OBJECT_EXCEPTIONS, object_of, without_secrets

ID = str(uuid.uuid4())


@pytest.mark.parametrize(("event", "payload", "expected"), [
    ("agent.logged_in", {"agent_id": ID}, ("agent", ID)),
    ("integration_account.updated", {"integration_account_id": ID, "changed": ["access_token"]},
     ("integration_account", ID)),
    ("message.status_changed", {"message_id": ID, "conversation_id": str(uuid.uuid4())}, ("message", ID)),
    ("conversation.transferred", {"conversation_id": ID, "transfer_id": str(uuid.uuid4())}, ("conversation", ID)),
    ("scheduled_message.sent", {"scheduled_message_id": ID, "sent_message_id": str(uuid.uuid4())},
     ("scheduled_message", ID)),
    ("division.agents_added", {"division_id": ID, "agent_ids": [str(uuid.uuid4())]}, ("division", ID)),
    # The exceptions:
    ("quick_replies.imported", {"created": 2, "updated": 1, "skipped": 0, "errors": 0}, ("quick_reply", None)),
    ("working_hours.updated", {"division_id": ID, "source": "division"}, ("working_hours", ID)),
    ("working_hours.updated", {"division_id": None, "source": "tenant"}, ("working_hours", None)),
    ("chat_expiration_rule.updated", {"channel": "whatsapp", "enabled": True}, ("chat_expiration_rule", "whatsapp")),
    # Fallbacks: a plain "id", the outbox row's conversation, or no id at all.
    ("gizmo.made", {"id": ID}, ("gizmo", ID)),
    ("conversation.updated", {"status": "open"}, ("conversation", None)),
])
def test_object_of(event, payload, expected):
    assert object_of(event, payload) == expected


def test_a_conversation_event_without_the_id_in_its_payload_uses_the_outbox_row():
    assert object_of("conversation.updated", {"status": "open"}, ID) == ("conversation", ID)
    assert object_of("message.created", {}, ID) == ("message", None)  # the conversation is not the object


def test_exceptions_name_catalogued_events():
    """A stale exception (its event renamed or gone) would silently stop applying."""
    nouns = {name.split(".", 1)[0] for name in EVENTS}
    for key in OBJECT_EXCEPTIONS:
        assert key in EVENTS or key in nouns, key


def test_without_secrets_keeps_everything_else():
    payload = {"a_token": 1, "ApiSecret": 2, "password_hash": 3, "Authorization": 4, "credentials": 5,
               "api_key_id": ID, "changed": ["access_token"], "nested": [{"private_key": 6, "name": "x"}, 7]}
    assert without_secrets(payload) == {"api_key_id": ID, "changed": ["access_token"], "nested": [{"name": "x"}, 7]}
