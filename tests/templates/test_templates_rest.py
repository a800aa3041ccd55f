"""WhatsApp templates over REST against the live server and the fake Graph API: create submits
to Meta and stores PENDING, Meta's errors become 502 UPSTREAM_FAILED with nothing stored, sync
upserts and keeps the local header media, filters and paging, local-only delete, header media,
roles and other tenants."""

from __future__ import annotations

import uuid

from tests.support.api import register
from tests.templates.conftest import create, error_of, new_name, template_body, waba

FIELDS = {"id", "integration_account_id", "waba_id", "meta_template_id", "name", "language", "category", "status",
          "components", "body_parameter_count", "header_format", "header_media_url", "rejection_reason",
          "quality_score", "created_at", "updated_at"}
IMAGE_HEADER = [{"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2U="]}},
                {"type": "BODY", "text": "Your order {{1}} has shipped"}]


def _templates_requests(fake_graph, inbox, method):
    return [r for r in fake_graph.requests
            if r["method"] == method and r["path"].endswith(f"/{waba(inbox)}/message_templates")]


def test_create_submits_to_meta_and_stores_pending(fake_graph, inbox):
    before = len(_templates_requests(fake_graph, inbox, "POST"))
    template = create(fake_graph, inbox, category="utility")
    assert set(template) == FIELDS
    assert template["status"] == "PENDING" and template["category"] == "UTILITY"
    assert template["meta_template_id"] and template["waba_id"] == waba(inbox)
    assert template["integration_account_id"] == inbox.account["id"]
    assert template["body_parameter_count"] == 2 and template["header_format"] is None
    sent = _templates_requests(fake_graph, inbox, "POST")
    assert len(sent) == before + 1
    assert sent[-1]["headers"]["authorization"] == f"Bearer {inbox.access_token}"
    assert sent[-1]["json"] == {"name": template["name"], "language": "en_US", "category": "UTILITY",
                                "components": template["components"]}
    got = inbox.admin.get(f"/api/wa-templates/{template['id']}")
    assert got.status_code == 200 and got.json() == template


def test_meta_error_is_502_with_metas_code_and_nothing_is_stored(fake_graph, inbox):
    name = new_name("refused")
    fake_graph.stub("POST", f"/{waba(inbox)}/message_templates", {"error": {
        "message": "Invalid parameter", "type": "OAuthException", "code": 100, "error_subcode": 2388023,
        "error_user_msg": "Template name already used", "fbtrace_id": "FAKETRACE"}}, status=400)
    response = inbox.admin.post("/api/wa-templates", json=template_body(name))
    assert response.status_code == 502, response.text
    error = error_of(response)
    assert error["code"] == "UPSTREAM_FAILED"
    assert error["details"]["meta_code"] == 100 and error["details"]["meta_subcode"] == 2388023
    assert error["details"]["meta_message"] == "Invalid parameter"
    assert "Invalid parameter" in error["message"]
    listed = inbox.admin.get("/api/wa-templates", params={"per_page": 100}).json()
    assert name not in {t["name"] for t in listed}


def test_expired_token_is_reported_as_such(fake_graph, inbox):
    fake_graph.stub("POST", f"/{waba(inbox)}/message_templates", {"error": {
        "message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190,
        "error_subcode": 463}}, status=401)
    response = inbox.admin.post("/api/wa-templates", json=template_body())
    assert response.status_code == 502, response.text
    error = error_of(response)
    assert error["details"]["token_expired"] is True and "expired" in error["message"]


def test_invalid_bodies_are_422_and_meta_is_not_called(fake_graph, inbox):
    before = len(_templates_requests(fake_graph, inbox, "POST"))
    bad = [
        template_body("Not A Valid Name"),
        template_body(category="PROMOTIONAL"),
        template_body(components=[{"type": "FOOTER", "text": "no body"}]),
        template_body(components=[{"type": "BODY", "text": "a"}, {"type": "BODY", "text": "b"}]),
        template_body(components=[]),
        template_body(header_media_url="not a url"),
        template_body(integration_account_id=str(uuid.uuid4())),
        {**template_body(), "surprise": True},
    ]
    for body in bad:
        response = inbox.admin.post("/api/wa-templates", json=body)
        assert response.status_code == 422, (body, response.text)
        assert error_of(response)["code"] == "VALIDATION_FAILED"
    assert len(_templates_requests(fake_graph, inbox, "POST")) == before


