"""Admin operations on a tenant's Meta channel accounts that go to the Graph API: the health of
a WhatsApp number and the persistent menu of a Messenger page.

Every call goes through the connector (services.graph, META_GRAPH_URL) with the account's own
token (resolvers.integrations.account_secrets). A Graph error is a 502 UPSTREAM_FAILED carrying
Meta's code and message, an expired or invalid token (code 190) flagged as such
(resolvers.templates._upstream, shared so both domains report Meta the same way). The account is
the one named by `integration_account_id`, else the tenant's default account of the channel;
another tenant's account is not found (404)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import AnyHttpUrl, ConfigDict, Field, field_validator, model_validator

from connectors import meta
from models.integrations import IntegrationAccount
from resolvers._context import Ctx
from resolvers._errors import NotFound, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._run import transactional
from resolvers._scope import scoped
from resolvers.integrations import account_secrets, default_account
from resolvers.templates import _graph, _upstream

PERMISSION = "integrations.manage"
HEALTH_FIELDS = "quality_rating,messaging_limit_tier,status,verified_name,display_phone_number"


class AccountParams(Input):
    # Query strings carry extras (cache busters): ignored, as in PageParams.
    model_config = ConfigDict(extra="ignore")

    integration_account_id: UUID | None = Field(
        None, description="The channel's account to use; absent: the tenant's default account of the channel")


async def _account(ctx: Ctx, channel: str, account_id: UUID | None) -> tuple[IntegrationAccount, str]:
    """(account, access token) of the named or the default account of the channel."""
    if account_id is not None:
        account = await scoped(ctx, IntegrationAccount).filter(id=account_id, channel=channel).first()
        if account is None:
            raise NotFound(f"no such {channel} integration account")
    else:
        account = await default_account(ctx, channel)
        if account is None:
            raise ValidationFailed(f"Connect a {channel} integration account first")
    token = account_secrets(account).get("access_token")
    if not token:
        raise ValidationFailed.field("integration_account_id", f"the {channel} account has no access token")
    return account, token


async def _call(method: str, path: str, token: str, *, params: dict[str, Any] | None = None,
                body: Any = None) -> dict[str, Any]:
    try:
        return await _graph().request(method, path, token, params=params, json_body=body)
    except meta.GraphError as exc:
        raise _upstream(exc) from None


# ---------------------------------------------------------------- WhatsApp health

@dataclass(frozen=True, slots=True)
class WhatsAppHealth:
    integration_account_id: UUID
    phone_number_id: str
    display_phone_number: str | None
    verified_name: str | None
    quality_rating: str | None  # GREEN | YELLOW | RED | UNKNOWN
    messaging_limit_tier: str | None  # TIER_50 ... TIER_UNLIMITED
    status: str | None  # CONNECTED, FLAGGED, RESTRICTED, ...
    checked_at: datetime


def _text(value: Any) -> str | None:
    return str(value)[:200] if value not in (None, "") else None


async def whatsapp_health(ctx: Ctx, params: AccountParams | dict | None = None) -> WhatsAppHealth:
    """What Meta says about the number now: quality rating, messaging limit tier, status."""
    ctx.require(PERMISSION)
    params = parse(AccountParams, params or {})
    account, token = await _account(ctx, "whatsapp", params.integration_account_id)
    answer = await _call("GET", account.external_id, token, params={"fields": HEALTH_FIELDS})
    return WhatsAppHealth(
        integration_account_id=account.id, phone_number_id=account.external_id,
        display_phone_number=_text(answer.get("display_phone_number")),
        verified_name=_text(answer.get("verified_name")), quality_rating=_text(answer.get("quality_rating")),
        messaging_limit_tier=_text(answer.get("messaging_limit_tier")), status=_text(answer.get("status")),
        checked_at=datetime.now(UTC),
    )


# ---------------------------------------------------------------- Messenger persistent menu

MAX_MENU_ITEMS = 20  # Meta's limit of top-level call_to_actions per locale


class MenuAction(Input):
    """One menu item: a postback (its payload comes back as a postback webhook) or a link."""

    type: Literal["postback", "web_url"]
    title: str = Field(min_length=1, max_length=30)
    payload: str | None = Field(None, min_length=1, max_length=1000, description="postback only")
    url: AnyHttpUrl | None = Field(None, description="web_url only (https)")
    webview_height_ratio: Literal["compact", "tall", "full"] | None = Field(None, description="web_url only")

    @model_validator(mode="after")
    def _fits_type(self) -> MenuAction:
        if self.type == "postback" and (not self.payload or self.url or self.webview_height_ratio):
            raise ValueError("a postback item needs `payload` and takes no `url` nor `webview_height_ratio`")
        if self.type == "web_url":
            if not self.url or self.payload:
                raise ValueError("a web_url item needs `url` and takes no `payload`")
            if self.url.scheme != "https":
                raise ValueError("`url` must be https (Meta refuses other links)")
        return self


class MenuLocale(Input):
    locale: str = Field(min_length=1, max_length=16, description='"default" or a locale such as en_US')
    composer_input_disabled: bool = Field(False, strict=True)
    call_to_actions: list[MenuAction] = Field(min_length=1, max_length=MAX_MENU_ITEMS)


class PersistentMenuInput(Input):
    """`action` "set" (default) replaces the page's menu with `persistent_menu`; "delete" removes it."""

    action: Literal["set", "delete"] = "set"
    persistent_menu: list[MenuLocale] | None = Field(None, min_length=1, max_length=100)
    integration_account_id: UUID | None = Field(
        None, description="The Messenger account (page) to use; absent: the tenant's default one")

    @model_validator(mode="after")
    def _fits_action(self) -> PersistentMenuInput:
        if self.action == "delete":
            if self.persistent_menu is not None:
                raise ValueError("`persistent_menu` is not taken when `action` is delete")
            return self
        if not self.persistent_menu:
            raise ValueError("`persistent_menu` is required to set the menu")
        locales = [m.locale for m in self.persistent_menu]
        if "default" not in locales:
            raise ValueError('the menu needs a "default" locale (Meta requires it)')
        if len(set(locales)) != len(locales):
            raise ValueError("each locale may appear once")
        return self


