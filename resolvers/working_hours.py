"""Working hours: the organization's weekly schedule, per-division overrides, holidays, the
organization's timezone, whether it is open at an instant (and when that changes), and the
out-of-hours auto-reply.

Schedules are wall-clock times in the organization's IANA timezone: every instant is computed
with zoneinfo from the local date and time, so a 09:00 opening stays 09:00 across a DST change.
A period whose end is at or before its start ends the next day (equal: 24 hours); a holiday
closes its whole local day, including the part of an overnight period that runs into it.
Local times that a DST change skips resolve with the offset before the change (02:30 on a
spring-forward night is 03:30), repeated ones to their first occurrence. An organization that
never set its hours is open around the clock."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo, available_timezones

from pydantic import ConfigDict, Field, field_validator, model_validator
from tortoise.exceptions import IntegrityError

from models.conversations import Conversation
from models.divisions import Division
from models.events import OutboxEvent
from models.tenants import Tenant
from models.working_hours import TENANT_SCOPE, AutoReply, WorkingHours
from resolvers._caches import ProcessCache
from resolvers._context import Ctx
from resolvers._errors import DomainError, NotFound
from resolvers._inputs import Input, parse
from resolvers._run import transactional
from resolvers._scope import get_scoped, new_scoped, scoped
from resolvers.channel_settings import channel_switches

log = logging.getLogger(__name__)

HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PERIODS = 100
MAX_HOLIDAYS = 400
# How far ahead the next change is looked for; beyond it next_change_at is null.
SHORT_HORIZON_DAYS = 8
LONG_HORIZON_DAYS = 400
# A message dispatched later than this (a rescued event) is not answered: "we are closed" would
# arrive long after the customer wrote.
AUTO_REPLY_MAX_DELAY = timedelta(hours=1)
ALWAYS_CLOSED_KEY = "closed"


# ---------------------------------------------------------------- inputs

class PeriodInput(Input):
    weekday: int = Field(ge=0, le=6, strict=True, description="0 = Monday ... 6 = Sunday")
    start: str = Field(description="HH:MM (24-hour clock, 00:00..23:59) in the organization's timezone")
    end: str = Field(description="HH:MM; at or before `start` means it ends the next day (equal: 24 hours)")

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, value: str) -> str:
        if not HHMM.match(value):
            raise ValueError("must be HH:MM on a 24-hour clock, 00:00 to 23:59 (midnight is 00:00)")
        return value


class AutoReplyInput(Input):
    enabled: bool
    text: str | None = Field(None, min_length=1, max_length=4096)

    @model_validator(mode="after")
    def _text_when_enabled(self) -> AutoReplyInput:
        if self.enabled and not self.text:
            raise ValueError("an enabled auto-reply needs `text`")
        return self


class WorkingHoursInput(Input):
    periods: list[PeriodInput] = Field(max_length=MAX_PERIODS)
    holidays: list[str] = Field(default_factory=list, max_length=MAX_HOLIDAYS,
                                description="Dates closed all day, YYYY-MM-DD (local dates)")
    auto_reply: AutoReplyInput | None = Field(
        None, description="Out-of-hours auto-reply; omitted leaves the current setting unchanged")

    @field_validator("holidays")
    @classmethod
    def _dates(cls, values: list[str]) -> list[str]:
        days = set()
        for value in values:
            try:
                if not ISO_DATE.match(value):
                    raise ValueError
                days.add(date.fromisoformat(value))
            except ValueError:
                raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None
        return [d.isoformat() for d in sorted(days)]


class TimezoneInput(Input):
    timezone: str = Field(min_length=1, max_length=64, description="An IANA timezone name, e.g. Asia/Jakarta")

    @field_validator("timezone")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in known_timezones():
            raise ValueError(f"{value!r} is not an IANA timezone name (e.g. Europe/Berlin, Asia/Jakarta, UTC)")
        return value


class StatusParams(Input):
    # Query strings carry extras (cache busters, embeds' tracking): ignored, as in PageParams.
    model_config = ConfigDict(extra="ignore")

    division_id: UUID | None = Field(None, description="A division whose override applies, if it has one")


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    # The set, not ZoneInfo(name): ZoneInfo also opens odd files ("posixrules", paths).
    return frozenset(available_timezones() | {"UTC"})


# ---------------------------------------------------------------- the schedule and its clock

@dataclass(frozen=True, slots=True)
class Schedule:
    """What the clock needs: periods as minutes of the day, holidays as local dates."""

    periods: tuple[tuple[int, int, int], ...]  # (weekday, start minute, end minute)
    holidays: frozenset[date]
    timezone: str

    @classmethod
    def of(cls, periods: list[dict[str, Any]], holidays: list[str], timezone: str) -> Schedule:
        return cls(
            periods=tuple((p["weekday"], _minutes(p["start"]), _minutes(p["end"])) for p in periods),
            holidays=frozenset(date.fromisoformat(d) for d in holidays),
            timezone=timezone,
        )


ALWAYS_OPEN = [{"weekday": day, "start": "00:00", "end": "00:00"} for day in range(7)]

Interval = tuple[datetime, datetime]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _instant(day: date, minute: int, tz: ZoneInfo) -> datetime:
    """A local wall-clock time as a UTC instant (fold=0: see the module docstring on DST)."""
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
    return local.astimezone(UTC)


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(opened: list[Interval], closed: list[Interval]) -> list[Interval]:
    """`opened` minus `closed`, both merged and sorted: one sweep, linear in their sizes."""
    result: list[Interval] = []
    j = 0
    for start, end in opened:
        while j < len(closed) and closed[j][1] <= start:
            j += 1
        k = j
        while k < len(closed) and closed[k][0] < end:
            c_start, c_end = closed[k]
            if start < c_start:
                result.append((start, c_start))
            start = max(start, c_end)
            k += 1
        if start < end:
            result.append((start, end))
    return result


def open_intervals(schedule: Schedule, first_day: date, last_day: date) -> list[Interval]:
    """The UTC intervals in which the schedule is open between local midnight of `first_day` and
    local midnight after `last_day`: merged, holidays removed, clipped to that window."""
    tz = ZoneInfo(schedule.timezone)
    window = (_instant(first_day, 0, tz), _instant(last_day + timedelta(days=1), 0, tz))
    raw: list[Interval] = []
    day = first_day - timedelta(days=1)  # its overnight periods reach into first_day
    while day <= last_day:
        for weekday, start, end in schedule.periods:
            if weekday != day.weekday():
                continue
            end_day = day if end > start else day + timedelta(days=1)
            interval = (_instant(day, start, tz), _instant(end_day, end, tz))
            if interval[0] < interval[1]:  # both ends inside one skipped DST hour
                raw.append(interval)
        day += timedelta(days=1)
    holidays = _merge([(_instant(h, 0, tz), _instant(h + timedelta(days=1), 0, tz))
                       for h in schedule.holidays if first_day - timedelta(days=1) <= h <= last_day])
    clipped = [(max(s, window[0]), min(e, window[1])) for s, e in _subtract(_merge(raw), holidays)]
    return [(s, e) for s, e in clipped if s < e]


@dataclass(frozen=True, slots=True)
class Status:
    open: bool
    next_change_at: datetime | None
    timezone: str


def status_at(schedule: Schedule, now: datetime) -> Status:
    """Open or closed at `now`, and the next instant that changes it (None: not within
    LONG_HORIZON_DAYS, e.g. open around the clock or no period at all)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC)
    tz = ZoneInfo(schedule.timezone)
    today = now.astimezone(tz).date()
    is_open = False
    for horizon in (SHORT_HORIZON_DAYS, LONG_HORIZON_DAYS):
        last_day = today + timedelta(days=horizon)
        window_end = _instant(last_day + timedelta(days=1), 0, tz)
        intervals = open_intervals(schedule, today - timedelta(days=1), last_day)
        current = next(((s, e) for s, e in intervals if s <= now < e), None)
        if current is not None:
            is_open = True
            if current[1] < window_end:  # at the window's end it may go on: look further
                return Status(True, current[1], schedule.timezone)
        else:
            is_open = False
            upcoming = next((s for s, _ in intervals if s > now), None)
            if upcoming is not None:
                return Status(False, upcoming, schedule.timezone)
    return Status(is_open, None, schedule.timezone)


