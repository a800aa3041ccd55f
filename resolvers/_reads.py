"""Hand-written reads for the hot lists (a conversation's messages, the inbox page).

Through a QuerySet, building the statement (pypika) and turning rows into models (the executor)
cost about half of a 20-row list request (`python -m benchmarks.breakdown`), more than the
database itself. These lists run on every inbox refresh, so their statements are written here
once, per dialect, and their rows become the very model instances a QuerySet returns (same
classes, same attribute values), so presenters, GraphQL types and callers see no difference.

The statements go through resolvers._scope.ScopedSelect, which binds the caller's tenant."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from tortoise.fields import DatetimeField, JSONField, UUIDField
from tortoise.models import Model

from resolvers._scope import ScopedSelect

M = TypeVar("M", bound=Model)


class Columns(Generic[M]):
    """A model's columns in a SELECT (table alias, optional column-name prefix for a joined
    model) and how one result row becomes an instance of it."""

    def __init__(self, model: type[M], alias: str, prefix: str = "") -> None:
        self.model = model
        self.alias = alias
        self.prefix = prefix
        self._sql = ""
        self._plans: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str, Any]]]] = {}

    @property
    def sql(self) -> str:
        """The select list. Built on first use: a model's foreign-key columns join its fields
        only when Tortoise is initialised."""
        if not self._sql:
            self._sql = ", ".join(f'{self.alias}."{column}" AS "{self.prefix}{column}"'
                                  for column in sorted(self.model._meta.db_fields))
        return self._sql

    def _plan(self, dialect: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, Any]]]:
        """(columns taken as the driver returns them, columns converted) as (result key,
        attribute[, converter]). Tortoise's own split (known once it is initialised, per
        dialect) says which values need no conversion; on PostgreSQL asyncpg also returns UUIDs
        and timestamptz (aware, UTC) as the fields would make them."""
        plan = self._plans.get(dialect)
        if plan is None:
            meta, prefix = self.model._meta, self.prefix
            native = [(prefix + key, attr) for key, attr, _ in meta.db_native_fields]
            converted = [(prefix + key, attr, field.field_type) for key, attr, field in meta.db_default_fields]
            for key, attr, field in meta.db_complex_fields:
                if dialect == "postgres" and isinstance(field, UUIDField | DatetimeField):
                    native.append((prefix + key, attr))
                elif isinstance(field, JSONField):
                    converted.append((prefix + key, attr, _json_decoder(field)))
                else:
                    converted.append((prefix + key, attr, field.to_python_value))
            plan = self._plans[dialect] = (native, converted)
        return plan

    def instances(self, q: ScopedSelect, rows: list[Any]) -> list[M]:
        """The rows of statement `q` as model instances."""
        native, converted = self._plan(q.dialect)
        meta = self.model._meta
        loaded = {"_partial": False, "_saved_in_db": True,
                  "_custom_generated_pk": meta.db_pk_column not in meta.generated_db_fields}
        new = self.model.__new__
        instances = []
        for row in rows:
            obj = new(self.model)
            values = obj.__dict__  # as Model._init_from_db: no __setattr__ hooks for loaded rows
            values.update(loaded)
            values["_await_when_save"] = {}
            for key, attr in native:
                values[attr] = row[key]
            for key, attr, convert in converted:
                value = row[key]
                values[attr] = None if value is None else convert(value)
            instances.append(obj)
        return instances


def _json_decoder(field: JSONField) -> Any:
    """Drivers return JSON as text (asyncpg's jsonb, SQLite); the field's decoder reads it. A
    field typed with a pydantic model keeps the field's full conversion."""
    if isinstance(field.field_type, type) and issubclass(field.field_type, BaseModel):
        return field.to_python_value
    decode = field.decoder
    return lambda value: decode(value) if isinstance(value, str | bytes) else value
