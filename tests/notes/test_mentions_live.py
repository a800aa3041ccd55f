"""A mention reaches its agent live, over a real WebSocket (`events` subscription), even when the
agent cannot see the conversation; agents who can neither see it nor are mentioned hear nothing
of its notes."""

from __future__ import annotations

import uuid

from resolvers._context import Ctx
from schema.events import may_see
from tests.notes.conftest import add_note, conversation, token
from tests.support.ws import Subscriber, make_live

NOTE_TYPES = {"types": ["note.created", "note.updated", "note.deleted", "note.mentioned"]}
LATENCY_LIMIT_S = 1.0


def test_a_mention_is_delivered_to_an_agent_who_cannot_see_the_conversation(server, inbox, agnes, bob, carol,
                                                                            supervisor):
    agnes_conv = conversation(server, inbox, assign_to=agnes)  # neither Bob nor Carol sees it
    bob_conv = conversation(server, inbox, assign_to=bob)
    carol_conv = conversation(server, inbox, assign_to=carol)
    with Subscriber(server.ws_url, token=bob.token) as bob_sub, \
            Subscriber(server.ws_url, token=carol.token) as carol_sub, \
            Subscriber(server.ws_url, token=supervisor.token) as sup_sub:
        # Each subscription is made live with notes only it (and supervisors) may see, in an
        # order where no warm-up reaches a subscription registered before it.
        carol_sub.subscribe(variables=NOTE_TYPES)
        make_live(carol_sub, lambda: add_note(carol, carol_conv["id"], "warm-up"))
        bob_sub.subscribe(variables=NOTE_TYPES)
        make_live(bob_sub, lambda: add_note(bob, bob_conv["id"], "warm-up"))
        sup_sub.subscribe(variables=NOTE_TYPES)
        make_live(sup_sub, lambda: add_note(agnes, agnes_conv["id"], "warm-up"))

        content = f"{token(bob)} could you take the refund question?"
        note = add_note(agnes, agnes_conv["id"], content)

        event = bob_sub.next_event(LATENCY_LIMIT_S)
        assert event["type"] == "note.mentioned"
        assert event["payload"]["mentioned_agent_id"] == bob.agent["id"]
        assert event["payload"]["note_id"] == note["id"]
        assert event["payload"]["conversation_id"] == agnes_conv["id"]
        assert event["payload"]["mentioned_by"] == agnes.agent["id"]
        assert event["payload"]["content"] == content
        # Only the mention: the note itself stays with those who see the conversation.
        bob_sub.assert_silent(0.5)

        # A supervisor sees everything of it: the note, then the mention.
        seen = [sup_sub.next_event(LATENCY_LIMIT_S), sup_sub.next_event(LATENCY_LIMIT_S)]
        assert [(e["type"], e["payload"]["note_id"]) for e in seen] == [
            ("note.created", note["id"]), ("note.mentioned", note["id"])]

        # Carol, neither mentioned nor able to see it, hears nothing of any of it (nor of the
        # warm-ups on conversations she cannot see).
        carol_sub.assert_silent(0.5)

        # Editing the note without a new mention tells Bob nothing.
        edited = agnes.patch(f"/api/notes/{note['id']}", json={"content": content + " Thanks!"})
        assert edited.status_code == 200, edited.text
        assert sup_sub.next_event(LATENCY_LIMIT_S)["type"] == "note.updated"
        bob_sub.assert_silent(0.5)


def test_may_see_lets_a_mention_through_to_its_agent_only():
    me, assignee = uuid.uuid4(), uuid.uuid4()
    restricted = Ctx(actor_type="agent", tenant_id=uuid.uuid4(), actor_id=me,
                     permissions=frozenset({"conversations.read"}))
    mention = {"type": "note.mentioned", "conversation_id": str(uuid.uuid4()), "assigned_agent_id": str(assignee),
               "payload": {"mentioned_agent_id": str(me)}}
    assert may_see(restricted, mention)
    assert not may_see(restricted, {**mention, "payload": {"mentioned_agent_id": str(uuid.uuid4())}})
    assert not may_see(restricted, {**mention, "type": "note.created"})
    # An unassigned conversation is visible anyway, so its mentions are too.
    assert may_see(restricted, {**mention, "assigned_agent_id": None, "payload": {"mentioned_agent_id": "x"}})
