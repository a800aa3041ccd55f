"""Inbound email parsing: Postmark's inbound JSON and SendGrid's Inbound Parse (multipart, parsed
or raw MIME) normalised into one InboundEmail. Pure functions, no I/O."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import Any

import orjson

MAX_TEXT = 65536  # plain text kept in Message.text (the search index reads it)
MAX_HTML = 262144


class EmailParseError(ValueError):
    """The body is not an inbound email we understand; the message says why."""


@dataclass(slots=True)
class InboundEmail:
    """One received email, normalised. `provider_message_id` is the Message-ID header (angle
    brackets kept) — outbound replies put it into In-Reply-To/References, so threads match."""

    provider_message_id: str
    from_address: str  # lowercased
    from_name: str | None
    subject: str
    text: str
    html: str | None
    references: list[str]  # In-Reply-To first, then References newest first
    attachments: list[dict[str, Any]]
    timestamp: datetime
    provider: str
    to: list[str] = field(default_factory=list)

    # the attributes receive_inbound reads for every channel
    @property
    def external_id(self) -> str:
        return self.from_address

    @property
    def profile_name(self) -> str | None:
        return self.from_name

    @property
    def type(self) -> str:
        return "text"

    @property
    def context_message_id(self) -> str | None:
        return self.references[0] if self.references else None

    @property
    def content(self) -> dict[str, Any]:
        data: dict[str, Any] = {"email": {
            "subject": self.subject, "from": self.from_address, "from_name": self.from_name, "to": self.to,
            "message_id": self.provider_message_id, "references": self.references, "provider": self.provider,
        }}
        if self.html:
            data["html"] = self.html
        if self.attachments:  # metadata only: the bytes stay in the stored webhook (for the media step)
            data["attachments"] = [{k: v for k, v in a.items() if k != "content_b64"} for a in self.attachments]
        return data

    def to_json(self) -> dict[str, Any]:
        return {
            "provider_message_id": self.provider_message_id, "from_address": self.from_address,
            "from_name": self.from_name, "subject": self.subject, "text": self.text, "html": self.html,
            "references": self.references, "attachments": self.attachments,
            "timestamp": self.timestamp.isoformat(), "provider": self.provider, "to": self.to,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InboundEmail:
        return cls(**{**data, "timestamp": datetime.fromisoformat(data["timestamp"])})


# ---------------------------------------------------------------- text helpers

_DROP = re.compile(r"<(script|style|head|title)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h[1-6])\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MSGID = re.compile(r"<[^<>\s]+>")


def html_to_text(markup: str) -> str:
    """A safe plain-text rendering: scripts, styles and comments dropped, tags stripped,
    entities decoded. Never markup: clients may show it as-is."""
    text = _COMMENT.sub("", markup)
    text = _DROP.sub("", text)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("<", "‹").replace(">", "›")  # no tag survives decoding
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def message_ids(value: str | None) -> list[str]:
    """The <...> ids of a Message-ID / In-Reply-To / References header, in order."""
    return _MSGID.findall(value or "")


def _thread_refs(in_reply_to: str | None, references: str | None) -> list[str]:
    refs: list[str] = []
    for mid in [*message_ids(in_reply_to), *reversed(message_ids(references))]:
        if mid not in refs:
            refs.append(mid)
    return [r for r in refs if len(r) <= 255][:50]


def _when(value: str | None) -> datetime:
    try:
        at = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        at = None
    now = datetime.now(UTC)
    if at is None:
        return now
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return min(at, now)  # a sender's clock in the future must not pin the conversation on top


def _fallback_id(raw: bytes) -> str:
    # No Message-ID (SendGrid's parsed mode drops it): the body's hash still dedupes re-deliveries.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:40]}@omnistream.invalid>"


def _finish(*, raw: bytes, provider: str, message_id: str | None, from_address: str | None, from_name: str | None,
            subject: str | None, text: str | None, markup: str | None, in_reply_to: str | None,
            references: str | None, attachments: list[dict[str, Any]], date: str | None,
            to: list[str]) -> InboundEmail:
    address = (from_address or "").strip().lower()
    if not address or "@" not in address:
        raise EmailParseError("The email has no sender address")
    ids = [i for i in message_ids(message_id) if len(i) <= 255]  # the column's width
    markup = (markup or "").strip() or None
    body = (text or "").strip() or (html_to_text(markup) if markup else "")
    return InboundEmail(
        provider_message_id=ids[0] if ids else _fallback_id(raw), from_address=address[:254],
        from_name=(from_name or "").strip()[:255] or None, subject=(subject or "").strip()[:998],
        text=body[:MAX_TEXT], html=markup[:MAX_HTML] if markup else None,
        references=_thread_refs(in_reply_to, references), attachments=attachments[:50], timestamp=_when(date),
        provider=provider, to=[a.lower() for a in to if a][:50],
    )


# ---------------------------------------------------------------- Postmark


def parse_postmark(raw: bytes) -> InboundEmail:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise EmailParseError("The body is not JSON") from None
    if not isinstance(data, dict):
        raise EmailParseError("The body must be a JSON object")
    headers = {str(h.get("Name", "")).lower(): str(h.get("Value", ""))
               for h in data.get("Headers") or [] if isinstance(h, dict)}
    sender = data.get("FromFull") if isinstance(data.get("FromFull"), dict) else {}
    name, address = parseaddr(str(data.get("From") or ""))
    attachments = [
        {"filename": a.get("Name"), "content_type": a.get("ContentType"), "size": a.get("ContentLength"),
         "content_id": a.get("ContentID"), "content_b64": a.get("Content") if isinstance(a.get("Content"), str) else None}
        for a in data.get("Attachments") or [] if isinstance(a, dict)
    ]
    message_id = headers.get("message-id") or (f"<{data['MessageID']}>" if data.get("MessageID") else None)
    return _finish(
        raw=raw, provider="postmark", message_id=message_id,
        from_address=sender.get("Email") or address, from_name=sender.get("Name") or data.get("FromName") or name,
        subject=data.get("Subject"), text=data.get("TextBody"), markup=data.get("HtmlBody"),
        in_reply_to=headers.get("in-reply-to"), references=headers.get("references"),
        attachments=attachments, date=data.get("Date"),
        to=[str(t.get("Email") or "") for t in data.get("ToFull") or [] if isinstance(t, dict)],
    )


# ---------------------------------------------------------------- SendGrid Inbound Parse


def _form_fields(raw: bytes, content_type: str) -> dict[str, Any]:
    """multipart/form-data fields: text as str, files as {filename, content_type, size}."""
    wrapper = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode() + raw
    form = BytesParser(policy=policy.HTTP).parsebytes(wrapper)
    if not form.is_multipart():
        raise EmailParseError("The multipart body could not be parsed")
    fields: dict[str, Any] = {}
    files: list[dict[str, Any]] = []
    for part in form.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename:
            files.append({"filename": filename, "content_type": part.get_content_type(), "size": len(payload),
                          "content_b64": base64.b64encode(payload).decode()})
        else:
            fields[str(name)] = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
    fields["_files"] = files
    return fields


def _mime_bodies(msg: Message) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    text = markup = None
    attachments: list[dict[str, Any]] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() or part.get_content_disposition() == "attachment":
            attachments.append({"filename": part.get_filename(), "content_type": part.get_content_type(),
                                "size": len(payload), "content_id": part.get("Content-ID"),
                                "content_b64": base64.b64encode(payload).decode()})
            continue
        decoded = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        if part.get_content_type() == "text/plain" and text is None:
            text = decoded
        elif part.get_content_type() == "text/html" and markup is None:
            markup = decoded
    return text, markup, attachments


def parse_sendgrid(raw: bytes, content_type: str) -> InboundEmail:
    fields = _form_fields(raw, content_type)
    if fields.get("email"):  # "POST the raw, full MIME message"
        msg: EmailMessage = BytesParser(policy=policy.default).parsebytes(fields["email"].encode("utf-8", "replace"))
        text, markup, attachments = _mime_bodies(msg)
        headers: Any = msg
    else:
        headers = BytesParser(policy=policy.default).parsebytes(str(fields.get("headers") or "").encode() + b"\r\n\r\n")
        text, markup = fields.get("text"), fields.get("html")
        attachments = fields["_files"]
        try:
            info = orjson.loads(fields.get("attachment-info") or "{}")
        except orjson.JSONDecodeError:
            info = {}
        if isinstance(info, dict) and not attachments:
            attachments = [{"filename": v.get("filename"), "content_type": v.get("type"), "size": None}
                           for v in info.values() if isinstance(v, dict)]
    name, address = parseaddr(str(fields.get("from") or headers.get("From") or ""))
    to = [a for _, a in getaddresses([str(fields.get("to") or headers.get("To") or "")])]
    return _finish(
        raw=raw, provider="sendgrid", message_id=headers.get("Message-ID"), from_address=address, from_name=name,
        subject=fields.get("subject") or headers.get("Subject"), text=text, markup=markup,
        in_reply_to=headers.get("In-Reply-To"), references=headers.get("References"),
        attachments=attachments, date=headers.get("Date"), to=to,
    )


def parse_inbound(raw: bytes, content_type: str | None) -> InboundEmail:
    """Postmark JSON or SendGrid multipart, told apart by the Content-Type."""
    ctype = (content_type or "").lower()
    if ctype.startswith("multipart/form-data"):
        return parse_sendgrid(raw, content_type or "")
    if ctype and not ctype.startswith("application/json"):
        raise EmailParseError("Expected Postmark JSON or SendGrid multipart/form-data")
    return parse_postmark(raw)
