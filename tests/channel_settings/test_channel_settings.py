"""Per-channel integration settings over real HTTP through both doors: GET /api/integrations,
GET/PUT/DELETE /api/integrations/{channel} (admin only); defaults, upsert, partial updates,
validation (an unknown channel is a 422), the default account read from the integration
accounts, roles, tenant isolation, events, and the GraphQL twins."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from models.events import OutboxEvent
from tests.contract.support import cookieless_client
from tests.support.api import Actor, register
from tests.support.inbox import make_whatsapp_account
from tests.support.team import error, ok, team_fixtures

CHANNELS = ["whatsapp", "instagram", "messenger", "email"]
FIELDS = {"channel", "enabled", "auto_assign", "use_working_hours", "display_name", "default_account_id",
          "accounts_count", "configured", "updated_at"}


http, boss, supervisor, agent = team_fixtures("Channel settings")


def settings_of(actor: Actor) -> dict[str, dict[str, Any]]:
    response = actor.get("/api/integrations")
    body = ok(response)
    assert response.headers["x-total-count"] == str(len(body))
    return {entry["channel"]: entry for entry in body}


def test_every_channel_starts_with_the_defaults(http):
    fresh = register(http, org="Fresh channels")
    response = fresh.get("/api/integrations")
    body = ok(response)
    assert response.headers["x-total-count"] == "4"
    assert [entry["channel"] for entry in body] == CHANNELS
    for entry in body:
        assert set(entry) == FIELDS
        assert entry | {"channel": None} == {
            "channel": None, "enabled": True, "auto_assign": False, "use_working_hours": True, "display_name": None,
            "default_account_id": None, "accounts_count": 0, "configured": False, "updated_at": None}
        assert ok(fresh.get(f"/api/integrations/{entry['channel']}")) == entry
    page = fresh.get("/api/integrations", params={"page": 2, "per_page": 3})
    assert [e["channel"] for e in ok(page)] == ["email"] and page.headers["x-total-count"] == "4"


def test_put_creates_then_updates_keeping_what_is_left_out(server, boss):
    created = ok(boss.put("/api/integrations/instagram", json={
        "enabled": False, "auto_assign": True, "display_name": "  Insta DMs  "}))
    assert (created["enabled"], created["auto_assign"], created["use_working_hours"]) == (False, True, True)
    assert created["display_name"] == "Insta DMs" and created["configured"] is True
    assert created["updated_at"].endswith("Z")
    assert ok(boss.get("/api/integrations/instagram")) == created
    assert settings_of(boss)["whatsapp"]["configured"] is False  # the others are untouched

    updated = ok(boss.put("/api/integrations/instagram", json={"use_working_hours": False}))
    assert (updated["enabled"], updated["auto_assign"], updated["use_working_hours"]) == (False, True, False)
    assert updated["display_name"] == "Insta DMs"
    cleared = ok(boss.put("/api/integrations/instagram", json={"display_name": None}))
    assert cleared["display_name"] is None and cleared["auto_assign"] is True

    async def events() -> list[OutboxEvent]:
        return await OutboxEvent.filter(tenant_id=UUID(boss.tenant["id"]),
                                        type="channel_settings.updated").order_by("created_at")

    payloads = [e.payload for e in server.run(events()) if e.payload["channel"] == "instagram"]
    assert [p["created"] for p in payloads] == [True, False, False]
    assert payloads[-1] == {"channel": "instagram", "created": False, "enabled": False, "auto_assign": True,
                            "use_working_hours": False, "display_name": None}


def test_delete_goes_back_to_the_defaults_and_is_idempotent(server, boss):
    ok(boss.put("/api/integrations/email", json={"enabled": False}))
    gone = ok(boss.delete("/api/integrations/email"))
    assert gone["channel"] == "email" and gone["deleted"] is True and gone["message"]
    after = ok(boss.get("/api/integrations/email"))
    assert after["configured"] is False and after["enabled"] is True
    again = ok(boss.delete("/api/integrations/email"))
    assert again["deleted"] is False

    async def deleted_events() -> int:
        return await OutboxEvent.filter(tenant_id=UUID(boss.tenant["id"]), type="channel_settings.deleted").count()

    assert server.run(deleted_events()) == 1


def test_the_default_account_comes_from_the_integration_accounts(boss):
    first = make_whatsapp_account(boss)
    second = make_whatsapp_account(boss)
    entry = ok(boss.get("/api/integrations/whatsapp"))
    assert entry["default_account_id"] == first["id"] and entry["accounts_count"] == 2
    ok(boss.post(f"/api/integration-accounts/{second['id']}/default"))
    assert ok(boss.get("/api/integrations/whatsapp"))["default_account_id"] == second["id"]
    assert settings_of(boss)["messenger"]["default_account_id"] is None


@pytest.mark.parametrize(("channel", "body", "field"), [
    ("sms", {"enabled": True}, "channel"),
    ("WhatsApp", {"enabled": True}, "channel"),
    ("whatsapp", {"enabled": "yes"}, "enabled"),
    ("whatsapp", {"enabled": None}, "enabled"),
    ("whatsapp", {"auto_assign": None}, "auto_assign"),
    ("whatsapp", {"display_name": ""}, "display_name"),
    ("whatsapp", {"display_name": "x" * 201}, "display_name"),
    ("whatsapp", {"enabled": True, "colour": "red"}, "colour"),
])
def test_invalid_settings_are_refused_and_change_nothing(boss, channel, body, field):
    before = settings_of(boss)
    err = error(boss.put(f"/api/integrations/{channel}", json=body), 422)
    assert err["code"] == "VALIDATION_FAILED" and field in {d["field"] for d in err["details"]}, err
    assert settings_of(boss) == before


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_an_unknown_channel_is_a_422_not_a_404(boss, method):
    err = error(boss.request(method, "/api/integrations/telegram"), 422)
    assert err["code"] == "VALIDATION_FAILED" and {d["field"] for d in err["details"]} == {"channel"}


def test_admins_only(boss, supervisor, agent, http):
    before = settings_of(boss)
    for actor in (supervisor, agent):
        assert error(actor.get("/api/integrations"), 403)["code"] == "FORBIDDEN"
        assert error(actor.get("/api/integrations/whatsapp"), 403)["code"] == "FORBIDDEN"
        assert error(actor.put("/api/integrations/whatsapp", json={"enabled": False}), 403)["code"] == "FORBIDDEN"
        assert error(actor.delete("/api/integrations/instagram"), 403)["code"] == "FORBIDDEN"
    assert settings_of(boss) == before
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get("/api/integrations").status_code == 401
        assert anonymous.put("/api/integrations/whatsapp", json={"enabled": False}).status_code == 401


def test_organizations_keep_their_own_settings(boss, http):
    rival = register(http, org="Rival channels")
    ok(rival.put("/api/integrations/messenger", json={"enabled": False, "display_name": "Rival page"}))
    make_whatsapp_account(rival)
    ok(boss.put("/api/integrations/messenger", json={"enabled": True, "display_name": "Our page"}))
    assert settings_of(rival)["messenger"]["display_name"] == "Rival page"
    assert settings_of(boss)["messenger"]["display_name"] == "Our page"
    ok(boss.delete("/api/integrations/messenger"))
    assert settings_of(rival)["messenger"]["configured"] is True
    # Another tenant's accounts are not counted nor offered as the default.
    assert ok(rival.get("/api/integrations/whatsapp"))["accounts_count"] == 1
    assert ok(boss.get("/api/integrations/whatsapp"))["default_account_id"] not in {
        a["id"] for a in ok(rival.get("/api/integration-accounts"))}


GQL_FIELDS = ("channel enabled autoAssign useWorkingHours displayName defaultAccountId accountsCount "
              "configured updatedAt")
SET = (f"mutation($channel: String!, $input: ChannelSettingsInput!) {{ "
       f"setChannelIntegration(channel: $channel, input: $input) {{ {GQL_FIELDS} }} }}")
DELETE = "mutation($channel: String!) { deleteChannelIntegration(channel: $channel) { message channel deleted } }"


def _camel(e: dict[str, Any]) -> dict[str, Any]:
    return {"channel": e["channel"], "enabled": e["enabled"], "autoAssign": e["auto_assign"],
            "useWorkingHours": e["use_working_hours"], "displayName": e["display_name"],
            "defaultAccountId": e["default_account_id"], "accountsCount": e["accounts_count"],
            "configured": e["configured"], "updatedAt": e["updated_at"]}


def test_graphql_reads_and_writes_the_same_settings(http, agent):
    owner = register(http, org="GraphQL channels")
    result = owner.gql(SET, {"channel": "email", "input": {"autoAssign": True, "displayName": "Mailbox"}})
    assert "errors" not in result, result
    saved = result["data"]["setChannelIntegration"]
    assert saved == _camel(ok(owner.get("/api/integrations/email")))
    kept = owner.gql(SET, {"channel": "email", "input": {"enabled": False}})["data"]["setChannelIntegration"]
    assert (kept["enabled"], kept["autoAssign"], kept["displayName"]) == (False, True, "Mailbox")

    listed = owner.gql(f"{{ channelIntegrations {{ total items {{ {GQL_FIELDS} }} }} }}")["data"]
    assert listed["channelIntegrations"]["total"] == 4
    assert listed["channelIntegrations"]["items"] == [_camel(e) for e in settings_of(owner).values()]
    one = owner.gql(f'{{ channelIntegration(channel: "email") {{ {GQL_FIELDS} }} }}')["data"]["channelIntegration"]
    assert one == _camel(ok(owner.get("/api/integrations/email")))

    dropped = owner.gql(DELETE, {"channel": "email"})["data"]["deleteChannelIntegration"]
    assert dropped == {"message": dropped["message"], "channel": "email", "deleted": True}
    assert ok(owner.get("/api/integrations/email"))["configured"] is False

    def code(result: dict[str, Any]) -> str:
        assert result.get("errors"), result
        return result["errors"][0]["extensions"]["code"]

    assert code(owner.gql(SET, {"channel": "sms", "input": {"enabled": True}})) == "VALIDATION_FAILED"
    assert code(owner.gql(DELETE, {"channel": "sms"})) == "VALIDATION_FAILED"
    assert code(agent.gql(SET, {"channel": "email", "input": {"enabled": True}})) == "FORBIDDEN"
    assert code(agent.gql("{ channelIntegrations { total } }")) == "FORBIDDEN"
    assert code(agent.gql(DELETE, {"channel": "email"})) == "FORBIDDEN"
