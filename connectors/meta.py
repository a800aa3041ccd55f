"""Meta (WhatsApp Cloud API) adapter: webhook signature, inbound normalisation, Graph API client.

Pure and self-contained on purpose: it imports nothing from the rest of the project, so the
inbound job, the outbound send job and the tests can all use it without pulling in models.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self

import httpx

__all__ = [
    "GRAPH_DEFAULT_TIMEOUT",
    "MESSAGE_TYPES",
    "GraphClient",
    "GraphError",
    "InboundItem",
    "InboundMessage",
    "InboundStatus",
    "OtherChange",
    "TemplateStatusUpdate",
    "build_whatsapp_send_body",
    "event_key",
    "parse_whatsapp_webhook",
    "phone_number_ids",
    "verify_signature",
    "waba_ids",
]

# ------------------------------------------------------------------------------------
# Signature
# ------------------------------------------------------------------------------------

_SIGNATURE_PREFIX = "sha256="


def verify_signature(
    raw_body: bytes, header_value: str | None, app_secret: str
) -> bool:
    """Check `X-Hub-Signature-256: sha256=<hex>` against HMAC-SHA256(app_secret, raw_body).

    Meta signs the exact bytes it sent (non-ASCII escaped as \\uXXXX), so this must run on the
    raw body, never on re-serialised JSON.
    """
    if not header_value or not app_secret:
        return False
    value = header_value.strip()
    if not value.lower().startswith(_SIGNATURE_PREFIX):
        return False
    received = value[len(_SIGNATURE_PREFIX) :].strip().lower()
    # Anything but 64 hex digits cannot equal the digest; compare_digest only refuses
    # (TypeError) non-ASCII text. A per-character check was ~2% of a webhook accept's CPU.
    if len(received) != 64 or not received.isascii():
        return False
    expected = hmac.new(
        app_secret.encode("utf-8"), raw_body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, received)


# ------------------------------------------------------------------------------------
# Normalised inbound items
# ------------------------------------------------------------------------------------

# Our normalised message types (InboundMessage.type). Anything Meta sends outside this set
# becomes "unsupported" with the raw item kept, so a new Meta type never breaks ingestion.
MESSAGE_TYPES: frozenset[str] = frozenset(
    {
        "text",
        "image",
        "video",
        "audio",
        "voice",
        "document",
        "sticker",
        "location",
        "contacts",
        "interactive",
        "button",
        "reaction",
        "order",
        "system",
        "unsupported",
    }
)

_MEDIA_TYPES = ("image", "video", "audio", "document", "sticker")


@dataclass(frozen=True, slots=True)
class InboundMessage:
    phone_number_id: str
    display_phone_number: str | None
    wa_id: str
    profile_name: str | None
    provider_message_id: str
    timestamp: datetime
    type: str
    text: str | None
    content: dict[str, Any]
    context_message_id: str | None
    waba_id: str | None = None


@dataclass(frozen=True, slots=True)
class InboundStatus:
    phone_number_id: str
    provider_message_id: str
    status: str
    timestamp: datetime
    recipient_id: str | None
    error_code: int | None = None
    error_title: str | None = None
    error_message: str | None = None
    error_details: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    conversation: dict[str, Any] | None = None
    pricing: dict[str, Any] | None = None
    biz_opaque_callback_data: str | None = None
    display_phone_number: str | None = None
    waba_id: str | None = None


@dataclass(frozen=True, slots=True)
class TemplateStatusUpdate:
    waba_id: str | None
    template_id: str | None
    template_name: str | None
    language: str | None
    event: str | None
    reason: str | None
    category: str | None = None
    rejection_info: dict[str, Any] | None = None
    time: datetime | None = None
    value: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OtherChange:
    field: str
    value: dict[str, Any]
    waba_id: str | None
    time: datetime | None = None


InboundItem = InboundMessage | InboundStatus | TemplateStatusUpdate | OtherChange


# -- small defensive readers: webhook bodies are external input, never trust their shape ------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    # Meta sends ids as strings in messages but as JSON numbers in template webhooks.
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _unix_to_datetime(value: Any) -> datetime | None:
    seconds = _int(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _compact(mapping: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


def _normalise_error(raw: Any) -> dict[str, Any]:
    err = _dict(raw)
    return _compact(
        {
            "code": _int(err.get("code")),
            "title": _str(err.get("title")),
            "message": _str(err.get("message")),
            "details": _str(_dict(err.get("error_data")).get("details")),
            "href": _str(err.get("href")),
        }
    )


def _iter_changes(payload: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for entry in _list(_dict(payload).get("entry")):
        entry = _dict(entry)
        for change in _list(entry.get("changes")):
            if isinstance(change, dict):
                yield entry, change


def phone_number_ids(payload: dict[str, Any]) -> set[str]:
    """Business phone-number ids in the payload: the key to route it to a channel/tenant."""
    ids: set[str] = set()
    for _entry, change in _iter_changes(payload):
        pnid = _str(
            _dict(_dict(change.get("value")).get("metadata")).get("phone_number_id")
        )
        if pnid:
            ids.add(pnid)
    return ids


def waba_ids(payload: dict[str, Any]) -> set[str]:
    """WABA ids (entry ids): routing key for account/template changes that carry no phone id."""
    ids: set[str] = set()
    for entry in _list(_dict(payload).get("entry")):
        wid = _str(_dict(entry).get("id"))
        if wid:
            ids.add(wid)
    return ids


def parse_whatsapp_webhook(payload: dict[str, Any]) -> list[InboundItem]:
    """Flatten a WhatsApp webhook body into normalised items, in payload order. Never raises."""
    items: list[InboundItem] = []
    for entry, change in _iter_changes(payload):
        waba_id = _str(entry.get("id"))
        entry_time = _unix_to_datetime(entry.get("time"))
        field_name = _str(change.get("field")) or ""
        value = _dict(change.get("value"))

        if field_name == "messages":
            produced = _parse_messages_value(value, waba_id, entry_time)
            items.extend(produced)
            # Value-level errors (or an unknown shape) must not vanish silently.
            if not produced or value.get("errors"):
                items.append(OtherChange(field_name, value, waba_id, entry_time))
        elif field_name == "message_template_status_update":
            items.append(_parse_template_status(value, waba_id, entry_time))
        else:
            items.append(OtherChange(field_name, value, waba_id, entry_time))
    return items


def _parse_messages_value(
    value: dict[str, Any], waba_id: str | None, entry_time: datetime | None
) -> list[InboundItem]:
    metadata = _dict(value.get("metadata"))
    phone_number_id = _str(metadata.get("phone_number_id")) or ""
    display_phone_number = _str(metadata.get("display_phone_number"))

    profiles: dict[str, str | None] = {}
    for contact in _list(value.get("contacts")):
        contact = _dict(contact)
        wa_id = _str(contact.get("wa_id"))
        if wa_id:
            profiles[wa_id] = _str(_dict(contact.get("profile")).get("name"))

    out: list[InboundItem] = []
    for raw in _list(value.get("messages")):
        if not isinstance(raw, dict):
            continue
        wa_id = _str(raw.get("from")) or ""
        # Fall back to the only contact given when the ids differ (e.g. after a number change).
        profile_name = profiles.get(wa_id)
        if profile_name is None and len(profiles) == 1:
            profile_name = next(iter(profiles.values()))
        msg_type, text, content = _message_content(raw)
        context = _dict(raw.get("context"))
        out.append(
            InboundMessage(
                phone_number_id=phone_number_id,
                display_phone_number=display_phone_number,
                wa_id=wa_id,
                profile_name=profile_name,
                provider_message_id=_str(raw.get("id")) or "",
                timestamp=_timestamp(raw.get("timestamp"), entry_time),
                type=msg_type,
                text=text,
                content=content,
                context_message_id=_str(context.get("id")),
                waba_id=waba_id,
            )
        )

    for raw in _list(value.get("statuses")):
        if isinstance(raw, dict):
            out.append(
                _parse_status(
                    raw, phone_number_id, display_phone_number, waba_id, entry_time
                )
            )
    return out


def _timestamp(value: Any, fallback: datetime | None) -> datetime:
    # Receipt time is a last resort: a datetime is always needed for ordering/windows.
    return _unix_to_datetime(value) or fallback or datetime.now(UTC)


def _message_content(raw: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    """Return (normalised type, preview text, structured content) for one messages[] item."""
    meta_type = _str(raw.get("type")) or ""
    body = _dict(raw.get(meta_type)) if meta_type else {}
    content: dict[str, Any] = {}
    text: str | None = None
    msg_type = meta_type

    if meta_type == "text":
        text = _str(body.get("body"))
        content = _compact({"body": text})
    elif meta_type in _MEDIA_TYPES and body:
        content = _compact(
            {
                "media_id": _str(body.get("id")),
                "mime_type": _str(body.get("mime_type")),
                "sha256": _str(body.get("sha256")),
                "caption": _str(body.get("caption")),
                "filename": _str(body.get("filename")),
                "url": _str(body.get("url")),
                "animated": body.get("animated") if "animated" in body else None,
                "voice": body.get("voice") if "voice" in body else None,
            }
        )
        if meta_type == "audio" and body.get("voice") is True:
            msg_type = "voice"
        text = content.get("caption") or (
            content.get("filename") if meta_type == "document" else None
        )
    elif meta_type == "location" and body:
        name, address = _str(body.get("name")), _str(body.get("address"))
        content = _compact(
            {
                "latitude": body.get("latitude"),
                "longitude": body.get("longitude"),
                "name": name,
                "address": address,
                "url": _str(body.get("url")),
            }
        )
        text = ", ".join(p for p in (name, address) if p) or None
    elif meta_type == "contacts":
        contacts = [c for c in _list(raw.get("contacts")) if isinstance(c, dict)]
        content = {"contacts": contacts}
        names = [_str(_dict(c.get("name")).get("formatted_name")) for c in contacts]
        text = ", ".join(n for n in names if n) or None
    elif meta_type == "interactive" and body:
        kind = _str(body.get("type")) or ""
        reply = _dict(body.get(kind))
        content = {"interactive_type": kind}
        if kind in ("button_reply", "list_reply"):
            content |= _compact(
                {
                    "reply_id": _str(reply.get("id")),
                    "reply_title": _str(reply.get("title")),
                    "reply_description": _str(reply.get("description")),
                }
            )
            text = content.get("reply_title")
        elif kind == "nfm_reply":
            # WhatsApp Flows answer: response_json is a JSON string chosen by the flow author.
            response: Any = reply.get("response_json")
            if isinstance(response, str):
                with contextlib.suppress(ValueError):
                    response = json.loads(response)
            content |= _compact(
                {
                    "name": _str(reply.get("name")),
                    "body": _str(reply.get("body")),
                    "response": response,
                }
            )
            text = content.get("body")
        else:
            content["raw"] = body
    elif meta_type == "button" and body:
        content = _compact(
            {"payload": _str(body.get("payload")), "text": _str(body.get("text"))}
        )
        text = content.get("text")
    elif meta_type == "reaction" and body:
        emoji = _str(body.get("emoji")) or ""
        # An empty/absent emoji is Meta's way of saying "reaction removed".
        content = {
            "message_id": _str(body.get("message_id")),
            "emoji": emoji,
            "removed": not emoji,
        }
        text = emoji or None
    elif meta_type == "order" and body:
        content = _compact(
            {
                "catalog_id": _str(body.get("catalog_id")),
                "text": _str(body.get("text")),
                "product_items": [
                    p for p in _list(body.get("product_items")) if isinstance(p, dict)
                ],
            }
        )
        text = content.get("text") or None
    elif meta_type == "system" and body:
        content = _compact(
            {
                "system_type": _str(body.get("type")),
                "body": _str(body.get("body")),
                "new_wa_id": _str(body.get("wa_id")),
                "customer": _str(body.get("customer")),
            }
        )
        text = content.get("body")
    else:
        # Unknown or 'unsupported': keep everything so nothing is lost and it can be re-parsed.
        msg_type = "unsupported"
        unsupported = _dict(raw.get("unsupported"))
        content = _compact(
            {
                "original_type": meta_type or None,
                "unsupported_type": _str(unsupported.get("type")),
                "raw": raw,
            }
        )

    # Cross-cutting attributes any message type may carry.
    context = _dict(raw.get("context"))
    if context.get("forwarded"):
        content["forwarded"] = True
    if context.get("frequently_forwarded"):
        content["frequently_forwarded"] = True
    if context.get("from"):
        content["context_from"] = _str(context.get("from"))
    if context.get("referred_product"):
        content["referred_product"] = _dict(context.get("referred_product"))
    if raw.get("referral"):
        content["referral"] = _dict(raw.get("referral"))
    if raw.get("identity"):
        content["identity"] = _dict(raw.get("identity"))
    if raw.get("errors"):
        content["errors"] = [_normalise_error(e) for e in _list(raw.get("errors"))]
    return msg_type, text, content


def _parse_status(
    raw: dict[str, Any],
    phone_number_id: str,
    display_phone_number: str | None,
    waba_id: str | None,
    entry_time: datetime | None,
) -> InboundStatus:
    errors = [_normalise_error(e) for e in _list(raw.get("errors"))]
    first = errors[0] if errors else {}
    return InboundStatus(
        phone_number_id=phone_number_id,
        provider_message_id=_str(raw.get("id")) or "",
        status=(_str(raw.get("status")) or "unknown").lower(),
        timestamp=_timestamp(raw.get("timestamp"), entry_time),
        recipient_id=_str(raw.get("recipient_id")),
        error_code=first.get("code"),
        error_title=first.get("title"),
        error_message=first.get("message"),
        error_details=first.get("details"),
        errors=errors,
        conversation=_dict(raw.get("conversation")) or None,
        pricing=_dict(raw.get("pricing")) or None,
        biz_opaque_callback_data=_str(raw.get("biz_opaque_callback_data")),
        display_phone_number=display_phone_number,
        waba_id=waba_id,
    )


def _parse_template_status(
    value: dict[str, Any], waba_id: str | None, entry_time: datetime | None
) -> TemplateStatusUpdate:
    return TemplateStatusUpdate(
        waba_id=waba_id,
        template_id=_str(value.get("message_template_id")),
        template_name=_str(value.get("message_template_name")),
        language=_str(value.get("message_template_language")),
        event=_str(value.get("event")),
        reason=_str(value.get("reason")),
        category=_str(value.get("message_template_category")),
        rejection_info=_dict(value.get("rejection_info")) or None,
        time=entry_time,
        value=value,
    )


# Template changes other than status. The parser keeps them as OtherChange (their stored raw
# webhook is what makes them replayable); `template_update` reads one for the templates domain.
TEMPLATE_UPDATE_FIELDS = (
    "message_template_quality_update",
    "template_category_update",
    "message_template_components_update",
)


@dataclass(frozen=True, slots=True)
class TemplateUpdate:
    """A template's quality score, category or (after an edit) components changed at Meta."""

    field: str
    waba_id: str | None
    template_id: str | None
    template_name: str | None
    language: str | None
    time: datetime | None = None
    new_quality_score: str | None = None
    previous_quality_score: str | None = None
    new_category: str | None = None
    previous_category: str | None = None  # completed category changes only
    correct_category: str | None = None  # an impending change: `new_category` is still the current one
    body_text: str | None = None  # message_template_element
    header_text: str | None = None  # message_template_title: only for a text header
    footer_text: str | None = None  # only when the template has a footer
    buttons: list[dict[str, Any]] = field(default_factory=list)  # url / phone number buttons only


