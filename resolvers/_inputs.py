"""Input parsing shared by both doors: REST hands over the JSON body, GraphQL its input
object; both end up in the same pydantic model, so validation cannot differ."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from resolvers._errors import ValidationFailed

M = TypeVar("M", bound=BaseModel)


class Input(BaseModel):
    """Base of every resolver input: unknown fields are refused rather than ignored, so a
    typo in a field name is a 422 and not a silent no-op."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def validation_details(exc: ValidationError) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "__root__")
        details.append({"field": loc or None, "message": err.get("msg", "invalid")})
    return details


def parse(model: type[M], data: Any) -> M:
    if isinstance(data, model):
        return data
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ValidationFailed("The request body must be a JSON object")
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        details = validation_details(exc)
        first = details[0] if details else {"field": None, "message": "invalid"}
        where = f"{first['field']}: " if first["field"] else ""
        raise ValidationFailed(f"{where}{first['message']}", details=details) from None
