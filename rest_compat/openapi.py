"""The OpenAPI 3.1 document, generated from the route table: the same data that builds the
routes, so the document cannot drift from what is served."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from resolvers._errors import ErrorCode
from rest_compat.table import ENDPOINTS, Endpoint, documented_rows

REF = "#/components/schemas/{model}"

_ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "enum": [str(c) for c in ErrorCode]},
                "message": {"type": "string"},
                "details": {},
                "retry_after": {"type": "integer"},
                "request_id": {"type": "string"},
            },
        }
    },
}

_ERROR_TEXT = {
    400: "Malformed request",
    401: "Not authenticated",
    403: "Not allowed for this role",
    404: "Not found (or another tenant's)",
    409: "Conflict with the current state",
    413: "The upload is too large",
    415: "Not multipart/form-data",
    422: "Validation failed",
    429: "Rate limited",
}


def _schema_ref(model: type[BaseModel], components: dict[str, Any], mode: str) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template=REF, mode=mode)
    for name, sub in schema.pop("$defs", {}).items():
        components.setdefault(name, sub)
    components.setdefault(model.__name__, schema)
    return {"$ref": REF.format(model=model.__name__)}


def _operation(ep: Endpoint, summary: dict[tuple[str, str], tuple[str, str]], components: dict[str, Any]) -> dict[str, Any]:
    section, text = summary.get(ep.key, ("Other", ep.call.__name__))
    op: dict[str, Any] = {
        "operationId": ep.call.__name__,
        "summary": text,
        "tags": [section],
        "parameters": [],
        "responses": {},
    }
    for name in re.findall(r"{(\w+)}", ep.path):
        uuid_like = (name == "id" or name.endswith("_id")) and name not in ep.text_params
        schema = {"type": "string", "format": "uuid"} if uuid_like else {"type": "string"}
        op["parameters"].append({"name": name, "in": "path", "required": True, "schema": schema})
    if ep.query is not None:
        # Same ref template and $defs hoisting as bodies: a query enum (AgentFilter.status) would
        # otherwise point at "#/$defs/...", which does not exist in the document.
        query_schema = ep.query.model_json_schema(ref_template=REF, mode="validation")
        for name, sub in query_schema.pop("$defs", {}).items():
            components.setdefault(name, sub)
        required = set(query_schema.get("required", []))
        for name, prop in query_schema.get("properties", {}).items():
            op["parameters"].append({"name": name, "in": "query", "required": name in required, "schema": prop})
    if ep.body is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _schema_ref(ep.body, components, "validation")}},
        }
    if ep.upload is not None:
        op["requestBody"] = {
            "required": True,
            "content": {"multipart/form-data": {
                "schema": {"type": "object", "required": [ep.upload],
                           "properties": {ep.upload: {
                               "type": "string", "format": "binary",
                               "description": f"The file, at most {ep.upload_limit} bytes"}}},
            }},
        }
    media_type = getattr(ep.presenter, "media_type", "application/json")
    if media_type == "application/json":
        body_schema = _schema_ref(ep.presenter, components, "serialization")
        if ep.many:
            body_schema = {"type": "array", "items": body_schema}
    else:  # text answers (text/plain, text/csv): the presenter gives the text itself
        body_schema = {"type": "string"}
    ok: dict[str, Any] = {"description": ep.presenter.response_description, "content": {media_type: {"schema": body_schema}}}
    if getattr(ep.presenter, "attachment_filename", None):
        ok["headers"] = {"Content-Disposition": {"schema": {"type": "string"},
                                                 "description": "attachment; filename=..."}}
    if ep.many:
        ok["headers"] = {
            "X-Total-Count": {"schema": {"type": "integer"}, "description": (
                "Rows matching, all pages; absent when more than 1,000 match (counting them all would cost "
                "more than the page)")},
            "Link": {"schema": {"type": "string"}, "description": 'The next page, as <url>; rel="next", when there is one'},
        }
    op["responses"][str(ep.status)] = ok
    errors = {400}
    if not ep.public:
        errors |= {401, 403}
        op["security"] = [{"bearerAuth": []}, {"cookieAuth": []}, {"apiKeyAuth": []}]
    else:
        op["security"] = []
    if "{" in ep.path:
        errors.add(404)
    if ep.body is not None or ep.query is not None or ep.upload is not None or "{" in ep.path:
        errors.add(422)
    if ep.upload is not None:
        errors |= {413, 415}
    if ep.method in ("POST", "PATCH", "PUT", "DELETE"):
        errors.add(409)
    if ep.call.__name__ == "login":
        errors.add(429)
    for status in sorted(errors):
        op["responses"][str(status)] = {
            "description": _ERROR_TEXT[status],
            "content": {"application/json": {"schema": {"$ref": REF.format(model="Error")}}},
        }
    return op


@cache
def openapi_document() -> dict[str, Any]:
    summary = {(r.method, r.path): (r.section, r.summary) for r in documented_rows()}
    components: dict[str, Any] = {"Error": _ERROR_SCHEMA}
    paths: dict[str, dict[str, Any]] = {}
    for ep in ENDPOINTS:
        paths.setdefault(ep.path, {})[ep.method.lower()] = _operation(ep, summary, components)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "OmniStream REST API",
            "version": "0.1.0",
            "description": "REST compatibility layer of OmniStream. The primary API is GraphQL at /graphql.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "omnistream_session"},
                "apiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
        },
    }
