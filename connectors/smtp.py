"""Outbound email over SMTP (aiosmtplib). URL form:
smtp://[user:password@]host[:port] (plain, STARTTLS when the server offers it),
smtp+starttls://... (STARTTLS required), smtps://... (implicit TLS, port 465 by default)."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from urllib.parse import unquote, urlparse

import aiosmtplib

TIMEOUT_SECONDS = 30.0


class SmtpError(Exception):
    """A failed send; `transient` when a retry may succeed (4xx replies, connection trouble)."""

    def __init__(self, code: int | None, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.code, self.message, self.transient = code, message, transient


@dataclass(frozen=True, slots=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None
    password: str | None
    use_tls: bool
    start_tls: bool | None  # None: if the server offers it


def parse_smtp_url(url: str) -> SmtpTarget:
    parts = urlparse(url)
    if parts.scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
        raise ValueError("expected smtp://, smtp+starttls:// or smtps://host[:port]")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the SMTP URL has an invalid port") from None
    implicit = parts.scheme == "smtps"
    return SmtpTarget(
        host=parts.hostname, port=port or (465 if implicit else 587 if parts.scheme == "smtp+starttls" else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        use_tls=implicit, start_tls=True if parts.scheme == "smtp+starttls" else (False if implicit else None),
    )


def build_email(*, sender: str, sender_name: str | None, to: str, subject: str, text: str, message_id: str,
                in_reply_to: str | None = None, references: list[str] | None = None,
                html: str | None = None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = formataddr((sender_name, sender)) if sender_name else sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = " ".join(references)
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


async def send_email(url: str, msg: EmailMessage) -> None:
    try:
        target = parse_smtp_url(url)
    except ValueError as exc:
        raise SmtpError(None, f"SMTP URL: {exc}", transient=False) from None
    try:
        await aiosmtplib.send(
            msg, hostname=target.host, port=target.port, username=target.username, password=target.password,
            use_tls=target.use_tls, start_tls=target.start_tls, timeout=TIMEOUT_SECONDS,
        )
    except aiosmtplib.SMTPResponseException as exc:  # the server answered with an error
        raise SmtpError(exc.code, exc.message, transient=400 <= exc.code < 500) from None
    except aiosmtplib.SMTPRecipientsRefused as exc:
        first = exc.recipients[0] if exc.recipients else None
        code = first.code if first else None
        raise SmtpError(code, str(exc), transient=bool(code and 400 <= code < 500)) from None
    except (aiosmtplib.SMTPException, OSError) as exc:  # connect/timeout/TLS: the server may come back
        raise SmtpError(None, f"{type(exc).__name__}: {exc}", transient=True) from None
