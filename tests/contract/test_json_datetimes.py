"""The REST door writes datetimes one way whether a presenter formats them (presenters._base.iso)
or leaves them to the response encoder (http.JSONResponse, the hot lists): ISO-8601, UTC as Z."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import orjson
import pytest

from rest_compat.http import JSONResponse
from rest_compat.presenters._base import iso

MOMENTS = [
    datetime(2026, 12, 1, 5, 24, 42, tzinfo=UTC),
    datetime(2026, 12, 1, 5, 24, 42, 123456, tzinfo=UTC),
    datetime(2026, 12, 1, 5, 24, 42, 5, tzinfo=ZoneInfo("UTC")),
    datetime(2026, 12, 1, 6, 24, 42, 250000, tzinfo=timezone(timedelta(hours=1))),
    datetime(2026, 12, 1, 5, 24, 42),
]


@pytest.mark.parametrize("moment", MOMENTS, ids=str)
def test_the_encoder_writes_a_datetime_as_iso_does(moment):
    rendered = orjson.loads(JSONResponse({"at": moment, "none": None}).body)
    assert rendered == {"at": iso(moment), "none": None}
