"""WhatsApp message templates of a tenant's WhatsApp Business Accounts (WABAs).

Meta owns a template: creating one submits it to the Graph API (`POST /{waba_id}/message_templates`)
with the WhatsApp account's token and stores it locally as Meta answered (PENDING, with Meta's
id); a Graph error is a 502 UPSTREAM_FAILED carrying Meta's code and message, and nothing is
stored. Meta's verdict arrives later as a `message_template_status_update` webhook, which
updates the stored status (routed by WABA id + Meta's template id, else name + language); the quality,
category and components webhooks update those fields the same way (`wa_template.updated`, with
the values they replaced in `previous`).
Sync pulls every template of the WABA and upserts by name + language; templates Meta no longer
has are kept (delete is local-only anyway, and a sync must never lose a header media URL).
Delete removes the local copy only; Meta's template is untouched.

The header media URL is ours, not Meta's: a template with an IMAGE/VIDEO/DOCUMENT header needs
the media on every send, and when the sender gives none the stored URL is filled in.

Sending a template message (resolvers/messages.send_message) is checked against the local copy
when there is one: it must be APPROVED and carry exactly as many body (and header text)
parameters as the template has placeholders (the highest `{{n}}`, or the distinct `{{name}}`s).
A template the tenant has no local copy of is let through unchecked (created in Meta's own UI
and never synced): Meta still refuses a mismatch, which then fails the message (code 132000).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import AnyHttpUrl, Field, field_validator

from connectors import meta
from connectors.hub import services
from models.integrations import IntegrationAccount
from models.templates import WaTemplate
from resolvers._context import Ctx
from resolvers._errors import Conflict, UpstreamFailed, ValidationFailed
from resolvers._inputs import Input, parse
from resolvers._pagination import Page, PageParams, paginate
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped, unscoped
from resolvers.integrations import account_secrets, default_account

READ = "wa_templates.read"
MANAGE = "wa_templates.manage"
SYNC_FIELDS = "id,name,language,status,category,components,quality_score,rejected_reason"
SYNC_MAX_PAGES = 50  # 50 x 100 templates: far above Meta's per-WABA limit of 250
MEDIA_HEADER_FORMATS = ("IMAGE", "VIDEO", "DOCUMENT")

_NAME = re.compile(r"^[a-z0-9_]+$")
_POSITIONAL = re.compile(r"\{\{\s*(\d+)\s*\}\}")
_NAMED = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


class TemplateCategory(StrEnum):
    UTILITY = "UTILITY"
    MARKETING = "MARKETING"
    AUTHENTICATION = "AUTHENTICATION"


# ---------------------------------------------------------------- inputs


class WaTemplateFilter(PageParams):
    status: str | None = Field(None, max_length=32, description="Meta's status, e.g. APPROVED (case-insensitive)")
    category: str | None = Field(None, max_length=32, description="UTILITY, MARKETING or AUTHENTICATION")
    language: str | None = Field(None, max_length=15, description="Language code, e.g. en_US")


class WaTemplateCreate(Input):
    name: str = Field(min_length=1, max_length=512, description="Lower case letters, digits and underscores")
    language: str = Field(min_length=2, max_length=15, description="Language code, e.g. en_US")
    category: TemplateCategory
    components: list[dict[str, Any]] = Field(min_length=1, max_length=10,
                                             description="Meta's components (HEADER, BODY, FOOTER, BUTTONS)")
    header_media_url: AnyHttpUrl | None = Field(None, description="Media sent with a media header (kept locally)")
    integration_account_id: UUID | None = Field(None, description="The WhatsApp account; default: the tenant's default")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.match(value):
            raise ValueError("a template name is lower case letters, digits and underscores only")
        return value

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("components")
    @classmethod
    def _components(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kinds = [str(c.get("type", "")).upper() for c in value]
        if any(k not in ("HEADER", "BODY", "FOOTER", "BUTTONS") for k in kinds):
            raise ValueError("every component needs a type: HEADER, BODY, FOOTER or BUTTONS")
        if kinds.count("BODY") != 1:
            raise ValueError("a template has exactly one BODY component")
        if any(kinds.count(k) > 1 for k in ("HEADER", "FOOTER", "BUTTONS")):
            raise ValueError("HEADER, FOOTER and BUTTONS appear at most once")
        body = value[kinds.index("BODY")]
        if not isinstance(body.get("text"), str) or not body["text"].strip():
            raise ValueError("the BODY component needs text")
        return value


class WaTemplateSync(Input):
    integration_account_id: UUID | None = Field(None, description="The WhatsApp account; default: the tenant's default")


class WaTemplateHeaderMedia(Input):
    header_media_url: AnyHttpUrl | None = Field(description="The header's media URL; null removes it")


# ---------------------------------------------------------------- helpers


def placeholder_count(text: Any) -> int:
    """Parameters a component text takes: the highest {{n}}, or the distinct {{name}}s."""
    if not isinstance(text, str):
        return 0
    positional = [int(n) for n in _POSITIONAL.findall(text)]
    if positional:
        return max(positional)
    return len(set(_NAMED.findall(text)))


def _component(components: Any, kind: str) -> dict[str, Any] | None:
    for component in components if isinstance(components, list) else []:
        if isinstance(component, dict) and str(component.get("type", "")).upper() == kind:
            return component
    return None


def body_parameter_count(template: WaTemplate) -> int:
    body = _component(template.components, "BODY")
    return placeholder_count(body.get("text")) if body else 0


def header_format(template: WaTemplate) -> str | None:
    header = _component(template.components, "HEADER")
    return str(header.get("format", "TEXT")).upper() if header else None


def _snapshot(template: WaTemplate) -> dict[str, Any]:
    return {
        "wa_template_id": str(template.id), "name": template.name, "language": template.language,
        "category": template.category, "status": template.status, "waba_id": template.waba_id,
        "meta_template_id": template.meta_template_id,
    }


async def _whatsapp_account(ctx: Ctx, account_id: UUID | None) -> tuple[IntegrationAccount, str, str]:
    """(account, waba_id, access token) of the named or the default WhatsApp account."""
    if account_id is not None:
        account = await scoped(ctx, IntegrationAccount).filter(id=account_id, channel="whatsapp").first()
        if account is None:
            raise ValidationFailed.field("integration_account_id", "no such WhatsApp integration account")
    else:
        account = await default_account(ctx, "whatsapp")
        if account is None:
            raise ValidationFailed("Connect a WhatsApp integration account first")
    waba_id = (account.config or {}).get("waba_id")
    token = account_secrets(account).get("access_token")
    if not waba_id or not token:
        raise ValidationFailed.field("integration_account_id", "the WhatsApp account has no waba_id or access token")
    return account, str(waba_id), token


def _upstream(exc: meta.GraphError) -> UpstreamFailed:
    what = "Meta's access token has expired or is invalid" if exc.token_expired else "Meta refused the request"
    details = {k: v for k, v in {
        "meta_code": exc.code, "meta_subcode": exc.subcode, "meta_message": exc.message,
        "meta_details": exc.details, "fbtrace_id": exc.fbtrace_id, "http_status": exc.http_status,
        "token_expired": exc.token_expired or None,
    }.items() if v is not None}
    return UpstreamFailed(f"{what}: {exc.message}", details=details)


def _graph() -> meta.GraphClient:
    if services.graph is None:  # pragma: no cover - the runtime always wires it
        raise UpstreamFailed("The Graph API connector is not configured")
    return services.graph


def _same_origin(url: Any) -> str | None:
    """Meta's paging link, followed only to the Graph API's own host: it gets the token."""
    if not isinstance(url, str):
        return None
    here, there = urlsplit(_graph().base_url), urlsplit(url)
    return url if (there.scheme, there.netloc) == (here.scheme, here.netloc) else None


def _quality(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("score")
    return str(value)[:32] if value else None


# ---------------------------------------------------------------- reads


async def list_wa_templates(ctx: Ctx, params: WaTemplateFilter | dict | None = None) -> Page[WaTemplate]:
    ctx.require(READ)
    params = parse(WaTemplateFilter, params or {})
    qs = scoped(ctx, WaTemplate)
    if params.status:
        qs = qs.filter(status=params.status.upper())
    if params.category:
        qs = qs.filter(category=params.category.upper())
    if params.language:
        qs = qs.filter(language=params.language)
    return await paginate(qs.order_by("name", "language", "id"), params)


async def get_wa_template(ctx: Ctx, template_id: UUID | str) -> WaTemplate:
    ctx.require(READ)
    return await get_scoped(ctx, WaTemplate, template_id, what="WhatsApp template")


# ---------------------------------------------------------------- writes


async def create_wa_template(ctx: Ctx, data: WaTemplateCreate | dict) -> WaTemplate:
    """Not one transaction: Meta is called before anything is written, so a slow Graph API
    never holds a database transaction open, and a refusal leaves nothing behind."""
    ctx.require(MANAGE)
    data = parse(WaTemplateCreate, data)
    account, waba_id, token = await _whatsapp_account(ctx, data.integration_account_id)
    exists = scoped(ctx, WaTemplate).filter(waba_id=waba_id, name=data.name, language=data.language)
    if await exists.exists():
        raise _duplicate(data.name, data.language)
    body = {"name": data.name, "language": data.language, "category": data.category.value,
            "components": data.components}
    try:
        answer = await _graph().post(f"{waba_id}/message_templates", token, body)
    except meta.GraphError as exc:
        raise _upstream(exc) from None
    return await _store_created(ctx, account, waba_id, data, answer)


def _duplicate(name: str, language: str) -> Conflict:
    return Conflict(f"A template {name!r} in {language} already exists",
                    details=[{"field": "name", "message": "already exists in this language"}])


@transactional
async def _store_created(ctx: Ctx, account: IntegrationAccount, waba_id: str, data: WaTemplateCreate,
                         answer: dict[str, Any]) -> WaTemplate:
    exists = scoped(ctx, WaTemplate).filter(waba_id=waba_id, name=data.name, language=data.language)
    if await exists.exists():  # a concurrent create or sync stored it meanwhile
        raise _duplicate(data.name, data.language)
    template = await new_scoped(
        ctx, WaTemplate, integration_account_id=account.id, waba_id=waba_id,
        meta_template_id=str(answer["id"]) if answer.get("id") is not None else None,
        name=data.name, language=data.language,
        category=str(answer.get("category") or data.category.value).upper()[:32],
        status=str(answer.get("status") or "PENDING").upper()[:32], components=data.components,
        header_media_url=str(data.header_media_url) if data.header_media_url else None,
    )
    ctx.record("wa_template.created", _snapshot(template))
    return template


async def sync_wa_templates(ctx: Ctx, data: WaTemplateSync | dict | None = None) -> dict[str, Any]:
    """Pull every template of the WABA from Meta (following its paging), then upsert."""
    ctx.require(MANAGE)
    data = parse(WaTemplateSync, data or {})
    account, waba_id, token = await _whatsapp_account(ctx, data.integration_account_id)
    remote: list[dict[str, Any]] = []
    path: str | None = f"{waba_id}/message_templates"
    params: dict[str, Any] | None = {"fields": SYNC_FIELDS, "limit": 100}
    try:
        for _ in range(SYNC_MAX_PAGES):
            if path is None:
                break
            answer = await _graph().get(path, token, params)
            remote += [t for t in answer.get("data") or [] if isinstance(t, dict)]
            paging = answer.get("paging") if isinstance(answer.get("paging"), dict) else {}
            path, params = _same_origin(paging.get("next")), None  # "next" is absolute, query included
    except meta.GraphError as exc:
        raise _upstream(exc) from None
    return await _store_synced(ctx, account, waba_id, remote)


@transactional
async def _store_synced(ctx: Ctx, account: IntegrationAccount, waba_id: str,
                        remote: list[dict[str, Any]]) -> dict[str, Any]:
    local = {(t.name, t.language): t for t in await scoped(ctx, WaTemplate).filter(waba_id=waba_id)}
    created = updated = unchanged = 0
    seen: set[tuple[str, str]] = set()
    for item in remote:
        name, language = str(item.get("name") or ""), str(item.get("language") or "")
        if not name or not language or (name, language) in seen:
            continue
        seen.add((name, language))
        values = {
            "meta_template_id": str(item["id"]) if item.get("id") is not None else None,
            "category": str(item.get("category") or "UTILITY").upper()[:32],
            "status": str(item.get("status") or "PENDING").upper()[:32],
            "components": item.get("components") if isinstance(item.get("components"), list) else [],
            "quality_score": _quality(item.get("quality_score")),
            "rejection_reason": None if str(item.get("rejected_reason") or "NONE") == "NONE"
            else str(item["rejected_reason"]),
        }
        template = local.get((name, language))
        if template is None:
            template = await new_scoped(ctx, WaTemplate, integration_account_id=account.id, waba_id=waba_id,
                                        name=name[:512], language=language[:15], **values)
            ctx.record("wa_template.created", _snapshot(template))
            created += 1
            continue
        changed = [k for k, v in values.items() if getattr(template, k) != v]
        if not changed:
            unchanged += 1
            continue
        for key in changed:  # header_media_url is never among them: it is ours
            setattr(template, key, values[key])
        await template.save(update_fields=[*changed, "updated_at"])
        ctx.record("wa_template.updated", {**_snapshot(template), "changed": changed})
        updated += 1
    ctx.record("wa_templates.synced", {"waba_id": waba_id, "integration_account_id": str(account.id),
                                       "created": created, "updated": updated, "unchanged": unchanged})
    return {"message": "Templates synced from Meta", "waba_id": waba_id, "total": len(seen),
            "created": created, "updated": updated, "unchanged": unchanged}


@transactional
async def delete_wa_template(ctx: Ctx, template_id: UUID | str) -> dict[str, str]:
    """The local copy only: Meta keeps the template (delete it in WhatsApp Manager)."""
    ctx.require(MANAGE)
    template = await get_scoped(ctx, WaTemplate, template_id, what="WhatsApp template")
    await template.delete()
    ctx.record("wa_template.deleted", _snapshot(template))
    return {"message": "WhatsApp template deleted", "wa_template_id": str(template.id)}


@transactional
async def set_wa_template_header_media(ctx: Ctx, template_id: UUID | str,
                                       data: WaTemplateHeaderMedia | dict) -> WaTemplate:
    ctx.require(MANAGE)
    data = parse(WaTemplateHeaderMedia, data)
    template = await get_scoped(ctx, WaTemplate, template_id, what="WhatsApp template")
    url = str(data.header_media_url) if data.header_media_url else None
    if url is not None and header_format(template) not in MEDIA_HEADER_FORMATS:
        raise ValidationFailed.field("header_media_url", "the template has no IMAGE, VIDEO or DOCUMENT header")
    if url != template.header_media_url:
        template.header_media_url = url
        await template.save(update_fields=["header_media_url", "updated_at"])
        ctx.record("wa_template.updated", {**_snapshot(template), "changed": ["header_media_url"]})
    return template


# ---------------------------------------------------------------- webhooks (no caller: Meta)


async def _stored_copies(item: meta.TemplateStatusUpdate | meta.TemplateUpdate) -> list[WaTemplate]:
    """The stored templates a template webhook is about, in whichever tenant holds this WABA's
    template: by Meta's template id, else by name + language."""
    if not item.waba_id:
        return []
    qs = unscoped(WaTemplate).filter(waba_id=item.waba_id)
    rows = await qs.filter(meta_template_id=item.template_id) if item.template_id else []
    if not rows and item.template_name and item.language:
        rows = await qs.filter(name=item.template_name, language=item.language)
    return list(rows)


