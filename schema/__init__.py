"""One Strawberry schema: every domain's Query, Mutation and Subscription merged."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema._base import UtcDateTime
from schema._errors import DomainErrors
from schema._execution import DocumentCache, LeafObjectExecutor
from schema.activity_logs import ActivityLogQuery
from schema.agents import AgentMutation, AgentQuery
from schema.api_keys import ApiKeyMutation, ApiKeyQuery
from schema.auth import AuthMutation, AuthQuery
from schema.channel_settings import ChannelSettingsMutation, ChannelSettingsQuery
from schema.chat_expiration import ChatExpirationMutation, ChatExpirationQuery
from schema.contacts import ContactMutation, ContactQuery
from schema.conversations import INBOX_EVENT_TYPES, ConversationMutation, ConversationQuery, InboxSubscription
from schema.divisions import DivisionMutation, DivisionQuery
from schema.events import EventSubscription
from schema.health import HealthQuery
from schema.integrations import IntegrationAccountMutation, IntegrationAccountQuery
from schema.media import MediaQuery
from schema.messages import MessageMutation, MessageQuery
from schema.meta_admin import MetaAdminMutation, MetaAdminQuery
from schema.notes import NoteMutation, NoteQuery
from schema.quick_replies import QuickReplyMutation, QuickReplyQuery
from schema.roles import RoleMutation, RoleQuery
from schema.scheduled_messages import ScheduledMessageMutation, ScheduledMessageQuery
from schema.templates import WaTemplateMutation, WaTemplateQuery
from schema.transfers import TransferMutation, TransferQuery
from schema.working_hours import WorkingHoursMutation, WorkingHoursQuery

Query = merge_types("Query", (AuthQuery, AgentQuery, RoleQuery, ApiKeyQuery, HealthQuery, IntegrationAccountQuery,
                                ConversationQuery, MessageQuery, ContactQuery, NoteQuery, ActivityLogQuery,
                                DivisionQuery, TransferQuery, ScheduledMessageQuery, QuickReplyQuery,
                                WorkingHoursQuery, ChatExpirationQuery, MediaQuery, ChannelSettingsQuery, MetaAdminQuery,
                                WaTemplateQuery))
Mutation = merge_types("Mutation", (AuthMutation, AgentMutation, RoleMutation, ApiKeyMutation, IntegrationAccountMutation,
                                      ConversationMutation, MessageMutation, ContactMutation, NoteMutation,
                                      DivisionMutation, TransferMutation, ScheduledMessageMutation,
                                      QuickReplyMutation,
                                      WorkingHoursMutation, ChatExpirationMutation, ChannelSettingsMutation, MetaAdminMutation,
                                      WaTemplateMutation))
Subscription = merge_types("Subscription", (EventSubscription, InboxSubscription))


def build_schema(*, max_depth: int = 10, max_aliases: int = 30, max_tokens: int = 5000,
                 execution_context_class: type | None = LeafObjectExecutor) -> strawberry.Schema:
    """`execution_context_class=None`: Strawberry's own executor (what the leaf executor's
    results are checked against)."""
    limit_rules = [
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules,
    ]
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        # Only reachable through the InboxEvent interface: named here so they are in the schema.
        types=INBOX_EVENT_TYPES,
        config=StrawberryConfig(scalar_map={datetime: UtcDateTime}),
        # Leaf-only objects (a page's rows) completed in one step: most of a list query's CPU.
        execution_context_class=execution_context_class,
        extensions=[
            DomainErrors,
            # Parsing and validation cached per query text (without them a trivial query costs
            # ~4x more: notes/perf-anchors.md), with the token, depth and alias limits. The limit
            # rules are built once: new rule classes per request would make every validation
            # key new, so validation would never be cached (benchmarks/ found it).
            lambda: DocumentCache(max_tokens=max_tokens, rules=limit_rules, maxsize=512),
        ],
    )
