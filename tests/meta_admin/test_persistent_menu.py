"""GET/POST /api/integrations/messenger/persistent-menu (admin): the page's menu read, set and
deleted at the (fake) Graph API's /me/messenger_profile with the page's own token; validation
before any call, Graph errors as 502 UPSTREAM_FAILED, events, roles, other tenants' accounts
not found, and the GraphQL twins."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import httpx
import pytest

from models.events import OutboxEvent
from tests.contract.support import cookieless_client
from tests.support.api import Actor, add_agent, register
from tests.support.team import error, ok

PATH = "/api/integrations/messenger/persistent-menu"
MENU = [{"locale": "default", "composer_input_disabled": False, "call_to_actions": [
    {"type": "postback", "title": "Talk to an agent", "payload": "CARE_HELP"},
    {"type": "web_url", "title": "Shop now", "url": "https://www.example.com/", "webview_height_ratio": "full"}]}]


def make_page(admin: Actor) -> dict[str, Any]:
    token = f"EAAP{uuid.uuid4().hex}"
    response = admin.post("/api/integration-accounts", json={
        "channel": "messenger", "name": "Our page", "page_id": str(uuid.uuid4().int)[:15], "access_token": token})
    assert response.status_code == 201, response.text
    return response.json() | {"token": token}


@pytest.fixture(scope="module")
def http(server) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


@pytest.fixture(scope="module")
def boss(http) -> Actor:
    return register(http, org="Menu makers")


@pytest.fixture(scope="module")
def pages(boss) -> list[dict[str, Any]]:
    return [make_page(boss), make_page(boss)]


def calls_with(fake_graph, token: str, method: str) -> list[dict[str, Any]]:
    return [r for r in fake_graph.requests if r["method"] == method and r["path"].endswith("/me/messenger_profile")
            and r["headers"].get("authorization") == f"Bearer {token}"]


def test_get_reads_the_default_pages_menu(fake_graph, boss, pages):
    fake_graph.stub("GET", "/me/messenger_profile", {"data": [{"persistent_menu": MENU}]})
    body = ok(boss.get(PATH))
    assert body == {"integration_account_id": pages[0]["id"], "page_id": pages[0]["page_id"], "persistent_menu": MENU}
    [call] = calls_with(fake_graph, pages[0]["token"], "GET")[-1:]
    assert call["query"]["fields"] == "persistent_menu"
    fake_graph.stub("GET", "/me/messenger_profile", {"data": []})
    empty = ok(boss.get(PATH, params={"integration_account_id": pages[1]["id"]}))
    assert empty["persistent_menu"] == [] and empty["page_id"] == pages[1]["page_id"]
    assert calls_with(fake_graph, pages[1]["token"], "GET")


def test_set_then_delete(server, fake_graph, boss, pages):
    fake_graph.stub("POST", "/me/messenger_profile", {"result": "success"})
    body = ok(boss.post(PATH, json={"persistent_menu": MENU, "integration_account_id": pages[1]["id"]}))
    assert body == {"integration_account_id": pages[1]["id"], "page_id": pages[1]["page_id"], "persistent_menu": MENU}
    [call] = calls_with(fake_graph, pages[1]["token"], "POST")[-1:]
    assert call["json"] == {"persistent_menu": MENU}

    fake_graph.stub("DELETE", "/me/messenger_profile", {"result": "success"})
    gone = ok(boss.post(PATH, json={"action": "delete", "integration_account_id": pages[1]["id"]}))
    assert gone["persistent_menu"] == []
    [call] = calls_with(fake_graph, pages[1]["token"], "DELETE")[-1:]
    assert call["json"] == {"fields": ["persistent_menu"]}

    async def events() -> list[OutboxEvent]:
        return await OutboxEvent.filter(tenant_id=UUID(boss.tenant["id"]),
                                        type__startswith="messenger_persistent_menu.").order_by("created_at")

    recorded = [(e.type, e.payload) for e in server.run(events())][-2:]
    assert recorded == [
        ("messenger_persistent_menu.updated",
         {"integration_account_id": pages[1]["id"], "page_id": pages[1]["page_id"], "locales": ["default"]}),
        ("messenger_persistent_menu.deleted",
         {"integration_account_id": pages[1]["id"], "page_id": pages[1]["page_id"], "locales": []}),
    ]


def _action(**overrides: Any) -> dict[str, Any]:
    return {"persistent_menu": [{"locale": "default", "call_to_actions": [
        {"type": "postback", "title": "Help", "payload": "HELP"} | overrides]}]}


@pytest.mark.parametrize("body", [
    {},
    {"persistent_menu": []},
    {"action": "delete", "persistent_menu": MENU},
    {"action": "remove"},
    {"persistent_menu": [{"locale": "en_US", "call_to_actions": MENU[0]["call_to_actions"]}]},  # no default
    {"persistent_menu": [MENU[0], MENU[0]]},  # a locale twice
    {"persistent_menu": [{"locale": "default", "call_to_actions": []}]},
    _action(title="x" * 31),
    _action(payload=None),
    _action(url="https://example.com/"),
    _action(type="web_url", payload=None, url="http://example.com/"),
    _action(type="web_url", payload=None),
    _action(type="call"),
    {"persistent_menu": [{"locale": "default", "call_to_actions": [
        {"type": "postback", "title": f"T{i}", "payload": f"P{i}"} for i in range(21)]}]},
])
def test_invalid_menus_are_refused_before_meta_is_called(fake_graph, boss, pages, body):
    before = len(fake_graph.requests)
    err = error(boss.post(PATH, json=body), 422)
    assert err["code"] == "VALIDATION_FAILED"
    assert len(fake_graph.requests) == before


def test_graph_errors_are_502_and_expired_tokens_flagged(fake_graph, boss, pages):
    fake_graph.stub("POST", "/me/messenger_profile", {"error": {
        "message": "(#100) Invalid keys \"foo\"", "type": "OAuthException", "code": 100}}, status=400)
    err = error(boss.post(PATH, json={"persistent_menu": MENU}), 502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["meta_code"] == 100
    fake_graph.stub("GET", "/me/messenger_profile", {"error": {
        "message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190}},
        status=401)
    err = error(boss.get(PATH), 502)
    assert err["code"] == "UPSTREAM_FAILED" and err["details"]["token_expired"] is True


def test_no_page_or_another_tenants_page(http, boss, pages):
    fresh = register(http, org="No page yet")
    assert error(fresh.get(PATH), 422)["code"] == "VALIDATION_FAILED"
    assert error(fresh.post(PATH, json={"persistent_menu": MENU}), 422)["code"] == "VALIDATION_FAILED"
    assert error(fresh.get(PATH, params={"integration_account_id": pages[0]["id"]}), 404)["code"] == "NOT_FOUND"
    assert error(fresh.post(PATH, json={"action": "delete", "integration_account_id": pages[0]["id"]}),
                 404)["code"] == "NOT_FOUND"


def test_admins_only(fake_graph, boss, pages, http):
    for role in ("supervisor", "agent"):
        actor = add_agent(boss, role=role, name=f"{role} menu")
        assert error(actor.get(PATH), 403)["code"] == "FORBIDDEN"
        assert error(actor.post(PATH, json={"action": "delete"}), 403)["code"] == "FORBIDDEN"
        result = actor.gql("mutation { deleteMessengerPersistentMenu { pageId } }")
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        actor.client.close()
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get(PATH).status_code == 401
        assert anonymous.post(PATH, json={"action": "delete"}).status_code == 401


def test_graphql_twins(fake_graph, boss, pages):
    fake_graph.stub("GET", "/me/messenger_profile", {"data": [{"persistent_menu": MENU}]})
    read = boss.gql("{ messengerPersistentMenu { integrationAccountId pageId persistentMenu } }")
    assert "errors" not in read, read
    assert read["data"]["messengerPersistentMenu"] == {
        "integrationAccountId": pages[0]["id"], "pageId": pages[0]["page_id"], "persistentMenu": MENU}

    fake_graph.stub("POST", "/me/messenger_profile", {"result": "success"})
    set_menu = ("mutation($menu: JSON!, $id: UUID) { setMessengerPersistentMenu(persistentMenu: $menu, "
                "integrationAccountId: $id) { pageId persistentMenu } }")
    saved = boss.gql(set_menu, {"menu": MENU, "id": pages[1]["id"]})
    assert saved["data"]["setMessengerPersistentMenu"] == {"pageId": pages[1]["page_id"], "persistentMenu": MENU}
    assert calls_with(fake_graph, pages[1]["token"], "POST")[-1]["json"] == {"persistent_menu": MENU}
    refused = boss.gql(set_menu, {"menu": [{"locale": "en_US", "call_to_actions": []}]})
    assert refused["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"

    fake_graph.stub("DELETE", "/me/messenger_profile", {"result": "success"})
    dropped = boss.gql("mutation { deleteMessengerPersistentMenu { pageId persistentMenu } }")
    assert dropped["data"]["deleteMessengerPersistentMenu"] == {"pageId": pages[0]["page_id"], "persistentMenu": []}
