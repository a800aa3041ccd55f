"""Job names -> job functions, and the periodic jobs. The in-process runner and the arq
worker read the same tables, so a job behaves the same in both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jobs import conversations, events, inbound, outbound
from jobs import media as media_jobs
from jobs import scheduled_messages as scheduled_message_jobs
from resolvers import activity_logs, auto_assignment
from resolvers import media as media_resolvers
from resolvers import working_hours as working_hours_resolvers

JOB_FUNCTIONS: dict[str, Any] = {
    "dispatch_event": events.dispatch_event,
    "dispatch_events": events.dispatch_events,
    "sweep_outbox": events.sweep_outbox,
    "process_webhook": inbound.process_webhook,
    "process_webhooks": inbound.process_webhooks,
    "sweep_webhooks": inbound.sweep_webhooks,
    "send_message": outbound.send_message,
    "sweep_outbound": outbound.sweep_outbound,
    "expire_conversations": conversations.expire_stale,
    "deliver_scheduled_message": scheduled_message_jobs.deliver_scheduled_message,
    "sweep_scheduled_messages": scheduled_message_jobs.sweep_scheduled_messages,
    "fetch_message_media": media_jobs.fetch_message_media,
    "sweep_message_media": media_jobs.sweep_message_media,
}


# Event listeners: (event type or "*", async fn(OutboxEvent)), run by the dispatch job after
# commit. Each must be idempotent: an event can reach a listener more than once.
LISTENERS: tuple[tuple[str, Any], ...] = (
    ("*", activity_logs.record_activity),  # every event becomes an activity-log entry
    ("message.created", working_hours_resolvers.on_message_created),  # out-of-hours auto-reply (inbound only)
    ("conversation.created", auto_assignment.on_conversation_created),  # channels with auto_assign
    ("message.created", media_resolvers.on_message_created),  # inbound media: fetched and stored once
)


@dataclass(frozen=True)
class Periodic:
    name: str  # a key of JOB_FUNCTIONS
    every_seconds: int


PERIODIC: tuple[Periodic, ...] = (
    Periodic("sweep_outbox", 60),
    Periodic("sweep_webhooks", 60),
    Periodic("sweep_outbound", 60),
    Periodic("expire_conversations", 300),
    Periodic("sweep_scheduled_messages", 60),
    Periodic("sweep_message_media", 300),
)
