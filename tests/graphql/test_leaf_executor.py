"""schema._execution.LeafObjectExecutor: leaf-only objects are completed in one step, and the
result must be exactly graphql-core's. Each query here runs twice, through a schema with the
leaf executor and through the same types with Strawberry's own executor, and the two responses
(data with its key order, errors with messages, paths and locations) must be identical. Counts
of fast completions show which objects took the fast path, so a fast path silently never taken
(or taken where it must not be) fails too."""

from __future__ import annotations

import asyncio
import contextlib
import enum
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NewType
from uuid import UUID

import httpx
import orjson
import pytest
import strawberry
from strawberry.permission import BasePermission
from strawberry.scalars import JSON
from strawberry.schema.config import StrawberryConfig
from strawberry.types import Info

from resolvers.auth import authenticate_headers
from schema import build_schema
from schema._base import GraphQLContext, UtcDateTime
from schema._execution import LeafObjectExecutor
from schema.messages import InboxMessage
from tests.support.api import Actor, register
from tests.support.inbox import inbound_message, make_whatsapp_account, new_wa_id, post_signed, whatsapp_text_payload
from tests.support.ws import Subscriber


@strawberry.enum
class Mood(enum.Enum):
    CALM = "calm"
    ANGRY = "angry"


class Always(BasePermission):
    message = "never refused"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


# A scalar whose coercion can answer None: graphql-core turns that into an error.
Code = NewType("Code", str)
SCALARS = {datetime: UtcDateTime, Code: strawberry.scalar(name="Code", serialize=lambda v: v or None, parse_value=str)}


@strawberry.type
class Leaf:
    id: UUID
    name: str
    note: str | None
    at: datetime
    seen_at: datetime | None
    data: JSON
    extra: JSON | None
    tags: list[str]
    maybe_tags: list[str | None] | None
    mood: Mood
    count: int
    ratio: float
    flag: bool
    required: str  # the non-null field rows can break by holding None
    code: Code | None = None
    blobs: list[JSON] = strawberry.field(default_factory=list)
    codes: list[Code | None] = strawberry.field(default_factory=list)


@strawberry.type
class Computed:
    """Leaf fields too, but one has a resolver: never planned."""

    name: str

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


@strawberry.type
class Guarded:
    """A leaf field behind a permission (a field extension): never planned."""

    name: str
    secret: str = strawberry.field(permission_classes=[Always])


@strawberry.type
class Parent:
    id: UUID
    title: str
    leaf: Leaf
    leaves: list[Leaf]
    maybe_leaf: Leaf | None


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Pet(Named):
    """Implements an interface: Strawberry gives it an is_type_of, graphql-core's to call."""

    legs: int


@strawberry.type
class Query:
    leaves: list[Leaf]
    parent: Parent
    strict_leaves: list[Leaf] | None  # a non-null violation in a row nulls the whole list
    sparse: list[Leaf | None]
    computed: list[Computed]
    guarded: list[Guarded]
    pets: list[Pet]
    named: list[Named]


def _leaf(i: int, **overrides: Any) -> Leaf:
    values: dict[str, Any] = dict(
        id=UUID(int=i + 1), name=f"row {i}", note=None if i % 2 else f"note {i}",
        at=datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC) + timedelta(minutes=i),
        seen_at=None if i % 3 else datetime(2026, 2, 1, tzinfo=UTC),
        data={"n": i, "nested": [1, "two", None]}, extra=None if i % 2 else ["x", {"y": i}],
        tags=["a", f"t{i}"], maybe_tags=None if i % 2 else ["x", None],
        mood=Mood.CALM if i % 2 else Mood.ANGRY, count=i, ratio=i / 4, flag=bool(i % 2), required=f"r{i}",
        blobs=[{"k": i}, 1, "s", [None]], codes=["c", None],
    )
    values.update(overrides)
    return Leaf(**values)


