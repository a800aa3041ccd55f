"""A fresh WhatsApp inbox per test: channel settings are per tenant, so no test sees another's."""

from __future__ import annotations

from tests.support.inbox_rest import inbox_fixture

inbox = inbox_fixture("Channel effects", scope="function")
