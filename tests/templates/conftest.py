"""One tenant with a WhatsApp number (and so a WABA) for the whole templates package, a second
tenant for cross-tenant probes, and helpers that stub Meta's template endpoints on the
session-wide fake Graph API (stubs are keyed by path, and every tenant has its own WABA id)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import Inbox, inbox_fixture

inbox = inbox_fixture("Templates", scope="package")


outsider = inbox_fixture("Globex templates", scope="package")


@pytest.fixture(scope="package")
def agent(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, role="agent", name="Tina Templates")
    yield actor
    actor.client.close()


@pytest.fixture(scope="package")
def supervisor(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, role="supervisor", name="Sam Supervisor")
    yield actor
    actor.client.close()


def waba(inbox: Inbox) -> str:
    return inbox.account["waba_id"]


def new_name(prefix: str = "order") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def template_body(name: str | None = None, **overrides: Any) -> dict[str, Any]:
    body = {
        "name": name or new_name(), "language": "en_US", "category": "UTILITY",
        "components": [{"type": "BODY", "text": "Hi {{1}}, order {{2}} is confirmed.",
                        "example": {"body_text": [["Sheena", "#1234"]]}}],
    }
    body.update(overrides)
    return body


def create(fake_graph: Any, inbox: Inbox, actor: Actor | None = None, **overrides: Any) -> dict[str, Any]:
    """Create a template through REST with Meta's (stubbed) acceptance; returns the 201 body."""
    meta_id = str(uuid.uuid4().int)[:16]
    fake_graph.stub("POST", f"/{waba(inbox)}/message_templates",
                    {"id": meta_id, "status": "PENDING", "category": overrides.get("category", "UTILITY")})
    response = (actor or inbox.admin).post("/api/wa-templates", json=template_body(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


def status_webhook(waba_id: str, template: dict[str, Any], event: str, *, by_id: bool = True,
                   **extra: Any) -> dict[str, Any]:
    """A `message_template_status_update` webhook (the shape of whatsapp/template_status_*.json)."""
    value: dict[str, Any] = {
        "event": event, "message_template_name": template["name"],
        "message_template_language": template["language"], "reason": "NONE",
        "message_template_category": template["category"], **extra,
    }
    if by_id:
        value["message_template_id"] = int(template["meta_template_id"])
    return {"object": "whatsapp_business_account",
            "entry": [{"id": waba_id, "time": 1751247548,
                       "changes": [{"value": value, "field": "message_template_status_update"}]}]}


def error_of(response: Any) -> dict[str, Any]:
    return response.json()["error"]
