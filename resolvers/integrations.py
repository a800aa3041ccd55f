"""Integration accounts: a tenant's credentials for one provider account of a channel (a
WhatsApp number today; Messenger pages, Instagram accounts and mailboxes later).

Channels plug in through CHANNELS: a channel brings its create and update input models and
says which field names the provider account (routes inbound webhooks, unique across tenants)
and which fields are secrets (sealed at rest, only ever returned masked). Every other field of
its create model is non-secret configuration, stored in `config`."""

from __future__ import annotations

import functools
import hashlib
import hmac
import operator
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import EmailStr, Field, RootModel, SecretStr, field_validator
from tortoise.exceptions import IntegrityError

from models.integrations import IntegrationAccount
from models.tenants import Tenant
from resolvers._context import Ctx
from resolvers._errors import Conflict, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped, unscoped
from resolvers._secrets import mask, seal, unseal

PERMISSION = "integrations.manage"


# ---------------------------------------------------------------- inputs, per channel


class AccountCreate(Input):
    """What every channel's create model has; a channel narrows `channel` to its Literal."""

    channel: str
    name: str = Field(min_length=1, max_length=200)


class AccountUpdate(Input):
    """PATCH semantics: an absent field is unchanged. `null` clears an optional field (for
    instance a WhatsApp `app_secret`) and leaves a required one unchanged."""

    name: str | None = Field(None, min_length=1, max_length=200)


class WhatsAppAccountCreate(AccountCreate):
    channel: Literal["whatsapp"]
    phone_number_id: str = Field(min_length=1, max_length=64, description="Meta's phone number id; routes inbound webhooks")
    waba_id: str = Field(min_length=1, max_length=64, description="WhatsApp Business Account id")
    display_phone_number: str = Field(min_length=1, max_length=32)
    access_token: SecretStr = Field(min_length=1, max_length=4096, description="Graph API token; returned masked only")
    app_secret: SecretStr | None = Field(
        None, min_length=1, max_length=256,
        description="Meta app secret that signs this number's webhooks; absent: the platform's META_APP_SECRET",
    )


class WhatsAppAccountUpdate(AccountUpdate):
    phone_number_id: str | None = Field(None, min_length=1, max_length=64)
    waba_id: str | None = Field(None, min_length=1, max_length=64)
    display_phone_number: str | None = Field(None, min_length=1, max_length=32)
    access_token: SecretStr | None = Field(None, min_length=1, max_length=4096)
    app_secret: SecretStr | None = Field(None, min_length=1, max_length=256, description="null removes it")


class MessengerAccountCreate(AccountCreate):
    channel: Literal["messenger"]
    page_id: str = Field(min_length=1, max_length=64, description="Facebook Page id; routes inbound webhooks")
    access_token: SecretStr = Field(min_length=1, max_length=4096, description="Page access token; returned masked only")
    app_secret: SecretStr | None = Field(
        None, min_length=1, max_length=256,
        description="Meta app secret that signs this page's webhooks; absent: the platform's META_APP_SECRET",
    )
    human_agent_tag: bool = Field(
        False, description="The app may use the HUMAN_AGENT tag: replies allowed for 7 days instead of 24 h",
    )


class MessengerAccountUpdate(AccountUpdate):
    page_id: str | None = Field(None, min_length=1, max_length=64)
    access_token: SecretStr | None = Field(None, min_length=1, max_length=4096)
    app_secret: SecretStr | None = Field(None, min_length=1, max_length=256, description="null removes it")
    human_agent_tag: bool | None = None


class InstagramAccountCreate(AccountCreate):
    channel: Literal["instagram"]
    instagram_account_id: str = Field(min_length=1, max_length=64,
                                      description="Instagram professional account id; routes inbound webhooks")
    page_id: str | None = Field(None, min_length=1, max_length=64, description="The linked Facebook Page, if any")
    access_token: SecretStr = Field(min_length=1, max_length=4096, description="Page access token; returned masked only")
    app_secret: SecretStr | None = Field(
        None, min_length=1, max_length=256,
        description="Meta app secret that signs this account's webhooks; absent: the platform's META_APP_SECRET",
    )
    human_agent_tag: bool = Field(
        False, description="The app may use the HUMAN_AGENT tag: replies allowed for 7 days instead of 24 h",
    )


