"""Canonical regions: a place as written (浦东, 上海, 黔东南州) -> the division it names, with its code.

The division table (the gazetteer with ``role: divisions``) lists every province-, prefecture- and
county-level division with its 12-digit code and short forms.  A short form can name several divisions
(鼓楼 is a district of four cities), so a name is read within the document's region first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..ner.datafile import forms, read_rows
from ..rules.ruleset import Ruleset

_LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Division:
    """One division: its code, level, own name and full name (上海市浦东新区, 四川省成都市锦江区)."""

    code: str
    level: str
    name: str
    full: str


def _prefix(code: str, level: str) -> str:
    """The part of a code that its children share (2 digits for a province, 4 for a prefecture)."""
    return code[: {"province": 2, "prefecture": 4}.get(level, 6)]


@dataclass(frozen=True, eq=False)
class DivisionIndex:
    """Every division by code, and by each of its names and short forms."""

    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]

    @classmethod
    def compile(cls, rs: Ruleset) -> DivisionIndex:
        rows = [row for path in rs.division_tables for row in read_rows(Path(path))]
        own = {r["code"]: (r["level"], r["name"]) for r in rows if r.get("level") in _LEVELS and r.get("code")}
        by_code: dict[str, Division] = {}
        for code, (level, name) in own.items():
            chain = [own.get(code[:2] + "0" * 10), own.get(code[:4] + "0" * 8)] if level != "province" else []
            names = [n for lv, n in filter(None, chain) if lv != level and n != name]
            by_code[code] = Division(code, level, name, "".join(dict.fromkeys([*names, name])))
        by_name: dict[str, list[Division]] = {}
        for r in rows:
            d = by_code.get(r.get("code", ""))
            if d is None:
                continue
            for n in {r["name"], *forms(r), d.full}:
                by_name.setdefault(n, []).append(d)
        return cls(by_code, {k: tuple(v) for k, v in by_name.items()})

    def resolve(self, name: str, within: str | None = None) -> Division | None:
        """The division *name* stands for, read inside the division coded *within* when it is ambiguous.

        None when the name is no division, or still names several after the context is applied.
        """
        found = self.by_name.get(name, ())
        if len(found) > 1 and within is not None:
            inside = self.by_code.get(within)
            if inside is not None:
                prefix = _prefix(inside.code, inside.level)
                narrowed = tuple(d for d in found if d.code.startswith(prefix))
                found = narrowed or found
        if len(found) > 1:
            top = min(_LEVELS.index(d.level) for d in found)
            found = tuple(d for d in found if _LEVELS.index(d.level) == top)
        return found[0] if len(found) == 1 else None

    def locate(self, text: str, within: str | None = None) -> Division | None:
        """The division named by the longest name that *text* ends with or starts with (None if none)."""
        for n in range(len(text), 1, -1):
            for piece in (text[:n], text[-n:]):
                d = self.resolve(piece, within) if piece in self.by_name else None
                if d is not None:
                    return d
        return None
