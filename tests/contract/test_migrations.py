"""aerich owns the PostgreSQL schema: the test server's database was built by applying
migrations/ to an empty database at start-up. Here: every migration file was applied, the models
need no further migration (`aerich migrate` finds no difference between the models and the last
migration's recorded state), and the tables really have the columns the models read and write.

The check runs on the server's own loop (server.run), where Tortoise is already initialised:
aerich's Migrate.init only calls Tortoise.init when Tortoise is NOT initialised, so the running
server keeps its connections. Migrate keeps its state on the class; it is saved and restored
around the check, and the migration folder is a temporary copy, so a failing check (which
writes a new migration file) never touches migrations/."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from omnistream.db import MIGRATIONS_DIR, tortoise_config
from tests.support.live import LiveServer

APP = "models"
_MIGRATE_STATE = (
    "upgrade_operators", "downgrade_operators", "_upgrade_fk_m2m_index_operators", "_downgrade_fk_m2m_index_operators",
    "_upgrade_m2m", "_downgrade_m2m", "_rename_fields", "_rename_models", "_last_version_content", "app",
    "migrate_location", "dialect", "ddl", "ddl_class", "_db_version",
)


@pytest.fixture()
def postgres(server: LiveServer) -> LiveServer:
    if server.settings.uses_sqlite:
        pytest.skip("PostgreSQL leg only: on SQLite the schema is created from the models, not by migrations "
                    "(set DATABASE_URL=postgres://... to run it)")
    return server


def _migration_files(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / APP).glob("*.py") if p.name.split("_")[0].isdigit())


def _forget_a_column(state: dict[str, Any]) -> None:
    """Pretend the last migration predates Agent's last data field (for the self-test)."""
    state["models.Agent"]["data_fields"].pop()


async def _check(database_url: str, location: Path, tamper: Callable[[dict[str, Any]], None] | None = None
                 ) -> tuple[str | None, list[str]]:
    from aerich import Command
    from aerich.migrate import Migrate

    saved = {name: getattr(Migrate, name) for name in _MIGRATE_STATE if hasattr(Migrate, name)}
    for name in ("upgrade_operators", "downgrade_operators", "_upgrade_fk_m2m_index_operators",
                 "_downgrade_fk_m2m_index_operators", "_upgrade_m2m", "_downgrade_m2m"):
        setattr(Migrate, name, [])
    Migrate._rename_fields, Migrate._rename_models = {}, {}
    try:
        command = Command(tortoise_config=tortoise_config(database_url), app=APP, location=str(location))
        await command.init()
        if tamper is not None:
            Migrate._last_version_content = copy.deepcopy(Migrate._last_version_content)
            tamper(Migrate._last_version_content)
        applied = await command.get_applied_migrations(APP)
        return await command.migrate("check", no_input=True), list(applied)
    finally:
        for name, value in saved.items():
            setattr(Migrate, name, value)


async def _missing_columns() -> dict[str, set[str]]:
    from tortoise import Tortoise

    conn = Tortoise.get_connection("default")
    missing = {}
    for model in Tortoise.apps[APP].values():
        table = model._meta.db_table
        rows = await conn.execute_query_dict(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
            [table],
        )
        have = {row["column_name"] for row in rows}
        want = set(model._meta.fields_db_projection.values())
        if want - have:
            missing[table] = want - have
    return missing


def test_models_need_no_further_migration(postgres: LiveServer, tmp_path: Path) -> None:
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    files = _migration_files(location)
    assert files, f"no migration in {MIGRATIONS_DIR / APP}"

    result, applied = postgres.run(_check(postgres.settings.database_url, location))

    assert sorted(applied) == files, f"start-up applied {applied}, migrations/ holds {files}"
    new = sorted(set(_migration_files(location)) - set(files))
    assert not result and not new, (
        f"the models differ from the last migration: run `aerich migrate` and commit {new or result} "
        "(the file aerich just generated in a temporary copy shows the difference)"
    )


def test_the_check_detects_a_model_change(postgres: LiveServer, tmp_path: Path) -> None:
    # Guards against the check going blind (an aerich upgrade changing what migrate returns).
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, location, ignore=shutil.ignore_patterns("__pycache__"))
    files = _migration_files(location)

    result, _ = postgres.run(_check(postgres.settings.database_url, location, tamper=_forget_a_column))

    assert result and result in set(_migration_files(location)) - set(files), result
    assert _migration_files(MIGRATIONS_DIR) == files, "the check wrote into migrations/"


def test_tables_have_every_model_column(postgres: LiveServer) -> None:
    missing: dict[str, Any] = postgres.run(_missing_columns())
    assert not missing, f"columns the models use but the migrated database lacks: {missing}"
