"""The permission matrix, generated from the `access` column of endpoints.tsv for every served
row: a built-in role below the row's access level gets 403 FORBIDDEN, the level itself does not,
no credentials get 401 UNAUTHENTICATED, and public rows need none. Path parameters are random
UUIDs and bodies are {} (permission is checked before lookups and before validation), except for
SELF_SERVICE rows, where the permission depends on whose id it is (isolation_targets.py)."""

from __future__ import annotations

import httpx
import pytest

from rest_compat.table import documented_rows
from tests.contract.isolation_targets import SELF_SERVICE, example_body
from tests.contract.support import SERVED, error_of, fill, fresh_session, json_body, params_of, random_params, route_id
from tests.support.api import Actor

RANK = {"agent": 0, "supervisor": 1, "admin": 2}
# Credentials of the tenant's own principals (super-admins log in separately).
CREDENTIALED = {*RANK, "super_admin"}
PUBLIC = "public"
# Authenticated by something the caller holds that is not an OmniStream credential; those rows
# check it themselves (their domain tests cover it), so the matrix has nothing generic to say.
OWN_AUTH = {
    "meta_signature": "Meta's X-Hub-Signature-256 over the raw body",
    "meta_verify_token": "Meta's hub.verify_token handshake",
    "email_secret": "the inbound-email provider's shared secret",
    "survey_token": "the CSAT survey's secret token in the path",
}

ROWS = [(r.method, r.path, r.access) for r in documented_rows() if (r.method, r.path) in SERVED]


def _forbidden_cases() -> list[tuple[str, str, str]]:
    cases = []
    for method, path, access in ROWS:
        if (method, path) in SELF_SERVICE:
            continue
        if access in RANK:
            cases += [(method, path, role) for role in RANK if RANK[role] < RANK[access]]
        elif access == "super_admin":
            cases += [(method, path, role) for role in RANK]
    return cases


def _allowed_cases() -> list[tuple[str, str, str]]:
    return [(m, p, a) for m, p, a in ROWS if a in RANK and (m, p) not in SELF_SERVICE]


def _case_id(case: tuple[str, str, str]) -> str:
    return f"{case[0]} {case[1]} as {case[2]}"


def _call(actor: Actor, method: str, path: str, body: dict | None = None) -> httpx.Response:
    ep = SERVED[(method, path)]
    return fresh_session(actor).request(method, fill(path, random_params(path)), **json_body(ep, body or {}))


def test_every_access_kind_is_classified() -> None:
    kinds = {r.access for r in documented_rows()}
    unknown = kinds - CREDENTIALED - {PUBLIC} - set(OWN_AUTH)
    assert not unknown, f"endpoints.tsv uses access kinds the matrix does not know: {unknown}"


def test_the_callers_hold_the_built_in_roles(team: dict[str, Actor]) -> None:
    for role, actor in team.items():
        me = fresh_session(actor).get("/api/auth/me")
        assert me.status_code == 200 and me.json()["role"] == role, me.text


@pytest.mark.parametrize("case", _forbidden_cases(), ids=_case_id)
def test_below_access_level_is_forbidden(case: tuple[str, str, str], team: dict[str, Actor]) -> None:
    method, path, role = case
    response = _call(team[role], method, path)
    assert response.status_code == 403, f"{role} on {method} {path} ({response.status_code}): {response.text}"
    assert error_of(response)["code"] == "FORBIDDEN"


@pytest.mark.parametrize("case", _allowed_cases(), ids=_case_id)
def test_access_level_itself_is_not_forbidden(case: tuple[str, str, str], team: dict[str, Actor]) -> None:
    # The counterpart of the test above: the documented level passes the permission check, so
    # the column and the built-in roles agree in both directions.
    method, path, role = case
    response = _call(team[role], method, path)
    assert response.status_code not in (401, 403, 405, 500), f"{role} on {method} {path}: {response.text}"


@pytest.mark.parametrize("key", sorted(SELF_SERVICE), ids=route_id)
def test_self_service_rows_need_the_role_for_someone_else(key: tuple[str, str], team: dict[str, Actor]) -> None:
    method, path = key
    if key not in SERVED:
        pytest.skip(f"{route_id(key)} is not served yet")
    (param,) = params_of(path)
    needed = RANK[SELF_SERVICE[key]]
    other = team["admin"]  # never the caller below: the admin outranks every role tested
    for role, actor in team.items():
        if role == "admin":
            continue
        on_other = fresh_session(actor).request(method, fill(path, {param: other.agent["id"]}), json=example_body(*key))
        if RANK[role] < needed:
            assert on_other.status_code == 403, f"{role} acted on another agent: {on_other.text}"
            assert error_of(on_other)["code"] == "FORBIDDEN"
        else:
            assert on_other.status_code < 400, f"{role} may act on another agent: {on_other.text}"
        on_self = fresh_session(actor).request(method, fill(path, {param: actor.agent["id"]}), json=example_body(*key))
        assert on_self.status_code < 400, f"{role} may act on themself: {on_self.text}"


@pytest.mark.parametrize("row", [r for r in ROWS if r[2] in CREDENTIALED], ids=lambda r: f"{r[0]} {r[1]}")
def test_no_credentials_is_unauthenticated(row: tuple[str, str, str], http: httpx.Client) -> None:
    method, path, _ = row
    ep = SERVED[(method, path)]
    response = http.request(method, fill(path, random_params(path)), **json_body(ep, {}))
    assert response.status_code == 401, f"{method} {path} without credentials: {response.status_code} {response.text}"
    assert error_of(response)["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize("row", [r for r in ROWS if r[2] == PUBLIC], ids=lambda r: f"{r[0]} {r[1]}")
def test_public_rows_need_no_credentials(row: tuple[str, str, str], http: httpx.Client) -> None:
    method, path, _ = row
    response = http.request(method, fill(path, random_params(path)), **json_body(SERVED[(method, path)], {}))
    assert response.status_code not in (401, 403), f"public {method} {path}: {response.text}"
    assert response.status_code < 500, response.text


def test_public_flag_of_the_route_table_matches_the_access_column() -> None:
    # A route the table marks public skips the door's 401; only public (or self-authenticating) rows may.
    wrong = [route_id((m, p)) for m, p, a in ROWS if SERVED[(m, p)].public != (a == PUBLIC or a in OWN_AUTH)]
    assert not wrong, f"Endpoint.public disagrees with endpoints.tsv's access column: {wrong}"
