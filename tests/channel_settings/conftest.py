"""A fresh WhatsApp inbox per test: channel settings are per tenant, so no test sees another's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.inbox_rest import Inbox, new_inbox


@pytest.fixture()
def inbox(server) -> Iterator[Inbox]:
    box = new_inbox(server, org="Channel effects")
    yield box
    box.close()