def template_update(change: OtherChange) -> TemplateUpdate | None:
    """The template change carried by an OtherChange of a TEMPLATE_UPDATE_FIELDS field, else None."""
    if change.field not in TEMPLATE_UPDATE_FIELDS:
        return None
    value = change.value
    return TemplateUpdate(
        field=change.field,
        waba_id=change.waba_id,
        template_id=_str(value.get("message_template_id")),
        template_name=_str(value.get("message_template_name")),
        language=_str(value.get("message_template_language")),
        time=change.time,
        new_quality_score=_str(value.get("new_quality_score")),
        previous_quality_score=_str(value.get("previous_quality_score")),
        new_category=_str(value.get("new_category")),
        previous_category=_str(value.get("previous_category")),
        correct_category=_str(value.get("correct_category")),
        body_text=_str(value.get("message_template_element")),
        header_text=_str(value.get("message_template_title")),
        footer_text=_str(value.get("message_template_footer")),
        buttons=[_dict(b) for b in _list(value.get("message_template_buttons")) if isinstance(b, dict)],
    )


def event_key(item: InboundItem) -> str:
    """Stable idempotency key: Meta re-delivers for days, so the same fact must map to one key."""
    if isinstance(item, InboundMessage) and item.provider_message_id:
        return f"wa:msg:{item.provider_message_id}"
    if isinstance(item, InboundStatus) and item.provider_message_id:
        return f"wa:status:{item.provider_message_id}:{item.status}"
    if isinstance(item, TemplateStatusUpdate):
        material: Any = [
            "message_template_status_update",
            item.waba_id,
            _iso(item.time),
            item.value,
        ]
        prefix = "wa:template_status"
    elif isinstance(item, OtherChange):
        material = [item.field, item.waba_id, _iso(item.time), item.value]
        prefix = f"wa:change:{item.field or 'unknown'}"
    else:  # a message/status without an id: hash what we have
        material = [type(item).__name__, repr(item)]
        prefix = "wa:item"
    digest = hashlib.sha256(
        json.dumps(material, sort_keys=True, separators=(",", ":"), default=str).encode(
            "utf-8"
        )
    ).hexdigest()
    return f"{prefix}:{digest[:32]}"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# ------------------------------------------------------------------------------------
