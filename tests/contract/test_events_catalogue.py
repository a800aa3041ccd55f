"""The event catalogue (resolvers/_events.py) is the one list of events: every ctx.record(...) in
the application names a catalogued event as a string literal (so this check is complete and a
grep finds every producer), and every name is dotted and past tense. A helper that forwards one
of its parameters to ctx.record (resolvers.conversations.record_change) is followed: its callers
must pass the literal."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from resolvers._events import EVENTS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("resolvers", "jobs", "schema", "rest_compat", "omnistream", "connectors")
NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")
# The action is past tense: it ends in "ed", or is one of these irregular past participles.
IRREGULAR = {"sent", "read", "done", "undone", "won", "lost", "set", "reset"}
# A phrasal verb keeps its particle after the participle: agent.logged_in, contact.opted_out.
PARTICLES = {"in", "out", "up", "down", "over", "back"}


def is_past_tense(action: str) -> bool:
    words = action.split("_")
    if len(words) > 1 and words[-1] in PARTICLES:
        words = words[:-1]
    last = words[-1]
    return last.endswith("ed") or last in IRREGULAR


def bad_name(name: str) -> str | None:
    if not NAME.match(name):
        return "not <subject>.<action> in lowercase snake_case"
    if not is_past_tense(name.split(".")[1]):
        return "the action is not past tense"
    return None


def _is_ctx(node: ast.expr) -> bool:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name == "ctx" or name.endswith("_ctx")


def _callee(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


# A recorder: ctx.record itself, or a helper that forwards one of its parameters to it, as
# {function name: (position of the event argument, its keyword)}.
Recorders = dict[str, tuple[int, str]]


def _event_arg(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _recorder_of(call: ast.Call, recorders: Recorders) -> tuple[int, str] | None:
    name = _callee(call)
    if name == "record" and isinstance(call.func, ast.Attribute) and _is_ctx(call.func.value):
        return (0, "type")
    return recorders.get(name) if name != "record" else None


FunctionCalls = list[tuple[str, list[str], list[ast.Call]]]  # (name, positional parameters, calls inside)


def _function_calls(tree: ast.Module) -> FunctionCalls:
    return [
        (func.name, [a.arg for a in (*func.args.posonlyargs, *func.args.args)],
         [n for n in ast.walk(func) if isinstance(n, ast.Call)])
        for func in ast.walk(tree) if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def _forwards(call: ast.Call, params: list[str], recorders: Recorders) -> str | None:
    """The parameter this call passes on as the event name, if it is a recorder call doing so."""
    spec = _recorder_of(call, recorders)
    arg = _event_arg(call, *spec) if spec else None
    return arg.id if isinstance(arg, ast.Name) and arg.id in params else None


def find_recorders(functions: FunctionCalls) -> Recorders:
    """Helpers that pass an event name through to ctx.record (followed to a fixed point)."""
    recorders: Recorders = {}
    while True:
        before = dict(recorders)
        for name, params, calls in functions:
            for call in calls:
                if param := _forwards(call, params, recorders):
                    recorders[name] = (params.index(param), param)
        if recorders == before:
            return recorders


def recorded(sources: dict[str, str]) -> list[tuple[str, int, str | None]]:
    """(file, line, event name or None when it is not a string literal) for each event recorded
    through ctx.record() or a forwarding helper. A helper's own forwarding call is not listed:
    its callers are."""
    trees = {name: ast.parse(source, name) for name, source in sources.items()}
    functions = {name: _function_calls(tree) for name, tree in trees.items()}
    recorders = find_recorders([f for per_file in functions.values() for f in per_file])
    found = []
    for filename, tree in trees.items():
        forwarded = {id(call) for name, params, calls in functions[filename] if name in recorders
                     for call in calls if _forwards(call, params, recorders)}
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            spec = _recorder_of(call, recorders)
            if spec is None or id(call) in forwarded:
                continue
            arg = _event_arg(call, *spec)
            literal = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            found.append((filename, call.lineno, literal))
    return found


def application_records() -> list[tuple[str, int, str | None]]:
    sources = {
        path.relative_to(ROOT).as_posix(): path.read_text()
        for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
    }
    return recorded(sources)


def test_every_recorded_event_is_catalogued() -> None:
    records = application_records()
    assert records, "no ctx.record() found: is the scan looking in the right place?"
    not_literal = [f"{f}:{n}" for f, n, name in records if name is None]
    assert not not_literal, f"ctx.record() needs the event name as a string literal: {not_literal}"
    unknown = [f"{f}:{n}: {name}" for f, n, name in records if name not in EVENTS]
    assert not unknown, f"events missing from resolvers/_events.py EVENTS: {unknown}"


def test_event_names_are_dotted_and_past_tense() -> None:
    bad = {name: reason for name in EVENTS if (reason := bad_name(name))}
    assert not bad, bad
    assert all(text.strip() for text in EVENTS.values()), "every event needs a description"


def test_the_checks_catch_mistakes() -> None:
    source = '''
def f(ctx, system_ctx, kind):
    ctx.record("agent.created", {})
    ctx.record("agent.exploded", {})
    system_ctx.record(type="role.created", payload={})
    ctx.record(kind.lower(), {})
    recorder.record("not.a_ctx")

def change(ctx, event, row, **payload):
    ctx.record(event, {"id": row.id, **payload})

def g(ctx, row, kind):
    change(ctx, "conversation.updated", row)
    change(ctx, event="conversation.exploded", row=row)
    change(ctx, kind.upper(), row)
    relay(ctx, "message.created")

def relay(ctx, name):
    change(ctx, name, None)
'''
    found = sorted(recorded({"x.py": source}), key=lambda r: r[1])
    assert [(n, name) for _, n, name in found] == [
        (3, "agent.created"), (4, "agent.exploded"), (5, "role.created"), (6, None), (13, "conversation.updated"),
        (14, "conversation.exploded"), (15, None), (16, "message.created"),
    ]
    assert "agent.exploded" not in EVENTS
    for good in ("agent.created", "agent.status_changed", "agent.logged_in", "message.sent", "api_key.revoked"):
        assert bad_name(good) is None, good
    for bad in ("agent.create", "agent", "Agent.Created", "agent.created.now", "agent.logging_in", "agent-x.created"):
        assert bad_name(bad) is not None, bad