class InstagramAccountUpdate(AccountUpdate):
    instagram_account_id: str | None = Field(None, min_length=1, max_length=64)
    page_id: str | None = Field(None, min_length=1, max_length=64, description="null removes it")
    access_token: SecretStr | None = Field(None, min_length=1, max_length=4096)
    app_secret: SecretStr | None = Field(None, min_length=1, max_length=256, description="null removes it")
    human_agent_tag: bool | None = None


class EmailAccountCreate(AccountCreate):
    channel: Literal["email"]
    address: EmailStr = Field(description="The mailbox customers write to and replies come from; routes nothing "
                                          "(inbound email is addressed by the account's inbound token)")
    smtp_url: SecretStr | None = Field(
        None, min_length=1, max_length=1024,
        description="smtp://user:password@host:port (smtp+starttls://, smtps://) for replies; absent: the platform's "
                    "SMTP_URL. Returned masked only",
    )

    @field_validator("address")
    @classmethod
    def _lower_address(cls, value: str) -> str:
        return value.lower()

    @field_validator("smtp_url")
    @classmethod
    def _smtp_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith(("smtp://", "smtps://", "smtp+starttls://")):
            raise ValueError("expected an smtp://, smtp+starttls:// or smtps:// URL")
        return value


class EmailAccountUpdate(AccountUpdate):
    address: EmailStr | None = None
    smtp_url: SecretStr | None = Field(None, min_length=1, max_length=1024, description="null removes it")

    @field_validator("address")
    @classmethod
    def _lower_address(cls, value: str | None) -> str | None:
        return value.lower() if value else value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_scheme(cls, value: SecretStr | None) -> SecretStr | None:
        return EmailAccountCreate._smtp_scheme(value)


@dataclass(frozen=True)
class ChannelSpec:
    channel: str
    label: str  # how messages name the provider account: "WhatsApp number"
    create: type[AccountCreate]
    update: type[AccountUpdate]
    external_id: str  # the create field naming the provider account
    secrets: tuple[str, ...]  # create fields sealed into secrets_encrypted
    inbound_token: bool = False  # create issues a token for inbound webhooks (shown once; hash kept)

    def __post_init__(self) -> None:
        unknown = {self.external_id, *self.secrets} - set(self.create.model_fields)
        if unknown:
            raise TypeError(f"{self.channel}: {sorted(unknown)} are not fields of {self.create.__name__}")

    @functools.cached_property
    def config_fields(self) -> tuple[str, ...]:
        skip = {"channel", "name", self.external_id, *self.secrets}
        return tuple(f for f in self.create.model_fields if f not in skip)

    @property
    def public_fields(self) -> tuple[str, ...]:
        return (self.external_id, *self.config_fields)

    def is_optional(self, name: str) -> bool:
        info = self.create.model_fields.get(name)
        return info is not None and not info.is_required()


CHANNELS: dict[str, ChannelSpec] = {
    spec.channel: spec
    for spec in (
        ChannelSpec(
            channel="whatsapp", label="WhatsApp number", create=WhatsAppAccountCreate, update=WhatsAppAccountUpdate,
            external_id="phone_number_id", secrets=("access_token", "app_secret"),
        ),
        ChannelSpec(
            channel="messenger", label="Facebook Page", create=MessengerAccountCreate, update=MessengerAccountUpdate,
            external_id="page_id", secrets=("access_token", "app_secret"),
        ),
        ChannelSpec(
            channel="instagram", label="Instagram account", create=InstagramAccountCreate,
            update=InstagramAccountUpdate, external_id="instagram_account_id", secrets=("access_token", "app_secret"),
        ),
        ChannelSpec(
            channel="email", label="mailbox", create=EmailAccountCreate, update=EmailAccountUpdate,
            external_id="address", secrets=("smtp_url",), inbound_token=True,
        ),
    )
}