# Outbound body
# ------------------------------------------------------------------------------------


def build_whatsapp_send_body(
    to: str, type: str, text: str | None, content: dict[str, Any] | None
) -> dict[str, Any]:
    """Turn our outbound message into a `POST /{phone-number-id}/messages` body.

    Raises ValueError when the message cannot be expressed (the send job marks it failed
    instead of calling Meta with a body that can only be rejected).
    """
    content = dict(content or {})
    recipient = (to or "").strip()
    if not recipient:
        raise ValueError("recipient is required")
    # Without "+" Meta assumes the business number's country code and can misdeliver.
    if not recipient.startswith("+"):
        recipient = "+" + recipient
    wa_type = "audio" if type == "voice" else type

    body: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": recipient,
        "type": wa_type,
    }

    if wa_type == "text":
        message = text if text is not None else _str(content.get("body"))
        if not message:
            raise ValueError("text message needs a body")
        body["text"] = {
            "preview_url": bool(content.get("preview_url", False)),
            "body": message,
        }
    elif wa_type == "template":
        body["template"] = _template_object(content)
    elif wa_type in _MEDIA_TYPES:
        body[wa_type] = _media_object(wa_type, text, content)
    elif wa_type == "reaction":
        source = _dict(content.get("reaction")) or content
        message_id = _str(source.get("message_id"))
        if not message_id:
            raise ValueError("reaction needs message_id")
        emoji = _str(source.get("emoji"))
        body["reaction"] = {
            "message_id": message_id,
            "emoji": emoji if emoji is not None else text or "",
        }
    elif wa_type == "interactive":
        interactive = _dict(content.get("interactive"))
        if not interactive:
            raise ValueError("interactive message needs content['interactive']")
        body["interactive"] = interactive
    elif wa_type == "location":
        source = _dict(content.get("location")) or content
        if source.get("latitude") is None or source.get("longitude") is None:
            raise ValueError("location needs latitude and longitude")
        body["location"] = _compact(
            {
                "latitude": source.get("latitude"),
                "longitude": source.get("longitude"),
                "name": _str(source.get("name")),
                "address": _str(source.get("address")),
            }
        )
    elif wa_type == "contacts":
        contacts = _list(content.get("contacts"))
        if not contacts:
            raise ValueError("contacts message needs content['contacts']")
        body["contacts"] = contacts
    else:
        raise ValueError(f"unsupported outbound WhatsApp message type: {type!r}")

    context_id = _str(content.get("context_message_id"))
    if context_id:
        body["context"] = {"message_id": context_id}
    return body


