"""`auto_assign`: a new conversation of the channel (opened by a signed inbound webhook) goes to
an eligible agent with the fewest open conversations, ties to the least recently assigned;
through the manual assignment's path (event, activity log) as the system; divisions and
availability respected; nobody eligible leaves it unassigned; re-dispatch and concurrent new
conversations keep the rule."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from resolvers import auto_assignment
from tests.channel_settings.support import conversation, events, online_agent, put_settings, set_status, settle
from tests.support.inbox import new_wa_id
from tests.support.inbox_rest import Inbox, customer_writes, new_conversations
from tests.support.team import error, ok


def new_conversation(server, inbox: Inbox, text: str = "Hello") -> dict[str, Any]:
    opened = customer_writes(server, inbox, new_wa_id(), text)
    settle(server, inbox)
    return conversation(inbox, opened["id"])


def assignee(inbox: Inbox, conversation_id: str) -> str | None:
    return conversation(inbox, conversation_id)["assigned_agent_id"]


def resolve(inbox: Inbox, conversation_id: str) -> None:
    ok(inbox.admin.patch(f"/api/conversations/{conversation_id}/status", json={"status": "resolved"}))


def redispatch_created(server, inbox: Inbox, conversation_id: str) -> None:
    """Hand the conversation's stored conversation.created event to the listener again (what a
    sweep or a duplicate dispatch does)."""
    [created] = events(server, inbox, "conversation.created", conversation_id)
    server.run(auto_assignment.on_conversation_created(created))


# ---------------------------------------------------------------- defaults and the switch


def test_without_settings_new_conversations_stay_unassigned(server, inbox):
    online_agent(inbox, "Alice")
    opened = new_conversation(server, inbox)
    assert opened["assigned_agent_id"] is None
    assert events(server, inbox, "conversation.assigned", opened["id"]) == []
    assert ok(inbox.admin.get("/api/integrations/whatsapp"))["configured"] is False


def test_only_the_channel_that_asks_for_it_is_auto_assigned(server, inbox):
    online_agent(inbox, "Alice")
    put_settings(inbox, "instagram", auto_assign=True)
    put_settings(inbox, "whatsapp", auto_assign=False)
    assert new_conversation(server, inbox)["assigned_agent_id"] is None


def test_a_new_conversation_goes_to_an_online_agent_through_the_assign_path(server, inbox):
    alice = online_agent(inbox, "Alice")
    put_settings(inbox, auto_assign=True)
    wa_id = new_wa_id()
    opened = customer_writes(server, inbox, wa_id, "Hello")
    settle(server, inbox)
    assert assignee(inbox, opened["id"]) == alice.agent["id"]

    [assigned] = events(server, inbox, "conversation.assigned", opened["id"])
    assert assigned.payload["assigned_agent_id"] == alice.agent["id"] and assigned.payload["previous_agent_id"] is None
    assert assigned.actor["actor_type"] == "system" and assigned.actor["actor_id"] is None
    assert str(assigned.assigned_agent_id) == alice.agent["id"]  # live delivery reaches her
    # The activity log has it, as the system's doing; the agent now sees it as theirs.
    logged = ok(inbox.admin.get("/api/activity-logs", params={"action": "conversation.assigned",
                                                              "object_id": opened["id"]}))
    assert [(e["actor_type"], e["actor_id"]) for e in logged] == [("system", None)]
    mine = ok(alice.get("/api/conversations", params={"assigned_agent_id": alice.agent["id"]}))
    assert [c["id"] for c in mine] == [opened["id"]]

    # The customer writing again joins the same (assigned) conversation: no new assignment.
    assert customer_writes(server, inbox, wa_id, "Me again")["id"] == opened["id"]
    settle(server, inbox)
    assert len(events(server, inbox, "conversation.assigned", opened["id"])) == 1


# ---------------------------------------------------------------- the rule


def test_fewest_open_conversations_then_least_recently_assigned(server, inbox):
    alice = online_agent(inbox, "Alice")
    bob = online_agent(inbox, "Bob")
    put_settings(inbox, auto_assign=True)
    a, b = alice.agent["id"], bob.agent["id"]

    first = new_conversation(server, inbox)
    assert first["assigned_agent_id"] == a  # 0-0, both never assigned: the longest-standing agent
    second = new_conversation(server, inbox)
    assert second["assigned_agent_id"] == b  # 1-0: fewer open
    third = new_conversation(server, inbox)
    assert third["assigned_agent_id"] == a  # 1-1: Alice's newest (first) is older than Bob's (second)
    fourth = new_conversation(server, inbox)
    assert fourth["assigned_agent_id"] == b  # 2-1: fewer open
    resolve(inbox, third["id"])
    resolve(inbox, fourth["id"])
    # 1-1 (resolved ones do not count); newest: Alice's third, Bob's fourth: Alice.
    assert new_conversation(server, inbox)["assigned_agent_id"] == a
    assert new_conversation(server, inbox)["assigned_agent_id"] == b  # 2-1: fewer open
    resolve(inbox, first["id"])
    # 1-2: fewest wins, although Alice was assigned more recently.
    assert new_conversation(server, inbox)["assigned_agent_id"] == a
    # 2-2: Bob's newest (the sixth) is older than Alice's (the seventh): Bob, round-robin.
    assert new_conversation(server, inbox)["assigned_agent_id"] == b


def test_manual_load_counts_and_a_tie_goes_round_robin(server, inbox):
    alice = online_agent(inbox, "Alice")
    bob = online_agent(inbox, "Bob")
    a, b = alice.agent["id"], bob.agent["id"]
    # Two conversations assigned to Alice by hand while auto-assignment was off.
    for _ in range(2):
        opened = new_conversation(server, inbox)
        ok(inbox.admin.patch(f"/api/conversations/{opened['id']}/assign", json={"agent_id": a}))
    put_settings(inbox, auto_assign=True)
    assert [new_conversation(server, inbox)["assigned_agent_id"] for _ in range(3)] == [b, b, a]


def test_offline_suspended_deleted_and_unable_agents_are_never_picked(server, inbox):
    put_settings(inbox, auto_assign=True)
    online_agent(inbox, "Olga Offline", online=False)
    suspended = online_agent(inbox, "Sam Suspended")
    ok(inbox.admin.patch(f"/api/agents/{suspended.agent['id']}", json={"account_status": "suspended"}))
    deleted = online_agent(inbox, "Dan Deleted")
    ok(inbox.admin.delete(f"/api/agents/{deleted.agent['id']}"))
    # A custom role that may read conversations but not reply to customers.
    role = ok(inbox.admin.post("/api/roles", json={"name": "Watcher", "permissions": ["conversations.read"]}), 201)
    watcher = online_agent(inbox, "Wendy Watcher", role=role["key"])
    assert watcher.agent["id"]

    lonely = new_conversation(server, inbox)
    assert lonely["assigned_agent_id"] is None  # nobody eligible: stays unassigned
    assert events(server, inbox, "conversation.assigned", lonely["id"]) == []

    # A supervisor who comes online is eligible (their role handles conversations).
    sue = online_agent(inbox, "Sue Supervisor", role="supervisor")
    assert new_conversation(server, inbox)["assigned_agent_id"] == sue.agent["id"]
    set_status(sue, "offline")
    assert new_conversation(server, inbox)["assigned_agent_id"] is None


def test_a_conversation_in_a_division_goes_to_its_members_only(server, inbox):
    alice = online_agent(inbox, "Alice")  # fewest open and longest-standing, but not a member
    bob = online_agent(inbox, "Bob")
    carol = online_agent(inbox, "Carol", online=False)
    sales = ok(inbox.admin.post("/api/divisions", json={"name": "Sales"}), 201)
    ok(inbox.admin.post(f"/api/divisions/{sales['id']}/agents",
                        json={"agent_ids": [bob.agent["id"], carol.agent["id"]]}))
    ok(inbox.admin.patch(f"/api/conversations/{new_conversation(server, inbox)['id']}/assign",
                        json={"agent_id": bob.agent["id"]}))  # Bob has one open already

    # Routed to Sales (unassigned) while auto-assignment was off; then the event is re-dispatched.
    queued = new_conversation(server, inbox)
    ok(inbox.admin.post(f"/api/conversations/{queued['id']}/transfer", json={"to_division_id": sales["id"]}), 201)
    put_settings(inbox, auto_assign=True)
    redispatch_created(server, inbox, queued["id"])
    settle(server, inbox)
    after = conversation(inbox, queued["id"])
    assert after["assigned_agent_id"] == bob.agent["id"] != alice.agent["id"]

    # A division none of whose members is online: it stays in the queue.
    set_status(bob, "offline")
    waiting = new_conversation(server, inbox)  # no division: goes to Alice
    assert waiting["assigned_agent_id"] == alice.agent["id"]
    again = new_conversation(server, inbox)
    ok(inbox.admin.patch(f"/api/conversations/{again['id']}/assign", json={"agent_id": None}))
    ok(inbox.admin.post(f"/api/conversations/{again['id']}/transfer", json={"to_division_id": sales["id"]}), 201)
    redispatch_created(server, inbox, again["id"])
    assert assignee(inbox, again["id"]) is None


def test_redispatch_leaves_an_assigned_conversation_alone(server, inbox):
    alice = online_agent(inbox, "Alice")
    bob = online_agent(inbox, "Bob")
    put_settings(inbox, auto_assign=True)
    opened = new_conversation(server, inbox)
    assert opened["assigned_agent_id"] == alice.agent["id"]
    ok(inbox.admin.patch(f"/api/conversations/{opened['id']}/assign", json={"agent_id": bob.agent["id"]}))
    redispatch_created(server, inbox, opened["id"])
    redispatch_created(server, inbox, opened["id"])
    settle(server, inbox)
    assert assignee(inbox, opened["id"]) == bob.agent["id"]
    assert len(events(server, inbox, "conversation.assigned", opened["id"])) == 2  # auto + manual


def test_disabled_channel_gets_no_auto_assignment(server, inbox):
    online_agent(inbox, "Alice")
    put_settings(inbox, auto_assign=True, enabled=False)
    opened = new_conversation(server, inbox)
    assert opened["assigned_agent_id"] is None
    assert events(server, inbox, "conversation.assigned", opened["id"]) == []


# ---------------------------------------------------------------- concurrency


def test_a_batch_of_new_conversations_is_spread_evenly(server, inbox):
    alice = online_agent(inbox, "Alice")
    bob = online_agent(inbox, "Bob")
    put_settings(inbox, auto_assign=True)
    batch = new_conversations(server, inbox, [f"Hi {n}" for n in range(6)])
    settle(server, inbox)
    counts = Counter(assignee(inbox, c["id"]) for c in batch)
    assert counts == {alice.agent["id"]: 3, bob.agent["id"]: 3}


def test_concurrent_assignments_keep_the_rule(server, inbox):
    """Six unassigned conversations assigned at the same moment (six concurrent transactions):
    the per-tenant lock makes each see the counts the previous one committed."""
    agents = [online_agent(inbox, name) for name in ("Alice", "Bob", "Carol")]
    batch = new_conversations(server, inbox, [f"Hello {n}" for n in range(6)])
    settle(server, inbox)
    assert all(assignee(inbox, c["id"]) is None for c in batch)
    put_settings(inbox, auto_assign=True)

    async def all_at_once() -> list[Any]:
        return await asyncio.gather(*(auto_assignment.auto_assign_conversation(inbox.ctx(), c["id"]) for c in batch))

    picked = server.run(all_at_once())
    assert Counter(str(p) for p in picked) == {a.agent["id"]: 2 for a in agents}
    settle(server, inbox)
    assert Counter(assignee(inbox, c["id"]) for c in batch) == {a.agent["id"]: 2 for a in agents}


def test_the_settings_endpoint_still_validates(inbox):
    # auto_assign is a boolean switch like the others: a string is refused and nothing changes.
    refused = error(inbox.admin.put("/api/integrations/whatsapp", json={"auto_assign": "yes"}), 422)
    assert refused["code"] == "VALIDATION_FAILED"
    assert ok(inbox.admin.get("/api/integrations/whatsapp"))["auto_assign"] is False
