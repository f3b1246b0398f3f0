"""Pydantic models of the pattern files in ``patterns/`` (one model per ``kind``).

Every file is validated when a :class:`~bulletin_extract.ruleset.Ruleset` is
built; a bad entry fails then, naming the file and the entry, never later
while extracting.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .records import FigureType, Qualifier


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Example(_Strict):
    """Input text and the figures/times expected from it (all of them: ``out: []`` means nothing)."""

    input: str = Field(alias="in", min_length=1)
    out: list[dict[str, Any]]
    published: str | None = None
    xfail: str | None = Field(default=None, description="Reason this example is a known gap (strict xfail).")

    @field_validator("out")
    @classmethod
    def _each_has_text_and_type(cls, v: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for i, m in enumerate(v):
            if "text" not in m or "type" not in m:
                raise ValueError(f"out[{i}] needs at least 'text' and 'type'")
        return v


class _PatternFile(_Strict):
    description: str = ""
    examples: list[Example] = Field(default_factory=list)


class NumeralsFile(_PatternFile):
    """Digits, magnitudes and the full-width folding table."""

    kind: Literal["numerals"]
    fold: dict[str, str]
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    decimal_point: str = Field(min_length=1, max_length=1)
    half: str = Field(min_length=1, max_length=1)
    not_after: list[str] = Field(default_factory=list)
    code_chars: str = ""

    @field_validator("fold")
    @classmethod
    def _one_to_one(cls, v: dict[str, str]) -> dict[str, str]:
        for k, t in v.items():
            if len(k) != 1 or len(t) != 1:
                raise ValueError(f"fold entry {k!r}: {t!r} must map one character to one character (offsets must not move)")
        return v


class UnitEntry(_Strict):
    """A unit word: its canonical unit, a scale applied to the value, and whether 一 + it is an article."""

    unit: str
    scale: Decimal = Decimal(1)
    article_one: bool | None = None


class UnitsFile(_PatternFile):
    """Unit words of one figure type: surface form -> canonical unit (or a :class:`UnitEntry`)."""

    kind: Literal["units"]
    type: FigureType
    article_one: bool = False
    units: dict[str, Union[str, UnitEntry]]
    noun_heads: list[str] = Field(default_factory=list, description="Heads of nouns counted without a classifier (农村人口).")

    @field_validator("units")
    @classmethod
    def _non_empty(cls, v: dict[str, Any]) -> dict[str, Any]:
        for k in v:
            if not k or k != k.strip():
                raise ValueError(f"unit word {k!r} is empty or has surrounding spaces")
        return v


class QualifiersFile(_PatternFile):
    """Words before, after and inside a figure that set its qualifier."""

    kind: Literal["qualifiers"]
    before: dict[str, Qualifier] = Field(default_factory=dict)
    after: dict[str, Qualifier] = Field(default_factory=dict)
    inside: dict[str, Qualifier] = Field(default_factory=dict)


class DirectionsFile(_PatternFile):
    """Words that make a figure the size of a change."""

    kind: Literal["directions"]
    up: list[str] = Field(default_factory=list)
    down: list[str] = Field(default_factory=list)
    level_after: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    window: int = Field(default=12, ge=1, le=60)


class Zone(_Strict):
    """A regex whose matches are not annotated (ANNOTATION.md §2)."""

    id: str
    regex: str
    description: str = ""


class ExclusionsFile(_PatternFile):
    """Zones and phrases that hold no figures."""

    kind: Literal["exclusions"]
    quote_max_chars: int = Field(default=16, ge=0)
    zones: list[Zone] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)


class TimeWordsFile(_PatternFile):
    """Relative and named time words, resolved against the publication date."""

    kind: Literal["time_words"]
    relative: dict[str, dict[str, Any]] = Field(default_factory=dict)
    anchors: list[str] = Field(default_factory=list)
    range_joiners: list[str] = Field(default_factory=list)
    vague_before: list[str] = Field(default_factory=list)


class ContextFile(_PatternFile):
    """Words that tie a figure to its subject, time and comparison base."""

    kind: Literal["context"]
    subject_stop: list[str] = Field(default_factory=list)
    subject_strip_prefix: list[str] = Field(default_factory=list)
    subject_strip_suffix: list[str] = Field(default_factory=list)
    comparison_bases: list[str] = Field(default_factory=list)
    total_words: list[str] = Field(default_factory=list)
    part_words: list[str] = Field(default_factory=list)
    rate_words: list[str] = Field(default_factory=list)


class GazetteerFile(_PatternFile):
    """Entity names and name-building rules for one entity type."""

    kind: Literal["gazetteer"]
    label: Literal["PER", "ORG", "LOC", "DOC"]
    source: str = ""
    names: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)
    prefixes: list[str] = Field(default_factory=list)
    stop: list[str] = Field(default_factory=list)


PatternFile = Annotated[
    Union[NumeralsFile, UnitsFile, QualifiersFile, DirectionsFile, ExclusionsFile, TimeWordsFile, ContextFile, GazetteerFile],
    Field(discriminator="kind"),
]
