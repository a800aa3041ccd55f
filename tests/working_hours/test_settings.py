"""Working hours as settings, over real HTTP through both doors: the organization's schedule
(GET/PUT /api/working-hours), a division's override (GET/PUT/DELETE
/api/divisions/{id}/working-hours), the timezone (GET/PUT /api/tenant/timezone); validation,
roles, tenant isolation, the events they record."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import pytest

from models.events import OutboxEvent
from tests.contract.support import cookieless_client
from tests.support.api import Actor, add_agent, register
from tests.support.team import error, ok, team_fixtures

NINE_TO_FIVE = [{"weekday": day, "start": "09:00", "end": "17:00"} for day in range(5)]
FIELDS = {"division_id", "source", "timezone", "periods", "holidays", "auto_reply", "updated_at"}


http, boss, supervisor, agent = team_fixtures("Hours")


@pytest.fixture(scope="module")
def rival(http) -> Actor:
    return register(http, org="Rival hours")


def new_division(admin: Actor) -> str:
    return ok(admin.post("/api/divisions", json={"name": f"Team {uuid.uuid4().hex[:8]}"}), 201)["id"]


def events_of(server, tenant_id: str, type_: str) -> list[OutboxEvent]:
    async def read() -> list[OutboxEvent]:
        return await OutboxEvent.filter(tenant_id=UUID(tenant_id), type=type_).order_by("created_at")

    return server.run(read())


# ---------------------------------------------------------------- the organization's schedule


def test_a_new_organization_is_open_around_the_clock_until_it_sets_hours(http):
    fresh = register(http, org="Fresh hours")
    body = ok(fresh.get("/api/working-hours"))
    assert set(body) == FIELDS
    assert body["source"] == "default" and body["division_id"] is None and body["timezone"] == "UTC"
    assert body["periods"] == [{"weekday": d, "start": "00:00", "end": "00:00"} for d in range(7)]
    assert body["holidays"] == [] and body["auto_reply"] == {"enabled": False, "text": None}
    assert body["updated_at"] is None


def test_admin_sets_the_schedule_and_everyone_reads_it(server, boss, supervisor, agent):
    body = {
        # Given out of order, with two periods on Monday and one past midnight on Friday.
        "periods": [{"weekday": 4, "start": "22:00", "end": "02:00"}, {"weekday": 0, "start": "13:00", "end": "17:30"},
                    {"weekday": 0, "start": "08:00", "end": "12:00"}],
        "holidays": ["2030-12-25", "2030-01-01", "2030-12-25"],
        "auto_reply": {"enabled": True, "text": "We are closed, back soon."},
    }
    saved = ok(boss.put("/api/working-hours", json=body))
    assert saved["source"] == "tenant" and saved["division_id"] is None
    assert saved["periods"] == [{"weekday": 0, "start": "08:00", "end": "12:00"},
                                {"weekday": 0, "start": "13:00", "end": "17:30"},
                                {"weekday": 4, "start": "22:00", "end": "02:00"}]
    assert saved["holidays"] == ["2030-01-01", "2030-12-25"]  # sorted, duplicates dropped
    assert saved["auto_reply"] == {"enabled": True, "text": "We are closed, back soon."}
    assert saved["updated_at"].endswith("Z")
    for reader in (boss, supervisor, agent):
        assert ok(reader.get("/api/working-hours")) == saved

    [event] = events_of(server, boss.tenant["id"], "working_hours.updated")[-1:]
    assert event.payload["periods"] == saved["periods"] and event.payload["division_id"] is None
    assert event.actor["actor_id"] == boss.agent["id"]


def test_auto_reply_left_out_keeps_it_and_null_text_needs_it_disabled(boss):
    ok(boss.put("/api/working-hours", json={"periods": NINE_TO_FIVE,
                                            "auto_reply": {"enabled": True, "text": "Closed now"}}))
    kept = ok(boss.put("/api/working-hours", json={"periods": NINE_TO_FIVE[:2], "holidays": []}))
    assert kept["auto_reply"] == {"enabled": True, "text": "Closed now"} and len(kept["periods"]) == 2
    off = ok(boss.put("/api/working-hours", json={"periods": NINE_TO_FIVE, "auto_reply": {"enabled": False}}))
    assert off["auto_reply"] == {"enabled": False, "text": None}


@pytest.mark.parametrize(("body", "field"), [
    ({"periods": [{"weekday": 7, "start": "09:00", "end": "17:00"}]}, "periods.0.weekday"),
    ({"periods": [{"weekday": -1, "start": "09:00", "end": "17:00"}]}, "periods.0.weekday"),
    ({"periods": [{"weekday": "1", "start": "09:00", "end": "17:00"}]}, "periods.0.weekday"),
    ({"periods": [{"weekday": True, "start": "09:00", "end": "17:00"}]}, "periods.0.weekday"),
    ({"periods": [{"weekday": 1, "start": "9:00", "end": "17:00"}]}, "periods.0.start"),
    ({"periods": [{"weekday": 1, "start": "09:00", "end": "24:00"}]}, "periods.0.end"),
    ({"periods": [{"weekday": 1, "start": "09:60", "end": "17:00"}]}, "periods.0.start"),
    ({"periods": [{"weekday": 1, "start": "09:00", "end": "5pm"}]}, "periods.0.end"),
    ({"periods": [{"weekday": 1, "start": "09:00"}]}, "periods.0.end"),
    ({"periods": [{"weekday": 1, "start": "09:00", "end": "17:00", "open": True}]}, "periods.0.open"),
    ({"periods": "mon-fri"}, "periods"),
    ({"holidays": []}, "periods"),
    ({"periods": [], "holidays": ["2030-02-30"]}, "holidays"),
    ({"periods": [], "holidays": ["25/12/2030"]}, "holidays"),
    ({"periods": [], "holidays": ["2030-1-1"]}, "holidays"),
    ({"periods": [], "auto_reply": {"enabled": True}}, "auto_reply"),
    ({"periods": [], "auto_reply": {"enabled": True, "text": ""}}, "auto_reply.text"),
    ({"periods": [], "auto_reply": {"enabled": True, "text": "x" * 4097}}, "auto_reply.text"),
])
def test_invalid_schedules_are_refused_and_change_nothing(boss, body, field):
    before = ok(boss.get("/api/working-hours"))
    err = error(boss.put("/api/working-hours", json=body), 422)
    assert err["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in err["details"]}, err
    assert ok(boss.get("/api/working-hours")) == before


def test_start_equal_to_end_is_a_whole_day_and_midnight_is_00_00(boss):
    saved = ok(boss.put("/api/working-hours", json={"periods": [
        {"weekday": 2, "start": "00:00", "end": "00:00"}, {"weekday": 3, "start": "18:00", "end": "00:00"}]}))
    # Stored as given: the status tests show what they mean (24 hours; until midnight).
    assert saved["periods"] == [{"weekday": 2, "start": "00:00", "end": "00:00"},
                                {"weekday": 3, "start": "18:00", "end": "00:00"}]


def test_malformed_json_is_a_400_and_not_a_change(boss):
    before = ok(boss.get("/api/working-hours"))
    response = boss.put("/api/working-hours", content=b"{not json", headers={"Content-Type": "application/json"})
    assert error(response, 400)["code"] == "BAD_REQUEST"
    assert ok(boss.get("/api/working-hours")) == before


def test_only_admins_change_working_hours(boss, supervisor, agent):
    before = ok(boss.get("/api/working-hours"))
    for actor in (supervisor, agent):
        assert error(actor.put("/api/working-hours", json={"periods": NINE_TO_FIVE}), 403)["code"] == "FORBIDDEN"
        assert error(actor.put("/api/tenant/timezone", json={"timezone": "Asia/Jakarta"}), 403)["code"] == "FORBIDDEN"
    assert ok(boss.get("/api/working-hours")) == before


def test_no_credentials_is_401(http):
    with cookieless_client(str(http.base_url)) as anonymous:
        assert anonymous.get("/api/working-hours").status_code == 401
        assert anonymous.put("/api/working-hours", json={"periods": []}).status_code == 401
        assert anonymous.get("/api/tenant/timezone").status_code == 401


def test_organizations_do_not_share_working_hours(boss, rival):
    ok(boss.put("/api/working-hours", json={"periods": NINE_TO_FIVE}))
    ok(rival.put("/api/working-hours", json={"periods": [{"weekday": 6, "start": "10:00", "end": "11:00"}]}))
    assert ok(boss.get("/api/working-hours"))["periods"] == NINE_TO_FIVE
    assert ok(rival.get("/api/working-hours"))["periods"] == [{"weekday": 6, "start": "10:00", "end": "11:00"}]


# ---------------------------------------------------------------- timezone


def test_timezone_is_read_by_everyone_and_set_by_admins(server, http):
    owner = register(http, org="Zoned")
    member = add_agent(owner)
    try:
        assert ok(member.get("/api/tenant/timezone")) == {"timezone": "UTC"}
        assert ok(owner.put("/api/tenant/timezone", json={"timezone": "Asia/Jakarta"})) == {"timezone": "Asia/Jakarta"}
        assert ok(member.get("/api/tenant/timezone")) == {"timezone": "Asia/Jakarta"}
        # The schedule is read in the new zone.
        assert ok(member.get("/api/working-hours"))["timezone"] == "Asia/Jakarta"
        # Setting the same zone again changes nothing and records nothing.
        ok(owner.put("/api/tenant/timezone", json={"timezone": "Asia/Jakarta"}))
        [event] = events_of(server, owner.tenant["id"], "tenant.updated")
        assert event.payload == {"tenant_id": owner.tenant["id"], "changed": ["timezone"], "timezone": "Asia/Jakarta",
                                 "previous_timezone": "UTC"}
    finally:
        member.client.close()


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "asia/jakarta", "", "   ", "../../etc/passwd", "posixrules",
                                  "+07:00", "x" * 65, 7])
def test_unknown_timezones_are_refused(boss, zone):
    before = ok(boss.get("/api/tenant/timezone"))
    err = error(boss.put("/api/tenant/timezone", json={"timezone": zone}), 422)
    assert err["code"] == "VALIDATION_FAILED" and err["details"][0]["field"] == "timezone"
    assert ok(boss.get("/api/tenant/timezone")) == before


# ---------------------------------------------------------------- division overrides


def test_a_division_follows_the_organization_until_it_has_an_override(server, boss, agent):
    ok(boss.put("/api/working-hours", json={"periods": NINE_TO_FIVE, "holidays": ["2030-05-01"]}))
    division = new_division(boss)
    inherited = ok(agent.get(f"/api/divisions/{division}/working-hours"))
    assert inherited["source"] == "tenant" and inherited["division_id"] == division
    assert inherited["periods"] == NINE_TO_FIVE and inherited["holidays"] == ["2030-05-01"]

    night = [{"weekday": d, "start": "20:00", "end": "04:00"} for d in range(7)]
    saved = ok(boss.put(f"/api/divisions/{division}/working-hours", json={
        "periods": night, "auto_reply": {"enabled": True, "text": "Night shift is off"}}))
    assert saved["source"] == "division" and saved["division_id"] == division and saved["periods"] == night
    assert saved["holidays"] == [] and saved["auto_reply"]["enabled"] is True
    assert ok(agent.get(f"/api/divisions/{division}/working-hours")) == saved
    # The organization's own hours are untouched.
    assert ok(boss.get("/api/working-hours"))["periods"] == NINE_TO_FIVE
    # Replacing the override updates it in place.
    again = ok(boss.put(f"/api/divisions/{division}/working-hours", json={"periods": night[:1]}))
    assert again["periods"] == night[:1] and again["auto_reply"]["enabled"] is True

    deleted = ok(boss.delete(f"/api/divisions/{division}/working-hours"))
    assert deleted == {"message": deleted["message"], "division_id": division, "deleted": True}
    assert ok(agent.get(f"/api/divisions/{division}/working-hours"))["source"] == "tenant"
    # Deleting again is harmless: there is nothing left to delete.
    assert ok(boss.delete(f"/api/divisions/{division}/working-hours"))["deleted"] is False

    deletions = [e for e in events_of(server, boss.tenant["id"], "working_hours.deleted")
                 if e.payload["division_id"] == division]
    assert len(deletions) == 1  # the second delete recorded nothing


def test_deleting_a_division_deletes_its_override(server, boss):
    division = new_division(boss)
    ok(boss.put(f"/api/divisions/{division}/working-hours", json={"periods": NINE_TO_FIVE}))
    ok(boss.delete(f"/api/divisions/{division}"))
    assert error(boss.get(f"/api/divisions/{division}/working-hours"), 404)["code"] == "NOT_FOUND"

    from models.working_hours import WorkingHours
    from resolvers._context import Ctx
    from resolvers._scope import scoped

    async def left() -> int:
        return await scoped(Ctx.system(UUID(boss.tenant["id"])), WorkingHours).filter(scope=division).count()

    assert server.run(left()) == 0


def test_division_overrides_need_admins_and_a_division_of_ones_own(boss, supervisor, agent, rival):
    division = new_division(boss)
    theirs = new_division(rival)
    for actor in (supervisor, agent):
        response = actor.put(f"/api/divisions/{division}/working-hours", json={"periods": NINE_TO_FIVE})
        assert error(response, 403)["code"] == "FORBIDDEN"
        assert error(actor.delete(f"/api/divisions/{division}/working-hours"), 403)["code"] == "FORBIDDEN"
    assert ok(boss.get(f"/api/divisions/{division}/working-hours"))["source"] != "division"

    ok(rival.put(f"/api/divisions/{theirs}/working-hours", json={"periods": NINE_TO_FIVE[:1]}))
    before = ok(rival.get(f"/api/divisions/{theirs}/working-hours"))
    for method, kwargs in (("GET", {}), ("PUT", {"json": {"periods": []}}), ("DELETE", {})):
        response = boss.request(method, f"/api/divisions/{theirs}/working-hours", **kwargs)
        assert error(response, 404)["code"] == "NOT_FOUND", method
    assert ok(rival.get(f"/api/divisions/{theirs}/working-hours")) == before
    for missing in (str(uuid.uuid4()),):
        assert error(boss.get(f"/api/divisions/{missing}/working-hours"), 404)["code"] == "NOT_FOUND"
    assert error(boss.get("/api/divisions/not-a-uuid/working-hours"), 422)["code"] == "VALIDATION_FAILED"


# ---------------------------------------------------------------- GraphQL


WH_FIELDS = "divisionId source timezone periods { weekday start end } holidays autoReply { enabled text } updatedAt"


def camel_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {_camel(k): camel_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel_keys(v) for v in value]
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def gql_data(actor: Actor, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    result = actor.gql(query, variables)
    assert "errors" not in result, result
    return result["data"]


def gql_code(actor: Actor, query: str, variables: dict[str, Any] | None = None) -> str:
    result = actor.gql(query, variables)
    assert result.get("errors"), result
    return result["errors"][0]["extensions"]["code"]


SET_HOURS = f"mutation($input: WorkingHoursInput!) {{ setWorkingHours(input: $input) {{ {WH_FIELDS} }} }}"
SET_DIVISION = (f"mutation($id: UUID!, $input: WorkingHoursInput!) {{ setDivisionWorkingHours(divisionId: $id, "
                f"input: $input) {{ {WH_FIELDS} }} }}")


def test_graphql_reads_and_writes_the_same_schedules(http, agent, boss):
    owner = register(http, org="GraphQL hours")
    member = add_agent(owner)
    try:
        saved = gql_data(owner, SET_HOURS, {"input": {
            "periods": [{"weekday": 5, "start": "10:00", "end": "14:00"}], "holidays": ["2031-01-01"],
            "autoReply": {"enabled": True, "text": "Weekend team is away"}}})["setWorkingHours"]
        rest = ok(member.get("/api/working-hours"))
        assert saved == camel_keys(rest)
        assert gql_data(member, f"{{ workingHours {{ {WH_FIELDS} }} }}")["workingHours"] == saved
        # autoReply left out keeps it (as over REST).
        kept = gql_data(owner, SET_HOURS, {"input": {"periods": []}})["setWorkingHours"]
        assert kept["autoReply"] == {"enabled": True, "text": "Weekend team is away"} and kept["periods"] == []

        division = new_division(owner)
        override = gql_data(owner, SET_DIVISION, {"id": division, "input": {
            "periods": [{"weekday": 0, "start": "06:00", "end": "06:00"}]}})["setDivisionWorkingHours"]
        assert override["source"] == "division" and override == camel_keys(
            ok(member.get(f"/api/divisions/{division}/working-hours")))
        read = gql_data(member, f"query($id: UUID!) {{ workingHours(divisionId: $id) {{ {WH_FIELDS} }} }}",
                        {"id": division})["workingHours"]
        assert read == override
        dropped = gql_data(owner, "mutation($id: UUID!) { deleteDivisionWorkingHours(divisionId: $id) "
                                  "{ message divisionId deleted } }", {"id": division})["deleteDivisionWorkingHours"]
        assert dropped["deleted"] is True and dropped["divisionId"] == division

        zone = gql_data(owner, 'mutation { setTenantTimezone(timezone: "America/New_York") { timezone } }')
        assert zone["setTenantTimezone"] == {"timezone": "America/New_York"}
        assert gql_data(member, "{ tenantTimezone { timezone } }")["tenantTimezone"] == {"timezone": "America/New_York"}
        assert ok(member.get("/api/tenant/timezone")) == {"timezone": "America/New_York"}

        # The same errors as REST, by code.
        assert gql_code(owner, 'mutation { setTenantTimezone(timezone: "Nowhere/Land") { timezone } }') == \
            "VALIDATION_FAILED"
        assert gql_code(owner, SET_HOURS, {"input": {"periods": [{"weekday": 9, "start": "09:00", "end": "10:00"}]}}) \
            == "VALIDATION_FAILED"
        assert gql_code(owner, SET_HOURS, {"input": {"periods": [{"weekday": 1, "start": "9am", "end": "10:00"}]}}) \
            == "VALIDATION_FAILED"
        assert gql_code(member, SET_HOURS, {"input": {"periods": []}}) == "FORBIDDEN"
        theirs = new_division(boss)
        assert gql_code(owner, SET_DIVISION, {"id": theirs, "input": {"periods": []}}) == "NOT_FOUND"
        assert gql_code(owner, "query($id: UUID!) { workingHours(divisionId: $id) { source } }",
                        {"id": theirs}) == "NOT_FOUND"
    finally:
        member.client.close()
