"""Store-once for inbound provider webhooks, shared by every channel's receiver: the raw
event is kept before it is processed, a re-delivery with the same key is a no-op, and the
stored row joins the processing batch collecting in this process.

No transaction: the single INSERT is the whole write, and the unique `dedupe_key` decides a
re-delivery (even two arriving at the same moment; ON CONFLICT DO NOTHING) - no look-up first.
The INSERT is a prepared statement rather than `InboundWebhook.create`: building it through
the ORM cost more CPU than the rest of the accept together.

Processing: the ids accepted within BATCH_WINDOW (or BATCH_MAX of them) become one
`process_webhooks(ids)` job, applied in accept order - one queue round trip per batch instead of
per webhook. The 200 is answered once the row is stored, before the batch is enqueued: if the
process dies in between, or the enqueue fails, the inbound sweep (jobs/inbound.py) processes the
stored rows later."""

from __future__ import annotations

import uuid

from tortoise import Tortoise, timezone

from connectors.hub import services

PROCESS_JOB = "process_webhook"  # one stored webhook: the sweep, and jobs queued before batching
PROCESS_BATCH_JOB = "process_webhooks"  # the webhooks accepted together, in order
BATCH_WINDOW = 0.005  # seconds a batch collects after its first webhook
BATCH_MAX = 50

# The model's defaults are Python-side (uuid4 id, auto_now_add received_at, attempts 0), so the
# statement sets them all. SQLite binds '?' and stores the UUID as CHAR(36).
_COLUMNS = '"id","provider","dedupe_key","body","received_at","attempts"'
_INSERT = {
    "postgres": f'INSERT INTO "inbound_webhooks" ({_COLUMNS}) VALUES ($1,$2,$3,$4,$5,0) '
                'ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id"',
    "sqlite": f'INSERT INTO "inbound_webhooks" ({_COLUMNS}) VALUES (?,?,?,?,?,0) '
              'ON CONFLICT ("dedupe_key") DO NOTHING RETURNING "id"',  # RETURNING: SQLite >= 3.35
}


async def store_inbound(*, provider: str, dedupe_key: str, body: str) -> dict[str, str]:
    """Returns the acknowledgement for the provider."""
    conn = Tortoise.get_connection("default")
    webhook_id = uuid.uuid4()
    postgres = conn.capabilities.dialect == "postgres"
    # timezone.localtime(): what Tortoise stores for auto_now_add (so SQLite's text sorts alike).
    values = [webhook_id if postgres else str(webhook_id), provider, dedupe_key, body, timezone.localtime()]
    # RETURNING tells an insert from a re-delivery (no row). Not execute_query's count: on
    # PostgreSQL it reads the OID of "INSERT 0 1", always 0.
    if not await conn.execute_query_dict(_INSERT["postgres" if postgres else "sqlite"], values):
        return {"status": "duplicate"}
    services.jobs.enqueue_batched(PROCESS_BATCH_JOB, str(webhook_id), window=BATCH_WINDOW, max_items=BATCH_MAX)
    return {"status": "received"}
