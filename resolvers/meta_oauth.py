"""Connecting Messenger pages and Instagram accounts with Facebook Login (OAuth).

GET .../{messenger,instagram}/oauth gives the front end what it needs to send the admin to
Meta's login dialog: the app id, the redirect URI, the scopes and a `state` that binds the
round trip to this tenant and channel (sealed with the settings' encryption key, valid
STATE_TTL_SECONDS). POST .../oauth takes the `code` Meta sent back with that `state`, exchanges it
for a user token (GET /oauth/access_token), lists the pages the user manages (GET /me/accounts,
with each page's own token and linked Instagram account) and stores each page (Messenger) or
each linked Instagram account (Instagram) as an integration account of the tenant: created, or
for one already connected, its token refreshed. All of it in one transaction: a page connected
to another tenant (409) leaves nothing half-connected.

Configuration: META_APP_ID, META_APP_SECRET and META_OAUTH_REDIRECT_URI; without them both routes
answer 503 UNAVAILABLE. Every Graph call goes through the connector (META_GRAPH_URL)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import orjson
from cryptography.fernet import InvalidToken
from pydantic import Field, field_validator

from connectors import meta
from connectors.hub import services
from models.integrations import IntegrationAccount
from resolvers._context import Ctx
from resolvers._errors import DomainError, ErrorCode, UpstreamFailed, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._run import transactional
from resolvers._scope import scoped
from resolvers._secrets import _fernet
from resolvers.integrations import create_integration_account, update_integration_account
from resolvers.templates import _graph, _upstream

PERMISSION = "integrations.manage"
STATE_TTL_SECONDS = 15 * 60
DIALOG_URL = "https://www.facebook.com/{version}/dialog/oauth"
SCOPES: dict[str, tuple[str, ...]] = {
    "messenger": ("pages_show_list", "pages_messaging", "pages_manage_metadata"),
    "instagram": ("instagram_basic", "instagram_manage_messages", "pages_show_list", "pages_manage_metadata"),
}
PAGE_FIELDS = "id,name,access_token,instagram_business_account{id,username}"


@dataclass(frozen=True, slots=True)
class OAuthConfig:
    channel: str
    app_id: str
    redirect_uri: str
    scopes: list[str]
    state: str
    auth_url: str


class OAuthConnectInput(Input):
    code: str = Field(min_length=1, max_length=4096, description="The `code` Meta sent to the redirect URI")
    state: str = Field(min_length=1, max_length=2048, description="The `state` of GET .../oauth, as Meta returned it")
    page_ids: list[str] | None = Field(
        None, min_length=1, max_length=100,
        description="Only these Facebook Pages (ids); absent: every page the user manages")

    @field_validator("page_ids")
    @classmethod
    def _ids(cls, values: list[str] | None) -> list[str] | None:
        if values is None:
            return None
        cleaned = list(dict.fromkeys(v.strip() for v in values))
        if any(not v or len(v) > 64 for v in cleaned):
            raise ValueError("each page id must be 1 to 64 characters")
        return cleaned


def _channel(channel: str) -> str:
    if channel not in SCOPES:
        raise ValidationFailed.field("channel", "must be messenger or instagram")
    return channel


def _app() -> tuple[str, str, str]:
    settings = services.settings
    app_id = getattr(settings, "meta_app_id", None)
    secret = getattr(settings, "meta_app_secret", None)
    redirect = getattr(settings, "meta_oauth_redirect_uri", None)
    if not (app_id and secret and redirect):
        raise DomainError("Facebook Login is not configured: set META_APP_ID, META_APP_SECRET and "
                          "META_OAUTH_REDIRECT_URI", code=ErrorCode.UNAVAILABLE)
    return app_id, secret, redirect


def _version() -> str:
    last = urlsplit(_graph().base_url).path.rstrip("/").rsplit("/", 1)[-1]
    return last if re.fullmatch(r"v\d+\.\d+", last) else "v25.0"


def _state(ctx: Ctx, channel: str) -> str:
    claims = {"t": str(ctx.require_tenant()), "c": channel, "n": uuid.uuid4().hex}
    return _fernet().encrypt(orjson.dumps(claims)).decode()


def _check_state(ctx: Ctx, channel: str, state: str) -> None:
    try:
        claims = orjson.loads(_fernet().decrypt(state.encode(), ttl=STATE_TTL_SECONDS))
    except (InvalidToken, ValueError, TypeError):
        raise ValidationFailed.field("state", "invalid or expired; start again from GET .../oauth") from None
    if not isinstance(claims, dict) or claims.get("t") != str(ctx.require_tenant()) or claims.get("c") != channel:
        raise ValidationFailed.field("state", "was issued for another organization or channel")


async def oauth_config(ctx: Ctx, channel: str) -> OAuthConfig:
    ctx.require(PERMISSION)
    channel = _channel(channel)
    app_id, _, redirect = _app()
    scopes = list(SCOPES[channel])
    state = _state(ctx, channel)
    query = urlencode({"client_id": app_id, "redirect_uri": redirect, "state": state,
                       "scope": ",".join(scopes), "response_type": "code"})
    return OAuthConfig(channel, app_id, redirect, scopes, state, f"{DIALOG_URL.format(version=_version())}?{query}")


async def messenger_oauth_config(ctx: Ctx) -> OAuthConfig:
    return await oauth_config(ctx, "messenger")


async def instagram_oauth_config(ctx: Ctx) -> OAuthConfig:
    return await oauth_config(ctx, "instagram")


async def _graph_get(path: str, token: str, params: dict[str, Any]) -> dict[str, Any]:
    try:
        return await _graph().get(path, token, params)
    except meta.GraphError as exc:
        raise _upstream(exc) from None


def _connectable(channel: str, pages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """(external id, name, token, page id) of what the channel stores for each page."""
    found = []
    for page in pages:
        page_id, token = page.get("id"), page.get("access_token")
        if not isinstance(page_id, str | int) or not isinstance(token, str) or not token:
            continue
        name = str(page.get("name") or page_id)[:200]
        if channel == "messenger":
            found.append({"external_id": str(page_id), "name": name, "token": token, "page_id": str(page_id)})
            continue
        ig = page.get("instagram_business_account")
        if isinstance(ig, dict) and ig.get("id"):
            ig_name = str(ig.get("username") or name)[:200]
            found.append({"external_id": str(ig["id"]), "name": ig_name, "token": token, "page_id": str(page_id)})
    return found


@transactional
async def _store(ctx: Ctx, channel: str, found: list[dict[str, str]]) -> list[dict[str, Any]]:
    existing = {a.external_id: a for a in await scoped(ctx, IntegrationAccount).filter(
        channel=channel, external_id__in=[f["external_id"] for f in found])}
    stored = []
    for item in found:
        account = existing.get(item["external_id"])
        if account is not None:
            changes: dict[str, Any] = {"access_token": item["token"]}
            if channel == "instagram":
                changes["page_id"] = item["page_id"]
            account = await update_integration_account(ctx, account.id, changes)
            created = False
        else:
            body: dict[str, Any] = {"channel": channel, "name": item["name"], "access_token": item["token"]}
            body |= {"page_id": item["page_id"]} if channel == "messenger" else {
                "instagram_account_id": item["external_id"], "page_id": item["page_id"]}
            account = await create_integration_account(ctx, body)
            created = True
        stored.append({"integration_account_id": str(account.id), "external_id": account.external_id,
                       "page_id": item["page_id"], "name": account.name, "created": created})
    return stored


async def oauth_connect(ctx: Ctx, channel: str, data: OAuthConnectInput | dict) -> dict[str, Any]:
    ctx.require(PERMISSION)
    channel = _channel(channel)
    app_id, secret, redirect = _app()
    data = parse(OAuthConnectInput, data)
    _check_state(ctx, channel, data.state)
    # The code exchange is authenticated by the app itself (app access token + client_secret).
    exchanged = await _graph_get("oauth/access_token", f"{app_id}|{secret}", {
        "client_id": app_id, "client_secret": secret, "redirect_uri": redirect, "code": data.code})
    user_token = exchanged.get("access_token")
    if not isinstance(user_token, str) or not user_token:
        raise UpstreamFailed("Meta's code exchange returned no access token")
    listed = await _graph_get("me/accounts", user_token, {"fields": PAGE_FIELDS, "limit": 100})
    pages = [p for p in listed.get("data") or [] if isinstance(p, dict)]
    if data.page_ids is not None:
        known = {str(p.get("id")) for p in pages}
        missing = [p for p in data.page_ids if p not in known]
        if missing:
            raise ValidationFailed.field("page_ids", f"the Facebook user does not manage these pages: {missing}")
        pages = [p for p in pages if str(p.get("id")) in set(data.page_ids)]
    found = _connectable(channel, pages)
    if not found:
        what = "pages" if channel == "messenger" else "pages linked to an Instagram professional account"
        raise ValidationFailed(f"The Facebook user manages no {what} to connect")
    stored = await _store(ctx, channel, found)
    return {"message": f"{len(stored)} {channel} account(s) connected", "channel": channel, "accounts": stored}


async def messenger_oauth_connect(ctx: Ctx, data: OAuthConnectInput | dict) -> dict[str, Any]:
    return await oauth_connect(ctx, "messenger", data)


async def instagram_oauth_connect(ctx: Ctx, data: OAuthConnectInput | dict) -> dict[str, Any]:
    return await oauth_connect(ctx, "instagram", data)


# ---------------------------------------------------------------- WhatsApp Embedded Signup

@dataclass(frozen=True, slots=True)
class EmbeddedSignupConfig:
    app_id: str
    config_id: str
    graph_version: str
    state: str


class EmbeddedSignupInput(Input):
    """What the front end has once the Embedded Signup popup closed: the code of FB.login and the
    ids of the session-info message (WA_EMBEDDED_SIGNUP / FINISH)."""

    code: str = Field(min_length=1, max_length=4096)
    state: str = Field(min_length=1, max_length=2048, description="The `state` of GET .../embedded-signup")
    waba_id: str = Field(min_length=1, max_length=64, pattern=r"^\d+$")
    phone_number_id: str = Field(min_length=1, max_length=64, pattern=r"^\d+$")
    pin: str = Field(pattern=r"^\d{6}$", description="The number's two-step verification PIN (6 digits), set on register")
    name: str | None = Field(None, min_length=1, max_length=200, description="Default: Meta's verified name")


async def embedded_signup_config(ctx: Ctx) -> EmbeddedSignupConfig:
    ctx.require(PERMISSION)
    app_id, _, _ = _app()
    config_id = getattr(services.settings, "meta_embedded_signup_config_id", None)
    if not config_id:
        raise DomainError("WhatsApp Embedded Signup is not configured: set META_EMBEDDED_SIGNUP_CONFIG_ID",
                          code=ErrorCode.UNAVAILABLE)
    return EmbeddedSignupConfig(app_id, config_id, _version(), _state(ctx, "whatsapp"))


async def _graph_post(path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    try:
        return await _graph().post(path, token, body)
    except meta.GraphError as exc:
        raise _upstream(exc) from None


@transactional
async def _store_number(ctx: Ctx, data: EmbeddedSignupInput, token: str, number: dict[str, Any]
                        ) -> tuple[IntegrationAccount, bool]:
    display = str(number.get("display_phone_number") or data.phone_number_id)[:32]
    existing = await scoped(ctx, IntegrationAccount).filter(channel="whatsapp",
                                                            external_id=data.phone_number_id).first()
    if existing is not None:
        changes = {"access_token": token, "waba_id": data.waba_id, "display_phone_number": display}
        return await update_integration_account(ctx, existing.id, changes), False
    name = data.name or str(number.get("verified_name") or display)[:200]
    return await create_integration_account(ctx, {
        "channel": "whatsapp", "name": name, "phone_number_id": data.phone_number_id, "waba_id": data.waba_id,
        "display_phone_number": display, "access_token": token}), True


async def complete_embedded_signup(ctx: Ctx, data: EmbeddedSignupInput | dict) -> dict[str, Any]:
    """Exchange the code for the business's token, read the number, register it for the Cloud API
    (POST /{phone_number_id}/register with the PIN), subscribe the app to the WABA's webhooks
    (POST /{waba_id}/subscribed_apps), then store it as a WhatsApp integration account (or refresh
    the token of the one already connected). A Graph error at any step is a 502 and stores nothing;
    the steps at Meta are idempotent, so the admin can simply retry."""
    ctx.require(PERMISSION)
    app_id, secret, _ = _app()
    data = parse(EmbeddedSignupInput, data)
    _check_state(ctx, "whatsapp", data.state)
    exchanged = await _graph_get("oauth/access_token", f"{app_id}|{secret}", {
        "client_id": app_id, "client_secret": secret, "code": data.code})
    token = exchanged.get("access_token")
    if not isinstance(token, str) or not token:
        raise UpstreamFailed("Meta's code exchange returned no access token")
    number = await _graph_get(data.phone_number_id, token, {"fields": "display_phone_number,verified_name"})
    await _graph_post(f"{data.phone_number_id}/register", token, {"messaging_product": "whatsapp", "pin": data.pin})
    await _graph_post(f"{data.waba_id}/subscribed_apps", token, {})
    account, created = await _store_number(ctx, data, token, number)
    return {"message": "WhatsApp number connected" if created else "WhatsApp number reconnected",
            "integration_account_id": str(account.id), "phone_number_id": account.external_id,
            "waba_id": data.waba_id, "display_phone_number": (account.config or {}).get("display_phone_number"),
            "created": created}
