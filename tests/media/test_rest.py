"""POST /api/media/upload and GET /api/media/{id} over real HTTP."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.media import samples
from tests.support.api import Actor, add_agent

DEFAULT_LIMIT = 16 * 1024 * 1024  # MEDIA_MAX_BYTES is not set by the test server: the default holds


def upload(actor: Actor, data: bytes, filename: str | None = "file.bin", content_type: str | None = None,
           field: str = "file") -> httpx.Response:
    part: tuple[Any, ...] = (filename, data) if content_type is None else (filename, data, content_type)
    return actor.post("/api/media/upload", files={field: part})


def uploaded(actor: Actor, data: bytes, filename: str, content_type: str | None = None) -> dict[str, Any]:
    response = upload(actor, data, filename, content_type)
    assert response.status_code == 201, response.text
    return response.json()


def error_code(response: httpx.Response) -> str:
    return response.json()["error"]["code"]


@pytest.mark.parametrize(("data", "name", "declared", "expected"), [
    (samples.PNG, "photo.png", "image/png", "image/png"),
    (samples.JPEG, "photo.JPG", "image/jpg", "image/jpeg"),
    (samples.PDF, "invoice.pdf", "application/pdf", "application/pdf"),
    (samples.MP4, "clip.mp4", "video/mp4", "video/mp4"),
    (samples.OGG, "voice.ogg", "audio/ogg; codecs=opus", "audio/ogg"),
    (samples.MP3, "song.mp3", "audio/mpeg", "audio/mpeg"),
])
def test_round_trip_keeps_the_bytes_and_sniffed_type(team, data: bytes, name: str, declared: str,
                                                     expected: str) -> None:
    body = uploaded(team.agent, data, name, declared)
    assert set(body) >= {"id", "filename", "content_type", "size", "url"}
    assert body["filename"] == name
    assert body["content_type"] == expected
    assert body["size"] == len(data)
    assert body["url"] == f"/api/media/{body['id']}"
    response = team.agent.get(body["url"])
    assert response.status_code == 200, response.text
    assert response.content == data
    assert response.headers["content-type"].split(";")[0] == expected
    assert response.headers["x-content-type-options"] == "nosniff"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("inline;" if expected.startswith("image/") else "attachment;")
    assert f'filename="{name}"' in disposition


def test_octet_stream_without_extension_gets_the_sniffed_type_and_extension(team) -> None:
    body = uploaded(team.agent, samples.PDF, "scan", "application/octet-stream")
    assert (body["content_type"], body["filename"]) == ("application/pdf", "scan.pdf")


@pytest.mark.parametrize(("data", "name", "declared"), [
    (samples.PDF, "holiday.png", "image/png"),  # a .png name with PDF bytes
    (samples.PDF, "holiday.png", None),  # the extension alone is a claim too
    (samples.PNG, "photo.png", "text/html"),  # bytes fine, declared type contradicts them
    (samples.HTML, "page.png", "image/png"),  # HTML dressed as an image
    (samples.HTML, "page.html", "text/html"),  # not an accepted type at all
    (samples.EXE, "setup.exe", "application/octet-stream"),
    (samples.EXE, "cat.jpg", "image/jpeg"),
    (samples.ELF, "tool", None),
    (b"just some words", "notes.txt", "text/plain"),
])
def test_spoofed_or_unknown_types_are_refused(team, data: bytes, name: str, declared: str | None) -> None:
    response = upload(team.agent, data, name, declared)
    assert response.status_code == 415, response.text
    assert error_code(response) == "UNSUPPORTED_MEDIA_TYPE"


def test_declared_html_on_image_bytes_names_both_types(team) -> None:
    response = upload(team.agent, samples.PNG, "x.png", "text/html")
    assert response.status_code == 415
    message = response.json()["error"]["message"]
    assert "text/html" in message and "image/png" in message


def test_oversize_is_refused_with_413_and_stores_nothing(team, server_env) -> None:
    media_dir = Path(server_env["DATA_DIR"]) / "media"
    before = sorted(media_dir.rglob("*")) if media_dir.exists() else []
    big = samples.PNG + b"\x00" * (DEFAULT_LIMIT + 1 - len(samples.PNG))
    response = upload(team.agent, big, "huge.png", "image/png")
    assert response.status_code == 413, response.text
    assert error_code(response) == "PAYLOAD_TOO_LARGE"
    after = sorted(media_dir.rglob("*")) if media_dir.exists() else []
    assert after == before


def test_a_file_at_the_limit_is_accepted(team) -> None:
    data = samples.PNG + b"\x00" * (DEFAULT_LIMIT - len(samples.PNG))
    body = uploaded(team.agent, data, "edge.png", "image/png")
    assert body["size"] == DEFAULT_LIMIT


@pytest.mark.parametrize(("raw", "expected"), [
    ("../../../../etc/passwd.png", "passwd.png"),
    ("..\\..\\windows\\win.png", "win.png"),
    ("/abs/path/.hidden.png", "hidden.png"),
    ("..", "file.png"),
    ("evil\u202egnp.png", "evilgnp.png"),  # right-to-left override hides the real extension
    ("caf\u00e9 \"quoted\"; x.png", "caf\u00e9 %22quoted%22; x.png"),  # httpx escapes the quotes itself
])
def test_names_are_sanitised_and_never_used_as_paths(team, server_env, raw: str, expected: str) -> None:
    body = uploaded(team.agent, samples.PNG, raw, "image/png")
    assert body["filename"] == expected
    response = team.agent.get(body["url"])
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    # The header's quoted fallback can't be broken out of: quotes and ';' are replaced there.
    quoted = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert '"' not in quoted and ";" not in quoted and "\\" not in quoted
    data_dir = Path(server_env["DATA_DIR"])
    assert not (data_dir.parent / "etc").exists()
    assert not list(data_dir.rglob("passwd*")) and not list(data_dir.rglob("*.png"))


def test_control_characters_are_stripped_from_names(team) -> None:
    # Built by hand: httpx would percent-escape some control characters in the part header.
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\n".encode()
            + b'Content-Disposition: form-data; name="file"; filename="bell\x07\x1b[31mred\x00\x7f.png"\r\n'
            + b"Content-Type: image/png\r\n\r\n" + samples.PNG + f"\r\n--{boundary}--\r\n".encode())
    response = team.agent.post("/api/media/upload", content=body,
                               headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 201, response.text
    assert response.json()["filename"] == "bell[31mred.png"


def test_missing_field_is_422(team) -> None:
    response = upload(team.agent, samples.PNG, "photo.png", "image/png", field="attachment")
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "file"


def test_empty_file_is_422(team) -> None:
    response = upload(team.agent, b"", "empty.png", "image/png")
    assert response.status_code == 422, response.text


def test_not_multipart_is_415(team) -> None:
    response = team.agent.post("/api/media/upload", json={"file": "aGVsbG8="})
    assert response.status_code == 415, response.text


def test_unauthenticated_is_401(client, team) -> None:
    body = uploaded(team.agent, samples.PNG, "p.png")
    assert client.post("/api/media/upload", files={"file": ("p.png", samples.PNG)}).status_code == 401
    assert client.get(body["url"]).status_code == 401


def test_another_tenants_media_is_404(team, rival) -> None:
    body = uploaded(team.agent, samples.PDF, "secret.pdf")
    response = rival.get(body["url"])
    assert response.status_code == 404, response.text
    assert error_code(response) == "NOT_FOUND"
    assert rival.get(f"/api/media/{uuid.uuid4()}").status_code == 404
    assert team.admin.get(body["url"]).status_code == 200


def test_malformed_or_unknown_ids(team) -> None:
    # Not a uuid: read as a provider media id, and one no message of the tenant references.
    assert team.agent.get("/api/media/not-a-uuid").status_code == 404
    assert team.agent.get("/api/media/not%20an%20id!").status_code == 422


@pytest.mark.parametrize("who", ["admin", "supervisor", "agent"])
def test_every_role_uploads_and_reads_the_organizations_media(team, who: str) -> None:
    actor: Actor = getattr(team, who)
    body = uploaded(actor, samples.JPEG, f"{who}.jpg")
    for reader in (team.admin, team.supervisor, team.agent):
        response = reader.get(body["url"])
        assert response.status_code == 200
        assert response.content == samples.JPEG


def test_a_role_without_media_permissions_is_403(team) -> None:
    role = team.admin.post("/api/roles", json={"name": f"nomedia-{uuid.uuid4().hex[:6]}",
                                               "permissions": ["conversations.read"]})
    assert role.status_code == 201, role.text
    body = uploaded(team.agent, samples.PNG, "p.png")
    limited = add_agent(team.admin, role.json()["key"], "Lim Ited")
    try:
        assert upload(limited, samples.PNG, "p.png").status_code == 403
        assert limited.get(body["url"]).status_code == 403
    finally:
        limited.client.close()