def _root(make_leaves: Callable[[], list[Leaf]] | None = None, **fields: Any) -> Query:
    leaves = (make_leaves or (lambda: [_leaf(i) for i in range(5)]))()
    return Query(**{**dict(
        leaves=leaves,
        parent=Parent(id=UUID(int=99), title="parent", leaf=_leaf(7), leaves=[_leaf(8), _leaf(9)], maybe_leaf=None),
        strict_leaves=leaves,
        sparse=leaves,
        computed=[Computed(name="a"), Computed(name="b")],
        guarded=[Guarded(name="g", secret="s")],
        pets=[Pet(name="cat", legs=4), Pet(name="bird", legs=2)],
        named=[Pet(name="snake", legs=0)],
    ), **fields})


def _schema(executor: type | None) -> strawberry.Schema:
    kwargs = {"execution_context_class": executor} if executor else {}
    # No DomainErrors: unmasked errors, so their messages are compared too.
    return strawberry.Schema(query=Query, config=StrawberryConfig(scalar_map=SCALARS), **kwargs)


FAST, STANDARD = _schema(LeafObjectExecutor), _schema(None)


@dataclass
class Counts:
    fast: list[Any] = field(default_factory=list)  # sources completed by the fast path
    fell_back: list[Any] = field(default_factory=list)  # sources it tried and left to graphql-core
    plans: list[Any] = field(default_factory=list)


@pytest.fixture()
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    """LeafObjectExecutor.complete_leaf_object's outcomes (in this process, so also the live
    test server's requests while the test runs). A list the fast path gives up on is redone by
    graphql-core, whose objects try the fast path again: rows before the misfit count twice."""
    seen = Counts()
    original = LeafObjectExecutor.complete_leaf_object

    def counting(self: LeafObjectExecutor, plan: Any, source: Any) -> dict[str, Any] | None:
        seen.plans.append(plan)
        result = original(self, plan, source)
        (seen.fell_back if result is None else seen.fast).append(source)
        return result

    monkeypatch.setattr(LeafObjectExecutor, "complete_leaf_object", counting)
    yield seen


def response(schema: strawberry.Schema, query: str, root: Any, variables: dict | None = None) -> bytes:
    result = asyncio.run(schema.execute(query, root_value=root, variable_values=variables))
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [e.formatted for e in result.errors]
    return orjson.dumps(body)  # bytes: key order counts


def same_both_ways(query: str, rows: Callable[[], list[Leaf]] | None = None, variables: dict | None = None,
                   **fields: Any) -> dict:
    """The response of the leaf executor, asserted identical to Strawberry's own executor's
    (each on fresh rows made by `rows`; other root `fields` as given)."""
    fast = response(FAST, query, _root(rows, **fields), variables)
    standard = response(STANDARD, query, _root(rows, **fields), variables)
    assert fast == standard
    return orjson.loads(fast)


ALL_LEAF_FIELDS = "id name note at seenAt data extra tags maybeTags mood count ratio flag required code blobs codes"


def test_all_leaf_kinds_match_and_take_the_fast_path(counts):
    body = same_both_ways(f"{{ leaves {{ {ALL_LEAF_FIELDS} }} }}")
    assert len(counts.fast) == 5 and not counts.fell_back
    row = body["data"]["leaves"][0]
    # The project's DateTime scalar (UTC with a Z), UUIDs, JSON and enum names, as serialized.
    assert row["at"] == "2026-01-02T03:04:05.678000Z" and row["id"] == "00000000-0000-0000-0000-000000000001"
    assert row["mood"] == "ANGRY" and row["data"] == {"n": 0, "nested": [1, "two", None]}
    assert body["data"]["leaves"][1]["note"] is None and body["data"]["leaves"][1]["maybeTags"] is None
    assert body["data"]["leaves"][0]["maybeTags"] == ["x", None]


def test_aliases_fragments_typename_and_skip_include(counts):
    query = """
        query($no: Boolean!, $yes: Boolean!) {
          leaves {
            kind: __typename
            ...Names
            ... on Leaf { when: at, id }
            first: name
            mood @include(if: $yes)
            count @skip(if: $yes)
            flag @include(if: $no)
            __typename
          }
        }
        fragment Names on Leaf { name second: name note }
    """
    body = same_both_ways(query, variables={"no": False, "yes": True})
    assert list(body["data"]["leaves"][0]) == ["kind", "name", "second", "note", "when", "id", "first", "mood",
                                               "__typename"]
    assert body["data"]["leaves"][0]["kind"] == "Leaf"
    assert len(counts.fast) == 5


