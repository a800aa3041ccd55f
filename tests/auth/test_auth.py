"""Auth over real HTTP: register, login (cookie, throttling), me, refresh, logout, and every
way a credential can be wrong.

argon2 costs ~0.2 s a hash or check, so the tests share one tenant where they can, and make
sessions by signing tokens as the server does (`act_as`) where a login is not the point."""

from __future__ import annotations

import threading
import time
import uuid
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import httpx
import jwt
import pytest

from tests.conftest import TEST_JWT_SECRET
from tests.support.api import PASSWORD, Actor, login, register, unique_email

COOKIE = "omnistream_session"
ME_FIELDS = {"id", "tenant_id", "name", "email", "role", "permissions", "status", "created_at"}


@pytest.fixture()
def fresh(server) -> Iterator[httpx.Client]:
    """A client with an empty cookie jar (the shared `client` holds the admin's cookie)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


@pytest.fixture(scope="module")
def boss(server) -> Iterator[Actor]:
    """One tenant shared by the tests that don't change it."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield register(c)


def session_cookie(response: httpx.Response) -> SimpleCookie:
    jar = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    assert COOKIE in jar, response.headers
    return jar


def cookie_client(base_url, token: str) -> httpx.Client:
    """A browser holding a session cookie, stored as if the server had set it (same domain,
    so the server's own Set-Cookie can clear it)."""
    browser = httpx.Client(base_url=str(base_url), timeout=30)
    browser.cookies.set(COOKIE, token, domain=httpx.URL(str(base_url)).host, path="/")
    return browser


def without_request_id(body: dict) -> dict:
    return {**body, "error": {k: v for k, v in body["error"].items() if k != "request_id"}}


def claims_of(token: str) -> dict:
    return jwt.decode(token, TEST_JWT_SECRET, algorithms=["HS256"])


def sign(claims: dict, key: str = TEST_JWT_SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, key, algorithm=algorithm)


def session_claims(agent: dict) -> dict:
    now = int(time.time())
    return {"sub": agent["id"], "tid": agent["tenant_id"], "sid": uuid.uuid4().hex, "jti": uuid.uuid4().hex,
            "typ": "agent", "iat": now, "exp": now + 3600}


