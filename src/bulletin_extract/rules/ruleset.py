"""Load, validate and merge pattern files into one immutable :class:`Ruleset`.

The built-in files live in ``patterns/``; users add their own directories or
files (``extract(text, patterns=[...])``) which merge with them and pass the
same validation.  A ruleset holds only validated data: each stage compiles
its own patterns from it (see :mod:`bulletin_extract.engine`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import PatternFileError
from ..records import FigureType, Qualifier
from .numerals import NumeralTable
from .schema import (
    CharactersFile,
    ContextFile,
    DirectionsFile,
    Example,
    ExclusionsFile,
    GazetteerFile,
    GrammarFile,
    IndicatorsFile,
    NumeralsFile,
    PatternFile,
    QualifiersFile,
    TablesFile,
    TimeGrammarFile,
    TimeWordsFile,
    UnitEntry,
    UnitsFile,
)


@functools.cache
def _file_adapter() -> TypeAdapter[PatternFile]:
    # Built on first use: an engine from the cache (rules/cache.py) validates nothing and needs no schema.
    return TypeAdapter(PatternFile)


@dataclass(frozen=True)
class UnitInfo:
    """What a unit word resolves to."""

    type: FigureType
    unit: str
    scale: Decimal
    article_one: bool


@dataclass(frozen=True)
class LoadedFile:
    """A validated pattern file and where it came from (for examples and error messages)."""

    path: str
    spec: object


def _entry_name(loc: tuple[object, ...]) -> str:
    return ".".join(str(x) for x in loc)


def load_pattern_file(path: Path) -> LoadedFile:
    """Read and validate one YAML pattern file; :class:`PatternFileError` names file, entry and reason."""
    import yaml  # only when a file is read: an engine from the cache reads none

    # libyaml's safe loader when PyYAML was built with it (about 8x faster to load the patterns); same safety.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except OSError as exc:
        raise PatternFileError(str(path), f"cannot read: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise PatternFileError(str(path), f"not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or "kind" not in raw:
        raise PatternFileError(
            str(path), "a pattern file is a mapping with a 'kind' key (numerals, units, qualifiers, ...)"
        )
    try:
        spec = _file_adapter().validate_python(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        if loc and loc[0] == raw.get("kind"):
            loc = loc[1:]  # the union tag pydantic puts first
        raise PatternFileError(str(path), err["msg"], entry=_entry_name(loc) or None) from exc
    return LoadedFile(str(path), spec)


def _pattern_paths(sources: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for src in sources:
        if src.is_dir():
            out.extend(sorted(p for p in src.rglob("*.yaml")))
        elif src.is_file():
            out.append(src)
        else:
            raise PatternFileError(str(src), "no such pattern file or directory")
    return out


def pattern_paths(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The files :meth:`Ruleset.load` reads for *extra*, in order: the built-in ones, then those of *extra*."""
    return _pattern_paths([builtin_patterns_dir(), *(Path(p) for p in extra)])


def builtin_patterns_dir() -> Path:
    """The folder of the built-in pattern files."""
    return Path(str(resources.files("bulletin_extract") / "patterns"))


