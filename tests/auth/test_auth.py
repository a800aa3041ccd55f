"""Auth over real HTTP: register, login (cookie, throttling), me, refresh, logout, and every
way a credential can be wrong."""

from __future__ import annotations

import time
import uuid
import warnings
from collections.abc import Iterator
from http.cookies import SimpleCookie

import httpx
import jwt
import pytest

from tests.conftest import TEST_JWT_SECRET
from tests.support.api import PASSWORD, Actor, add_agent, login, register, unique_email

COOKIE = "omnistream_session"
ME_FIELDS = {"id", "tenant_id", "name", "email", "role", "permissions", "status", "created_at"}


@pytest.fixture()
def fresh(server) -> Iterator[httpx.Client]:
    """A client with an empty cookie jar (the shared `client` holds the admin's cookie)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def boss(server) -> Iterator[Actor]:
    """One tenant shared by the tests that don't change it (argon2 makes each register cost)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


def cookie_client(base_url, token: str) -> httpx.Client:
    return httpx.Client(base_url=str(base_url), cookies={COOKIE: token}, timeout=30)


def session_cookie(response: httpx.Response) -> SimpleCookie:
    jar = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    assert COOKIE in jar, response.headers
    return jar


def without_request_id(body: dict) -> dict:
    return {**body, "error": {k: v for k, v in body["error"].items() if k != "request_id"}}


def claims_of(token: str) -> dict:
    return jwt.decode(token, TEST_JWT_SECRET, algorithms=["HS256"])


def assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


# ---------------------------------------------------------------- register


def test_register_creates_tenant_and_first_admin(fresh):
    email = unique_email("Founder").upper()
    response = fresh.post("/api/auth/register", json={
        "organization_name": "Initech Support", "name": "Peter", "email": email, "password": PASSWORD,
    })
    assert response.status_code == 201, response.text
    body = response.json()
    assert {"token", "agent", "tenant"} <= body.keys()
    tenant = body["tenant"]
    assert set(tenant) == {"id", "name", "slug"}
    uuid.UUID(tenant["id"])
    assert tenant["name"] == "Initech Support"
    assert tenant["slug"].startswith("initech-support")
    agent = body["agent"]
    assert agent["email"] == email.lower()  # emails are compared case-insensitively
    assert agent["role"] == "admin" and agent["tenant_id"] == tenant["id"]
    assert "password" not in agent and "password_hash" not in agent
    # the token works, and the same session rides in the cookie
    me = fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.json()["id"] == agent["id"]
    assert session_cookie(response)[COOKIE].value == body["token"]


def test_register_same_org_name_gets_distinct_slugs(fresh, boss):
    body = {"organization_name": boss.tenant["name"], "name": "Twin", "password": PASSWORD}
    response = fresh.post("/api/auth/register", json={**body, "email": unique_email("twin")})
    assert response.status_code == 201, response.text
    assert response.json()["tenant"]["slug"] != boss.tenant["slug"]


def test_register_duplicate_email_is_409_whatever_the_case(fresh, boss):
    response = fresh.post("/api/auth/register", json={
        "organization_name": "Copycat", "name": "Copy", "email": boss.agent["email"].upper(), "password": PASSWORD,
    })
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "CONFLICT"


@pytest.mark.parametrize(("payload", "field"), [
    ({"password": "short"}, "password"),
    ({"email": "not-an-email"}, "email"),
    ({"organization_name": ""}, "organization_name"),
    ({"name": None}, "name"),
    ({"unexpected": "field"}, "unexpected"),
])
def test_register_validation_is_422_with_field_details(fresh, payload, field):
    body = {"organization_name": "Valid Org", "name": "Val", "email": unique_email("val"), "password": PASSWORD}
    body.update(payload)
    response = fresh.post("/api/auth/register", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in error["details"]}, error


