"""Offset pagination shared by every list: REST `page`/`per_page`, GraphQL the same args.

The total is what costs on a large tenant: an exact COUNT(*) reads every matching row, so a
page of 20 out of 100k conversations would spend most of its time counting. So a page reads
one row more than it shows (that says whether there is a next page), the total is derived from
the page itself when the page is the last one, and otherwise counted only up to COUNT_CAP
(GitLab and GitHub do the same): beyond it the total is unknown (None), and a client shows
"1,000+" as inbox tabs do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import ConfigDict, Field
from tortoise.queryset import QuerySet

from resolvers._inputs import Input

T = TypeVar("T")

COUNT_CAP = 1_000  # counting 1,000 index entries costs a fraction of the page; 10,000 cost more than it


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
    total: int | None  # None: more than COUNT_CAP
    page: int
    per_page: int
    has_more: bool = False

    @classmethod
    def of_list(cls, rows: list[T], params: PageParams) -> Page[T]:
        """A page of a list already in memory (small settings lists)."""
        end = params.offset + params.per_page
        return cls(rows[params.offset:end], len(rows), params.page, params.per_page, len(rows) > end)


def capped(n: int, cap: int = COUNT_CAP) -> int | None:
    """A count of at most cap + 1 rows, as a total: None when there are more than `cap`."""
    return None if n > cap else n


async def capped_count(qs: QuerySet, cap: int = COUNT_CAP) -> int | None:
    """COUNT(*) of `qs` reading at most cap + 1 rows; None when there are more."""
    window = qs.order_by().limit(cap + 1).offset(0).values_list("id", flat=True)
    window._choose_db_if_not_chosen()
    window._make_query()  # what QuerySet.sql() does, keeping the parameters
    sql, values = window.query.get_parameterized_sql()
    _, rows = await window._db.execute_query(f"SELECT COUNT(*) AS n FROM ({sql}) AS capped", values)
    return capped(int(rows[0]["n"]), cap)


async def page_of(rows: list[T], params: PageParams, count: Callable[[], Awaitable[int | None]]) -> Page[T]:
    """`rows`: up to per_page + 1 rows read at the page's offset; `count()` the capped total,
    asked only when the page cannot tell it."""
    has_more = len(rows) > params.per_page
    items = rows[: params.per_page]
    if not has_more and (items or params.offset == 0):
        total: int | None = params.offset + len(items)  # the last page tells the total itself
    else:
        total = await count()
    return Page(items, total, params.page, params.per_page, has_more)


async def paginate(qs: QuerySet, params: PageParams) -> Page:
    rows = list(await qs.offset(params.offset).limit(params.per_page + 1))
    return await page_of(rows, params, lambda: capped_count(qs))