def test_nested_objects_mixing_leaf_and_non_leaf_fields(counts):
    query = """{ parent { id title leaf { id at tags } leaves { name mood extra } maybeLeaf { id }
                 __typename } }"""
    body = same_both_ways(query)
    assert body["data"]["parent"]["maybeLeaf"] is None
    # parent itself has object fields (standard path); leaf and the two of leaves are leaf-only.
    assert len(counts.fast) == 3 and not counts.fell_back


def test_non_null_violation_gives_the_standard_error_and_path(counts):
    def broken() -> list[Leaf]:
        return [_leaf(0), _leaf(1, required=None), _leaf(2)]

    body = same_both_ways("{ strictLeaves { name required } leaves { name } }", broken)
    assert body["data"] == {"strictLeaves": None, "leaves": [{"name": "row 0"}, {"name": "row 1"}, {"name": "row 2"}]}
    [error] = body["errors"]
    assert error["message"] == "Cannot return null for non-nullable field Leaf.required."
    assert error["path"] == ["strictLeaves", 1, "required"]
    assert error["locations"] == [{"line": 1, "column": 23}]
    assert {row.name for row in counts.fell_back} == {"row 1"}  # the others stay fast


def test_a_null_item_in_a_non_null_list_gives_the_standard_error(counts):
    body = same_both_ways("{ leaves { tags } }", lambda: [_leaf(0), _leaf(1, tags=["ok", None])])
    assert body["data"] is None  # leaves: [Leaf!]! -> the error reaches the root
    assert body["errors"][0]["path"] == ["leaves", 1, "tags", 1]
    assert counts.fell_back


class Later:
    """An awaitable value (each await a new coroutine, so one object serves both runs)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self) -> Iterator[Any]:
        async def resolved() -> Any:
            return self.value
        return resolved().__await__()


class NotAList:
    def __iter__(self) -> Iterator[str]:
        return iter(["from", "an", "iterable"])


@pytest.mark.parametrize(("overrides", "error"), [
    ({"count": "not a number"}, "Int cannot represent non-integer value: 'not a number'"),
    ({"ratio": float("nan")}, "Float cannot represent non numeric value: nan"),
    ({"note": 12.5}, None),  # String coerces a float
    ({"note": ValueError("an exception as a value")}, "an exception as a value"),
    ({"extra": KeyError("JSON would pass an exception through")}, "'JSON would pass an exception through'"),
    ({"mood": "calm"}, None),  # a member's value: the enum finds it
    ({"mood": "sulky"}, "Enum 'Mood' cannot represent value: 'sulky'"),
    ({"code": ""}, "Expected `Code.coerce_output_value('')` to return non-nullable value, returned: None"),
    ({"at": "2026-01-01"}, "'str' object has no attribute 'isoformat'"),  # UtcDateTime's own failure
    ({"tags": NotAList()}, None),  # any iterable is a list to graphql-core
    ({"tags": ("a", 1)}, None),
    ({"tags": None}, "Cannot return null for non-nullable field Leaf.tags."),
    ({"tags": "abc"}, "Expected Iterable, but did not find one for field 'Leaf.tags'."),
    ({"maybe_tags": [None, 2.5, None]}, None),
    ({"blobs": [1, ValueError("an exception in a list")]}, "an exception in a list"),
    ({"blobs": [1, Later({"awaited": True})]}, None),  # list items are awaited too
    ({"codes": ["a", ""]}, "Expected `Code.coerce_output_value('')` to return non-nullable value, returned: None"),
])
def test_coercion_errors_and_odd_values_take_the_standard_path(counts, overrides, error):
    body = same_both_ways(f"{{ leaves {{ id }} strictLeaves {{ {ALL_LEAF_FIELDS} }} }}",
                          lambda: [_leaf(0), _leaf(1, **overrides)])
    assert [e["message"] for e in body.get("errors", ())] == ([error] if error else [])
    if error:
        assert body["errors"][0]["path"][:2] == ["strictLeaves", 1]
    assert len(counts.fast) >= 3  # leaves' two rows and strictLeaves' first row


def test_awaitable_values_take_the_standard_path(counts):
    async def later(value: Any) -> Any:
        return value

    def pending() -> list[Leaf]:
        # A fresh coroutine per execution: each is awaited once, by graphql-core.
        return [_leaf(0), _leaf(1, note=later("awaited note")), _leaf(2, data=later({"a": 1}))]

    body = same_both_ways("{ leaves { name note data } }", pending)
    assert body["data"]["leaves"][1]["note"] == "awaited note"
    assert body["data"]["leaves"][2]["data"] == {"a": 1}  # JSON's coercion would have taken the coroutine
    assert {row.name for row in counts.fast} == {"row 0"}
    assert {row.name for row in counts.fell_back} == {"row 1", "row 2"}


class AwaitableLeaf(Leaf):
    """A row graphql-core awaits (for the row it resolves to) rather than completes."""

    def __await__(self) -> Iterator[Any]:
        async def resolved() -> Leaf:
            return _leaf(42)
        return resolved().__await__()


class LeafError(Exception):
    """An exception as a row, with a row's attributes: graphql-core reports it."""

    def __init__(self, leaf: Leaf) -> None:
        super().__init__("this row is an error")
        self.__dict__.update(vars(leaf))


