"""Small expiring counters (login throttling, last-used stamps): in memory for one process,
Redis when several processes must agree."""

from __future__ import annotations

import time


class KeyValue:
    backend = "memory"

    def __init__(self) -> None:
        self._data: dict[str, tuple[int, float]] = {}

    async def incr(self, key: str, ttl_seconds: int) -> int:
        """Increment; the window starts at the first increment."""
        now = time.monotonic()
        value, expires = self._data.get(key, (0, 0.0))
        if expires <= now:
            value, expires = 0, now + ttl_seconds
        self._data[key] = (value + 1, expires)
        return value + 1

    async def get(self, key: str) -> int:
        value, expires = self._data.get(key, (0, 0.0))
        return value if expires > time.monotonic() else 0

    async def ttl(self, key: str) -> int:
        _, expires = self._data.get(key, (0, 0.0))
        return max(0, int(expires - time.monotonic()) + 1)

    async def delete(self, key: str) -> None:
        self._data.pop(key, None)

    async def close(self) -> None:
        return None


class RedisKeyValue(KeyValue):
    backend = "redis"

    def __init__(self, redis_url: str, prefix: str = "omnistream:kv:") -> None:
        import redis.asyncio as aioredis

        self._redis = aioredis.Redis.from_url(redis_url)
        self._prefix = prefix

    async def incr(self, key: str, ttl_seconds: int) -> int:
        k = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(k)
            pipe.expire(k, ttl_seconds, nx=True)
            value, _ = await pipe.execute()
        return int(value)

    async def get(self, key: str) -> int:
        value = await self._redis.get(self._prefix + key)
        return int(value) if value else 0

    async def ttl(self, key: str) -> int:
        return max(0, int(await self._redis.ttl(self._prefix + key)))

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    async def close(self) -> None:
        await self._redis.aclose()
