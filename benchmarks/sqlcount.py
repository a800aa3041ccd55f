"""SQL statements per request, counted in-process: the app is built with the benchmark's
settings, driven through httpx's ASGI transport, and every statement Tortoise sends is caught
from its `tortoise.db_client` DEBUG log (one record per execute_*; asyncpg has no hook of its
own). One warm-up request first, then the counted one. The app's own X-SQL-Statements header
(SQL_STATEMENT_HEADER=true, where the app has it) is recorded beside the count as a cross-check.

    python -m benchmarks.sqlcount spec.json   ->  prints `BENCHJSON {...}`

spec: {"requests": [{"name", "method", "path", "attempts": [{"headers", "body"}, {"headers", "body"}]}],
       "env": {...}}: the first attempt warms up, the second is counted."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys


class _Catcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []
        self.on = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.on:
            return
        text = record.getMessage()
        if text.startswith(("Created connection pool", "Closed connection pool")):
            return
        self.statements.append(text)


async def main(spec: dict) -> dict:
    os.environ.update(spec["env"])
    import httpx

    from omnistream.app import create_app
    from omnistream.settings import load_settings

    catcher = _Catcher()
    db_log = logging.getLogger("tortoise.db_client")
    db_log.setLevel(logging.DEBUG)
    db_log.addHandler(catcher)
    db_log.propagate = False

    app = create_app(load_settings())
    results: dict = {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for req in spec["requests"]:
                counted = []
                for n, attempt in enumerate(req["attempts"]):
                    body = attempt.get("body")
                    catcher.statements = []
                    catcher.on = n == len(req["attempts"]) - 1
                    response = await client.request(req["method"], req["path"], headers=attempt.get("headers", {}),
                                                    content=body.encode() if body else None)
                    catcher.on = False
                    counted = list(catcher.statements)
                    status = response.status_code
                    header = response.headers.get("x-sql-statements")
                results[req["name"]] = {"status": status, "count": len(counted), "header": header,
                                        "statements": [s[:600] for s in counted]}
                if req.get("process_after"):
                    results.update(await _count_processing(catcher))
    return results


async def _count_processing(catcher: _Catcher) -> dict:
    """Statements of the job that applies the newest stored webhook, and of the event-dispatch
    jobs it causes (run here, in-process, as the worker would; the queued copies of these jobs
    later find the work done)."""
    from models.events import OutboxEvent
    from models.webhooks import InboundWebhook
    from resolvers import events, webhooks

    newest = await InboundWebhook.all().order_by("-received_at").first()
    before = set(await OutboxEvent.all().values_list("id", flat=True))
    catcher.statements, catcher.on = [], True
    await webhooks.process_webhook(str(newest.id))
    catcher.on = False
    processing = list(catcher.statements)
    new_events = [e for e in await OutboxEvent.all().values_list("id", flat=True) if e not in before]
    catcher.statements, catcher.on = [], True
    await events.dispatch_events([str(e) for e in new_events])  # as the worker does: one job per commit
    catcher.on = False
    dispatch = list(catcher.statements)
    return {
        "process_webhook_job": {"status": 0, "count": len(processing), "statements": [s[:300] for s in processing]},
        "dispatch_event_jobs": {"status": len(new_events), "count": len(dispatch),
                                "statements": [s[:300] for s in dispatch]},
    }


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        spec = json.load(fh)
    out = asyncio.run(main(spec))
    print("BENCHJSON " + json.dumps(out), flush=True)
