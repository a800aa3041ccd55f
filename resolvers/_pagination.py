"""Offset pagination shared by every list: REST `page`/`per_page`, GraphQL the same args."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import ConfigDict, Field
from tortoise.queryset import QuerySet

from resolvers._inputs import Input

T = TypeVar("T")


class PageParams(Input):
    # Query strings carry extras (cache busters, tracking); ignore rather than refuse them.
    model_config = ConfigDict(extra="ignore")

    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(20, ge=1, le=100)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int


async def paginate(qs: QuerySet, params: PageParams) -> Page:
    total = await qs.count()
    items = await qs.offset(params.offset).limit(params.per_page) if total > params.offset else []
    return Page(list(items), total, params.page, params.per_page)
