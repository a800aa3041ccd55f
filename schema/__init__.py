"""One Strawberry schema: every domain's Query, Mutation and Subscription merged."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, ParserCache, QueryDepthLimiter, ValidationCache
from strawberry.tools import merge_types

from schema._errors import DomainErrors
from schema.agents import AgentMutation, AgentQuery
from schema.api_keys import ApiKeyMutation, ApiKeyQuery
from schema.auth import AuthMutation, AuthQuery
from schema.events import EventSubscription
from schema.health import HealthQuery
from schema.integrations import IntegrationAccountMutation, IntegrationAccountQuery
from schema.roles import RoleMutation, RoleQuery

Query = merge_types("Query", (AuthQuery, AgentQuery, RoleQuery, ApiKeyQuery, HealthQuery, IntegrationAccountQuery))
Mutation = merge_types("Mutation", (AuthMutation, AgentMutation, RoleMutation, ApiKeyMutation, IntegrationAccountMutation))
Subscription = merge_types("Subscription", (EventSubscription,))


def build_schema(*, max_depth: int = 10, max_aliases: int = 30, max_tokens: int = 5000) -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            DomainErrors,
            # Without these two caches a trivial query costs ~4x more (notes/perf-anchors.md).
            lambda: ParserCache(maxsize=512),
            lambda: ValidationCache(maxsize=512),
            lambda: QueryDepthLimiter(max_depth=max_depth),
            lambda: MaxAliasesLimiter(max_alias_count=max_aliases),
            lambda: MaxTokensLimiter(max_token_count=max_tokens),
        ],
    )