# ---------------------------------------------------------------- reading schedules

@dataclass(frozen=True, slots=True)
class WorkingHoursView:
    """A schedule as both doors show it. `source` says where it comes from: "division" (the
    division's override), "tenant" (the organization's hours) or "default" (never set: open
    around the clock)."""

    division_id: UUID | None
    source: str
    timezone: str
    periods: list[dict[str, Any]]
    holidays: list[str]
    auto_reply_enabled: bool
    auto_reply_text: str | None
    updated_at: datetime | None

    @property
    def schedule(self) -> Schedule:
        return Schedule.of(self.periods, self.holidays, self.timezone)


def _sorted_periods(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(periods, key=lambda p: (p["weekday"], p["start"], p["end"]))


def _view(row: WorkingHours | None, timezone: str, *, division_id: UUID | None = None) -> WorkingHoursView:
    if row is None:
        return WorkingHoursView(division_id, "default", timezone, list(ALWAYS_OPEN), [], False, None, None)
    return WorkingHoursView(
        division_id=division_id, source="division" if row.division_id else "tenant", timezone=timezone,
        periods=_sorted_periods(row.periods or []), holidays=list(row.holidays or []),
        auto_reply_enabled=row.auto_reply_enabled, auto_reply_text=row.auto_reply_text, updated_at=row.updated_at,
    )


async def _tenant(ctx: Ctx) -> Tenant:
    tenant = await Tenant.filter(id=ctx.require_tenant()).first()
    if tenant is None:
        raise NotFound("organization not found")
    return tenant


async def _row(ctx: Ctx, scope: str) -> WorkingHours | None:
    return await scoped(ctx, WorkingHours).filter(scope=scope).first()


async def _division(ctx: Ctx, division_id: UUID | str) -> Division:
    return await get_scoped(ctx, Division, division_id, what="division")


async def effective_hours(ctx: Ctx, division_id: UUID | None = None) -> WorkingHoursView:
    """The schedule that applies: the division's override if it has one, else the tenant's."""
    tenant = await _tenant(ctx)
    if division_id is not None:
        override = await _row(ctx, str(division_id))
        if override is not None:
            return _view(override, tenant.timezone, division_id=division_id)
    return replace(_view(await _row(ctx, TENANT_SCOPE), tenant.timezone), division_id=division_id)


async def get_working_hours(ctx: Ctx) -> WorkingHoursView:
    ctx.require("working_hours.read")
    return await effective_hours(ctx)


async def get_division_working_hours(ctx: Ctx, division_id: UUID | str) -> WorkingHoursView:
    """The division's override, or the organization's hours it follows (see `source`)."""
    ctx.require("working_hours.read")
    division = await _division(ctx, division_id)
    return await effective_hours(ctx, division.id)


# ---------------------------------------------------------------- changing schedules

def _row_values(data: WorkingHoursInput) -> dict[str, Any]:
    values: dict[str, Any] = {
        "periods": _sorted_periods([p.model_dump() for p in data.periods]),
        "holidays": data.holidays,
    }
    if data.auto_reply is not None:
        values["auto_reply_enabled"] = data.auto_reply.enabled
        values["auto_reply_text"] = data.auto_reply.text
    return values


@transactional
async def _upsert(ctx: Ctx, scope: str, division_id: UUID | None, data: WorkingHoursInput) -> WorkingHoursView:
    values = _row_values(data)
    row = await _row(ctx, scope)
    if row is None:
        row = await new_scoped(ctx, WorkingHours, scope=scope, division_id=division_id, **values)
    else:
        for key, value in values.items():
            setattr(row, key, value)
        await row.save(update_fields=[*values, "updated_at"])
    view = _view(row, (await _tenant(ctx)).timezone, division_id=division_id)
    ctx.record("working_hours.updated", _event_payload(view))
    return view


async def _upsert_retrying(ctx: Ctx, scope: str, division_id: UUID | None, data: WorkingHoursInput
                           ) -> WorkingHoursView:
    try:
        return await _upsert(ctx, scope, division_id, data)
    except IntegrityError:  # a concurrent first PUT created the row: this one now updates it
        return await _upsert(ctx, scope, division_id, data)


def _event_payload(view: WorkingHoursView) -> dict[str, Any]:
    return {"division_id": str(view.division_id) if view.division_id else None, "source": view.source,
            "periods": view.periods, "holidays": view.holidays, "auto_reply_enabled": view.auto_reply_enabled}


async def set_working_hours(ctx: Ctx, data: WorkingHoursInput | dict) -> WorkingHoursView:
    """Replace the organization's weekly schedule and holidays (auto_reply: see the input)."""
    ctx.require("working_hours.manage")
    data = parse(WorkingHoursInput, data)
    return await _upsert_retrying(ctx, TENANT_SCOPE, None, data)


async def set_division_working_hours(ctx: Ctx, division_id: UUID | str, data: WorkingHoursInput | dict
                                     ) -> WorkingHoursView:
    """Give a division its own schedule, replacing the organization's for it."""
    ctx.require("working_hours.manage")
    division = await _division(ctx, division_id)
    data = parse(WorkingHoursInput, data)
    return await _upsert_retrying(ctx, str(division.id), division.id, data)


@transactional
async def delete_division_working_hours(ctx: Ctx, division_id: UUID | str) -> dict[str, Any]:
    """Drop a division's override: it follows the organization's hours again. Idempotent."""
    ctx.require("working_hours.manage")
    division = await _division(ctx, division_id)
    deleted = await scoped(ctx, WorkingHours).filter(scope=str(division.id)).delete()
    if deleted:
        ctx.record("working_hours.deleted", {"division_id": str(division.id)})
    return {"message": "Division working hours override deleted" if deleted
            else "The division has no override; it follows the organization's hours",
            "division_id": str(division.id), "deleted": bool(deleted)}


# ---------------------------------------------------------------- timezone

async def get_tenant_timezone(ctx: Ctx) -> dict[str, Any]:
    ctx.require("working_hours.read")
    return {"timezone": (await _tenant(ctx)).timezone}


@transactional
async def set_tenant_timezone(ctx: Ctx, data: TimezoneInput | dict) -> dict[str, Any]:
    ctx.require("working_hours.manage")
    data = parse(TimezoneInput, data)
    tenant = await _tenant(ctx)
    if tenant.timezone != data.timezone:
        previous = tenant.timezone
        await Tenant.filter(id=tenant.id).update(timezone=data.timezone, updated_at=datetime.now(UTC))
        ctx.record("tenant.updated", {"tenant_id": str(tenant.id), "changed": ["timezone"],
                                      "timezone": data.timezone, "previous_timezone": previous})
    return {"timezone": data.timezone}


# ---------------------------------------------------------------- open or closed

async def working_hours_status(ctx: Ctx, tenant_slug: str, params: StatusParams | dict | None = None, *,
                               now: datetime | None = None) -> Status:
    """Public: is the organization (or one division) open at `now` (default: the real clock),
    and when does that change? An unknown or suspended organization is not found."""
    params = parse(StatusParams, params or {})
    tenant = await Tenant.filter(slug=tenant_slug, status="active").first()
    if tenant is None:
        raise NotFound("organization not found")
    # The caller holds no credentials: a context that only names the tenant, for scoped reads.
    lookup = replace(Ctx.anonymous(ctx.request_id, ctx.client_ip), tenant_id=tenant.id)
    division_id = None
    if params.division_id is not None:
        division_id = (await _division(lookup, params.division_id)).id
    view = await effective_hours(lookup, division_id)
    return status_at(view.schedule, now or datetime.now(UTC))


# ---------------------------------------------------------------- out-of-hours auto-reply

def _period_key(status: Status) -> str:
    # A closed period is named by the instant it ends: every message inside it gets the same key.
    if status.next_change_at is None:
        return ALWAYS_CLOSED_KEY
    return status.next_change_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Whether any schedule of a tenant (its own or a division's) has its auto-reply on: most have
# none, and then an inbound message costs the auto-reply nothing (resolvers/_caches.py).
_auto_reply_on: ProcessCache[bool] = ProcessCache("auto_reply_on", ("working_hours.",))


async def _auto_reply_configured(ctx: Ctx) -> bool:
    tenant_id = ctx.require_tenant()
    return bool(await _auto_reply_on.get_or_load(
        tenant_id, lambda: scoped(ctx, WorkingHours).filter(auto_reply_enabled=True).exists(), tenant_id))


@transactional
async def send_auto_reply(ctx: Ctx, conversation_id: UUID | str, *, at: datetime) -> bool:
    """Answer a customer who wrote at `at` while the applicable schedule was closed, once per
    conversation per closed period. True when a reply was queued."""
    from resolvers.messages import send_message  # local: messages sits above this module's users

    if not await _auto_reply_configured(ctx):
        return False
    conversation = await scoped(ctx, Conversation).filter(id=conversation_id).first()
    if conversation is None or conversation.status not in ("open", "pending"):
        return False
    view = await effective_hours(ctx, conversation.division_id)
    if not view.auto_reply_enabled or not view.auto_reply_text:
        return False
    # The channel's settings (resolvers/channel_settings.py) may take it out of working hours.
    switches = await channel_switches(ctx, conversation.channel)
    if not switches.enabled or not switches.use_working_hours:
        return False
    status = status_at(view.schedule, at)
    if status.open:
        return False
    key = _period_key(status)
    if await scoped(ctx, AutoReply).filter(conversation_id=conversation.id, period_key=key).exists():
        return False
    # The claim comes first: a concurrent twin fails on the unique pair and rolls back its send.
    claim = await new_scoped(ctx, AutoReply, conversation_id=conversation.id, period_key=key)
    message = await send_message(ctx, conversation.id, {"type": "text", "text": view.auto_reply_text})
    claim.message_id = message.id
    await claim.save(update_fields=["message_id", "updated_at"])
    return True


async def on_message_created(event: OutboxEvent) -> None:
    """Listener of message.created (omnistream/wiring.py): an inbound message may get the
    out-of-hours auto-reply. Idempotent: a second delivery finds the period already answered."""
    payload = event.payload or {}
    if payload.get("direction") != "inbound" or event.tenant_id is None or not payload.get("conversation_id"):
        return
    try:
        at = datetime.fromisoformat(payload["created_at"])
    except (KeyError, TypeError, ValueError):
        return
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    if datetime.now(UTC) - at > AUTO_REPLY_MAX_DELAY:
        return
    try:
        await send_auto_reply(Ctx.system(event.tenant_id), payload["conversation_id"], at=at)
    except IntegrityError:
        return  # the twin delivery answered this period
    except DomainError as exc:  # e.g. a channel we cannot send on yet: nothing was written
        log.info("no auto-reply for conversation %s: %s", payload["conversation_id"], exc.message)

