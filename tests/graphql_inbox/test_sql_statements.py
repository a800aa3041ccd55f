"""The inbox list costs a constant number of SQL statements, whatever its page size:
`contact` and `assignee` are read through per-request DataLoaders, not once per conversation,
and the REST list joins the contact into its page query.

Counted by the server itself: the test server runs with SQL_STATEMENT_HEADER=true, so every
response carries X-SQL-Statements, the statements run on behalf of that request (its
authentication included, the background jobs running meanwhile not): omnistream/diagnostics.py.
The same counter shows that a new customer's first message skips the look-ups it cannot need."""

from __future__ import annotations

from typing import Any

from connectors.meta import parse_whatsapp_webhook
from tests.graphql_inbox.conftest import data_of
from tests.support.inbox import new_wa_id, post_signed, whatsapp_text_payload

INBOX_PAGE = """query($perPage: Int!) {
  conversations(perPage: $perPage) { items { id contact { name } assignee { name } } }
}"""


class StatementLog:
    @staticmethod
    def run(actor: Any, query: str, variables: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """Execute `query` as `actor`; return its data and how many SQL statements it ran."""
        response = actor.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200 and not response.json().get("errors"), response.text
        return response.json()["data"], int(response.headers["x-sql-statements"])


def _seed_assigned_conversations(server, inbox, assignees) -> None:
    """At least 13 conversations (one more than the largest page, so that every page counts its
    total the same way), each with its own contact, spread over the assignees."""
    for _ in range(13):
        payload = whatsapp_text_payload(inbox.account["phone_number_id"], new_wa_id(), "count me")
        assert post_signed(inbox.admin, payload).status_code == 200
    server.drain()
    newest = data_of(inbox.admin, "{ conversations(perPage: 12) { total items { id } } }")["conversations"]
    assert newest["total"] >= 12
    for i, conversation in enumerate(newest["items"]):
        response = inbox.admin.patch(f"/api/conversations/{conversation['id']}/assign",
                                     json={"agent_id": assignees[i % len(assignees)].agent["id"]})
        assert response.status_code == 200, response.text


def test_inbox_page_runs_a_constant_number_of_statements(server, inbox, agent_a, agent_b, record_property):
    _seed_assigned_conversations(server, inbox, [inbox.admin, agent_a, agent_b])
    counts = {}
    for per_page in (1, 3, 12):
        data, statements = StatementLog.run(inbox.admin, INBOX_PAGE, {"perPage": per_page})
        items = data["conversations"]["items"]
        assert len(items) == per_page and all(item["contact"]["name"] for item in items)
        counts[per_page] = statements
        if per_page == 12:
            assert len({item["assignee"]["name"] for item in items}) == 3

    record_property("inbox_page_sql_statements", counts)
    print(f"SQL statements per `conversations {{ items {{ id contact {{ name }} assignee {{ name }} }} }}` "
          f"request, by page size: {counts}")
    assert len(set(counts.values())) == 1, counts
    # Authentication (2), count, page (with its contact joined), contacts batch, agents batch.
    assert counts[12] <= 6, counts


def test_rest_inbox_list_runs_at_most_four_statements(server, inbox, agent_a):
    """GET /api/conversations (20 rows with contact fields): authentication (2), count, and one
    page query with the contact joined in, whatever the page size."""
    _seed_assigned_conversations(server, inbox, [inbox.admin, agent_a])
    counts = {}
    for per_page in (1, 5, 20):
        response = inbox.admin.get("/api/conversations", params={"per_page": per_page})
        assert response.status_code == 200, response.text
        rows = response.json()
        assert len(rows) == min(per_page, int(response.headers["x-total-count"]))
        assert all(row["contact_name"] for row in rows)
        counts[per_page] = int(response.headers["x-sql-statements"])
    assert len(set(counts.values())) == 1, counts
    assert counts[20] <= 4, counts


def _applied_statements(server, inbox, wa_id: str) -> list[str]:
    """The statements of applying one WhatsApp message from `wa_id` (what the webhook job does
    for each message it carries), as the server's own statement counter sees them."""
    from omnistream.diagnostics import _statements
    from resolvers._context import Ctx
    from resolvers.integrations import account_for_inbound
    from resolvers.messages import receive_inbound

    [item] = parse_whatsapp_webhook(whatsapp_text_payload(inbox.account["phone_number_id"], wa_id, "count me"))

    async def apply() -> list[str]:
        account = await account_for_inbound("whatsapp", inbox.account["phone_number_id"])
        statements: list[str] = []
        token = _statements.set(statements)
        try:
            assert await receive_inbound(Ctx.system(account.tenant_id), account, item) is not None
        finally:
            _statements.reset(token)
        return statements

    return server.run(apply())


def test_a_new_customers_first_message_skips_lookups_it_cannot_need(server, inbox):
    """A contact created by the message has no conversation to find, and its INSERT carries
    last_inbound_at: no conversation look-up and no contact UPDATE (a known customer's next
    message has both: it refreshes the contact and joins the conversation it finds)."""
    wa_id = new_wa_id()
    first, second = _applied_statements(server, inbox, wa_id), _applied_statements(server, inbox, wa_id)

    def contact_updates(statements: list[str]) -> list[str]:
        return [s for s in statements if s.startswith('UPDATE "contacts"')]

    def conversation_lookups(statements: list[str]) -> list[str]:
        return [s for s in statements if s.startswith("SELECT") and 'FROM "conversations"' in s]

    assert not contact_updates(first) and not conversation_lookups(first), first
    assert len(contact_updates(second)) == len(conversation_lookups(second)) == 1, second
    listed = inbox.admin.get("/api/contacts", params={"q": wa_id}).json()
    items = listed["items"] if isinstance(listed, dict) else listed
    assert [c["last_inbound_at"] is not None for c in items] == [True], items
