"""The job queue's one-round-trip enqueue of a job with a new id (connectors/jobqueue.py
`enqueue_new`, used for every accepted webhook)."""

from __future__ import annotations

import uuid

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
