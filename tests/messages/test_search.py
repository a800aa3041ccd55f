"""GET /api/messages/search over real HTTP, on both backends (PostgreSQL full-text search,
SQLite FTS5): finds messages by their words across the caller's visible conversations, best
match first, paginated with X-Total-Count; q is required."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.api import Actor, add_agent
from tests.support.inbox_rest import inbox_fixture, new_conversations, sent_message

MESSAGE_KEYS = {"id", "conversation_id", "direction", "type", "text", "content", "status", "provider_message_id",
                "error", "sender_agent_id", "created_at"}


inbox = inbox_fixture("Search")


@pytest.fixture(scope="module")
def agent(inbox) -> Iterator[Actor]:
    actor = add_agent(inbox.admin, name="Agnes Agent")
    yield actor
    actor.client.close()


@pytest.fixture(scope="module")
def word() -> str:
    return "rfnd" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def found(server, inbox, agent, word) -> dict[str, Any]:
    """Messages containing `word` once, twice, in a conversation the agent cannot see, in our
    own reply; and one without it."""
    texts = {
        "twice": f"{word} for my order {word}",
        "once": f"{word} for my order please",
        "hidden": f"{word} in a private conversation",
        "none": "nothing relevant here at all",
    }
    # Seconds apart (a webhook's timestamp has whole seconds), oldest first: "twice" is the oldest.
    now = time.time()
    stamps = [now - 40, now - 30, now - 20, now - 10]
    convs = dict(zip(texts, new_conversations(server, inbox, list(texts.values()), timestamps=stamps), strict=True))
    response = inbox.admin.patch(f"/api/conversations/{convs['hidden']['id']}/assign",
                                 json={"agent_id": inbox.admin.agent["id"]})
    assert response.status_code == 200, response.text
    reply = sent_message(server, inbox.admin, convs["once"]["id"], f"we process your {word} today")
    by_text = {}
    for name, conv in convs.items():
        [message] = inbox.admin.get(f"/api/conversations/{conv['id']}/messages").json()[-1:]
        by_text[name] = message["id"]
    by_text["reply"] = reply["id"]
    return by_text


def search(actor: Actor, **params: Any) -> tuple[list[dict[str, Any]], int]:
    response = actor.get("/api/messages/search", params=params)
    assert response.status_code == 200, response.text
    return response.json(), int(response.headers["X-Total-Count"])


def test_search_finds_messages_by_word_best_match_first(inbox, found, word):
    items, total = search(inbox.admin, q=word)
    ids = [m["id"] for m in items]
    assert sorted(ids) == sorted([found["twice"], found["once"], found["hidden"], found["reply"]])
    assert total == 4
    assert ids[0] == found["twice"]  # the word twice ranks above the word once, on both backends
    for item in items:
        assert MESSAGE_KEYS <= set(item) and word in item["text"]
    reply = next(m for m in items if m["id"] == found["reply"])
    assert reply["direction"] == "outbound" and reply["sender_agent_id"] == inbox.admin.agent["id"]


def test_search_is_case_insensitive_and_needs_every_word(inbox, found, word):
    items, total = search(inbox.admin, q=word.upper())
    assert total == 4
    items, total = search(inbox.admin, q=f"{word} order")
    assert sorted(m["id"] for m in items) == sorted([found["twice"], found["once"]]) and total == 2
    assert search(inbox.admin, q=f"{word} absentword{uuid.uuid4().hex[:6]}") == ([], 0)


def test_search_respects_what_an_agent_may_see(agent, found, word):
    items, total = search(agent, q=word)
    assert sorted(m["id"] for m in items) == sorted([found["twice"], found["once"], found["reply"]])
    assert total == 3
    assert search(agent, q="private " + word) == ([], 0)


def test_search_is_paginated(inbox, found, word):
    first, total = search(inbox.admin, q=word, per_page=3)
    second, total_again = search(inbox.admin, q=word, per_page=3, page=2)
    third, _ = search(inbox.admin, q=word, per_page=3, page=3)
    assert (total, total_again) == (4, 4)
    assert len(first) == 3 and len(second) == 1 and third == []
    assert first[0]["id"] == found["twice"]
    assert {m["id"] for m in first} | {m["id"] for m in second} == {
        found["twice"], found["once"], found["hidden"], found["reply"]}


@pytest.mark.parametrize("params", [
    {}, {"q": ""}, {"q": "   "}, {"q": "x" * 201}, {"q": "refund", "per_page": 0}, {"q": "refund", "per_page": 101},
    {"q": "refund", "page": 0},
], ids=["q-missing", "q-empty", "q-blank", "q-too-long", "per-page-0", "per-page-101", "page-0"])
def test_bad_search_parameters_are_422(inbox, params):
    response = inbox.admin.get("/api/messages/search", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "VALIDATION_FAILED"


@pytest.mark.parametrize("q", ['"', "'", "order AND", "NEAR(", "*", "a-b", "(x OR y)", "ünïcödé", "%", "\\"])
def test_query_syntax_is_never_an_error(inbox, found, q):
    items, total = search(inbox.admin, q=q)
    assert total == len(items)


def test_postgres_search_matches_through_the_gin_index(server):
    """The match every search statement filters on (resolvers/messages.py) can be answered from
    the stored tsvector's GIN index rather than by reading every message. Sequential scans are
    switched off for this EXPLAIN only: on a test-sized table the planner rightly prefers them."""
    if server.settings.uses_sqlite:
        pytest.skip("PostgreSQL leg only (SQLite searches its FTS5 table)")
    from tortoise.transactions import in_transaction

    from resolvers.messages import POSTGRES_SEARCH_MATCH, search_statements

    assert all(POSTGRES_SEARCH_MATCH in sql for sql in search_statements("postgres", restricted=True)[:2])

    async def plan() -> str:
        async with in_transaction() as transaction:
            await transaction.execute_script("SET LOCAL enable_seqscan = off")
            rows = await transaction.execute_query_dict(
                f"EXPLAIN SELECT m.id FROM messages m WHERE {POSTGRES_SEARCH_MATCH}", ["refund"])
            return "\n".join(r["QUERY PLAN"] for r in rows)

    text = server.run(plan())
    assert "idx_messages_search_vector" in text, text


def test_ranking_looks_at_the_newest_matches_only(server, inbox, found, word):
    """search_statements' window (SEARCH_WINDOW, 1,000 in the app): relevance among the newest
    matches, so a common word costs the same on a tenant of a million messages. With a window
    of two, the best match - also the oldest - is out of reach; with four it ranks first."""
    from tortoise import Tortoise

    from resolvers._scope import scoped_raw
    from resolvers.messages import search_statements

    dialect = Tortoise.get_connection("default").capabilities.dialect
    query = word if dialect == "postgres" else f'"{word}"'

    async def ranked(window: int) -> list[str]:
        page_sql, _, _ = search_statements(dialect, restricted=False, window=window)
        return [str(r["id"]) for r in await scoped_raw(inbox.ctx(), page_sql, [query, 20, 0])]

    assert sorted(server.run(ranked(2))) == sorted([found["reply"], found["hidden"]])
    assert server.run(ranked(4))[0] == found["twice"]
