"""Authentication: tenant registration, login, sessions (JWT), API keys, and turning a
request's credentials into a Ctx. Both doors call `authenticate`."""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from pydantic import EmailStr, Field
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from connectors.hub import services
from models.agents import Agent
from models.api_keys import ApiKey
from models.auth import RevokedToken
from models.roles import Role
from models.tenants import Tenant
from resolvers._caches import ProcessCache
from resolvers._context import Ctx
from resolvers._errors import BadRequest, Conflict, RateLimited, Unauthenticated
from resolvers._inputs import Input, parse
from resolvers._passwords import check_password_policy, hash_password, verify_password
from resolvers._perms import BUILTIN_ROLES, builtin_permissions
from resolvers._run import transactional
from resolvers._scope import new_scoped, scoped, unscoped

JWT_ALGORITHM = "HS256"  # pinned: a token naming any other algorithm (or none) is refused
API_KEY_PREFIX = "osk_"
API_KEY_TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class Principal:
    """What a credential resolved to (the request-specific parts of a Ctx are not kept)."""

    tenant_id: uuid.UUID
    agent_id: uuid.UUID
    role: str
    permissions: frozenset[str]
    api_key_id: uuid.UUID | None = None
    key_expires_at: datetime | None = None
    key_last_used_at: datetime | None = None


# Resolved credentials, so an authenticated request costs no SQL (resolvers/_caches.py).
principals: ProcessCache[Principal] = ProcessCache(
    "principals", ("agent.", "role.", "api_key.", "tenant."))


# ---------------------------------------------------------------- inputs

class RegisterInput(Input):
    organization_name: str = Field(min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)


class LoginInput(Input):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=256)


@dataclass(slots=True)
class Session:
    token: str
    expires_at: datetime
    agent: Agent
    tenant: Tenant | None = None


# ---------------------------------------------------------------- helpers

def role_permissions(role: Role) -> frozenset[str]:
    if role.is_builtin:
        return builtin_permissions(role.key)
    from resolvers._perms import PERMISSIONS

    return frozenset(p for p in (role.permissions or []) if p in PERMISSIONS)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_taken() -> Conflict:
    return Conflict("An account with this email already exists", details=[{"field": "email", "message": "already registered"}])


def _slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return (slug or "org")[:60]


async def _unique_slug(name: str) -> str:
    base = _slugify(name)
    slug = base
    while await Tenant.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


async def _create_tenant(name: str) -> Tenant:
    slug = await _unique_slug(name)
    for _ in range(3):
        try:
            # A savepoint: on PostgreSQL a failed INSERT would otherwise abort the whole sign-up.
            async with in_transaction():
                return await Tenant.create(name=name, slug=slug)
        except IntegrityError:
            # Two sign-ups with one organization name at once both found the slug free.
            slug = f"{_slugify(name)}-{secrets.token_hex(3)}"
    raise Conflict("Could not reserve a slug for the organization; try again")


def issue_token(
    *, subject: uuid.UUID, tenant_id: uuid.UUID | None, session_id: str, kind: str = "agent",
    impersonator_id: uuid.UUID | None = None,
) -> tuple[str, datetime]:
    settings = services.settings
    now = datetime.now(UTC)
    expires = now + timedelta(seconds=settings.jwt_ttl_seconds)
    claims: dict[str, Any] = {
        "sub": str(subject),
        "tid": str(tenant_id) if tenant_id else None,
        "sid": session_id,
        "jti": uuid.uuid4().hex,
        "typ": kind,
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
    }
    if impersonator_id:
        claims["imp"] = str(impersonator_id)
    return jwt.encode(claims, settings.jwt_secret, algorithm=JWT_ALGORITHM), expires


# Tokens whose signature this process has verified -> their claims: checking an HS256 signature
# was 7% of a small request, and a client sends the same token again and again. Only `exp` is
# checked again; revocation is the principals cache's business.
_verified_tokens: dict[str, dict[str, Any]] = {}
MAX_VERIFIED_TOKENS = 20_000


def forget_verified_tokens() -> None:
    """At start-up: a new runtime may sign with another secret."""
    _verified_tokens.clear()