def _template_object(content: dict[str, Any]) -> dict[str, Any]:
    source = _dict(content.get("template")) or content
    name = _str(source.get("name"))
    if not name:
        raise ValueError("template message needs a template name")
    language: Any = source.get("language", source.get("language_code"))
    if isinstance(language, str) and language:
        language_obj: dict[str, Any] = {"code": language}
    elif isinstance(language, dict) and _str(language.get("code")):
        language_obj = dict(language)
    else:
        raise ValueError("template message needs a language code")
    template: dict[str, Any] = {"name": name, "language": language_obj}
    components = _list(source.get("components"))
    if components:
        template["components"] = components
    return template


def _media_object(
    wa_type: str, text: str | None, content: dict[str, Any]
) -> dict[str, Any]:
    source = _dict(content.get(wa_type)) or content
    media_id = _str(source.get("id") or source.get("media_id"))
    link = _str(source.get("link"))
    if not media_id and not link:
        raise ValueError(f"{wa_type} message needs a media id or a link")
    media: dict[str, Any] = {"id": media_id} if media_id else {"link": link}
    # Meta rejects captions on audio and stickers; our message text doubles as the caption.
    if wa_type in ("image", "video", "document"):
        caption = _str(source.get("caption")) or text
        if caption:
            media["caption"] = caption
    if wa_type == "document":
        filename = _str(source.get("filename"))
        if filename:
            media["filename"] = filename
    return media


