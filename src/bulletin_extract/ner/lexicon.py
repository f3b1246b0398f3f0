"""The gazetteer files of a ruleset as phrase patterns (in spaCy's entity_ruler format) and compiled rules.

No spaCy here: this module only reads the validated pattern data, so it can be
tested and reused without building a pipeline.  :class:`EntityPatterns` holds
everything the entity stage compiles from a ruleset; the engine builds it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import regex

from ..document.fold import Folding
from ..rules.grammar import references
from ..rules.guarded import compile_pattern
from ..rules.ruleset import Ruleset, builtin_patterns_dir
from ..rules.schema import GazetteerFile
from .needs import Needs, needs
from .template import expand

GAZETTEER_PREFIX = "gazetteer."
"""Prefix of the rule id of an entity found by a gazetteer name (``gazetteer.<file stem>``)."""


@dataclass(frozen=True)
class CompiledRule:
    """An entity rule ready to run: where it came from, what it makes, and its regex."""

    id: str
    file: str
    label: str
    action: str
    check: str | None
    stage: int
    regex: re.Pattern[str] | regex.Pattern[str]
    has_name_group: bool
    has_head_group: bool
    builtin: bool = True
    check_words: frozenset[str] = frozenset()
    needs: Needs = ()
    """What a text must hold for the rule to match (:mod:`.needs`); empty: the rule always runs."""

    @property
    def where(self) -> str | None:
        """The file and entry of a user's rule, for messages (None for a built-in rule: it runs unguarded)."""
        return None if self.builtin else f"{self.file} [rules.{self.id}]"


def surface_forms(spec: GazetteerFile) -> list[str]:
    """The names of *spec* plus the short forms its ``suffixes`` derive (山东省 -> 山东), minus ``stop``."""
    forms: list[str] = []
    for name in spec.names:
        forms.append(name)
        for suf in sorted(spec.suffixes, key=len, reverse=True):
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                forms.append(name[: -len(suf)])
                break
    stop = set(spec.stop)
    return [f for f in dict.fromkeys(forms) if f not in stop]


NOT_A_NAME = "O"
"""Label of the ``not_names`` phrases: they win over the names inside them and are never entities."""


def phrase_patterns(rs: Ruleset, fold: Folding) -> tuple[dict[str, str], ...]:
    """entity_ruler patterns ``{"label", "pattern", "id"}``, one per surface form, folded like the text."""
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    # A form listed by a file without a boundary check (上海 in provinces) must not inherit one from another file.
    for path, spec in sorted(_specs(rs), key=lambda ps: ps[1].boundary_check_max_chars > 0):
        pid = f"{GAZETTEER_PREFIX}{Path(path).stem}"
        for form in surface_forms(spec):
            folded = fold(form)
            if (spec.label, folded) not in seen:
                seen.add((spec.label, folded))
                out.append({"label": spec.label, "pattern": folded, "id": pid})
        # Matched like names, so the longest-first choice prefers them to the names inside; then dropped.
        for word in spec.not_names:
            out.append({"label": NOT_A_NAME, "pattern": fold(word), "id": pid})
    return tuple(out)


def _specs(rs: Ruleset) -> list[tuple[str, GazetteerFile]]:
    # rs.gazetteers holds the specs with their data files merged in, in the order of rs.files.
    files = [f for f in rs.files if isinstance(f.spec, GazetteerFile)]
    return [(f.path, g) for f, g in zip(files, rs.gazetteers, strict=True)]


def boundary_checks(rs: Ruleset) -> dict[str, int]:
    """Gazetteer rule id -> the length up to which its matches must agree with word boundaries."""
    return {
        f"{GAZETTEER_PREFIX}{Path(path).stem}": spec.boundary_check_max_chars
        for path, spec in _specs(rs)
        if spec.boundary_check_max_chars
    }


def _compile(template: str, pattern: str, builtin: bool) -> re.Pattern[str] | regex.Pattern[str]:
    # A pattern that starts with a reference (a word list, an earlier entity) is scanned several times faster
    # by the standard library, which checks the set of first characters before trying the branches; the regex
    # module is faster on patterns that start otherwise, and reads syntax re lacks (\p{...}, lookbehinds of
    # varying width).  A user's pattern always gets the regex module, which can stop it (rules/guarded.py).
    return compile_pattern(
        pattern, builtin=builtin, prefer_stdlib=template.startswith("{") and bool(references(template))
    )


def compiled_rules(rs: Ruleset, fold: Folding) -> tuple[CompiledRule, ...]:
    """Every entity rule of every gazetteer file, compiled and sorted by stage (then file order)."""
    out: list[tuple[int, int, CompiledRule]] = []
    builtin_dir = builtin_patterns_dir()
    for path, spec in _specs(rs):
        builtin = Path(path).is_relative_to(builtin_dir)  # a sibling folder (patterns_local) is a user's
        lists = {k: [fold(w) for w in words] for k, words in spec.lists.items()}
        for rule in spec.rules:
            pat = _compile(rule.pattern, expand(rule.pattern, lists, trie=True), builtin)
            # The alternations (not the tries) read best: one word per branch.
            need = needs(expand(rule.pattern, lists)) if builtin else ()
            out.append(
                (
                    rule.stage,
                    len(out),
                    CompiledRule(
                        id=rule.id,
                        file=path,
                        label=rule.label or spec.label,
                        action=rule.action,
                        check=rule.check,
                        stage=rule.stage,
                        regex=pat,
                        has_name_group="name" in pat.groupindex,
                        has_head_group="head" in pat.groupindex,
                        builtin=builtin,
                        check_words=frozenset(lists.get(rule.check_words, ())) if rule.check_words else frozenset(),
                        needs=need,
                    ),
                )
            )
    return tuple(r for _, _, r in sorted(out, key=lambda t: (t[0], t[1])))
