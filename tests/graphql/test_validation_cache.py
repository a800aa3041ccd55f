"""The schema's validation cache (schema._execution.DocumentCache): each query text is
validated once per schema and rule set, errors included, and a schema with other limits never
reuses another's verdict."""

from __future__ import annotations

import asyncio

import pytest

import schema._execution as execution
from schema import build_schema

DEEP = "{ conversations { items { contact { name } } } }"  # 3 levels below the root field


@pytest.fixture()
def validations(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = execution.validate_document

    def counting(schema, document, rules):
        seen.append(document.loc.source.body)
        return real(schema, document, rules)

    monkeypatch.setattr(execution, "validate_document", counting)
    monkeypatch.setattr(execution, "_VALIDATED", {})
    return seen


def run(schema, query: str) -> list[str]:
    result = asyncio.run(schema.execute(query))
    return [e.message for e in result.errors or []]


def test_a_query_text_is_validated_once_errors_included(validations):
    schema = build_schema()
    assert run(schema, "{ __typename }") == run(schema, "{ __typename }") == []
    bad = "{ noSuchField }"
    first = run(schema, bad)
    assert first and "noSuchField" in first[0]
    assert run(schema, bad) == first
    assert validations == ["{ __typename }", bad]


def test_a_schema_with_other_limits_validates_for_itself(validations):
    assert not any("depth" in e for e in run(build_schema(max_depth=10), DEEP))  # (it fails later: no login)
    shallow = run(build_schema(max_depth=2), DEEP)
    assert shallow and "exceeds maximum operation depth" in shallow[0]
    assert validations == [DEEP, DEEP]


def test_the_cache_keeps_at_most_maxsize_texts(validations, monkeypatch):
    schema = build_schema()
    for i in range(600):
        run(schema, f"{{ a{i}: __typename }}")
    assert len(execution._VALIDATED) == 512
    run(schema, "{ a599: __typename }")  # the newest is still there
    assert len(validations) == 600
