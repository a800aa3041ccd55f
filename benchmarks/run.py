"""`python -m benchmarks.run [--quick]`: OmniStream against its raw ceilings, in one run.

Needs PostgreSQL and Redis on localhost (DATABASE_URL / REDIS_URL, else the defaults below).
Method (notes/perf-anchors.md): every ceiling is re-measured in this run, with the same load
tool and parameters as the endpoint it is compared to, and only ratios are judged.

Phases: data (fresh `omnistream_bench`, migrated by the app, filled by COPY) -> servers (ours
and benchmarks/ceiling.py, 1 uvicorn worker each) -> SQL statements per request -> throughput
pairs -> latency at 1M vs 10k messages -> webhook accept rate, then processing until every
accepted webhook is a message -> subscription fan-out to 1,000 sockets -> the table."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg
import httpx
import orjson

from benchmarks import data, procs
from benchmarks.ceiling import CEILING_WEBHOOK_TABLE
from benchmarks.load import Loader, LoadResult, write_requests
from benchmarks.texts import SEARCH_COMMON, SEARCH_RARE, TextMaker

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
BENCH_REDIS_DB = int(os.environ.get("BENCH_REDIS_DB") or 15)  # jobs of this run stay out of everyone's default database
PHONE_NUMBER_ID = "109000000001"  # the webhook-throughput tenant's WhatsApp number
LIVE_PHONE_NUMBER_ID = "109000000002"  # the fan-out tenant's: leftovers of the throughput test never reach it
JOB_QUEUE = "omnistream:jobs"  # the app's default name (JOB_QUEUE_NAME), in BENCH_REDIS_DB
# Inbound processing floor, one worker: 10x the average of 1,000 agents at Chatwoot's fair-use
# ceiling (notes/perf-anchors.md, "capacity sanity check": about 190 messages/s).
PROCESS_RATE_FLOOR = 190
STALLED_AFTER = 20.0  # seconds without a new message: processing is stuck, stop waiting
POOL_SIZE = 16  # per server process, for both ours and the ceiling (perf-anchors B: 16 and 16)


@dataclass
class Plan:
    quick: bool
    conversations: int
    messages: int
    small_conversations: int
    small_messages: int
    seconds: float
    warmup: float
    latency_seconds: float
    connections: int = 64
    threads: int = 2
    webhook_bodies: int = 60_000  # more than a measured run accepts: each is stored once
    process_timeout: float = 300  # at most; processing also ends when it stops progressing
    subscribers: int = 1000
    fanout_rate: float = 2.0
    fanout_seconds: float = 10.0
    fanout_grace: float = 20.0  # after the last webhook, wait this long at most for deliveries
    lean_client: bool = False  # benchmarks/subclient.py's bare-protocol client (less CPU taken from the server)

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(quick, 10_000, 100_000, 1_000, 10_000, seconds=5, warmup=2, latency_seconds=2,
                       webhook_bodies=30_000, process_timeout=150, fanout_seconds=5, fanout_grace=6)
        return cls(quick, 100_000, 1_000_000, 1_000, 10_000, seconds=10, warmup=3, latency_seconds=5)


@dataclass
class Row:
    metric: str
    ours: str
    ceiling: str
    ratio: str
    target: str
    verdict: str


@dataclass
class Bench:
    plan: Plan
    workdir: Path
    admin_url: str
    db_url: str
    redis_url: str
    loader: Loader
    env: dict[str, str] = field(default_factory=dict)
    app_port: int = 0
    ceiling_port: int = 0
    app_proc: subprocess.Popen | None = None
    ceiling_proc: subprocess.Popen | None = None
    worker_proc: subprocess.Popen | None = None
    big: data.TenantData | None = None
    small: data.TenantData | None = None
    hooks: data.TenantData | None = None
    live: data.TenantData | None = None
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    gql_messages_query: str | None = None
    subscription_field: str | None = None
    max_load: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    # ------------------------------------------------------------------ helpers

    def log(self, text: str) -> None:
        if text.startswith("["):
            text = f"{time.perf_counter() - self.started:5.0f}s {text}"
        print(text, flush=True)

    def row(self, metric: str, ours: str, ceiling: str, ratio: str, target: str, ok: bool | None) -> None:
        verdict = "n/a" if ok is None else ("PASS" if ok else "FAIL")
        self.rows.append(Row(metric, ours, ceiling, ratio, target, verdict))

    @property
    def app_url(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def ceiling_url(self) -> str:
        return f"http://127.0.0.1:{self.ceiling_port}"

    def cpu_seconds(self, proc: subprocess.Popen | None) -> float:
        """user+system CPU of a server process (and its children), from /proc."""
        if proc is None:
            return 0.0
        try:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks = sum(int(x) for x in fields[11:15])
            return ticks / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def measure(self, label: str, base_url: str, requests_file: Path, proc: subprocess.Popen | None, *,
                mode: str = "random", headers: dict[str, str] | None = None, connections: int | None = None,
                threads: int | None = None, seconds: float | None = None, warm_file: Path | None = None,
                warmup: float | None = None) -> LoadResult:
        c = connections or self.plan.connections
        t = min(threads or self.plan.threads, c)
        warm = self.plan.warmup if warmup is None else warmup
        if warm > 0:
            self.loader.run(base_url, warm_file or requests_file, mode=mode, connections=c, threads=t, seconds=warm,
                            headers=headers)
        load = loadavg()
        self.max_load = max(self.max_load, load)
        cpu0 = self.cpu_seconds(proc)
        result = self.loader.run(base_url, requests_file, mode=mode, connections=c, threads=t,
                                 seconds=seconds or self.plan.seconds, headers=headers)
        cpu = self.cpu_seconds(proc) - cpu0
        result.load = load
        if result.requests and proc:
            result.cpu_ms = cpu / result.requests * 1000
        per = f", server CPU {result.cpu_ms:.2f} ms/req" if result.cpu_ms else ""
        self.log(f"  {label:<60} {result.short()}{per} [load {load:.1f}]")
        return result

    def auth(self, tenant: data.TenantData) -> dict[str, str]:
        return {"Authorization": f"Bearer {tenant.token}"}


def loadavg() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0


def ratio_row(b: Bench, metric: str, ours: LoadResult, ceiling: LoadResult, floor: float) -> None:
    """The verdict is on the rps ratio (the target's definition). The CPU ratio beside it
    (ceiling CPU per request / ours) is what the rps ratio tends to when one worker is the
    bottleneck, and it moves much less when other processes take CPU during one of the runs."""
    ratio = ours.rps / ceiling.rps if ceiling.rps else 0.0
    cpu = f" (CPU {ceiling.cpu_ms / ours.cpu_ms:.0%})" if ours.cpu_ms and ceiling.cpu_ms else ""
    b.row(metric, f"{ours.rps:,.0f} rps (p50 {ours.p50_ms:.1f} / p99 {ours.p99_ms:.1f} ms)",
          f"{ceiling.rps:,.0f} rps (p50 {ceiling.p50_ms:.1f} / p99 {ceiling.p99_ms:.1f} ms)",
          f"{ratio:.0%}{cpu}", f">= {floor:.0%}", ratio >= floor and ours.errors == 0)
    if ours.errors:
        b.notes.append(f"{metric}: {ours.errors} failed requests (non-2xx, timeouts or socket errors)")


def info_row(b: Bench, metric: str, ours: LoadResult, ceiling: LoadResult) -> None:
    ratio = ours.rps / ceiling.rps if ceiling.rps else 0.0
    cpu = f" (CPU {ceiling.cpu_ms / ours.cpu_ms:.0%})" if ours.cpu_ms and ceiling.cpu_ms else ""
    b.row(metric, f"{ours.rps:,.0f} rps", f"{ceiling.rps:,.0f} rps (p50 {ceiling.p50_ms:.1f} / p99 "
          f"{ceiling.p99_ms:.1f} ms)", f"{ratio:.0%}{cpu}", "", None)


def redis_url_for_bench(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{BENCH_REDIS_DB}", "", ""))


# ---------------------------------------------------------------------- phases

async def phase_servers_and_data(b: Bench, *, fanout_only: bool = False) -> None:
    plan = b.plan
    b.log(f"[data] recreating database {data.BENCH_DB}")
    await data.recreate_database(b.admin_url)
    await clear_redis(b.redis_url)
    from cryptography.fernet import Fernet

    b.app_port, b.ceiling_port = procs.free_port(), procs.free_port()
    b.env = {
        **os.environ,
        "HOST": "127.0.0.1", "PORT": str(b.app_port),
        "DATABASE_URL": f"{b.db_url}?maxsize={POOL_SIZE}",
        "REDIS_URL": b.redis_url, "WORKER_IN_PROCESS": "false", "JOB_QUEUE_NAME": JOB_QUEUE,
        "JWT_SECRET": secrets.token_urlsafe(48), "ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "META_APP_SECRET": secrets.token_hex(16), "META_VERIFY_TOKEN": "bench",
        "META_GRAPH_URL": "http://127.0.0.1:9/graph",  # inbound only: never called
        "DATA_DIR": str(b.workdir / "data"), "LOG_LEVEL": "WARNING",
        # The app under test is this checkout, not whatever the venv's editable install points at.
        "PYTHONPATH": os.pathsep.join(p for p in (str(procs.ROOT), os.environ.get("PYTHONPATH")) if p),
    }
    t0 = time.perf_counter()
    start_app(b)
    b.log(f"[data] app started and migrated the database in {time.perf_counter() - t0:.1f}s")

    async with httpx.AsyncClient(base_url=b.app_url, timeout=30) as client:
        b.live = await register(client, "Bench Live")
        accounts = [(b.live, LIVE_PHONE_NUMBER_ID)]
        if not fanout_only:
            b.big = await register(client, "Bench Big")
            b.small = await register(client, "Bench Small")
            b.hooks = await register(client, "Bench Webhooks")
            accounts.append((b.hooks, PHONE_NUMBER_ID))
        for tenant, phone in accounts:
            r = await client.post("/api/integration-accounts", headers=b.auth(tenant), json={
                "channel": "whatsapp", "name": "Bench WhatsApp", "phone_number_id": phone,
                "waba_id": "209000000001", "access_token": "EAAbench" + secrets.token_hex(8),
                "display_phone_number": f"+351 910 {phone[-6:]}"})
            if r.status_code != 201:
                raise RuntimeError(f"POST /api/integration-accounts answered {r.status_code}: {r.text[:300]}")
    if fanout_only:
        return

    b.log(f"[data] loading {plan.messages:,} messages in {plan.conversations:,} conversations "
          f"+ {plan.small_messages:,} in {plan.small_conversations:,} (asyncpg COPY)")
    timings = await data.load(b.db_url, [(b.big, plan.conversations, plan.messages),
                                         (b.small, plan.small_conversations, plan.small_messages)])
    b.log("[data] " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        await conn.execute(f'CREATE TABLE "{CEILING_WEBHOOK_TABLE}" (LIKE "inbound_webhooks" INCLUDING ALL)')
        size = await conn.fetchval("SELECT pg_size_pretty(pg_total_relation_size('messages'))")
        has_index = await conn.fetchval(
            "SELECT indexdef FROM pg_indexes WHERE tablename='messages' AND indexdef ILIKE '%(conversation_id, created_at)%'")
    finally:
        await conn.close()
    b.log(f"[data] messages table {size} with indexes; (conversation_id, created_at) index: "
          f"{'yes' if has_index else 'NO'}")
    b.row("index on messages (conversation_id, created_at)", "present" if has_index else "missing", "", "", "exists",
          bool(has_index))

    ceiling_env = {**b.env, "BENCH_DATABASE_URL": data.asyncpg_dsn(b.db_url), "BENCH_TENANT_ID": str(b.big.tenant_id),
                   "BENCH_AGENT_ID": str(b.big.agent_id),
                   "BENCH_POOL_SIZE": str(POOL_SIZE)}
    log = b.workdir / "ceiling.log"
    b.ceiling_proc = procs.spawn(
        [sys.executable, "-m", "uvicorn", "benchmarks.ceiling:app", "--host", "127.0.0.1", "--port",
         str(b.ceiling_port), "--workers", "1", "--loop", "uvloop", "--http", "httptools", "--no-access-log",
         "--log-level", "warning"], env=ceiling_env, log=log)
    procs.wait_http(b.ceiling_port, "/hello", b.ceiling_proc, 30, log)


def start_app(b: Bench) -> None:
    log = b.workdir / "app.log"
    omnistream = shutil.which("omnistream", path=str(procs.VENV_BIN)) or str(procs.VENV_BIN / "omnistream")
    b.app_proc = procs.spawn([omnistream, "serve"], env=b.env, log=log)
    procs.wait_http(b.app_port, "/api/health", b.app_proc, 120, log)


async def clear_redis(url: str) -> None:
    import redis.asyncio as aioredis

    r = aioredis.Redis.from_url(url)
    try:
        for pattern in ("omnistream:*", "arq:*"):
            async for key in r.scan_iter(match=pattern, count=1000):
                await r.delete(key)
    finally:
        await r.aclose()


async def register(client: httpx.AsyncClient, org: str) -> data.TenantData:
    email = f"{org.lower().replace(' ', '.')}.{secrets.token_hex(3)}@bench.example"
    r = await client.post("/api/auth/register", json={"organization_name": org, "name": f"{org} Admin",
                                                      "email": email, "password": secrets.token_urlsafe(16)})
    if r.status_code != 201:
        raise RuntimeError(f"POST /api/auth/register answered {r.status_code}: {r.text[:300]} "
                           f"(the app's own log, app.log in the work directory, says why)")
    body = r.json()
    return data.TenantData(org, uuid.UUID(body["tenant"]["id"]), uuid.UUID(body["agent"]["id"]), body["token"])


# ---------------------------------------------------------------------- GraphQL discovery

def _unwrap(t: dict[str, Any]) -> tuple[dict[str, Any], bool, bool]:
    """(named type, non-null at top, is list)"""
    non_null = t["kind"] == "NON_NULL"
    is_list = False
    while t.get("ofType") is not None and t["kind"] in ("NON_NULL", "LIST"):
        is_list = is_list or t["kind"] == "LIST"
        t = t["ofType"]
    return t, non_null, is_list


TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"


async def discover_graphql(b: Bench, client: httpx.AsyncClient) -> None:
    q = ("{ __schema { queryType { fields { name args { name type { TR } } type { TR } } } "
         "subscriptionType { fields { name type { TR } } } } }").replace("TR", TYPE_REF)
    r = await client.post("/graphql", json={"query": q}, headers=b.auth(b.big or b.live))
    schema = r.json()["data"]["__schema"]
    subs = {f["name"]: f for f in (schema.get("subscriptionType") or {}).get("fields", [])}
    b.subscription_field = "inboxEvents" if "inboxEvents" in subs else ("events" if "events" in subs else None)
    fields = {f["name"]: f for f in schema["queryType"]["fields"]}
    f = fields.get("messages")
    if f is None:
        return
    args = {a["name"]: a for a in f["args"]}
    conv_arg = next((n for n in ("conversationId", "conversation_id", "id") if n in args), None)
    size_arg = next((n for n in ("perPage", "first", "limit") if n in args), None)
    if conv_arg is None:
        b.notes.append(f"GraphQL messages has no conversationId argument (args: {sorted(args)})")
        return
    named, _, is_list = _unwrap(f["type"])

    async def type_fields(name: str) -> list[dict[str, Any]]:
        query = '{ __type(name: "NAME") { fields { name args { name } type { TR } } } }'
        query = query.replace("NAME", name).replace("TR", TYPE_REF)
        r = await client.post("/graphql", json={"query": query}, headers=b.auth(b.big or b.live))
        return r.json()["data"]["__type"]["fields"] or []

    wrapper = ""
    item_type = named["name"]
    if not is_list:
        tf = await type_fields(named["name"])
        inner = next((x for x in tf if x["name"] in ("items", "nodes")), None)
        if inner is None:
            b.notes.append(f"GraphQL messages returns {named['name']} without items/nodes; not measured")
            return
        wrapper = inner["name"]
        item_type = _unwrap(inner["type"])[0]["name"]
    leaves = [x["name"] for x in await type_fields(item_type)
              if _unwrap(x["type"])[0]["kind"] in ("SCALAR", "ENUM") and not x.get("args")]
    arg_t, non_null, _ = _unwrap(args[conv_arg]["type"])
    var_type = arg_t["name"] + ("!" if args[conv_arg]["type"]["kind"] == "NON_NULL" else "")
    selection = " ".join(leaves)
    if wrapper:
        selection = f"{wrapper} {{ {selection} }}"
    size = f", {size_arg}: 20" if size_arg else ""
    b.gql_messages_query = f"query M($c: {var_type}) {{ messages({conv_arg}: $c{size}) {{ {selection} }} }}"


async def save_bench_settings(b: Bench) -> None:
    """What `python -m benchmarks.breakdown` needs to re-create this run's app in-process later."""
    values = {k: b.env[k] for k in ("JWT_SECRET", "ENCRYPTION_KEY", "META_APP_SECRET")}
    values |= {"TOKEN_BIG": b.big.token, "CONVERSATION_BIG": str(b.big.long_conversation_ids[0])}
    if b.gql_messages_query:
        values["GRAPHQL_MESSAGES_QUERY"] = b.gql_messages_query
    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        await conn.execute("CREATE TABLE bench_settings (key text PRIMARY KEY, value text NOT NULL)")
        await conn.executemany("INSERT INTO bench_settings VALUES ($1, $2)", list(values.items()))
    finally:
        await conn.close()


# ---------------------------------------------------------------------- SQL statements

async def phase_sql_counts(b: Bench) -> dict[str, Any]:
    conv = str(b.big.long_conversation_ids[0])
    auth = b.auth(b.big)

    def twice(name: str, method: str, path: str, headers: dict[str, str], body: str | None = None) -> dict[str, Any]:
        return {"name": name, "method": method, "path": path,
                "attempts": [{"headers": headers, "body": body}, {"headers": headers, "body": body}]}

    spec_requests = [
        twice("conversations", "GET", "/api/conversations", auth),
        twice("messages", "GET", f"/api/conversations/{conv}/messages", auth),
        twice("search", "GET", f"/api/messages/search?q={SEARCH_COMMON}", auth),
    ]
    if b.gql_messages_query:
        spec_requests.append(twice("graphql_messages", "POST", "/graphql", {**auth, "Content-Type": "application/json"},
                                   json.dumps({"query": b.gql_messages_query, "variables": {"c": conv}})))
    # Two different bodies (the second would otherwise be a cheaper duplicate), each signed.
    bodies = [webhook_body(b, f"3519{90000000 + i}", f"sqlcount{i}") for i in range(2)]
    spec_requests.append({"name": "webhook", "method": "POST", "path": "/api/webhooks/meta", "process_after": True,
                          "attempts": [
        {"headers": {"Content-Type": "application/json", "X-Hub-Signature-256": sign(b, x)}, "body": x.decode()}
        for x in bodies]})
    spec = b.workdir / "sqlcount.json"
    env = {k: v for k, v in b.env.items() if k in ("DATABASE_URL", "REDIS_URL", "JWT_SECRET", "ENCRYPTION_KEY",
                                                       "META_APP_SECRET", "META_VERIFY_TOKEN", "META_GRAPH_URL",
                                                       "DATA_DIR", "WORKER_IN_PROCESS")}
    env["LOG_LEVEL"] = "WARNING"
    env["SQL_STATEMENT_HEADER"] = "true"  # only in this one-off process, never in the measured servers
    spec.write_text(json.dumps({"requests": spec_requests, "env": env}))
    proc = procs.spawn([sys.executable, "-m", "benchmarks.sqlcount", str(spec)], env=b.env, stdout=subprocess.PIPE,
                       log=b.workdir / "sqlcount.log")
    out, _ = proc.communicate(timeout=120)
    procs.stop(proc)
    line = next((ln for ln in out.decode().splitlines() if ln.startswith("BENCHJSON ")), None)
    if line is None:
        b.notes.append("SQL statement count failed; see sqlcount.log in the work directory")
        return {}
    counts = json.loads(line[len("BENCHJSON "):])
    (b.workdir / "sql_statements.json").write_text(json.dumps(counts, indent=2))
    return counts


async def pg_stat_statements_available(b: Bench) -> bool:
    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        return "pg_stat_statements" in (await conn.fetchval("SHOW shared_preload_libraries") or "")
    finally:
        await conn.close()


async def count_with_pg_stat_statements(b: Bench, path: str, n: int = 50) -> float:
    """Statements per request from pg_stat_statements (used when the library is preloaded)."""
    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        await conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        async with httpx.AsyncClient(base_url=b.app_url, timeout=30) as client:
            await client.get(path, headers=b.auth(b.big))
            await conn.execute("SELECT pg_stat_statements_reset()")
            for _ in range(n):
                await client.get(path, headers=b.auth(b.big))
        calls = await conn.fetchval(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
            "WHERE d.datname = $1 AND s.query NOT ILIKE '%pg_stat_statements%'", data.BENCH_DB)
        return float(calls) / n
    finally:
        await conn.close()


# ---------------------------------------------------------------------- webhooks

def webhook_payload(wa_id: str, wamid: str, text: str, phone_number_id: str = PHONE_NUMBER_ID) -> dict[str, Any]:
    """A WhatsApp text message webhook, shaped like shared/fixtures/whatsapp/text.json."""
    return {"object": "whatsapp_business_account", "entry": [{"id": "209000000001", "changes": [{"value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "351910000001", "phone_number_id": phone_number_id},
        "contacts": [{"profile": {"name": f"Customer {wa_id[-4:]}"}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": f"wamid.{wamid}", "timestamp": str(int(time.time())),
                      "text": {"body": text}, "type": "text"}]}, "field": "messages"}]}]}


