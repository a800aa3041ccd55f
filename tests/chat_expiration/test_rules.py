"""Chat expiration rules as settings, over real HTTP through both doors: GET
/api/chat-expiration-rules (supervisor+), PUT /api/chat-expiration-rules/{channel} (admin);
defaults, validation, partial updates of the closing message, roles, tenant isolation, events."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from models.events import OutboxEvent
from tests.contract.support import cookieless_client
from tests.support.api import Actor, register
from tests.support.team import error, ok, team_fixtures

CHANNELS = ["whatsapp", "instagram", "messenger", "email"]
FIELDS = {"channel", "enabled", "inactivity_hours", "closing_message", "configured", "updated_at"}


http, boss, supervisor, agent = team_fixtures("Expiry rules")


def rules_of(actor: Actor) -> dict[str, dict[str, Any]]:
    response = actor.get("/api/chat-expiration-rules")
    body = ok(response)
    assert response.headers["x-total-count"] == str(len(body))
    return {rule["channel"]: rule for rule in body}


def test_every_channel_starts_with_the_default_rule(http):
    fresh = register(http, org="Fresh rules")
    response = fresh.get("/api/chat-expiration-rules")
    body = ok(response)
    assert response.headers["x-total-count"] == "4"
    assert [rule["channel"] for rule in body] == CHANNELS
    for rule in body:
        assert set(rule) == FIELDS
        assert rule | {"channel": None} == {"channel": None, "enabled": True, "inactivity_hours": 24,
                                            "closing_message": None, "configured": False, "updated_at": None}
    # Paged like every list.
    page = fresh.get("/api/chat-expiration-rules", params={"page": 2, "per_page": 3})
    assert [r["channel"] for r in ok(page)] == ["email"] and page.headers["x-total-count"] == "4"


def test_admin_sets_a_channels_rule(server, boss, supervisor):
    saved = ok(boss.put("/api/chat-expiration-rules/instagram", json={
        "enabled": True, "inactivity_hours": 48, "closing_message": "  We closed this chat; write again anytime.  "}))
    assert saved["channel"] == "instagram" and saved["inactivity_hours"] == 48 and saved["configured"] is True
    assert saved["closing_message"] == "We closed this chat; write again anytime."  # trimmed
    assert saved["updated_at"].endswith("Z")
    listed = rules_of(supervisor)
    assert listed["instagram"] == saved
    assert listed["whatsapp"]["configured"] is False  # the others are untouched

    async def events() -> list[OutboxEvent]:
        return await OutboxEvent.filter(tenant_id=UUID(boss.tenant["id"]), type="chat_expiration_rule.updated")

    [event] = [e for e in server.run(events()) if e.payload["channel"] == "instagram"][-1:]
    assert event.payload == {"channel": "instagram", "enabled": True, "inactivity_hours": 48,
                             "closing_message": "We closed this chat; write again anytime."}


def test_a_left_out_closing_message_is_kept_and_null_clears_it(boss):
    ok(boss.put("/api/chat-expiration-rules/messenger", json={
        "enabled": True, "inactivity_hours": 12, "closing_message": "Bye for now"}))
    kept = ok(boss.put("/api/chat-expiration-rules/messenger", json={"enabled": False, "inactivity_hours": 6}))
    assert (kept["enabled"], kept["inactivity_hours"], kept["closing_message"]) == (False, 6, "Bye for now")
    cleared = ok(boss.put("/api/chat-expiration-rules/messenger", json={
        "enabled": True, "inactivity_hours": 6, "closing_message": None}))
    assert cleared["closing_message"] is None and cleared["enabled"] is True


@pytest.mark.parametrize(("channel", "body", "field"), [
    ("whatsapp", {"enabled": True, "inactivity_hours": 0}, "inactivity_hours"),
    ("whatsapp", {"enabled": True, "inactivity_hours": 721}, "inactivity_hours"),
    ("whatsapp", {"enabled": True, "inactivity_hours": "24"}, "inactivity_hours"),
    ("whatsapp", {"enabled": True, "inactivity_hours": 1.5}, "inactivity_hours"),
    ("whatsapp", {"enabled": True}, "inactivity_hours"),
    ("whatsapp", {"inactivity_hours": 24}, "enabled"),
    ("whatsapp", {"enabled": True, "inactivity_hours": 24, "closing_message": ""}, "closing_message"),
    ("whatsapp", {"enabled": True, "inactivity_hours": 24, "closing_message": "x" * 4097}, "closing_message"),
    ("whatsapp", {"enabled": True, "inactivity_hours": 24, "hours": 2}, "hours"),
    ("sms", {"enabled": True, "inactivity_hours": 24}, "channel"),
    ("WhatsApp", {"enabled": True, "inactivity_hours": 24}, "channel"),
])
def test_invalid_rules_are_refused_and_change_nothing(boss, channel, body, field):
    before = rules_of(boss)
    err = error(boss.put(f"/api/chat-expiration-rules/{channel}", json=body), 422)
    assert err["code"] == "VALIDATION_FAILED" and field in {d["field"] for d in err["details"]}, err
    assert rules_of(boss) == before


def test_the_limits_themselves_are_accepted(boss):
    assert ok(boss.put("/api/chat-expiration-rules/email", json={"enabled": True, "inactivity_hours": 1}))[
        "inactivity_hours"] == 1
    assert ok(boss.put("/api/chat-expiration-rules/email", json={"enabled": True, "inactivity_hours": 720}))[
        "inactivity_hours"] == 720


def test_roles(boss, supervisor, agent, http):
    assert error(agent.get("/api/chat-expiration-rules"), 403)["code"] == "FORBIDDEN"
    before = rules_of(boss)
    for actor in (supervisor, agent):
        response = actor.put("/api/chat-expiration-rules/whatsapp", json={"enabled": False, "inactivity_hours": 5})
        assert error(response, 403)["code"] == "FORBIDDEN"
    assert rules_of(boss) == before
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get("/api/chat-expiration-rules").status_code == 401
        assert anonymous.put("/api/chat-expiration-rules/whatsapp",
                             json={"enabled": True, "inactivity_hours": 5}).status_code == 401


def test_organizations_keep_their_own_rules(boss, http):
    rival = register(http, org="Rival rules")
    ok(rival.put("/api/chat-expiration-rules/whatsapp", json={"enabled": False, "inactivity_hours": 99}))
    ok(boss.put("/api/chat-expiration-rules/whatsapp", json={"enabled": True, "inactivity_hours": 3}))
    assert (rules_of(rival)["whatsapp"]["enabled"], rules_of(rival)["whatsapp"]["inactivity_hours"]) == (False, 99)
    assert rules_of(boss)["whatsapp"]["inactivity_hours"] == 3


RULE_FIELDS = "channel enabled inactivityHours closingMessage configured updatedAt"
SET_RULE = (f"mutation($channel: String!, $input: ChatExpirationRuleInput!) {{ "
            f"setChatExpirationRule(channel: $channel, input: $input) {{ {RULE_FIELDS} }} }}")


def _camel(rule: dict[str, Any]) -> dict[str, Any]:
    return {"channel": rule["channel"], "enabled": rule["enabled"], "inactivityHours": rule["inactivity_hours"],
            "closingMessage": rule["closing_message"], "configured": rule["configured"],
            "updatedAt": rule["updated_at"]}


def test_graphql_reads_and_writes_the_same_rules(http, agent):
    owner = register(http, org="GraphQL rules")
    result = owner.gql(SET_RULE, {"channel": "email", "input": {
        "enabled": True, "inactivityHours": 72, "closingMessage": "Closing this thread"}})
    assert "errors" not in result, result
    saved = result["data"]["setChatExpirationRule"]
    assert saved == _camel(rules_of(owner)["email"])
    # closingMessage left out keeps it, as over REST.
    kept = owner.gql(SET_RULE, {"channel": "email", "input": {"enabled": False, "inactivityHours": 10}})
    assert kept["data"]["setChatExpirationRule"]["closingMessage"] == "Closing this thread"

    listed = owner.gql(f"{{ chatExpirationRules {{ total items {{ {RULE_FIELDS} }} }} }}")["data"]["chatExpirationRules"]
    assert listed["total"] == 4
    assert listed["items"] == [_camel(rule) for rule in rules_of(owner).values()]

    def code(actor: Actor, channel: str, payload: dict[str, Any]) -> str:
        response = actor.gql(SET_RULE, {"channel": channel, "input": payload})
        assert response.get("errors"), response
        return response["errors"][0]["extensions"]["code"]

    assert code(owner, "sms", {"enabled": True, "inactivityHours": 5}) == "VALIDATION_FAILED"
    assert code(owner, "email", {"enabled": True, "inactivityHours": 0}) == "VALIDATION_FAILED"
    assert code(agent, "email", {"enabled": True, "inactivityHours": 5}) == "FORBIDDEN"
    forbidden = agent.gql("{ chatExpirationRules { total } }")
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
