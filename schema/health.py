from __future__ import annotations

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import health
from schema._base import ctx_of


@strawberry.type
class HealthQuery:
    @strawberry.field(description="State of the database, Redis and the job queue (public)")
    async def health(self, info: Info) -> JSON:
        return await health.health(ctx_of(info, public=True))
