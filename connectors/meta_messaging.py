"""Messenger and Instagram (Meta Messenger Platform) adapter: webhook normalisation and the
Send API body. Inbound items use the SAME shapes as WhatsApp (connectors.meta.InboundMessage /
InboundStatus), so one inbound pipeline applies every Meta channel:
`phone_number_id` carries the page / Instagram account id (entry.id), `wa_id` the customer's
page-scoped id (PSID / IGSID).

Pure like connectors.meta: imports nothing from models or resolvers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from connectors.meta import InboundMessage, InboundStatus, OtherChange

__all__ = [
    "CHANNEL_OF_OBJECT",
    "HUMAN_AGENT_TAG",
    "ReadWatermark",
    "Unsend",
    "account_ids",
    "build_messaging_send_body",
    "channel_of",
    "parse_messaging_webhook",
]

# Webhook `object` -> our channel name.
CHANNEL_OF_OBJECT = {"page": "messenger", "instagram": "instagram"}
HUMAN_AGENT_TAG = "HUMAN_AGENT"
# The thumbs-up "like" Messenger sends as a sticker.
_LIKE_STICKER_IDS = {"369239263222822", "369239343222814", "369239383222810"}
_MEDIA = {"image": "image", "video": "video", "audio": "audio", "file": "document"}


@dataclass(frozen=True, slots=True)
class Unsend:
    """The customer removed a message (`is_deleted`)."""

    account_id: str
    user_id: str
    provider_message_id: str
    timestamp: datetime


@dataclass(frozen=True, slots=True)
class ReadWatermark:
    """Messenger reads (and mid-less deliveries): every message the page sent to `user_id` up to
    `watermark` reached `status`."""

    account_id: str
    user_id: str
    status: str
    watermark: datetime


# -- defensive readers: webhook bodies are external input ------------------------------------


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list) or value == "":
        return None
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _time(value: Any) -> datetime | None:
    """Meta uses milliseconds; sample payloads also carry seconds and ISO-8601 strings."""
    if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
        text = value.strip().replace("Z", "+00:00")
        if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():  # +0000 -> +00:00
            text = f"{text[:-2]}:{text[-2:]}"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    seconds = number / 1000 if number > 10**11 else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None}


def channel_of(payload: Any) -> str | None:
    return CHANNEL_OF_OBJECT.get(_str(_dict(payload).get("object")) or "")


def _events(payload: Any) -> Iterator[tuple[str, datetime | None, dict[str, Any], bool]]:
    """(entry id, entry time, event, standby?) for every messaging[] and standby[] event."""
    for entry in _list(_dict(payload).get("entry")):
        entry = _dict(entry)
        entry_id = _str(entry.get("id")) or ""
        entry_time = _time(entry.get("time"))
        for key, standby in (("messaging", False), ("standby", True)):
            for event in _list(entry.get(key)):
                if isinstance(event, dict):
                    yield entry_id, entry_time, event, standby


def account_ids(payload: Any) -> set[str]:
    """Page / Instagram account ids (entry ids): the key that routes the webhook to an account."""
    return {_str(_dict(e).get("id")) or "" for e in _list(_dict(payload).get("entry"))} - {""}


# -- inbound --------------------------------------------------------------------------------


Item = InboundMessage | InboundStatus | Unsend | ReadWatermark | OtherChange


def parse_messaging_webhook(payload: dict[str, Any]) -> list[Item]:
    """Flatten a Messenger / Instagram webhook into normalised items, in payload order. Never raises."""
    items: list[Item] = []
    for entry_id, entry_time, event, standby in _events(payload):
        sender = _str(_dict(event.get("sender")).get("id")) or ""
        recipient = _str(_dict(event.get("recipient")).get("id")) or ""
        at = _time(event.get("timestamp")) or entry_time or datetime.now(UTC)
        message = _dict(event.get("message"))
        if message:
            items.append(_message(entry_id, sender, recipient, at, message, standby))
        elif event.get("postback") is not None:
            items.append(_postback(entry_id, sender, at, _dict(event.get("postback")), standby))
        elif event.get("reaction") is not None:
            items.append(_reaction(entry_id, sender, at, _dict(event.get("reaction"))))
        elif event.get("delivery") is not None or event.get("read") is not None:
            items.extend(_receipts(entry_id, sender, at, event))
        else:  # referral, optin, account_linking, handover...: kept in the stored webhook only
            kind = next((k for k in event if k not in ("sender", "recipient", "timestamp")), "unknown")
            items.append(OtherChange(kind, event, entry_id, at))
    return items


def _message(entry_id: str, sender: str, recipient: str, at: datetime, raw: dict[str, Any],
             standby: bool) -> Item:
    mid = _str(raw.get("mid")) or ""
    echo = raw.get("is_echo") is True
    user = recipient if echo else sender  # an echo goes from the page to the customer
    if raw.get("is_deleted") is True:
        return Unsend(entry_id, user, mid, at)
    text = _str(raw.get("text"))
    content: dict[str, Any] = _compact({"body": text})
    msg_type = "text"
    attachments = [_attachment(_dict(a)) for a in _list(raw.get("attachments")) if isinstance(a, dict)]
    if attachments:
        content["attachments"] = attachments
        msg_type = attachments[0]["type"]
        if len({a["type"] for a in attachments}) > 1:
            msg_type = "attachments"
        text = text or next((a.get("title") for a in attachments if a.get("title")), None)
    quick_reply = _dict(raw.get("quick_reply"))
    if quick_reply:
        content["quick_reply"] = _compact({"payload": _str(quick_reply.get("payload"))})
        if not attachments:
            msg_type = "interactive"
            text = text or _str(quick_reply.get("payload"))
    reply_to = _dict(raw.get("reply_to"))
    story = _dict(reply_to.get("story"))
    if story:
        content["story_reply"] = _compact({"id": _str(story.get("id")), "url": _str(story.get("url"))})
        if msg_type == "text":
            msg_type = "story_reply"
    if raw.get("referral") is not None:
        content["referral"] = _dict(raw.get("referral"))
    if echo:
        content["is_echo"] = True
        content["app_id"] = _str(raw.get("app_id"))
    if standby:
        content["standby"] = True  # another app had thread control when it arrived
    if text is None and not attachments and not quick_reply:
        msg_type = "unsupported"
    return InboundMessage(
        phone_number_id=entry_id, display_phone_number=None, wa_id=user, profile_name=None,
        provider_message_id=mid, timestamp=at, type=msg_type, text=text, content=_compact(content),
        context_message_id=_str(reply_to.get("mid")),
    )


def _attachment(raw: dict[str, Any]) -> dict[str, Any]:
    kind = _str(raw.get("type")) or "unsupported"
    payload = _dict(raw.get("payload"))
    sticker_id = _str(payload.get("sticker_id"))
    out: dict[str, Any] = {"type": kind, "url": _str(payload.get("url")), "title": _str(payload.get("title"))}
    if kind in _MEDIA:
        out["type"] = _MEDIA[kind]
        if kind == "image" and sticker_id:
            out.update(type="sticker", sticker_id=sticker_id, like=sticker_id in _LIKE_STICKER_IDS or None)
    elif kind in ("ig_reel", "reel"):
        out.update(type="reel", reel_video_id=_str(payload.get("reel_video_id")))
    elif kind in ("share", "ig_post", "fallback", "template", "product"):
        out["type"] = "share"
        out["source_type"] = kind
        if kind == "template":
            out["payload"] = payload
    elif kind == "story_mention":
        pass
    elif kind == "location":
        coords = _dict(payload.get("coordinates"))
        out.update(latitude=coords.get("lat"), longitude=coords.get("long"))
    else:
        out["type"] = "unsupported"
        out["source_type"] = kind
        out["payload"] = payload
    return _compact(out)


def _postback(entry_id: str, sender: str, at: datetime, raw: dict[str, Any], standby: bool) -> InboundMessage:
    title = _str(raw.get("title"))
    payload = _str(raw.get("payload"))
    # Messenger postbacks carry no mid: derive a stable id so a re-delivery is still applied once.
    mid = _str(raw.get("mid")) or f"postback:{entry_id}:{sender}:{int(at.timestamp() * 1000)}"
    content = _compact({"postback": _compact({"title": title, "payload": payload}),
                        "referral": raw.get("referral"), "standby": True if standby else None})
    return InboundMessage(
        phone_number_id=entry_id, display_phone_number=None, wa_id=sender, profile_name=None,
        provider_message_id=mid, timestamp=at, type="interactive", text=title or payload, content=content,
        context_message_id=None,
    )


def _reaction(entry_id: str, sender: str, at: datetime, raw: dict[str, Any]) -> InboundMessage:
    target = _str(raw.get("mid"))
    action = _str(raw.get("action")) or "react"
    emoji = _str(raw.get("emoji")) if action == "react" else None
    mid = f"reaction:{entry_id}:{sender}:{target or ''}:{action}:{int(at.timestamp() * 1000)}"
    return InboundMessage(
        phone_number_id=entry_id, display_phone_number=None, wa_id=sender, profile_name=None,
        provider_message_id=mid, timestamp=at, type="reaction", text=emoji,
        content=_compact({"emoji": emoji, "reaction": _str(raw.get("reaction")), "action": action,
                          "message_id": target}),
        context_message_id=target,
    )


def _receipts(entry_id: str, sender: str, at: datetime, event: dict[str, Any]) -> list[Item]:
    out: list[Item] = []
    for key, status in (("delivery", "delivered"), ("read", "read")):
        raw = event.get(key)
        if raw is None:
            continue
        raw = _dict(raw)
        mids = [m for m in (_str(x) for x in _list(raw.get("mids"))) if m]
        if _str(raw.get("mid")):  # Instagram names the message read
            mids.append(_str(raw.get("mid")) or "")
        for mid in mids:
            out.append(InboundStatus(phone_number_id=entry_id, provider_message_id=mid, status=status,
                                     timestamp=at, recipient_id=sender))
        watermark = _time(raw.get("watermark"))
        if watermark is not None:
            out.append(ReadWatermark(entry_id, sender, status, watermark))
    return out


# -- outbound -------------------------------------------------------------------------------

_SEND_ATTACHMENT = {"image": "image", "video": "video", "audio": "audio", "document": "file", "sticker": "image"}


def build_messaging_send_body(to: str, msg_type: str, text: str | None, content: dict[str, Any]) -> dict[str, Any]:
    """Send API body (POST /{page-or-ig-id}/messages). `content["messaging_tag"]` set: sent as
    MESSAGE_TAG with that tag (HUMAN_AGENT past 24 h); otherwise a RESPONSE inside the window."""
    if msg_type == "text":
        if not text:
            raise ValueError("a text message needs text")
        message: dict[str, Any] = {"text": text}
    elif msg_type in _SEND_ATTACHMENT:
        if content.get("link"):
            payload: dict[str, Any] = {"url": content["link"], "is_reusable": True}
        elif content.get("id"):
            payload = {"attachment_id": content["id"]}
        elif content.get("media_file"):  # our stored file: the sender adds its bytes as multipart `filedata`
            payload = {"is_reusable": False}
        else:
            raise ValueError(f"a {msg_type} message needs a link or a media id")
        message = {"attachment": {"type": _SEND_ATTACHMENT[msg_type], "payload": payload}}
    else:
        raise ValueError(f"{msg_type} messages cannot be sent on Messenger or Instagram")
    body: dict[str, Any] = {"recipient": {"id": to}, "message": message}
    tag = content.get("messaging_tag")
    if tag:
        body.update(messaging_type="MESSAGE_TAG", tag=tag)
    else:
        body["messaging_type"] = "RESPONSE"
    return body
