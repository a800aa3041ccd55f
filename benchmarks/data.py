"""The benchmark database: recreated each run, migrated by the app itself, then filled with
asyncpg COPY (secondary indexes dropped during the load and rebuilt after, FK triggers off for
the loading session only; the data is consistent by construction)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from benchmarks.texts import RARE_PER_TENANT, SEARCH_RARE, TextMaker

BENCH_DB = os.environ.get("BENCH_DB_NAME") or "omnistream_bench"  # another name lets two runs coexist
LONG_MESSAGES = 55  # long conversations: the ones the 20-row list benchmarks read
SHORT_MESSAGES = 5
TABLES = ("contacts", "conversations", "messages")


@dataclass
class TenantData:
    label: str
    tenant_id: uuid.UUID
    agent_id: uuid.UUID
    token: str
    conversations: int = 0
    messages: int = 0
    long_conversation_ids: list[uuid.UUID] = field(default_factory=list)


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def asyncpg_dsn(url: str) -> str:
    """asyncpg takes postgresql:// or postgres://, without Tortoise's pool options."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


async def recreate_database(admin_url: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    finally:
        await conn.close()


def split_counts(conversations: int, messages: int) -> tuple[int, int]:
    """(long, short) conversation counts so that long*55 + short*5 == messages exactly."""
    # long*LONG + (conversations-long)*SHORT = messages
    long = (messages - conversations * SHORT_MESSAGES) // (LONG_MESSAGES - SHORT_MESSAGES)
    return long, conversations - long


async def _constraints_and_indexes(conn: asyncpg.Connection, table: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    constraints = await conn.fetch(
        "SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint "
        "WHERE conrelid = $1::regclass AND contype = 'u'", table)
    indexes = await conn.fetch(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = $1 AND i.schemaname = 'public' "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", table)
    return ([(r["conname"], r["def"]) for r in constraints], [(r["indexname"], r["indexdef"]) for r in indexes])


async def load(db_url: str, tenants: list[tuple[TenantData, int, int]], *, seed: int = 7) -> dict[str, float]:
    """Fill each (tenant, conversations, messages); returns timings in seconds."""
    timings: dict[str, float] = {}
    dsn = asyncpg_dsn(db_url)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SET synchronous_commit = off")
        try:
            await conn.execute("SET session_replication_role = replica")  # no FK triggers while loading
        except asyncpg.PostgresError:
            pass
        dropped: list[tuple[str, str, str]] = []  # (table, kind, definition)
        for table in TABLES:
            constraints, indexes = await _constraints_and_indexes(conn, table)
            for name, definition in constraints:
                await conn.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
                dropped.append((table, "constraint", f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
            for name, definition in indexes:
                await conn.execute(f'DROP INDEX "{name}"')
                dropped.append((table, "index", definition))
        t0 = time.perf_counter()
        for n, (tenant, conversations, messages) in enumerate(tenants):
            await _load_tenant(conn, tenant, conversations, messages, seed + n)
        timings["copy"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        await _rebuild(dsn, [d[2] for d in dropped])
        timings["indexes"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for table in TABLES:
            await conn.execute(f'VACUUM ANALYZE "{table}"')
        timings["vacuum_analyze"] = time.perf_counter() - t0
    finally:
        await conn.close()
    return timings


async def _rebuild(dsn: str, statements: list[str]) -> None:
    """Two sessions in parallel (the GIN index is the long one, so it goes first)."""
    statements = sorted(statements, key=lambda s: "gin" not in s.lower())
    queue: asyncio.Queue[str] = asyncio.Queue()
    for s in statements:
        queue.put_nowait(s)

    async def worker() -> None:
        conn = await asyncpg.connect(dsn)
        try:
            await conn.execute("SET maintenance_work_mem = '512MB'")
            while not queue.empty():
                await conn.execute(queue.get_nowait())
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(min(2, os.cpu_count() or 1))))


CONTACT_COLS = ["created_at", "updated_at", "id", "channel", "external_id", "name", "phone", "email", "avatar_url",
                "custom_attributes", "last_inbound_at", "tenant_id"]
CONV_COLS = ["created_at", "updated_at", "id", "channel", "status", "tags", "unread_count", "last_message_at",
             "last_inbound_at", "last_message_preview", "resolved_at", "assigned_agent_id", "contact_id",
             "integration_account_id", "tenant_id"]
MSG_COLS = ["created_at", "updated_at", "id", "direction", "type", "text", "content", "status", "provider_message_id",
            "error", "context_message_id", "sent_at", "delivered_at", "read_at", "failed_at", "claimed_at",
            "conversation_id", "sender_agent_id", "tenant_id"]
STATUSES = ["open"] * 5 + ["pending"] * 2 + ["resolved"] * 3
TAGS = [[], [], [], ["vip"], ["billing"], ["delivery"], ["returns", "vip"]]
CHUNK = 50_000


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


async def _load_tenant(conn: asyncpg.Connection, tenant: TenantData, conversations: int, messages: int,
                       seed: int) -> None:
    rng = random.Random(seed)
    texts = TextMaker(seed)
    long, short = split_counts(conversations, messages)
    now = datetime.now(UTC)
    contacts: list[tuple] = []
    convs: list[tuple] = []
    plan: list[tuple[uuid.UUID, int, datetime]] = []  # (conversation id, message count, last message at)
    for i in range(conversations):
        n_msgs = LONG_MESSAGES if i < long else SHORT_MESSAGES
        contact_id, conv_id = _uuid(rng), _uuid(rng)
        last = now - timedelta(seconds=rng.randrange(60, 90 * 86400))
        created = last - timedelta(minutes=n_msgs * 7)
        wa_id = f"3519{seed:02d}{i:07d}"
        contacts.append((created, last, contact_id, "whatsapp", wa_id, texts.name(), "+" + wa_id, None, None, "{}",
                         last, tenant.tenant_id))
        status = rng.choice(STATUSES)
        preview = texts.message(True)[:200]
        convs.append((created, last, conv_id, "whatsapp", status, json.dumps(rng.choice(TAGS)),
                       rng.randrange(0, 4) if status != "resolved" else 0, last, last, preview,
                       last if status == "resolved" else None,
                       tenant.agent_id if rng.random() < 0.3 else None, contact_id, None, tenant.tenant_id))
        plan.append((conv_id, n_msgs, last))
        if i < long:
            tenant.long_conversation_ids.append(conv_id)
    await conn.copy_records_to_table("contacts", records=contacts, columns=CONTACT_COLS)
    await conn.copy_records_to_table("conversations", records=convs, columns=CONV_COLS)
    tenant.conversations = conversations

    rare_at = set(rng.sample(range(messages), RARE_PER_TENANT))
    batch: list[tuple] = []
    k = 0
    for conv_id, n_msgs, last in plan:
        for j in range(n_msgs):
            at = last - timedelta(minutes=7 * (n_msgs - 1 - j), seconds=rng.randrange(0, 300))
            inbound = j % 2 == 0
            text = texts.message(inbound)
            if k in rare_at:
                text = f"My order reference is {SEARCH_RARE}, please check it"
            if inbound:
                batch.append((at, at, _uuid(rng), "inbound", "text", text, json.dumps({"body": text}), "read",
                              f"wamid.{tenant.tenant_id.hex[:8]}{k:09d}", None, None, None, None, None, None, None,
                              conv_id, None, tenant.tenant_id))
            else:
                batch.append((at, at, _uuid(rng), "outbound", "text", text, "{}", "read",
                              f"wamid.out{tenant.tenant_id.hex[:8]}{k:09d}", None, None, at, at, at, None, None,
                              conv_id, tenant.agent_id, tenant.tenant_id))
            k += 1
            if len(batch) >= CHUNK:
                await conn.copy_records_to_table("messages", records=batch, columns=MSG_COLS)
                batch = []
    if batch:
        await conn.copy_records_to_table("messages", records=batch, columns=MSG_COLS)
    tenant.messages = k