async def apply_template_status(item: meta.TemplateStatusUpdate) -> int:
    """A `message_template_status_update`: the stored copies (of whichever tenant holds this
    WABA's template) take Meta's new status. Re-delivery is a no-op. Returns rows changed."""
    if not item.event:
        return 0
    rows = await _stored_copies(item)
    changed = 0
    for row in rows:
        changed += await _apply_status(Ctx.system(row.tenant_id), row.id, item)
    return changed


@transactional
async def _apply_status(ctx: Ctx, template_id: UUID, item: meta.TemplateStatusUpdate) -> int:
    template = await scoped(ctx, WaTemplate).filter(id=template_id).first()
    if template is None:
        return 0
    status = str(item.event).upper()[:32]
    reason = None
    if status == "REJECTED":
        info = item.rejection_info or {}
        reason = str(info.get("reason") or item.reason or "") or None
    if template.status == status and template.rejection_reason == reason:
        return 0
    previous = template.status
    template.status, template.rejection_reason = status, reason
    if item.template_id and not template.meta_template_id:
        template.meta_template_id = item.template_id
    await template.save(update_fields=["status", "rejection_reason", "meta_template_id", "updated_at"])
    ctx.record("wa_template.status_changed", {**_snapshot(template), "previous_status": previous,
                                              "reason": item.reason})
    return 1