@pytest.mark.parametrize("odd_row", [None, AwaitableLeaf(**vars(_leaf(1))), LeafError(_leaf(1))],
                         ids=["null", "awaitable", "exception"])
def test_rows_graphql_core_treats_specially(counts, odd_row):
    # __typename alone reads nothing from the row: only the row checks stop the fast path.
    body = same_both_ways("{ sparse { name } strictLeaves { name } t1: sparse { __typename } t2: strictLeaves { __typename } }",
                          lambda: [_leaf(0), odd_row, _leaf(2)])
    assert body["data"]["sparse"][1] == (None if odd_row is None or isinstance(odd_row, Exception)
                                         else {"name": "row 42"})
    assert all(row is not odd_row for row in counts.fast)  # never completed as itself


@dataclass
class PetLookalike:
    name: str
    legs: int


def test_lists_of_tuples_and_types_with_is_type_of(counts):
    same_both_ways("{ leaves { name } }", lambda: tuple(_leaf(i) for i in range(3)))
    body = same_both_ways("{ pets { name legs __typename } named { name ... on Pet { legs } __typename } }")
    assert body["data"]["named"] == [{"name": "snake", "legs": 0, "__typename": "Pet"}]
    assert {row.name for row in counts.fast} == {"row 0", "row 1", "row 2", "cat", "bird", "snake"}

    # Pet's is_type_of refuses what is not a Pet, though it has a Pet's attributes.
    body = same_both_ways("{ pets { name legs } }", pets=[Pet(name="cat", legs=4), PetLookalike(name="fox", legs=4)])
    assert body["errors"][0]["message"].startswith("Expected value of type 'Pet' but got: <PetLookalike instance>")


def test_resolvers_and_permissions_are_never_planned(counts):
    same_both_ways("{ computed { name shout } guarded { name secret } }")
    assert counts.plans == []  # no plan for either type: their objects never reach the fast path
    same_both_ways("{ computed { name } guarded { name } }")
    assert len(counts.fast) == 3  # without those fields they are leaf-only


def test_plans_are_made_once_per_selection_not_per_row(monkeypatch):
    import schema._execution as execution

    made = []
    original = execution._plan_for
    monkeypatch.setattr(execution, "_plan_for", lambda *a: made.append(a[0].name) or original(*a))
    response(FAST, "{ leaves { id name } parent { leaves { id } leaf { id } } named { name } }",
             _root(lambda: [_leaf(i) for i in range(50)], named=[Pet(name=f"pet {i}", legs=4) for i in range(50)]))
    # One per collected selection: leaves' rows, parent, parent.leaves' rows, parent.leaf, and
    # named's rows (an interface: each row on its own, through graphql-core's list path).
    assert sorted(made) == ["Leaf", "Leaf", "Leaf", "Parent", "Pet"]


