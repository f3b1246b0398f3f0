"""The time grammar of a ruleset (``patterns/time_grammar.yaml``) compiled into the stage's regexes.

Every branch is composed from its fragments and word tables, and its group names are made local to
it.  The groups of each branch have numbers of their own, so the last group a match sets
(``Match.lastindex``) tells which branch matched: every match of a branch must set one of its groups
(a group around the whole branch would tell it too, but costs time at every position tried).
Branches are tried in file order behind two lookaheads built from the data: a match starts with one
of ``first_chars`` and holds one of ``anchor_chars`` near its start, which lets the engine skip most
positions.  The stdlib engine scans these patterns faster than the regex module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import PatternFileError
from ..rules.grammar import compose, trie_alternation
from ..rules.numerals import NumeralTable
from ..rules.ruleset import Ruleset
from ..rules.schema import TimeGrammarFile
from .day import TAIL_RESOLVERS
from .resolvers import RESOLVERS

_GROUP_NAME = re.compile(r"\(\?(P<|P=|\()([A-Za-z_][A-Za-z0-9_]*)([>)])")


@dataclass(frozen=True, eq=False)
class Branch:
    """One branch of the compiled grammar."""

    rule: str
    groups: Mapping[str, int]  # a group's name in the pattern file -> its number in the compiled regex
    template: str  # as written in the pattern file
    origin: str  # the pattern file that defined it


@dataclass(frozen=True, eq=False)
class TimePatterns:
    """The time regexes of a ruleset, their branches, and the word tables their matches are resolved with."""

    time: re.Pattern[str]
    tail: re.Pattern[str]
    plan_anchor: re.Pattern[str]
    plan_window: int
    base_mark: re.Pattern[str]  # matched where a time starts: the time is a comparison base
    branches: Mapping[int, Branch]  # the branch of ``time`` each group number belongs to
    tails: Mapping[int, Branch]  # the same for ``tail``
    relative: dict[str, dict[str, Any]]
    numerals: NumeralTable
    edges: Mapping[str, int | None]
    halves: Mapping[str, int]
    ahead: frozenset[str]
    since: tuple[str, ...]
    day_alone_marks: frozenset[str]
    day_alone_not_followed_by: tuple[str, ...]
    day_alone_not_preceded_by: tuple[str, ...]
    named_periods: Mapping[str, Mapping[int, tuple[dt.date, dt.date]]]  # each name a text writes -> its days by year
    lunar_first_month: Mapping[int, tuple[dt.date, dt.date]]
    lunar_day_prefixes: Mapping[str, int]

    @classmethod
    def compile(cls, rs: Ruleset) -> TimePatterns:
        """Compile the time grammar of *rs*; a bad branch raises :class:`PatternFileError` naming its file."""
        g = rs.time_grammar
        frags = _fragments(rs)
        branches = [_Source(rule, t, _origin(rs, "branches", rule)) for rule, t in g.branches.items()]
        tails = [_Source(rule, t, _origin(rs, "tails", rule)) for rule, t in g.tails.items()]
        missing = [b for b in branches if b.rule not in RESOLVERS] + [t for t in tails if t.rule not in TAIL_RESOLVERS]
        if missing:
            raise PatternFileError(
                missing[0].origin,
                f"no resolver for rule {missing[0].rule!r} (times/resolvers.py)",
                entry=missing[0].rule,
            )
        first = _part(rs, "first_chars", g.first_chars, frags, "[{}]")
        anchor = _part(rs, "anchor_chars", g.anchor_chars, frags, "[{}]")
        lead = f"(?=[{first}])(?=[^\\n]{{0,{g.anchor_window}}}?[{anchor}])"
        time, time_table = _alternation(branches, frags, lead)
        tail, tail_table = _alternation(tails, frags, "")
        return cls(
            time=time,
            tail=tail,
            plan_anchor=re.compile(_part(rs, "plan_anchor", g.plan_anchor, frags, "{}") or "(?!)"),
            plan_window=g.plan_window,
            base_mark=re.compile(_part(rs, "base_mark", g.base_mark, frags, "{}") or "(?!)"),
            branches=time_table,
            tails=tail_table,
            relative=rs.time_words.relative,
            numerals=rs.numerals,
            edges=g.edge_words,
            halves=g.half_words,
            ahead=frozenset(g.ahead_words),
            since=tuple(g.since_words),
            day_alone_marks=frozenset(g.day_alone_marks),
            day_alone_not_followed_by=tuple(g.day_alone_not_followed_by),
            day_alone_not_preceded_by=tuple(g.day_alone_not_preceded_by),
            named_periods={
                name: {y: _days(p) for y, p in spec.periods.items()}
                for spec in g.named_periods.values()
                for name in spec.names
            },
            lunar_first_month={y: _days(p) for y, p in g.lunar_first_month.items()},
            lunar_day_prefixes=g.lunar_day_prefixes,
        )

    def branch(self, rule: str) -> Branch | None:
        """The branch or tail of *rule*, if the grammar has one."""
        return next((b for b in (*self.branches.values(), *self.tails.values()) if b.rule == rule), None)


@dataclass(frozen=True)
class _Source:
    rule: str
    template: str
    origin: str


def _days(period: str) -> tuple[dt.date, dt.date]:
    a, _, b = period.partition("/")
    return dt.date.fromisoformat(a), dt.date.fromisoformat(b)


def _word_tables(rs: Ruleset) -> dict[str, list[str]]:
    g = rs.time_grammar
    return {
        "named_periods": [name for spec in g.named_periods.values() for name in spec.names],
        "holiday_suffixes": g.holiday_suffixes,
        "relative": list(rs.time_words.relative),
        "anchors": rs.time_words.anchors,
        "range_joiners": rs.grammar.range_joiners,
        "year_words": g.year_words,
        "month_words": g.month_words,
        "edge_words": list(g.edge_words),
        "half_words": list(g.half_words),
        "ahead_words": g.ahead_words,
    }


def _fragments(rs: Ruleset) -> dict[str, str]:
    """The fragments of the grammar, and each word table as ``{name}`` and ``{name_first}``."""
    frags = dict(rs.time_grammar.fragments)
    for name, words in _word_tables(rs).items():
        frags[name] = trie_alternation(words)  # a trie: the stdlib tries alternation branches one by one
        frags[f"{name}_first"] = re.escape("".join(sorted({w[0] for w in words})))
    return frags


def _origin(rs: Ruleset, section: str, key: str) -> str:
    """The last pattern file that defines *key* under *section* (the one whose entry counts)."""
    paths = [f.path for f in rs.files if isinstance(f.spec, TimeGrammarFile) and key in getattr(f.spec, section)]
    return paths[-1] if paths else "time_grammar"


def _part(rs: Ruleset, field: str, template: str, frags: Mapping[str, str], form: str) -> str:
    """*template* composed (it must compile as *form*), or :class:`PatternFileError` naming the file that set *field*."""
    try:
        part = compose(template, frags)
        re.compile(form.format(part))
        return part
    except (KeyError, ValueError, re.error) as exc:
        paths = [f.path for f in rs.files if isinstance(f.spec, TimeGrammarFile) and field in f.spec.model_fields_set]
        raise PatternFileError(
            paths[-1] if paths else "time_grammar", f"bad regex or fragment: {exc}", entry=field
        ) from exc


def _alternation(srcs: list[_Source], frags: Mapping[str, str], lead: str) -> tuple[re.Pattern[str], dict[int, Branch]]:
    """One regex trying *srcs* in order, and the branch each group number belongs to."""
    bodies, counts = [], []
    for i, src in enumerate(srcs):
        try:
            body = _localise(compose(src.template, frags), f"B{i}_")
            n = re.compile(body).groups
        except KeyError as exc:
            raise PatternFileError(src.origin, f"unknown fragment {{{exc.args[0]}}}", entry=src.rule) from exc
        except (ValueError, re.error) as exc:
            raise PatternFileError(src.origin, f"regex does not compile: {exc}", entry=src.rule) from exc
        if n == 0:
            raise PatternFileError(
                src.origin, "a branch needs a group: the group a match sets tells its branch", entry=src.rule
            )
        bodies.append(body)
        counts.append(n)
    pattern = re.compile(f"{lead}(?:{'|'.join(bodies)})" if bodies else "(?!)")
    table: dict[int, Branch] = {}
    first = 1
    for i, (src, n) in enumerate(zip(srcs, counts, strict=True)):
        prefix = f"B{i}_"
        groups = {name[len(prefix) :]: k for name, k in pattern.groupindex.items() if name.startswith(prefix)}
        branch = Branch(src.rule, groups, src.template, src.origin)
        table.update((k, branch) for k in range(first, first + n))
        first += n
    return pattern, table


def _localise(body: str, prefix: str) -> str:
    """*body* with every group name (and reference to one) prefixed, so branches may reuse names."""
    return _GROUP_NAME.sub(lambda m: f"(?{m.group(1)}{prefix}{m.group(2)}{m.group(3)}", body)
