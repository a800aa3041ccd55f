"""Live fan-out: how `events` and `inboxEvents` results reach WebSocket subscribers.

Per-subscriber GraphQL execution costs ~0.3 ms per delivery (notes/perf-anchors.md B5), so
1,000 subscribers would cost ~300 ms of CPU per event. Instead, per process:

- One feed per tenant channel reads the pub/sub stream once (connectors.pubsub already holds
  one Redis subscription per process) and decodes each event once. A commit's events arrive
  as one message and are fanned out subscription by subscription, so each socket's writer wakes
  once for all of them; writers get to run every WRITE_EVERY subscriptions, so the first
  sockets are being written while the rest are still being filtered.
- Each subscription is filtered before any GraphQL work: the tenant is the channel, then the
  field's own filter (visibility by schema.events.may_see, and its arguments: types,
  conversationId).
- Subscriptions with the same document, variables and operation name form a group: for one
  event, the group's selection is executed once and serialized once, and the same bytes, framed
  with each subscriber's own operation id, go to every subscriber that passed the filters.
  Event fields are computed from the event alone (no viewer), so the result is the same for
  every member; execution gets no context, so a field that needed one would fail, not leak.
- Each socket has one writer task and an ordered outbox that also carries Strawberry's own
  protocol messages (so `complete` never overtakes a `next`). Fan-out only appends to it; the
  writer sends the results it finds there together (one SEND_TEXTS message where the server
  offers it: one write per socket for a commit's events, omnistream/websocket.py). A
  socket whose outbox holds more than MAX_BACKLOG_BYTES (a client that stopped reading) is
  closed with 1008 and dropped from every feed: it cannot hold up anyone else.
- Credentials are re-checked off the delivery path: at once for the sockets a credential event
  names (logout, agent change or deletion, key revocation), holding only their deliveries
  until the check is done, and on a jittered timer per socket (SUBSCRIPTION_RECHECK_SECONDS)
  for what no event announces (an API key's expiry). A failed check ends the socket's
  subscriptions with the UNAUTHENTICATED error, as a last result, then `complete`.

The resolvers stay the entry point: they check their arguments (a conversation the caller may
not see is NOT_FOUND at once), then hand the subscription to this module through `deliveries`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

import orjson
from graphql import DocumentNode, execute_subscription_event
from starlette.websockets import WebSocket
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_ws.handlers import BaseGraphQLWSHandler
from strawberry.types import Info

from connectors.hub import services
from resolvers import auth
from resolvers._context import Ctx
from resolvers._errors import DomainError
from resolvers._run import tenant_channel
from schema._errors import shape_error

log = logging.getLogger(__name__)

# Beyond this many bytes waiting for one socket its client is not keeping up: ~850 typical
# events. 1,000 stalled sockets hold at most ~256 MB before they are closed.
MAX_BACKLOG_BYTES = 256 * 1024
SLOW_CLIENT_CLOSE_CODE = 1008  # policy violation: the client stopped reading its events
# Subscriptions fanned out between two chances for their sockets' writers to run.
WRITE_EVERY = 32
# The ASGI extension message that writes several text messages at once (omnistream/websocket.py).
SEND_TEXTS = "omnistream.websocket.send_texts"
# Events after which the named agent's or key's sockets re-check their credentials at once.
# A role's change re-checks every socket of the tenant (rare), which also refreshes permissions.
CREDENTIAL_EVENTS = frozenset({"agent.logged_out", "agent.updated", "agent.deleted", "api_key.revoked",
                               "role.updated", "role.deleted"})


@dataclass(frozen=True)
class _Operation:
    """The operation a subscription resolver runs for: set by the socket handlers below."""

    connection: LiveConnection
    id: str
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None
    message_type: str  # "next" (graphql-transport-ws) or "data" (legacy graphql-ws)


_current_operation: ContextVar[_Operation | None] = ContextVar("live_operation", default=None)


async def deliveries(info: Info, *, accepts: Callable[[dict[str, Any]], bool],
                     to_root: Callable[[dict[str, Any]], Any]) -> AsyncGenerator[Any, None]:
    """A subscription resolver's event stream. Results are written to the socket by the
    fan-out, not yielded here: this generator only keeps the subscription registered until
    the client completes it (cancellation) or its credentials fail (raised, so Strawberry ends
    the stream with that error). `accepts(event)` is the field's filter, `to_root(event)` the
    root value its selection is executed on (None skips the event)."""
    operation = _current_operation.get()
    if operation is None:  # only OmniGraphQL's WebSocket handlers run subscriptions
        raise RuntimeError("subscriptions are served over WebSocket only")
    subscription = _Subscription(operation, info, accepts, to_root)
    hub = operation.connection.hub
    hub.attach(subscription)
    try:
        await subscription.ended
    finally:
        subscription.active = False
        hub.detach(subscription)
    return
    yield  # makes this an async generator, as Strawberry expects of a subscription


class _Group:
    """Subscriptions of one feed with the same document, variables and operation name: the
    selection is executed once per event for all of them."""

    def __init__(self, info: Info, operation: _Operation) -> None:
        raw = info._raw_info  # graphql-core's info: the operation and fragments Strawberry validated
        document = DocumentNode(definitions=(raw.operation, *raw.fragments.values()))
        # The schema's own executor class (schema._execution): events complete like queries.
        executor = info.schema.execution_context_class.build(
            info.schema._schema, document, None, None, operation.variables, operation.operation_name)
        if isinstance(executor, list):  # cannot happen: Strawberry validated the same operation
            raise executor[0]
        self.executor = executor
        self.members = 0

    async def render(self, root: Any) -> str:
        """The `payload` of the result for one event, serialized."""
        result = execute_subscription_event(self.executor.build_per_event_executor(root))
        if isawaitable(result):
            result = await result
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [shape_error(e, None).formatted for e in result.errors]
        return orjson.dumps(payload).decode()


def _group_key(operation: _Operation) -> tuple[str, str, str | None]:
    return operation.query, orjson.dumps(operation.variables or {}, option=orjson.OPT_SORT_KEYS).decode(), \
        operation.operation_name


class _Subscription:
    __slots__ = ("accepts", "active", "connection", "ended", "frame_head", "group", "info", "key", "operation",
                 "to_root")

    def __init__(self, operation: _Operation, info: Info, accepts: Callable[[dict[str, Any]], bool],
                 to_root: Callable[[dict[str, Any]], Any]) -> None:
        self.operation = operation
        self.connection = operation.connection
        self.info = info
        self.accepts = accepts
        self.to_root = to_root
        self.key = _group_key(operation)
        self.group: _Group | None = None
        self.active = True
        self.ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        # The message around the shared payload: `{"type":"next","id":<own id>,"payload":<shared>}`.
        self.frame_head = f'{{"type":"{operation.message_type}","id":{json.dumps(operation.id)},"payload":'

    def end(self, error: Exception) -> None:
        self.active = False
        if not self.ended.done():
            self.ended.set_exception(error)


class _TenantFeed:
    """One tenant channel's events, read once, fanned out to the process's subscriptions."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.subscriptions: dict[_Subscription, None] = {}  # ordered: delivery order is stable
        self.groups: dict[tuple[str, str, str | None], _Group] = {}
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.task is None:
            self.task = asyncio.create_task(self._run(), name=f"live-feed {self.channel}")

    def add(self, subscription: _Subscription) -> None:
        group = self.groups.get(subscription.key)
        if group is None:
            group = self.groups[subscription.key] = _Group(subscription.info, subscription.operation)
        group.members += 1
        subscription.group = group
        self.subscriptions[subscription] = None

    def remove(self, subscription: _Subscription) -> None:
        if self.subscriptions.pop(subscription, "absent") == "absent":
            return
        group = self.groups[subscription.key]
        group.members -= 1
        if not group.members:
            del self.groups[subscription.key]

    async def _run(self) -> None:
        async for raw in services.pubsub.subscribe(self.channel):
            try:
                events = orjson.loads(raw)
            except orjson.JSONDecodeError:
                log.exception("undecodable live message on %s", self.channel)
                continue
            # One commit's events (resolvers._run.live_message); a lone object from an older process.
            events = events if isinstance(events, list) else [events]
            if not all(isinstance(e, dict) and isinstance(e.get("type"), str) for e in events):
                log.error("malformed live message on %s: %r", self.channel, raw[:200])
                continue
            try:
                await self.dispatch(events)
            except Exception:  # one bad message must not end live delivery for the tenant
                log.exception("live fan-out failed for events on %s", self.channel)

    async def dispatch(self, events: list[dict[str, Any]]) -> None:
        """Fan one commit's events out, subscription by subscription: each subscription gets all of
        them in order, so its socket's writer wakes once for the commit. Every WRITE_EVERY
        subscriptions the writers already woken run: the first sockets are being written (and their
        clients reading) while the rest are still being filtered."""
        # The sockets each credential event makes re-check, from that event's place in the order on.
        rechecks = [self._named(event) if event["type"] in CREDENTIAL_EVENTS else None for event in events]
        roots: dict[tuple[int, Callable[[dict[str, Any]], Any]], Any] = {}
        payloads: list[dict[_Group, str | None]] = [{} for _ in events]  # per event: each group's result
        failed: set[int] = set()  # events whose filter or execution raised: skipped for everyone after
        for n, subscription in enumerate(tuple(self.subscriptions), 1):
            connection = subscription.connection
            group = subscription.group
            for i, event in enumerate(events):
                named = rechecks[i]
                if named is not None and connection in named:
                    connection.recheck_soon()
                if not subscription.active or connection.closed or i in failed:
                    continue  # (not break: a later credential event still re-checks its socket)
                try:
                    if not subscription.accepts(event):
                        continue
                    if group in payloads[i]:
                        payload = payloads[i][group]
                    else:
                        payload = payloads[i][group] = await self._render(i, event, subscription, roots)
                except Exception:
                    failed.add(i)
                    log.exception("live fan-out failed for a %s event on %s", event["type"], self.channel)
                    continue
                if payload is not None:
                    connection.enqueue(subscription, f"{subscription.frame_head}{payload}}}", event)
            if n % WRITE_EVERY == 0:
                await asyncio.sleep(0)

    @staticmethod
    async def _render(i: int, event: dict[str, Any], subscription: _Subscription,
                      roots: dict[tuple[int, Callable[[dict[str, Any]], Any]], Any]) -> str | None:
        """The group's payload for the event; None when its root says to skip it."""
        if (i, subscription.to_root) not in roots:
            roots[i, subscription.to_root] = subscription.to_root(event)
        root = roots[i, subscription.to_root]
        assert subscription.group is not None
        return None if root is None else await subscription.group.render(root)

    def _named(self, event: dict[str, Any]) -> set[LiveConnection]:
        payload = event.get("payload") or {}
        agent_id, api_key_id = payload.get("agent_id"), payload.get("api_key_id")
        every = event["type"].startswith("role.")
        return {connection for connection in {s.connection for s in self.subscriptions}
                if every or (agent_id is not None and str(connection.ctx.agent_id) == agent_id)
                or (api_key_id is not None and str(connection.ctx.api_key_id) == api_key_id)}


