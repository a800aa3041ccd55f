"""CSV export and import over REST: the export's shape (text/csv, UTF-8, header, quoted fields,
attachment), formula neutralising, an exact round trip (quotes, commas, line breaks, non-ASCII,
formula-looking cells), per-row errors with row numbers, updates and skips, all-or-nothing on a
broken file, and the multipart binding's own 4xx answers."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

from models.events import OutboxEvent
from tests.quick_replies.conftest import Team
from tests.quick_replies.helpers import create, error_code, listed, tag
from tests.support.api import Actor

IMPORT = "/api/quick-replies/import"
EXPORT = "/api/quick-replies/export"
HEADER = "shortcut,title,content,shared"


def upload(actor: Actor, data: bytes | str, *, filename: str = "quick-replies.csv", field: str = "file"
           ) -> httpx.Response:
    raw = data.encode() if isinstance(data, str) else data
    return actor.post(IMPORT, files={field: (filename, raw, "text/csv")})


def export(actor: Actor, **params: Any) -> str:
    response = actor.get(EXPORT, params=params)
    assert response.status_code == 200, response.text
    return response.text


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def tricky(t: str) -> list[dict[str, Any]]:
    """Replies whose text a naive CSV writer, reader or spreadsheet would get wrong."""
    return [
        {"shortcut": f"quote-{t}", "title": 'He said "hi", then left',
         "content": 'Line one\nLine "two", with commas, and\r\nCRLF', "shared": True},
        {"shortcut": f"=eq-{t}", "title": "=SUM(A1:A2)", "content": "=1+1", "shared": True},
        {"shortcut": f"plus-{t}", "title": "+33 6 12 34 56 78", "content": "+cmd|' /C calc'!A0", "shared": False},
        {"shortcut": f"-dash-{t}", "title": "-10% off", "content": "- item one\n- item two", "shared": True},
        {"shortcut": f"@at-{t}", "title": "@channel", "content": "@SUM(1,2)", "shared": False},
        {"shortcut": f"'q-{t}", "title": "'=already quoted", "content": "''+two quotes", "shared": True},
        {"shortcut": f"apos-{t}", "title": "'plain apostrophe", "content": "it's fine\tand tabbed", "shared": True},
        {"shortcut": f"ünï-{t}", "title": "Grüße — 你好 🎉",
         "content": "Olá {{contact.first_name|amigo}} ✨ Ñandú, {{agent.name}}", "shared": False},
        {"shortcut": f"plain-{t}", "title": "Plain", "content": "Nothing special", "shared": True},
    ]


def _create_all(actor: Actor, replies: list[dict[str, Any]]) -> None:
    for reply in replies:
        create(actor, reply["shortcut"], title=reply["title"], content=reply["content"], shared=reply["shared"])


def _total(actor: Actor) -> int:
    response = actor.get("/api/quick-replies", params={"per_page": 1})
    return int(response.headers["x-total-count"])


# ---------------------------------------------------------------- export

def test_export_is_a_csv_attachment_with_the_documented_header(team: Team) -> None:
    t = tag()
    create(team.supervisor, f"plain-{t}", title="Plain", content="Body")
    response = team.supervisor.get(EXPORT, params={"q": t})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="quick-replies.csv"'
    assert response.text.split("\r\n") == [HEADER, f'"plain-{t}","Plain","Body","false"', ""]


def test_export_neutralises_formula_cells(team: Team) -> None:
    t = tag()
    replies = tricky(t)
    _create_all(team.supervisor, replies)
    exported = {row["shortcut"]: row for row in rows_of(export(team.supervisor, q=t))}
    assert exported[f"'=eq-{t}"] == {"shortcut": f"'=eq-{t}", "title": "'=SUM(A1:A2)", "content": "'=1+1",
                                     "shared": "true"}
    assert exported[f"plus-{t}"]["title"] == "'+33 6 12 34 56 78"
    assert exported[f"plus-{t}"]["content"] == "'+cmd|' /C calc'!A0"
    assert exported[f"'-dash-{t}"]["content"] == "'- item one\n- item two"
    assert exported[f"'@at-{t}"]["content"] == "'@SUM(1,2)"
    # Cells already starting with quotes before a formula character get one more (so import can
    # take exactly one off); other leading quotes are left alone.
    assert exported[f"'q-{t}"]["title"] == "''=already quoted"
    assert exported[f"'q-{t}"]["content"] == "'''+two quotes"
    assert exported[f"apos-{t}"]["title"] == "'plain apostrophe"
    assert exported[f"plain-{t}"]["content"] == "Nothing special"
    for row in exported.values():  # no cell a spreadsheet would evaluate
        for cell in (row["shortcut"], row["title"], row["content"]):
            assert cell[0] not in "=+-@\t\r", row


def test_export_lists_shared_then_own_personal_replies(team: Team) -> None:
    t = tag()
    create(team.agent, f"b-{t}")
    create(team.supervisor, f"c-{t}", shared=True)
    create(team.supervisor, f"a-{t}", shared=True)
    create(team.agent2, f"theirs-{t}")
    rows = rows_of(export(team.agent, q=t))
    assert [(r["shortcut"], r["shared"]) for r in rows] == [(f"a-{t}", "true"), (f"c-{t}", "true"), (f"b-{t}", "false")]
    assert [r["shortcut"] for r in rows_of(export(team.agent, q=t, scope="personal"))] == [f"b-{t}"]


# ---------------------------------------------------------------- round trip

def test_export_then_import_round_trips_exactly(team: Team, other_admin: Actor) -> None:
    t = tag()
    replies = tricky(t)
    _create_all(team.supervisor, replies)
    text = export(team.supervisor, q=t)

    # Into an empty tenant: everything is created, and its export is byte for byte the same.
    result = upload(other_admin, text)
    assert result.status_code == 200, result.text
    assert result.json() == {"created": len(replies), "updated": 0, "skipped": 0, "errors": []}
    assert export(other_admin) == text
    stored = {r["shortcut"]: r for r in listed(other_admin)}
    for reply in replies:
        row = stored[reply["shortcut"].lower()]
        assert (row["title"], row["content"], row["shared"]) == (reply["title"], reply["content"], reply["shared"])
        assert row["shared"] or row["owner_id"] == other_admin.agent["id"]  # personal rows become the importer's

    # Into the tenant it came from: nothing changed, everything is skipped.
    again = upload(team.supervisor, text)
    assert again.json() == {"created": 0, "updated": 0, "skipped": len(replies), "errors": []}


def test_import_updates_existing_shortcuts_in_the_rows_scope(team: Team) -> None:
    t = tag()
    shared = create(team.supervisor, f"hours-{t}", shared=True, title="Hours", content="9 to 5")
    own = create(team.supervisor, f"hours-{t}", title="My hours", content="Mornings")
    same = create(team.supervisor, f"same-{t}", shared=True, title="Same", content="Same")
    text = (f"{HEADER}\r\n"
            f'"hours-{t}","Hours","8 to 6","true"\r\n'
            f'"HOURS-{t}","My hours","Afternoons","false"\r\n'
            f'"same-{t}","Same","Same","true"\r\n'
            f'"new-{t}","New","Brand new","yes"\r\n')
    result = upload(team.supervisor, text)
    assert result.json() == {"created": 1, "updated": 2, "skipped": 1, "errors": []}
    rows = {(r["shortcut"], r["shared"]): r for r in listed(team.supervisor, q=t)}
    assert rows[(f"hours-{t}", True)]["id"] == shared["id"] and rows[(f"hours-{t}", True)]["content"] == "8 to 6"
    assert rows[(f"hours-{t}", False)]["id"] == own["id"] and rows[(f"hours-{t}", False)]["content"] == "Afternoons"
    assert rows[(f"same-{t}", True)]["updated_at"] == same["updated_at"]
    assert rows[(f"new-{t}", True)]["created_by"] == team.supervisor.agent["id"]


def test_import_reports_bad_rows_by_number_and_imports_the_rest(team: Team, server) -> None:
    t = tag()
    text = "\r\n".join([
        "Shortcut , TITLE,content",  # header names are trimmed and case-insensitive; shared is optional
        f"ok-{t},Fine,All good",  # row 2
        ",No shortcut,Body",  # 3
        f"var-{t},Typo,Hi {{{{contact.nmae}}}}",  # 4
        f"short-{t},Only two",  # 5
        f"OK-{t},Again,Repeats row 2",  # 6
        "",  # 7: a blank line is ignored
        f'multi-{t},Multi,"line one',  # 8 and 9 are one record...
        'line two"',
        f"two words {t},Bad,Shortcut",  # ...so this is record 9
        f"'=calc-{t},'@Title,'-body",  # 10: spreadsheet-neutralised cells lose their quote
    ]) + "\r\n"
    before = server.run(_imports(team))
    result = upload(team.supervisor, text)
    assert result.status_code == 200, result.text
    body = result.json()
    assert (body["created"], body["updated"], body["skipped"]) == (3, 0, 0)
    assert [e["row"] for e in body["errors"]] == [3, 4, 5, 6, 9]
    messages = {e["row"]: e["message"] for e in body["errors"]}
    assert "shortcut" in messages[3] and "contact.nmae" in messages[4] and "expected 3 fields, found 2" in messages[5]
    assert "repeats row 2" in messages[6] and "shortcut" in messages[9]
    rows = {r["shortcut"]: r for r in listed(team.supervisor, q=t)}
    assert set(rows) == {f"ok-{t}", f"multi-{t}", f"=calc-{t}"}
    assert rows[f"multi-{t}"]["content"] == "line one\r\nline two"
    assert (rows[f"=calc-{t}"]["title"], rows[f"=calc-{t}"]["content"]) == ("@Title", "-body")
    assert all(not r["shared"] for r in rows.values())  # no shared column: personal
    after = server.run(_imports(team))
    assert len(after) == len(before) + 1
    assert after[-1].payload == {"created": 3, "updated": 0, "skipped": 0, "errors": 5, "filename": "quick-replies.csv"}
    assert after[-1].actor["actor_id"] == team.supervisor.agent["id"]


async def _imports(team: Team) -> list[OutboxEvent]:
    return await OutboxEvent.filter(type="quick_replies.imported", tenant_id=team.admin.tenant["id"]).order_by(
        "created_at", "id")


def test_import_accepts_a_byte_order_mark_and_lf_line_ends(team: Team) -> None:
    t = tag()
    result = upload(team.supervisor, ("\ufeff" + f"{HEADER}\n\"bom-{t}\",\"Título\",\"Olá\",\"1\"\n").encode())
    assert result.json() == {"created": 1, "updated": 0, "skipped": 0, "errors": []}
    [row] = listed(team.supervisor, q=f"bom-{t}")
    assert (row["title"], row["content"], row["shared"]) == ("Título", "Olá", True)


def test_import_rejects_bad_shared_values_per_row(team: Team) -> None:
    t = tag()
    result = upload(team.supervisor, f'{HEADER}\r\n"s-{t}","T","C","maybe"\r\n')
    assert result.json()["errors"] == [{"row": 2, "message": "shared: expected true or false, not 'maybe'"}]
    assert listed(team.supervisor, q=t) == []


# ---------------------------------------------------------------- broken files: all or nothing

BROKEN: dict[str, tuple[bytes, int, str]] = {
    "misspelt column": (b'shortcut,titel,content\r\n"a-{t}","T","C"\r\n', 422, "titel"),
    "missing column": (b'shortcut,content\r\n"a-{t}","C"\r\n', 422, "missing column(s) title"),
    "duplicated column": (b'shortcut,title,content,title\r\n"a-{t}","T","C","T"\r\n', 422, "duplicated"),
    "semicolons": (b'shortcut;title;content\r\n"a-{t}";"T";"C"\r\n', 422, "separated by commas"),
    "empty file": (b"", 422, "empty file"),
    "not UTF-8": ('shortcut,title,content\r\n"a-{t}","T","C"\r\n"b-{t}","Café","C"\r\n'.encode("latin-1"),
                  422, "UTF-8"),
    "unterminated quote": (b'shortcut,title,content\r\n"a-{t}","T","C"\r\n"b-{t}","T","open\r\n', 422,
                           "malformed CSV"),
    "stray quote": (b'shortcut,title,content\r\n"a-{t}","T","C"\r\n"b-{t}"x,"T","C"\r\n', 422, "malformed CSV"),
    "NUL bytes": (b'shortcut,title,content\r\n"a-{t}","T","C\x00"\r\n', 422, "NUL"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_file_is_refused_whole(team: Team, case: str) -> None:
    t = tag()
    data, status, words = BROKEN[case]
    before = _total(team.supervisor)
    response = upload(team.supervisor, data.replace(b"{t}", t.encode()))
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_FAILED" and words in error["message"], error
    assert error["details"][0]["field"] == "file"
    assert _total(team.supervisor) == before and listed(team.supervisor, q=t) == []


def test_too_many_rows_is_refused_whole(team: Team) -> None:
    t = tag()
    text = HEADER + "\r\n" + "".join(f"r{i}-{t},T,C,true\r\n" for i in range(5001))
    before = _total(team.supervisor)
    response = upload(team.supervisor, text)
    assert response.status_code == 413 and error_code(response) == "PAYLOAD_TOO_LARGE", response.text
    assert _total(team.supervisor) == before


def test_five_thousand_rows_are_fine(team: Team) -> None:
    t = tag()
    text = HEADER + "\r\n" + "".join(f"r{i}-{t},T,C{i},false\r\n" for i in range(5000))
    response = upload(team.admin, text)
    assert response.status_code == 200, response.text
    assert response.json() == {"created": 5000, "updated": 0, "skipped": 0, "errors": []}
    # Past 1,000 a list's total is not counted (resolvers/_pagination.py); the last page tells it.
    first = team.admin.get("/api/quick-replies", params={"q": f"-{t}", "per_page": 100})
    assert "x-total-count" not in first.headers and 'rel="next"' in first.headers["link"]
    last = team.admin.get("/api/quick-replies", params={"q": f"-{t}", "per_page": 100, "page": 50})
    assert len(last.json()) == 100 and last.headers["x-total-count"] == "5000" and "link" not in last.headers


def test_an_oversized_file_is_413_and_writes_nothing(team: Team) -> None:
    t = tag()
    row = f'"big-{t}","T","{"x" * 4000}","true"\r\n'
    text = HEADER + "\r\n" + row.replace("big-", "first-") + row * 300  # ~1.2 MB
    before = _total(team.supervisor)
    response = upload(team.supervisor, text)
    assert response.status_code == 413 and error_code(response) == "PAYLOAD_TOO_LARGE", response.text
    assert _total(team.supervisor) == before


def test_a_file_just_within_the_limit_is_imported(team: Team) -> None:
    # The body is the file plus the multipart framing: the binding allows for the framing, and
    # judges the file itself against the limit.
    t = tag()
    rows = [f'"edge{i:04d}-{t}","T","{"y" * 4000}","true"\r\n' for i in range(300)]
    text = HEADER + "\r\n"
    while len((text + rows[0]).encode()) <= 1024 * 1024:
        text += rows.pop(0)
    assert 1024 * 1024 - 5000 < len(text.encode()) <= 1024 * 1024
    response = upload(team.supervisor, text)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == text.count("\r\n") - 1


# ---------------------------------------------------------------- the multipart binding

def test_not_multipart_is_415(team: Team) -> None:
    response = team.supervisor.post(IMPORT, json={"file": "shortcut,title,content"})
    assert response.status_code == 415 and error_code(response) == "UNSUPPORTED_MEDIA_TYPE", response.text
    assert "multipart/form-data" in response.json()["error"]["message"]


def test_missing_file_field_is_422(team: Team) -> None:
    response = upload(team.supervisor, f"{HEADER}\r\n", field="document")
    assert response.status_code == 422 and error_code(response) == "VALIDATION_FAILED"
    assert response.json()["error"]["details"] == [{"field": "file", "message": "The multipart field 'file' is missing"}]


def test_file_sent_as_a_text_field_is_422(team: Team) -> None:
    response = team.supervisor.post(IMPORT, data={"file": "shortcut,title,content"},
                                    files={"other": ("x.txt", b"x", "text/plain")})
    assert response.status_code == 422 and "must be a file" in response.json()["error"]["message"]


def test_malformed_multipart_is_400(team: Team) -> None:
    response = team.supervisor.post(IMPORT, content=b"--nope\r\nthis is not multipart",
                                    headers={"Content-Type": "multipart/form-data; boundary=BOUNDARY"})
    assert response.status_code == 400 and error_code(response) == "BAD_REQUEST", response.text
    no_boundary = team.supervisor.post(IMPORT, content=b"x", headers={"Content-Type": "multipart/form-data"})
    assert no_boundary.status_code == 400 and error_code(no_boundary) == "BAD_REQUEST", no_boundary.text


# ---------------------------------------------------------------- who may import

def test_agents_may_export_but_not_import(team: Team) -> None:
    t = tag()
    good = f'{HEADER}\r\n"a-{t}","T","C","false"\r\n'
    for attempt in (upload(team.agent, good), team.agent.post(IMPORT, json={})):
        assert attempt.status_code == 403 and error_code(attempt) == "FORBIDDEN", attempt.text
        assert attempt.json()["error"]["details"] == {"missing": ["quick_replies.manage_shared"]}
    assert listed(team.agent, q=t) == []
    assert export(team.agent).startswith(HEADER + "\r\n")


def test_supervisor_and_admin_may_import(team: Team) -> None:
    for actor in (team.supervisor, team.admin):
        t = tag()
        response = upload(actor, f'{HEADER}\r\n"imp-{t}","T","C","true"\r\n')
        assert response.json() == {"created": 1, "updated": 0, "skipped": 0, "errors": []}
        assert [r["shortcut"] for r in listed(team.agent, q=t)] == [f"imp-{t}"]


def test_import_lands_in_the_importers_tenant_only(team: Team, rival: Actor) -> None:
    t = tag()
    assert upload(rival, f'{HEADER}\r\n"x-{t}","T","C","true"\r\n').json()["created"] == 1
    assert listed(team.supervisor, q=t) == [] and len(listed(rival, q=t)) == 1


def test_openapi_documents_the_upload_and_the_csv_answer(team: Team) -> None:
    document = team.agent.get("/api/openapi.json").json()
    upload_op = document["paths"][IMPORT]["post"]
    schema = upload_op["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["required"] == ["file"] and schema["properties"]["file"]["format"] == "binary"
    assert {"403", "413", "415", "422"} <= set(upload_op["responses"])
    assert "QuickRepliesImportOut" in upload_op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    ok = document["paths"][EXPORT]["get"]["responses"]["200"]
    assert ok["content"] == {"text/csv": {"schema": {"type": "string"}}} and "Content-Disposition" in ok["headers"]
