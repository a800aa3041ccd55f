from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from rest_compat.presenters._base import MessageOut, Presenter, iso


class WhatsAppHealthOut(Presenter):
    """What Meta's Graph API says about a WhatsApp number at `checked_at`."""

    integration_account_id: UUID
    phone_number_id: str
    display_phone_number: str | None
    verified_name: str | None
    quality_rating: str | None
    messaging_limit_tier: str | None
    status: str | None
    checked_at: datetime

    @classmethod
    def present(cls, h: Any) -> dict[str, Any]:
        return {
            "integration_account_id": str(h.integration_account_id), "phone_number_id": h.phone_number_id,
            "display_phone_number": h.display_phone_number, "verified_name": h.verified_name,
            "quality_rating": h.quality_rating, "messaging_limit_tier": h.messaging_limit_tier,
            "status": h.status, "checked_at": iso(h.checked_at),
        }


class PersistentMenuOut(Presenter):
    """A Messenger page's persistent menu as Meta holds it ([] when it has none)."""

    integration_account_id: UUID
    page_id: str
    persistent_menu: list[dict[str, Any]]

    @classmethod
    def present(cls, m: Any) -> dict[str, Any]:
        return {"integration_account_id": str(m.integration_account_id), "page_id": m.page_id,
                "persistent_menu": list(m.persistent_menu)}


class PageSubscriptionOut(BaseModel):
    page_id: str
    integration_account_id: UUID
    subscribed: bool
    error: dict[str, Any] | None  # Meta's code and message when this page failed


class SubscribedPagesOut(Presenter):
    """Every page's outcome (a 502 only when every page failed)."""

    message: str
    pages: list[PageSubscriptionOut]

    @classmethod
    def present(cls, r: Any) -> dict[str, Any]:
        return {"message": r["message"], "pages": list(r["pages"])}


class PageDisconnectedOut(MessageOut):
    page_id: str
    integration_account_id: UUID
    unsubscribed: bool  # false: Meta no longer accepted the page's token (the account is deleted anyway)


class OAuthConfigOut(Presenter):
    """What the front end needs to open Meta's login dialog; send `state` back with the code."""

    channel: str
    app_id: str
    redirect_uri: str
    scopes: list[str]
    state: str
    auth_url: str

    @classmethod
    def present(cls, c: Any) -> dict[str, Any]:
        return {"channel": c.channel, "app_id": c.app_id, "redirect_uri": c.redirect_uri, "scopes": list(c.scopes),
                "state": c.state, "auth_url": c.auth_url}


class ConnectedAccountOut(BaseModel):
    integration_account_id: UUID
    external_id: str
    page_id: str
    name: str
    created: bool  # false: already connected, its token was refreshed


class OAuthConnectedOut(Presenter):
    message: str
    channel: str
    accounts: list[ConnectedAccountOut]

    @classmethod
    def present(cls, r: Any) -> dict[str, Any]:
        return {"message": r["message"], "channel": r["channel"], "accounts": list(r["accounts"])}


class EmbeddedSignupConfigOut(Presenter):
    """For FB.login with config_id (WhatsApp Embedded Signup); send `state` back with the code."""

    app_id: str
    config_id: str
    graph_version: str
    state: str

    @classmethod
    def present(cls, c: Any) -> dict[str, Any]:
        return {"app_id": c.app_id, "config_id": c.config_id, "graph_version": c.graph_version, "state": c.state}


class EmbeddedSignupDoneOut(MessageOut):
    integration_account_id: UUID
    phone_number_id: str
    waba_id: str
    display_phone_number: str | None
    created: bool  # false: the number was already connected, its token was refreshed
