"""WhatsApp templates over GraphQL: the same resolvers, camelCase shapes, the same errors."""

from __future__ import annotations

import uuid

from tests.templates.conftest import new_name, waba

FIELDS = "id name language category status components bodyParameterCount headerFormat headerMediaUrl metaTemplateId"
CREATE = f"mutation($input: WaTemplateCreateInput!) {{ createWaTemplate(input: $input) {{ {FIELDS} }} }}"
LIST = f"query($status: String) {{ waTemplates(status: $status, perPage: 100) {{ total items {{ {FIELDS} }} }} }}"
GET = f"query($id: UUID!) {{ waTemplate(id: $id) {{ {FIELDS} }} }}"
HEADER = ("mutation($id: UUID!, $url: String) { setWaTemplateHeaderMedia(id: $id, headerMediaUrl: $url) "
          "{ id headerMediaUrl } }")
DELETE = "mutation($id: UUID!) { deleteWaTemplate(id: $id) { message id } }"
SYNC = "mutation { syncWaTemplates { wabaId total created updated unchanged } }"

COMPONENTS = [{"type": "HEADER", "format": "DOCUMENT"}, {"type": "BODY", "text": "Invoice {{1}}"}]


def _code(result):
    return result["errors"][0]["extensions"]["code"]


def test_graphql_round_trip(fake_graph, inbox, agent):
    fake_graph.stub("POST", f"/{waba(inbox)}/message_templates", {"id": "5550001", "status": "PENDING"})
    name = new_name("invoice")
    created = inbox.admin.gql(CREATE, {"input": {"name": name, "language": "en", "category": "UTILITY",
                                                  "components": COMPONENTS}})
    assert "errors" not in created, created
    template = created["data"]["createWaTemplate"]
    assert template["status"] == "PENDING" and template["metaTemplateId"] == "5550001"
    assert template["bodyParameterCount"] == 1 and template["headerFormat"] == "DOCUMENT"
    listed = agent.gql(LIST, {"status": "PENDING"})["data"]["waTemplates"]
    assert template["id"] in {t["id"] for t in listed["items"]}
    assert agent.gql(GET, {"id": template["id"]})["data"]["waTemplate"]["name"] == name
    header = inbox.admin.gql(HEADER, {"id": template["id"], "url": "https://cdn.example.com/i.pdf"})
    assert header["data"]["setWaTemplateHeaderMedia"]["headerMediaUrl"] == "https://cdn.example.com/i.pdf"
    assert _code(agent.gql(DELETE, {"id": template["id"]})) == "FORBIDDEN"
    deleted = inbox.admin.gql(DELETE, {"id": template["id"]})["data"]["deleteWaTemplate"]
    assert deleted["id"] == template["id"]
    assert _code(inbox.admin.gql(GET, {"id": template["id"]})) == "NOT_FOUND"


def test_graphql_errors(fake_graph, inbox, outsider):
    fake_graph.stub("POST", f"/{waba(inbox)}/message_templates", {"error": {
        "message": "Invalid parameter", "type": "OAuthException", "code": 100}}, status=400)
    body = {"name": new_name(), "language": "en", "category": "UTILITY", "components": COMPONENTS}
    assert _code(inbox.admin.gql(CREATE, {"input": body})) == "UPSTREAM_FAILED"
    assert _code(inbox.admin.gql(CREATE, {"input": {**body, "name": "Bad Name"}})) == "VALIDATION_FAILED"
    assert _code(outsider.admin.gql(GET, {"id": str(uuid.uuid4())})) == "NOT_FOUND"


def test_graphql_sync(fake_graph, inbox):
    fake_graph.stub("GET", f"/{waba(inbox)}/message_templates", {"data": [
        {"name": new_name("gql_synced"), "language": "fr", "status": "APPROVED", "category": "MARKETING",
         "id": "8080", "components": [{"type": "BODY", "text": "Bonjour"}]}]})
    result = inbox.admin.gql(SYNC)
    assert "errors" not in result, result
    assert result["data"]["syncWaTemplates"]["created"] == 1
    assert result["data"]["syncWaTemplates"]["wabaId"] == waba(inbox)
