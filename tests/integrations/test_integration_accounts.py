"""Integration accounts over real HTTP (REST and GraphQL): WhatsApp credentials per tenant,
secrets sealed at rest and only ever returned masked, one default per channel, a provider
account connected to one tenant only, admin-only, and invisible to other tenants."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from models.events import OutboxEvent
from models.integrations import IntegrationAccount
from resolvers._context import Ctx
from resolvers._scope import unscoped
from resolvers._secrets import mask, seal, unseal
from resolvers.integrations import account_for_inbound, account_secrets, default_account
from tests.support.api import Actor, add_agent

BASE = "/api/integration-accounts"
PUBLIC_KEYS = {
    "id", "channel", "name", "is_default", "status", "phone_number_id", "waba_id", "display_phone_number",
    "access_token", "app_secret", "has_app_secret", "created_at", "updated_at",
    "page_id", "instagram_account_id", "human_agent_tag",  # messenger, instagram (null here)
    "address", "smtp_url", "has_smtp_url", "inbound_token",  # email (null here)
}


def new_number() -> str:
    return str(uuid.uuid4().int)[:15]


def new_token() -> str:
    return f"EAAG{uuid.uuid4().hex}{uuid.uuid4().hex}"


def whatsapp(**overrides: Any) -> dict[str, Any]:
    number = new_number()
    body = {
        "channel": "whatsapp", "name": "Support line", "phone_number_id": number, "waba_id": f"1{number}",
        "display_phone_number": "+1 555 010 0200", "access_token": new_token(),
    }
    body.update(overrides)
    return body


def create(actor: Actor, **overrides: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the body sent, the account answered)"""
    body = whatsapp(**overrides)
    response = actor.post(BASE, json=body)
    assert response.status_code == 201, response.text
    return body, response.json()


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


def stored(server, account_id: str) -> IntegrationAccount:
    async def fetch() -> IntegrationAccount:
        return await unscoped(IntegrationAccount).get(id=account_id)

    return server.run(fetch())


def defaults(actor: Actor) -> list[str]:
    response = actor.get(BASE, params={"channel": "whatsapp", "per_page": 100})
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json() if a["is_default"]]


# ---------------------------------------------------------------- create


def test_create_answers_the_account_with_secrets_masked(admin):
    body, account = create(admin, app_secret="b" * 24 + "cafe")
    assert set(account) == PUBLIC_KEYS
    uuid.UUID(account["id"])
    assert account["channel"] == "whatsapp" and account["name"] == "Support line"
    assert account["phone_number_id"] == body["phone_number_id"]
    assert account["waba_id"] == body["waba_id"]
    assert account["display_phone_number"] == body["display_phone_number"]
    assert account["status"] == "active"
    assert account["is_default"] is True  # the first account of its channel
    assert account["access_token"] == "••••" + body["access_token"][-4:]
    assert account["app_secret"] == "••••cafe" and account["has_app_secret"] is True
    assert account["created_at"] and account["updated_at"]


def test_app_secret_is_optional(admin):
    _, account = create(admin)
    assert account["app_secret"] is None and account["has_app_secret"] is False


def test_the_plain_secrets_appear_in_no_response(admin):
    token, app_secret = new_token(), "s3cr3t-" + uuid.uuid4().hex
    body, account = create(admin, access_token=token, app_secret=app_secret)
    new = new_token()
    responses = [
        admin.get(BASE),
        admin.get(f"{BASE}/{account['id']}"),
        admin.patch(f"{BASE}/{account['id']}", json={"name": "Renamed"}),
        admin.patch(f"{BASE}/{account['id']}", json={"access_token": new}),
        admin.post(f"{BASE}/{account['id']}/default"),
        admin.post("/graphql", json={"query": "{ integrationAccounts { items { accessToken appSecret } } }"}),
        admin.get("/api/openapi.json"),
    ]
    for response in responses:
        for secret in (token, app_secret, new):
            assert secret not in response.text, response.request.url
    assert responses[3].json()["access_token"] == "••••" + new[-4:]