async def apply_template_update(item: meta.TemplateUpdate) -> int:
    """A quality, category or components webhook (connectors.meta.TEMPLATE_UPDATE_FIELDS): the
    stored copies take Meta's new value, recorded as `wa_template.updated` with what it replaced
    (`previous`). Applying the same change again finds nothing to change. Returns rows changed."""
    changed = 0
    for row in await _stored_copies(item):
        changed += await _apply_update(Ctx.system(row.tenant_id), row.id, item)
    return changed


def _edited_components(components: Any, item: meta.TemplateUpdate) -> list[dict[str, Any]]:
    """The stored components after a `message_template_components_update`. Meta sends the body
    text always, the header text only for a text header and the footer only when there is one,
    so those are replaced (a text header or footer Meta no longer sends is dropped); a media
    header and the buttons (Meta lists only url / phone ones) are kept as stored. A replaced
    text loses its `example`, which described the old text."""

    def with_text(component: dict[str, Any], text: str) -> dict[str, Any]:
        if component.get("text") == text:
            return component
        return {k: v for k, v in component.items() if k != "example"} | {"text": text}

    stored = {str(c.get("type", "")).upper(): c for c in components if isinstance(c, dict)} \
        if isinstance(components, list) else {}
    header = stored.get("HEADER")
    if header is None or str(header.get("format", "TEXT")).upper() == "TEXT":
        header = None if item.header_text is None else with_text(header or {"type": "HEADER", "format": "TEXT"},
                                                                 item.header_text)
    body = with_text(stored.get("BODY") or {"type": "BODY"}, item.body_text or "")
    footer = None if item.footer_text is None else with_text(stored.get("FOOTER") or {"type": "FOOTER"},
                                                             item.footer_text)
    return [c for c in (header, body, footer, stored.get("BUTTONS")) if c is not None]