def test_a_refused_registration_writes_nothing(fresh):
    body = {"organization_name": "Half Done", "name": "Val", "email": unique_email("half"), "password": "short"}
    assert fresh.post("/api/auth/register", json=body).status_code == 422
    response = fresh.post("/api/auth/register", json={**body, "password": PASSWORD})
    assert response.status_code == 201, response.text
    assert response.json()["tenant"]["slug"] == "half-done" or response.json()["tenant"]["slug"].startswith("half-done")


def test_register_malformed_json_is_400(fresh):
    response = fresh.post("/api/auth/register", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "BAD_REQUEST"


# ---------------------------------------------------------------- login


def test_login_returns_token_agent_and_an_httponly_lax_cookie(fresh, boss):
    response = login(fresh, boss.agent["email"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"token", "agent"} <= body.keys()
    assert body["agent"]["id"] == boss.agent["id"]
    assert body["agent"]["tenant_id"] == boss.tenant["id"]
    assert "password_hash" not in body["agent"]
    morsel = session_cookie(response)[COOKIE]
    assert morsel.value == body["token"]
    assert morsel["httponly"] is True
    assert morsel["samesite"].lower() == "lax"
    assert morsel["path"] == "/"
    assert int(morsel["max-age"]) > 0
    # a new session, not the registration one
    assert claims_of(body["token"])["sid"] != claims_of(boss.token)["sid"]


def test_login_email_is_case_insensitive(fresh, boss):
    assert login(fresh, boss.agent["email"].upper()).status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_answer(fresh, boss):
    wrong = login(fresh, boss.agent["email"], "not-the-password")
    unknown = login(fresh, unique_email("ghost"), "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert without_request_id(wrong.json()) == without_request_id(unknown.json())
    assert wrong.json()["error"]["code"] == "UNAUTHENTICATED"
    assert COOKIE not in wrong.headers.get("set-cookie", "")


def test_login_validation_is_422(fresh):
    response = fresh.post("/api/auth/login", json={"email": "someone@example.com"})
    assert response.status_code == 422, response.text
    assert "password" in {d["field"] for d in response.json()["error"]["details"]}


def new_agent_email(boss: Actor) -> str:
    """A fresh agent of the shared tenant (its own email: a lockout must not hit others)."""
    email = unique_email("locked")
    response = boss.post("/api/agents", json={"name": "Lock", "email": email, "password": PASSWORD, "role": "agent"})
    assert response.status_code == 201, response.text
    return email


def test_repeated_failures_for_one_email_are_throttled(fresh, boss):
    email = new_agent_email(boss)
    for _ in range(5):
        assert login(fresh, email, "wrong-password-x").status_code == 401
    throttled = login(fresh, email, "wrong-password-x")
    assert throttled.status_code == 429, throttled.text
    retry_after = int(throttled.headers["Retry-After"])
    assert 0 < retry_after <= 900
    error = throttled.json()["error"]
    assert error["code"] == "RATE_LIMITED"
    assert error["retry_after"] == retry_after
    # the right password does not get through a lockout either...
    assert login(fresh, email, PASSWORD).status_code == 429
    # ...while the owner's other sessions and other emails are unaffected
    assert login(fresh, boss.agent["email"]).status_code == 200
    assert login(fresh, unique_email("other"), "wrong-password-x").status_code == 401


def test_a_successful_login_resets_the_failure_count(fresh, boss):
    email = new_agent_email(boss)
    for _ in range(4):
        assert login(fresh, email, "wrong-password-x").status_code == 401
    assert login(fresh, email).status_code == 200
    # without the reset, the 5th failure would have locked the account before this attempt
    for _ in range(2):
        assert login(fresh, email, "wrong-password-x").status_code == 401


# ---------------------------------------------------------------- me / refresh / logout


def test_me_describes_the_agent(boss):
    response = boss.get("/api/auth/me")
    assert response.status_code == 200, response.text
    me = response.json()
    assert ME_FIELDS <= me.keys()
    assert "password_hash" not in me
    assert me["id"] == boss.agent["id"]
    assert me["tenant_id"] == boss.tenant["id"]
    assert me["email"] == boss.agent["email"]
    assert me["name"] == "Ada Admin"
    assert me["role"] == "boss"
    assert me["status"] in ("online", "offline")
    catalogue = {p["key"] for p in boss.get("/api/permissions").json()}
    assert isinstance(me["permissions"], list) and set(me["permissions"]) == catalogue
    assert me["created_at"].endswith(("Z", "+00:00"))


def test_me_of_an_agent_lists_the_agent_permissions(boss):
    agent = add_agent(boss)
    me = agent.get("/api/auth/me").json()
    assert me["role"] == "agent"
    assert "agents.read" in me["permissions"] and "agents.manage" not in me["permissions"]


def test_me_without_credentials_is_401(fresh):
    assert_unauthenticated(fresh.get("/api/auth/me"))


def test_refresh_issues_a_new_working_token_for_the_same_session(fresh, boss):
    response = boss.get("/api/auth/refresh")
    assert response.status_code == 200, response.text
    token = response.json()["token"]
    assert token != boss.token
    old, new = claims_of(boss.token), claims_of(token)
    assert new["sid"] == old["sid"] and new["jti"] != old["jti"] and new["sub"] == old["sub"]
    assert new["exp"] >= old["exp"]
    assert session_cookie(response)[COOKIE].value == token
    me = fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["id"] == boss.agent["id"]


def test_logout_revokes_the_session_and_clears_the_cookie(fresh, boss):
    logged = login(fresh, boss.agent["email"])
    token = logged.json()["token"]
    refreshed = fresh.get("/api/auth/refresh", headers={"Authorization": f"Bearer {token}"}).json()["token"]
    assert fresh.cookies.get(COOKIE) == refreshed

    out = fresh.post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"})
    assert out.status_code == 200, out.text
    assert out.json()["message"]
    cleared = session_cookie(out)[COOKIE]
    assert cleared.value in ("", '""') and (cleared["max-age"] == "0" or cleared["expires"])
    assert fresh.cookies.get(COOKIE) is None  # the client dropped it

    with httpx.Client(base_url=str(fresh.base_url)) as other:
        for stale in (token, refreshed):
            assert_unauthenticated(other.get("/api/auth/me", headers={"Authorization": f"Bearer {stale}"}))
            with cookie_client(fresh.base_url, stale) as by_cookie:
                assert_unauthenticated(by_cookie.get("/api/auth/me"))
        assert_unauthenticated(other.get("/api/auth/refresh", headers={"Authorization": f"Bearer {token}"}))
    # other sessions of the same agent go on
    assert boss.get("/api/auth/me").status_code == 200


def test_logout_without_credentials_is_401(fresh):
    assert_unauthenticated(fresh.post("/api/auth/logout"))


def test_the_cookie_alone_authenticates(fresh, boss):
    assert login(fresh, boss.agent["email"]).status_code == 200
    me = fresh.get("/api/auth/me")  # no Authorization header
    assert me.status_code == 200, me.text
    assert me.json()["id"] == boss.agent["id"]
    assert fresh.post("/api/auth/logout").status_code == 200
    assert_unauthenticated(fresh.get("/api/auth/me"))


def test_a_session_ended_elsewhere_does_not_block_logging_in_again(fresh, boss):
    """The browser still sends the cookie of a session revoked from another client: the
    ambient cookie must not stop its owner from logging in again."""
    token = login(fresh, boss.agent["email"]).json()["token"]
    with httpx.Client(base_url=str(fresh.base_url)) as other:
        assert other.post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert fresh.cookies.get(COOKIE) == token
    assert_unauthenticated(fresh.get("/api/auth/me"))
    again = login(fresh, boss.agent["email"])
    assert again.status_code == 200, again.text
    assert fresh.get("/api/auth/me").status_code == 200


# ---------------------------------------------------------------- bad credentials


def _forged(admin: Actor, **changes) -> dict:
    claims = claims_of(admin.token)
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _bad_tokens(admin: Actor) -> dict[str, str]:
    now = int(time.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)  # HS512 with the HS256 secret
        hs512 = jwt.encode(_forged(admin), TEST_JWT_SECRET, algorithm="HS512")
    return {
        "alg none": jwt.encode(_forged(admin), key=None, algorithm="none"),
        "other secret": jwt.encode(_forged(admin), "another-secret-" + "y" * 40, algorithm="HS256"),
        "other algorithm": hs512,
        "expired": jwt.encode(_forged(admin, iat=now - 7200, exp=now - 3600), TEST_JWT_SECRET, algorithm="HS256"),
        "garbage": "not-a-jwt",
        "truncated": admin.token[:-5],
        "wrong typ": jwt.encode(_forged(admin, typ="super_admin"), TEST_JWT_SECRET, algorithm="HS256"),
        "no exp": jwt.encode(_forged(admin, exp=None), TEST_JWT_SECRET, algorithm="HS256"),
        "no tid": jwt.encode(_forged(admin, tid=None), TEST_JWT_SECRET, algorithm="HS256"),
        "bad sub": jwt.encode(_forged(admin, sub="nobody"), TEST_JWT_SECRET, algorithm="HS256"),
        "unknown agent": jwt.encode(_forged(admin, sub=str(uuid.uuid4())), TEST_JWT_SECRET, algorithm="HS256"),
        "other tenant": jwt.encode(_forged(admin, tid=str(uuid.uuid4())), TEST_JWT_SECRET, algorithm="HS256"),
    }


def test_forged_expired_and_malformed_tokens_are_401(fresh, boss):
    for label, token in _bad_tokens(boss).items():
        response = fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (label, response.text)
        assert response.json()["error"]["code"] == "UNAUTHENTICATED", label
        with cookie_client(fresh.base_url, token) as by_cookie:
            response = by_cookie.get("/api/auth/me")
            assert response.status_code == 401, (label, response.text)
    # the genuine token still works (the forgeries were built from it)
    assert boss.get("/api/auth/me").status_code == 200


def test_a_well_signed_token_works(fresh, boss):
    """Guards the forgery test above: the same claims signed properly are accepted."""
    token = jwt.encode(_forged(boss, jti=uuid.uuid4().hex), TEST_JWT_SECRET, algorithm="HS256")
    assert fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("authorization", ["Basic x", "Basic dXNlcjpwYXNz", "Token abc", "Bearer not.a.jwt"])
def test_other_authorization_schemes_are_401(fresh, authorization):
    assert_unauthenticated(fresh.get("/api/auth/me", headers={"Authorization": authorization}))


def test_graphql_refuses_a_forged_token(fresh, boss):
    token = _bad_tokens(boss)["alg none"]
    response = fresh.post("/graphql", json={"query": "{ me { email } }"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    errors = response.json()["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"


# ---------------------------------------------------------------- GraphQL door


def test_graphql_login_me_and_logout(fresh, boss):
    query = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token agent { email role } } }"
    response = fresh.post("/graphql", json={"query": query, "variables": {"e": boss.agent["email"], "p": PASSWORD}})
    data = response.json()
    assert "errors" not in data, data
    token = data["data"]["login"]["token"]
    assert data["data"]["login"]["agent"] == {"email": boss.agent["email"], "role": "boss"}
    actor = Actor(fresh, token, boss.agent, boss.tenant)
    assert actor.gql("{ me { id email permissions } }")["data"]["me"]["id"] == boss.agent["id"]
    assert "errors" not in actor.gql("mutation { logout { message } }")
    assert actor.get("/api/auth/me").status_code == 401

    wrong = fresh.post("/graphql", json={"query": query, "variables": {"e": boss.agent["email"], "p": "wrong-pass-1"}})
    assert wrong.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_graphql_me_without_credentials_is_unauthenticated(fresh):
    errors = fresh.post("/graphql", json={"query": "{ me { id } }"}).json()["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
