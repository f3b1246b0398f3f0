"""Run a pattern file's examples: the extracted figures and times must be exactly the expected ones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .api import extract_document
from .records import Entity
from .ruleset import Ruleset
from .schema import Example


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, (int, float)) and not isinstance(expected, bool) and isinstance(got, Decimal):
        e = Decimal(str(expected))
        return abs(e - got) <= abs(e) * Decimal("1e-6") + Decimal("1e-12")
    return bool(expected == got)


def run_example(ex: Example, rs: Ruleset) -> list[str]:
    """The differences between what *ex* expects and what the extractor returns (empty: it passes)."""
    doc = extract_document(ex.input, published=ex.published, entities=False, patterns=_extra(rs))
    got = [m for m in doc.mentions if not isinstance(m, Entity)]
    problems = []
    want = list(ex.out)
    for m in got:
        match = next((w for w in want if w["text"] == m.text and w["type"] == m.type), None)
        if match is None:
            problems.append(f"unexpected {m.type} {m.text!r} ({getattr(m, 'value', '')})")
            continue
        want.remove(match)
        for k, v in match.items():
            if k in ("text", "type"):
                continue
            if not _same(v, getattr(m, k, None)):
                problems.append(f"{m.text!r}: {k} is {getattr(m, k, None)!r}, expected {v!r}")
    problems.extend(f"missing {w['type']} {w['text']!r}" for w in want)
    return problems


def _extra(rs: Ruleset) -> tuple[str, ...]:
    from .ruleset import builtin_patterns_dir

    base = str(builtin_patterns_dir())
    return tuple(f.path for f in rs.files if not f.path.startswith(base))
