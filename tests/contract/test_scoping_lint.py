"""The scoping lint: only resolvers/_scope.py starts a query on a tenant-owned model (a subclass
of models._base.TenantOwned); everything else goes through scoped/get_scoped/new_scoped/unscoped,
so the tenant always comes from the context and every cross-tenant read is greppable."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import models
from models._base import TenantOwned

ROOT = Path(__file__).resolve().parents[2]
# Application code (connectors/ too: adapters never query tenant rows); not tests, not migrations.
PACKAGES = ("omnistream", "rest_compat", "schema", "jobs", "resolvers", "connectors")
ALLOWED = {"resolvers/_scope.py"}
# Every Tortoise Model classmethod that starts a query or writes rows, plus the private door.
QUERY_STARTERS = frozenset({
    "filter", "get", "get_or_none", "all", "create", "bulk_create", "bulk_update", "get_or_create",
    "update_or_create", "exclude", "first", "last", "earliest", "latest", "exists", "count",
    "select_for_update", "annotate", "raw", "in_bulk", "fetch_for_list", "_db_queryset",
})


def tenant_owned_models() -> frozenset[str]:
    """Every concrete TenantOwned subclass defined in any module of the models package."""
    names = set()
    for info in pkgutil.iter_modules(models.__path__):
        module = importlib.import_module(f"models.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, TenantOwned) and obj is not TenantOwned and not obj._meta.abstract:
                names.add(name)
    return frozenset(names)


def violations(source: str, filename: str, owned: frozenset[str]) -> list[str]:
    tree = ast.parse(source, filename)
    # `from models.x import Agent as A` makes `A` a tenant-owned model too.
    aliases = {name: name for name in owned}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "models":
            for alias in node.names:
                if alias.name in owned:
                    aliases[alias.asname or alias.name] = alias.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or node.attr not in QUERY_STARTERS:
            continue
        base = node.value
        model = None
        if isinstance(base, ast.Name):
            model = aliases.get(base.id)
        elif isinstance(base, ast.Attribute) and base.attr in owned:  # models.Agent, models.agents.Agent
            model = base.attr
        if model is not None:
            found.append(f"{filename}:{node.lineno}: {model}.{node.attr} (use resolvers._scope)")
    return found


def application_files() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_tenant_owned_models_are_discovered() -> None:
    owned = tenant_owned_models()
    assert {"Agent", "Role", "ApiKey"} <= owned, owned
    assert "Tenant" not in owned


def test_only_the_scope_module_queries_tenant_owned_models() -> None:
    owned = tenant_owned_models()
    files = application_files()
    assert any(p.relative_to(ROOT).as_posix() == "resolvers/agents.py" for p in files)
    found = []
    for path in files:
        relative = path.relative_to(ROOT).as_posix()
        if relative not in ALLOWED:
            found += violations(path.read_text(), relative, owned)
    assert not found, "queries on tenant-owned models outside resolvers/_scope.py:\n" + "\n".join(found)


BAD = '''
import models
import models.agents
from models.agents import Agent
from models.roles import Role as R

async def leak(ctx, tenant_id):
    await Agent.filter(tenant_id=tenant_id)
    await R.get(id=1)
    await models.ApiKey.all().count()
    await models.agents.Agent.create(name="x")
    query = Agent.get_or_none
    return await Agent.raw("SELECT 1")
'''

GOOD = '''
from models.agents import Agent
from models.tenants import Tenant
from resolvers._scope import get_scoped, scoped, unscoped

async def fine(ctx, agent_id):
    agent = await get_scoped(ctx, Agent, agent_id)
    await agent.save()
    await scoped(ctx, Agent).filter(name="x").count()
    await unscoped(Agent).filter(email="a@b.c").exists()
    await Tenant.filter(slug="acme").exists()
    Agent.Meta
    return Agent
'''


def test_the_lint_catches_violations() -> None:
    owned = frozenset({"Agent", "Role", "ApiKey"})
    found = sorted(violations(BAD, "bad.py", owned), key=lambda line: int(line.split(":")[1]))
    assert [line.split(": ")[1].split(" ")[0] for line in found] == [
        "Agent.filter", "Role.get", "ApiKey.all", "Agent.create", "Agent.get_or_none", "Agent.raw",
    ], found
    assert violations(GOOD, "good.py", owned) == []