def _text_sender(ws: WebSocket) -> Callable[[list[str]], Awaitable[None]]:
    """How a socket's batch of results is written: as one SEND_TEXTS message when the server
    offers it (omnistream serve does: omnistream/websocket.py), else one message per text."""
    if SEND_TEXTS in (ws.scope.get("extensions") or {}):
        asgi_send = ws._send  # Starlette's send() passes only the standard message types

        def send_texts(texts: list[str]) -> Awaitable[None]:
            return asgi_send({"type": SEND_TEXTS, "texts": texts})

        return send_texts

    async def one_by_one(texts: list[str]) -> None:
        for text in texts:
            await ws.send_text(text)

    return one_by_one


class LiveHub:
    """The process's feeds, one per tenant channel with at least one subscription (one per
    GraphQL view, created lazily on its event loop)."""

    def __init__(self) -> None:
        self._feeds: dict[str, _TenantFeed] = {}

    def attach(self, subscription: _Subscription) -> None:
        if subscription.connection.closed:  # a dropped slow client still sending `subscribe`
            raise WebSocketDisconnected
        channel = tenant_channel(subscription.connection.ctx.require_tenant())
        feed = self._feeds.get(channel) or _TenantFeed(channel)
        feed.add(subscription)
        self._feeds[channel] = feed
        feed.start()
        subscription.connection.subscriptions[subscription] = None
        subscription.connection.watch_credentials()

    def detach(self, subscription: _Subscription) -> None:
        subscription.connection.subscriptions.pop(subscription, None)
        channel = tenant_channel(subscription.connection.ctx.tenant_id)
        feed = self._feeds.get(channel)
        if feed is None:
            return
        feed.remove(subscription)
        if not feed.subscriptions:
            del self._feeds[channel]
            if feed.task is not None:
                feed.task.cancel()

    @property
    def subscription_count(self) -> int:
        return sum(len(f.subscriptions) for f in self._feeds.values())


