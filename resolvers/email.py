"""The email channel. Inbound: POST /api/webhooks/email?token=<inbound token> (Postmark JSON or
SendGrid Inbound Parse) -> stored once per (mailbox, Message-ID) -> the webhook job applies it
through messages.receive_inbound, which threads it by In-Reply-To/References. Outbound: the
send job's "email" sender builds a reply carrying the thread's headers (prepare_outbound_email)
and hands it to connectors.smtp."""

from __future__ import annotations

import hashlib
import logging
import re
from email.message import EmailMessage
from typing import Any
from uuid import UUID

import orjson

from connectors.email_inbound import EmailParseError, InboundEmail, parse_inbound
from connectors.hub import services
from connectors.smtp import build_email
from models.conversations import Conversation
from models.integrations import IntegrationAccount
from models.messages import Message
from models.webhooks import InboundWebhook
from resolvers._context import Ctx
from resolvers._errors import BadRequest, Unauthenticated
from resolvers._inbound import store_inbound
from resolvers._scope import scoped, unscoped
from resolvers.integrations import account_for_inbound_token, account_secrets
from resolvers.messages import OutboundSend, receive_inbound

log = logging.getLogger(__name__)

PROVIDER = "email"
MAX_REFERENCES = 20  # References of a reply: the thread's newest ids (RFC 5322 lets us trim the middle)
_RE = re.compile(r"^\s*(re|aw|sv|antw)\s*:", re.I)


async def receive_email_webhook(ctx: Ctx, raw: bytes, headers: Any, params: dict[str, Any] | None = None
                                ) -> dict[str, str]:
    account = await account_for_inbound_token(PROVIDER, (params or {}).get("token"))
    if account is None:
        raise Unauthenticated("Missing or invalid inbound token (?token=)")
    try:
        email = parse_inbound(raw, headers.get("content-type"))
    except EmailParseError as exc:
        raise BadRequest(str(exc)) from None
    key = _dedupe_key(account.id, email.provider_message_id)
    body = orjson.dumps({"account_id": str(account.id), "email": email.to_json()}).decode()
    return await store_inbound(provider=PROVIDER, dedupe_key=key, body=body)


def _dedupe_key(account_id: Any, provider_message_id: str) -> str:
    # One row per mailbox and Message-ID: a provider's re-delivery (even re-encoded) is a no-op.
    return "email:" + hashlib.sha256(f"{account_id}:{provider_message_id}".encode()).hexdigest()


async def stored_email_attachment(ctx: Ctx, message: Message, slot: int) -> dict[str, Any] | None:
    """Attachment `slot` of an inbound email as stored with its webhook (content_b64 included),
    for the media fetch job. The webhook is found by the key it was stored under: the mailbox
    that received it (the conversation's, else any of the tenant's) and the Message-ID."""
    conversation = await scoped(ctx, Conversation).filter(id=message.conversation_id).first()
    accounts = await scoped(ctx, IntegrationAccount).filter(channel=PROVIDER).values_list("id", flat=True)
    if conversation is not None and conversation.integration_account_id in accounts:
        accounts.remove(conversation.integration_account_id)
        accounts.insert(0, conversation.integration_account_id)
    for account_id in accounts:
        webhook = await InboundWebhook.filter(dedupe_key=_dedupe_key(account_id, message.provider_message_id)).first()
        if webhook is None:
            continue
        attachments = (orjson.loads(webhook.body).get("email") or {}).get("attachments") or []
        return attachments[slot] if 0 <= slot < len(attachments) else None
    return None


async def apply_stored_email(payload: dict[str, Any]) -> int:
    """Apply one stored inbound email (the body receive_email_webhook stored); 1 if it added a message."""
    account = await unscoped(IntegrationAccount).filter(id=payload["account_id"], channel=PROVIDER).first()
    if account is None:  # the mailbox was disconnected since
        log.warning("email for deleted account %s ignored", payload["account_id"])
        return 0
    item = InboundEmail.from_json(payload["email"])
    return 1 if await receive_inbound(Ctx.system(account.tenant_id), account, item) is not None else 0


def _real_ids(ids: list[str | None]) -> list[str]:
    # Ids we made up for emails without a Message-ID mean nothing to the customer's mail client.
    return [i for i in ids if i and i.startswith("<") and not i.endswith("@omnistream.invalid>")]


def reply_subject(subject: str | None, fallback: str) -> str:
    subject = (subject or "").strip()
    if not subject:
        return fallback
    return subject if _RE.match(subject) else f"Re: {subject}"


async def prepare_outbound_email(send: OutboundSend) -> tuple[str, EmailMessage]:
    """The SMTP URL and the reply to send. Raises ValueError when the mailbox cannot send.
    The Message-ID derives from our message id, so a retried send carries the same one."""
    ctx = Ctx.system(send.tenant_id)
    account = await scoped(ctx, IntegrationAccount).filter(channel=PROVIDER, external_id=send.account_external_id).first()
    if account is None:
        raise ValueError("The conversation's mailbox is no longer connected")
    smtp_url = account_secrets(account).get("smtp_url") or getattr(services.settings, "smtp_url", None)
    if not smtp_url:
        raise ValueError("No SMTP server: set the account's smtp_url or SMTP_URL")
    message = await scoped(ctx, Message).filter(id=send.message_id).first()
    thread = await scoped(ctx, Message).filter(conversation_id=message.conversation_id).exclude(
        id=message.id).exclude(provider_message_id=None).order_by("created_at", "id").values(
        "provider_message_id", "direction", "content")
    ids = _real_ids([row["provider_message_id"] for row in thread])
    inbound = [row for row in thread if row["direction"] == "inbound"]
    last_inbound = inbound[-1] if inbound else None
    original = ((last_inbound or {}).get("content") or {}).get("email") or {}
    in_reply_to = _real_ids([(last_inbound or {}).get("provider_message_id")]) or ids[-1:]
    # References: what the customer's message referenced, then the thread as we know it.
    references: list[str] = []
    for mid in [*reversed(_real_ids(original.get("references") or [])), *ids]:
        if mid not in references:
            references.append(mid)
    references = references[-MAX_REFERENCES:]
    domain = account.external_id.rpartition("@")[2] or "omnistream.local"
    text = send.text or ""
    link = (send.content or {}).get("link")
    if link:  # media messages: the link goes in the body (attaching files is the media domain's)
        text = f"{text}\n\n{link}".strip()
    msg = build_email(
        sender=account.external_id, sender_name=account.name, to=send.to,
        subject=reply_subject(original.get("subject"), f"Message from {account.name}"), text=text or " ",
        message_id=f"<{UUID(str(send.message_id)).hex}@{domain}>",
        in_reply_to=in_reply_to[0] if in_reply_to else None, references=references,
    )
    ours = (send.content or {}).get("media_file")
    if ours:  # an uploaded file (media.media_id): its bytes go along as a MIME attachment
        from connectors.storage import StorageError
        from resolvers.media import read_media_bytes

        try:
            row, data = await read_media_bytes(send.tenant_id, ours["id"])
        except StorageError as exc:
            raise ValueError(f"The media file cannot be read: {exc}") from None
        maintype, _, subtype = row.content_type.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=row.filename)
    return smtp_url, msg
