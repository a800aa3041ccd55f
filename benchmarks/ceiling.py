"""The ceiling app: Starlette + an asyncpg pool, no ORM, no auth, no GraphQL, running the same
data SQL as our endpoints and shaping the same JSON (orjson, as our REST door does).

    BENCH_DATABASE_URL=postgres://... BENCH_TENANT_ID=<uuid> \
        uvicorn benchmarks.ceiling:app --workers 1 --loop uvloop --http httptools --no-access-log

Routes: GET /hello (plain JSON, B_json), GET /raw/conversations/{id}/messages (20 newest, B_list),
GET /raw/conversations (20 newest joined with their contact), POST /raw/webhook (one PK insert).
The /raw-all/ twins of the two lists run every statement our endpoint runs (session check,
agent with role and tenant, conversation visibility, COUNT for X-Total-Count, the page), one pool
acquire each as Tortoise does, so the gap between /raw-all/ and /raw/ is the price of the extra
statements and the gap between ours and /raw-all/ the price of the Python around them."""

from __future__ import annotations

import os
import uuid
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

POOL_SIZE = int(os.environ.get("BENCH_POOL_SIZE", "16"))
# asyncpg's pool sends RESET ALL & co. to the server on every release (one more round trip per
# acquire); BENCH_POOL_RESET=0 measures what skipping it is worth.
POOL_RESET = os.environ.get("BENCH_POOL_RESET", "1") != "0"
CEILING_WEBHOOK_TABLE = "bench_inbound_ceiling"

# What Tortoise sends for scoped(ctx, Message).filter(conversation_id=...).order_by("-created_at", "-id")
MESSAGES_SQL = (
    'SELECT "created_at","updated_at","id","direction","type","text","content","status","provider_message_id",'
    '"error","context_message_id","sent_at","delivered_at","read_at","failed_at","claimed_at","conversation_id",'
    '"sender_agent_id","tenant_id" FROM "messages" WHERE "tenant_id"=$1 AND "conversation_id"=$2 '
    'ORDER BY "created_at" DESC,"id" DESC LIMIT 20'
)
# What Tortoise sends for visible_conversations(ctx).select_related("contact").order_by(...)
CONVERSATIONS_SQL = (
    'SELECT c."created_at",c."updated_at",c."id",c."channel",c."status",c."tags",c."unread_count",'
    'c."last_message_at",c."last_inbound_at",c."last_message_preview",c."resolved_at",c."assigned_agent_id",'
    'c."contact_id",c."integration_account_id",c."tenant_id",'
    'k."created_at" k_created_at,k."updated_at" k_updated_at,k."id" k_id,k."channel" k_channel,'
    'k."external_id" k_external_id,k."name" k_name,k."phone" k_phone,k."email" k_email,'
    'k."avatar_url" k_avatar_url,k."custom_attributes" k_custom_attributes,k."last_inbound_at" k_last_inbound_at,'
    'k."tenant_id" k_tenant_id '
    'FROM "conversations" c LEFT OUTER JOIN "contacts" k ON k."id"=c."contact_id" '
    'WHERE c."tenant_id"=$1 ORDER BY c."last_message_at" DESC,c."id" DESC LIMIT 20'
)
SESSION_SQL = 'SELECT 1 FROM "revoked_tokens" WHERE "token_id"=$1 LIMIT 1'
AGENT_SQL = (
    'SELECT a.*, r."key" r_key, r."name" r_name, r."description" r_description, r."permissions" r_permissions, '
    'r."is_builtin" r_is_builtin, t."name" t_name, t."slug" t_slug, t."timezone" t_timezone, t."status" t_status '
    'FROM "agents" a LEFT OUTER JOIN "roles" r ON r."id"=a."role_id" LEFT OUTER JOIN "tenants" t ON t."id"=a."tenant_id" '
    'WHERE a."tenant_id"=$1 AND a."id"=$2 AND a."deleted_at" IS NULL LIMIT 1'
)
CONVERSATION_SQL = 'SELECT * FROM "conversations" WHERE "tenant_id"=$1 AND "id"=$2 LIMIT 1'
COUNT_MESSAGES_SQL = 'SELECT COUNT(*) FROM "messages" WHERE "tenant_id"=$1 AND "conversation_id"=$2'
COUNT_CONVERSATIONS_SQL = 'SELECT COUNT(*) FROM "conversations" WHERE "tenant_id"=$1'
INSERT_SQL = (
    f'INSERT INTO "{CEILING_WEBHOOK_TABLE}" ("id","provider","dedupe_key","body","received_at","attempts") '
    "VALUES ($1,'meta',$2,$3,now(),0)"
)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str) else value


