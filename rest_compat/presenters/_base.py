"""Presenters own the documented snake_case JSON. Each is a pydantic model, so the same class
shapes the response and describes it in the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


def iso(value: datetime | None) -> str | None:
    """ISO-8601 UTC with a Z, as pydantic writes it and as the reference's examples show."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class Presenter(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    response_description: ClassVar[str] = "OK"

    @classmethod
    def source(cls, obj: Any) -> Any:
        """What the fields are read from; override to compute fields."""
        return obj

    @classmethod
    def present(cls, obj: Any) -> dict[str, Any]:
        return cls.model_validate(cls.source(obj)).model_dump(mode="json")


class MessageOut(Presenter):
    """The reference's action acknowledgement: a message plus echo fields."""

    model_config = ConfigDict(extra="allow")
    message: str

    @classmethod
    def present(cls, obj: Any) -> dict[str, Any]:
        return dict(obj)
