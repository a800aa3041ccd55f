"""The event catalogue (resolvers/_events.py) is the one list of events: every ctx.record(...) in
the application names a catalogued event as a string literal (so this check is complete and a
grep finds every producer), and every name is dotted and past tense."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from resolvers._events import EVENTS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("resolvers", "jobs", "schema", "rest_compat", "omnistream", "connectors")
NAME = re.compile(r"^[a-z_]+\.[a-z_]+$")
# Past participles that do not end in "ed" (irregular verbs), accepted as the last word.
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


def recorded(source: str, filename: str) -> list[tuple[str, int, str | None]]:
    """(file, line, event name or None when it is not a string literal) for each ctx.record()."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "record"
                and _is_ctx(node.func.value)):
            continue
        arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "type"), None)
        literal = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
        found.append((filename, node.lineno, literal))
    return found


def application_records() -> list[tuple[str, int, str | None]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found += recorded(path.read_text(), path.relative_to(ROOT).as_posix())
    return found


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
    ctx.record(kind, {})
    recorder.record("not.a_ctx")
'''
    found = sorted(recorded(source, "x.py"), key=lambda r: r[1])
    assert [(n, name) for _, n, name in found] == [(3, "agent.created"), (4, "agent.exploded"), (5, "role.created"), (6, None)]
    assert "agent.exploded" not in EVENTS
    for good in ("agent.created", "agent.status_changed", "agent.logged_in", "message.sent", "api_key.revoked"):
        assert bad_name(good) is None, good
    for bad in ("agent.create", "agent", "Agent.Created", "agent.created.now", "agent.logging_in", "agent-x.created"):
        assert bad_name(bad) is not None, bad