def present_message(r: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": str(r["id"]), "conversation_id": str(r["conversation_id"]), "direction": r["direction"],
        "type": r["type"], "text": r["text"], "content": _json(r["content"]) or {}, "status": r["status"],
        "provider_message_id": r["provider_message_id"], "error": _json(r["error"]),
        "sender_agent_id": str(r["sender_agent_id"]) if r["sender_agent_id"] else None,
        "context_message_id": r["context_message_id"], "created_at": r["created_at"].isoformat(),
        "sent_at": _iso(r["sent_at"]), "delivered_at": _iso(r["delivered_at"]), "read_at": _iso(r["read_at"]),
        "failed_at": _iso(r["failed_at"]),
    }


def present_conversation(r: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": str(r["id"]), "contact_id": str(r["contact_id"]),
        "assigned_agent_id": str(r["assigned_agent_id"]) if r["assigned_agent_id"] else None,
        "status": r["status"], "last_message_at": r["last_message_at"].isoformat(),
        "unread_count": r["unread_count"], "created_at": r["created_at"].isoformat(),
        "updated_at": r["updated_at"].isoformat(), "contact_name": r["k_name"], "contact_phone": r["k_phone"],
        "contact_channel": r["channel"], "tags": list(_json(r["tags"]) or []),
        "integration_account_id": str(r["integration_account_id"]) if r["integration_account_id"] else None,
        "last_message_preview": r["last_message_preview"],
    }


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


async def hello(request: Request) -> Response:
    return JSON({"message": "hello"})


async def list_messages(request: Request) -> Response:
    conversation_id = uuid.UUID(request.path_params["id"])
    async with request.app.state.pool.acquire() as conn:
        rows = await conn.fetch(MESSAGES_SQL, request.app.state.tenant_id, conversation_id)
    return JSON([present_message(r) for r in rows])


async def list_conversations(request: Request) -> Response:
    async with request.app.state.pool.acquire() as conn:
        rows = await conn.fetch(CONVERSATIONS_SQL, request.app.state.tenant_id)
    return JSON([present_conversation(r) for r in rows])


async def _one(pool: asyncpg.Pool, method: str, sql: str, *args: Any) -> Any:
    async with pool.acquire() as conn:  # a pool round per statement, as Tortoise does
        return await getattr(conn, method)(sql, *args)


async def _authenticate(app: Any) -> None:
    pool, tenant = app.state.pool, app.state.tenant_id
    if await _one(pool, "fetchval", SESSION_SQL, "bench-session"):
        raise RuntimeError("revoked")
    if await _one(pool, "fetchrow", AGENT_SQL, tenant, app.state.agent_id) is None:
        raise RuntimeError("no agent")


async def list_messages_all(request: Request) -> Response:
    app, conversation_id = request.app, uuid.UUID(request.path_params["id"])
    pool, tenant = app.state.pool, app.state.tenant_id
    await _authenticate(app)
    if await _one(pool, "fetchrow", CONVERSATION_SQL, tenant, conversation_id) is None:
        return JSON({"error": "not found"}, status_code=404)
    total = await _one(pool, "fetchval", COUNT_MESSAGES_SQL, tenant, conversation_id)
    rows = await _one(pool, "fetch", MESSAGES_SQL, tenant, conversation_id)
    return JSON([present_message(r) for r in rows], headers={"X-Total-Count": str(total)})


async def list_conversations_all(request: Request) -> Response:
    app = request.app
    await _authenticate(app)
    total = await _one(app.state.pool, "fetchval", COUNT_CONVERSATIONS_SQL, app.state.tenant_id)
    rows = await _one(app.state.pool, "fetch", CONVERSATIONS_SQL, app.state.tenant_id)
    return JSON([present_conversation(r) for r in rows], headers={"X-Total-Count": str(total)})


async def receive_webhook(request: Request) -> Response:
    body = await request.body()
    async with request.app.state.pool.acquire() as conn:
        await conn.execute(INSERT_SQL, uuid.uuid4(), "c:" + uuid.uuid4().hex, body.decode())
    return JSON({"status": "received"})


async def _no_reset(conn: asyncpg.Connection) -> None:
    return None


@asynccontextmanager
async def lifespan(app: Starlette):
    url = os.environ["BENCH_DATABASE_URL"].split("?")[0]
    app.state.tenant_id = uuid.UUID(os.environ["BENCH_TENANT_ID"])
    app.state.agent_id = uuid.UUID(os.environ["BENCH_AGENT_ID"])
    options: dict[str, Any] = {} if POOL_RESET else {"reset": _no_reset}
    app.state.pool = await asyncpg.create_pool(url, min_size=POOL_SIZE, max_size=POOL_SIZE, **options)
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[
        Route("/hello", hello),
        Route("/raw/conversations/{id}/messages", list_messages),
        Route("/raw/conversations", list_conversations),
        Route("/raw-all/conversations/{id}/messages", list_messages_all),
        Route("/raw-all/conversations", list_conversations_all),
        Route("/raw/webhook", receive_webhook, methods=["POST"]),
    ],
    lifespan=lifespan,
)
