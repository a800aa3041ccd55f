"""The job queue (connectors/jobqueue.py): the one-round-trip enqueue of a job with a new id
(`enqueue_new`), and batched jobs (`enqueue_batched`, one job per batch of accepted webhooks):
a batch is enqueued when full, when its window ends, and when the queue closes (shutdown)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from tests.support.inbox_rest import encode, messages_body, new_inbox, post_raw, status_item, stored_webhook


def test_arq_stores_a_new_job_in_one_go_and_refuses_a_used_id(server):
    """On a queue no worker reads, so what was stored can be looked at."""
    if not server.settings.redis_url:
        pytest.skip("Redis leg only (set REDIS_URL): the embedded queue runs jobs in-process")
    from arq.jobs import Job

    from connectors.jobqueue import ArqJobQueue

    queue = ArqJobQueue(server.settings.redis_url, f"omnistream:test:idle:{uuid.uuid4().hex[:8]}")
    job_id = f"webhook:{uuid.uuid4()}"

    async def check() -> tuple[bool, bool, int, object]:
        try:
            first = await queue.enqueue_new("process_webhook", "abc", job_id=job_id)
            again = await queue.enqueue_new("process_webhook", "other", job_id=job_id)
            queued = await queue._pool.zcard(queue._queue_name)
            info = await Job(job_id, queue._pool, _queue_name=queue._queue_name).info()
            await queue._pool.delete(queue._queue_name)
            return first, again, queued, info
        finally:
            await queue.close()

    first, again, queued, info = server.run(check())
    assert (first, again, queued) == (True, False, 1)
    assert info.function == "process_webhook" and info.args == ("abc",)  # the first one, not overwritten


def test_an_accepted_webhook_is_processed_through_its_new_job(server):
    inbox = new_inbox(server, org="Job queue")
    try:
        raw = encode(messages_body(inbox.phone_number_id, statuses=[status_item("wamid.none", "sent")]))
        assert post_raw(inbox.admin.client, raw).status_code == 200
        server.drain()
        stored = stored_webhook(server, raw)
        assert stored is not None and stored.processed_at is not None
    finally:
        inbox.close()


def in_process_queue(seen: list[tuple[str | None, list[str]]]) -> Any:
    from connectors.jobqueue import InProcessJobQueue

    async def collect(job_ctx: dict[str, Any], items: list[str]) -> None:
        await asyncio.sleep(0.01)  # still running when close() starts: close must let it finish
        seen.append((job_ctx["job_id"], items))

    return InProcessJobQueue({"collect": collect})


def test_a_batch_is_one_job_enqueued_when_full_or_when_its_window_ends(server):
    seen: list[tuple[str | None, list[str]]] = []

    async def scenario() -> dict[str, Any]:
        queue = in_process_queue(seen)
        for item in ("a", "b", "c"):
            queue.enqueue_batched("collect", item, window=0.5, max_items=2)  # [a, b] is full at once
        await asyncio.sleep(0.1)
        early = list(seen)
        stats = await queue.stats()  # [c] is still collecting: a job not yet in the queue
        await asyncio.sleep(0.7)
        later = list(seen)  # the window has ended (no drain, no close)
        await queue.close()
        return {"early": early, "queued": stats["queued"], "later": later}

    result = server.run(scenario())
    assert result == {"early": [("collect:a", ["a", "b"])], "queued": 1,
                      "later": [("collect:a", ["a", "b"]), ("collect:c", ["c"])]}


def test_draining_the_in_process_queue_includes_the_batch_still_collecting(server):
    seen: list[tuple[str | None, list[str]]] = []

    async def scenario() -> None:
        queue = in_process_queue(seen)
        queue.enqueue_batched("collect", "x", window=60, max_items=50)
        await queue.drain(timeout=5)
        await queue.close()

    server.run(scenario())
    assert seen == [("collect:x", ["x"])]


def test_closing_the_in_process_queue_runs_the_batch_still_collecting(server):
    seen: list[tuple[str | None, list[str]]] = []

    async def scenario() -> None:
        queue = in_process_queue(seen)
        for item in ("a", "b", "c"):
            queue.enqueue_batched("collect", item, window=60, max_items=50)
        await queue.close()  # Runtime.stop closes the queue on shutdown

    server.run(scenario())
    assert seen == [("collect:a", ["a", "b", "c"])]


def test_closing_the_arq_queue_enqueues_the_batch_still_collecting(server):
    if not server.settings.redis_url:
        pytest.skip("Redis leg only (set REDIS_URL)")
    from arq.constants import job_key_prefix
    from arq.jobs import Job

    from connectors.jobqueue import ArqJobQueue

    name = f"omnistream:test:idle:{uuid.uuid4().hex[:8]}"
    ids = [str(uuid.uuid4()) for _ in range(3)]

    async def check() -> tuple[int, object]:
        queue = ArqJobQueue(server.settings.redis_url, name)
        for webhook_id in ids:
            queue.enqueue_batched("process_webhooks", webhook_id, window=60, max_items=50)
        await queue.close()  # Runtime.stop closes the queue on shutdown
        probe = ArqJobQueue(server.settings.redis_url, name)
        await probe.start()
        try:
            queued = await probe._pool.zcard(name)
            info = await Job(f"process_webhooks:{ids[0]}", probe._pool, _queue_name=name).info()
            await probe._pool.delete(name, f"{job_key_prefix}process_webhooks:{ids[0]}")
            return queued, info
        finally:
            await probe.close()

    queued, info = server.run(check())
    assert queued == 1
    assert info.function == "process_webhooks" and info.args == (ids,)