def test_the_stored_row_holds_no_plain_secret(server, admin):
    token, app_secret = new_token(), "app-secret-" + uuid.uuid4().hex
    body, account = create(admin, access_token=token, app_secret=app_secret)
    row = stored(server, account["id"])
    assert row.external_id == body["phone_number_id"]
    assert row.config == {"waba_id": body["waba_id"], "display_phone_number": body["display_phone_number"]}
    assert row.secrets_encrypted
    assert token not in row.secrets_encrypted and app_secret not in row.secrets_encrypted
    assert token not in str(row.config) and token not in row.name
    assert unseal(row.secrets_encrypted) == {"access_token": token, "app_secret": app_secret}
    assert account_secrets(row) == {"access_token": token, "app_secret": app_secret}


def test_the_event_names_the_account_but_carries_no_secret(server, admin):
    token = new_token()
    _, account = create(admin, access_token=token, app_secret="event-secret-" + uuid.uuid4().hex)

    async def rows() -> list[OutboxEvent]:
        return list(await OutboxEvent.filter(tenant_id=admin.tenant["id"], type="integration_account.created"))

    (row,) = server.run(rows())
    assert row.payload["integration_account_id"] == account["id"]
    assert row.payload["channel"] == "whatsapp"
    assert token[-12:] not in str(row.payload) and "event-secret" not in str(row.payload)


