"""Working hours over GraphQL: the same resolvers as REST (resolvers.working_hours), the same
shapes in camelCase. `workingHoursStatus` is public, like its REST twin."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types import Info

from resolvers import working_hours
from schema._base import as_data, ctx_of


@strawberry.type(name="WorkingPeriod")
class WorkingPeriodType:
    weekday: int = strawberry.field(description="0 = Monday ... 6 = Sunday")
    start: str
    end: str = strawberry.field(description="At or before `start`: the period ends the next day")


@strawberry.type(name="AutoReply")
class AutoReplyType:
    enabled: bool
    text: str | None


@strawberry.type(name="WorkingHours")
class WorkingHoursType:
    division_id: UUID | None
    source: str = strawberry.field(description='"division" (its override), "tenant" or "default" (open around the clock)')
    timezone: str
    periods: list[WorkingPeriodType]
    holidays: list[str]
    auto_reply: AutoReplyType
    updated_at: datetime | None

    @classmethod
    def from_view(cls, view: Any) -> WorkingHoursType:
        return cls(
            division_id=view.division_id, source=view.source, timezone=view.timezone,
            periods=[WorkingPeriodType(weekday=p["weekday"], start=p["start"], end=p["end"]) for p in view.periods],
            holidays=list(view.holidays),
            auto_reply=AutoReplyType(enabled=view.auto_reply_enabled, text=view.auto_reply_text),
            updated_at=view.updated_at,
        )


@strawberry.type(name="WorkingHoursStatus")
class WorkingHoursStatusType:
    open: bool
    next_change_at: datetime | None = strawberry.field(description="When open/closed next changes (UTC); null: not within a year")
    timezone: str


@strawberry.type(name="TenantTimezone")
class TenantTimezoneType:
    timezone: str


@strawberry.type
class DivisionWorkingHoursDeletedPayload:
    message: str
    division_id: UUID
    deleted: bool = strawberry.field(description="False when the division had no override")


@sp.input(model=working_hours.PeriodInput, all_fields=True, name="WorkingPeriodInput")
class WorkingPeriodInput:
    pass


@sp.input(model=working_hours.AutoReplyInput, all_fields=True, name="AutoReplyInput")
class AutoReplyInput:
    pass


@strawberry.input(name="WorkingHoursInput")
class WorkingHoursInput:
    periods: list[WorkingPeriodInput]
    holidays: list[str] = strawberry.field(default_factory=list, description="Dates closed all day, YYYY-MM-DD")
    auto_reply: AutoReplyInput | None = strawberry.field(
        default=strawberry.UNSET, description="Omitted or null: the current auto-reply stays as it is")


def _status(status: Any) -> WorkingHoursStatusType:
    return WorkingHoursStatusType(open=status.open, next_change_at=status.next_change_at, timezone=status.timezone)


@strawberry.type
class WorkingHoursQuery:
    @strawberry.field(description="The organization's working hours, or (with divisionId) the ones a division follows")
    async def working_hours(self, info: Info, division_id: UUID | None = None) -> WorkingHoursType:
        ctx = ctx_of(info)
        if division_id is None:
            return WorkingHoursType.from_view(await working_hours.get_working_hours(ctx))
        return WorkingHoursType.from_view(await working_hours.get_division_working_hours(ctx, division_id))

    @strawberry.field
    async def tenant_timezone(self, info: Info) -> TenantTimezoneType:
        return TenantTimezoneType(timezone=(await working_hours.get_tenant_timezone(ctx_of(info)))["timezone"])

    @strawberry.field(description="Public (no credentials): is the organization, or one division, open now?")
    async def working_hours_status(self, info: Info, tenant_slug: str, division_id: UUID | None = None
                                   ) -> WorkingHoursStatusType:
        status = await working_hours.working_hours_status(ctx_of(info, public=True), tenant_slug,
                                                          {"division_id": division_id})
        return _status(status)


@strawberry.type
class WorkingHoursMutation:
    @strawberry.mutation(description="Replace the organization's weekly schedule and holidays")
    async def set_working_hours(self, info: Info, input: WorkingHoursInput) -> WorkingHoursType:
        return WorkingHoursType.from_view(await working_hours.set_working_hours(ctx_of(info), as_data(input)))

    @strawberry.mutation(description="Give a division its own schedule (an override of the organization's)")
    async def set_division_working_hours(self, info: Info, division_id: UUID, input: WorkingHoursInput
                                         ) -> WorkingHoursType:
        view = await working_hours.set_division_working_hours(ctx_of(info), division_id, as_data(input))
        return WorkingHoursType.from_view(view)

    @strawberry.mutation(description="Drop a division's override: it follows the organization's hours again")
    async def delete_division_working_hours(self, info: Info, division_id: UUID) -> DivisionWorkingHoursDeletedPayload:
        r = await working_hours.delete_division_working_hours(ctx_of(info), division_id)
        return DivisionWorkingHoursDeletedPayload(message=r["message"], division_id=UUID(r["division_id"]),
                                                  deleted=r["deleted"])

    @strawberry.mutation(description="Set the organization's IANA timezone (e.g. Asia/Jakarta)")
    async def set_tenant_timezone(self, info: Info, timezone: str) -> TenantTimezoneType:
        r = await working_hours.set_tenant_timezone(ctx_of(info), {"timezone": timezone})
        return TenantTimezoneType(timezone=r["timezone"])