class IntegrationAccountCreate(RootModel[Annotated[
    functools.reduce(operator.or_, (s.create for s in CHANNELS.values())), Field(discriminator="channel"),
]]):
    """The create body as documented (one shape per channel); resolvers parse with the
    channel's own model, found through CHANNELS."""


class IntegrationAccountUpdate(RootModel[functools.reduce(operator.or_, (s.update for s in CHANNELS.values()))]):
    """The update body as documented; the account's channel decides which shape applies."""


class IntegrationAccountFilter(PageParams):
    channel: str | None = Field(None, max_length=16, description="Only accounts of this channel")


def channel_spec(channel: Any) -> ChannelSpec:
    spec = CHANNELS.get(channel) if isinstance(channel, str) else None
    if spec is None:
        supported = ", ".join(sorted(CHANNELS))
        raise ValidationFailed.field("channel", f"unsupported channel {channel!r}; supported: {supported}")
    return spec


def _spec_of_input(data: Any) -> ChannelSpec:
    if isinstance(data, AccountCreate):
        return channel_spec(data.channel)
    if not isinstance(data, Mapping):
        raise ValidationFailed("The request body must be a JSON object")
    if data.get("channel") is None:
        raise ValidationFailed.field("channel", "Field required")
    return channel_spec(data["channel"])


def _plain(value: Any) -> Any:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


# ---------------------------------------------------------------- views


def account_secrets(account: IntegrationAccount) -> dict[str, str]:
    """The account's secrets in plain text (access token, app secret, ...). No permission check:
    for jobs and webhook handling that act with the account; never hand the result to a client.
    Raises resolvers._secrets.SecretsUnreadable if ENCRYPTION_KEY changed since they were sealed."""
    return unseal(account.secrets_encrypted)


def public_fields(account: IntegrationAccount) -> dict[str, Any]:
    """What a client may see of the channel-specific part: public fields as stored, every
    secret masked (or None), and `has_<secret>` for the optional ones. Both doors use it."""
    spec = CHANNELS.get(account.channel)
    if spec is None:  # a channel this build does not know: show nothing it might consider secret
        return {}
    config = account.config or {}
    view: dict[str, Any] = {spec.external_id: account.external_id}
    view.update({name: config.get(name) for name in spec.config_fields})
    secrets = account_secrets(account)
    for name in spec.secrets:
        value = secrets.get(name)
        view[name] = mask(value) if value else None
        if spec.is_optional(name):
            view[f"has_{name}"] = bool(value)
    return view


# ---------------------------------------------------------------- helpers for other domains

INBOUND_TOKEN_HASH = "inbound_token_sha256"  # config key; not a field of any model, so never shown


def issue_inbound_token(account: IntegrationAccount) -> tuple[str, dict[str, Any]]:
    """A new inbound token "<account id hex>.<random>" and the config keeping only its hash;
    the id prefix finds the account without searching hashes."""
    token = f"{account.id.hex}.{secrets.token_urlsafe(32)}"
    digest = hashlib.sha256(token.encode()).hexdigest()
    return token, {**(account.config or {}), INBOUND_TOKEN_HASH: digest}


async def account_for_inbound_token(channel: str, token: str | None) -> IntegrationAccount | None:
    """The account (of whichever tenant) whose inbound token this is; None for a bad token."""
    account_hex, _, secret = (token or "").partition(".")
    try:
        account_id = UUID(hex=account_hex) if secret and len(account_hex) == 32 else None
    except ValueError:
        account_id = None
    if account_id is None:
        return None
    account = await unscoped(IntegrationAccount).filter(id=account_id, channel=channel).first()
    expected = str((account.config or {}).get(INBOUND_TOKEN_HASH) or "") if account else ""
    given = hashlib.sha256((token or "").encode()).hexdigest()
    return account if expected and hmac.compare_digest(expected, given) else None