# ------------------------------------------------------------------------------------
# Graph API client
# ------------------------------------------------------------------------------------

GRAPH_DEFAULT_TIMEOUT = 20.0

# Meta codes that mean "try again later": rate limits/throttling and temporary platform issues.
_THROTTLING_CODES = frozenset(
    {4, 17, 32, 613, 130429, 131048, 131056, *range(80000, 80015)}
)
_TEMPORARY_CODES = frozenset({1, 2, 131000, 131016, 131057, 133004})
_TOKEN_EXPIRED_CODE = 190
_REENGAGEMENT_CODE = 131047


class GraphError(Exception):
    """A failed Graph API call, with what the caller needs to decide retry vs. fail."""

    def __init__(
        self,
        http_status: int | None,
        code: int | None,
        subcode: int | None,
        message: str,
        error_type: str | None,
        fbtrace_id: str | None,
        transient: bool,
        *,
        details: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.code = code
        self.subcode = subcode
        self.message = message
        self.error_type = error_type
        self.fbtrace_id = fbtrace_id
        self.transient = transient
        self.details = details
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[Any, ...]:
        # Job queues (arq) pickle failures; the default Exception reduce would lose fields.
        return (
            _rebuild_graph_error,
            (
                self.http_status,
                self.code,
                self.subcode,
                self.message,
                self.error_type,
                self.fbtrace_id,
                self.transient,
                self.details,
                self.retry_after,
            ),
        )

    @property
    def token_expired(self) -> bool:
        return self.code == _TOKEN_EXPIRED_CODE

    @property
    def reengagement_required(self) -> bool:
        """The 24-hour customer-service window is closed: only a template can go out."""
        return self.code == _REENGAGEMENT_CODE

    def __repr__(self) -> str:
        return (
            f"GraphError(http_status={self.http_status!r}, code={self.code!r}, "
            f"subcode={self.subcode!r}, message={self.message!r}, transient={self.transient!r})"
        )

    def __str__(self) -> str:
        where = (
            f"HTTP {self.http_status}" if self.http_status is not None else "network"
        )
        code = f" code {self.code}" if self.code is not None else ""
        sub = f"/{self.subcode}" if self.subcode is not None else ""
        return f"Graph API error ({where}{code}{sub}): {self.message}"


def _rebuild_graph_error(
    http_status: int | None,
    code: int | None,
    subcode: int | None,
    message: str,
    error_type: str | None,
    fbtrace_id: str | None,
    transient: bool,
    details: str | None,
    retry_after: float | None,
) -> GraphError:
    return GraphError(
        http_status,
        code,
        subcode,
        message,
        error_type,
        fbtrace_id,
        transient,
        details=details,
        retry_after=retry_after,
    )


def _is_transient(http_status: int | None, code: int | None, flagged: bool) -> bool:
    if http_status is None or http_status == 429 or http_status >= 500:
        return True
    return flagged or (
        code is not None and (code in _THROTTLING_CODES or code in _TEMPORARY_CODES)
    )


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers["retry-after"])
    except (KeyError, ValueError):
        return None