def test_a_tenant_without_a_whatsapp_account_is_told_to_connect_one(client):
    lonely = register(client, org="No WhatsApp")
    response = lonely.post("/api/wa-templates", json=template_body())
    assert response.status_code == 422 and "WhatsApp" in error_of(response)["message"]
    assert lonely.post("/api/wa-templates/sync", json={}).status_code == 422


def test_duplicate_name_and_language_is_409(fake_graph, inbox):
    template = create(fake_graph, inbox)
    response = inbox.admin.post("/api/wa-templates", json=template_body(template["name"]))
    assert response.status_code == 409, response.text
    # Another language is another template.
    assert create(fake_graph, inbox, name=template["name"], language="es")["language"] == "es"


def test_list_filters_and_pages(fake_graph, inbox):
    marketing = create(fake_graph, inbox, category="MARKETING", language="pt_BR")
    utility = create(fake_graph, inbox, language="pt_BR")
    response = inbox.admin.get("/api/wa-templates", params={"language": "pt_BR", "per_page": 100})
    assert response.status_code == 200
    ids = {t["id"] for t in response.json()}
    assert {marketing["id"], utility["id"]} <= ids
    assert all(t["language"] == "pt_BR" for t in response.json())
    only = inbox.admin.get("/api/wa-templates", params={"language": "pt_BR", "category": "marketing"}).json()
    assert marketing["id"] in {t["id"] for t in only} and utility["id"] not in {t["id"] for t in only}
    pending = inbox.admin.get("/api/wa-templates", params={"status": "pending", "per_page": 100})
    assert {marketing["id"], utility["id"]} <= {t["id"] for t in pending.json()}
    assert not inbox.admin.get("/api/wa-templates", params={"status": "DISABLED"}).json()
    page = inbox.admin.get("/api/wa-templates", params={"per_page": 1, "page": 2})
    assert page.status_code == 200 and len(page.json()) == 1
    assert int(page.headers["x-total-count"]) >= 2
    assert inbox.admin.get("/api/wa-templates", params={"per_page": 1000}).status_code == 422


def test_sync_upserts_by_name_and_language_and_keeps_local_header_media(fake_graph, inbox):
    kept = create(fake_graph, inbox, components=IMAGE_HEADER, header_media_url="https://cdn.example.com/a.png")
    new = new_name("synced")
    page_two = f"/{waba(inbox)}/message_templates_page_two"
    fake_graph.stub("GET", f"/{waba(inbox)}/message_templates", {
        "data": [{"name": kept["name"], "language": "en_US", "status": "APPROVED", "category": "UTILITY",
                  "id": kept["meta_template_id"], "components": IMAGE_HEADER, "quality_score": {"score": "GREEN"}}],
        "paging": {"cursors": {"after": "x"}, "next": fake_graph.base_url + page_two},
    })
    fake_graph.stub("GET", page_two, {"data": [
        {"name": new, "language": "de", "status": "REJECTED", "category": "MARKETING", "id": "998877",
         "rejected_reason": "INVALID_FORMAT", "components": [{"type": "BODY", "text": "Hallo {{1}}"}]}]})
    response = inbox.admin.post("/api/wa-templates/sync", json={})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["waba_id"] == waba(inbox) and result["total"] == 2
    assert result["created"] == 1 and result["updated"] == 1
    got = inbox.admin.get(f"/api/wa-templates/{kept['id']}").json()
    assert got["status"] == "APPROVED" and got["quality_score"] == "GREEN"
    assert got["header_media_url"] == "https://cdn.example.com/a.png"
    [synced] = inbox.admin.get("/api/wa-templates", params={"language": "de", "status": "REJECTED"}).json()
    assert synced["name"] == new and synced["rejection_reason"] == "INVALID_FORMAT"
    assert synced["meta_template_id"] == "998877" and synced["body_parameter_count"] == 1
    listing = [r for r in fake_graph.requests if r["path"].endswith(f"/{waba(inbox)}/message_templates")
               and r["method"] == "GET"][-1]
    assert "name" in listing["query"]["fields"] and listing["headers"]["authorization"].endswith(inbox.access_token)
    # Again: nothing changed.
    again = inbox.admin.post("/api/wa-templates/sync", json={}).json()
    assert again["created"] == 0 and again["updated"] == 0 and again["unchanged"] == 2