def new_agent(boss: Actor, role: str = "agent") -> dict:
    """A fresh agent of the shared tenant (its own email: a lockout must not hit others)."""
    body = {"name": "Otto", "email": unique_email(role), "password": PASSWORD, "role": role}
    response = boss.post("/api/agents", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def assert_unauthenticated(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "UNAUTHENTICATED"


# ---------------------------------------------------------------- register


def test_register_creates_tenant_and_first_admin(fresh, boss):
    email = unique_email("Founder").upper()
    body = {"organization_name": boss.tenant["name"], "name": "Peter", "email": email, "password": "short"}
    refused = fresh.post("/api/auth/register", json=body)
    assert refused.status_code == 422, refused.text

    response = fresh.post("/api/auth/register", json={**body, "password": PASSWORD})
    assert response.status_code == 201, response.text  # the refused attempt left nothing behind
    body = response.json()
    assert {"token", "agent", "tenant"} <= body.keys()
    tenant = body["tenant"]
    assert set(tenant) == {"id", "name", "slug"}
    uuid.UUID(tenant["id"])
    assert tenant["name"] == boss.tenant["name"]
    # same name, still a slug of its own
    assert tenant["slug"].startswith(boss.tenant["slug"]) and tenant["slug"] != boss.tenant["slug"]
    agent = body["agent"]
    assert agent["email"] == email.lower()  # emails are compared case-insensitively
    assert agent["role"] == "admin" and agent["tenant_id"] == tenant["id"] and agent["name"] == "Peter"
    assert "password" not in agent and "password_hash" not in agent
    # the token works, and the same session rides in the cookie
    me = fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200 and me.json()["id"] == agent["id"]
    assert session_cookie(response)[COOKIE].value == body["token"]


def test_register_duplicate_email_is_409_whatever_the_case(fresh, boss):
    response = fresh.post("/api/auth/register", json={
        "organization_name": "Copycat", "name": "Copy", "email": boss.agent["email"].upper(), "password": PASSWORD,
    })
    assert response.status_code == 409, response.text
    assert response.json()["error"]["code"] == "CONFLICT"


def race(server, path: str, bodies: list[dict]) -> list[httpx.Response]:
    """One POST per body, released together (clients connected beforehand)."""
    clients = [httpx.Client(base_url=server.url, timeout=30) for _ in bodies]
    for c in clients:
        c.get("/api/health")
    start = threading.Barrier(len(bodies))

    def attempt(i: int) -> httpx.Response:
        start.wait()
        return clients[i].post(path, json=bodies[i])

    try:
        with ThreadPoolExecutor(len(bodies)) as pool:
            return list(pool.map(attempt, range(len(bodies))))
    finally:
        for c in clients:
            c.close()


def test_concurrent_registrations_with_one_email_make_one_account(server):
    """The email check and the insert are apart: the loser of a race must get 409, not 500."""
    body = {"organization_name": "Race", "name": "Racer", "email": unique_email("race"), "password": PASSWORD}
    assert sorted(r.status_code for r in race(server, "/api/auth/register", [body, body])) == [201, 409]


def test_concurrent_registrations_with_one_organization_name_both_succeed(server):
    name = f"Twins {uuid.uuid4().hex[:6]}"
    bodies = [{"organization_name": name, "name": "Twin", "email": unique_email("twin"), "password": PASSWORD}
              for _ in range(2)]
    responses = race(server, "/api/auth/register", bodies)
    assert [r.status_code for r in responses] == [201, 201], [r.text for r in responses]
    slugs = {r.json()["tenant"]["slug"] for r in responses}
    assert len(slugs) == 2 and all(slug.startswith("twins-") for slug in slugs)


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


def test_register_malformed_json_is_400(fresh):
    response = fresh.post("/api/auth/register", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "BAD_REQUEST"


# ---------------------------------------------------------------- login


def test_login_returns_token_agent_and_an_httponly_lax_cookie(fresh, boss):
    response = login(fresh, boss.agent["email"].upper())  # emails are case-insensitive
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


def test_repeated_failures_for_one_email_are_throttled(fresh, boss):
    email = new_agent(boss)["email"]
    assert login(fresh, email, "wrong-password-x").status_code == 401
    session = login(fresh, email)
    assert session.status_code == 200  # a success forgets the earlier failure...
    for _ in range(5):  # ...or the 5th of these would already have been refused
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
    # ...while existing sessions and other emails are unaffected
    token = session.json()["token"]
    assert fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert login(fresh, unique_email("other"), "wrong-password-x").status_code == 401


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
    assert me["role"] == "admin"
    assert me["status"] in ("online", "offline")
    catalogue = {p["key"] for p in boss.get("/api/permissions").json()}
    assert isinstance(me["permissions"], list) and set(me["permissions"]) == catalogue
    assert me["created_at"].endswith(("Z", "+00:00"))


def test_me_of_an_agent_lists_the_agent_permissions(fresh, boss):
    agent = new_agent(boss)
    token = sign(session_claims(agent))
    me = fresh.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "agent" and me["id"] == agent["id"]
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
    assert_unauthenticated(fresh.get("/api/auth/refresh"))


def test_logout_revokes_the_session_and_clears_the_cookie(fresh, boss):
    token = login(fresh, boss.agent["email"]).json()["token"]
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
            assert_unauthenticated(other.get("/api/auth/refresh", headers={"Authorization": f"Bearer {stale}"}))
            with cookie_client(fresh.base_url, stale) as by_cookie:
                assert by_cookie.get("/api/auth/me").status_code == 401
    # other sessions of the same agent go on
    assert boss.get("/api/auth/me").status_code == 200


def test_logout_without_credentials_is_401(fresh):
    assert_unauthenticated(fresh.post("/api/auth/logout"))


def test_the_cookie_alone_authenticates(fresh, boss):
    with cookie_client(fresh.base_url, sign(session_claims(boss.agent))) as browser:
        me = browser.get("/api/auth/me")  # no Authorization header
        assert me.status_code == 200, me.text
        assert me.json()["id"] == boss.agent["id"]
        assert browser.post("/api/auth/logout").status_code == 200
        assert browser.cookies.get(COOKIE) is None
        assert_unauthenticated(browser.get("/api/auth/me"))


def test_a_session_ended_elsewhere_does_not_block_logging_in_again(fresh, boss):
    """The browser still sends the cookie of a session revoked from another client: the
    ambient cookie must not stop its owner from logging in again."""
    token = sign(session_claims(boss.agent))
    with cookie_client(fresh.base_url, token) as browser:
        assert fresh.post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert browser.cookies.get(COOKIE) == token
        assert_unauthenticated(browser.get("/api/auth/me"))
        again = login(browser, boss.agent["email"])
        assert again.status_code == 200, again.text
        assert browser.get("/api/auth/me").status_code == 200
        # an explicit credential is another matter: a revoked bearer token is refused outright
        assert_unauthenticated(browser.post("/api/auth/login", headers={"Authorization": f"Bearer {token}"},
                                            json={"email": boss.agent["email"], "password": PASSWORD}))


# ---------------------------------------------------------------- bad credentials


def _bad_tokens(boss: Actor) -> dict[str, str]:
    now = int(time.time())
    real = claims_of(boss.token)

    def forged(**changes) -> dict:
        return {**real, **changes}

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jwt.warnings.InsecureKeyLengthWarning)  # HS512 with the HS256 secret
        hs512 = sign(forged(), algorithm="HS512")
    return {
        "alg none": jwt.encode(forged(), key=None, algorithm="none"),
        "other secret": sign(forged(), key="another-secret-" + "y" * 40),
        "other algorithm": hs512,
        "expired": sign(forged(iat=now - 7200, exp=now - 3600)),
        "garbage": "not-a-jwt",
        "truncated": boss.token[:-5],
        "wrong typ": sign(forged(typ="super_admin")),
        "no exp": sign(forged(exp=None)),
        "no tid": sign(forged(tid=None)),
        "bad sub": sign(forged(sub="nobody")),
        "unknown agent": sign(forged(sub=str(uuid.uuid4()))),
        "other tenant": sign(forged(tid=str(uuid.uuid4()))),
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
    token = sign({**claims_of(boss.token), "jti": uuid.uuid4().hex})
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
    assert data["data"]["login"]["agent"] == {"email": boss.agent["email"], "role": "admin"}
    actor = Actor(fresh, token, boss.agent, boss.tenant)
    assert actor.gql("{ me { id email permissions } }")["data"]["me"]["id"] == boss.agent["id"]
    assert "errors" not in actor.gql("mutation { logout { message } }")
    assert actor.get("/api/auth/me").status_code == 401

    wrong = fresh.post("/graphql", json={"query": query, "variables": {"e": boss.agent["email"], "p": "wrong-pass-1"}})
    assert wrong.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_graphql_me_without_credentials_is_unauthenticated(fresh):
    errors = fresh.post("/graphql", json={"query": "{ me { id } }"}).json()["errors"]
    assert errors[0]["extensions"]["code"] == "UNAUTHENTICATED"
