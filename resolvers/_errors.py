"""One error catalogue for both doors: REST renders {"error": {...}} with the status,
GraphQL puts the code in extensions.code."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    BAD_REQUEST = "BAD_REQUEST"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    PAYMENT_REQUIRED = "PAYMENT_REQUIRED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    CONFLICT = "CONFLICT"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    VALIDATION_FAILED = "VALIDATION_FAILED"
    MESSAGING_WINDOW_CLOSED = "MESSAGING_WINDOW_CLOSED"
    CHANNEL_DISABLED = "CHANNEL_DISABLED"
    RATE_LIMITED = "RATE_LIMITED"
    INTERNAL = "INTERNAL"
    UPSTREAM_FAILED = "UPSTREAM_FAILED"
    UNAVAILABLE = "UNAVAILABLE"


HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.PAYMENT_REQUIRED: 402,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.CONFLICT: 409,
    ErrorCode.PAYLOAD_TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.VALIDATION_FAILED: 422,
    ErrorCode.MESSAGING_WINDOW_CLOSED: 422,
    ErrorCode.CHANNEL_DISABLED: 422,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UPSTREAM_FAILED: 502,
    ErrorCode.UNAVAILABLE: 503,
}


class DomainError(Exception):
    """An error the caller may see. Anything else is logged and masked."""

    code: ErrorCode = ErrorCode.BAD_REQUEST
    default_message = "Bad request"

    def __init__(
        self,
        message: str | None = None,
        *,
        details: Any = None,
        code: ErrorCode | None = None,
        retry_after: int | None = None,
    ) -> None:
        if code is not None:
            self.code = code
        self.message = message or self.default_message
        self.details = details
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.code]

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": str(self.code), "message": self.message}
        if self.details is not None:
            body["details"] = self.details
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
        return body


class BadRequest(DomainError):
    code = ErrorCode.BAD_REQUEST
    default_message = "Bad request"


class Unauthenticated(DomainError):
    code = ErrorCode.UNAUTHENTICATED
    default_message = "Authentication required"


class Forbidden(DomainError):
    code = ErrorCode.FORBIDDEN
    default_message = "You are not allowed to do this"


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND
    default_message = "Not found"


class Conflict(DomainError):
    code = ErrorCode.CONFLICT
    default_message = "Conflict"


class ValidationFailed(DomainError):
    code = ErrorCode.VALIDATION_FAILED
    default_message = "Validation failed"

    @classmethod
    def field(cls, field: str, message: str) -> ValidationFailed:
        return cls(f"{field}: {message}", details=[{"field": field, "message": message}])


class MessagingWindowClosed(DomainError):
    code = ErrorCode.MESSAGING_WINDOW_CLOSED
    default_message = "The customer-service window is closed: only templates can be sent"


class ChannelDisabled(DomainError):
    code = ErrorCode.CHANNEL_DISABLED
    default_message = "The channel is disabled in this organization's channel settings: nothing can be sent on it"


class RateLimited(DomainError):
    code = ErrorCode.RATE_LIMITED
    default_message = "Too many requests"


class UpstreamFailed(DomainError):
    code = ErrorCode.UPSTREAM_FAILED
    default_message = "The provider refused the request"
