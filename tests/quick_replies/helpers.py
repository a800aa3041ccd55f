"""Helpers of the quick-reply tests (REST calls with their expected status)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.support.api import Actor


def tag() -> str:
    """A unique marker: tests sharing a tenant search for their own replies by it."""
    return uuid.uuid4().hex[:8]


def create(actor: Actor, shortcut: str, *, title: str = "A title", content: str = "Hello", shared: bool = False,
           **extra: Any) -> dict[str, Any]:
    response = actor.post("/api/quick-replies", json={"shortcut": shortcut, "title": title, "content": content,
                                                        "shared": shared, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def listed(actor: Actor, **params: Any) -> list[dict[str, Any]]:
    response = actor.get("/api/quick-replies", params={"per_page": 100, **params})
    assert response.status_code == 200, response.text
    assert int(response.headers["x-total-count"]) == len(response.json())
    return response.json()


def error_code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/json"), response.text
    return response.json()["error"]["code"]
