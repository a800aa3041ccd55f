"""Password hashing (argon2id) and the one place that enforces the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from connectors.hub import services
from resolvers._errors import ValidationFailed

_hasher = PasswordHasher()
# Verified against when the account does not exist, so a wrong email costs as long as a
# wrong password and the response time does not reveal which emails exist.
_DUMMY_HASH = _hasher.hash("omnistream-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password_policy(password: str, field: str = "password") -> None:
    minimum = services.settings.password_min_length if services.settings else 8
    if len(password) < minimum:
        raise ValidationFailed.field(field, f"must be at least {minimum} characters")
    if len(password) > 256:
        raise ValidationFailed.field(field, "must be at most 256 characters")
