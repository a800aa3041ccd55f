"""Tortoise configuration and schema management. PostgreSQL: aerich migrations (migrations/)
own the schema. Embedded SQLite: the file is created from the models."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url

from omnistream.settings import Settings

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


# Message search on the embedded default: an FTS5 index kept in step by triggers. (PostgreSQL
# gets an expression GIN index from migrations/; models cannot express either.)
SQLITE_MESSAGE_SEARCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(text, content='messages', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER IF NOT EXISTS messages_fts_update AFTER UPDATE OF text ON messages BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO messages_fts(rowid, text) VALUES (new.rowid, new.text);
END;
"""


async def _keep_session(connection: Any) -> None:
    """asyncpg's pool otherwise sends `RESET ALL; UNLISTEN *; CLOSE ALL; pg_advisory_unlock_all()`
    on every release - one round trip per statement outside a transaction. OmniStream keeps no
    session state (no SET, LISTEN, cursors or session advisory locks), and asyncpg still rolls
    back a transaction left open, so the round trip buys nothing."""


def tortoise_config(database_url: str) -> dict[str, Any]:
    connection: str | dict[str, Any] = database_url
    if database_url.startswith("sqlite://"):
        path = database_url[len("sqlite://") :].split("?")[0]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    else:
        connection = expand_db_url(database_url)
        connection["credentials"]["reset"] = _keep_session  # passed through to asyncpg.create_pool
        # An API's queries are short: starting parallel workers cost a rare-word search more (3-4
        # ms) than the whole query, and they compete with the requests beside it for the cores.
        connection["credentials"]["server_settings"] = {"max_parallel_workers_per_gather": "0"}
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": ["models", "aerich.models"], "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def init_db(settings: Settings) -> None:
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)


async def migrate(settings: Settings) -> list[str]:
    """Bring the schema up to date; returns what was applied. Tortoise must be initialised."""
    if settings.uses_sqlite:
        await Tortoise.generate_schemas(safe=True)
        await Tortoise.get_connection("default").execute_script(SQLITE_MESSAGE_SEARCH)
        return ["sqlite: schema created from models"]
    from aerich import Command

    command = Command(tortoise_config=tortoise_config(settings.database_url), app="models", location=str(MIGRATIONS_DIR))
    await command.init()
    applied = await command.upgrade(run_in_transaction=True)
    if applied:
        log.info("applied migrations: %s", ", ".join(applied))
    return applied


async def close_db() -> None:
    await Tortoise.close_connections()