async def account_for_inbound(channel: str, external_id: str) -> IntegrationAccount | None:
    """The account (of whichever tenant) that owns this provider account, for routing an
    inbound webhook. Cross-tenant on purpose and without a permission check: the caller has
    verified the webhook and acts as the system of the tenant it finds. Status is not
    filtered; the caller decides what an inactive account means."""
    return await unscoped(IntegrationAccount).filter(channel=channel, external_id=external_id).first()


async def default_account(ctx: Ctx, channel: str) -> IntegrationAccount | None:
    """The caller's tenant's default account of the channel (else its oldest one), for sending.
    No permission check: a caller allowed to send may use the account without managing it."""
    return await scoped(ctx, IntegrationAccount).filter(channel=channel).order_by(
        "-is_default", "created_at", "id").first()


# ---------------------------------------------------------------- resolvers


async def list_integration_accounts(ctx: Ctx, params: IntegrationAccountFilter | None = None) -> Page[IntegrationAccount]:
    ctx.require(PERMISSION)
    params = parse(IntegrationAccountFilter, params or {})
    qs = scoped(ctx, IntegrationAccount)
    if params.channel:
        qs = qs.filter(channel=params.channel)
    return await paginate(qs.order_by("channel", "-is_default", "created_at", "id"), params)


async def get_integration_account(ctx: Ctx, account_id: UUID | str) -> IntegrationAccount:
    ctx.require(PERMISSION)
    return await get_scoped(ctx, IntegrationAccount, account_id, what="integration account")


async def _serialize_default_changes(ctx: Ctx) -> None:
    """Deciding the default reads then writes: take the tenant row's lock so two concurrent
    changes cannot both (or neither) leave a default. NO KEY: inserts referencing the tenant
    are not blocked. SQLite has no row locks but serializes writers anyway."""
    await Tenant.filter(id=ctx.require_tenant()).select_for_update(no_key=True).first()


async def _ensure_unconnected(spec: ChannelSpec, external_id: str, except_id: UUID | None = None) -> None:
    # Across every tenant: inbound routing by external_id must find exactly one account.
    qs = unscoped(IntegrationAccount).filter(channel=spec.channel, external_id=external_id)
    if except_id is not None:
        qs = qs.exclude(id=except_id)
    if await qs.exists():
        raise _already_connected(spec, external_id)


def _already_connected(spec: ChannelSpec, external_id: str) -> Conflict:
    return Conflict(
        f"This {spec.label} ({spec.external_id} {external_id}) is already connected",
        details=[{"field": spec.external_id, "message": "already connected"}],
    )


@transactional
async def create_integration_account(ctx: Ctx, data: Any) -> IntegrationAccount:
    """The first account of a channel becomes its default."""
    ctx.require(PERMISSION)
    spec = _spec_of_input(data)
    data = parse(spec.create, data)
    external_id = getattr(data, spec.external_id)
    secrets = {name: _plain(getattr(data, name)) for name in spec.secrets if getattr(data, name) is not None}
    config = {name: getattr(data, name) for name in spec.config_fields if getattr(data, name) is not None}
    await _serialize_default_changes(ctx)
    await _ensure_unconnected(spec, external_id)
    has_default = await scoped(ctx, IntegrationAccount).filter(channel=spec.channel, is_default=True).exists()
    try:
        account = await new_scoped(
            ctx, IntegrationAccount, channel=spec.channel, name=data.name, external_id=external_id,
            config=config, secrets_encrypted=seal(secrets), is_default=not has_default,
        )
    except IntegrityError:  # lost a race with another tenant connecting the same account
        raise _already_connected(spec, external_id) from None
    if spec.inbound_token:
        # The plain token rides on this instance only, for the create response: shown once.
        account.inbound_token, account.config = issue_inbound_token(account)
        await account.save(update_fields=["config", "updated_at"])
    ctx.record("integration_account.created", {
        "integration_account_id": str(account.id), "channel": account.channel, "name": account.name,
        "external_id": account.external_id, "is_default": account.is_default,
    })
    return account


