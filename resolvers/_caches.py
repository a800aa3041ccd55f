"""Per-process caches of rarely-changing rows read on hot paths, dropped when a change commits.

Two reads dominated small requests and webhook accepts: turning a credential into a Ctx (the
agent, its role and tenant, the revocation list) and finding the account an inbound webhook
belongs to (with its app secret). Both answers change only when an event of a known kind commits
(agent.*, role.*, api_key.*, tenant.*; integration_account.*). So:

- after such an event commits, this process drops the tenant's entries of every cache that
  names the event's prefix, and tells the other processes through pub/sub (CACHES_CHANNEL);
- a generation number, read before the database is asked and bumped by every invalidation,
  keeps a lookup that raced with a change from caching what it read before the change;
- an entry lives CACHE_SECONDS at most (0 turns the caches off): that bounds how long a
  lost pub/sub message could keep a stale answer in another process."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Generic, TypeVar
from uuid import UUID

from connectors.hub import services

log = logging.getLogger(__name__)

CACHES_CHANNEL = "process-caches"
MAX_ENTRIES = 20_000

V = TypeVar("V")


class ProcessCache(Generic[V]):
    def __init__(self, name: str, invalidated_by: tuple[str, ...]) -> None:
        self.name = name
        self.invalidated_by = invalidated_by
        self._entries: dict[Any, tuple[float, UUID, V]] = {}
        self._generation = 0
        CACHES[name] = self

    def _ttl(self) -> float:
        settings = services.settings
        return float(settings.cache_seconds) if settings is not None else 0.0

    def get(self, key: Any) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        stored_at, _, value = entry
        if time.monotonic() - stored_at >= self._ttl():
            self._entries.pop(key, None)
            return None
        return value

    def put(self, key: Any, value: V, tenant_id: UUID, generation: int) -> None:
        """Keep `value` (of `tenant_id`) unless something was invalidated since `generation`."""
        if self._ttl() <= 0 or self._generation != generation:
            return
        if len(self._entries) >= MAX_ENTRIES:  # oldest first: dicts keep insertion order
            for old in list(self._entries)[: MAX_ENTRIES // 10]:
                del self._entries[old]
        self._entries[key] = (time.monotonic(), tenant_id, value)

    async def load(self, key: Any, loader: Callable[[], Awaitable[V | None]], tenant_id: UUID | None = None
                   ) -> V | None:
        """Ask `loader` (the database) and keep what it answers, of `tenant_id` or else of the
        answer's own `tenant_id`; None answers are not kept."""
        generation = self._generation  # read first: an invalidation meanwhile keeps it out
        value = await loader()
        if value is not None:
            self.put(key, value, tenant_id if tenant_id is not None else value.tenant_id, generation)
        return value

    async def get_or_load(self, key: Any, loader: Callable[[], Awaitable[V | None]],
                          tenant_id: UUID | None = None) -> V | None:
        cached = self.get(key)
        return cached if cached is not None else await self.load(key, loader, tenant_id)

    def forget(self, key: Any) -> None:
        self._entries.pop(key, None)

    def forget_tenant(self, tenant_id: UUID) -> None:
        self._generation += 1
        for key in [k for k, (_, owner, _) in self._entries.items() if owner == tenant_id]:
            del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()
        self._generation += 1


CACHES: dict[str, ProcessCache[Any]] = {}


def clear_all() -> None:
    for cache in CACHES.values():
        cache.clear()


async def invalidate_after_commit(rows: Iterable[Any]) -> None:
    """Called with the outbox rows of every commit: drop what they may have changed, here and
    in every other process."""
    stale = {(cache.name, row.tenant_id) for row in rows if row.tenant_id is not None
             for cache in CACHES.values() if row.type.startswith(cache.invalidated_by)}
    for name, tenant_id in stale:
        CACHES[name].forget_tenant(tenant_id)
        if services.pubsub is not None:
            try:
                await services.pubsub.publish(CACHES_CHANNEL, f"{name}:{tenant_id}".encode())
            except Exception:  # the TTL bounds what other processes keep
                log.exception("publishing a cache invalidation failed")


async def follow_invalidations() -> None:
    """Runs for the life of the process: other processes' changes."""
    async for message in services.pubsub.subscribe(CACHES_CHANNEL):
        name, _, tenant = message.decode().partition(":")
        try:
            CACHES[name].forget_tenant(UUID(tenant))
        except (KeyError, ValueError):
            log.warning("ignoring a malformed cache invalidation %r", message[:100])
