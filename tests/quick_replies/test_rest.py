"""Quick replies over REST: create/update/delete, personal vs shared scope rules, unique shortcuts
per scope, search, favorites, tenant-wide usage counts ordering suggestions, another tenant's
ids, and the events each change records."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from models.events import OutboxEvent
from tests.quick_replies.conftest import Team
from tests.quick_replies.helpers import create, error_code, listed, tag
from tests.support.api import Actor

FIELDS = {"id", "shortcut", "title", "content", "shared", "owner_id", "created_by", "variables", "usage_count",
          "last_used_at", "is_favorite", "created_at", "updated_at"}


# ---------------------------------------------------------------- create, update, delete

def test_create_personal_reply_returns_the_documented_shape(team: Team) -> None:
    t = tag()
    body = create(team.agent, f"Hi-{t}", title="Greeting", content="Hi {{contact.first_name|there}}, I'm {{agent.name}}")
    assert set(body) == FIELDS
    assert body["shortcut"] == f"hi-{t}"  # stored in lower case
    assert body["shared"] is False and body["owner_id"] == team.agent.agent["id"]
    assert body["created_by"] == team.agent.agent["id"]
    assert body["variables"] == ["contact.first_name", "agent.name"]
    assert body["usage_count"] == 0 and body["last_used_at"] is None and body["is_favorite"] is False
    assert body["created_at"].endswith("Z") and body["updated_at"].endswith("Z")
    uuid.UUID(body["id"])


def test_supervisor_creates_shared_reply_every_member_sees(team: Team) -> None:
    t = tag()
    shared = create(team.supervisor, f"sh-{t}", shared=True, content="Our hours are 9 to 5")
    assert shared["shared"] is True and shared["owner_id"] is None
    assert shared["created_by"] == team.supervisor.agent["id"]
    for member in (team.admin, team.agent, team.agent2):
        assert [r["id"] for r in listed(member, q=t)] == [shared["id"]]


@pytest.mark.parametrize("body, field", [
    ({"shortcut": "two words", "title": "T", "content": "C"}, "shortcut"),
    ({"shortcut": "", "title": "T", "content": "C"}, "shortcut"),
    ({"shortcut": "x" * 65, "title": "T", "content": "C"}, "shortcut"),
    ({"shortcut": "ok", "title": "", "content": "C"}, "title"),
    ({"shortcut": "ok", "title": "line\nbreak", "content": "C"}, "title"),
    ({"shortcut": "ok", "title": "T", "content": ""}, "content"),
    ({"shortcut": "ok", "title": "T", "content": "x" * 4097}, "content"),
    ({"shortcut": "ok", "title": "T", "content": "nul \x00 byte"}, "content"),
    ({"shortcut": "ok", "title": "T", "content": "Hi {{contact.nmae}}"}, "content"),
    ({"shortcut": "ok", "title": "T", "content": "C", "colour": "red"}, "colour"),
    ({"title": "T", "content": "C"}, "shortcut"),
])
def test_invalid_bodies_are_422_with_the_field(team: Team, body: dict, field: str) -> None:
    response = team.agent.post("/api/quick-replies", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert field in {d["field"] for d in error["details"]}, error


def test_unknown_variable_message_names_it_and_the_known_set(team: Team) -> None:
    response = team.agent.post("/api/quick-replies", json={"shortcut": f"v-{tag()}", "title": "T",
                                                           "content": "Dear {{ customer.name }}"})
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "{{customer.name}}" in message and "contact.name" in message and "agent.name" in message


def test_malformed_json_is_400(team: Team) -> None:
    response = team.agent.post("/api/quick-replies", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and error_code(response) == "BAD_REQUEST"


def test_update_changes_fields_and_records_an_event(team: Team, server) -> None:
    t = tag()
    reply = create(team.agent, f"up-{t}", content="Old")
    response = team.agent.patch(f"/api/quick-replies/{reply['id']}",
                                json={"title": "New title", "content": "Bye {{contact.name}}", "shortcut": f"UP2-{t}"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["title"], body["content"], body["shortcut"]) == ("New title", "Bye {{contact.name}}", f"up2-{t}")
    assert body["variables"] == ["contact.name"]
    events = server.run(_events(reply["id"]))
    assert [e.type for e in events] == ["quick_reply.created", "quick_reply.updated"]
    assert sorted(events[1].payload["changed"]) == ["content", "shortcut", "title"]
    assert events[1].payload["quick_reply_id"] == reply["id"] and events[1].payload["shared"] is False
    assert "content" not in events[0].payload  # subscribers of the tenant never see a personal text


async def _events(quick_reply_id: str) -> list[OutboxEvent]:
    rows = await OutboxEvent.filter(type__startswith="quick_repl").order_by("created_at", "id")
    return [r for r in rows if r.payload.get("quick_reply_id") == quick_reply_id]


def test_update_without_changes_records_nothing(team: Team, server) -> None:
    reply = create(team.agent, f"same-{tag()}", title="Same", content="Same")
    response = team.agent.patch(f"/api/quick-replies/{reply['id']}", json={"title": "Same"})
    assert response.status_code == 200 and response.json()["updated_at"] == reply["updated_at"]
    assert [e.type for e in server.run(_events(reply["id"]))] == ["quick_reply.created"]


def test_delete_removes_it(team: Team, server) -> None:
    t = tag()
    reply = create(team.agent, f"del-{t}")
    response = team.agent.delete(f"/api/quick-replies/{reply['id']}")
    assert response.status_code == 200
    assert response.json() == {"message": "Quick reply deleted", "quick_reply_id": reply["id"]}
    assert listed(team.agent, q=t) == []
    assert team.agent.delete(f"/api/quick-replies/{reply['id']}").status_code == 404
    assert [e.type for e in server.run(_events(reply["id"]))] == ["quick_reply.created", "quick_reply.deleted"]


def test_malformed_id_is_422_and_unknown_id_404(team: Team) -> None:
    response = team.agent.patch("/api/quick-replies/not-a-uuid", json={"title": "x"})
    assert response.status_code == 422 and error_code(response) == "VALIDATION_FAILED"
    response = team.agent.post(f"/api/quick-replies/{uuid.uuid4()}/use")
    assert response.status_code == 404 and error_code(response) == "NOT_FOUND"


# ---------------------------------------------------------------- unique shortcut per scope

def test_shortcut_is_unique_within_a_scope(team: Team) -> None:
    t = tag()
    create(team.agent, f"dup-{t}")
    again = team.agent.post("/api/quick-replies", json={"shortcut": f"DUP-{t}", "title": "T", "content": "C"})
    assert again.status_code == 409 and error_code(again) == "CONFLICT"
    # Another agent's personal scope, and the shared scope, are other scopes.
    create(team.agent2, f"dup-{t}")
    create(team.supervisor, f"dup-{t}", shared=True)
    shared_again = team.admin.post("/api/quick-replies", json={"shortcut": f"dup-{t}", "title": "T", "content": "C",
                                                               "shared": True})
    assert shared_again.status_code == 409
    # The agent now sees their own and the shared one with the same shortcut.
    assert sorted(r["shared"] for r in listed(team.agent, q=t)) == [False, True]


def test_renaming_or_moving_into_a_taken_shortcut_is_409_and_changes_nothing(team: Team) -> None:
    t = tag()
    create(team.supervisor, f"a-{t}", shared=True)
    mine = create(team.supervisor, f"a-{t}")  # personal, shadows the shared one
    other = create(team.supervisor, f"b-{t}", shared=True)
    rename = team.supervisor.patch(f"/api/quick-replies/{other['id']}", json={"shortcut": f"a-{t}"})
    assert rename.status_code == 409
    move = team.supervisor.patch(f"/api/quick-replies/{mine['id']}", json={"shared": True})
    assert move.status_code == 409
    assert sorted((r["shortcut"], r["shared"]) for r in listed(team.supervisor, q=t)) == [
        (f"a-{t}", False), (f"a-{t}", True), (f"b-{t}", True)]


def test_concurrent_creates_of_one_shortcut_give_one_201_and_409s(team: Team) -> None:
    shortcut = f"race-{tag()}"
    body = {"shortcut": shortcut, "title": "T", "content": "C"}

    def attempt(_: int) -> int:
        with httpx.Client(base_url=str(team.agent.client.base_url), timeout=30) as c:
            return c.post("/api/quick-replies", json=body, headers=team.agent.headers).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(attempt, range(6)))
    assert statuses == [201] + [409] * 5, statuses


# ---------------------------------------------------------------- scope rules and roles

def test_agent_cannot_create_change_or_delete_shared_replies(team: Team) -> None:
    t = tag()
    refused = team.agent.post("/api/quick-replies", json={"shortcut": f"s-{t}", "title": "T", "content": "C",
                                                          "shared": True})
    assert refused.status_code == 403 and error_code(refused) == "FORBIDDEN"
    shared = create(team.supervisor, f"s-{t}", shared=True, title="Original")
    for response in (team.agent.patch(f"/api/quick-replies/{shared['id']}", json={"title": "Hijacked"}),
                     team.agent.delete(f"/api/quick-replies/{shared['id']}")):
        assert response.status_code == 403 and error_code(response) == "FORBIDDEN", response.text
    # ...nor turn their own personal reply into a shared one.
    mine = create(team.agent, f"p-{t}")
    promote = team.agent.patch(f"/api/quick-replies/{mine['id']}", json={"shared": True})
    assert promote.status_code == 403
    assert {r["id"]: (r["title"], r["shared"]) for r in listed(team.agent, q=t)} == {
        shared["id"]: ("Original", True), mine["id"]: ("A title", False)}


def test_but_an_agent_may_use_and_favorite_shared_replies(team: Team) -> None:
    shared = create(team.supervisor, f"u-{tag()}", shared=True)
    assert team.agent.post(f"/api/quick-replies/{shared['id']}/use").json()["usage_count"] == 1
    assert team.agent.post(f"/api/quick-replies/{shared['id']}/favorite").json()["is_favorite"] is True


def test_a_personal_reply_is_its_owners_alone(team: Team) -> None:
    t = tag()
    mine = create(team.agent, f"own-{t}", title="Mine")
    path = f"/api/quick-replies/{mine['id']}"
    # Not even an admin sees or touches another agent's personal reply: it is not found.
    for other in (team.agent2, team.supervisor, team.admin):
        assert listed(other, q=t) == []
        for response in (other.patch(path, json={"title": "Taken"}), other.delete(path), other.post(f"{path}/use"),
                         other.post(f"{path}/favorite"), other.delete(f"{path}/favorite")):
            assert response.status_code == 404 and error_code(response) == "NOT_FOUND", response.text
        assert t not in other.get("/api/quick-replies/export").text
    [row] = listed(team.agent, q=t)
    assert row["title"] == "Mine" and row["usage_count"] == 0


def test_supervisor_moves_replies_between_scopes(team: Team) -> None:
    t = tag()
    own = create(team.supervisor, f"m-{t}")
    shared = team.supervisor.patch(f"/api/quick-replies/{own['id']}", json={"shared": True})
    assert shared.status_code == 200 and shared.json()["shared"] is True and shared.json()["owner_id"] is None
    assert [r["id"] for r in listed(team.agent, q=t)] == [own["id"]]
    # An agent starred it while shared; moved back to the supervisor's personal replies, it
    # disappears for the agent, star included.
    assert team.agent.post(f"/api/quick-replies/{own['id']}/favorite").status_code == 200
    back = team.supervisor.patch(f"/api/quick-replies/{own['id']}", json={"shared": False})
    assert back.status_code == 200 and back.json()["owner_id"] == team.supervisor.agent["id"]
    assert listed(team.agent, q=t) == [] and listed(team.agent, favorites=True, q=t) == []


def test_custom_role_without_manage_shared_cannot_touch_shared(team: Team) -> None:
    key = f"qr_reader_{tag()}"
    role = team.admin.post("/api/roles", json={"name": key, "key": key,
                                               "permissions": ["quick_replies.read", "quick_replies.manage"]})
    assert role.status_code == 201, role.text
    from tests.support.api import add_agent

    custom = add_agent(team.admin, key, "Custom Carl")
    try:
        assert custom.post("/api/quick-replies", json={"shortcut": f"c-{tag()}", "title": "T", "content": "C"}
                           ).status_code == 201
        denied = custom.post("/api/quick-replies", json={"shortcut": f"c-{tag()}", "title": "T", "content": "C",
                                                         "shared": True})
        assert denied.status_code == 403
        assert denied.json()["error"]["details"] == {"missing": ["quick_replies.manage_shared"]}
    finally:
        custom.client.close()


# ---------------------------------------------------------------- search and listing

def test_search_matches_shortcut_title_and_content_case_insensitively(team: Team) -> None:
    t = tag()
    by_shortcut = create(team.agent, f"zebra{t}", title="One", content="Plain")
    by_title = create(team.agent, f"x1-{t}", title=f"About ZEBRA{t}s", content="Plain")
    by_content = create(team.agent, f"x2-{t}", title="Two", content=f"We have zebra{t} stripes")
    create(team.agent, f"x3-{t}", title="Three", content="Nothing here")
    found = {r["id"] for r in listed(team.agent, q=f"Zebra{t}")}
    assert found == {by_shortcut["id"], by_title["id"], by_content["id"]}


def test_search_treats_like_wildcards_literally(team: Team) -> None:
    t = tag()
    percent = create(team.agent, f"pct-{t}", content="Save 100% today")
    create(team.agent, f"plain-{t}", content="Save 1000 today")
    assert [r["id"] for r in listed(team.agent, q="100%")] == [percent["id"]]
    assert [r["id"] for r in listed(team.agent, q=f"pct_{t}")] == []  # '_' is not "any character"


def test_scope_filter_and_pagination(team: Team) -> None:
    t = tag()
    own = [create(team.supervisor, f"p{i}-{t}") for i in range(3)]
    shared = [create(team.supervisor, f"s{i}-{t}", shared=True) for i in range(2)]
    assert {r["id"] for r in listed(team.supervisor, q=t, scope="personal")} == {r["id"] for r in own}
    assert {r["id"] for r in listed(team.supervisor, q=t, scope="shared")} == {r["id"] for r in shared}
    page = team.supervisor.get("/api/quick-replies", params={"q": t, "per_page": 2, "page": 3, "sort": "shortcut"})
    assert page.status_code == 200 and page.headers["x-total-count"] == "5"
    assert [r["shortcut"] for r in page.json()] == [f"s1-{t}"]
    bad = team.supervisor.get("/api/quick-replies", params={"sort": "random"})
    assert bad.status_code == 422 and error_code(bad) == "VALIDATION_FAILED"
    assert team.supervisor.get("/api/quick-replies", params={"per_page": 101}).status_code == 422


# ---------------------------------------------------------------- usage and suggestions

def test_use_counts_tenant_wide_and_orders_suggestions(team: Team) -> None:
    t = tag()
    a = create(team.supervisor, f"a-{t}", shared=True)
    b = create(team.supervisor, f"b-{t}", shared=True)
    c = create(team.supervisor, f"c-{t}", shared=True)
    assert [r["id"] for r in listed(team.agent, q=t)] == [a["id"], b["id"], c["id"]]  # no use yet: by shortcut
    for actor in (team.agent, team.agent2, team.admin):  # every member's use counts
        used = actor.post(f"/api/quick-replies/{c['id']}/use")
        assert used.status_code == 200, used.text
    assert team.agent.post(f"/api/quick-replies/{b['id']}/use").json()["usage_count"] == 1
    last = team.agent2.get("/api/quick-replies", params={"q": t}).json()
    assert [(r["id"], r["usage_count"]) for r in last] == [(c["id"], 3), (b["id"], 1), (a["id"], 0)]
    assert last[0]["last_used_at"].endswith("Z")


def test_concurrent_uses_are_all_counted(team: Team) -> None:
    reply = create(team.supervisor, f"busy-{tag()}", shared=True)
    members = (team.agent, team.agent2, team.supervisor, team.admin)

    def use(i: int) -> int:
        actor = members[i % len(members)]
        with httpx.Client(base_url=str(actor.client.base_url), timeout=30) as c:
            return c.post(f"/api/quick-replies/{reply['id']}/use", headers=actor.headers).status_code

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(use, range(16))) == {200}
    [row] = listed(team.agent, q=reply["shortcut"])
    assert row["usage_count"] == 16


# ---------------------------------------------------------------- favorites

def test_favorites_come_first_for_their_agent_only(team: Team) -> None:
    t = tag()
    popular = create(team.supervisor, f"a-{t}", shared=True)
    quiet = create(team.supervisor, f"b-{t}", shared=True)
    for _ in range(3):
        team.agent2.post(f"/api/quick-replies/{popular['id']}/use")
    starred = team.agent.post(f"/api/quick-replies/{quiet['id']}/favorite")
    assert starred.status_code == 200 and starred.json()["is_favorite"] is True
    mine = listed(team.agent, q=t)
    assert [(r["id"], r["is_favorite"]) for r in mine] == [(quiet["id"], True), (popular["id"], False)]
    theirs = listed(team.agent2, q=t)
    assert [(r["id"], r["is_favorite"]) for r in theirs] == [(popular["id"], False), (quiet["id"], False)]
    assert [r["id"] for r in listed(team.agent, q=t, favorites="true")] == [quiet["id"]]
    assert listed(team.agent2, q=t, favorites="true") == []
    # By usage, the star does not reorder but is still flagged.
    assert [(r["id"], r["is_favorite"]) for r in listed(team.agent, q=t, sort="usage")] == [
        (popular["id"], False), (quiet["id"], True)]


def test_favorite_and_unfavorite_are_idempotent(team: Team, server) -> None:
    reply = create(team.agent, f"fav-{tag()}")
    path = f"/api/quick-replies/{reply['id']}/favorite"
    assert [team.agent.post(path).json()["is_favorite"] for _ in range(2)] == [True, True]
    assert [team.agent.delete(path).json()["is_favorite"] for _ in range(2)] == [False, False]
    assert [e.type for e in server.run(_events(reply["id"]))] == [
        "quick_reply.created", "quick_reply.favorited", "quick_reply.unfavorited"]


def test_concurrent_favorites_of_one_reply_all_succeed(team: Team) -> None:
    reply = create(team.agent, f"dbl-{tag()}")

    def star(_: int) -> int:
        with httpx.Client(base_url=str(team.agent.client.base_url), timeout=30) as c:
            return c.post(f"/api/quick-replies/{reply['id']}/favorite", headers=team.agent.headers).status_code

    with ThreadPoolExecutor(5) as pool:
        assert set(pool.map(star, range(5))) == {200}
    assert [r["is_favorite"] for r in listed(team.agent, q=reply["shortcut"])] == [True]


def test_deleting_a_favorite_reply_removes_the_star(team: Team) -> None:
    reply = create(team.agent, f"gone-{tag()}")
    team.agent.post(f"/api/quick-replies/{reply['id']}/favorite")
    assert team.agent.delete(f"/api/quick-replies/{reply['id']}").status_code == 200
    assert [r for r in listed(team.agent, favorites="true") if r["id"] == reply["id"]] == []


# ---------------------------------------------------------------- other tenants

def test_another_tenants_reply_is_not_found_and_unchanged(team: Team, rival: Actor) -> None:
    theirs = create(rival, f"rival-{tag()}", shared=True, title="Theirs")
    path = f"/api/quick-replies/{theirs['id']}"
    for actor in (team.admin, team.agent):
        for response in (actor.patch(path, json={"title": "Mine now"}), actor.delete(path), actor.post(f"{path}/use"),
                         actor.post(f"{path}/favorite"), actor.delete(f"{path}/favorite")):
            assert response.status_code == 404 and error_code(response) == "NOT_FOUND", response.text
        assert listed(actor, q=theirs["shortcut"]) == []
        assert theirs["shortcut"] not in actor.get("/api/quick-replies/export").text
    [row] = listed(rival, q=theirs["shortcut"])
    assert (row["title"], row["usage_count"], row["is_favorite"]) == ("Theirs", 0, False)


def test_shortcuts_are_per_tenant(team: Team, rival: Actor) -> None:
    shortcut = f"same-{tag()}"
    create(rival, shortcut, shared=True)
    create(team.supervisor, shortcut, shared=True)


def test_no_credentials_is_401(team: Team) -> None:
    with httpx.Client(base_url=str(team.admin.client.base_url), timeout=30) as anonymous:
        response = anonymous.get("/api/quick-replies")
    assert response.status_code == 401 and error_code(response) == "UNAUTHENTICATED"


def test_api_key_acts_for_its_owner(team: Team) -> None:
    key = team.agent.post("/api/api-keys", json={"name": "composer plugin"})
    assert key.status_code == 201, key.text
    headers = {"X-API-Key": key.json()["key"]}
    t = tag()
    with httpx.Client(base_url=str(team.agent.client.base_url), timeout=30) as c:
        made = c.post("/api/quick-replies", json={"shortcut": f"k-{t}", "title": "T", "content": "C"}, headers=headers)
        assert made.status_code == 201, made.text
        assert made.json()["owner_id"] == team.agent.agent["id"]
    assert [r["id"] for r in listed(team.agent, q=t)] == [made.json()["id"]]