def test_a_resolve_middleware_turns_the_fast_path_off(counts):
    from strawberry.extensions import SchemaExtension

    class Upper(SchemaExtension):
        def resolve(self, _next: Callable, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            value = _next(root, info, *args, **kwargs)
            return value.upper() if isinstance(value, str) else value

    with_middleware = strawberry.Schema(query=Query, config=StrawberryConfig(scalar_map=SCALARS),
                                        extensions=[Upper], execution_context_class=LeafObjectExecutor)
    body = orjson.loads(response(with_middleware, "{ leaves { name } }", _root()))
    assert body["data"]["leaves"][0]["name"] == "ROW 0"
    assert counts.plans == []


INCREMENTAL = {
    executor: strawberry.Schema(query=Query, config=StrawberryConfig(
        scalar_map=SCALARS, enable_experimental_incremental_execution=True), **kwargs)
    for executor, kwargs in (("fast", {"execution_context_class": LeafObjectExecutor}), ("standard", {}))
}


@pytest.mark.parametrize("query", [
    "{ leaves { name tags @stream(initialCount: 1) } }",
    "{ leaves @stream(initialCount: 2) { name at } }",
    "{ leaves { id ... @defer { name mood } } }",
    "{ parent { title ... @defer(label: \"later\") { leaf { id at } leaves { name } } } }",
])
def test_defer_and_stream_deliver_the_same_frames(counts, query):
    async def frames(schema: strawberry.Schema) -> list[Any]:
        stream = await schema.stream(query, root_value=_root())
        return [getattr(r, "formatted", None) or {"data": r.data, "errors": r.errors} async for r in stream]

    fast, standard = (asyncio.run(frames(INCREMENTAL[k])) for k in ("fast", "standard"))
    assert len(fast) > 1  # delivered incrementally
    assert orjson.dumps(fast) == orjson.dumps(standard)


# -- the real schema over HTTP --------------------------------------------------------------------

MESSAGE_FIELDS = ("id conversationId direction type text content status providerMessageId error senderAgentId "
                  "contextMessageId createdAt sentAt deliveredAt readAt failedAt mediaFile")
MESSAGES = f"""query($c: UUID!) {{
  messages(conversationId: $c, perPage: 20) {{
    items {{ {MESSAGE_FIELDS} __typename at: createdAt ...Who }} total hasMore
  }}
}}
fragment Who on Message {{ direction senderAgentId }}"""
CONVERSATIONS = """{ conversations(perPage: 20) { total items {
  id status tags unreadCount lastMessageAt contactName divisionId
  contact { id name phone externalId createdAt } assignee { id name email role }
} } }"""


@dataclass
class Tenant:
    admin: Actor
    account: dict[str, Any]
    wa_id: str
    conversation_id: str


@pytest.fixture(scope="module")
def tenant(server) -> Iterator[Tenant]:
    """A tenant with one conversation: three messages in, one out (sent by the admin)."""
    with httpx.Client(base_url=server.url, timeout=30) as c:
        admin = register(c)
        account, wa_id = make_whatsapp_account(admin), new_wa_id()
        for text in ("hello", "anyone there?", "ok"):
            conversation = inbound_message(admin, account, wa_id, text, server=server)
        sent = admin.post(f"/api/conversations/{conversation['id']}/messages", json={"type": "text", "text": "Hi!"})
        assert sent.status_code == 201, sent.text
        assert admin.patch(f"/api/conversations/{conversation['id']}/assign",
                           json={"agent_id": admin.agent["id"]}).status_code == 200
        server.drain()
        yield Tenant(admin, account, wa_id, conversation["id"])


def by_reference_executor(server, actor: Actor, query: str, variables: dict | None = None) -> dict:
    """The query as Strawberry's own executor answers it, for the same caller, on the server's
    loop (its database), formatted as the HTTP door formats it."""
    reference = build_schema(execution_context_class=None)

    async def execute() -> dict:
        ctx = await authenticate_headers({"authorization": f"Bearer {actor.token}"}, {}, request_id="reference")
        result = await reference.execute(query, variable_values=variables,
                                          context_value=GraphQLContext(request=None, response=None, ctx=ctx))
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [e.formatted for e in result.errors]
        return orjson.loads(orjson.dumps(body))

    return server.run(execute())


def same_over_http(server, actor: Actor, query: str, variables: dict | None = None) -> dict:
    body = actor.gql(query, variables)
    assert orjson.dumps(body) == orjson.dumps(by_reference_executor(server, actor, query, variables))
    return body


def test_messages_page_over_http_matches_and_takes_the_fast_path(server, tenant, counts):
    admin = tenant.admin
    body = same_over_http(server, admin, MESSAGES, {"c": tenant.conversation_id})
    items = body["data"]["messages"]["items"]
    assert len(items) == 4 and {m["direction"] for m in items} == {"inbound", "outbound"}
    assert items[0]["senderAgentId"] == admin.agent["id"] and items[0]["createdAt"].endswith("Z")
    # Every row through the fast path, in the server's request (the reference runs no fast path).
    assert [row.id for row in counts.fast] == [uuid.UUID(m["id"]) for m in items] and not counts.fell_back


def test_conversations_with_nested_objects_over_http(server, tenant, counts):
    admin = tenant.admin
    body = same_over_http(server, admin, CONVERSATIONS)
    [conversation] = body["data"]["conversations"]["items"]
    assert conversation["status"] == "open" and conversation["assignee"]["id"] == admin.agent["id"]
    # Conversation has object fields (standard path); its contact and assignee are leaf-only.
    assert len(counts.fast) == 2 and not counts.fell_back


def test_domain_errors_over_http_match(server, tenant):
    body = same_over_http(server, tenant.admin, MESSAGES, {"c": str(uuid.uuid4())})
    assert body["data"] is None and body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


LIVE = """subscription($c: UUID!) { inboxEvents(conversationId: $c) { type conversationId
  ... on MessageCreatedEvent { message { id text direction status senderAgentId createdAt __typename } } } }"""


def test_live_events_are_completed_by_the_schemas_executor(server, tenant, counts):
    """schema.live executes each subscription group's selection with the schema's executor
    class: the event's leaf-only `message` takes the fast path there too."""
    conversation_id = tenant.conversation_id
    with Subscriber(server.ws_url, token=tenant.admin.token) as sub:
        sub.subscribe(LIVE, {"c": conversation_id})
        for attempt in range(10):  # no 'subscribed' acknowledgement: retag until an event arrives
            tags = {"tags": [f"live-{attempt}"]}
            assert tenant.admin.patch(f"/api/conversations/{conversation_id}/tags", json=tags).status_code == 200
            with contextlib.suppress(TimeoutError):
                assert sub.next_data(1.0)["inboxEvents"]["type"] == "conversation.updated"
                break
        else:
            raise AssertionError("the subscription delivered nothing")

        text = f"live {uuid.uuid4().hex[:8]}"
        response = post_signed(tenant.admin, whatsapp_text_payload(tenant.account["phone_number_id"], tenant.wa_id, text))
        assert response.status_code == 200, response.text
        for _ in range(10):
            event = sub.next_data(10.0)["inboxEvents"]
            if event["type"] == "message.created":
                break
    message = event["message"]
    assert message["text"] == text and message["direction"] == "inbound" and message["senderAgentId"] is None
    assert message["createdAt"].endswith("Z") and message["__typename"] == "InboxMessage"
    assert [row.text for row in counts.fast if isinstance(row, InboxMessage)] == [text]


# ---------------------------------------------------------------- plans across requests

def test_a_list_plan_serves_later_requests_of_the_same_document(monkeypatch):
    """With the document parsed once (DocumentCache), a list's plan is made by the first request
    only; a sub-selection whose fields depend on variables (@include) is planned per request."""
    import schema._execution as execution

    cached = strawberry.Schema(query=Query, config=StrawberryConfig(scalar_map=SCALARS),
                               execution_context_class=LeafObjectExecutor,
                               extensions=[lambda: execution.DocumentCache(max_tokens=5000)])
    made = []
    original = execution._plan_for
    monkeypatch.setattr(execution, "_plan_for", lambda *a: made.append(a[0].name) or original(*a))
    fixed = "{ leaves { id name } }"
    assert [response(cached, fixed, _root()) for _ in range(3)] == [response(STANDARD, fixed, _root())] * 3
    assert made == ["Leaf"]
    varying = "query($x: Boolean!) { leaves { id name @include(if: $x) } }"
    for x in (True, False, True):
        assert response(cached, varying, _root(), {"x": x}) == response(STANDARD, varying, _root(), {"x": x})
    assert made == ["Leaf"] * 4
