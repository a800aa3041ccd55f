"""Where the CPU of one request goes, in-process, on the database the last benchmark run left.

    python -m benchmarks.breakdown [--n 200] [--case rest_messages ...]

Builds the app with that run's settings (kept in the bench database's `bench_settings` table, so
its tokens and sealed secrets still work), drives it through httpx's ASGI transport, measures
CPU per request (time.process_time, no profiler), then profiles the same requests with cProfile
on a CPU clock and prints the share of named functions (file:function, inclusive, so nested
rows overlap) and the top functions by own time. Absolute figures include the profiler's
overhead; the shares are what to read."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import hmac
import os
import pstats
import secrets
import sys
import tempfile
import time
from collections.abc import Callable

import asyncpg
import orjson

from benchmarks import data

# (label, file suffix, function name); a label starting with spaces is nested in the one above.
GROUPS: list[tuple[str, str, str]] = [
    ("app (ASGI entry, RequestIdMiddleware)", "omnistream/app.py", "__call__"),
    ("  REST handler", "rest_compat/http.py", "handler"),
    ("  GraphQL view (strawberry run)", "strawberry/http/async_base_view.py", "run"),
    ("    get_context (auth)", "schema/http.py", "get_context"),
    ("    validate (graphql-core)", "graphql/validation/validate.py", "validate"),
    ("    execute fields (graphql-core)", "graphql/execution/executor.py", "execute_fields"),
    ("  authenticate_headers", "resolvers/auth.py", "authenticate_headers"),
    ("    decode_token (JWT)", "resolvers/auth.py", "decode_token"),
    ("  list_messages", "resolvers/messages.py", "list_messages"),
    ("  list_conversations", "resolvers/conversations.py", "list_conversations"),
    ("    get_visible_conversation", "resolvers/conversations.py", "get_visible_conversation"),
    ("    paginate (count + page)", "resolvers/_pagination.py", "paginate"),
    ("  receive_meta_webhook", "resolvers/webhooks.py", "receive_meta_webhook"),
    ("    _app_secret_for (account lookup + unseal)", "resolvers/webhooks.py", "_app_secret_for"),
    ("      account_for_inbound (query)", "resolvers/integrations.py", "account_for_inbound"),
    ("      unseal (Fernet decrypt + JSON)", "resolvers/_secrets.py", "unseal"),
    ("    verify_signature", "connectors/meta.py", "verify_signature"),
    ("    in_transaction (BEGIN/COMMIT)", "tortoise/transactions.py", "__aenter__"),
    ("    job enqueue (arq)", "connectors/jobqueue.py", "enqueue"),
    ("  process_webhook (job body)", "resolvers/webhooks.py", "process_webhook"),
    ("    receive_inbound", "resolvers/messages.py", "receive_inbound"),
    ("      bump_for_message (3 UPDATEs)", "resolvers/conversations.py", "bump_for_message"),
    ("    _write_outbox (one INSERT per event)", "resolvers/_run.py", "_write_outbox"),
    ("    after_commit (publish + enqueue dispatch)", "resolvers/_run.py", "after_commit"),
    ("  dispatch_events (per commit)", "resolvers/events.py", "dispatch_events"),
    ("  presenters", "rest_compat/presenters/", "present"),
    ("  JSON response render", "rest_compat/http.py", "render"),
    ("Tortoise SQL building (pypika)", "pypika_tortoise/queries.py", "get_parameterized_sql"),
    ("Tortoise rows -> models", "tortoise/models.py", "_init_from_db"),
    ("Tortoise execute_select", "tortoise/backends/base/executor.py", "execute_select"),
    ("asyncpg pool release (RESET round trip)", "asyncpg/pool.py", "release"),
]


DATA_DIR = tempfile.TemporaryDirectory(prefix="omnistream-breakdown-")  # removed at exit


def _settings_env(values: dict[str, str], admin_url: str, redis_url: str) -> dict[str, str]:
    db_url = data.with_database(admin_url, data.BENCH_DB).split("?")[0]
    return {
        "DATABASE_URL": f"{db_url}?maxsize=16", "REDIS_URL": redis_url, "WORKER_IN_PROCESS": "false",
        "JWT_SECRET": values["JWT_SECRET"], "ENCRYPTION_KEY": values["ENCRYPTION_KEY"],
        "META_APP_SECRET": values["META_APP_SECRET"], "META_GRAPH_URL": "http://127.0.0.1:9/graph",
        "DATA_DIR": DATA_DIR.name, "LOG_LEVEL": "WARNING",
    }


async def _bench_settings(admin_url: str) -> dict[str, str]:
    conn = await asyncpg.connect(data.asyncpg_dsn(data.with_database(admin_url, data.BENCH_DB)))
    try:
        return {r["key"]: r["value"] for r in await conn.fetch("SELECT key, value FROM bench_settings")}
    finally:
        await conn.close()


def _shares(stats: pstats.Stats, total: float) -> list[tuple[str, float]]:
    rows = []
    for label, suffix, func in GROUPS:
        ct = 0.0
        for (filename, _, name), (_, _, _, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
            if name == func and (suffix in filename if suffix.endswith("/") else filename.endswith(suffix)):
                ct += cum
        if ct:
            rows.append((label, ct / total))
    return rows


async def main(args: argparse.Namespace) -> None:
    from benchmarks.run import DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, redis_url_for_bench, webhook_payload

    admin_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    values = await _bench_settings(admin_url)
    os.environ.update(_settings_env(values, admin_url, redis_url_for_bench(os.environ.get("REDIS_URL")
                                                                           or DEFAULT_REDIS_URL)))
    import httpx

    from omnistream.app import create_app
    from omnistream.settings import load_settings

    auth = {"Authorization": f"Bearer {values['TOKEN_BIG']}"}
    conv = values["CONVERSATION_BIG"]
    gql = values.get("GRAPHQL_MESSAGES_QUERY")
    secret = values["META_APP_SECRET"].encode()
    run_id = secrets.token_hex(4)
    counter = iter(range(10**9))

    def webhook() -> tuple[dict[str, str], bytes]:
        i = next(counter)
        body = orjson.dumps(webhook_payload(f"3519{50000000 + i % 5000}", f"bd{run_id}{i}", "Where is my parcel?"))
        return {"Content-Type": "application/json",
                "X-Hub-Signature-256": "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()}, body

    cases: dict[str, tuple[str, str, Callable[[], tuple[dict[str, str], bytes | None]]]] = {
        "rest_messages": ("GET", f"/api/conversations/{conv}/messages", lambda: (auth, None)),
        "rest_conversations": ("GET", "/api/conversations", lambda: (auth, None)),
        "webhook": ("POST", "/api/webhooks/meta", webhook),
    }
    cases["process_webhook"] = ("JOB", "process_webhook + dispatch_events", webhook)
    if gql:
        body = orjson.dumps({"query": gql, "variables": {"c": conv}})
        cases["graphql_messages"] = ("POST", "/graphql", lambda: ({**auth, "Content-Type": "application/json"}, body))
    wanted = args.case or list(cases)

    app = create_app(load_settings())
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

            async def send(method: str, path: str, make: Callable[[], tuple[dict[str, str], bytes | None]]) -> int:
                headers, content = make()
                r = await client.request(method, path, headers=headers, content=content)
                return r.status_code

            stored: list[str] = []

            async def job(method: str, path: str, make: Callable[[], tuple[dict[str, str], bytes | None]]) -> int:
                """What the worker does for one stored webhook: apply it, then dispatch its events."""
                from models.events import OutboxEvent
                from resolvers import events, webhooks

                if not stored:
                    raise RuntimeError("no stored webhook left")
                webhook_id = stored.pop()
                await webhooks.process_webhook(webhook_id)
                pending = await OutboxEvent.filter(dispatched_at=None).values_list("id", flat=True)
                await events.dispatch_events([str(event_id) for event_id in pending])
                return 200

            async def store_webhooks(n: int) -> None:
                from models.webhooks import InboundWebhook

                for _ in range(n):
                    await send("POST", "/api/webhooks/meta", webhook)
                rows = await InboundWebhook.filter(processed_at=None).order_by("received_at").limit(n)
                stored[:] = [str(r.id) for r in rows]

            for name in wanted:
                method, path, make = cases[name]
                run = send
                if method == "JOB":
                    await store_webhooks(2 * args.n + 20)
                    run = job
                for _ in range(20):
                    status = await run(method, path, make)
                if status != 200:
                    print(f"{name}: HTTP {status}; skipped")
                    continue
                t0 = time.process_time()
                for _ in range(args.n):
                    await run(method, path, make)
                cpu = (time.process_time() - t0) / args.n * 1000
                prof = cProfile.Profile(time.process_time)
                prof.enable()
                for _ in range(args.n):
                    await run(method, path, make)
                prof.disable()
                stats = pstats.Stats(prof)
                total = stats.total_tt  # type: ignore[attr-defined]
                what = "job" if method == "JOB" else "request (client included)"
                print(f"\n=== {name}: {method} {path.split('?')[0]}  {cpu:.2f} ms CPU per {what}; {args.n} of them")
                print("share of profiled CPU (inclusive; nested rows are part of the row above them):")
                for label, share in _shares(stats, total):
                    print(f"  {share:6.1%}  {label}")
                print("top functions by own time:")
                top = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:args.top]  # type: ignore[attr-defined]
                for (filename, line, func), (_, _, tt, _, _) in top:
                    short = filename.split("site-packages/")[-1].replace(os.getcwd() + "/", "")
                    print(f"  {tt / total:6.1%}  {short}:{line} {func}")
                if args.cumulative:
                    print("top functions by inclusive time:")
                    top = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)[:args.cumulative]  # type: ignore[attr-defined]
                    for (filename, line, func), (_, _, _, ct, _) in top:
                        short = filename.split("site-packages/")[-1].replace(os.getcwd() + "/", "")
                        print(f"  {ct / total:6.1%}  {short}:{line} {func}")
                for name_re in args.callers or []:
                    print(f"callers of {name_re}:")
                    stats.print_callers(name_re)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.breakdown", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="requests per case (default 200)")
    parser.add_argument("--top", type=int, default=12, help="functions listed by own time (default 12)")
    parser.add_argument("--case", action="append", choices=["rest_messages", "rest_conversations", "graphql_messages",
                                                            "webhook", "process_webhook"])
    parser.add_argument("--cumulative", type=int, default=0, metavar="N",
                        help="also list the N functions with the most inclusive time")
    parser.add_argument("--callers", action="append", metavar="REGEX",
                        help="also print who calls the functions matching REGEX (pstats), to trace a hot spot")
    args = parser.parse_args()
    try:
        import uvloop
    except ImportError:
        asyncio.run(main(args))
    else:
        uvloop.run(main(args))
    sys.exit(0)
