"""GET /api/integrations/whatsapp/health (admin): the number's health read from the (fake)
Graph API with the account's own token, default or named account, Graph errors as 502
UPSTREAM_FAILED with Meta's code and message, expired tokens flagged, roles, other tenants'
accounts not found, and the GraphQL twin."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.contract.support import cookieless_client
from tests.support.api import Actor, add_agent, register
from tests.support.inbox import make_whatsapp_account
from tests.support.team import error, ok

HEALTH = {"quality_rating": "GREEN", "messaging_limit_tier": "TIER_1K", "status": "CONNECTED",
          "verified_name": "Acme Support", "display_phone_number": "+1 555-010-0200"}
FIELDS = "integrationAccountId phoneNumberId displayPhoneNumber verifiedName qualityRating messagingLimitTier status"


@pytest.fixture(scope="module")
def http(server) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


@pytest.fixture(scope="module")
def boss(http) -> Actor:
    return register(http, org="Health checks")


@pytest.fixture(scope="module")
def accounts(boss) -> list[dict[str, Any]]:
    token = f"EAAG{uuid.uuid4().hex}"
    return [make_whatsapp_account(boss, access_token=token) | {"token": token}, make_whatsapp_account(boss)]


def calls_to(fake_graph, path: str) -> list[dict[str, Any]]:
    return [r for r in fake_graph.requests if r["method"] == "GET" and r["path"].endswith(path)]


def test_default_account_health_from_meta(fake_graph, boss, accounts):
    default = accounts[0]
    fake_graph.stub("GET", f"/{default['phone_number_id']}", {**HEALTH, "id": default["phone_number_id"]})
    body = ok(boss.get("/api/integrations/whatsapp/health"))
    assert body | {"checked_at": None} == {  # (the stored token is never in our answer)
        "integration_account_id": default["id"], "phone_number_id": default["phone_number_id"], **HEALTH,
        "checked_at": None}
    assert body["checked_at"].endswith("Z")
    [call] = calls_to(fake_graph, f"/{default['phone_number_id']}")[-1:]
    assert call["query"]["fields"] == "quality_rating,messaging_limit_tier,status,verified_name,display_phone_number"
    # The account's own token, as stored (masked in every answer of ours).
    assert call["headers"]["authorization"] == f"Bearer {default['token']}"


def test_a_named_account_and_missing_fields(fake_graph, boss, accounts):
    other = accounts[1]
    fake_graph.stub("GET", f"/{other['phone_number_id']}", {"id": other["phone_number_id"], "status": "FLAGGED"})
    body = ok(boss.get("/api/integrations/whatsapp/health", params={"integration_account_id": other["id"]}))
    assert body["integration_account_id"] == other["id"] and body["status"] == "FLAGGED"
    assert body["quality_rating"] is None and body["messaging_limit_tier"] is None


def test_graph_error_is_502_with_metas_code(fake_graph, boss, accounts):
    number = accounts[1]["phone_number_id"]
    fake_graph.stub("GET", f"/{number}", {"error": {
        "message": "Unsupported get request", "type": "GraphMethodException", "code": 100, "error_subcode": 33,
        "fbtrace_id": "FAKETRACE"}}, status=400)
    err = error(boss.get("/api/integrations/whatsapp/health", params={"integration_account_id": accounts[1]["id"]}),
                502)
    assert err["code"] == "UPSTREAM_FAILED" and "Unsupported get request" in err["message"]
    assert err["details"]["meta_code"] == 100 and err["details"]["meta_subcode"] == 33
    assert "token_expired" not in err["details"]


def test_expired_token_is_reported_as_such(fake_graph, boss, accounts):
    number = accounts[1]["phone_number_id"]
    fake_graph.stub("GET", f"/{number}", {"error": {
        "message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190,
        "error_subcode": 463}}, status=401)
    err = error(boss.get("/api/integrations/whatsapp/health", params={"integration_account_id": accounts[1]["id"]}),
                502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["token_expired"] is True
    assert err["details"]["meta_code"] == 190 and "expired" in err["message"]


def test_no_account_unknown_or_foreign_account(http, boss, accounts):
    fresh = register(http, org="No number yet")
    assert error(fresh.get("/api/integrations/whatsapp/health"), 422)["code"] == "VALIDATION_FAILED"
    foreign = make_whatsapp_account(fresh)
    assert error(boss.get("/api/integrations/whatsapp/health", params={"integration_account_id": foreign["id"]}),
                 404)["code"] == "NOT_FOUND"
    assert error(boss.get("/api/integrations/whatsapp/health",
                          params={"integration_account_id": str(uuid.uuid4())}), 404)["code"] == "NOT_FOUND"
    assert error(boss.get("/api/integrations/whatsapp/health", params={"integration_account_id": "nope"}),
                 422)["code"] == "VALIDATION_FAILED"


def test_admins_only(fake_graph, boss, accounts, http):
    for role in ("supervisor", "agent"):
        actor = add_agent(boss, role=role, name=f"{role} health")
        assert error(actor.get("/api/integrations/whatsapp/health"), 403)["code"] == "FORBIDDEN"
        assert actor.gql(f"{{ whatsappHealth {{ {FIELDS} }} }}")["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        actor.client.close()
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get("/api/integrations/whatsapp/health").status_code == 401


def test_graphql_twin(fake_graph, boss, accounts):
    default = accounts[0]
    fake_graph.stub("GET", f"/{default['phone_number_id']}", {**HEALTH, "id": default["phone_number_id"]})
    result = boss.gql(f"{{ whatsappHealth {{ {FIELDS} checkedAt }} }}")
    assert "errors" not in result, result
    health = result["data"]["whatsappHealth"]
    assert health["integrationAccountId"] == default["id"] and health["qualityRating"] == "GREEN"
    assert health["messagingLimitTier"] == "TIER_1K" and health["verifiedName"] == "Acme Support"
    fake_graph.stub("GET", f"/{default['phone_number_id']}", {"error": {
        "message": "Session has expired", "type": "OAuthException", "code": 190}}, status=401)
    failed = boss.gql(f"{{ whatsappHealth {{ {FIELDS} }} }}")
    assert failed["errors"][0]["extensions"]["code"] == "UPSTREAM_FAILED"