def _merge_field(old: object, new: object) -> object:
    """A later pattern file extends lists and mappings and replaces single values (when it sets one)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {**old, **new}
    if isinstance(new, list) and isinstance(old, list):
        return [*old, *new]
    return new or old


_S = TypeVar("_S", bound=BaseModel)
_NOT_MERGED = ("kind", "description", "examples")


def _merged(base: _S, specs: Sequence[object]) -> _S:
    """*base* with every spec of its kind merged in, in file order (see :func:`_merge_field`)."""
    out = base
    for spec in specs:
        fields = {
            k: _merge_field(getattr(out, k), getattr(spec, k)) for k in type(base).model_fields if k not in _NOT_MERGED
        }
        out = type(base).model_validate({**base.model_dump(include={"kind"}), **fields})
    return out


def _units(specs: Sequence[object]) -> tuple[dict[str, UnitInfo], dict[str, FigureType]]:
    """Every unit word with what it resolves to, and the heads of nouns counted without a classifier."""
    units: dict[str, UnitInfo] = {}
    heads: dict[str, FigureType] = {}
    for s in specs:
        assert isinstance(s, UnitsFile)
        heads.update((h, s.type) for h in s.noun_heads)
        for word, entry in s.units.items():
            e = entry if isinstance(entry, UnitEntry) else UnitEntry(unit=entry)
            art = s.article_one if e.article_one is None else e.article_one
            units[word] = UnitInfo(s.type, e.unit, e.scale, art)
    return units, heads


def _merge_time_grammar(old: TimeGrammarFile, new: TimeGrammarFile) -> TimeGrammarFile:
    """*old* extended by what *new* sets: fragments, branches and word tables merge, character classes grow."""
    merged: dict[str, object] = {}
    for k in TimeGrammarFile.model_fields:
        if k in ("kind", "description", "examples"):
            continue
        a, b = getattr(old, k), getattr(new, k)
        if k not in new.model_fields_set:
            merged[k] = a
        elif k.endswith("_chars"):
            merged[k] = a + b
        else:
            merged[k] = _merge_field(a, b)
    return TimeGrammarFile.model_validate({"kind": "time_grammar", **merged})


@dataclass(frozen=True, eq=False)
class Ruleset:
    """All pattern data, merged and validated.  Build with :meth:`load` or :func:`~bulletin_extract.engine.default_ruleset`."""

    files: tuple[LoadedFile, ...]
    numerals: NumeralTable
    fold_map: dict[str, str]
    units: dict[str, UnitInfo]
    qualifiers_before: dict[str, Qualifier]
    qualifiers_after: dict[str, Qualifier]
    qualifiers_inside: dict[str, Qualifier]
    not_qualifiers: tuple[str, ...]
    directions: DirectionsFile
    exclusions: ExclusionsFile
    time_words: TimeWordsFile
    time_grammar: TimeGrammarFile
    context: ContextFile
    grammar: GrammarFile
    tables: TablesFile
    gazetteers: tuple[GazetteerFile, ...]
    indicators: tuple[IndicatorsFile, ...]
    division_tables: tuple[str, ...]
    not_after: tuple[str, ...]
    code_chars: str
    fraction_marker: str
    minus_signs: tuple[str, ...]
    formal_digits: str
    noun_heads: dict[str, FigureType] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> Ruleset:
        """Built-in patterns merged with the files or folders in *extra* (later entries win)."""
        return cls._merge(tuple(load_pattern_file(p) for p in pattern_paths(extra)))

    @classmethod
    def _merge(cls, files: tuple[LoadedFile, ...]) -> Ruleset:
        by_kind: dict[type, list[object]] = {}
        division_tables: list[str] = []
        for f in files:
            spec = f.spec
            if isinstance(spec, GazetteerFile) and spec.role == "divisions" and spec.data_file:
                division_tables.append(str(Path(f.path).parent / spec.data_file))
            if isinstance(spec, GazetteerFile):
                # A generated list (data_file) is read here so a bad row fails at load, like a bad YAML entry.
                from ..ner.datafile import with_data_file

                spec = with_data_file(spec, f.path)
            by_kind.setdefault(type(spec), []).append(spec)
        numerals = by_kind.get(NumeralsFile, [None])[-1]
        if not isinstance(numerals, NumeralsFile):
            raise PatternFileError("patterns/", "no numerals file (kind: numerals) was found")
        quals = _merged(QualifiersFile(kind="qualifiers"), by_kind.get(QualifiersFile, []))
        units, heads = _units(by_kind.get(UnitsFile, []))
        table = NumeralTable(
            digits=numerals.digits,
            small_units=numerals.small_units,
            big_units=numerals.big_units,
            decimal_point=numerals.decimal_point,
            half=numerals.half,
            not_digit_by_digit=numerals.not_digit_by_digit,
        )
        chars = [c for c in by_kind.get(CharactersFile, []) if isinstance(c, CharactersFile)]
        maps: list[dict[str, str]] = [*(c.fold for c in chars), numerals.fold]
        fold = {k: v for m in maps for k, v in m.items() if k != v}
        return cls(
            files=files,
            numerals=table,
            fold_map=fold,
            units=units,
            qualifiers_before=quals.before,
            qualifiers_after=quals.after,
            qualifiers_inside=quals.inside,
            not_qualifiers=tuple(quals.not_qualifiers),
            directions=_merged(DirectionsFile(kind="directions"), by_kind.get(DirectionsFile, [])),
            exclusions=_merged(ExclusionsFile(kind="exclusions"), by_kind.get(ExclusionsFile, [])),
            time_words=_merged(TimeWordsFile(kind="time_words"), by_kind.get(TimeWordsFile, [])),
            time_grammar=functools.reduce(
                _merge_time_grammar,
                [g for g in by_kind.get(TimeGrammarFile, []) if isinstance(g, TimeGrammarFile)],
                TimeGrammarFile(kind="time_grammar"),
            ),
            context=_merged(ContextFile(kind="context"), by_kind.get(ContextFile, [])),
            grammar=_merged(GrammarFile(kind="grammar"), by_kind.get(GrammarFile, [])),
            tables=_merged(TablesFile(kind="tables"), by_kind.get(TablesFile, [])),
            gazetteers=tuple(g for g in by_kind.get(GazetteerFile, []) if isinstance(g, GazetteerFile)),
            indicators=tuple(i for i in by_kind.get(IndicatorsFile, []) if isinstance(i, IndicatorsFile)),
            division_tables=tuple(division_tables),
            not_after=tuple(numerals.not_after),
            code_chars=numerals.code_chars,
            fraction_marker=numerals.fraction_marker,
            minus_signs=tuple(numerals.minus_signs),
            formal_digits=numerals.formal_digits,
            noun_heads=heads,
        )

    def examples(self) -> list[tuple[str, Example]]:
        """Every example of every pattern file, as ``(file, example)``."""
        return [(Path(f.path).name, ex) for f in self.files for ex in getattr(f.spec, "examples", [])]

    def extra_paths(self) -> tuple[str, ...]:
        """The pattern files this ruleset loaded beyond the built-in ones (to rebuild it elsewhere)."""
        base = str(builtin_patterns_dir())
        return tuple(f.path for f in self.files if not f.path.startswith(base))