def webhook_body(b: Bench, wa_id: str, wamid: str, text: str = "Hi, where is my order?",
                 phone_number_id: str = PHONE_NUMBER_ID) -> bytes:
    return orjson.dumps(webhook_payload(wa_id, wamid, text, phone_number_id))


def sign(b: Bench, body: bytes) -> str:
    return "sha256=" + hmac.new(b.env["META_APP_SECRET"].encode(), body, hashlib.sha256).hexdigest()


def webhook_file(b: Bench, path: Path, n: int, prefix: str, contacts: int = 5000) -> Path:
    texts = TextMaker(hash(prefix) & 0xFFFF)
    lines = []
    for i in range(n):
        wa_id = f"3519{80000000 + (i % contacts)}"
        body = webhook_body(b, wa_id, f"{prefix}{i:07d}", texts.message(True))
        lines.append(("POST", "/api/webhooks/meta", f"X-Hub-Signature-256: {sign(b, body)}", body.decode()))
    return write_requests(path, lines)


async def hooks_counts(b: Bench) -> tuple[int, int, int]:
    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        accepted = await conn.fetchval("SELECT count(*) FROM inbound_webhooks")
        processed = await conn.fetchval("SELECT count(*) FROM inbound_webhooks WHERE processed_at IS NOT NULL")
        messages = await conn.fetchval("SELECT count(*) FROM messages WHERE tenant_id = $1", b.hooks.tenant_id)
        return accepted, processed, messages
    finally:
        await conn.close()


