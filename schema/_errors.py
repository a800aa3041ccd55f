"""One error extension for the GraphQL door: DomainErrors carry their code in
extensions.code (as REST carries it in error.code); anything else is logged with the request
id and masked. Parse/validation errors (no original error) pass through untouched."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from resolvers._errors import DomainError

log = logging.getLogger(__name__)


class DomainErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        self._streamed = False
        yield
        if self._streamed:  # already shaped frame by frame, before each was sent
            return
        self._shape_result(self.execution_context.result)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        # graphql-transport-ws runs subscriptions AND queries/mutations through Schema.stream,
        # which sends each result before on_operation resumes: shaping only there left WebSocket
        # clients with unmasked internal errors and domain errors without extensions.code.
        self._streamed = True
        self._shape_result(result)
        for part in (*(getattr(result, "incremental", None) or ()), *(getattr(result, "completed", None) or ())):
            self._shape_result(part)
        yield

    def _shape_result(self, result: Any) -> None:
        if result is None or not getattr(result, "errors", None):
            return
        result.errors = [self._shape(e) for e in result.errors]

    def _shape(self, error: GraphQLError) -> GraphQLError:
        context = self.execution_context.context
        return shape_error(error, getattr(getattr(context, "ctx", None), "request_id", None))


def shape_error(error: GraphQLError, request_id: str | None) -> GraphQLError:
    """A DomainError with its code in extensions; anything unexpected logged and masked."""
    original = error.original_error
    if original is None:
        return error
    if isinstance(original, DomainError):
        extensions = {"code": str(original.code), "status": original.status}
        if original.details is not None:
            extensions["details"] = original.details
        if original.retry_after is not None:
            extensions["retry_after"] = original.retry_after
        return GraphQLError(original.message, nodes=error.nodes, source=error.source,
                            positions=error.positions, path=error.path, original_error=original,
                            extensions=extensions)
    if isinstance(original, GraphQLError) or getattr(error, "extensions", None):
        return error
    log.error("unhandled GraphQL error (request %s)", request_id, exc_info=original)
    return GraphQLError("Internal server error", nodes=error.nodes, source=error.source,
                        positions=error.positions, path=error.path,
                        extensions={"code": "INTERNAL", "request_id": request_id})
