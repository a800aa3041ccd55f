"""One error extension for the GraphQL door: DomainErrors carry their code in
extensions.code (as REST carries it in error.code); anything else is logged with the request
id and masked. Parse/validation errors (no original error) pass through untouched."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from resolvers._errors import DomainError

log = logging.getLogger(__name__)


class DomainErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [self._shape(e) for e in result.errors]

    def _shape(self, error: GraphQLError) -> GraphQLError:
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
        context = self.execution_context.context
        request_id = getattr(getattr(context, "ctx", None), "request_id", None)
        log.error("unhandled GraphQL error (request %s)", request_id, exc_info=original)
        return GraphQLError("Internal server error", nodes=error.nodes, source=error.source,
                            positions=error.positions, path=error.path,
                            extensions={"code": "INTERNAL", "request_id": request_id})
