"""One tenant per module (registration is the slow part): an admin, a supervisor and an agent with
their own HTTP clients, and a rival tenant for isolation checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.support.api import Actor, add_agent, register


@dataclass
class Team:
    admin: Actor
    supervisor: Actor
    agent: Actor


@pytest.fixture(scope="module")
def team(server) -> Iterator[Team]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        admin = register(c)
        members = [add_agent(admin, "supervisor", "Sue Supervisor"), add_agent(admin, "agent", "Alice Agent")]
        yield Team(admin, *members)
        for member in members:
            member.client.close()


@pytest.fixture(scope="module")
def rival(server) -> Iterator[Actor]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield register(c, org="Globex")
