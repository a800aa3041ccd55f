"""The pure parts of the media resolver: sniffing, name sanitising, Content-Disposition."""

from __future__ import annotations

import pytest

from resolvers._errors import DomainError
from resolvers.media import check_type, classify_inbound, sanitise_filename, sniff
from rest_compat.presenters.media import content_disposition
from tests.media import samples


@pytest.mark.parametrize(("data", "expected"), [
    (samples.PNG, "image/png"), (samples.JPEG, "image/jpeg"), (samples.PDF, "application/pdf"),
    (samples.MP4, "video/mp4"), (samples.OGG, "audio/ogg"), (samples.MP3, "audio/mpeg"),
    (b"GIF89a\x01\x00", "image/gif"), (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"\x00\x00\x00\x14ftyp3gp4", "video/3gpp"), (b"#!AMR\n", "audio/amr"), (b"\xff\xf1\x50\x80", "audio/aac"),
    (b"\xff\xfb\x90\x64", "audio/mpeg"),
    (samples.HTML, None), (samples.EXE, None), (samples.ELF, None), (b"<svg xmlns=...>", None), (b"", None),
])
def test_sniff(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


def test_executables_get_their_own_message() -> None:
    with pytest.raises(DomainError, match="Executable"):
        check_type(samples.EXE, "a.jpg", "image/jpeg")


@pytest.mark.parametrize(("raw", "expected"), [
    (None, "file"), ("", "file"), ("   ", "file"), ("../../x.png", "x.png"), ("a\\b\\c.pdf", "c.pdf"),
    ("\x00\x01ok\x7f.png", "ok.png"), ("tab\there.png", "tab here.png"), ("...hidden", "hidden"),
    ("x" * 300 + ".png", "x" * 196 + ".png"),
])
def test_sanitise_filename(raw: str | None, expected: str) -> None:
    assert sanitise_filename(raw) == expected


def test_content_disposition_cannot_be_broken_out_of() -> None:
    header = content_disposition('a"; filename="evil.html\\.png', inline=False)
    assert header.startswith('attachment; filename="a__ filename=_evil.html_.png"; ')
    assert header.endswith("filename*=UTF-8''a%22%3B%20filename%3D%22evil.html%5C.png")
    assert content_disposition("caf\u00e9.png", inline=True) == (
        "inline; filename=\"caf_.png\"; filename*=UTF-8''caf%C3%A9.png")


# ---------------------------------------------------------------- inbound files (customers' documents)

def _zip(*names: str) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


@pytest.mark.parametrize(("data", "name", "declared", "expected"), [
    (_zip("[Content_Types].xml", "word/document.xml"), "a.docx", None,
     ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx")),
    (_zip("xl/workbook.xml"), "sheet", None,
     ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "sheet.xlsx")),
    (_zip("ppt/presentation.xml"), "deck.pptx", None,
     ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "deck.pptx")),
    (OLE2, "old.xls", None, ("application/vnd.ms-excel", "old.xls")),
    (b"a,b\n1,2\n", "data.csv", "text/csv", ("text/csv", "data.csv")),
    ("h\u00e9llo\n".encode(), "note", "text/plain", ("text/plain", "note.txt")),
    (samples.PNG, "photo.pdf", "application/pdf", ("image/png", "photo.pdf.png")),  # the bytes decide
])
def test_inbound_documents_are_classified_by_their_bytes(data, name, declared, expected) -> None:
    assert classify_inbound(data, name, declared) == expected


@pytest.mark.parametrize(("data", "name"), [
    (samples.HTML, "page.txt"), (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "i.txt"), (samples.EXE, "a.doc"),
    (b"#!/bin/sh\nrm -rf /\n", "run.txt"), (_zip("evil.exe"), "a.zip"), (OLE2, "setup.msi"), (b"", "empty.txt"),
    (b"\x00\x01\x02binary", "blob.txt"),
])
def test_inbound_markup_scripts_executables_and_plain_zips_are_refused(data, name) -> None:
    with pytest.raises(DomainError) as refused:
        classify_inbound(data, name, None)
    assert refused.value.code == "UNSUPPORTED_MEDIA_TYPE"
