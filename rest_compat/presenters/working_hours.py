from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from rest_compat.presenters._base import MessageOut, Presenter, iso


class PeriodOut(BaseModel):
    weekday: int
    start: str
    end: str


class AutoReplyOut(BaseModel):
    enabled: bool
    text: str | None


class WorkingHoursOut(Presenter):
    """A schedule; `source` is "division" (the division's override), "tenant" (the
    organization's hours) or "default" (never set: open around the clock)."""

    division_id: UUID | None
    # Aliased: a field named `source` would shadow Presenter.source().
    schedule_source: str = Field(alias="source")
    timezone: str
    periods: list[PeriodOut]
    holidays: list[str]
    auto_reply: AutoReplyOut
    updated_at: datetime | None

    @classmethod
    def present(cls, view: Any) -> dict[str, Any]:
        return {
            "division_id": str(view.division_id) if view.division_id else None,
            "source": view.source,
            "timezone": view.timezone,
            "periods": [{"weekday": p["weekday"], "start": p["start"], "end": p["end"]} for p in view.periods],
            "holidays": list(view.holidays),
            "auto_reply": {"enabled": view.auto_reply_enabled, "text": view.auto_reply_text},
            "updated_at": iso(view.updated_at),
        }


class OverrideDeletedOut(MessageOut):
    division_id: UUID
    deleted: bool


class TimezoneOut(Presenter):
    timezone: str

    @classmethod
    def present(cls, obj: Any) -> dict[str, Any]:
        return {"timezone": obj["timezone"]}


class WorkingHoursStatusOut(Presenter):
    open: bool
    next_change_at: datetime | None
    timezone: str

    @classmethod
    def present(cls, status: Any) -> dict[str, Any]:
        return {"open": status.open, "next_change_at": iso(status.next_change_at), "timezone": status.timezone}