class LiveConnection:
    """One WebSocket: its ordered outbox, the task that writes it, and the credential checks of
    its principal."""

    def __init__(self, hub: LiveHub, handler: Any) -> None:
        self.hub = hub
        self.handler = handler
        self.subscriptions: dict[_Subscription, None] = {}
        self.closed = False
        # (text or protocol message, subscription, protocol message's future, the event when it was
        # filtered while a credential check was pending: the writer filters it again after the check)
        self._outbox: deque[tuple[str | dict[str, Any], _Subscription | None, asyncio.Future[None] | None,
                                  dict[str, Any] | None]] = deque()
        self._backlog = 0
        self._wake = asyncio.Event()
        self._writer = asyncio.create_task(self._write(), name="live-writer")
        self._check: asyncio.Future[None] | None = None
        self._timer: asyncio.Task[None] | None = None
        self._closer: asyncio.Task[None] | None = None

    @property
    def ctx(self) -> Ctx:
        return self.handler.context.ctx

    # -- sending ----------------------------------------------------------------------------
    async def send_message(self, message: dict[str, Any]) -> None:
        """A protocol message from Strawberry, in order with the fan-out; returns once written."""
        if self.closed:
            raise WebSocketDisconnected
        done = asyncio.get_running_loop().create_future()
        self._outbox.append((message, None, done, None))
        self._wake.set()
        await done

    def enqueue(self, subscription: _Subscription, text: str, event: dict[str, Any]) -> None:
        if self.closed:
            return
        self._backlog += len(text)
        if self._backlog > MAX_BACKLOG_BYTES:
            self._drop_slow_client()
            return
        # Filtered while a re-check was under way: with permissions that may be about to change.
        pending = self._check is not None and not self._check.done()
        self._outbox.append((text, subscription, None, event if pending else None))
        self._wake.set()

    async def _write(self) -> None:
        websocket = self.handler.websocket
        send_texts = _text_sender(websocket.ws)
        done: asyncio.Future[None] | None = None
        # Results taken from the outbox since the last write: they go out together, before anything
        # that follows them (a protocol message, a wait for a credential check). A batch is taken
        # whole: an operation completed while its socket waits on backpressure may still get it.
        texts: list[str] = []
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while self._outbox:
                    item, subscription, done, event = self._outbox.popleft()
                    if subscription is None:
                        if texts:
                            await send_texts(texts)
                            texts = []
                        try:
                            await websocket.send_json(item)
                        except WebSocketDisconnected:
                            raise
                        except Exception as exc:  # this message could not be encoded: its sender learns why
                            done.set_exception(exc)
                        else:
                            done.set_result(None)
                    else:
                        self._backlog -= len(item)
                        if self._check is not None and not self._check.done():
                            if texts:  # filtered before the check began
                                await send_texts(texts)
                                texts = []
                            await asyncio.shield(self._check)  # its outcome decides whether this goes out
                        if event is not None and not subscription.accepts(event):
                            continue  # the re-check changed what this subscriber may see (a role change)
                        if subscription.active:
                            texts.append(item)
                    done = None
                if texts:
                    await send_texts(texts)
                    texts = []
        except BaseException:
            # The client is gone (or the socket is being dropped): nothing more can be written.
            self.closed = True
            if done is not None and not done.done():
                done.set_exception(WebSocketDisconnected())
            self._fail_pending()
            raise

    def _fail_pending(self) -> None:
        while self._outbox:
            _, _, done, _ = self._outbox.popleft()
            if done is not None and not done.done():
                done.set_exception(WebSocketDisconnected())
        self._backlog = 0

    def _drop_slow_client(self) -> None:
        log.warning("closing a live WebSocket whose client is not reading (%d subscriptions, over %d bytes waiting)",
                    len(self.subscriptions), MAX_BACKLOG_BYTES)
        self.closed = True
        for subscription in tuple(self.subscriptions):
            subscription.active = False
            self.hub.detach(subscription)
        self._writer.cancel()
        self._fail_pending()
        # The close frame waits for the client to read what is already buffered, or to leave.
        self._closer = asyncio.create_task(self._close_slow())

    async def _close_slow(self) -> None:
        with contextlib.suppress(Exception):
            await self.handler.websocket.ws.close(code=SLOW_CLIENT_CLOSE_CODE,
                                                  reason="too slow to receive live events")

    def stop_operation(self, operation_id: str) -> None:
        """The client ended the operation: nothing queued for it goes out any more."""
        for subscription in self.subscriptions:
            if subscription.operation.id == operation_id:
                subscription.active = False

    # -- credentials ------------------------------------------------------------------------
    def recheck_soon(self) -> None:
        """Re-check the credentials now (once, however many ask); deliveries wait for it."""
        if self._check is None or self._check.done():
            self._check = asyncio.ensure_future(self._recheck())

    async def _recheck(self) -> None:
        try:
            await auth.ensure_still_valid(self.ctx)
        except DomainError as exc:
            for subscription in tuple(self.subscriptions):
                subscription.end(exc)
        except Exception:  # a database hiccup: keep the socket, the next check decides
            log.exception("live credential re-check failed")

    def watch_credentials(self) -> None:
        """From the first subscription on, re-check on a timer (for what no event announces)."""
        if self._timer is None:
            self._timer = asyncio.create_task(self._recheck_periodically(), name="live-recheck")

    async def _recheck_periodically(self) -> None:
        interval = services.settings.subscription_recheck_seconds
        while True:
            # Jitter: sockets opened together must not all query the database together.
            await asyncio.sleep(interval * random.uniform(0.8, 1.0))
            self.recheck_soon()
            assert self._check is not None
            await asyncio.shield(self._check)

    async def close(self) -> None:
        """The handler is done with the socket: stop everything this connection started."""
        self.closed = True
        for subscription in tuple(self.subscriptions):
            subscription.active = False
            self.hub.detach(subscription)
        for task in (self._writer, self._timer, self._closer):
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        self._fail_pending()