@transactional
async def _apply_update(ctx: Ctx, template_id: UUID, item: meta.TemplateUpdate) -> int:
    template = await scoped(ctx, WaTemplate).filter(id=template_id).first()
    if template is None:
        return 0
    values: dict[str, Any] = {}
    if item.field == "message_template_quality_update" and item.new_quality_score:
        values["quality_score"] = _quality(item.new_quality_score)
    elif item.field == "template_category_update" and item.new_category:
        # An impending change (correct_category) names the current category as new_category.
        values["category"] = item.new_category.upper()[:32]
    elif item.field == "message_template_components_update" and item.body_text is not None:
        values["components"] = _edited_components(template.components, item)
    changed = [k for k, v in values.items() if getattr(template, k) != v]
    if not changed:
        return 0
    previous = {k: getattr(template, k) for k in changed}
    for key in changed:
        setattr(template, key, values[key])
    await template.save(update_fields=[*changed, "updated_at"])
    payload: dict[str, Any] = {**_snapshot(template), "changed": changed, "previous": previous, "webhook": item.field}
    if template.quality_score is not None:
        payload["quality_score"] = template.quality_score
    if item.correct_category:
        payload["correct_category"] = item.correct_category
    ctx.record("wa_template.updated", payload)
    return 1


# ---------------------------------------------------------------- sending (resolvers/messages)


