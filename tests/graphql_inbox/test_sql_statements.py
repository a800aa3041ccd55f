"""The inbox list costs a constant number of SQL statements, whatever its page size:
`contact` and `assignee` are read through per-request DataLoaders, not once per conversation.

How statements are counted, reliably on both legs: the server runs in this process (a thread
with its own event loop), so the test wraps the execute methods (execute_query, _query_dict,
_insert, _many, _script) of the Tortoise client class behind the default connection; every
statement on that backend, reads and writes, goes through one of them. Other work runs in the
server at the same time (job runner, arq worker, outbox sweeps), so a global counter would be
flaky: only statements issued on behalf of the measured request are kept. The GraphQL view's
get_context is wrapped to put a fresh list in a ContextVar when the request carries the marker
header; contextvars flow from the request task into every task it spawns (graphql-core's
gathers, the DataLoader's batch dispatch), and into nothing else. Authentication runs inside
get_context, so its statements are counted too."""

from __future__ import annotations

import functools
import uuid
from contextvars import ContextVar
from typing import Any

import pytest
from tortoise import Tortoise

from schema.http import OmniGraphQL
from tests.graphql_inbox.conftest import data_of
from tests.support.inbox import new_wa_id, post_signed, whatsapp_text_payload

MARKER = "x-test-count-sql"
EXECUTE_METHODS = ("execute_query", "execute_query_dict", "execute_insert", "execute_many", "execute_script")
INBOX_PAGE = """query($perPage: Int!) {
  conversations(perPage: $perPage) { items { id contact { name } assignee { name } } }
}"""

_statements: ContextVar[list[str] | None] = ContextVar("graphql_inbox_statements", default=None)


class StatementLog:
    def __init__(self) -> None:
        self.by_marker: dict[str, list[str]] = {}

    def run(self, actor: Any, query: str, variables: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Execute `query` as `actor`; return its data and the SQL it ran."""
        marker = uuid.uuid4().hex
        response = actor.post("/graphql", json={"query": query, "variables": variables}, headers={MARKER: marker})
        assert response.status_code == 200 and not response.json().get("errors"), response.text
        return response.json()["data"], self.by_marker.pop(marker)


def _counting(method: Any) -> Any:
    @functools.wraps(method)
    async def wrapper(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        statements = _statements.get()
        if statements is not None:
            statements.append(query)
        return await method(self, query, *args, **kwargs)

    return wrapper


@pytest.fixture()
def statement_log(server, monkeypatch) -> StatementLog:
    async def client_class() -> type:
        return type(Tortoise.get_connection("default"))

    cls = server.run(client_class())
    for name in EXECUTE_METHODS:
        monkeypatch.setattr(cls, name, _counting(getattr(cls, name)))
    log = StatementLog()
    original = OmniGraphQL.get_context

    async def get_context(self: Any, request: Any, response: Any) -> Any:
        marker = request.headers.get(MARKER)
        if marker:
            _statements.set(log.by_marker.setdefault(marker, []))
        return await original(self, request, response)

    monkeypatch.setattr(OmniGraphQL, "get_context", get_context)
    return log


def test_inbox_page_runs_a_constant_number_of_statements(server, inbox, agent_a, agent_b, statement_log,
                                                         record_property):
    # At least 12 conversations, each with its own contact, spread over three assignees.
    wa_ids = [new_wa_id() for _ in range(12)]
    for wa_id in wa_ids:
        payload = whatsapp_text_payload(inbox.account["phone_number_id"], wa_id, "count me")
        assert post_signed(inbox.admin, payload).status_code == 200
    server.drain()
    newest = data_of(inbox.admin, "{ conversations(perPage: 12) { total items { id } } }")["conversations"]
    assert newest["total"] >= 12
    assignees = [inbox.admin, agent_a, agent_b]
    for i, conversation in enumerate(newest["items"]):
        response = inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign",
                                     json={"agent_id": assignees[i % 3].agent["id"]})
        assert response.status_code == 200, response.text

    counts = {}
    for per_page in (1, 3, 12):
        data, statements = statement_log.run(inbox.admin, INBOX_PAGE, {"perPage": per_page})
        items = data["conversations"]["items"]
        assert len(items) == per_page and all(item["contact"]["name"] for item in items)
        counts[per_page] = len(statements)
        if per_page == 12:
            assert len({item["assignee"]["name"] for item in items}) == 3
            print("\n".join(f"  {sql[:150]}" for sql in statements))

    record_property("inbox_page_sql_statements", counts)
    print(f"SQL statements per `conversations {{ items {{ id contact {{ name }} assignee {{ name }} }} }}` "
          f"request, by page size: {counts}")
    assert len(set(counts.values())) == 1, counts
    # Authentication, count, page (with its contact joined), contacts batch, agents batch.
    assert counts[12] <= 6, counts
