"""GET/POST /api/integrations/whatsapp/embedded-signup (admin): the config for FB.login, and the
completion against the (fake) Graph API: code exchange, number read, register with the PIN, app
subscribed to the WABA, number stored as a WhatsApp integration account (or its token
refreshed); bad states and bodies, Graph errors store nothing, another tenant's number is a
conflict, roles, GraphQL twins."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.conftest import META_APP_ID, META_APP_SECRET, META_EMBEDDED_SIGNUP_CONFIG_ID
from tests.contract.support import cookieless_client
from tests.support.api import Actor, add_agent, register
from tests.support.team import error, ok, team_fixtures

PATH = "/api/integrations/whatsapp/embedded-signup"


http, boss, _, _ = team_fixtures("Embedded signup")


def new_id() -> str:
    return str(uuid.uuid4().int)[:15]


def stub_meta(fake_graph, number: str, waba: str) -> str:
    token = f"BIZ-{uuid.uuid4().hex}"
    fake_graph.stub("GET", "/oauth/access_token", {"access_token": token, "token_type": "bearer"})
    fake_graph.stub("GET", f"/{number}", {"id": number, "display_phone_number": "+1 555-010-0999",
                                          "verified_name": "Acme Support"})
    fake_graph.stub("POST", f"/{number}/register", {"success": True})
    fake_graph.stub("POST", f"/{waba}/subscribed_apps", {"success": True})
    return token


def body_for(actor: Actor, number: str, waba: str, **overrides: Any) -> dict[str, Any]:
    state = ok(actor.get(PATH))["state"]
    return {"code": "ES-code", "state": state, "waba_id": waba, "phone_number_id": number, "pin": "123456"} | overrides


def whatsapp_accounts(actor: Actor) -> dict[str, dict[str, Any]]:
    listed = ok(actor.get("/api/integration-accounts", params={"per_page": 100}))
    return {a["phone_number_id"]: a for a in listed if a["channel"] == "whatsapp"}


def test_config(boss):
    config = ok(boss.get(PATH))
    assert config["app_id"] == META_APP_ID and config["config_id"] == META_EMBEDDED_SIGNUP_CONFIG_ID
    assert config["graph_version"].startswith("v") and config["state"]


def test_complete_registers_subscribes_and_connects(fake_graph, boss):
    number, waba = new_id(), new_id()
    token = stub_meta(fake_graph, number, waba)
    before = len(fake_graph.requests)
    done = ok(boss.post(PATH, json=body_for(boss, number, waba)))
    assert done["created"] is True and done["phone_number_id"] == number and done["waba_id"] == waba
    assert done["display_phone_number"] == "+1 555-010-0999"
    account = whatsapp_accounts(boss)[number]
    assert account["id"] == done["integration_account_id"] and account["name"] == "Acme Support"
    assert account["waba_id"] == waba and token not in str(account)
    exchange, read, registered, subscribed = fake_graph.requests[before:before + 4]
    assert exchange["query"] == {"client_id": META_APP_ID, "client_secret": META_APP_SECRET, "code": "ES-code"}
    assert read["headers"]["authorization"] == f"Bearer {token}"
    assert registered["path"].endswith(f"/{number}/register")
    assert registered["json"] == {"messaging_product": "whatsapp", "pin": "123456"}
    assert subscribed["path"].endswith(f"/{waba}/subscribed_apps")
    assert subscribed["headers"]["authorization"] == f"Bearer {token}"

    # Again for the same number: reconnected (token refreshed), not duplicated.
    stub_meta(fake_graph, number, waba)
    again = ok(boss.post(PATH, json=body_for(boss, number, waba, name="Ignored on reconnect")))
    assert again["created"] is False and again["integration_account_id"] == done["integration_account_id"]
    listed = ok(boss.get("/api/integration-accounts", params={"per_page": 100}))
    assert [a["id"] for a in listed if a.get("phone_number_id") == number] == [done["integration_account_id"]]


@pytest.mark.parametrize("overrides", [{"pin": "12345"}, {"pin": "abcdef"}, {"waba_id": "waba-1"},
                                       {"phone_number_id": ""}, {"code": ""}, {"state": "forged"}])
def test_bad_bodies_are_refused_before_meta(fake_graph, boss, overrides):
    before = len(fake_graph.requests)
    err = error(boss.post(PATH, json=body_for(boss, new_id(), new_id(), **overrides)), 422)
    assert err["code"] == "VALIDATION_FAILED"
    assert len(fake_graph.requests) == before


def test_a_state_of_another_flow_is_refused(boss):
    messenger_state = ok(boss.get("/api/integrations/messenger/oauth"))["state"]
    err = error(boss.post(PATH, json=body_for(boss, new_id(), new_id(), state=messenger_state)), 422)
    assert {d["field"] for d in err["details"]} == {"state"}


def test_graph_error_stores_nothing(fake_graph, boss):
    number, waba = new_id(), new_id()
    stub_meta(fake_graph, number, waba)
    fake_graph.stub("POST", f"/{number}/register", {"error": {
        "message": "Two step verification PIN Mismatch", "type": "OAuthException", "code": 133005}}, status=400)
    err = error(boss.post(PATH, json=body_for(boss, number, waba)), 502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["meta_code"] == 133005
    assert number not in whatsapp_accounts(boss)


def test_another_tenants_number_is_a_conflict(fake_graph, http, boss):
    rival = register(http, org="Number holder")
    number, waba = new_id(), new_id()
    stub_meta(fake_graph, number, waba)
    ok(rival.post(PATH, json=body_for(rival, number, waba)))
    stub_meta(fake_graph, number, waba)
    assert error(boss.post(PATH, json=body_for(boss, number, waba)), 409)["code"] == "CONFLICT"
    assert number not in whatsapp_accounts(boss) and number in whatsapp_accounts(rival)


def test_admins_only(boss, http):
    for role in ("supervisor", "agent"):
        actor = add_agent(boss, role=role, name=f"{role} signup")
        assert error(actor.get(PATH), 403)["code"] == "FORBIDDEN"
        assert error(actor.post(PATH, json={}), 403)["code"] == "FORBIDDEN"
        assert actor.gql("{ whatsappEmbeddedSignupConfig { appId } }")["errors"][0]["extensions"][
            "code"] == "FORBIDDEN"
        actor.client.close()
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get(PATH).status_code == 401


def test_graphql_twins(fake_graph, http):
    owner = register(http, org="GraphQL signup")
    config = owner.gql("{ whatsappEmbeddedSignupConfig { appId configId graphVersion state } }")
    assert "errors" not in config, config
    number, waba = new_id(), new_id()
    stub_meta(fake_graph, number, waba)
    mutation = ("mutation($input: WhatsAppEmbeddedSignupInput!) { completeWhatsappEmbeddedSignup(input: $input) "
                "{ integrationAccountId phoneNumberId wabaId created } }")
    result = owner.gql(mutation, {"input": {"code": "c", "state": config["data"]["whatsappEmbeddedSignupConfig"]["state"],
                                            "wabaId": waba, "phoneNumberId": number, "pin": "654321"}})
    assert "errors" not in result, result
    done = result["data"]["completeWhatsappEmbeddedSignup"]
    assert (done["phoneNumberId"], done["wabaId"], done["created"]) == (number, waba, True)
    assert whatsapp_accounts(owner)[number]["id"] == done["integrationAccountId"]
    bad = owner.gql(mutation, {"input": {"code": "c", "state": "forged", "wabaId": waba, "phoneNumberId": number,
                                         "pin": "654321"}})
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
