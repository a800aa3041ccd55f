"""Registry for the generated contract matrices (test_tenant_isolation.py, test_permission_matrix.py).

How a domain registers its routes here, when it serves a path with a parameter:
1. TARGETS: key = the path template up to its last parameter (its "resource"), e.g.
   "/api/agents/{id}" covers GET/PATCH/DELETE /api/agents/{id} and PATCH /api/agents/{id}/status.
   `make(actor_b)` creates a real object in tenant B (actor_b is B's admin, over HTTP) and returns
   its id, or a dict {path param: value} when the template has several parameters. `read(actor_b,
   params)` returns a snapshot of the object as B sees it (default: GET of the resource path),
   compared before and after tenant A's attempt.
2. BODIES: for a route with a JSON body, a factory of a plausible VALID body (callable, so unique
   values stay unique). The matrix also replays the request as B and expects success, so a body
   that fails validation makes the test fail instead of passing for the wrong reason.
3. EXEMPT: a resource (or a single "METHOD path") that has no tenant-owned object to steal, with
   the reason (super-admin console, public pages addressed by slug or token, upserts by name...).
4. SELF_SERVICE: a route an agent may call on themself while acting on someone else needs a
   role; the permission matrix then targets another agent of the tenant.
A served parameterised route with none of these fails test_tenant_isolation.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.contract.support import fill
from tests.support.api import PASSWORD, Actor, unique_email
from tests.support.inbox import inbound_message, make_whatsapp_account, new_wa_id

Params = dict[str, str]


def _created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    return response.json()


@dataclass(frozen=True)
class Target:
    make: Callable[[Actor], str | Params]
    read: Callable[[Actor, str, Params], Any] | None = None  # (actor_b, resource path template, params)


def read_resource(actor: Actor, resource: str, params: Params) -> Any:
    response = actor.get(fill(resource, params))
    assert response.status_code == 200, response.text
    return response.json()


# ---------------------------------------------------------------- agents, roles, API keys

def make_agent(b: Actor) -> str:
    return _created(b.post("/api/agents", json={
        "name": "Tenant B agent", "email": unique_email("b-agent"), "password": PASSWORD, "role": "agent",
    }))["id"]


def make_role(b: Actor) -> str:
    return _created(b.post("/api/roles", json={
        "name": f"B role {uuid.uuid4().hex[:8]}", "permissions": ["agents.read"],
    }))["id"]


def make_api_key(b: Actor) -> str:
    return _created(b.post("/api/api-keys", json={"name": "B key"}))["id"]


def read_api_key(b: Actor, resource: str, params: Params) -> Any:
    # No GET /api/api-keys/{id}: find it in the owner's list (revoked keys drop out of it).
    response = b.get("/api/api-keys", params={"per_page": 100})
    assert response.status_code == 200, response.text
    return [key for key in response.json() if key["id"] == params["id"]]


# ---------------------------------------------------------------- integration accounts

def whatsapp_account_body() -> dict[str, Any]:
    # phone_number_id is unique across tenants, so every body names a new number.
    number = str(uuid.uuid4().int)[:15]
    return {"channel": "whatsapp", "name": "B WhatsApp", "phone_number_id": number, "waba_id": f"waba-{number}",
            "display_phone_number": "+1 555 0100", "access_token": f"EAAG-{uuid.uuid4().hex}"}


def make_integration_account(b: Actor) -> str:
    return _created(b.post("/api/integration-accounts", json=whatsapp_account_body()))["id"]


def make_messenger_page(b: Actor) -> Params:
    page_id = str(uuid.uuid4().int)[:15]
    _created(b.post("/api/integration-accounts", json={
        "channel": "messenger", "name": "B page", "page_id": page_id, "access_token": f"EAAP-{uuid.uuid4().hex}"}))
    GRAPH[0].stub("DELETE", f"/{page_id}/subscribed_apps", {"success": True})  # B's own disconnect (control)
    return {"page_id": page_id}


def read_messenger_page(b: Actor, resource: str, params: Params) -> Any:
    # No GET of a page: B's Messenger accounts, found by page id.
    response = b.get("/api/integration-accounts", params={"per_page": 100})
    assert response.status_code == 200, response.text
    return [a for a in response.json() if a.get("page_id") == params["page_id"]]


# ---------------------------------------------------------------- inbox (conversations, contacts)

def _inbound_conversation(b: Actor) -> dict[str, Any]:
    # The way production gets them: a customer writes to B's WhatsApp number (signed webhook).
    return inbound_message(b, make_whatsapp_account(b), new_wa_id(), "Hello from a customer of tenant B")


def make_conversation(b: Actor) -> str:
    _CONVERSATION_OWNER["agent_id"] = b.agent["id"]  # what a transfer body names (see transfer_body)
    return _inbound_conversation(b)["id"]


def make_contact(b: Actor) -> str:
    return _inbound_conversation(b)["contact_id"]


# ---------------------------------------------------------------- notes

NOTE_QUERY = "query($id: UUID!) { note(id: $id) { id conversationId authorId content mentions updatedAt } }"


def make_note(b: Actor) -> str:
    conversation = make_conversation(b)
    return _created(b.post(f"/api/conversations/{conversation}/notes", json={"content": "B's internal note"}))["id"]


def read_note(b: Actor, resource: str, params: Params) -> Any:
    # No GET /api/notes/{id} in the REST contract: GraphQL's `note` reads it.
    result = b.gql(NOTE_QUERY, {"id": params["id"]})
    assert "errors" not in result, result
    return result["data"]["note"]


# ---------------------------------------------------------------- quick replies

QUICK_REPLY_QUERY = "query($id: UUID!) { quickReply(id: $id) { id shortcut title content shared usageCount isFavorite } }"


def make_quick_reply(b: Actor) -> str:
    return _created(b.post("/api/quick-replies", json={
        "shortcut": f"b-{uuid.uuid4().hex[:8]}", "title": "B's greeting", "content": "Hello {{contact.name}}",
        "shared": True,
    }))["id"]


def read_quick_reply(b: Actor, resource: str, params: Params) -> Any:
    # No GET /api/quick-replies/{id} in the REST contract: GraphQL's `quickReply` reads it.
    result = b.gql(QUICK_REPLY_QUERY, {"id": params["id"]})
    assert "errors" not in result, result
    return result["data"]["quickReply"]


# ---------------------------------------------------------------- divisions, transfers

# A transfer's body must name an agent of the conversation's tenant. The conversation factory runs
# (as tenant B's admin) before the body is built, and remembers that admin as the target.
_CONVERSATION_OWNER: dict[str, str] = {}


def make_division(b: Actor) -> str:
    return _created(b.post("/api/divisions", json={"name": f"B division {uuid.uuid4().hex[:8]}"}))["id"]


def transfer_body() -> dict[str, Any]:
    return {"to_agent_id": _CONVERSATION_OWNER["agent_id"], "reason": "Handing over"}


# ---------------------------------------------------------------- scheduled messages

SCHEDULED_MESSAGE_QUERY = ("query($id: UUID!) { scheduledMessage(id: $id) { id status sendAt text cancelledAt "
                           "sentMessageId } }")


def scheduled_message_body() -> dict[str, Any]:
    # A day ahead: never due while the matrix runs, so the object stays pending (and cancellable).
    send_at = datetime.now(UTC) + timedelta(days=1)
    return {"type": "text", "text": "See you tomorrow", "send_at": send_at.isoformat()}


def make_scheduled_message(b: Actor) -> str:
    conversation = make_conversation(b)
    return _created(b.post(f"/api/conversations/{conversation}/scheduled-messages", json=scheduled_message_body()))["id"]


def read_scheduled_message(b: Actor, resource: str, params: Params) -> Any:
    # No GET /api/scheduled-messages/{id} in the REST contract: GraphQL's `scheduledMessage` reads it.
    result = b.gql(SCHEDULED_MESSAGE_QUERY, {"id": params["id"]})
    assert "errors" not in result, result
    return result["data"]["scheduledMessage"]


# ---------------------------------------------------------------- media

def make_media(b: Actor) -> str:
    png = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes
    return _created(b.post("/api/media/upload", files={"file": ("b.png", png, "image/png")}))["id"]


def read_media(b: Actor, resource: str, params: Params) -> Any:
    response = b.get(fill(resource, params))
    assert response.status_code == 200, response.text
    return response.content.hex()


# ---------------------------------------------------------------- WhatsApp templates

# Creating a template asks Meta: the session's fake Graph API answers (tests/contract/conftest.py
# puts it here). Each template gets its own WhatsApp account, so its own WABA and stub path.
GRAPH: list[Any] = []


def make_wa_template(b: Actor) -> str:
    account = make_whatsapp_account(b)
    GRAPH[0].stub("POST", f"/{account['waba_id']}/message_templates", {"id": "7001", "status": "PENDING"})
    return _created(b.post("/api/wa-templates", json={
        "name": f"b_template_{uuid.uuid4().hex[:8]}", "language": "en_US", "category": "UTILITY",
        "components": [{"type": "HEADER", "format": "IMAGE"}, {"type": "BODY", "text": "Hi {{1}}"}],
        "integration_account_id": account["id"],
    }))["id"]


TARGETS: dict[str, Target] = {
    "/api/agents/{id}": Target(make_agent),
    "/api/roles/{id}": Target(make_role),
    "/api/api-keys/{id}": Target(make_api_key, read_api_key),
    "/api/integration-accounts/{id}": Target(make_integration_account),
    "/api/integrations/messenger/pages/{page_id}": Target(make_messenger_page, read_messenger_page),
    "/api/conversations/{id}": Target(make_conversation),
    "/api/contacts/{id}": Target(make_contact),
    "/api/scheduled-messages/{id}": Target(make_scheduled_message, read_scheduled_message),
    "/api/notes/{id}": Target(make_note, read_note),
    "/api/quick-replies/{id}": Target(make_quick_reply, read_quick_reply),
    "/api/divisions/{id}": Target(make_division),
    "/api/wa-templates/{id}": Target(make_wa_template),
    "/api/media/{id}": Target(make_media, read_media),
}


BODIES: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
    ("POST", "/api/agents"): lambda: {"name": "New agent", "email": unique_email("new"), "password": PASSWORD, "role": "agent"},
    ("PATCH", "/api/agents/{id}"): lambda: {"name": "Renamed across tenants"},
    ("PATCH", "/api/agents/{id}/status"): lambda: {"status": "online"},
    ("POST", "/api/roles"): lambda: {"name": f"Role {uuid.uuid4().hex[:8]}", "permissions": ["agents.read"]},
    ("PATCH", "/api/roles/{id}"): lambda: {"name": "Renamed across tenants"},
    ("POST", "/api/api-keys"): lambda: {"name": "A key"},
    ("POST", "/api/integration-accounts"): whatsapp_account_body,
    ("PATCH", "/api/integration-accounts/{id}"): lambda: {"name": "Renamed across tenants"},
    ("PATCH", "/api/conversations/{id}/assign"): lambda: {"agent_id": None},
    ("PATCH", "/api/conversations/{id}/status"): lambda: {"status": "resolved"},
    ("PATCH", "/api/conversations/{id}/tags"): lambda: {"tags": ["vip"]},
    ("POST", "/api/conversations/{id}/messages"): lambda: {"type": "text", "text": "Hello from the inbox"},
    ("PATCH", "/api/contacts/{id}"): lambda: {"name": "Renamed across tenants"},
    ("POST", "/api/conversations/{id}/scheduled-messages"): scheduled_message_body,
    ("POST", "/api/conversations/{id}/notes"): lambda: {"content": "A note from the inbox"},
    ("PATCH", "/api/notes/{id}"): lambda: {"content": "Edited across tenants"},
    ("POST", "/api/quick-replies"): lambda: {"shortcut": f"qr-{uuid.uuid4().hex[:8]}", "title": "Hi",
                                             "content": "Hello {{contact.first_name|there}}"},
    ("PATCH", "/api/quick-replies/{id}"): lambda: {"title": "Renamed across tenants"},
    ("POST", "/api/divisions"): lambda: {"name": f"Division {uuid.uuid4().hex[:8]}"},
    ("PATCH", "/api/divisions/{id}"): lambda: {"name": f"Renamed {uuid.uuid4().hex[:8]}"},
    ("PATCH", "/api/wa-templates/{id}/header-media"): lambda: {"header_media_url": "https://cdn.example.com/h.png"},
    ("DELETE", "/api/divisions/{id}"): lambda: {},  # valid: a new division holds no conversation to move
    ("POST", "/api/divisions/{id}/agents"): lambda: {"agent_ids": []},  # valid and idempotent: changes nothing
    ("DELETE", "/api/divisions/{id}/agents"): lambda: {"agent_ids": []},
    ("POST", "/api/conversations/{id}/transfer"): transfer_body,
    ("PUT", "/api/working-hours"): lambda: {"periods": [{"weekday": 0, "start": "09:00", "end": "17:00"}]},
    ("PUT", "/api/divisions/{id}/working-hours"): lambda: {
        "periods": [{"weekday": 0, "start": "09:00", "end": "17:00"}], "holidays": ["2030-12-25"]},
    ("PUT", "/api/tenant/timezone"): lambda: {"timezone": "Asia/Jakarta"},
    ("PUT", "/api/chat-expiration-rules/{channel}"): lambda: {"enabled": True, "inactivity_hours": 48},
    ("PUT", "/api/integrations/{channel}"): lambda: {"enabled": True, "auto_assign": True},
}


def example_body(method: str, path: str) -> dict[str, Any]:
    factory = BODIES.get((method, path))
    return factory() if factory else {}


EXEMPT: dict[str | tuple[str, str], str] = {
    "/api/super-admin/tenants/{id}": "the super-admin console is cross-tenant by design (tenant principals get 403)",
    "/api/super-admin/tenants/{id}/users/{user_id}": "the super-admin console is cross-tenant by design",
    "/api/public/{tenant_slug}": "public page addressed by the tenant's slug, no credentials",
    "/api/csat/{token}": "addressed by the survey's secret token, no tenant credentials",
    "/api/chat-expiration-rules/{channel}": "a per-channel setting addressed by channel name: each tenant upserts its own rule, there is no object of another tenant to reach",
    "/api/integrations/{channel}": "per-channel settings addressed by channel name: each tenant upserts its own, there is no object of another tenant to reach",
}


# Acting on oneself is always allowed; acting on another agent needs at least this built-in role.
SELF_SERVICE: dict[tuple[str, str], str] = {
    ("PATCH", "/api/agents/{id}/status"): "supervisor",
}
