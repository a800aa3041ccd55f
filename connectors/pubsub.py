"""Pub/sub for live events. Each process holds ONE upstream subscription (Redis pattern
subscription, or nothing in-process) and fans messages out locally to its subscribers, so
1,000 open GraphQL subscriptions cost one Redis connection, not 1,000."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

log = logging.getLogger(__name__)

CHANNEL_PREFIX = "omnistream:"
SUBSCRIBER_QUEUE_SIZE = 1000


class _LocalFanout:
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[bytes]]] = defaultdict(set)

    def deliver(self, channel: str, message: bytes) -> None:
        for queue in tuple(self._queues.get(channel, ())):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                # A stalled subscriber must not hold up everyone else; it loses events
                # and can re-fetch through queries.
                log.warning("dropping event for a slow subscriber on %s", channel)

    def add(self, channel: str) -> asyncio.Queue[bytes]:
        queue: asyncio.Queue[bytes] = asyncio.Queue(SUBSCRIBER_QUEUE_SIZE)
        self._queues[channel].add(queue)
        return queue

    def remove(self, channel: str, queue: asyncio.Queue[bytes]) -> None:
        subscribers = self._queues.get(channel)
        if subscribers is not None:
            subscribers.discard(queue)
            if not subscribers:
                del self._queues[channel]

    @property
    def subscriber_count(self) -> int:
        return sum(len(q) for q in self._queues.values())


class PubSub:
    """In-process pub/sub (embedded default): publish delivers straight to local queues."""

    backend = "memory"

    def __init__(self) -> None:
        self._fanout = _LocalFanout()

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def publish(self, channel: str, message: bytes) -> None:
        self._fanout.deliver(channel, message)

    async def subscribe(self, channel: str) -> AsyncIterator[bytes]:
        queue = self._fanout.add(channel)
        try:
            while True:
                yield await queue.get()
        finally:
            self._fanout.remove(channel, queue)

    async def ping(self) -> bool:
        return True

    @property
    def subscriber_count(self) -> int:
        return self._fanout.subscriber_count


class RedisPubSub(PubSub):
    """Publishes through Redis so every process sees every event; one pattern subscription
    per process feeds the local fan-out."""

    backend = "redis"

    def __init__(self, redis_url: str) -> None:
        super().__init__()
        import redis.asyncio as aioredis

        self._redis = aioredis.Redis.from_url(redis_url)
        self._listener: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    async def start(self) -> None:
        if self._listener is None:
            self._listener = asyncio.create_task(self._listen(), name="pubsub-listener")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ready.wait(), 5)

    async def _listen(self) -> None:
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                self._ready.set()
                async for item in pubsub.listen():
                    if item.get("type") != "pmessage":
                        continue
                    channel = item["channel"].decode()[len(CHANNEL_PREFIX) :]
                    self._fanout.deliver(channel, item["data"])
            except asyncio.CancelledError:
                raise
            except Exception:  # a Redis restart must not end live delivery for good
                log.exception("pub/sub listener lost Redis; reconnecting")
                await asyncio.sleep(0.5)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
            self._listener = None
        await self._redis.aclose()

    async def publish(self, channel: str, message: bytes) -> None:
        await self._redis.publish(CHANNEL_PREFIX + channel, message)

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except Exception:
            return False