def test_sync_error_is_502(fake_graph, inbox):
    fake_graph.stub("GET", f"/{waba(inbox)}/message_templates", {"error": {
        "message": "Unsupported get request.", "type": "GraphMethodException", "code": 100}}, status=400)
    response = inbox.admin.post("/api/wa-templates/sync", json={"integration_account_id": inbox.account["id"]})
    assert response.status_code == 502 and error_of(response)["details"]["meta_code"] == 100


def test_header_media_url_set_and_cleared(fake_graph, inbox):
    template = create(fake_graph, inbox, components=IMAGE_HEADER)
    assert template["header_format"] == "IMAGE" and template["header_media_url"] is None
    path = f"/api/wa-templates/{template['id']}/header-media"
    response = inbox.admin.patch(path, json={"header_media_url": "https://cdn.example.com/b.jpg"})
    assert response.status_code == 200, response.text
    assert response.json()["header_media_url"] == "https://cdn.example.com/b.jpg"
    assert inbox.admin.patch(path, json={"header_media_url": "ftp://x"}).status_code == 422
    assert inbox.admin.patch(path, json={}).status_code == 422
    cleared = inbox.admin.patch(path, json={"header_media_url": None})
    assert cleared.status_code == 200 and cleared.json()["header_media_url"] is None
    text_only = create(fake_graph, inbox)
    refused = inbox.admin.patch(f"/api/wa-templates/{text_only['id']}/header-media",
                                json={"header_media_url": "https://cdn.example.com/b.jpg"})
    assert refused.status_code == 422, refused.text


def test_delete_is_local_only(fake_graph, inbox):
    template = create(fake_graph, inbox)
    before = len(fake_graph.requests)
    response = inbox.admin.delete(f"/api/wa-templates/{template['id']}")
    assert response.status_code == 200, response.text
    assert response.json() == {"message": "WhatsApp template deleted", "wa_template_id": template["id"]}
    assert inbox.admin.get(f"/api/wa-templates/{template['id']}").status_code == 404
    assert inbox.admin.delete(f"/api/wa-templates/{template['id']}").status_code == 404
    assert len(fake_graph.requests) == before  # Meta was not asked to delete anything


def test_roles(fake_graph, inbox, agent, supervisor):
    template = create(fake_graph, inbox)
    for actor in (agent, supervisor):
        assert actor.get("/api/wa-templates").status_code == 200
        assert actor.get(f"/api/wa-templates/{template['id']}").status_code == 200
        assert actor.post("/api/wa-templates", json=template_body()).status_code == 403
        assert actor.post("/api/wa-templates/sync", json={}).status_code == 403
        assert actor.delete(f"/api/wa-templates/{template['id']}").status_code == 403
        assert actor.patch(f"/api/wa-templates/{template['id']}/header-media",
                           json={"header_media_url": None}).status_code == 403
    assert inbox.admin.get(f"/api/wa-templates/{template['id']}").status_code == 200


def test_other_tenants_templates_are_not_found(fake_graph, inbox, outsider):
    template = create(fake_graph, inbox)
    path = f"/api/wa-templates/{template['id']}"
    assert outsider.admin.get(path).status_code == 404
    assert outsider.admin.delete(path).status_code == 404
    assert outsider.admin.patch(path + "/header-media", json={"header_media_url": None}).status_code == 404
    assert template["id"] not in {t["id"] for t in outsider.admin.get("/api/wa-templates", params={"per_page": 100}).json()}
    # Naming the other tenant's account is refused too.
    body = template_body(integration_account_id=inbox.account["id"])
    assert outsider.admin.post("/api/wa-templates", json=body).status_code == 422
    assert inbox.admin.get(path).status_code == 200


def test_sync_follows_paging_only_on_the_graph_api_host(fake_graph, inbox):
    # The token goes with every page request: a "next" link elsewhere is not followed.
    fake_graph.stub("GET", f"/{waba(inbox)}/message_templates", {
        "data": [{"name": new_name("one_page"), "language": "it", "status": "APPROVED", "category": "UTILITY",
                  "id": "4242", "components": [{"type": "BODY", "text": "Ciao"}]}],
        "paging": {"next": "https://graph.attacker.invalid/v25.0/steal?after=x"},
    })
    response = inbox.admin.post("/api/wa-templates/sync", json={})
    assert response.status_code == 200, response.text
    assert response.json()["total"] == 1