@dataclass(frozen=True, slots=True)
class PersistentMenu:
    integration_account_id: UUID
    page_id: str
    persistent_menu: list[dict[str, Any]]  # as Meta holds it; [] when the page has none


def _menu_of(answer: dict[str, Any]) -> list[dict[str, Any]]:
    data = answer.get("data")
    first = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
    menu = first.get("persistent_menu")
    return [m for m in menu if isinstance(m, dict)] if isinstance(menu, list) else []


async def get_persistent_menu(ctx: Ctx, params: AccountParams | dict | None = None) -> PersistentMenu:
    """The page's persistent menu, as Meta holds it."""
    ctx.require(PERMISSION)
    params = parse(AccountParams, params or {})
    account, token = await _account(ctx, "messenger", params.integration_account_id)
    answer = await _call("GET", "me/messenger_profile", token, params={"fields": "persistent_menu"})
    return PersistentMenu(account.id, account.external_id, _menu_of(answer))


@transactional
async def _record_menu(ctx: Ctx, type: str, menu: PersistentMenu) -> None:
    ctx.record(type, {"integration_account_id": str(menu.integration_account_id), "page_id": menu.page_id,
                      "locales": [m.get("locale") for m in menu.persistent_menu]})


async def set_persistent_menu(ctx: Ctx, data: PersistentMenuInput | dict) -> PersistentMenu:
    """Set (replace) or delete the page's persistent menu at Meta. Nothing is stored here: Meta
    holds the menu; the change is recorded as an event once Meta accepted it."""
    ctx.require(PERMISSION)
    data = parse(PersistentMenuInput, data)
    account, token = await _account(ctx, "messenger", data.integration_account_id)
    if data.action == "delete":
        await _call("DELETE", "me/messenger_profile", token, body={"fields": ["persistent_menu"]})
        menu = PersistentMenu(account.id, account.external_id, [])
        await _record_menu(ctx, "messenger_persistent_menu.deleted", menu)
        return menu
    items = [m.model_dump(mode="json", exclude_none=True) for m in data.persistent_menu or []]
    await _call("POST", "me/messenger_profile", token, body={"persistent_menu": items})
    menu = PersistentMenu(account.id, account.external_id, items)
    await _record_menu(ctx, "messenger_persistent_menu.updated", menu)
    return menu