async def abandon_backlog(b: Bench) -> None:
    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        await conn.execute("UPDATE inbound_webhooks SET processed_at = now(), error = 'abandoned by the benchmark' "
                           "WHERE processed_at IS NULL")
        await conn.execute("UPDATE event_outbox SET dispatched_at = now() WHERE dispatched_at IS NULL")
    finally:
        await conn.close()


async def queue_depth(b: Bench) -> int:
    import redis.asyncio as aioredis

    r = aioredis.Redis.from_url(b.redis_url)
    try:
        return int(await r.zcard(JOB_QUEUE))
    finally:
        await r.aclose()


def start_worker(b: Bench) -> None:
    log = b.workdir / "worker.log"
    omnistream = shutil.which("omnistream", path=str(procs.VENV_BIN)) or str(procs.VENV_BIN / "omnistream")
    b.worker_proc = procs.spawn([omnistream, "worker"], env=b.env, log=log)


async def phase_webhooks(b: Bench) -> None:
    plan = b.plan
    b.log("[webhooks] accept rate: ours (signed, stored, job enqueued) vs ceiling (one PK insert)")
    headers = {"Content-Type": "application/json"}
    warm = webhook_file(b, b.workdir / "hooks_warm.tsv", max(2000, plan.webhook_bodies // 4), "warm")
    main = webhook_file(b, b.workdir / "hooks_main.tsv", plan.webhook_bodies, "main")
    ceiling_lines = [(m, "/raw/webhook", h, body) for m, _, h, body in
                     (ln.rstrip("\n").split("\t", 3) for ln in main.open())]
    ceiling_file = write_requests(b.workdir / "hooks_ceiling.tsv", ceiling_lines)
    ceiling = b.measure("ceiling POST /raw/webhook (PK insert)", b.ceiling_url, ceiling_file, b.ceiling_proc,
                        mode="partition", headers=headers)
    before, _, _ = await hooks_counts(b)
    # The warm-up uses its own bodies, so the measured run sends only new ones.
    b.loader.run(b.app_url, warm, mode="partition", connections=plan.connections, threads=plan.threads,
                 seconds=1 if plan.quick else plan.warmup, headers=headers)
    mid, _, _ = await hooks_counts(b)
    ours = b.measure("ours    POST /api/webhooks/meta", b.app_url, main, b.app_proc, mode="partition",
                     headers=headers, warmup=0)
    after, _, _ = await hooks_counts(b)
    new = after - mid
    b.log(f"  {new:,} webhooks stored by the measured run")
    if new < ours.requests - ours.errors:
        b.notes.append(f"webhooks: {ours.requests - ours.errors - new} requests re-sent an already stored body "
                       f"(the body file wrapped); raise Plan.webhook_bodies")
    ratio_row(b, "POST /api/webhooks/meta accept rate vs PK insert", ours, ceiling, 0.50)

    await asyncio.sleep(1)  # requests still in flight when the load tool stopped
    accepted, _, _ = await hooks_counts(b)
    b.log(f"[webhooks] processing {accepted:,} stored webhooks ({before} from the SQL count) with one "
          f"`omnistream worker` (started now, so accepting and processing did not share the CPU)")
    t0 = time.perf_counter()
    start_worker(b)
    deadline = t0 + plan.process_timeout
    messages = processed = 0
    last_report = last_progress = t0
    while time.perf_counter() < deadline:
        seen = messages
        _, processed, messages = await hooks_counts(b)
        if messages >= accepted:
            break
        if messages > seen:
            last_progress = time.perf_counter()
        elif time.perf_counter() - last_progress > STALLED_AFTER:
            b.notes.append(f"webhooks: processing made no progress for {STALLED_AFTER:g}s; see worker.log")
            break
        if b.worker_proc.poll() is not None:
            b.notes.append("the worker exited early; see worker.log")
            break
        if time.perf_counter() - last_report > 15:
            b.log(f"  ... {messages:,} / {accepted:,} messages after {time.perf_counter() - t0:.0f}s")
            last_report = time.perf_counter()
        await asyncio.sleep(0.25)
    elapsed = time.perf_counter() - t0
    rate = messages / elapsed if elapsed else 0.0
    b.log(f"  processed {processed:,} webhooks -> {messages:,} messages in {elapsed:.1f}s ({rate:,.0f}/s, "
          f"including worker start-up)")
    eta = f"; the rest needs ~{(accepted - messages) / rate:.0f}s more" if rate and messages < accepted else ""
    b.row("webhooks processed (messages created == accepted)", f"{messages:,} of {accepted:,}", "",
          f"{rate:,.0f}/s{eta}", f"all, >= {PROCESS_RATE_FLOOR}/s", messages >= accepted and rate >= PROCESS_RATE_FLOOR)
    # Each processed webhook also enqueued one dispatch job per recorded event; give them the rest
    # of the processing budget (at least 10 s), then report what is left.
    t1 = time.perf_counter()
    depth0 = await queue_depth(b)
    depth = depth0
    while b.worker_proc.poll() is None and time.perf_counter() < max(deadline, t1 + 10):
        depth = await queue_depth(b)
        if depth == 0:
            break
        await asyncio.sleep(0.25)
    waited = time.perf_counter() - t1
    drained = f" ({(depth0 - depth) / waited:,.0f} jobs/s)" if waited and depth < depth0 else ""
    b.log(f"  job queue after the messages: {depth0:,} jobs (event dispatches, and webhooks not yet started) -> "
          f"{depth:,} after {waited:.1f}s{drained}")
    if messages < accepted or depth:
        # Out of time: what is left would only delay fan-out deliveries. Stop the worker, drop its
        # queue, and mark the backlog done (else the worker's sweeps would replay it during fan-out).
        procs.stop(b.worker_proc)
        b.worker_proc = None
        await clear_redis(b.redis_url)
        await abandon_backlog(b)
        b.notes.append(f"webhooks: after {time.perf_counter() - t0:.0f}s, {accepted - messages:,} webhooks were "
                       f"unprocessed and {depth:,} jobs queued; the benchmark dropped them before fan-out")
        b.log("  backlog dropped (queue cleared, webhooks and outbox rows marked done)")


# ---------------------------------------------------------------------- fan-out

async def phase_fanout(b: Bench) -> None:
    plan = b.plan
    if b.subscription_field is None:
        b.notes.append("no subscription field in the schema; fan-out not measured")
        b.row("subscription fan-out webhook -> subscriber p99", "not measured", "", "", "<= 100 ms", False)
        return
    if b.subscription_field != "inboxEvents":
        b.notes.append("`inboxEvents` is not in the schema yet: fan-out measured on `events { type conversationId }`")
    if b.worker_proc is None or b.worker_proc.poll() is not None:
        start_worker(b)
    query = f"subscription {{ {b.subscription_field} {{ type conversationId }} }}"
    out = b.workdir / "subscriptions.json"
    spec = b.workdir / "subclient.json"
    ws_url = f"ws://127.0.0.1:{b.app_port}/graphql"
    spec.write_text(json.dumps({"url": ws_url, "token": b.live.token, "n": plan.subscribers, "query": query,
                                "out": str(out), "lean": plan.lean_client}))
    b.log(f"[fan-out] opening {plan.subscribers} graphql-transport-ws subscriptions: {query}")
    client = procs.spawn([sys.executable, "-m", "benchmarks.subclient", str(spec)], env=b.env,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    t0 = time.perf_counter()
    line = await asyncio.to_thread(client.stdout.readline)
    if not line.startswith(b"READY"):
        b.notes.append(f"subscription client failed: {line!r}")
        procs.stop(client)
        return
    _, ok, failed = line.split()
    b.log(f"  {int(ok)} subscribed, {int(failed)} failed, in {time.perf_counter() - t0:.1f}s")
    await asyncio.sleep(2)
    cpu0 = b.cpu_seconds(b.app_proc)
    n = int(plan.fanout_rate * plan.fanout_seconds)
    posted: dict[str, int] = {}
    async with httpx.AsyncClient(base_url=b.app_url, timeout=30) as http:
        start = time.perf_counter()
        for i in range(n):
            at = start + i / plan.fanout_rate
            await asyncio.sleep(max(0.0, at - time.perf_counter()))
            wa_id = f"3519{70000000 + i}"
            body = webhook_body(b, wa_id, f"fanout{i:05d}", "Hello, is anyone there?", LIVE_PHONE_NUMBER_ID)
            sent = time.time_ns()
            try:
                r = await http.post("/api/webhooks/meta", content=body, headers={
                    "Content-Type": "application/json", "X-Hub-Signature-256": sign(b, body)})
            except httpx.HTTPError as exc:
                b.notes.append(f"fan-out: webhook {i} failed: {type(exc).__name__}")
                continue
            if r.status_code == 200:
                posted[wa_id] = sent
    # Deliveries still arriving: wait until the count stops growing for 2 s (at most fanout_grace).
    grace_end = time.perf_counter() + plan.fanout_grace
    last, last_change = -1, time.perf_counter()
    while time.perf_counter() < grace_end and time.perf_counter() - last_change < 2:
        line = await asyncio.to_thread(client.stdout.readline)
        if not line:
            break
        if line.startswith(b"COUNT"):
            count = int(line.split()[1])
            if count != last:
                last, last_change = count, time.perf_counter()
    cpu = b.cpu_seconds(b.app_proc) - cpu0
    client.stdin.write(b"stop\n")
    client.stdin.flush()
    while True:
        line = await asyncio.to_thread(client.stdout.readline)
        if not line or line.startswith(b"DONE"):
            break
    procs.stop(client)
    result = json.loads(out.read_text())

    conn = await asyncpg.connect(data.asyncpg_dsn(b.db_url))
    try:
        rows = await conn.fetch(
            "SELECT c.id, k.external_id FROM conversations c JOIN contacts k ON k.id = c.contact_id "
            "WHERE c.tenant_id = $1 AND k.external_id = ANY($2::text[])", b.live.tenant_id, list(posted))
    finally:
        await conn.close()
    sent_at = {str(r["id"]): posted[r["external_id"]] for r in rows}
    types: dict[str, int] = {}
    for _, _, kind, _ in result["events"]:
        types[kind] = types.get(kind, 0) + 1
    wanted = "message.created" if "message.created" in types else None
    first: dict[tuple[int, str], int] = {}
    for conn_i, conv, kind, t in result["events"]:
        if conv not in sent_at or (wanted and kind != wanted):
            continue
        key = (conn_i, conv)
        if key not in first or t < first[key]:
            first[key] = t
    expected = len(sent_at) * int(ok)
    # Deliveries that never came count as infinitely late, so they weigh on the percentiles.
    lat = sorted((t - sent_at[conv]) / 1e6 for (_, conv), t in first.items())
    delivered = len(lat)
    lat += [float("inf")] * max(0, expected - delivered)
    b.log(f"  events received by type: {types}; errors: {result.get('error_count', 0)}; the client process used "
          f"{result.get('cpu_seconds', 0):.1f} CPU-s in all (it shares the CPUs with the server)")
    if result.get("errors"):
        b.log("  first error: " + result["errors"][0])
    if not delivered:
        b.row("subscription fan-out webhook -> subscriber p99", "no deliveries", "", "", "<= 100 ms", False)
        return
    p50, p90, p99 = (lat[min(len(lat) - 1, int(len(lat) * p))] for p in (0.5, 0.9, 0.99))
    deliveries = len(result["events"])

    def ms(v: float) -> str:
        return f"{v:.0f}" if v != float("inf") else "never"

    # Split the latency: the first subscriber of an event measures the pipeline (webhook -> job ->
    # commit -> publish); the spread from first to last subscriber measures the fan-out itself.
    by_conv: dict[str, list[float]] = {}
    for (_, conv), t in first.items():
        by_conv.setdefault(conv, []).append((t - sent_at[conv]) / 1e6)
    firsts = sorted(min(v) for v in by_conv.values())
    spreads = sorted(max(v) - min(v) for v in by_conv.values())
    if firsts:
        def pct(v: list[float], p: float) -> float:
            return v[min(len(v) - 1, int(len(v) * p))]

        b.log(f"  first subscriber per event (pipeline): p50 {pct(firsts, 0.5):.0f} ms, max {firsts[-1]:.0f} ms; "
              f"first -> last subscriber (fan-out): p50 {pct(spreads, 0.5):.0f} ms, max {spreads[-1]:.0f} ms")
    b.log(f"  {delivered:,} of {expected:,} expected deliveries of {wanted or 'first event'}: p50 {ms(p50)} ms, "
          f"p90 {ms(p90)} ms, p99 {ms(p99)} ms, max {ms(lat[delivered - 1])} ms (delivered); server CPU "
          f"{cpu * 1000 / max(1, deliveries):.2f} ms per delivered event ({deliveries:,} events of all types)")
    b.row(f"fan-out webhook -> {int(ok)} subscribers ({plan.fanout_rate:g}/s x {plan.fanout_seconds:g}s)",
          f"p50 {ms(p50)} / p99 {ms(p99)} ms", "", f"{delivered}/{expected} delivered", "p99 <= 100 ms",
          p99 <= 100 and delivered == expected)


# ---------------------------------------------------------------------- the run

async def run(b: Bench, skip_fanout: bool, only: str | None = None) -> None:
    plan = b.plan
    if only == "fanout":  # the live-inbox phase alone: app + worker + one tenant, no bulk data
        await phase_servers_and_data(b, fanout_only=True)
        async with httpx.AsyncClient(base_url=b.app_url, timeout=30) as client:
            await discover_graphql(b, client)
        await phase_fanout(b)
        return
    await phase_servers_and_data(b)
    async with httpx.AsyncClient(base_url=b.app_url, timeout=30) as client:
        await discover_graphql(b, client)
    b.log(f"[graphql] messages query: {b.gql_messages_query or 'ABSENT from the schema'}; "
          f"subscription: {b.subscription_field or 'none'}")
    await save_bench_settings(b)

    # ---- SQL statements per request
    b.log("[sql] statements per request (in-process, Tortoise db_client DEBUG log)")
    counts = await phase_sql_counts(b)
    pgss = await pg_stat_statements_available(b)
    for name, info in counts.items():
        what = (f"{info['status']} events" if name == "dispatch_event_jobs" else
                "" if name == "process_webhook_job" else f"HTTP {info['status']}")
        if info.get("header") is not None:
            what += f", app's X-SQL-Statements: {info['header']}"
        b.log(f"  {name}: {info['count']} statements ({what})" if what else f"  {name}: {info['count']} statements")
        for s in info["statements"]:
            b.log(f"      {s[:220]}")
    if "conversations" in counts:
        n = counts["conversations"]["count"]
        if pgss:
            n_pg = await count_with_pg_stat_statements(b, "/api/conversations")
            b.log(f"  pg_stat_statements: {n_pg:.2f} statements per GET /api/conversations")
        b.row("SQL statements per GET /api/conversations", str(n), "1", "", "<= 4, constant", n <= 4)
    if "messages" in counts:
        b.row("SQL statements per GET /conversations/{id}/messages", str(counts["messages"]["count"]), "1", "", "", None)

    # ---- throughput pairs
    long_ids = [str(x) for x in b.big.long_conversation_ids]
    auth = b.auth(b.big)
    w = b.workdir
    b.log(f"[load] {b.loader.tool}, {plan.connections} connections, {plan.threads} threads, {plan.seconds:g}s "
          f"(+{plan.warmup:g}s warm-up), 1 uvicorn worker per server")
    hello = write_requests(w / "hello.tsv", [("GET", "/hello", "", "")])
    b.measure("ceiling GET /hello (B_json, for reference)", b.ceiling_url, hello, b.ceiling_proc)

    raw_list = write_requests(w / "raw_list.tsv", [("GET", f"/raw/conversations/{c}/messages", "", "") for c in long_ids])
    ours_list = write_requests(w / "ours_list.tsv", [("GET", f"/api/conversations/{c}/messages", "", "") for c in long_ids])
    c_list = b.measure("ceiling GET /raw/conversations/{id}/messages (B_list)", b.ceiling_url, raw_list, b.ceiling_proc)
    o_list = b.measure("ours    GET /api/conversations/{id}/messages", b.app_url, ours_list, b.app_proc, headers=auth)
    ratio_row(b, "GET /api/conversations/{id}/messages (20 rows) vs raw list", o_list, c_list, 0.50)
    raw_all = write_requests(w / "raw_all_list.tsv", [("GET", f"/raw-all/conversations/{c}/messages", "", "")
                                                      for c in long_ids])
    a_list = b.measure("ceiling GET /raw-all/conversations/{id}/messages (same 5 stmts)", b.ceiling_url, raw_all,
                       b.ceiling_proc)
    info_row(b, "  same, vs raw doing all 5 statements (info)", o_list, a_list)

    raw_conv = write_requests(w / "raw_conv.tsv", [("GET", "/raw/conversations", "", "")])
    ours_conv = write_requests(w / "ours_conv.tsv", [("GET", "/api/conversations", "", "")])
    c_conv = b.measure("ceiling GET /raw/conversations (join contacts)", b.ceiling_url, raw_conv, b.ceiling_proc)
    o_conv = b.measure("ours    GET /api/conversations", b.app_url, ours_conv, b.app_proc, headers=auth)
    ratio_row(b, "GET /api/conversations (20 rows + contact) vs raw join", o_conv, c_conv, 0.30)
    raw_conv_all = write_requests(w / "raw_all_conv.tsv", [("GET", "/raw-all/conversations", "", "")])
    a_conv = b.measure("ceiling GET /raw-all/conversations (same 4 stmts)", b.ceiling_url, raw_conv_all,
                       b.ceiling_proc)
    info_row(b, "  same, vs raw doing all 4 statements (info)", o_conv, a_conv)

    if b.gql_messages_query:
        gql = write_requests(w / "gql.tsv", [("POST", "/graphql", "", json.dumps(
            {"query": b.gql_messages_query, "variables": {"c": c}}, separators=(",", ":"))) for c in long_ids])
        o_gql = b.measure("ours    POST /graphql messages(conversationId, 20)", b.app_url, gql, b.app_proc,
                          headers={**auth, "Content-Type": "application/json"})
        ratio_row(b, "GraphQL messages (20 rows) vs raw list", o_gql, c_list, 0.30)
    else:
        b.row("GraphQL messages (20 rows) vs raw list", "query absent", "", "", ">= 30%", False)
        b.notes.append("GraphQL `messages` is not in the schema yet: not measured")

    # ---- latency at 1M vs 10k (one connection: service time, no queueing)
    b.log(f"[latency] 1 connection, {plan.latency_seconds:g}s each: big tenant ({b.big.messages:,} messages) vs "
          f"small ({b.small.messages:,})")

    def lat_pair(metric: str, paths_big: list[str], paths_small: list[str]) -> None:
        res = []
        for tenant, paths in ((b.big, paths_big), (b.small, paths_small)):
            f = write_requests(w / f"lat_{len(res)}.tsv", [("GET", p, "", "") for p in paths])
            res.append(b.measure(f"ours    {metric} @ {tenant.messages:,} msgs", b.app_url, f, b.app_proc,
                                 headers=b.auth(tenant), connections=1, threads=1, seconds=plan.latency_seconds,
                                 warmup=1))
        big, small = res
        ratio = big.p50_ms / small.p50_ms if small.p50_ms else 0.0
        b.row(f"{metric}: p50 at {b.big.messages // 1000:,}k vs {b.small.messages // 1000:,}k msgs",
              f"{big.p50_ms:.2f} ms (p99 {big.p99_ms:.1f})", f"{small.p50_ms:.2f} ms (p99 {small.p99_ms:.1f})",
              f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5)

    lat_pair("GET /api/conversations", ["/api/conversations"], ["/api/conversations"])
    lat_pair("GET /api/conversations/{id}/messages",
             [f"/api/conversations/{c}/messages" for c in long_ids],
             [f"/api/conversations/{c}/messages" for c in b.small.long_conversation_ids])
    lat_pair(f"GET /api/messages/search?q={SEARCH_COMMON} (common word)",
             [f"/api/messages/search?q={SEARCH_COMMON}"], [f"/api/messages/search?q={SEARCH_COMMON}"])
    lat_pair(f"GET /api/messages/search?q={SEARCH_RARE} (5 hits)",
             [f"/api/messages/search?q={quote(SEARCH_RARE)}"], [f"/api/messages/search?q={quote(SEARCH_RARE)}"])

    # ---- webhooks, processing, fan-out
    await phase_webhooks(b)
    if not skip_fanout:
        await phase_fanout(b)


def print_table(b: Bench) -> None:
    headers = ("metric", "ours", "ceiling", "ratio", "target", "result")
    rows = [headers] + [(r.metric, r.ours, r.ceiling, r.ratio, r.target, r.verdict) for r in b.rows]
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(headers))]
    line = "+".join("-" * (w + 2) for w in widths)
    print("\n" + "=" * len(line))
    print(f"OmniStream benchmark ({'quick' if b.plan.quick else 'full'}; load tool {b.loader.tool}; "
          f"{os.cpu_count()} CPUs; ceilings measured in this run)")
    print("=" * len(line))
    for i, r in enumerate(rows):
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
        if i == 0:
            print(line)
    cpus = os.cpu_count() or 1
    print(f"\n1-minute load average: up to {b.max_load:.1f} during the measurements ({cpus} CPUs)")
    if b.max_load > cpus:
        print("warning: other processes competed for the CPU during this run; absolute figures are depressed "
              "and rps ratios noisier (the CPU ratio in brackets is steadier)")
    print()
    fails = [r.metric for r in b.rows if r.verdict == "FAIL"]
    print(f"{len(b.rows) - len(fails)} of {len(b.rows)} rows pass" + (f"; failing: {'; '.join(fails)}" if fails else ""))
    for note in b.notes:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10k conversations / 100k messages, 5 s runs (< 3 min)")
    parser.add_argument("--builtin-load", action="store_true", help="use the built-in load generator even if wrk exists")
    parser.add_argument("--skip-fanout", action="store_true", help="skip the 1,000-subscription fan-out phase")
    parser.add_argument("--only", choices=["fanout"], help="run one phase alone (fanout: the 1,000-subscription "
                                                            "fan-out, without the bulk data and throughput phases)")
    parser.add_argument("--subscribers", type=int, help="open subscriptions in the fan-out phase (default 1,000)")
    parser.add_argument("--lean-client", action="store_true",
                        help="fan-out: a bare-protocol subscription client, so the client takes less of the CPU")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, request files)")
    args = parser.parse_args(argv)

    admin_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not admin_url.startswith(("postgres://", "postgresql://")):
        print("benchmarks need PostgreSQL: set DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    admin_url = "postgres://" + admin_url.split("://", 1)[1]
    redis_url = redis_url_for_bench(os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL)
    workdir = Path(tempfile.mkdtemp(prefix="omnistream-bench-"))
    procs.install_cleanup()
    plan = Plan.make(args.quick)
    if args.subscribers:
        plan.subscribers = args.subscribers
    plan.lean_client = args.lean_client
    b = Bench(plan=plan, workdir=workdir, admin_url=admin_url,
              db_url=data.with_database(admin_url, data.BENCH_DB).split("?")[0], redis_url=redis_url,
              loader=Loader(workdir, force_builtin=args.builtin_load))
    random.seed(1)
    started = time.perf_counter()
    b.log(f"OmniStream benchmark, {'quick' if plan.quick else 'full'} run; work directory {workdir}; "
          f"load average {loadavg():.1f} on {os.cpu_count()} CPUs")
    code = 0
    try:
        asyncio.run(run(b, args.skip_fanout, args.only))
    except KeyboardInterrupt:
        print("\ninterrupted; stopping servers", file=sys.stderr)
        code = 130
    except Exception:
        import traceback

        traceback.print_exc()
        app_log = workdir / "app.log"
        if app_log.exists():
            errors = [ln for ln in app_log.read_text(errors="replace").splitlines() if "Error" in ln]
            if errors:
                print(f"last error in app.log: {errors[-1][:400]}", file=sys.stderr)
        print(f"logs: {workdir}", file=sys.stderr)
        args.keep = True
        code = 1
    finally:
        procs.stop_all()
    if b.rows:
        print_table(b)
    print(f"\nwhole run: {time.perf_counter() - started:.0f}s")
    if args.keep:
        print(f"work directory kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
