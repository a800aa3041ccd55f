"""Store-once for inbound provider webhooks, shared by every channel's receiver: the raw
event is kept before it is processed, a re-delivery with the same key is a no-op, and the
stored row joins the processing batch collecting in this process.

No transaction and no look-up first: the INSERT is the whole write, and the unique
`dedupe_key` decides a re-delivery (even two arriving at the same moment; ON CONFLICT DO
NOTHING, and RETURNING tells which rows went in). The statement is written out rather than
built by `InboundWebhook.create`: building it through the ORM cost more CPU than the rest of
the accept together.

Group commit: the webhooks that arrive while an INSERT is in flight are stored together by the
next one (one statement, one commit, one pooled connection), so the rows per statement follow
the load and a quiet moment still costs one round trip. Every request is answered once its row
is committed.

Processing: the ids stored within BATCH_WINDOW (or BATCH_MAX of them) become one
`process_webhooks(ids)` job, applied in accept order - one queue round trip per batch instead of
per webhook. The 200 does not wait for the enqueue: if the process dies before it, or it fails,
the inbound sweep (jobs/inbound.py) processes the stored rows later."""

from __future__ import annotations

import asyncio
import contextvars
import logging
import uuid
from typing import Any

from tortoise import Tortoise, timezone

from connectors.hub import services

log = logging.getLogger(__name__)

PROCESS_JOB = "process_webhook"  # one stored webhook: the sweep, and jobs queued before batching
PROCESS_BATCH_JOB = "process_webhooks"  # the webhooks accepted together, in order
BATCH_WINDOW = 0.005  # seconds a batch collects after its first webhook
BATCH_MAX = 50
MAX_ROWS_PER_INSERT = 100

# The model's defaults are Python-side (uuid4 id, auto_now_add received_at, attempts 0), so the
# statement sets them all. PostgreSQL: one statement text for any number of rows (so it stays
# prepared). SQLite binds '?' by position (a VALUES row per webhook) and keeps UUIDs as CHAR(36).
_COLUMNS = '"id","provider","dedupe_key","body","received_at","attempts"'
_ON_CONFLICT = 'ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id"'  # RETURNING: SQLite >= 3.35
_INSERT_POSTGRES = (f'INSERT INTO "inbound_webhooks" ({_COLUMNS}) SELECT *, 0 FROM '
                    f"unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) {_ON_CONFLICT}")


def _insert_sqlite(rows: int) -> str:
    return f'INSERT INTO "inbound_webhooks" ({_COLUMNS}) VALUES {",".join(["(?,?,?,?,?,0)"] * rows)} {_ON_CONFLICT}'


async def store_inbound(*, provider: str, dedupe_key: str, body: str) -> dict[str, str]:
    """Returns the acknowledgement for the provider, once the row is committed (by the group
    insert: outside any transaction of the caller's)."""
    # timezone.localtime(): what Tortoise stores for auto_now_add (so SQLite's text sorts alike).
    row = (uuid.uuid4(), provider, dedupe_key, body, timezone.localtime())
    return {"status": "received" if await _inserts().store(row) else "duplicate"}


Row = tuple[uuid.UUID, str, str, str, Any]


class _GroupInsert:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.waiting: list[tuple[Row, asyncio.Future[bool]]] = []
        self.running = False
        self.task: asyncio.Task[None] | None = None  # referenced: the loop keeps only weak ones

    async def store(self, row: Row) -> bool:
        """True once the row is committed; False for a re-delivery (its key is stored already)."""
        stored = self.loop.create_future()
        self.waiting.append((row, stored))
        if not self.running:
            self.running = True
            # The writer serves every request: none's context variables (diagnostics) go with it.
            self.task = self.loop.create_task(self._write(), name="inbound-inserts", context=contextvars.Context())
        return await stored

    async def _write(self) -> None:
        batch: list[tuple[Row, asyncio.Future[bool]]] = []
        try:
            while self.waiting:
                batch, self.waiting = self.waiting[:MAX_ROWS_PER_INSERT], self.waiting[MAX_ROWS_PER_INSERT:]
                try:
                    await _store(batch)
                except Exception as exc:
                    if len(batch) == 1:
                        _answer(batch[0][1], exc)
                        continue
                    for entry in batch:  # one row's fault must not fail the others' requests
                        try:
                            await _store([entry])
                        except Exception as exc:
                            _answer(entry[1], exc)
        except BaseException:  # cancelled (shutdown): nobody may wait forever
            for _, stored in batch + self.waiting:
                _answer(stored, RuntimeError("the inbound writer stopped"))
            self.waiting = []
            raise
        finally:
            self.running = False


async def _store(batch: list[tuple[Row, asyncio.Future[bool]]]) -> None:
    inserted = await _insert([row for row, _ in batch])
    for row, stored in batch:
        if row[0] in inserted:
            _process_later(row[0])
        _answer(stored, row[0] in inserted)


def _answer(stored: asyncio.Future[bool], result: bool | Exception) -> None:
    if stored.done():  # its request was cancelled
        return
    if isinstance(result, Exception):
        stored.set_exception(result)
    else:
        stored.set_result(result)


def _process_later(webhook_id: uuid.UUID) -> None:
    # Here rather than in the request: a request cancelled meanwhile (its client gone) must not
    # leave its stored row out of the batch.
    try:
        services.jobs.enqueue_batched(PROCESS_BATCH_JOB, str(webhook_id), window=BATCH_WINDOW, max_items=BATCH_MAX)
    except Exception:  # no job queue (shutting down): the row is stored, the sweep will have it
        log.exception("webhook %s not batched; the inbound sweep will process it", webhook_id)


async def _insert(rows: list[Row]) -> set[uuid.UUID]:
    """Insert the rows; returns the ids of those that went in (not re-deliveries)."""
    conn = Tortoise.get_connection("default")
    if conn.capabilities.dialect == "postgres":
        columns = [list(column) for column in zip(*rows, strict=True)]
        return {r["id"] for r in await conn.execute_query_dict(_INSERT_POSTGRES, columns)}
    values = [value for webhook_id, *rest in rows for value in (str(webhook_id), *rest)]
    return {uuid.UUID(r["id"]) for r in await conn.execute_query_dict(_insert_sqlite(len(rows)), values)}


_group: _GroupInsert | None = None


def _inserts() -> _GroupInsert:
    """This event loop's group insert (a test process may run more than one loop)."""
    global _group
    loop = asyncio.get_running_loop()
    if _group is None or _group.loop is not loop:
        _group = _GroupInsert(loop)
    return _group
