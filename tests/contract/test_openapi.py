"""The generated OpenAPI document describes exactly what is served, and both browser pages (the
REST docs and GraphiQL) work without internet access: every asset they load is served locally,
answers 200, and matches its Subresource Integrity hash where the page pins one."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any

import httpx
import pytest

from tests.contract.support import ACCESS, SERVED, route_id

SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer"},
    "cookieAuth": {"type": "apiKey", "in": "cookie"},
    "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture(scope="module")
def document(http: httpx.Client) -> dict[str, Any]:
    response = http.get("/api/openapi.json")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(method.upper(), path): op for path, item in doc["paths"].items()
            for method, op in item.items() if method in HTTP_METHODS}


def test_is_openapi_3_1(document: dict[str, Any]) -> None:
    assert re.fullmatch(r"3\.1\.\d+", document["openapi"]), document["openapi"]
    assert document["info"]["title"] and document["info"]["version"]


def test_describes_exactly_the_served_routes(document: dict[str, Any]) -> None:
    operations = _operations(document)
    assert set(operations) == set(SERVED), {
        "served, undocumented here": sorted(map(route_id, set(SERVED) - set(operations))),
        "described, not served": sorted(map(route_id, set(operations) - set(SERVED))),
    }
    for key, op in operations.items():
        assert op.get("responses"), f"{route_id(key)} has no responses"
        declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", key[1])), f"{route_id(key)} path parameters: {declared}"


def test_operation_ids_are_unique(document: dict[str, Any]) -> None:
    ids = [op.get("operationId") for op in _operations(document).values()]
    assert all(ids), "an operation has no operationId"
    assert not [i for i, n in Counter(ids).items() if n > 1], Counter(ids).most_common(3)


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def _resolve(doc: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"external reference {ref!r}: the document must be self-contained"
    node: Any = doc
    for token in ref[2:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and token in node, f"dangling reference {ref!r}"
        node = node[token]
    return node


def test_every_ref_resolves_inside_the_document(document: dict[str, Any]) -> None:
    refs = _refs(document)
    assert refs, "no $ref at all: schemas are expected under components"
    for ref in set(refs):
        _resolve(document, ref)


def test_the_ref_check_catches_dangling_refs() -> None:
    doc = {"components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}}}}
    with pytest.raises(AssertionError, match="dangling"):
        for ref in _refs(doc):
            _resolve(doc, ref)


def test_security_schemes_and_requirements(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    for name, expected in SCHEMES.items():
        assert name in schemes, f"securitySchemes lacks {name}"
        assert expected.items() <= schemes[name].items(), schemes[name]
    for key, op in _operations(document).items():
        security = op.get("security", document.get("security"))
        if SERVED[key].public:
            assert security == [], f"public {route_id(key)} must declare security []"
        else:
            assert security, f"{route_id(key)} ({ACCESS[key]}) declares no security"
            assert {name for requirement in security for name in requirement} <= set(schemes)


class _Assets(HTMLParser):
    """The URLs a page makes the browser load, with their integrity attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str | None]] = []  # (tag, url, integrity)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        url = a.get("src") if tag in ("script", "img", "iframe") else a.get("href") if tag == "link" else None
        if url is not None:
            self.urls.append((tag, url.strip(), a.get("integrity")))


def _assets(html: str) -> list[tuple[str, str, str | None]]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


def _check_local_assets(http: httpx.Client, html: str, *, prefix: str) -> int:
    checked = 0
    for tag, url, integrity in _assets(html):
        if url.startswith("data:"):
            continue  # inline, nothing is fetched
        assert url.startswith(prefix) and not url.startswith("//"), f"<{tag}> loads {url!r}: not a local asset"
        response = http.get(url)
        assert response.status_code == 200 and response.content, f"{url} -> {response.status_code}"
        if integrity:
            algorithm, _, expected = integrity.partition("-")
            actual = base64.b64encode(hashlib.new(algorithm, response.content).digest()).decode()
            assert actual == expected, f"{url} does not match its integrity hash: the browser would refuse it"
        checked += 1
    return checked


def test_docs_page_loads_only_local_assets(http: httpx.Client) -> None:
    response = http.get("/api/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "/api/openapi.json" in html, "the docs page must read this server's document"
    assert _check_local_assets(http, html, prefix="/static/") >= 2  # Swagger UI's script and stylesheet
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html, re.I)


def _strip_comments(html: str) -> str:
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    html = re.sub(r"/\*.*?\*/", "", html, flags=re.S)
    return re.sub(r"(?m)^\s*(//|#).*$", "", html)  # JS line comments, GraphiQL's example-query comments


def test_graphiql_loads_only_local_assets(http: httpx.Client) -> None:
    response = http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "graphiql" in html.lower()
    assert "unpkg.com" not in html.lower() and "jsdelivr" not in html.lower()
    assert _check_local_assets(http, html, prefix="/") >= 4  # react, react-dom, graphiql js + css
    # An XML namespace names a vocabulary, it is never fetched (the inline SVG favicon has one).
    urls = [u for u in re.findall(r"https?://[^\s\"'`<>)]+", _strip_comments(html))
            if not u.startswith("http://www.w3.org/")]
    assert not urls, f"GraphiQL page refers to remote URLs: {urls}"