class _LiveSocket:
    """Mixed into Strawberry's WebSocket handlers: every message to the socket goes through the
    connection's outbox, and subscription resolvers learn which operation they serve."""

    live: LiveConnection

    async def handle(self) -> None:
        self.live = LiveConnection(self.view.live_hub, self)
        try:
            await super().handle()
        finally:
            await self.live.close()

    async def send_message(self, message: Any) -> None:
        await self.live.send_message(message)

    async def cleanup_operation(self, operation_id: str) -> None:
        self.live.stop_operation(operation_id)  # before its task is even cancelled
        await super().cleanup_operation(operation_id)


class LiveTransportWSHandler(_LiveSocket, BaseGraphQLTransportWSHandler):
    async def run_operation(self, operation: Any) -> None:
        # Runs in the operation's own task: the variable is seen by its resolvers only.
        _current_operation.set(_Operation(self.live, operation.id, operation.query, operation.variables,
                                          operation.operation_name, "next"))
        await super().run_operation(operation)


class LiveLegacyWSHandler(_LiveSocket, BaseGraphQLWSHandler):
    async def handle_async_results(self, operation_id: str, query: str, operation_name: str | None,
                                   variables: dict[str, object] | None) -> None:
        _current_operation.set(_Operation(self.live, operation_id, query, variables, operation_name, "data"))
        await super().handle_async_results(operation_id, query, operation_name, variables)
