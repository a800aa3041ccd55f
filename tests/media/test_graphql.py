"""`media(id)` over GraphQL: the metadata REST's upload returned, tenant-scoped."""

from __future__ import annotations

import uuid

from tests.media import samples

QUERY = "query($id: UUID!) { media(id: $id) { id filename contentType size url sha256 createdAt } }"


def test_media_metadata_matches_the_upload(team) -> None:
    created = team.agent.post("/api/media/upload", files={"file": ("menu.pdf", samples.PDF, "application/pdf")})
    assert created.status_code == 201, created.text
    body = created.json()
    result = team.supervisor.gql(QUERY, {"id": body["id"]})
    assert "errors" not in result, result
    media = result["data"]["media"]
    assert media["id"] == body["id"]
    assert (media["filename"], media["contentType"], media["size"], media["url"]) == (
        "menu.pdf", "application/pdf", len(samples.PDF), f"/api/media/{body['id']}")
    assert media["createdAt"].endswith("Z")


def test_another_tenants_media_is_not_found(team, rival) -> None:
    created = team.agent.post("/api/media/upload", files={"file": ("a.png", samples.PNG, "image/png")})
    assert created.status_code == 201
    for media_id in (created.json()["id"], str(uuid.uuid4())):
        result = rival.gql(QUERY, {"id": media_id})
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND"
