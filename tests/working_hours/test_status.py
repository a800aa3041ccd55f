"""Open or closed, and when that changes. The public route (GET
/api/public/{tenant_slug}/working-hours/status, no credentials) uses the real clock, so over HTTP
it is tested with schedules whose answer does not depend on the time of the run; the edge cases
(several periods a day, overnight periods, holidays, DST changes, start == end, the exact
instants of a change) go through the same resolver with a chosen `now`, on the server's loop."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import httpx
import pytest

from models.tenants import Tenant
from resolvers import working_hours
from resolvers._context import Ctx
from resolvers._errors import NotFound
from tests.contract.support import cookieless_client
from tests.support.api import Actor, register
from tests.support.team import ok

ALL_WEEK = [{"weekday": day, "start": "00:00", "end": "00:00"} for day in range(7)]
STATUS_FIELDS = {"open", "next_change_at", "timezone"}


@pytest.fixture(scope="module")
def http(server) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


@pytest.fixture(scope="module")
def anonymous(server) -> Iterator[httpx.Client]:
    with cookieless_client(server.url) as client:
        yield client


@pytest.fixture(scope="module")
def shop(http) -> Actor:
    return register(http, org="Status shop")


def configure(actor: Actor, periods: list[dict[str, Any]], holidays: list[str] | None = None, *,
              timezone: str = "UTC", division: str | None = None) -> None:
    ok(actor.put("/api/tenant/timezone", json={"timezone": timezone}))
    path = f"/api/divisions/{division}/working-hours" if division else "/api/working-hours"
    ok(actor.put(path, json={"periods": periods, "holidays": holidays or []}))


def public_status(client: httpx.Client, actor: Actor, **params: str) -> httpx.Response:
    return client.get(f"/api/public/{actor.tenant['slug']}/working-hours/status", params=params)


def status_at(server, actor: Actor, when: datetime, division_id: str | None = None) -> working_hours.Status:
    """The public status at a chosen instant, through the resolver the route calls."""
    return server.run(working_hours.working_hours_status(
        Ctx.anonymous(), actor.tenant["slug"], {"division_id": division_id}, now=when))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def period(weekday: int, start: str, end: str) -> dict[str, Any]:
    return {"weekday": weekday, "start": start, "end": end}


def expect(server, actor: Actor, when: datetime, is_open: bool, next_change: datetime | None) -> None:
    status = status_at(server, actor, when)
    assert (status.open, status.next_change_at) == (is_open, next_change), f"at {when.isoformat()}: {status}"


# ---------------------------------------------------------------- the public route (real clock)


def test_open_all_week_over_http_without_credentials(anonymous, shop):
    configure(shop, ALL_WEEK, timezone="Asia/Jakarta")
    body = ok(public_status(anonymous, shop))
    assert body == {"open": True, "next_change_at": None, "timezone": "Asia/Jakarta"}


def test_closed_all_week_over_http(anonymous, shop):
    configure(shop, [], timezone="Europe/Berlin")
    assert ok(public_status(anonymous, shop)) == {"open": False, "next_change_at": None, "timezone": "Europe/Berlin"}


def test_a_coming_holiday_is_the_next_change_in_utc_with_z(anonymous, shop):
    zone = ZoneInfo("America/New_York")
    holiday = datetime.now(zone).date() + timedelta(days=30)
    configure(shop, ALL_WEEK, [holiday.isoformat()], timezone="America/New_York")
    body = ok(public_status(anonymous, shop))
    starts = datetime(holiday.year, holiday.month, holiday.day, tzinfo=zone).astimezone(UTC)
    assert body == {"open": True, "next_change_at": starts.strftime("%Y-%m-%dT%H:%M:%SZ"), "timezone": "America/New_York"}


def test_a_new_organization_is_open(anonymous, http):
    fresh = register(http, org="Never configured")
    assert ok(public_status(anonymous, fresh)) == {"open": True, "next_change_at": None, "timezone": "UTC"}


def test_unknown_or_suspended_organizations_are_not_found(server, anonymous, http):
    response = anonymous.get(f"/api/public/no-such-shop-{uuid.uuid4().hex[:6]}/working-hours/status")
    assert response.status_code == 404 and response.json()["error"]["code"] == "NOT_FOUND"
    assert response.json()["error"]["message"] != "No such endpoint"  # the resolver's 404, not the router's

    closed_down = register(http, org="Closed down")

    async def set_status(value: str) -> None:
        await Tenant.filter(id=UUID(closed_down.tenant["id"])).update(status=value)

    server.run(set_status("suspended"))
    assert public_status(anonymous, closed_down).status_code == 404


def test_credentials_are_not_needed_but_do_no_harm(shop, anonymous):
    configure(shop, ALL_WEEK)
    assert ok(shop.get(f"/api/public/{shop.tenant['slug']}/working-hours/status"))["open"] is True
    # A cache-buster in the query string is ignored.
    assert ok(public_status(anonymous, shop, _=str(uuid.uuid4())))["open"] is True


def test_a_divisions_override_answers_for_that_division(anonymous, shop, http):
    configure(shop, ALL_WEEK)
    division = ok(shop.post("/api/divisions", json={"name": f"Night {uuid.uuid4().hex[:6]}"}), 201)["id"]
    ok(shop.put(f"/api/divisions/{division}/working-hours", json={"periods": []}))
    assert ok(public_status(anonymous, shop))["open"] is True
    assert ok(public_status(anonymous, shop, division_id=division)) == {
        "open": False, "next_change_at": None, "timezone": "UTC"}
    # A division without an override follows the organization.
    plain = ok(shop.post("/api/divisions", json={"name": f"Day {uuid.uuid4().hex[:6]}"}), 201)["id"]
    assert ok(public_status(anonymous, shop, division_id=plain))["open"] is True

    other = register(http, org="Other status")
    theirs = ok(other.post("/api/divisions", json={"name": "Theirs"}), 201)["id"]
    for division_id in (theirs, str(uuid.uuid4())):
        response = public_status(anonymous, shop, division_id=division_id)
        assert response.status_code == 404 and response.json()["error"]["code"] == "NOT_FOUND"
    response = public_status(anonymous, shop, division_id="not-a-uuid")
    assert response.status_code == 422 and response.json()["error"]["code"] == "VALIDATION_FAILED"


def test_graphql_status_is_public_and_answers_like_rest(anonymous, shop):
    configure(shop, [], timezone="Asia/Jakarta")
    query = "query($slug: String!) { workingHoursStatus(tenantSlug: $slug) { open nextChangeAt timezone } }"
    result = anonymous.post("/graphql", json={"query": query, "variables": {"slug": shop.tenant["slug"]}}).json()
    assert result == {"data": {"workingHoursStatus": {"open": False, "nextChangeAt": None, "timezone": "Asia/Jakarta"}}}
    missing = anonymous.post("/graphql", json={"query": query, "variables": {"slug": "no-such-slug-at-all"}}).json()
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


# ---------------------------------------------------------------- edge cases at chosen instants


def test_several_periods_a_day_and_the_exact_instants_of_a_change(server, shop):
    assert date(2026, 4, 6).weekday() == 0  # a Monday
    configure(shop, [period(0, "08:00", "12:00"), period(0, "13:00", "17:00")], timezone="UTC")
    expect(server, shop, utc(2026, 4, 6, 7, 59), False, utc(2026, 4, 6, 8))
    expect(server, shop, utc(2026, 4, 6, 8), True, utc(2026, 4, 6, 12))  # opens at 08:00 sharp
    expect(server, shop, utc(2026, 4, 6, 12), False, utc(2026, 4, 6, 13))  # and is closed at 12:00 sharp
    expect(server, shop, utc(2026, 4, 6, 16, 59, 59), True, utc(2026, 4, 6, 17))
    expect(server, shop, utc(2026, 4, 6, 17), False, utc(2026, 4, 13, 8))  # next Monday


def test_touching_and_overlapping_periods_merge(server, shop):
    configure(shop, [period(2, "00:00", "00:00"), period(3, "00:00", "00:00"), period(3, "10:00", "12:00")])
    assert date(2026, 4, 1).weekday() == 2  # a Wednesday
    # Wednesday and Thursday make one 48-hour stretch: no change at Thursday midnight.
    expect(server, shop, utc(2026, 4, 1, 12), True, utc(2026, 4, 3))
    expect(server, shop, utc(2026, 4, 3), False, utc(2026, 4, 8))


def test_start_equal_to_end_is_open_for_24_hours(server, shop):
    configure(shop, [period(2, "09:00", "09:00")])
    expect(server, shop, utc(2026, 4, 1, 8, 59), False, utc(2026, 4, 1, 9))
    expect(server, shop, utc(2026, 4, 1, 9), True, utc(2026, 4, 2, 9))  # through to Thursday 09:00
    expect(server, shop, utc(2026, 4, 2, 8), True, utc(2026, 4, 2, 9))


def test_an_overnight_period_runs_into_the_next_day(server, shop):
    assert date(2026, 4, 3).weekday() == 4  # a Friday
    configure(shop, [period(4, "22:00", "02:00"), period(6, "18:00", "00:00")], timezone="UTC")
    expect(server, shop, utc(2026, 4, 3, 21), False, utc(2026, 4, 3, 22))
    expect(server, shop, utc(2026, 4, 3, 23), True, utc(2026, 4, 4, 2))
    expect(server, shop, utc(2026, 4, 4, 1, 30), True, utc(2026, 4, 4, 2))  # Saturday, from Friday's period
    expect(server, shop, utc(2026, 4, 4, 2), False, utc(2026, 4, 5, 18))
    expect(server, shop, utc(2026, 4, 5, 20), True, utc(2026, 4, 6))  # "00:00" end: until midnight
    # Sunday's period ends at midnight, not at 00:00 of the same Sunday.
    expect(server, shop, utc(2026, 4, 6, 0, 1), False, utc(2026, 4, 10, 22))


def test_holidays_close_the_whole_local_day(server, shop):
    weekdays = [period(d, "09:00", "17:00") for d in range(5)] + [period(6, "22:00", "02:00")]
    configure(shop, weekdays, ["2026-04-06"], timezone="UTC")  # Easter Monday
    # From Saturday, Monday is skipped: Sunday night's period is cut at the holiday's midnight.
    expect(server, shop, utc(2026, 4, 4, 12), False, utc(2026, 4, 5, 22))
    expect(server, shop, utc(2026, 4, 5, 23), True, utc(2026, 4, 6))
    expect(server, shop, utc(2026, 4, 6, 1), False, utc(2026, 4, 7, 9))
    expect(server, shop, utc(2026, 4, 6, 10), False, utc(2026, 4, 7, 9))
    expect(server, shop, utc(2026, 4, 7, 10), True, utc(2026, 4, 7, 17))


def test_holidays_are_dates_of_the_organizations_timezone(server, shop):
    configure(shop, ALL_WEEK, ["2026-04-06"], timezone="Asia/Jakarta")  # UTC+7
    expect(server, shop, utc(2026, 4, 5, 16), True, utc(2026, 4, 5, 17))  # local midnight = 17:00 UTC
    expect(server, shop, utc(2026, 4, 5, 18), False, utc(2026, 4, 6, 17))


def test_consecutive_holidays_and_a_far_away_change(server, shop):
    configure(shop, ALL_WEEK, ["2026-12-24", "2026-12-25", "2026-12-26"], timezone="UTC")
    expect(server, shop, utc(2026, 12, 24, 3), False, utc(2026, 12, 27))
    # More than a week ahead still found.
    expect(server, shop, utc(2026, 11, 1), True, utc(2026, 12, 24))
    # Beyond the lookahead (about a year): no next change.
    configure(shop, ALL_WEEK, ["2029-06-01"], timezone="UTC")
    expect(server, shop, utc(2026, 11, 1), True, None)


def test_spring_forward_in_berlin_keeps_local_opening_times(server, shop):
    assert date(2026, 3, 29).weekday() == 6  # CET -> CEST on Sunday 29 March 2026, 01:00 UTC
    configure(shop, [period(d, "09:00", "17:00") for d in range(5)], timezone="Europe/Berlin")
    expect(server, shop, utc(2026, 3, 27, 10), True, utc(2026, 3, 27, 16))  # Friday: 17:00 CET
    expect(server, shop, utc(2026, 3, 28, 12), False, utc(2026, 3, 30, 7))  # Monday: 09:00 CEST
    expect(server, shop, utc(2026, 3, 30, 7), True, utc(2026, 3, 30, 15))


def test_fall_back_in_berlin_keeps_local_opening_times(server, shop):
    assert date(2026, 10, 25).weekday() == 6  # CEST -> CET on Sunday 25 October 2026, 01:00 UTC
    configure(shop, [period(d, "09:00", "17:00") for d in range(5)], timezone="Europe/Berlin")
    expect(server, shop, utc(2026, 10, 23, 10), True, utc(2026, 10, 23, 15))  # Friday: 17:00 CEST
    expect(server, shop, utc(2026, 10, 24, 12), False, utc(2026, 10, 26, 8))  # Monday: 09:00 CET


def test_overnight_periods_across_dst_changes_last_7_and_9_hours(server, shop):
    configure(shop, [period(5, "22:00", "06:00")], timezone="Europe/Berlin")  # Saturday night
    # Spring: 22:00 CET (21:00 UTC) to 06:00 CEST (04:00 UTC) -- 7 hours.
    expect(server, shop, utc(2026, 3, 28, 20, 59), False, utc(2026, 3, 28, 21))
    expect(server, shop, utc(2026, 3, 28, 21), True, utc(2026, 3, 29, 4))
    # Autumn: 22:00 CEST (20:00 UTC) to 06:00 CET (05:00 UTC) -- 9 hours.
    expect(server, shop, utc(2026, 10, 24, 20), True, utc(2026, 10, 25, 5))


def test_a_time_the_clock_skips_opens_when_the_clock_passes_it(server, shop):
    assert date(2026, 3, 8).weekday() == 6  # New York: 02:00 EST -> 03:00 EDT on Sunday 8 March 2026
    configure(shop, [period(6, "02:30", "04:00")], timezone="America/New_York")
    # 02:30 does not exist that night; it is read with the offset before the change (EST):
    # 07:30 UTC, which the wall clock shows as 03:30 EDT. It closes at 04:00 EDT (08:00 UTC).
    expect(server, shop, utc(2026, 3, 8, 7, 15), False, utc(2026, 3, 8, 7, 30))
    expect(server, shop, utc(2026, 3, 8, 7, 30), True, utc(2026, 3, 8, 8))
    # The next Sunday is a normal day again: 02:30 EDT = 06:30 UTC.
    expect(server, shop, utc(2026, 3, 8, 9), False, utc(2026, 3, 15, 6, 30))


def test_closed_all_week_never_changes(server, shop):
    configure(shop, [], ["2026-05-01"])
    expect(server, shop, utc(2026, 4, 1), False, None)


def test_the_resolver_refuses_unknown_slugs_and_naive_instants(server, shop):
    with pytest.raises(NotFound):
        server.run(working_hours.working_hours_status(Ctx.anonymous(), "no-such-slug", {}, now=utc(2026, 1, 1)))
    with pytest.raises(ValueError):
        server.run(working_hours.working_hours_status(Ctx.anonymous(), shop.tenant["slug"], {},
                                                      now=datetime(2026, 1, 1)))
