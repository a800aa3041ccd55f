"""Accepted webhooks are stored and processed in batches, over real HTTP on both legs: the ids
accepted within a short window become one `process_webhooks` job, applied in accept order; a
re-delivery inside the window stays a duplicate; a batch that never reached the queue is picked
up by the inbound sweep once it is older than its grace period; and webhooks arriving together
are inserted by one statement, each request answered for its own row."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import httpx
import pytest
from tortoise.exceptions import IntegrityError

from connectors.hub import services
from jobs import inbound as inbound_jobs
from models.contacts import Contact
from models.messages import Message
from models.webhooks import InboundWebhook
from resolvers import _inbound, webhooks
from resolvers._scope import scoped
from tests.support.inbox import new_wa_id, new_wamid
from tests.support.inbox_rest import (
    Inbox,
    db,
    encode,
    inbox_fixture,
    messages_body,
    post_raw,
    stored_webhook,
    text_item,
    wait_processed,
)

inbox = inbox_fixture("Batching")


def accept(inbox: Inbox, raw: bytes, expected: str = "received") -> None:
    response = post_raw(inbox.admin.client, raw)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": expected}


@pytest.fixture()
def batches(server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, tuple[Any, ...], str]]]:
    """The batch jobs the accept path enqueues (name, args, job id), with the queue's real
    enqueue behind them, while a batch collects for a whole second (long enough for a test to
    post several webhooks into it)."""
    server.drain()  # earlier tests' batches are out of the way
    jobs = services.jobs
    enqueue_new = jobs.enqueue_new
    recorded: list[tuple[str, tuple[Any, ...], str]] = []

    async def recording(name: str, *args: Any, job_id: str) -> bool:
        if name == _inbound.PROCESS_BATCH_JOB:
            recorded.append((name, args, job_id))
        return await enqueue_new(name, *args, job_id=job_id)

    monkeypatch.setattr(jobs, "enqueue_new", recording)
    monkeypatch.setattr(_inbound, "BATCH_WINDOW", 1.0)
    yield recorded


def test_webhooks_accepted_in_one_window_are_one_job_applied_in_order(server, inbox, batches):
    wa_id, wamids = new_wa_id(), [new_wamid() for _ in range(4)]
    now = int(time.time())
    raws = [encode(messages_body(inbox.phone_number_id, [text_item(wa_id, f"part {i}", wamid=wamid, timestamp=now)],
                                 names={wa_id: f"Name {i}"})) for i, wamid in enumerate(wamids)]
    for raw in raws:
        accept(inbox, raw)  # answered before the batch is enqueued

    rows = [wait_processed(server, raw) for raw in raws]
    ids = [str(row.id) for row in rows]
    assert batches == [("process_webhooks", (ids,), f"process_webhooks:{ids[0]}")]
    assert all(row.error is None and row.attempts == 1 for row in rows)
    # In order: the first webhook made the contact (a later profile name does not replace it),
    # and the messages were stored one after the other.
    [contact] = db(server, scoped(inbox.ctx(), Contact).filter(external_id=wa_id))
    assert contact.name == "Name 0"
    stored = db(server, scoped(inbox.ctx(), Message).filter(provider_message_id__in=wamids).order_by("updated_at"))
    assert [m.text for m in stored] == ["part 0", "part 1", "part 2", "part 3"]


def test_a_redelivery_within_the_window_is_a_duplicate_and_a_repeated_message_applies_once(server, inbox, batches):
    wa_id, wamid = new_wa_id(), new_wamid()
    first = encode(messages_body(inbox.phone_number_id, [text_item(wa_id, "only once", wamid=wamid)]))
    # The same message in another envelope (other bytes, so stored on its own): Meta re-sends so.
    resent = encode(messages_body(inbox.phone_number_id, [text_item(wa_id, "only once", wamid=wamid)],
                                  entry_id="102290129340399"))
    accept(inbox, first)
    accept(inbox, first, expected="duplicate")  # byte-identical, still inside the window
    accept(inbox, resent)

    rows = [wait_processed(server, raw) for raw in (first, resent)]
    assert batches == [("process_webhooks", ([str(r.id) for r in rows],), f"process_webhooks:{rows[0].id}")]
    assert all(row.error is None for row in rows)
    assert db(server, InboundWebhook.filter(body=first.decode()).count()) == 1
    assert db(server, scoped(inbox.ctx(), Message).filter(provider_message_id=wamid).count()) == 1


def test_a_batch_that_never_reached_the_queue_is_processed_by_the_sweep(server, inbox, monkeypatch):
    server.drain()
    jobs = services.jobs
    enqueue_new = jobs.enqueue_new

    async def unreachable(name: str, *args: Any, job_id: str) -> bool:
        if name == _inbound.PROCESS_BATCH_JOB:
            raise ConnectionError("the job queue is unreachable")
        return await enqueue_new(name, *args, job_id=job_id)

    monkeypatch.setattr(jobs, "enqueue_new", unreachable)
    wamid = new_wamid()
    raw = encode(messages_body(inbox.phone_number_id, [text_item(new_wa_id(), "lost and found", wamid=wamid)]))
    accept(inbox, raw)  # stored, so acknowledged: the batch's loss is the sweep's to repair
    server.drain()
    row = stored_webhook(server, raw)
    assert row is not None and row.processed_at is None
    monkeypatch.undo()  # the queue is back

    # A row younger than the grace is left to its batch; an older one is swept.
    assert str(row.id) not in server.run(webhooks.unprocessed_webhook_ids())
    aged = row.received_at - timedelta(seconds=webhooks.SWEEP_GRACE_SECONDS + 1)
    assert db(server, InboundWebhook.filter(id=row.id).update(received_at=aged)) == 1
    assert str(row.id) in server.run(webhooks.unprocessed_webhook_ids())
    server.run(inbound_jobs.sweep_webhooks({}))
    server.drain()

    processed = wait_processed(server, raw)
    assert processed.error is None and processed.attempts == 1
    assert db(server, scoped(inbox.ctx(), Message).filter(provider_message_id=wamid).count()) == 1


def test_a_webhook_that_fails_keeps_its_error_and_the_rest_of_its_batch_is_applied(server, inbox):
    """Rows arranged directly: no request can store a body that fails to apply."""
    wamids = [new_wamid(), new_wamid()]
    good = [encode(messages_body(inbox.phone_number_id, [text_item(new_wa_id(), "fine", wamid=w)])).decode()
            for w in wamids]
    rows = [db(server, InboundWebhook.create(provider=provider, dedupe_key=f"test:{new_wamid()}", body=body))
            for provider, body in (("meta", good[0]), ("email", "{}"), ("meta", good[1]))]

    applied = server.run(inbound_jobs.process_webhooks({"job_try": 1}, [str(r.id) for r in rows]))
    assert applied == 2
    first, failed, last = (db(server, InboundWebhook.get(id=r.id)) for r in rows)
    assert first.processed_at is not None and last.processed_at is not None
    assert failed.processed_at is None and failed.attempts == 1 and failed.error == "KeyError: 'account_id'"
    assert db(server, scoped(inbox.ctx(), Message).filter(provider_message_id__in=wamids).count()) == 2
    # Run again (a retried job, or the sweep's): what was applied is skipped, the failure is tried again.
    assert server.run(inbound_jobs.process_webhooks({"job_try": 2}, [str(r.id) for r in rows])) == 0
    assert db(server, InboundWebhook.get(id=failed.id)).attempts == 2


def test_webhooks_arriving_together_are_stored_by_one_statement_and_answered_each(server, monkeypatch):
    """Group commit (resolvers/_inbound.py): one INSERT for the rows that arrive together; a
    re-delivery among them is a duplicate, and a row the database refuses fails only its own
    request (the statement is re-run row by row)."""
    statements: list[int] = []
    insert = _inbound._insert

    async def counting(rows: list[Any]) -> Any:
        statements.append(len(rows))
        return await insert(rows)

    monkeypatch.setattr(_inbound, "_insert", counting)
    keys = [f"test:{new_wamid()}" for _ in range(3)]

    async def arrive_together() -> list[Any]:
        return await asyncio.gather(
            _inbound.store_inbound(provider="meta", dedupe_key=keys[0], body="{}"),
            _inbound.store_inbound(provider="meta", dedupe_key=keys[1], body="{}"),
            _inbound.store_inbound(provider="meta", dedupe_key=keys[0], body="{}"),
            _inbound.store_inbound(provider=None, dedupe_key=keys[2], body="{}"),  # type: ignore[arg-type]
            return_exceptions=True)

    first, second, again, refused = server.run(arrive_together())
    assert (first, second, again) == ({"status": "received"}, {"status": "received"}, {"status": "duplicate"})
    assert isinstance(refused, IntegrityError)  # NOT NULL provider
    assert statements == [4, 1, 1, 1, 1]
    assert db(server, InboundWebhook.filter(dedupe_key__in=keys).count()) == 2
    server.drain()


def test_webhooks_posted_at_once_are_each_stored_once(server, inbox):
    raws = [encode(messages_body(inbox.phone_number_id, [text_item(new_wa_id(), f"at once {i}")])) for i in range(6)]
    raws.append(raws[0])  # a re-delivery racing the first delivery

    def post(raw: bytes) -> str:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            response = post_raw(client, raw)
            assert response.status_code == 200, response.text
            return response.json()["status"]

    with ThreadPoolExecutor(len(raws)) as pool:
        answers = list(pool.map(post, raws))
    assert sorted(answers) == ["duplicate"] + ["received"] * 6
    for raw in raws[:6]:
        row = wait_processed(server, raw)
        assert row.error is None
