"""Accepted webhooks are processed in batches, over real HTTP on both job backends: the ids
accepted within a short window become one `process_webhooks` job, applied in accept order; a
re-delivery inside the window stays a duplicate; and a batch that never reached the queue is
picked up by the inbound sweep once it is older than its grace period."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

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
