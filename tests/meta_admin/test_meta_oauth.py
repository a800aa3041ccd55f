"""GET/POST /api/integrations/{messenger,instagram}/oauth (admin): Facebook Login config with a
state bound to tenant and channel, the code exchanged and the user's pages listed at the (fake)
Graph API, pages / Instagram accounts stored as integration accounts (created, or their token
refreshed), in one transaction; bad states, Graph errors, conflicts, roles, GraphQL twins."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from resolvers import meta_oauth
from resolvers._errors import DomainError, ErrorCode
from tests.conftest import META_APP_ID, META_APP_SECRET, META_OAUTH_REDIRECT_URI
from tests.contract.support import cookieless_client
from tests.support.api import Actor, add_agent, register
from tests.support.team import error, ok, team_fixtures

http, boss, _, _ = team_fixtures("OAuth connectors")


def new_id() -> str:
    return str(uuid.uuid4().int)[:15]


def page(ig: bool = False) -> dict[str, Any]:
    p = {"id": new_id(), "name": "Acme Page", "access_token": f"PAGE-{uuid.uuid4().hex}"}
    if ig:
        p["instagram_business_account"] = {"id": new_id(), "username": "acme.ig"}
    return p


def stub_login(fake_graph, pages: list[dict[str, Any]]) -> str:
    user_token = f"USER-{uuid.uuid4().hex}"
    fake_graph.stub("GET", "/oauth/access_token", {"access_token": user_token, "token_type": "bearer"})
    fake_graph.stub("GET", "/me/accounts", {"data": pages})
    return user_token


def state_of(actor: Actor, channel: str) -> str:
    return ok(actor.get(f"/api/integrations/{channel}/oauth"))["state"]


def accounts_of(actor: Actor, channel: str) -> dict[str, dict[str, Any]]:
    listed = ok(actor.get("/api/integration-accounts", params={"per_page": 100}))
    key = "page_id" if channel == "messenger" else "instagram_account_id"
    return {a[key]: a for a in listed if a["channel"] == channel}


@pytest.mark.parametrize("channel", ["messenger", "instagram"])
def test_config(boss, channel):
    config = ok(boss.get(f"/api/integrations/{channel}/oauth"))
    assert config["channel"] == channel and config["app_id"] == META_APP_ID
    assert config["redirect_uri"] == META_OAUTH_REDIRECT_URI and "pages_show_list" in config["scopes"]
    assert ("instagram_manage_messages" in config["scopes"]) is (channel == "instagram")
    url = urlsplit(config["auth_url"])
    assert url.netloc == "www.facebook.com" and url.path.endswith("/dialog/oauth")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {"client_id": META_APP_ID, "redirect_uri": META_OAUTH_REDIRECT_URI, "state": config["state"],
                     "scope": ",".join(config["scopes"]), "response_type": "code"}
    assert state_of(boss, channel) != config["state"]  # a fresh state every time


def test_messenger_connect_creates_then_refreshes(fake_graph, boss):
    pages = [page(), page()]
    user_token = stub_login(fake_graph, pages)
    before = len(fake_graph.requests)
    body = ok(boss.post("/api/integrations/messenger/oauth", json={"code": "AQB-code", "state": state_of(boss, "messenger")}))
    assert body["channel"] == "messenger" and [a["created"] for a in body["accounts"]] == [True, True]
    stored = accounts_of(boss, "messenger")
    for p, a in zip(pages, body["accounts"], strict=True):
        assert a["page_id"] == a["external_id"] == p["id"] and stored[p["id"]]["id"] == a["integration_account_id"]
        assert p["access_token"] not in str(stored[p["id"]])  # stored sealed, shown masked
    exchange, listing = fake_graph.requests[before:before + 2]
    assert exchange["path"].endswith("/oauth/access_token")
    assert exchange["query"] == {"client_id": META_APP_ID, "client_secret": META_APP_SECRET,
                                 "redirect_uri": META_OAUTH_REDIRECT_URI, "code": "AQB-code"}
    assert listing["path"].endswith("/me/accounts") and listing["headers"]["authorization"] == f"Bearer {user_token}"

    # Again (a new token for the same pages): the accounts are refreshed, not duplicated.
    pages[0]["access_token"] = "PAGE-refreshed-token-0001"
    stub_login(fake_graph, pages)
    again = ok(boss.post("/api/integrations/messenger/oauth", json={
        "code": "AQB-code-2", "state": state_of(boss, "messenger"), "page_ids": [pages[0]["id"]]}))
    assert [(a["page_id"], a["created"]) for a in again["accounts"]] == [(pages[0]["id"], False)]
    assert len(accounts_of(boss, "messenger")) == 2


def test_instagram_connect_takes_linked_accounts_only(fake_graph, http):
    owner = register(http, org="Insta OAuth")
    linked, plain = page(ig=True), page()
    stub_login(fake_graph, [linked, plain])
    body = ok(owner.post("/api/integrations/instagram/oauth", json={"code": "c", "state": state_of(owner, "instagram")}))
    [account] = body["accounts"]
    ig_id = linked["instagram_business_account"]["id"]
    assert (account["external_id"], account["page_id"], account["name"]) == (ig_id, linked["id"], "acme.ig")
    assert accounts_of(owner, "instagram")[ig_id]["page_id"] == linked["id"]
    stub_login(fake_graph, [plain])
    err = error(owner.post("/api/integrations/instagram/oauth", json={"code": "c", "state": state_of(owner, "instagram")}),
                422)
    assert err["code"] == "VALIDATION_FAILED"


def test_bad_states_are_refused_before_meta_is_called(fake_graph, http, boss):
    rival = register(http, org="Rival OAuth")
    before = len(fake_graph.requests)
    for state in ("garbage", state_of(boss, "instagram"), state_of(rival, "messenger")):
        err = error(boss.post("/api/integrations/messenger/oauth", json={"code": "c", "state": state}), 422)
        assert {d["field"] for d in err["details"]} == {"state"}, err
    assert error(boss.post("/api/integrations/messenger/oauth", json={"state": "x"}), 422)["code"] == "VALIDATION_FAILED"
    assert len(fake_graph.requests) == before


def test_graph_errors_and_unknown_pages_store_nothing(fake_graph, boss):
    before = accounts_of(boss, "messenger")
    fake_graph.stub("GET", "/oauth/access_token", {"error": {
        "message": "This authorization code has expired.", "type": "OAuthException", "code": 100,
        "error_subcode": 36007}}, status=400)
    err = error(boss.post("/api/integrations/messenger/oauth", json={"code": "old", "state": state_of(boss, "messenger")}),
                502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["meta_code"] == 100
    stub_login(fake_graph, [page()])
    err = error(boss.post("/api/integrations/messenger/oauth", json={
        "code": "c", "state": state_of(boss, "messenger"), "page_ids": ["42"]}), 422)
    assert {d["field"] for d in err["details"]} == {"page_ids"}
    assert accounts_of(boss, "messenger") == before


def test_a_page_of_another_tenant_is_a_conflict_and_nothing_is_stored(fake_graph, http, boss):
    rival = register(http, org="Page holder")
    taken, free = page(), page()
    stub_login(fake_graph, [taken])
    ok(rival.post("/api/integrations/messenger/oauth", json={"code": "c", "state": state_of(rival, "messenger")}))
    stub_login(fake_graph, [free, taken])
    err = error(boss.post("/api/integrations/messenger/oauth", json={"code": "c", "state": state_of(boss, "messenger")}),
                409)
    assert err["code"] == "CONFLICT"
    assert free["id"] not in accounts_of(boss, "messenger")  # one transaction: the free page rolled back too


def test_admins_only(boss, http):
    for role in ("supervisor", "agent"):
        actor = add_agent(boss, role=role, name=f"{role} oauth")
        assert error(actor.get("/api/integrations/messenger/oauth"), 403)["code"] == "FORBIDDEN"
        assert error(actor.post("/api/integrations/instagram/oauth", json={"code": "c", "state": "s"}),
                     403)["code"] == "FORBIDDEN"
        assert actor.gql('{ metaOauthConfig(channel: "messenger") { appId } }')["errors"][0]["extensions"][
            "code"] == "FORBIDDEN"
        actor.client.close()
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get("/api/integrations/instagram/oauth").status_code == 401


def test_not_configured_is_unavailable(monkeypatch):
    # Only this module's view of the hub: the live server's settings stay as they are.
    monkeypatch.setattr(meta_oauth, "services", SimpleNamespace(settings=SimpleNamespace(
        meta_app_id=None, meta_app_secret="s", meta_oauth_redirect_uri="https://x.test/cb")))
    with pytest.raises(DomainError) as raised:
        meta_oauth._app()
    assert raised.value.code == ErrorCode.UNAVAILABLE


def test_graphql_twins(fake_graph, http):
    owner = register(http, org="GraphQL OAuth")
    config = owner.gql('{ metaOauthConfig(channel: "messenger") { channel appId redirectUri scopes state authUrl } }')
    assert "errors" not in config, config
    state = config["data"]["metaOauthConfig"]["state"]
    p = page()
    stub_login(fake_graph, [p])
    connect = ("mutation($c: String!, $code: String!, $s: String!) { connectMetaOauth(channel: $c, code: $code, "
               "state: $s) { channel accounts { externalId pageId created } } }")
    result = owner.gql(connect, {"c": "messenger", "code": "c", "s": state})
    assert "errors" not in result, result
    assert result["data"]["connectMetaOauth"]["accounts"] == [{"externalId": p["id"], "pageId": p["id"], "created": True}]
    wrong = owner.gql('{ metaOauthConfig(channel: "whatsapp") { appId } }')
    assert wrong["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    bad = owner.gql(connect, {"c": "messenger", "code": "c", "s": "forged"})
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
