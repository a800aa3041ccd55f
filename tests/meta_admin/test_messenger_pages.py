"""POST /api/integrations/messenger/pages/subscribe and /pages/{page_id}/disconnect (admin):
subscribed_apps calls at the (fake) Graph API with each page's own token, per-page outcomes,
502 when every page failed, disconnect deleting the account (even with an expired token, which
cannot unsubscribe), other tenants' pages not found, events, roles, and the GraphQL twins."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import httpx
import pytest

from models.events import OutboxEvent
from tests.contract.support import cookieless_client
from tests.meta_admin.test_persistent_menu import make_page
from tests.support.api import Actor, add_agent, register
from tests.support.team import error, ok

SUBSCRIBE = "/api/integrations/messenger/pages/subscribe"
FIELDS = ("messages,messaging_postbacks,message_deliveries,message_reads,message_echoes,messaging_referrals,"
          "message_reactions")


def disconnect(page_id: str) -> str:
    return f"/api/integrations/messenger/pages/{page_id}/disconnect"


@pytest.fixture(scope="module")
def http(server) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


@pytest.fixture(scope="module")
def boss(http) -> Actor:
    return register(http, org="Page owners")


def calls(fake_graph, page: dict[str, Any], method: str) -> list[dict[str, Any]]:
    return [r for r in fake_graph.requests if r["method"] == method
            and r["path"].endswith(f"/{page['page_id']}/subscribed_apps")]


def accounts_of(actor: Actor) -> set[str]:
    return {a["id"] for a in ok(actor.get("/api/integration-accounts", params={"per_page": 100}))}


def test_subscribe_each_page_with_its_token(server, fake_graph, boss):
    pages = [make_page(boss), make_page(boss)]
    for page in pages:
        fake_graph.stub("POST", f"/{page['page_id']}/subscribed_apps", {"success": True})
    body = ok(boss.post(SUBSCRIBE, json={"page_ids": [p["page_id"] for p in pages]}))
    assert body["pages"] == [{"page_id": p["page_id"], "integration_account_id": p["id"], "subscribed": True,
                              "error": None} for p in pages]
    assert body["message"] == "2 of 2 pages subscribed"
    for page in pages:
        [call] = calls(fake_graph, page, "POST")
        assert call["headers"]["authorization"] == f"Bearer {page['token']}"
        assert call["query"]["subscribed_fields"] == FIELDS

    async def events() -> list[dict[str, Any]]:
        rows = await OutboxEvent.filter(tenant_id=UUID(boss.tenant["id"]), type="messenger_page.subscribed")
        return [e.payload for e in rows]

    assert {e["page_id"] for e in server.run(events())} >= {p["page_id"] for p in pages}


def test_partial_failure_is_reported_per_page_and_total_failure_is_502(fake_graph, boss):
    good, bad = make_page(boss), make_page(boss)
    fake_graph.stub("POST", f"/{good['page_id']}/subscribed_apps", {"success": True})
    fake_graph.stub("POST", f"/{bad['page_id']}/subscribed_apps", {"error": {
        "message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190}},
        status=401)
    body = ok(boss.post(SUBSCRIBE, json={"page_ids": [good["page_id"], bad["page_id"]]}))
    outcome = {p["page_id"]: p for p in body["pages"]}
    assert outcome[good["page_id"]]["subscribed"] is True
    assert outcome[bad["page_id"]]["subscribed"] is False
    assert outcome[bad["page_id"]]["error"]["meta_code"] == 190
    assert outcome[bad["page_id"]]["error"]["token_expired"] is True
    err = error(boss.post(SUBSCRIBE, json={"page_ids": [bad["page_id"]]}), 502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["token_expired"] is True


@pytest.mark.parametrize("body", [{}, {"page_ids": []}, {"page_ids": [""]}, {"page_ids": ["1" * 65]},
                                  {"page_ids": [str(i) for i in range(51)]}, {"page_ids": "123"}])
def test_invalid_bodies(fake_graph, boss, body):
    before = len(fake_graph.requests)
    assert error(boss.post(SUBSCRIBE, json=body), 422)["code"] == "VALIDATION_FAILED"
    assert len(fake_graph.requests) == before


def test_other_tenants_and_unknown_pages_are_not_found(fake_graph, http, boss):
    mine = make_page(boss)
    rival = register(http, org="Rival pages")
    theirs = make_page(rival)
    before = len(fake_graph.requests)
    err = error(boss.post(SUBSCRIBE, json={"page_ids": [mine["page_id"], theirs["page_id"], "999"]}), 404)
    assert err["code"] == "NOT_FOUND" and err["details"]["page_ids"] == [theirs["page_id"], "999"]
    assert error(boss.post(disconnect(theirs["page_id"])), 404)["code"] == "NOT_FOUND"
    assert len(fake_graph.requests) == before  # nothing reached Meta
    assert theirs["id"] in accounts_of(rival)


def test_disconnect_unsubscribes_and_deletes_the_account(fake_graph, boss):
    first, second = make_page(boss), make_page(boss)
    fake_graph.stub("DELETE", f"/{first['page_id']}/subscribed_apps", {"success": True})
    body = ok(boss.post(disconnect(first["page_id"])))
    assert body["page_id"] == first["page_id"] and body["integration_account_id"] == first["id"]
    assert body["unsubscribed"] is True
    [call] = calls(fake_graph, first, "DELETE")
    assert call["headers"]["authorization"] == f"Bearer {first['token']}"
    assert first["id"] not in accounts_of(boss) and second["id"] in accounts_of(boss)
    assert error(boss.post(disconnect(first["page_id"])), 404)["code"] == "NOT_FOUND"


def test_disconnect_with_an_expired_token_still_deletes_other_errors_change_nothing(fake_graph, boss):
    expired, refused = make_page(boss), make_page(boss)
    fake_graph.stub("DELETE", f"/{expired['page_id']}/subscribed_apps", {"error": {
        "message": "Session has expired", "type": "OAuthException", "code": 190}}, status=401)
    body = ok(boss.post(disconnect(expired["page_id"])))
    assert body["unsubscribed"] is False and expired["id"] not in accounts_of(boss)
    fake_graph.stub("DELETE", f"/{refused['page_id']}/subscribed_apps", {"error": {
        "message": "(#200) Permissions error", "type": "OAuthException", "code": 200}}, status=403)
    err = error(boss.post(disconnect(refused["page_id"])), 502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["meta_code"] == 200
    assert refused["id"] in accounts_of(boss)


def test_admins_only(boss, http):
    page = make_page(boss)
    for role in ("supervisor", "agent"):
        actor = add_agent(boss, role=role, name=f"{role} pages")
        assert error(actor.post(SUBSCRIBE, json={"page_ids": [page["page_id"]]}), 403)["code"] == "FORBIDDEN"
        assert error(actor.post(disconnect(page["page_id"])), 403)["code"] == "FORBIDDEN"
        result = actor.gql("mutation($p: String!) { disconnectMessengerPage(pageId: $p) { pageId } }",
                           {"p": page["page_id"]})
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        actor.client.close()
    assert page["id"] in accounts_of(boss)
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.post(disconnect(page["page_id"])).status_code == 401


def test_graphql_twins(fake_graph, boss):
    page = make_page(boss)
    fake_graph.stub("POST", f"/{page['page_id']}/subscribed_apps", {"success": True})
    sub = boss.gql("mutation($ids: [String!]!) { subscribeMessengerPages(pageIds: $ids) { message pages { pageId "
                   "integrationAccountId subscribed error } } }", {"ids": [page["page_id"]]})
    assert "errors" not in sub, sub
    assert sub["data"]["subscribeMessengerPages"]["pages"] == [
        {"pageId": page["page_id"], "integrationAccountId": page["id"], "subscribed": True, "error": None}]
    fake_graph.stub("DELETE", f"/{page['page_id']}/subscribed_apps", {"success": True})
    gone = boss.gql("mutation($p: String!) { disconnectMessengerPage(pageId: $p) { pageId integrationAccountId "
                    "unsubscribed } }", {"p": page["page_id"]})
    assert gone["data"]["disconnectMessengerPage"] == {"pageId": page["page_id"], "integrationAccountId": page["id"],
                                                       "unsubscribed": True}
    missing = boss.gql('mutation { disconnectMessengerPage(pageId: "404") { pageId } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
