"""The route table is the documented contract: every row of endpoints.tsv is either served or
PENDING (never both, never neither), nothing undocumented is served, and the HTTP behaviour
agrees: pending rows answer the documented 404, served rows reach their handler."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import httpx
import pytest
from starlette.routing import Match

from rest_compat.http import ROUTE_KEY, RestRoutes, build_routes
from rest_compat.table import ENDPOINTS, ENDPOINTS_TSV, PENDING, PENDING_TSV, documented_rows
from tests.contract.support import (
    BODY_METHODS,
    ROUTER_404_MESSAGE,
    SERVED,
    error_of,
    fill,
    fresh_session,
    json_body,
    random_params,
    route_id,
)
from tests.support.api import Actor

HEADER = ["section", "method", "path", "summary", "access"]
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
DOCUMENTED = [(r.method, r.path) for r in documented_rows()]


def _duplicates(items: list) -> list:
    return sorted(k for k, n in Counter(items).items() if n > 1)


def test_documented_rows_are_well_formed() -> None:
    with ENDPOINTS_TSV.open(newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        assert next(reader) == HEADER
        rows = list(reader)
    assert rows, "endpoints.tsv has no rows"
    bad = [row for row in rows if len(row) != len(HEADER) or not all(cell.strip() for cell in row)]
    assert not bad, f"rows without all five columns: {bad}"
    assert not [r for r in DOCUMENTED if r[0] not in METHODS or not r[1].startswith("/api/")]
    assert not _duplicates(DOCUMENTED), f"documented twice: {_duplicates(DOCUMENTED)}"


def test_served_and_pending_partition_the_documented_rows() -> None:
    served = [ep.key for ep in ENDPOINTS]
    with PENDING_TSV.open(newline="") as fh:
        pending = [(row["method"], row["path"]) for row in csv.DictReader(fh, delimiter="\t")]
    assert not _duplicates(served), f"served twice: {_duplicates(served)}"
    assert not _duplicates(pending), f"listed twice in pending.tsv: {_duplicates(pending)}"
    assert set(pending) == PENDING
    documented = set(DOCUMENTED)
    assert not set(served) & PENDING, f"served AND pending (remove from pending.tsv): {sorted(set(served) & PENDING)}"
    assert not set(served) - documented, f"served but undocumented: {sorted(set(served) - documented)}"
    assert not PENDING - documented, f"pending but not documented: {sorted(PENDING - documented)}"
    missing = documented - set(served) - PENDING
    assert not missing, f"documented, neither served nor pending: {sorted(missing)}"
    assert len(served) + len(PENDING) == len(DOCUMENTED)


def test_endpoints_tsv_is_the_shared_contract(shared_dir: Path) -> None:
    shared = shared_dir / "api" / "endpoints.tsv"
    assert shared.is_file(), f"{shared} is missing"
    assert ENDPOINTS_TSV.read_bytes() == shared.read_bytes(), (
        f"{ENDPOINTS_TSV} differs from {shared}: copy the shared file, don't edit the project's copy"
    )


@pytest.mark.parametrize("key", sorted(PENDING), ids=route_id)
def test_pending_row_answers_documented_404(key: tuple[str, str], tenant_a: Actor) -> None:
    method, path = key
    kwargs = {"json": {}} if method in BODY_METHODS else {}
    response = tenant_a.request(method, fill(path, random_params(path)), **kwargs)
    assert response.status_code == 404, f"{method} {path} is pending but answered {response.status_code}: {response.text}"
    error = error_of(response)
    assert error["code"] == "NOT_FOUND"
    assert error["message"] == ROUTER_404_MESSAGE


@pytest.mark.parametrize("key", sorted(SERVED), ids=route_id)
def test_served_row_reaches_its_handler(key: tuple[str, str], tenant_a: Actor) -> None:
    ep = SERVED[key]
    response = fresh_session(tenant_a).request(ep.method, fill(ep.path, random_params(ep.path)), **json_body(ep, {}))
    assert response.status_code < 500, response.text
    assert response.status_code != 405, f"{route_id(key)} is served but the router refuses the method"
    if response.status_code == 404:
        assert error_of(response)["message"] != ROUTER_404_MESSAGE, f"{route_id(key)} is served but the router has no route"


ROUTES = RestRoutes(build_routes())


def _first_route(method: str, path: str) -> str | None:
    """The template of the route the app dispatches to (first full match, else first partial)."""
    match, child_scope = ROUTES.matches({"type": "http", "method": method, "path": path, "root_path": ""})
    return None if match is Match.NONE else child_scope[ROUTE_KEY].path


@pytest.mark.parametrize("key", sorted(set(DOCUMENTED)), ids=route_id)
def test_no_route_captures_another_rows_path(key: tuple[str, str]) -> None:
    # "/api/automation/events/{id}" must not swallow GET "/api/automation/events/export".
    method, path = key
    routed = _first_route(method, fill(path, random_params(path)))
    if key in SERVED:
        assert routed == path, f"{route_id(key)} is dispatched to the route of {routed}"
    else:
        assert routed in (None, path), f"pending {route_id(key)} is captured by the route of {routed}"


def test_unknown_path_answers_documented_404(http: httpx.Client, tenant_a: Actor) -> None:
    for path in ("/api/no-such-thing", "/api/agents/extra/segments/here", "/nowhere"):
        for actor_headers in ({}, tenant_a.headers):
            response = http.get(path, headers=actor_headers)
            assert response.status_code == 404, response.text
            error = error_of(response)
            assert error["code"] == "NOT_FOUND"
            assert error["message"] == ROUTER_404_MESSAGE


def _wrong_methods() -> list[tuple[str, str]]:
    """One undocumented method per served path (a documented one might be pending: 404)."""
    cases = []
    for path in sorted({p for _, p in SERVED}):
        documented = {m for m, p in DOCUMENTED if p == path}
        cases.append((next(m for m in ("PUT", "DELETE", "PATCH", "POST", "GET") if m not in documented), path))
    return cases


@pytest.mark.parametrize("key", _wrong_methods(), ids=route_id)
def test_wrong_method_on_served_path_answers_documented_405(key: tuple[str, str], tenant_a: Actor) -> None:
    method, path = key
    response = tenant_a.request(method, fill(path, random_params(path)), json={})
    assert response.status_code == 405, response.text
    assert error_of(response)["code"] == "METHOD_NOT_ALLOWED"
    allowed = {m.strip() for m in response.headers.get("allow", "").split(",")}
    assert {m for m, p in SERVED if p == path} <= allowed, response.headers
    assert method not in allowed