def decode_token(token: str) -> dict[str, Any]:
    claims = _verified_tokens.get(token)
    if claims is not None:
        if claims["exp"] <= time.time():
            _verified_tokens.pop(token, None)
            raise Unauthenticated("The session has expired")
        return claims
    try:
        claims = jwt.decode(
            token,
            services.settings.jwt_secret,
            algorithms=[JWT_ALGORITHM],
            options={"require": ["sub", "sid", "jti", "exp", "typ"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("The session has expired") from None
    except jwt.PyJWTError:
        raise Unauthenticated("Invalid token") from None
    if len(_verified_tokens) >= MAX_VERIFIED_TOKENS:  # oldest first: dicts keep insertion order
        for old in list(_verified_tokens)[: MAX_VERIFIED_TOKENS // 10]:
            del _verified_tokens[old]
    _verified_tokens[token] = claims
    return claims


async def _start_session(agent: Agent) -> tuple[str, datetime]:
    return issue_token(subject=agent.id, tenant_id=agent.tenant_id, session_id=uuid.uuid4().hex)


# ---------------------------------------------------------------- authenticate

async def authenticate(
    *, bearer: str | None = None, cookie: str | None = None, api_key: str | None = None,
    request_id: str | None = None, client_ip: str | None = None,
) -> Ctx:
    """The Ctx for a request's credentials; anonymous when there are none. A credential that
    is present but wrong is an error, never silently anonymous."""
    if api_key:
        return await _authenticate_api_key(api_key, request_id, client_ip)
    token = bearer or cookie
    if not token:
        return Ctx.anonymous(request_id, client_ip)
    claims = decode_token(token)
    if claims["typ"] != "agent":
        raise Unauthenticated("Invalid token")
    try:
        # .get: a well-signed token without `tid` is malformed, not a server error.
        agent_id, tenant_id = uuid.UUID(claims["sub"]), uuid.UUID(claims.get("tid"))
    except (TypeError, ValueError):
        raise Unauthenticated("Invalid token") from None
    principal = await _session_principal(claims["sid"], agent_id, tenant_id)
    imp = claims.get("imp")
    return Ctx(
        actor_type="agent",
        tenant_id=tenant_id,
        actor_id=principal.agent_id,
        role=principal.role,
        permissions=principal.permissions,
        session_id=claims["sid"],
        impersonator_id=uuid.UUID(imp) if imp else None,
        request_id=request_id or uuid.uuid4().hex,
        client_ip=client_ip,
    )


async def _session_principal(session_id: str, agent_id: uuid.UUID, tenant_id: uuid.UUID) -> Principal:
    principal = await principals.get_or_load(("session", session_id, agent_id, tenant_id),
                                             lambda: _resolve_session(session_id, agent_id, tenant_id))
    assert principal is not None  # _resolve_session raises rather than answering None
    return principal


async def _resolve_session(session_id: str, agent_id: uuid.UUID, tenant_id: uuid.UUID) -> Principal:
    if await RevokedToken.filter(token_id=session_id).exists():
        raise Unauthenticated("The session has ended")
    probe = Ctx(actor_type="system", tenant_id=tenant_id)
    agent = await scoped(probe, Agent).filter(id=agent_id, deleted_at=None).select_related("role", "tenant").first()
    if agent is None or agent.account_status != "active" or agent.tenant.status != "active":
        raise Unauthenticated("The account is not active")
    return Principal(tenant_id, agent.id, agent.role.key, role_permissions(agent.role))


def hash_api_key(secret: str) -> str:
    # The secret carries 256 random bits, so a fast hash is enough (unlike passwords).
    return hashlib.sha256(secret.encode()).hexdigest()


async def _authenticate_api_key(raw: str, request_id: str | None, client_ip: str | None) -> Ctx:
    if not raw.startswith(API_KEY_PREFIX):
        raise Unauthenticated("Invalid API key")
    key_hash = hash_api_key(raw)
    cache_key = ("api_key", key_hash)
    now = datetime.now(UTC)
    principal = principals.get(cache_key)
    if principal is not None and principal.key_expires_at is not None and principal.key_expires_at <= now:
        principals.forget(cache_key)
        raise Unauthenticated("Invalid API key")
    if principal is None or now - principal.key_last_used_at >= API_KEY_TOUCH_INTERVAL:
        # A miss, or time to record that the key is in use: both read the key afresh.
        principal = await principals.load(cache_key, lambda: _resolve_api_key(now, key_hash=key_hash))
        assert principal is not None
    return Ctx(
        actor_type="api_key",
        tenant_id=principal.tenant_id,
        actor_id=principal.agent_id,
        role=principal.role,
        permissions=principal.permissions,
        api_key_id=principal.api_key_id,
        request_id=request_id or uuid.uuid4().hex,
        client_ip=client_ip,
    )


async def _resolve_api_key(now: datetime, **lookup: Any) -> Principal:
    """The key (by `key_hash`, or by `id` for a live subscription's re-check) and its owner."""
    key = (
        await unscoped(ApiKey)
        .filter(**lookup, revoked_at=None)
        .select_related("agent", "agent__role", "agent__tenant")
        .first()
    )
    if key is None or (key.expires_at is not None and key.expires_at <= now):
        raise Unauthenticated("Invalid API key")
    agent = key.agent
    if agent.deleted_at is not None or agent.account_status != "active" or agent.tenant.status != "active":
        raise Unauthenticated("The key's owner is not active")
    permissions = role_permissions(agent.role)
    if key.permissions is not None:  # a key only ever narrows its owner's permissions
        permissions = permissions & frozenset(key.permissions)
    last_used = key.last_used_at
    if last_used is None or now - last_used > API_KEY_TOUCH_INTERVAL:
        await unscoped(ApiKey).filter(id=key.id).update(last_used_at=now)
        last_used = now
    return Principal(agent.tenant_id, agent.id, agent.role.key, permissions,
                                api_key_id=key.id, key_expires_at=key.expires_at, key_last_used_at=last_used)


# ---------------------------------------------------------------- register / login

@transactional
async def register(ctx: Ctx, data: RegisterInput) -> Session:
    data = parse(RegisterInput, data)
    check_password_policy(data.password)
    email = normalise_email(data.email)
    if await unscoped(Agent).filter(email=email).exists():
        raise email_taken()
    tenant = await _create_tenant(data.organization_name)
    ctx.tenant_id = tenant.id
    roles = await create_builtin_roles(ctx)
    try:
        agent = await new_scoped(
            ctx, Agent, name=data.name, email=email, password_hash=hash_password(data.password), role=roles["admin"]
        )
    except IntegrityError:
        # Two sign-ups with one email at once both pass the check above; the unique index
        # decides, and the loser gets the same 409 (not a 500).
        raise email_taken() from None
    agent.role = roles["admin"]
    ctx.actor_type, ctx.actor_id = "agent", agent.id
    ctx.record("tenant.created", {"tenant_id": str(tenant.id), "name": tenant.name, "slug": tenant.slug})
    ctx.record("agent.created", {"agent_id": str(agent.id), "role": "admin"})
    token, expires = await _start_session(agent)
    return Session(token, expires, agent, tenant)


async def create_builtin_roles(ctx: Ctx) -> dict[str, Role]:
    roles = {}
    for key, (name, description) in BUILTIN_ROLES.items():
        roles[key] = await new_scoped(ctx, Role, key=key, name=name, description=description, is_builtin=True)
    return roles


async def _throttle_keys(email: str, client_ip: str | None) -> list[tuple[str, int]]:
    settings = services.settings
    keys = [(f"login:email:{email}", settings.login_max_failures)]
    if client_ip:
        keys.append((f"login:ip:{client_ip}", settings.login_max_failures_per_ip))
    return keys


@transactional
async def login(ctx: Ctx, data: LoginInput) -> Session:
    data = parse(LoginInput, data)
    email = normalise_email(data.email)
    kv = services.kv
    keys = await _throttle_keys(email, ctx.client_ip)
    for key, limit in keys:
        if await kv.get(key) >= limit:
            retry = await kv.ttl(key)
            raise RateLimited("Too many failed logins; try again later", retry_after=retry)
    agent = await unscoped(Agent).filter(email=email, deleted_at=None).select_related("role", "tenant").first()
    ok = verify_password(agent.password_hash if agent else None, data.password)
    if not ok or agent is None or agent.account_status != "active" or agent.tenant.status != "active":
        for key, _ in keys:
            await kv.incr(key, services.settings.login_lockout_seconds)
        # One answer for unknown email, wrong password and inactive account.
        raise Unauthenticated("Invalid email or password")
    await kv.delete(keys[0][0])
    ctx.tenant_id, ctx.actor_type, ctx.actor_id = agent.tenant_id, "agent", agent.id
    ctx.record("agent.logged_in", {"agent_id": str(agent.id)})
    token, expires = await _start_session(agent)
    return Session(token, expires, agent, agent.tenant)


async def me(ctx: Ctx) -> Agent:
    ctx.require_tenant()
    if ctx.agent_id is None:
        raise Unauthenticated()
    agent = await scoped(ctx, Agent).filter(id=ctx.agent_id).select_related("role").first()
    if agent is None:
        raise Unauthenticated()
    agent.effective_permissions = ctx.permissions  # an API key may hold fewer than the role
    return agent


async def refresh(ctx: Ctx) -> Session:
    agent = await me(ctx)
    if ctx.session_id is None:
        raise BadRequest("Only a login session can be refreshed (API keys do not expire this way)")
    token, expires = issue_token(
        subject=agent.id, tenant_id=agent.tenant_id, session_id=ctx.session_id, impersonator_id=ctx.impersonator_id
    )
    return Session(token, expires, agent)


@transactional
async def logout(ctx: Ctx) -> dict[str, str]:
    if not ctx.is_authenticated:
        raise Unauthenticated()
    if ctx.session_id is None:
        raise BadRequest("API keys are revoked, not logged out")
    expires = datetime.now(UTC) + timedelta(seconds=services.settings.jwt_ttl_seconds)
    await RevokedToken.get_or_create(token_id=ctx.session_id, defaults={"expires_at": expires})
    ctx.record("agent.logged_out", {"agent_id": str(ctx.actor_id)})
    return {"message": "Logged out"}


SESSION_COOKIE = "omnistream_session"


async def authenticate_headers(
    headers: Any, cookies: Any, *, request_id: str | None = None, client_ip: str | None = None
) -> Ctx:
    """Credentials as both doors receive them: `Authorization: Bearer`, the session cookie,
    or `X-API-Key` (mappings with case-insensitive header lookup)."""
    authorization = headers.get("authorization") or ""
    scheme, _, value = authorization.partition(" ")
    if authorization and scheme.lower() != "bearer":
        raise Unauthenticated("Use 'Authorization: Bearer <token>' or X-API-Key")
    bearer, api_key, cookie = value.strip() or None, headers.get("x-api-key"), cookies.get(SESSION_COOKIE)
    if cookie and not bearer and not api_key:
        try:
            return await authenticate(cookie=cookie, request_id=request_id, client_ip=client_ip)
        except Unauthenticated:
            # The browser sends the cookie unasked, to login and register too: a session that
            # ended elsewhere (logout from another client, suspension) must not lock its owner
            # out of logging in again. Protected endpoints still refuse anonymous callers (401).
            return Ctx.anonymous(request_id, client_ip)
    return await authenticate(
        bearer=bearer, cookie=cookie, api_key=api_key, request_id=request_id, client_ip=client_ip,
    )


async def ensure_still_valid(ctx: Ctx) -> None:
    """Raise Unauthenticated when the credentials behind a long-lived ctx (a live subscription)
    no longer hold: session logged out, key revoked or expired, agent suspended or deleted.
    Otherwise bring its role and permissions up to date (an admin may have changed the role)."""
    if ctx.actor_type not in ("agent", "api_key"):
        return
    if ctx.session_id is not None:
        principal = await _session_principal(ctx.session_id, ctx.actor_id, ctx.tenant_id)
    elif ctx.api_key_id is not None:
        principal = await _resolve_api_key(datetime.now(UTC), id=ctx.api_key_id, tenant_id=ctx.tenant_id)
    else:
        return
    ctx.role, ctx.permissions = principal.role, principal.permissions
