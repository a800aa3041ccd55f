"""A transfer reaches the receiving agent live, over a real WebSocket: `events` carries
conversation.transferred with the history entry's data, `inboxEvents` the typed change. The agent
it was taken from hears conversation.assigned (to drop it) but not the transfer; an uninvolved
agent hears neither."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.divisions.support import add_agents, new_division
from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import inbox_fixture, new_conversations
from tests.support.ws import StatusFlipper, Subscriber, make_live

LIVE_LIMIT_S = 5.0
EVENTS = "subscription { events { id type payload } }"
INBOX = """subscription { inboxEvents { type conversationId
  ... on ConversationChangedEvent { assignedAgentId previousAgentId changed status } } }"""


inbox = inbox_fixture("Live transfers")


@pytest.fixture(scope="module")
def team(inbox) -> dict[str, Actor]:
    return {name: add_agent(inbox.admin, name=f"{name.title()} Agent") for name in ("alice", "bob", "carol")}


def events_until(sub: Subscriber, match: Callable[[dict[str, Any]], bool], timeout: float = LIVE_LIMIT_S,
                 key: str = "events") -> list[dict[str, Any]]:
    """Every event up to and including the first that matches (bounded by `timeout`)."""
    deadline = time.monotonic() + timeout
    seen: list[dict[str, Any]] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no matching event within {timeout} s; saw {seen}")
        event = sub.next_data(remaining)[key]
        seen.append(event)
        if match(event):
            return seen


def status_marker(sub: Subscriber, flipper: StatusFlipper) -> list[dict[str, Any]]:
    """Flip the subscriber's own status (an event everyone sees) and return everything that
    arrived before it: what the subscriber got of the transfer, with no fixed wait."""
    status = flipper.flip()
    seen = events_until(sub, lambda e: e["type"] == "agent.status_changed"
                        and e["payload"] == {"agent_id": flipper.agent_id, "status": status})
    return seen[:-1]


def test_the_receiving_agent_gets_the_transfer_live(server, inbox, team):
    admin, alice, bob, carol = inbox.admin, team["alice"], team["bob"], team["carol"]
    division = add_agents(admin, new_division(admin), bob)
    [conversation] = new_conversations(server, inbox, ["transfer me"])
    assigned = admin.patch(f"/api/conversations/{conversation['id']}/assign", json={"agent_id": alice.agent["id"]})
    assert assigned.status_code == 200, assigned.text
    flippers = {name: StatusFlipper(actor) for name, actor in team.items()}
    # Something unassigned for bob's inbox subscription to warm up on.
    [warm] = new_conversations(server, inbox, ["warm up"])

    def retag() -> None:
        response = admin.patch(f"/api/conversations/{warm['id']}/tags", json={"tags": [uuid.uuid4().hex[:8]]})
        assert response.status_code == 200, response.text

    with (Subscriber(server.ws_url, token=alice.token) as alice_sub,
          Subscriber(server.ws_url, token=bob.token) as bob_sub,
          Subscriber(server.ws_url, token=carol.token) as carol_sub,
          Subscriber(server.ws_url, token=bob.token) as bob_inbox):
        for name, sub in (("alice", alice_sub), ("bob", bob_sub), ("carol", carol_sub)):
            sub.subscribe(EVENTS)
            make_live(sub, flippers[name].flip)
        bob_inbox.subscribe(INBOX)
        for _ in range(20):  # as make_live, for inboxEvents: retag until an event arrives
            retag()
            try:
                bob_inbox.next_data(0.5)
                break
            except TimeoutError:
                continue
        else:
            raise AssertionError("inboxEvents delivered nothing")

        response = alice.post(f"/api/conversations/{conversation['id']}/transfer",
                              json={"to_agent_id": bob.agent["id"], "to_division_id": division["id"],
                                    "reason": "Bob knows billing"})
        assert response.status_code == 201, response.text
        entry = response.json()

        received = events_until(bob_sub, lambda e: e["type"] == "conversation.transferred")
        payload = received[-1]["payload"]
        assert {k: payload[k] for k in ("conversation_id", "assigned_agent_id", "transfer_id", "from_agent_id",
                                        "to_agent_id", "to_division_id", "reason", "transferred_by")} == {
            "conversation_id": conversation["id"], "assigned_agent_id": bob.agent["id"], "transfer_id": entry["id"],
            "from_agent_id": alice.agent["id"], "to_agent_id": bob.agent["id"], "to_division_id": division["id"],
            "reason": "Bob knows billing", "transferred_by": alice.agent["id"]}
        assert sorted(payload["changed"]) == ["assigned_agent_id", "division_id"]
        assert "conversation.assigned" in {e["type"] for e in received}

        typed = events_until(bob_inbox, lambda e: e["type"] == "conversation.transferred", key="inboxEvents")[-1]
        assert typed == {"type": "conversation.transferred", "conversationId": conversation["id"],
                         "assignedAgentId": bob.agent["id"], "previousAgentId": alice.agent["id"],
                         "changed": ["assigned_agent_id", "division_id"], "status": "open"}

        # Alice hears that it left her (conversation.assigned, previous_agent_id = her), not the transfer.
        alice_saw = [e for e in status_marker(alice_sub, flippers["alice"])
                     if e["payload"].get("conversation_id") == conversation["id"]]
        assert [(e["type"], e["payload"]["previous_agent_id"]) for e in alice_saw] == [
            ("conversation.assigned", alice.agent["id"])], alice_saw
        # Carol is not involved: nothing of it reaches her.
        carol_saw = status_marker(carol_sub, flippers["carol"])
        assert not [e for e in carol_saw if e["payload"].get("conversation_id") == conversation["id"]], carol_saw
