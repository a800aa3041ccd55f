"""Password hashing (argon2id) and the one place that enforces the password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from connectors.hub import services
from resolvers._errors import ValidationFailed

_hashers: dict[tuple[int, int], tuple[PasswordHasher, str]] = {}


def _hasher() -> tuple[PasswordHasher, str]:
    """The hasher for the configured cost, and a dummy hash made with it: verified against when
    the account does not exist, so a wrong email costs as long as a wrong password and the
    response time does not reveal which emails exist."""
    settings = services.settings
    cost = (settings.argon2_time_cost, settings.argon2_memory_kib) if settings else (3, 65536)
    if cost not in _hashers:
        hasher = PasswordHasher(time_cost=cost[0], memory_cost=cost[1])
        _hashers[cost] = (hasher, hasher.hash("omnistream-dummy-password"))
    return _hashers[cost]


def hash_password(password: str) -> str:
    return _hasher()[0].hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    # Hashes keep their own parameters, so changing the cost never locks anyone out.
    hasher, dummy = _hasher()
    try:
        return hasher.verify(password_hash or dummy, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password_policy(password: str, field: str = "password") -> None:
    minimum = services.settings.password_min_length if services.settings else 8
    if len(password) < minimum:
        raise ValidationFailed.field(field, f"must be at least {minimum} characters")
    if len(password) > 256:
        raise ValidationFailed.field(field, "must be at most 256 characters")
