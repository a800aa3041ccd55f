"""The tenant-isolation matrix, generated from the route table: every served route with a path
parameter, called by tenant A's admin with tenant B's object, answers 404 NOT_FOUND and leaves
B's object unchanged. The same request by B then succeeds, so the 404 proves isolation and not
a broken body or path. Objects and bodies come from tests/contract/isolation_targets.py."""

from __future__ import annotations

from typing import Any

import pytest

from rest_compat.table import ENDPOINTS, Endpoint, documented_rows
from tests.contract.isolation_targets import BODIES, EXEMPT, SELF_SERVICE, TARGETS, Target, example_body, read_resource
from tests.contract.support import (
    ROUTER_404_MESSAGE,
    SERVED,
    error_of,
    fill,
    fresh_session,
    json_body,
    params_of,
    resource_of,
    route_id,
)
from tests.support.api import Actor


def _exemption(ep: Endpoint) -> str | None:
    return EXEMPT.get(ep.key) or EXEMPT.get(resource_of(ep.path))


PARAMETERISED = [ep for ep in ENDPOINTS if params_of(ep.path) and _exemption(ep) is None]
DOCUMENTED = {(r.method, r.path) for r in documented_rows()}
RESOURCES = {resource_of(p) for _, p in DOCUMENTED if params_of(p)}


def _params(target: Target, actor_b: Actor, resource: str) -> dict[str, str]:
    made = target.make(actor_b)
    params = made if isinstance(made, dict) else {params_of(resource)[0]: str(made)}
    assert set(params) == set(params_of(resource)), f"the factory of {resource} returned {params}"
    return {k: str(v) for k, v in params.items()}


def _snapshot(target: Target, actor_b: Actor, resource: str, params: dict[str, str]) -> Any:
    return (target.read or read_resource)(actor_b, resource, params)


def test_every_served_parameterised_route_has_an_isolation_target() -> None:
    missing = sorted({resource_of(ep.path) for ep in PARAMETERISED} - set(TARGETS))
    assert not missing, (
        f"served routes under {missing} have no isolation target: add a factory to TARGETS in "
        "tests/contract/isolation_targets.py (or an EXEMPT entry with the reason)"
    )


def test_registry_names_only_documented_routes() -> None:
    assert not set(TARGETS) - RESOURCES, f"unknown resources in TARGETS: {sorted(set(TARGETS) - RESOURCES)}"
    assert not set(BODIES) - DOCUMENTED, f"unknown routes in BODIES: {sorted(set(BODIES) - DOCUMENTED)}"
    assert not set(SELF_SERVICE) - DOCUMENTED
    for key, reason in EXEMPT.items():
        assert key in (DOCUMENTED if isinstance(key, tuple) else RESOURCES), f"EXEMPT names an unknown route {key!r}"
        assert reason.strip(), f"EXEMPT[{key!r}] needs a reason"
    assert not set(TARGETS) & {k for k in EXEMPT if isinstance(k, str)}, "a resource is both a target and exempt"


def test_every_served_body_route_has_a_valid_example_body() -> None:
    # {} would be refused with 422 before any lookup, and prove nothing about isolation.
    missing = sorted(route_id(k) for k, ep in SERVED.items() if ep.body is not None and params_of(ep.path)
                     and _exemption(ep) is None and k not in BODIES)
    assert not missing, f"add example bodies to BODIES in tests/contract/isolation_targets.py: {missing}"


@pytest.mark.parametrize("ep", PARAMETERISED, ids=route_id)
def test_other_tenants_object_is_not_found(ep: Endpoint, tenant_a: Actor, tenant_b: Actor) -> None:
    resource = resource_of(ep.path)
    target = TARGETS.get(resource)
    assert target is not None, (
        f"{route_id(ep)} is served but {resource!r} has no isolation target: register one in "
        "tests/contract/isolation_targets.py"
    )
    params = _params(target, tenant_b, resource)
    path = fill(ep.path, params)
    before = _snapshot(target, tenant_b, resource, params)

    response = fresh_session(tenant_a).request(ep.method, path, **json_body(ep, example_body(*ep.key)))
    assert response.status_code == 404, f"tenant A reached tenant B's object: {response.status_code} {response.text}"
    error = error_of(response)
    assert error["code"] == "NOT_FOUND" and error["message"] != ROUTER_404_MESSAGE, error
    assert _snapshot(target, tenant_b, resource, params) == before, "tenant B's object changed"

    # Control: the very same request by the owner succeeds, so the 404 above came from isolation.
    control = fresh_session(tenant_b).request(ep.method, path, **json_body(ep, example_body(*ep.key)))
    assert control.status_code < 400, f"the owner's own request failed, the matrix proves nothing: {control.text}"