# ---------------------------------------------------------------- Messenger pages: webhooks

# What the inbound pipeline (resolvers/webhooks.py) handles for Messenger.
SUBSCRIBED_FIELDS = ("messages,messaging_postbacks,message_deliveries,message_reads,message_echoes,messaging_referrals,"
                     "message_reactions")
MAX_PAGES = 50


class SubscribePagesInput(Input):
    page_ids: list[str] = Field(min_length=1, max_length=MAX_PAGES,
                                description="Facebook Page ids of the tenant's Messenger integration accounts")

    @field_validator("page_ids")
    @classmethod
    def _ids(cls, values: list[str]) -> list[str]:
        cleaned = list(dict.fromkeys(v.strip() for v in values))
        if any(not v or len(v) > 64 for v in cleaned):
            raise ValueError("each page id must be 1 to 64 characters")
        return cleaned


async def _pages(ctx: Ctx, page_ids: list[str]) -> list[IntegrationAccount]:
    """The tenant's Messenger accounts of these pages, in the given order; any other page
    (unknown, or another tenant's) is not found."""
    found = {a.external_id: a for a in await scoped(ctx, IntegrationAccount).filter(
        channel="messenger", external_id__in=page_ids)}
    missing = [p for p in page_ids if p not in found]
    if missing:
        raise NotFound("no Messenger integration account for these pages", details={"page_ids": missing})
    return [found[p] for p in page_ids]


@transactional
async def _record_subscribed(ctx: Ctx, accounts: list[IntegrationAccount]) -> None:
    for account in accounts:
        ctx.record("messenger_page.subscribed", {"integration_account_id": str(account.id),
                                                 "page_id": account.external_id, "fields": SUBSCRIBED_FIELDS})


async def subscribe_messenger_pages(ctx: Ctx, data: SubscribePagesInput | dict) -> dict[str, Any]:
    """Subscribe the app to each page's Messenger webhooks (POST /{page_id}/subscribed_apps with
    the page's token). Each page is its own call at Meta, so a failure cannot undo the others:
    the answer lists every page's outcome, and only when every page failed is it a 502."""
    ctx.require(PERMISSION)
    data = parse(SubscribePagesInput, data)
    accounts = await _pages(ctx, data.page_ids)
    results: list[dict[str, Any]] = []
    done: list[IntegrationAccount] = []
    first_error: meta.GraphError | None = None
    for account in accounts:
        token = account_secrets(account).get("access_token") or ""
        result: dict[str, Any] = {"page_id": account.external_id, "integration_account_id": str(account.id)}
        try:
            await _graph().request("POST", f"{account.external_id}/subscribed_apps", token,
                                   params={"subscribed_fields": SUBSCRIBED_FIELDS})
        except meta.GraphError as exc:
            first_error = first_error or exc
            results.append(result | {"subscribed": False, "error": _upstream(exc).details})
            continue
        done.append(account)
        results.append(result | {"subscribed": True, "error": None})
    if done:
        await _record_subscribed(ctx, done)
    elif first_error is not None:
        raise _upstream(first_error)
    return {"message": f"{len(done)} of {len(accounts)} pages subscribed", "pages": results}


async def disconnect_messenger_page(ctx: Ctx, page_id: str) -> dict[str, Any]:
    """Unsubscribe the app from the page at Meta (DELETE /{page_id}/subscribed_apps), then delete
    its integration account (conversations keep their history). A token Meta no longer accepts
    (code 190) cannot unsubscribe anything, and is the usual reason to disconnect: the account is
    deleted anyway and `unsubscribed` is false. Any other Graph error is a 502 and changes nothing."""
    from resolvers.integrations import delete_integration_account  # the one way accounts go

    ctx.require(PERMISSION)
    [account] = await _pages(ctx, [page_id.strip()])
    token = account_secrets(account).get("access_token") or ""
    unsubscribed = True
    try:
        await _graph().request("DELETE", f"{account.external_id}/subscribed_apps", token)
    except meta.GraphError as exc:
        if not exc.token_expired:
            raise _upstream(exc) from None
        unsubscribed = False
    deleted = await delete_integration_account(ctx, account.id)
    return {**deleted, "message": "Messenger page disconnected", "page_id": account.external_id,
            "unsubscribed": unsubscribed}
