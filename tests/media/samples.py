"""Small files with real magic numbers (the server sniffs the leading bytes)."""

from __future__ import annotations

import os

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + os.urandom(64)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + os.urandom(64) + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + os.urandom(64)
OGG = b"OggS\x00\x02" + os.urandom(64)
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + os.urandom(64)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + os.urandom(32)
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(64)
ELF = b"\x7fELF\x02\x01\x01" + os.urandom(64)