@transactional
async def update_integration_account(ctx: Ctx, account_id: UUID | str, data: Any) -> IntegrationAccount:
    """PATCH: name, public fields and secrets; a changed secret is re-sealed."""
    ctx.require(PERMISSION)
    account = await get_integration_account(ctx, account_id)
    spec = channel_spec(account.channel)
    data = parse(spec.update, data)
    config = dict(account.config or {})
    secrets: dict[str, str] | None = None  # unsealed only if a secret is touched
    changed: list[str] = []
    columns: set[str] = set()
    for name in spec.update.model_fields:
        if name not in data.model_fields_set:
            continue
        value = _plain(getattr(data, name))
        if value is None and not (spec.is_optional(name) and name != spec.external_id):
            continue  # null on a required field: unchanged
        if name == "name":
            if value == account.name:
                continue
            account.name = value
            columns.add("name")
        elif name == spec.external_id:
            if value == account.external_id:
                continue
            await _ensure_unconnected(spec, value, except_id=account.id)
            account.external_id = value
            columns.add("external_id")
        elif name in spec.secrets:
            secrets = account_secrets(account) if secrets is None else secrets
            if secrets.get(name) == value:
                continue
            if value is None:
                secrets.pop(name)
            else:
                secrets[name] = value
            columns.add("secrets_encrypted")
        else:
            if config.get(name) == value:
                continue
            if value is None:
                config.pop(name)
            else:
                config[name] = value
            columns.add("config")
        changed.append(name)
    if not changed:
        return account
    account.config = config
    if secrets is not None:
        account.secrets_encrypted = seal(secrets)
    try:
        await account.save(update_fields=[*sorted(columns), "updated_at"])
    except IntegrityError:
        raise _already_connected(spec, account.external_id) from None
    ctx.record("integration_account.updated", {
        "integration_account_id": str(account.id), "channel": account.channel, "changed": changed,
    })
    return account


async def _make_default(ctx: Ctx, account: IntegrationAccount) -> None:
    now = datetime.now(UTC)
    previous = await scoped(ctx, IntegrationAccount).filter(
        channel=account.channel, is_default=True).exclude(id=account.id).values_list("id", flat=True)
    if previous:
        await scoped(ctx, IntegrationAccount).filter(id__in=previous).update(is_default=False, updated_at=now)
    account.is_default = True
    await account.save(update_fields=["is_default", "updated_at"])
    for account_id in previous:
        ctx.record("integration_account.updated", {
            "integration_account_id": str(account_id), "channel": account.channel, "changed": ["is_default"],
        })
    ctx.record("integration_account.updated", {
        "integration_account_id": str(account.id), "channel": account.channel, "changed": ["is_default"],
    })


@transactional
async def set_default_integration_account(ctx: Ctx, account_id: UUID | str) -> IntegrationAccount:
    """Exactly one default per channel: the others of the channel lose it in the same transaction."""
    ctx.require(PERMISSION)
    await _serialize_default_changes(ctx)
    account = await get_integration_account(ctx, account_id)
    if not account.is_default:
        await _make_default(ctx, account)
    return account


@transactional
async def delete_integration_account(ctx: Ctx, account_id: UUID | str) -> dict[str, str]:
    """Conversations keep their history (their account link becomes null). Deleting the default
    hands the role to the channel's oldest remaining account."""
    ctx.require(PERMISSION)
    await _serialize_default_changes(ctx)
    account = await get_integration_account(ctx, account_id)
    await account.delete()
    ctx.record("integration_account.deleted", {
        "integration_account_id": str(account.id), "channel": account.channel, "external_id": account.external_id,
    })
    result = {"message": "Integration account deleted", "integration_account_id": str(account.id)}
    if account.is_default:
        successor = await scoped(ctx, IntegrationAccount).filter(channel=account.channel).order_by("created_at", "id").first()
        if successor is not None:
            await _make_default(ctx, successor)
            result["default_integration_account_id"] = str(successor.id)
    return result
