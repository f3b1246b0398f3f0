"""Which pattern file defines a word or a rule: the index :func:`~.explain.explain` cites from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ner.lexicon import GAZETTEER_PREFIX
from ..rules.ruleset import Ruleset
from ..rules.schema import (
    DirectionsFile,
    GazetteerFile,
    QualifiersFile,
    TimeWordsFile,
    UnitsFile,
)


@dataclass(frozen=True)
class Sources:
    """Pattern file (name relative to its folder) of each unit word, qualifier, direction and time word and rule."""

    units: dict[str, str]
    qualifiers: dict[str, str]
    directions: dict[str, str]
    time_words: dict[str, str]
    entity_rules: dict[str, str]
    files: tuple[str, ...]

    @classmethod
    def of(cls, rs: Ruleset) -> Sources:
        units: dict[str, str] = {}
        quals: dict[str, str] = {}
        dirs: dict[str, str] = {}
        times: dict[str, str] = {}
        rules: dict[str, str] = {}
        for f in rs.files:
            name, spec = _short(f.path), f.spec
            if isinstance(spec, UnitsFile):
                units.update(dict.fromkeys(spec.units, name))
            elif isinstance(spec, QualifiersFile):
                quals.update(dict.fromkeys([*spec.before, *spec.after, *spec.inside], name))
            elif isinstance(spec, DirectionsFile):
                dirs.update(dict.fromkeys([*spec.up, *spec.down], name))
            elif isinstance(spec, TimeWordsFile):
                times.update(dict.fromkeys(spec.relative, name))
            elif isinstance(spec, GazetteerFile):
                rules[f"{GAZETTEER_PREFIX}{Path(f.path).stem}"] = name
                rules.update(dict.fromkeys((r.id for r in spec.rules), name))
        return cls(units, quals, dirs, times, rules, tuple(_short(f.path) for f in rs.files))

    def file_of_kind(self, kind: str) -> str:
        """The first loaded file whose name mentions *kind* (e.g. ``numerals``), else the kind itself."""
        return next((f for f in self.files if kind in f), kind)


def _short(path: str) -> str:
    p = Path(path)
    parts = p.parts
    if "patterns" in parts:
        return "/".join(parts[len(parts) - parts[::-1].index("patterns") :])
    return p.name
