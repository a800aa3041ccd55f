from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

from rest_compat.presenters._base import Presenter


class HealthOut(Presenter):
    model_config = ConfigDict(extra="allow")
    status: str
    version: str
    database: dict[str, Any]
    redis: dict[str, Any]
    jobs: dict[str, Any]

    @classmethod
    def present(cls, obj: Any) -> dict[str, Any]:
        return obj
