"""How the schema runs a request cheaply: a graphql-core executor that completes leaf-only
objects in one step (LeafObjectExecutor), and a validation cache that does not hash documents
(DocumentCache, at the end).

graphql-core completes every field of every object through the same machinery: a Path, a
resolve info, the resolver, is_awaitable, complete_value's type dispatch, coerce_output_value.
For a 20-row page of 17 scalar fields that is 340 trips, most of a list query's CPU
(benchmarks.breakdown: ~60% of `messages`). When an object's collected selection is made ONLY
of leaf fields (scalars and enums, optionally in lists / non-null, and __typename) that
Strawberry resolves by its default attribute read (no resolver, extension, permission,
arguments or directive other than an applied @skip/@include), the result can be built
directly: value = default_resolver(source, python_name), then the very coerce_output_value
the standard path would call. A plain list of such objects (a page's rows) is completed in one
loop too, without graphql-core's per-item dispatch.

Anything that does not fit falls back, for the WHOLE object (or list), to graphql-core's own
path, so errors, their paths and locations are exactly graphql-core's: a non-null field holding
None, an awaitable or Exception value or item, a value coerce_output_value rejects, a list that
is not a plain list/tuple, an object type with is_type_of, a resolve middleware on the schema
(an extension with `resolve`), @defer/@stream. The fallback re-reads the attributes; a
default-resolved field is a plain read, so that is harmless.

Plans: the per-field facts (is it plain, attribute name, coercer, nullability) depend only on
the schema and are cached by (parent type, field name) in a bounded LRU (types hash by
identity); the plan of a collected selection is assembled once per execution and memoized on
the identity of its grouped field set, held alive with it, as graphql-core memoizes
collect_subfields itself (so an id can't be reused while the memo exists, and nothing outlives
the execution). tests/graphql/test_leaf_executor.py compares every case with Strawberry's own
executor."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple
from uuid import UUID

from graphql import (
    FieldNode,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
    is_leaf_type,
    parse,
)
from graphql.execution.collect_fields import DeferUsage, FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext, validate_document
from strawberry.schema.schema_converter import GraphQLCoreConverter

__all__ = ["DocumentCache", "LeafObjectExecutor"]

# Values of these exact types are never awaitable nor an Exception: they skip those checks.
_PLAIN_BASES = (str, int, float, bool, dict, list, tuple, UUID, datetime, date, time, Decimal)
# Grows with the subclasses met (asyncpg's UUID, say): a bounded set of classes in the program.
_PLAIN_TYPES = set(_PLAIN_BASES)


def _admit_plain(cls: type) -> bool:
    """Whether values of `cls` are plain; a plain subclass joins _PLAIN_TYPES (as a set check is
    cheaper than the awaitable and Exception checks it saves)."""
    if issubclass(cls, _PLAIN_BASES) and not issubclass(cls, Exception) and not hasattr(cls, "__await__"):
        _PLAIN_TYPES.add(cls)
        return True
    return False
# collect_fields has already applied these; any other directive on a field node disables the plan.
_APPLIED_DIRECTIVES = frozenset({"skip", "include"})

_SCALAR, _LIST, _CONSTANT = 0, 1, 2


class _FieldPlan(NamedTuple):
    kind: int  # _SCALAR, _LIST (of leaves), _CONSTANT (__typename: the parent type's name)
    read: Callable[[Any, str], Any] | None  # Strawberry's default resolver (getattr)
    attr: str  # python_name; for _CONSTANT the value itself
    coerce: Callable[[Any], Any] | None
    non_null: bool
    item_non_null: bool


class _Plan(NamedTuple):
    fields: tuple[tuple[str, _FieldPlan], ...]  # (response key, plan), in response order


def _basic_resolver(resolve: Any) -> bool:
    # The resolver Strawberry gives a field without resolver, extension (permissions are one) or
    # exception handler: `field.default_resolver(source, field.python_name)` and nothing else.
    # Anything else (a custom resolver, `_resolver` running extensions) is not planned.
    return getattr(resolve, "_is_default", False) and getattr(resolve, "__name__", "") == "_get_basic_result"


@lru_cache(maxsize=4096)  # schema objects only: at most (types x fields) per schema built
def _field_plan(parent_type: GraphQLObjectType, field_name: str) -> _FieldPlan | None:
    if field_name == "__typename":
        return _FieldPlan(_CONSTANT, None, parent_type.name, None, True, True)
    field_def = parent_type.fields.get(field_name)
    if field_def is None or field_def.args or field_def.subscribe is not None:
        return None
    strawberry_field = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if strawberry_field is None or not _basic_resolver(field_def.resolve):
        return None
    type_ = field_def.type
    non_null = isinstance(type_, GraphQLNonNull)
    if non_null:
        type_ = type_.of_type
    kind, item_non_null = _SCALAR, False
    if isinstance(type_, GraphQLList):
        kind, type_ = _LIST, type_.of_type
        item_non_null = isinstance(type_, GraphQLNonNull)
        if item_non_null:
            type_ = type_.of_type
    if not is_leaf_type(type_):  # objects, and lists of lists, take the standard path
        return None
    leaf: GraphQLLeafType = type_
    return _FieldPlan(kind, strawberry_field.default_resolver, strawberry_field.python_name,
                      leaf.coerce_output_value, non_null, item_non_null)


def _plan_for(parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> _Plan | None:
    fields = []
    for response_key, field_details_list in grouped_field_set.items():
        for details in field_details_list:
            node = details.node
            if details.defer_usage is not None or node.arguments or node.selection_set:
                return None
            if any(d.name.value not in _APPLIED_DIRECTIVES for d in node.directives or ()):
                return None
        plan = _field_plan(parent_type, field_details_list[0].node.name.value)
        if plan is None:
            return None
        fields.append((response_key, plan))
    return _Plan(tuple(fields)) if fields else None


class _Misfit(Exception):
    """A value the fast path does not complete: the object takes graphql-core's path."""