async def check_template_send(ctx: Ctx, name: str, language: str,
                              components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validate a template send against the local copy and return the components to send
    (with the stored header media filled in when the template needs one and none is given).
    No local copy: unchecked (see the module docstring)."""
    template = await scoped(ctx, WaTemplate).filter(name=name, language=language).order_by(
        "-updated_at", "id").first()
    if template is None:
        return components
    if template.status != "APPROVED":
        raise ValidationFailed.field("template.name", f"the template is {template.status}, not APPROVED")
    sent = {str(c.get("type", "")).lower(): c for c in components if isinstance(c, dict)}

    def given(kind: str) -> int:
        params = (sent.get(kind) or {}).get("parameters")
        return len(params) if isinstance(params, list) else 0

    expected = body_parameter_count(template)
    if given("body") != expected:
        raise ValidationFailed.field(
            "template.components", f"the template's body takes {expected} parameter(s), {given('body')} given")
    fmt = header_format(template)
    header = _component(template.components, "HEADER") or {}
    if fmt == "TEXT":
        needed = placeholder_count(header.get("text"))
        if given("header") != needed:
            raise ValidationFailed.field(
                "template.components", f"the template's header takes {needed} parameter(s), {given('header')} given")
    elif fmt in MEDIA_HEADER_FORMATS and given("header") == 0:
        if not template.header_media_url:
            raise ValidationFailed.field(
                "template.components", f"the template has a {fmt} header: give its media or set a header media URL")
        kind = fmt.lower()
        media = {"type": "header", "parameters": [{"type": kind, kind: {"link": template.header_media_url}}]}
        components = [c for c in components if str(c.get("type", "")).lower() != "header"] + [media]
    return components