def _error_from_response(response: httpx.Response) -> GraphError:
    try:
        data = response.json()
    except ValueError:
        data = None
    err = _dict(_dict(data).get("error"))
    code = _int(err.get("code"))
    message = _str(err.get("message")) or (
        response.text[:500] if response.text else response.reason_phrase
    )
    return GraphError(
        http_status=response.status_code,
        code=code,
        subcode=_int(err.get("error_subcode")),
        message=message or f"HTTP {response.status_code}",
        error_type=_str(err.get("type")),
        fbtrace_id=_str(err.get("fbtrace_id")),
        transient=_is_transient(
            response.status_code, code, err.get("is_transient") is True
        ),
        details=_str(_dict(err.get("error_data")).get("details"))
        or _str(err.get("error_user_msg")),
        retry_after=_retry_after(response),
    )


class GraphClient:
    """Minimal async Graph API client. Tokens travel in the Authorization header, never the URL,
    so they stay out of access logs and error messages."""

    def __init__(
        self,
        base_url: str,
        http: httpx.AsyncClient | None = None,
        *,
        timeout: float = GRAPH_DEFAULT_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = http
        self._owns_http = http is None
        self._timeout = timeout

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        # A shared client belongs to whoever created it (app lifespan); only close our own.
        if self._owns_http and self._http is not None:
            await self._http.aclose()
            self._http = None

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self._timeout)
        return self._http

    def _url(self, path: str) -> str:
        # Absolute URLs are accepted so paging "next" links can be followed as given.
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    async def request(
        self,
        method: str,
        path: str,
        access_token: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> dict[str, Any]:
        token = (access_token or "").strip()
        if not token:
            # A configuration problem, not an outage: retrying cannot fix it.
            raise GraphError(
                None, None, None, "missing access token", None, None, False
            )
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        try:
            response = await self._client().request(
                method,
                self._url(path),
                params=dict(params) if params else None,
                json=json_body,
                data=dict(form) if form else None,
                files=dict(files) if files else None,
                headers=headers,
                timeout=self._timeout,
            )
        except (httpx.LocalProtocolError, httpx.UnsupportedProtocol) as exc:
            # Our request is malformed (bad header value, bad base URL): retrying won't help.
            raise GraphError(
                None, None, None, f"{type(exc).__name__}: {exc}", None, None, False
            ) from exc
        except httpx.TransportError as exc:
            # Connect errors and timeouts: Meta may be briefly unreachable, so retry later.
            raise GraphError(
                None, None, None, f"{type(exc).__name__}: {exc}", None, None, True
            ) from exc
        if response.status_code >= 400:
            raise _error_from_response(response)
        try:
            data = response.json()
        except ValueError as exc:
            raise GraphError(
                response.status_code,
                None,
                None,
                "Graph API returned a non-JSON body",
                None,
                None,
                False,
            ) from exc
        if not isinstance(data, dict):
            raise GraphError(
                response.status_code,
                None,
                None,
                "Graph API returned a non-object body",
                None,
                None,
                False,
            )
        return data

    async def get(
        self, path: str, access_token: str, params: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        return await self.request("GET", path, access_token, params=params)

    async def post(
        self, path: str, access_token: str, body: Any = None
    ) -> dict[str, Any]:
        return await self.request("POST", path, access_token, json_body=body)

    async def send_whatsapp_message(
        self, phone_number_id: str, access_token: str, body: dict[str, Any]
    ) -> str:
        """Send one message; return its wamid (what every later status webhook refers to)."""
        data = await self.post(f"{phone_number_id}/messages", access_token, body)
        messages = _list(data.get("messages"))
        wamid = _str(_dict(messages[0]).get("id")) if messages else None
        if not wamid:
            # Accepted but unidentifiable: not transient, a blind retry could double-send.
            raise GraphError(
                200,
                None,
                None,
                "Graph API response has no messages[0].id",
                None,
                None,
                False,
            )
        return wamid

    async def post_multipart(
        self,
        path: str,
        access_token: str,
        form: Mapping[str, str],
        files: Mapping[str, tuple[str, bytes, str]],
    ) -> dict[str, Any]:
        """POST multipart/form-data: text fields plus files as (filename, bytes, content type)."""
        return await self.request("POST", path, access_token, form=form, files=files)

    async def upload_whatsapp_media(
        self,
        phone_number_id: str,
        access_token: str,
        data: bytes,
        content_type: str,
        filename: str,
    ) -> str:
        """POST /{phone-number-id}/media (file, type, messaging_product=whatsapp): the media id
        a send then names instead of a public link."""
        result = await self.post_multipart(
            f"{phone_number_id}/media",
            access_token,
            {"messaging_product": "whatsapp", "type": content_type},
            {"file": (filename, data, content_type)},
        )
        media_id = _str(result.get("id"))
        if not media_id:
            raise GraphError(
                200, None, None, "Graph API media upload response has no id", None, None, False
            )
        return media_id