def _leaf(value: Any, coerce: Callable[[Any], Any], non_null: bool, is_awaitable: Callable[[Any], bool]) -> Any:
    """A leaf as complete_value would complete it, or _Misfit where it would do anything else.
    (complete_leaf_object inlines this for scalars: it runs for every field of every row.)"""
    if value is None:
        if non_null:
            raise _Misfit  # graphql-core's "Cannot return null for non-nullable field" error
        return None
    if type(value) not in _PLAIN_TYPES and not _admit_plain(type(value)) and (
            value is Undefined or isinstance(value, Exception) or is_awaitable(value)):
        raise _Misfit
    coerced = coerce(value)  # an error is a misfit too: graphql-core locates and reports it
    if coerced is None or coerced is Undefined:
        raise _Misfit
    return coerced


def _fixed_selection(node: FieldNode) -> bool:
    """Whether the node's sub-selection is plain fields with no directive and no fragment: then
    what collect_subfields makes of it depends on nothing the request supplies (no variable in
    an @include/@skip), and its plan may serve later requests of the same document."""
    selection_set = node.selection_set
    return selection_set is not None and all(
        isinstance(selection, FieldNode) and not selection.directives and selection.selection_set is None
        for selection in selection_set.selections)


# Plans of a list's items across requests of one document: the parsed document is shared (the
# DocumentCache below parses each text once), so (item type, the list field's nodes) names the
# same selection each time; the nodes are held in the entry, so their ids can't be reused.
SHARED_PLANS_MAX = 1024
_SHARED_LIST_PLANS: dict[tuple[Any, ...], tuple[tuple[FieldNode, ...], _Plan]] = {}


class LeafObjectExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing leaf-only objects directly (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A resolve middleware (a Strawberry extension with `resolve`) must see every field.
        manager = self.middleware_manager
        self.leaf_objects_enabled = not (manager is not None and manager.middlewares)
        # Shared with the shallow copies graphql-core makes (per subscription event, deferred
        # groups): they execute the same document. Keyed by the identity of a grouped field set
        # of this execution (collect_subfields' memo: the same one for every row of a list),
        # held alive beside its plan so the id can't be reused.
        self._leaf_plans: dict[int, tuple[GroupedFieldSet, _Plan | None]] = {}

    def _object_plan(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> _Plan | None:
        memo = self._leaf_plans.get(id(grouped_field_set))
        if memo is None:
            memo = self._leaf_plans[id(grouped_field_set)] = (grouped_field_set,
                                                              _plan_for(parent_type, grouped_field_set))
        return memo[1]

    def _list_item_plan(self, item_type: GraphQLOutputType, field_details_list: FieldDetailsList) -> _Plan | None:
        if isinstance(item_type, GraphQLNonNull):
            item_type = item_type.of_type
        # is_type_of (Strawberry sets it on types with interfaces) is graphql-core's to call;
        # a directive other than @skip/@include on the list field may be @stream.
        if not isinstance(item_type, GraphQLObjectType) or item_type.is_type_of is not None or any(
                d.name.value not in _APPLIED_DIRECTIVES for f in field_details_list for d in f.node.directives or ()):
            return None
        nodes = tuple(details.node for details in field_details_list)
        key = (item_type, *map(id, nodes))
        shared = _SHARED_LIST_PLANS.get(key)
        if shared is not None:
            return shared[1]
        grouped_field_set, new_defer_usages, _forbidden = self.collect_subfields(item_type, field_details_list)
        plan = None if new_defer_usages else self._object_plan(item_type, grouped_field_set)
        if plan is not None and all(_fixed_selection(node) for node in nodes):
            _SHARED_LIST_PLANS[key] = (nodes, plan)
            while len(_SHARED_LIST_PLANS) > SHARED_PLANS_MAX:
                del _SHARED_LIST_PLANS[next(iter(_SHARED_LIST_PLANS))]  # the oldest (insertion order)
        return plan

    def execute_collected_subfields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path,
        grouped_field_set: GroupedFieldSet,
        new_defer_usages: Sequence[DeferUsage],
        delivery_group_map: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if self.leaf_objects_enabled and delivery_group_map is None and not new_defer_usages:
            plan = self._object_plan(parent_type, grouped_field_set)
            if plan is not None:
                completed = self.complete_leaf_object(plan, source_value)
                if completed is not None:
                    return completed
        return super().execute_collected_subfields(
            parent_type, source_value, path, grouped_field_set, new_defer_usages, delivery_group_map)

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
        delivery_group_map: Any,
    ) -> AwaitableOrValue[list[Any]]:
        # A page of leaf-only objects: one loop instead of graphql-core's per-item Path,
        # complete_value dispatch and subfield collection. Any misfit: graphql-core redoes it all.
        if self.leaf_objects_enabled and delivery_group_map is None and (type(result) is list or type(result) is tuple):
            plan = self._list_item_plan(return_type.of_type, field_details_list)
            if plan is not None:
                completed = self.complete_leaf_objects(plan, result)
                if completed is not None:
                    return completed
        return super().complete_list_value(return_type, field_details_list, info, path, result, delivery_group_map)

    def complete_leaf_objects(self, plan: _Plan, items: list[Any] | tuple[Any, ...]) -> list[dict[str, Any]] | None:
        """The list's response, or None where any item takes graphql-core's path (a null item,
        an awaitable or Exception item, a misfit object)."""
        is_awaitable = self.is_awaitable
        complete = self.complete_leaf_object
        completed = []
        for item in items:
            if item is None or isinstance(item, Exception) or is_awaitable(item):
                return None
            row = complete(plan, item)
            if row is None:
                return None
            completed.append(row)
        return completed

    def complete_leaf_object(self, plan: _Plan, source: Any) -> dict[str, Any] | None:
        """The object's response, or None where graphql-core would do anything else than
        read, coerce and store each field (an error, null propagation, awaiting)."""
        is_awaitable = self.is_awaitable
        plain_types = _PLAIN_TYPES
        result: dict[str, Any] = {}
        try:
            for key, (kind, read, attr, coerce, non_null, item_non_null) in plan.fields:
                if kind == _SCALAR:  # _leaf, inlined
                    value = read(source, attr)
                    if value is None:
                        if non_null:
                            return None
                        result[key] = None
                        continue
                    if type(value) not in plain_types and not _admit_plain(type(value)) and (
                            value is Undefined or isinstance(value, Exception) or is_awaitable(value)):
                        return None
                    coerced = coerce(value)
                    if coerced is None or coerced is Undefined:
                        return None
                    result[key] = coerced
                elif kind == _CONSTANT:
                    result[key] = attr
                else:  # _LIST
                    value = read(source, attr)
                    if value is None:
                        if non_null:
                            return None
                        result[key] = None
                    elif type(value) is list or type(value) is tuple:
                        result[key] = [_leaf(item, coerce, item_non_null, is_awaitable) for item in value]
                    else:  # any other iterable, async iterable or non-iterable: graphql-core decides
                        return None
        except Exception:  # an attribute, a coercion or _leaf failing: graphql-core reports it
            return None
        return result


class DocumentCache(SchemaExtension):
    """Parsing and validation, each cached per query text, in one extension. Strawberry's
    ParserCache, ValidationCache, AddValidationRules and MaxTokensLimiter do the same in four,
    and its ValidationCache's lru_cache hashes the whole parsed document tree (graphql-core
    nodes hash field by field) on every request: ~26 us for a 17-field page. The text
    determines the document (parsed once per text and token limit), and the validation key also
    holds the schema and the rule classes, so a schema built with other limits never shares an
    entry."""

    def __init__(self, *, max_tokens: int, rules: Sequence[Any] = (), maxsize: int = 512) -> None:
        super().__init__()
        self.max_tokens = max_tokens
        self.rules = tuple(rules)
        self.maxsize = maxsize

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        context.graphql_document = _parse(context.query, max_tokens=self.max_tokens)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        schema, rules = context.schema._schema, (*context.validation_rules, *self.rules)
        if context.query is None:  # a document given without its text: nothing to key on
            context.pre_execution_errors = validate_document(schema, context.graphql_document, rules)
            yield
            return
        key = (schema, rules, context.query)
        errors = _VALIDATED.get(key)
        if errors is None:
            errors = validate_document(schema, context.graphql_document, rules)
            _VALIDATED[key] = errors
            while len(_VALIDATED) > self.maxsize:
                del _VALIDATED[next(iter(_VALIDATED))]  # the oldest entry (dicts keep insertion order)
        context.pre_execution_errors = errors
        yield


_parse = lru_cache(maxsize=512)(parse)  # (query text, token limit) -> document; errors are not cached
# (schema, rule classes, query text) -> validation errors ([] when valid); shared by every request.
_VALIDATED: dict[tuple[Any, tuple[Any, ...], str], list[Any]] = {}
