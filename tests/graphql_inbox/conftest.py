"""Fixtures and helpers for the GraphQL side of the live inbox. Registration hashes a password,
so tests that only read share one tenant per module (`inbox`); tests that need a clean slate
use the per-test `admin`."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.support.api import Actor, add_agent, register
from tests.support.inbox import inbound_message, make_whatsapp_account, new_wa_id
from tests.support.ws import Subscriber


@dataclass
class Inbox:
    """A tenant with a WhatsApp account, and a way to make customers write to it."""

    admin: Actor
    account: dict[str, Any]
    server: Any
    # Provider timestamps have whole seconds. Messages written through customer_writes get one
    # second after another, starting an hour ago: "newest first" orders are deterministic, every
    # 24-hour window is open, and anything sent or received "now" is newer still.
    last_timestamp: int = field(default_factory=lambda: int(time.time()) - 3600)

    def customer_writes(self, text: str = "Hello", wa_id: str | None = None, **kw: Any) -> dict[str, Any]:
        """A new (or the given) customer writes; returns the REST conversation it landed in."""
        if "timestamp" not in kw:
            self.last_timestamp += 1
            kw["timestamp"] = self.last_timestamp
        return inbound_message(self.admin, self.account, wa_id or new_wa_id(), text, server=self.server, **kw)


def make_inbox(server: Any, admin: Actor) -> Inbox:
    return Inbox(admin, make_whatsapp_account(admin), server)


@pytest.fixture(scope="package")
def inbox(server) -> Iterator[Inbox]:
    """The tenant most tests of this package share: each test makes its own conversations."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield make_inbox(server, register(c))


@pytest.fixture(scope="package")
def outsider(server) -> Iterator[Inbox]:
    """A second tenant with its own WhatsApp number, for isolation probes."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield make_inbox(server, register(c, org="Globex"))


@pytest.fixture(scope="package")
def agent_a(inbox) -> Actor:
    """A plain agent of `inbox` (sees their own and unassigned conversations)."""
    return add_agent(inbox.admin, name="Agent Alice")


@pytest.fixture(scope="package")
def agent_b(inbox) -> Actor:
    return add_agent(inbox.admin, name="Agent Bob")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def camel_keys(rest_object: dict[str, Any]) -> dict[str, Any]:
    return {camel(k): v for k, v in rest_object.items()}


def instants(obj: dict[str, Any]) -> dict[str, Any]:
    """Timestamps (`...At` keys) as datetimes: REST writes UTC as "Z" in some presenters and
    "+00:00" in others, GraphQL's DateTime always as "+00:00"; the instant is what must agree."""
    return {k: datetime.fromisoformat(v) if k.endswith("At") and isinstance(v, str) else v for k, v in obj.items()}


def same_as_rest(graphql_object: dict[str, Any], rest_object: dict[str, Any]) -> bool:
    return instants(graphql_object) == instants(camel_keys(rest_object))


def data_of(actor: Actor, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = actor.gql(query, variables)
    assert not body.get("errors"), body
    return body["data"]


def error_of(actor: Actor, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The only error of a failed operation (its extensions carry the domain code)."""
    body = actor.gql(query, variables)
    assert body.get("errors") and len(body["errors"]) == 1, body
    return body["errors"][0]


def retag(actor: Actor, conversation_id: str) -> Callable[[], None]:
    """A trigger that records exactly one conversation.updated event per call (new tag list)."""
    def trigger() -> None:
        response = actor.patch(f"/api/conversations/{conversation_id}/tags", json={"tags": [uuid.uuid4().hex[:12]]})
        assert response.status_code == 200, response.text

    return trigger


def next_inbox_event(sub: Subscriber, timeout: float) -> dict[str, Any]:
    return sub.next_data(timeout)["inboxEvents"]


def wait_for_event(sub: Subscriber, match: Callable[[dict[str, Any]], bool], timeout: float
                   ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The first event matching `match` within `timeout` s, and every event skipped before it."""
    deadline = time.monotonic() + timeout
    skipped = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no matching event within {timeout} s; skipped {skipped}")
        event = next_inbox_event(sub, remaining)
        if match(event):
            return event, skipped
        skipped.append(event)


def make_live(sub: Subscriber, trigger: Callable[[], None], *, attempts: int = 20, wait: float = 0.5
              ) -> dict[str, Any]:
    """A subscription has no 'subscribed' acknowledgement: fire `trigger()` until an event
    arrives, so the subscription is registered server-side (see tests.support.ws.make_live)."""
    for _ in range(attempts):
        trigger()
        try:
            return next_inbox_event(sub, wait)
        except TimeoutError:
            continue
    raise AssertionError(f"subscription delivered nothing after {attempts} triggers")