@pytest.mark.parametrize("missing", ["channel", "name", "phone_number_id", "waba_id", "display_phone_number", "access_token"])
def test_a_missing_field_is_422(admin, missing):
    body = whatsapp()
    del body[missing]
    response = admin.post(BASE, json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert missing in [d["field"] for d in error["details"]]


@pytest.mark.parametrize("change", [
    {"name": ""}, {"access_token": ""}, {"phone_number_id": 123}, {"unexpected": "field"}, {"app_secret": ""},
])
def test_invalid_fields_are_422(admin, change):
    response = admin.post(BASE, json=whatsapp(**change))
    assert response.status_code == 422, response.text
    assert error_code(response) == "VALIDATION_FAILED"


@pytest.mark.parametrize("channel", ["sms", 7])  # messenger, instagram: tests/messenger; email: tests/email
def test_an_unsupported_channel_is_422_with_a_clear_message(admin, channel):
    response = admin.post(BASE, json=whatsapp(channel=channel))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert "unsupported channel" in error["message"] and "whatsapp" in error["message"]
    assert error["details"] == [{"field": "channel", "message": error["message"].removeprefix("channel: ")}]


@pytest.mark.parametrize("body", [[], "whatsapp", None])
def test_a_body_that_is_not_an_object_is_refused(admin, body):
    response = admin.post(BASE, json=body)
    assert response.status_code == 422, response.text


def test_nothing_is_written_when_create_fails(admin):
    admin.post(BASE, json=whatsapp(waba_id=""))
    response = admin.get(BASE)
    assert response.json() == [] and response.headers["X-Total-Count"] == "0"


# ---------------------------------------------------------------- one provider account, one tenant


def test_a_connected_number_is_409_in_the_same_tenant(admin):
    body, _ = create(admin)
    response = admin.post(BASE, json=whatsapp(phone_number_id=body["phone_number_id"], name="Again"))
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert error["code"] == "CONFLICT" and body["phone_number_id"] in error["message"]
    assert admin.get(BASE).headers["X-Total-Count"] == "1"


def test_a_connected_number_is_409_in_another_tenant(admin, other_admin):
    body, _ = create(admin)
    response = other_admin.post(BASE, json=whatsapp(phone_number_id=body["phone_number_id"]))
    assert response.status_code == 409, response.text
    assert error_code(response) == "CONFLICT"
    assert admin.tenant["name"] not in response.text  # whose number it is stays private
    assert other_admin.get(BASE).json() == []


def test_moving_an_account_to_a_connected_number_is_409(admin, other_admin):
    theirs, _ = create(other_admin)
    _, mine = create(admin)
    response = admin.patch(f"{BASE}/{mine['id']}", json={"phone_number_id": theirs["phone_number_id"]})
    assert response.status_code == 409, response.text
    assert admin.get(f"{BASE}/{mine['id']}").json() == mine


def test_a_deleted_number_can_be_connected_again_elsewhere(admin, other_admin):
    body, account = create(admin)
    assert admin.delete(f"{BASE}/{account['id']}").status_code == 200
    response = other_admin.post(BASE, json=whatsapp(phone_number_id=body["phone_number_id"]))
    assert response.status_code == 201, response.text


# ---------------------------------------------------------------- list and get


def test_list_pages_and_filters(admin):
    made = [create(admin, name=f"Line {i}")[1] for i in range(3)]
    response = admin.get(BASE)
    assert response.status_code == 200 and response.headers["X-Total-Count"] == "3"
    listed = response.json()
    assert {a["id"] for a in listed} == {a["id"] for a in made}
    assert listed[0]["id"] == made[0]["id"]  # the default comes first
    first = admin.get(BASE, params={"page": 1, "per_page": 2})
    second = admin.get(BASE, params={"page": 2, "per_page": 2})
    assert len(first.json()) == 2 and len(second.json()) == 1
    assert first.headers["X-Total-Count"] == "3"
    assert {a["id"] for a in first.json() + second.json()} == {a["id"] for a in made}
    assert admin.get(BASE, params={"channel": "whatsapp"}).headers["X-Total-Count"] == "3"
    other = admin.get(BASE, params={"channel": "messenger"})
    assert other.status_code == 200 and other.json() == []
    for bad in ({"per_page": 0}, {"per_page": 101}, {"page": 0}):
        assert admin.get(BASE, params=bad).status_code == 422


def test_get_returns_the_listed_account(admin):
    _, account = create(admin)
    response = admin.get(f"{BASE}/{account['id']}")
    assert response.status_code == 200 and response.json() == account
    assert admin.get(f"{BASE}/{uuid.uuid4()}").status_code == 404
    assert admin.get(f"{BASE}/not-a-uuid").status_code in (404, 422)


# ---------------------------------------------------------------- update


def test_update_changes_what_it_names_only(server, admin):
    body, account = create(admin, app_secret="first-app-secret-" + uuid.uuid4().hex)
    before = stored(server, account["id"])
    response = admin.patch(f"{BASE}/{account['id']}", json={"name": "Sales line", "display_phone_number": "+1 555 0199"})
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["name"] == "Sales line" and updated["display_phone_number"] == "+1 555 0199"
    unchanged = {"phone_number_id", "waba_id", "access_token", "app_secret", "has_app_secret", "is_default", "created_at"}
    assert {k: updated[k] for k in unchanged} == {k: account[k] for k in unchanged}
    # secrets untouched: the very same sealed blob
    assert stored(server, account["id"]).secrets_encrypted == before.secrets_encrypted
    assert admin.get(f"{BASE}/{account['id']}").json() == updated


def test_changing_a_secret_reseals_it(server, admin):
    app_secret = "app-secret-" + uuid.uuid4().hex
    _, account = create(admin, app_secret=app_secret)
    before = stored(server, account["id"]).secrets_encrypted
    token = new_token()
    response = admin.patch(f"{BASE}/{account['id']}", json={"access_token": token})
    assert response.status_code == 200, response.text
    assert response.json()["access_token"] == "••••" + token[-4:]
    row = stored(server, account["id"])
    assert row.secrets_encrypted != before and token not in row.secrets_encrypted
    assert unseal(row.secrets_encrypted) == {"access_token": token, "app_secret": app_secret}


def test_null_removes_the_optional_app_secret_and_keeps_required_fields(server, admin):
    body, account = create(admin, app_secret="to-be-removed-" + uuid.uuid4().hex)
    response = admin.patch(f"{BASE}/{account['id']}", json={"app_secret": None, "name": None, "access_token": None})
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["app_secret"] is None and updated["has_app_secret"] is False
    assert updated["name"] == account["name"] and updated["access_token"] == account["access_token"]
    assert unseal(stored(server, account["id"]).secrets_encrypted) == {"access_token": body["access_token"]}
    again = admin.patch(f"{BASE}/{account['id']}", json={"app_secret": "new-app-secret-" + uuid.uuid4().hex})
    assert again.json()["has_app_secret"] is True


def test_an_empty_update_changes_nothing(admin):
    _, account = create(admin)
    response = admin.patch(f"{BASE}/{account['id']}", json={})
    assert response.status_code == 200 and response.json() == account


@pytest.mark.parametrize("change", [{"name": ""}, {"channel": "messenger"}, {"access_token": ""}, {"is_default": True}])
def test_invalid_updates_are_422(admin, change):
    _, account = create(admin)
    response = admin.patch(f"{BASE}/{account['id']}", json=change)
    assert response.status_code == 422, response.text
    assert admin.get(f"{BASE}/{account['id']}").json() == account


def test_moving_to_a_new_number_reroutes_inbound(server, admin):
    body, account = create(admin)
    number = new_number()
    response = admin.patch(f"{BASE}/{account['id']}", json={"phone_number_id": number})
    assert response.status_code == 200 and response.json()["phone_number_id"] == number
    assert server.run(account_for_inbound("whatsapp", body["phone_number_id"])) is None
    assert str(server.run(account_for_inbound("whatsapp", number)).id) == account["id"]


# ---------------------------------------------------------------- default and delete


def test_exactly_one_default_per_channel(admin):
    accounts = [create(admin, name=f"Line {i}")[1] for i in range(3)]
    assert [a["is_default"] for a in accounts] == [True, False, False]
    assert defaults(admin) == [accounts[0]["id"]]
    response = admin.post(f"{BASE}/{accounts[2]['id']}/default")
    assert response.status_code == 200, response.text
    assert response.json()["is_default"] is True and response.json()["id"] == accounts[2]["id"]
    assert defaults(admin) == [accounts[2]["id"]]
    assert admin.get(f"{BASE}/{accounts[0]['id']}").json()["is_default"] is False
    # idempotent
    again = admin.post(f"{BASE}/{accounts[2]['id']}/default")
    assert again.status_code == 200 and defaults(admin) == [accounts[2]["id"]]
    assert admin.post(f"{BASE}/{uuid.uuid4()}/default").status_code == 404


def test_concurrent_changes_leave_exactly_one_default(server, admin):
    def call(method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        with httpx.Client(base_url=server.url, timeout=30, headers=admin.headers) as c:
            return c.request(method, path, json=body) if body is not None else c.request(method, path)

    with ThreadPoolExecutor(max_workers=6) as pool:
        created = list(pool.map(lambda _: call("POST", BASE, whatsapp()), range(6)))
    assert all(r.status_code == 201 for r in created), [r.text for r in created]
    assert sum(r.json()["is_default"] for r in created) == 1
    assert len(defaults(admin)) == 1
    ids = [r.json()["id"] for r in created]
    with ThreadPoolExecutor(max_workers=6) as pool:
        switched = list(pool.map(lambda i: call("POST", f"{BASE}/{i}/default"), ids))
    assert all(r.status_code == 200 for r in switched), [r.text for r in switched]
    assert len(defaults(admin)) == 1


def test_tenants_have_their_own_defaults(admin, other_admin):
    _, mine = create(admin)
    _, theirs = create(other_admin)
    assert mine["is_default"] and theirs["is_default"]


def test_deleting_the_default_hands_it_to_another_account(admin):
    first, second, third = (create(admin, name=f"Line {i}")[1] for i in range(3))
    response = admin.delete(f"{BASE}/{first['id']}")
    assert response.status_code == 200, response.text
    ack = response.json()
    assert ack["integration_account_id"] == first["id"] and ack["message"]
    assert admin.get(f"{BASE}/{first['id']}").status_code == 404
    assert defaults(admin) == [second["id"]]
    # deleting a non-default leaves the default alone
    assert admin.delete(f"{BASE}/{third['id']}").status_code == 200
    assert defaults(admin) == [second["id"]]
    assert admin.delete(f"{BASE}/{second['id']}").status_code == 200
    assert admin.get(BASE).json() == []
    assert admin.delete(f"{BASE}/{second['id']}").status_code == 404
    # the next account of the channel becomes its default again
    assert create(admin)[1]["is_default"] is True


# ---------------------------------------------------------------- helpers for other domains


def test_helpers_for_routing_and_sending(server, admin, other_admin):
    body, account = create(admin, app_secret="routing-secret-" + uuid.uuid4().hex)
    _, second = create(admin)
    found = server.run(account_for_inbound("whatsapp", body["phone_number_id"]))
    assert str(found.id) == account["id"] and str(found.tenant_id) == admin.tenant["id"]
    assert account_secrets(found)["access_token"] == body["access_token"]
    assert server.run(account_for_inbound("whatsapp", new_number())) is None
    assert server.run(account_for_inbound("messenger", body["phone_number_id"])) is None

    mine = Ctx.system(uuid.UUID(admin.tenant["id"]))
    assert str(server.run(default_account(mine, "whatsapp")).id) == account["id"]
    admin.post(f"{BASE}/{second['id']}/default")
    assert str(server.run(default_account(mine, "whatsapp")).id) == second["id"]
    assert server.run(default_account(mine, "messenger")) is None
    theirs = Ctx.system(uuid.UUID(other_admin.tenant["id"]))
    assert server.run(default_account(theirs, "whatsapp")) is None


def test_seal_and_mask(server):
    blob = seal({"access_token": "EAAG-abcdefgh-1234"})
    assert "EAAG" not in blob and unseal(blob) == {"access_token": "EAAG-abcdefgh-1234"}
    assert seal({"a": "b"}) != seal({"a": "b"})  # a fresh IV each time
    assert unseal("") == {}
    assert mask("EAAG-abcdefgh-1234") == "••••1234"
    assert mask("short") == "••••"  # a short secret gives nothing away


# ---------------------------------------------------------------- who may


def routes(account_id: str) -> list[tuple[str, str, dict[str, Any] | None]]:
    return [
        ("GET", BASE, None),
        ("POST", BASE, whatsapp()),
        ("GET", f"{BASE}/{account_id}", None),
        ("PATCH", f"{BASE}/{account_id}", {"name": "Hijacked"}),
        ("POST", f"{BASE}/{account_id}/default", None),
        ("DELETE", f"{BASE}/{account_id}", None),
    ]


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_agents_and_supervisors_are_forbidden(admin, role):
    _, account = create(admin)
    actor = add_agent(admin, role=role)
    for method, path, body in routes(account["id"]):
        response = actor.request(method, path, json=body) if body is not None else actor.request(method, path)
        assert response.status_code == 403, f"{role} {method} {path}: {response.text}"
        assert error_code(response) == "FORBIDDEN"
    assert admin.get(f"{BASE}/{account['id']}").json() == account
    assert admin.get(BASE).headers["X-Total-Count"] == "1"
    gql = actor.gql("{ integrationAccounts { total } }")
    assert gql["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_another_tenants_account_is_not_found_on_every_route(admin, other_admin):
    _, theirs = create(other_admin)
    for method, path, body in routes(theirs["id"]):
        if path == BASE:
            continue
        response = admin.request(method, path, json=body) if body is not None else admin.request(method, path)
        assert response.status_code == 404, f"{method} {path}: {response.text}"
        assert error_code(response) == "NOT_FOUND"
    assert theirs["id"] not in admin.get(BASE).text
    assert other_admin.get(f"{BASE}/{theirs['id']}").json() == theirs
    gql = admin.gql("query($id: UUID!) { integrationAccount(id: $id) { id } }", {"id": theirs["id"]})
    assert gql["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_without_credentials_is_401(client):
    assert client.get(BASE).status_code == 401
    assert client.post(BASE, json=whatsapp()).status_code == 401


# ---------------------------------------------------------------- GraphQL parity

FIELDS = """id channel name isDefault status phoneNumberId wabaId displayPhoneNumber accessToken appSecret
            hasAppSecret createdAt updatedAt pageId instagramAccountId humanAgentTag
            address smtpUrl hasSmtpUrl inboundToken"""
CREATE = f"""mutation($input: IntegrationAccountCreateInput!) {{
  createIntegrationAccount(input: $input) {{ {FIELDS} }}
}}"""
LIST = f"""query($channel: String) {{
  integrationAccounts(channel: $channel, perPage: 50) {{ total page perPage items {{ {FIELDS} }} }}
}}"""


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def as_rest(node: dict[str, Any]) -> dict[str, Any]:
    return {key: node[camel(key)] for key in PUBLIC_KEYS}


def same_instant(a: str, b: str) -> bool:
    from datetime import datetime

    return datetime.fromisoformat(a.replace("Z", "+00:00")) == datetime.fromisoformat(b.replace("Z", "+00:00"))


def assert_same(graphql: dict[str, Any], rest: dict[str, Any]) -> None:
    converted = as_rest(graphql)
    for key in ("created_at", "updated_at"):
        assert same_instant(converted.pop(key), rest[key])
    assert converted == {k: v for k, v in rest.items() if k not in ("created_at", "updated_at")}


def test_graphql_create_and_list_match_rest(admin):
    token = new_token()
    body = whatsapp(access_token=token, app_secret="gql-app-secret-" + uuid.uuid4().hex)
    variables = {"input": {camel(k): v for k, v in body.items()}}
    result = admin.gql(CREATE, variables)
    assert "errors" not in result, result
    created = result["data"]["createIntegrationAccount"]
    assert token not in str(result)
    assert created["accessToken"] == "••••" + token[-4:] and created["hasAppSecret"] is True
    assert created["isDefault"] is True
    assert_same(created, admin.get(f"{BASE}/{created['id']}").json())

    create(admin)  # and one made through REST
    listed = admin.gql(LIST, {"channel": "whatsapp"})["data"]["integrationAccounts"]
    rest = admin.get(BASE, params={"channel": "whatsapp", "per_page": 50}).json()
    assert listed["total"] == len(rest) == 2
    assert [n["id"] for n in listed["items"]] == [a["id"] for a in rest]
    for node, account in zip(listed["items"], rest, strict=True):
        assert_same(node, account)


def test_graphql_validation_and_conflict_use_the_same_codes(admin):
    body = whatsapp()
    first = admin.gql(CREATE, {"input": {camel(k): v for k, v in body.items()}})
    assert "errors" not in first, first
    duplicate = admin.gql(CREATE, {"input": {camel(k): v for k, v in whatsapp(phone_number_id=body["phone_number_id"]).items()}})
    assert duplicate["errors"][0]["extensions"]["code"] == "CONFLICT"
    unsupported = admin.gql(CREATE, {"input": {camel(k): v for k, v in whatsapp(channel="messenger").items()}})
    assert unsupported["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    missing = whatsapp()
    del missing["waba_id"]
    result = admin.gql(CREATE, {"input": {camel(k): v for k, v in missing.items()}})
    assert result["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"
    assert result["errors"][0]["extensions"]["details"][0]["field"] == "waba_id"


def test_graphql_update_default_and_delete(admin):
    _, first = create(admin)
    _, second = create(admin)
    update = """mutation($id: UUID!, $input: IntegrationAccountUpdateInput!) {
      updateIntegrationAccount(id: $id, input: $input) { name appSecret hasAppSecret displayPhoneNumber }
    }"""
    result = admin.gql(update, {"id": second["id"], "input": {"name": "Via GraphQL", "appSecret": "x" * 20 + "beef"}})
    assert result["data"]["updateIntegrationAccount"] == {
        "name": "Via GraphQL", "appSecret": "••••beef", "hasAppSecret": True,
        "displayPhoneNumber": second["display_phone_number"],
    }
    # an absent field is unchanged, an explicit null clears the optional secret
    kept = admin.gql(update, {"id": second["id"], "input": {"name": "Renamed"}})["data"]["updateIntegrationAccount"]
    assert kept["hasAppSecret"] is True
    cleared = admin.gql(update, {"id": second["id"], "input": {"appSecret": None}})["data"]["updateIntegrationAccount"]
    assert cleared["hasAppSecret"] is False and cleared["name"] == "Renamed"

    made_default = admin.gql("mutation($id: UUID!) { setDefaultIntegrationAccount(id: $id) { id isDefault } }",
                             {"id": second["id"]})
    assert made_default["data"]["setDefaultIntegrationAccount"] == {"id": second["id"], "isDefault": True}
    assert defaults(admin) == [second["id"]]
    deleted = admin.gql("mutation($id: UUID!) { deleteIntegrationAccount(id: $id) { message id } }", {"id": second["id"]})
    assert deleted["data"]["deleteIntegrationAccount"]["id"] == second["id"]
    assert defaults(admin) == [first["id"]]
