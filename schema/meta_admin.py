"""Meta channel admin over GraphQL (WhatsApp number health, Messenger persistent menu): the
same resolvers as REST (resolvers.meta_admin); Graph errors surface as UPSTREAM_FAILED."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import meta_admin, meta_oauth
from schema._base import as_data, ctx_of


@strawberry.type(name="WhatsAppHealth")
class WhatsAppHealthType:
    integration_account_id: UUID
    phone_number_id: str
    display_phone_number: str | None
    verified_name: str | None
    quality_rating: str | None = strawberry.field(description="GREEN, YELLOW, RED or UNKNOWN (Meta's)")
    messaging_limit_tier: str | None = strawberry.field(description="e.g. TIER_1K (Meta's)")
    status: str | None
    checked_at: datetime

    @classmethod
    def from_view(cls, h: Any) -> WhatsAppHealthType:
        return cls(integration_account_id=h.integration_account_id, phone_number_id=h.phone_number_id,
                   display_phone_number=h.display_phone_number, verified_name=h.verified_name,
                   quality_rating=h.quality_rating, messaging_limit_tier=h.messaging_limit_tier,
                   status=h.status, checked_at=h.checked_at)


@strawberry.type(name="MessengerPersistentMenu")
class PersistentMenuType:
    integration_account_id: UUID
    page_id: str
    persistent_menu: JSON = strawberry.field(description="Meta's shape (snake_case keys); [] when the page has none")

    @classmethod
    def from_view(cls, m: Any) -> PersistentMenuType:
        return cls(integration_account_id=m.integration_account_id, page_id=m.page_id,
                   persistent_menu=list(m.persistent_menu))


@strawberry.type(name="MessengerPageSubscription")
class PageSubscriptionType:
    page_id: str
    integration_account_id: UUID
    subscribed: bool
    error: JSON | None = strawberry.field(description="Meta's code and message when this page failed")


@strawberry.type
class MessengerPagesSubscribedPayload:
    message: str
    pages: list[PageSubscriptionType]


@strawberry.type
class MessengerPageDisconnectedPayload:
    message: str
    page_id: str
    integration_account_id: UUID
    unsubscribed: bool = strawberry.field(description="False: Meta no longer accepted the page's token")
    default_integration_account_id: UUID | None


@strawberry.type(name="MetaOAuthConfig")
class OAuthConfigType:
    channel: str
    app_id: str
    redirect_uri: str
    scopes: list[str]
    state: str = strawberry.field(description="Send it back with the code (valid 15 minutes)")
    auth_url: str

    @classmethod
    def from_view(cls, c: Any) -> OAuthConfigType:
        return cls(channel=c.channel, app_id=c.app_id, redirect_uri=c.redirect_uri, scopes=list(c.scopes),
                   state=c.state, auth_url=c.auth_url)


@strawberry.type(name="MetaConnectedAccount")
class ConnectedAccountType:
    integration_account_id: UUID
    external_id: str
    page_id: str
    name: str
    created: bool = strawberry.field(description="False: already connected, its token was refreshed")


@strawberry.type
class MetaOAuthConnectedPayload:
    message: str
    channel: str
    accounts: list[ConnectedAccountType]


@strawberry.type(name="WhatsAppEmbeddedSignupConfig")
class EmbeddedSignupConfigType:
    app_id: str
    config_id: str
    graph_version: str
    state: str = strawberry.field(description="Send it back with the code (valid 15 minutes)")


@strawberry.type
class WhatsAppEmbeddedSignupPayload:
    message: str
    integration_account_id: UUID
    phone_number_id: str
    waba_id: str
    display_phone_number: str | None
    created: bool = strawberry.field(description="False: already connected, its token was refreshed")


@strawberry.input(name="WhatsAppEmbeddedSignupInput")
class EmbeddedSignupInput:
    code: str
    state: str
    waba_id: str
    phone_number_id: str
    pin: str = strawberry.field(description="The number's two-step verification PIN (6 digits)")
    name: str | None = strawberry.UNSET


@strawberry.type
class MetaAdminQuery:
    @strawberry.field(description="A WhatsApp number's health from Meta (default account unless one is named)")
    async def whatsapp_health(self, info: Info, integration_account_id: UUID | None = None) -> WhatsAppHealthType:
        health = await meta_admin.whatsapp_health(ctx_of(info), {"integration_account_id": integration_account_id})
        return WhatsAppHealthType.from_view(health)

    @strawberry.field(description="Facebook Login settings for connecting Messenger pages or Instagram accounts")
    async def meta_oauth_config(self, info: Info, channel: str) -> OAuthConfigType:
        config = await meta_oauth.oauth_config(ctx_of(info), channel)
        return OAuthConfigType.from_view(config)

    @strawberry.field(description="What the front end needs to open WhatsApp Embedded Signup")
    async def whatsapp_embedded_signup_config(self, info: Info) -> EmbeddedSignupConfigType:
        c = await meta_oauth.embedded_signup_config(ctx_of(info))
        return EmbeddedSignupConfigType(app_id=c.app_id, config_id=c.config_id, graph_version=c.graph_version,
                                        state=c.state)

    @strawberry.field(description="A Messenger page's persistent menu, read from Meta")
    async def messenger_persistent_menu(self, info: Info, integration_account_id: UUID | None = None
                                        ) -> PersistentMenuType:
        menu = await meta_admin.get_persistent_menu(ctx_of(info), {"integration_account_id": integration_account_id})
        return PersistentMenuType.from_view(menu)


def _account(integration_account_id: UUID | None) -> dict[str, Any]:
    return {"integration_account_id": integration_account_id} if integration_account_id else {}


@strawberry.type
class MetaAdminMutation:
    @strawberry.mutation(description="Replace a Messenger page's persistent menu at Meta (the same JSON as over REST)")
    async def set_messenger_persistent_menu(self, info: Info, persistent_menu: JSON,
                                            integration_account_id: UUID | None = None) -> PersistentMenuType:
        menu = await meta_admin.set_persistent_menu(ctx_of(info), {
            "action": "set", "persistent_menu": persistent_menu, **_account(integration_account_id)})
        return PersistentMenuType.from_view(menu)

    @strawberry.mutation(description="Remove a Messenger page's persistent menu at Meta")
    async def delete_messenger_persistent_menu(self, info: Info, integration_account_id: UUID | None = None
                                               ) -> PersistentMenuType:
        menu = await meta_admin.set_persistent_menu(ctx_of(info), {"action": "delete",
                                                                   **_account(integration_account_id)})
        return PersistentMenuType.from_view(menu)

    @strawberry.mutation(description="Subscribe the app to these pages' Messenger webhooks at Meta")
    async def subscribe_messenger_pages(self, info: Info, page_ids: list[str]) -> MessengerPagesSubscribedPayload:
        r = await meta_admin.subscribe_messenger_pages(ctx_of(info), {"page_ids": page_ids})
        return MessengerPagesSubscribedPayload(message=r["message"], pages=[
            PageSubscriptionType(page_id=p["page_id"], integration_account_id=UUID(p["integration_account_id"]),
                                 subscribed=p["subscribed"], error=p["error"]) for p in r["pages"]])

    @strawberry.mutation(description="Unsubscribe a page at Meta and delete its integration account")
    async def disconnect_messenger_page(self, info: Info, page_id: str) -> MessengerPageDisconnectedPayload:
        r = await meta_admin.disconnect_messenger_page(ctx_of(info), page_id)
        successor = r.get("default_integration_account_id")
        return MessengerPageDisconnectedPayload(
            message=r["message"], page_id=r["page_id"], integration_account_id=UUID(r["integration_account_id"]),
            unsubscribed=r["unsubscribed"], default_integration_account_id=UUID(successor) if successor else None)

    @strawberry.mutation(description="Connect Messenger pages or Instagram accounts with the code of Facebook Login")
    async def connect_meta_oauth(self, info: Info, channel: str, code: str, state: str,
                                 page_ids: list[str] | None = None) -> MetaOAuthConnectedPayload:
        data: dict[str, Any] = {"code": code, "state": state}
        if page_ids is not None:
            data["page_ids"] = page_ids
        r = await meta_oauth.oauth_connect(ctx_of(info), channel, data)
        return MetaOAuthConnectedPayload(message=r["message"], channel=r["channel"], accounts=[
            ConnectedAccountType(integration_account_id=UUID(a["integration_account_id"]), external_id=a["external_id"],
                                 page_id=a["page_id"], name=a["name"], created=a["created"]) for a in r["accounts"]])

    @strawberry.mutation(description="Complete WhatsApp Embedded Signup: register the number and connect it")
    async def complete_whatsapp_embedded_signup(self, info: Info, input: EmbeddedSignupInput
                                                ) -> WhatsAppEmbeddedSignupPayload:
        r = await meta_oauth.complete_embedded_signup(ctx_of(info), as_data(input))
        return WhatsAppEmbeddedSignupPayload(
            message=r["message"], integration_account_id=UUID(r["integration_account_id"]),
            phone_number_id=r["phone_number_id"], waba_id=r["waba_id"],
            display_phone_number=r["display_phone_number"], created=r["created"])
