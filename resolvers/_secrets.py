"""Secrets at rest: channel credentials (access tokens, app secrets) are sealed with Fernet under
the settings' `encryption_key` before they touch the database, and only ever leave it masked.

A blob holds one JSON object of name -> secret, so an account's secrets are sealed together
and a change to one re-seals them all under a fresh IV."""

from __future__ import annotations

from functools import lru_cache

import orjson
from cryptography.fernet import Fernet, InvalidToken

from connectors.hub import services

MASK = "••••"
# Below this length even four trailing characters give away too much of the secret.
_MIN_LENGTH_TO_HINT = 12


class SecretsUnreadable(Exception):
    """The blob was not sealed with the current key (key rotated or data corrupted). Not a
    DomainError: the caller cannot fix it, an operator must."""


@lru_cache(maxsize=4)
def _fernet_for(key: str) -> Fernet:
    return Fernet(key)


def _fernet() -> Fernet:
    settings = services.settings
    key = getattr(settings, "encryption_key", "") if settings is not None else ""
    if not key:
        raise RuntimeError("settings.encryption_key is not configured; secrets cannot be sealed")
    return _fernet_for(key)


def seal(values: dict[str, str]) -> str:
    """Encrypt a name -> secret mapping into one opaque text blob."""
    return _fernet().encrypt(orjson.dumps(dict(values), option=orjson.OPT_SORT_KEYS)).decode()


def unseal(blob: str) -> dict[str, str]:
    """The mapping `seal` encrypted. An empty blob (nothing sealed yet) is an empty mapping."""
    if not blob:
        return {}
    try:
        data = orjson.loads(_fernet().decrypt(blob.encode()))
    except InvalidToken:
        raise SecretsUnreadable("stored secrets cannot be decrypted with the configured ENCRYPTION_KEY") from None
    return {str(k): str(v) for k, v in data.items()}


def mask(secret: str) -> str:
    """What may be shown of a secret: a fixed mask plus, for long secrets, the last 4 characters."""
    if len(secret) < _MIN_LENGTH_TO_HINT:
        return MASK
    return MASK + secret[-4:]
