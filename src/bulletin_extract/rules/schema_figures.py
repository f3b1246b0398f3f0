"""Pattern files of the figure stage: numerals, character forms, units, qualifiers, directions, exclusions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator

from ..records import FigureType, Qualifier
from .schema_base import _PatternFile, _Strict


def one_to_one(fold: dict[str, str]) -> dict[str, str]:
    """*fold* when it maps one character to one character everywhere (so that offsets never move)."""
    for k, t in fold.items():
        if len(k) != 1 or len(t) != 1:
            raise ValueError(f"fold entry {k!r}: {t!r} must map one character to one character (offsets must not move)")
    return fold


class NumeralsFile(_PatternFile):
    """Digits, magnitudes and the full-width folding table."""

    kind: Literal["numerals"]
    fold: dict[str, str]
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    decimal_point: str = Field(min_length=1, max_length=1)
    half: str = Field(min_length=1, max_length=1)
    not_digit_by_digit: str = Field(default="", description="Digits never written one by one in a year or code (两).")
    fraction_marker: str = Field(default="", description="The word between denominator and numerator (三分之一).")
    minus_signs: list[str] = Field(
        default_factory=list, description="Signs before an Arabic numeral that make it negative."
    )
    formal_digits: str = Field(
        default="", description="Financial numerals, figures only next to another numeral character."
    )
    not_after: list[str] = Field(default_factory=list)
    code_chars: str = ""

    @field_validator("fold")
    @classmethod
    def _one_to_one(cls, v: dict[str, str]) -> dict[str, str]:
        return one_to_one(v)


class CharactersFile(_PatternFile):
    """Characters read as others, one for one: radical and compatibility forms (⼴ -> 广); merged into the fold."""

    kind: Literal["characters"]
    fold: dict[str, str] = Field(default_factory=dict)

    @field_validator("fold")
    @classmethod
    def _one_to_one(cls, v: dict[str, str]) -> dict[str, str]:
        return one_to_one(v)


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
    units: dict[str, str | UnitEntry]
    noun_heads: list[str] = Field(
        default_factory=list, description="Heads of nouns counted without a classifier (农村人口)."
    )

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
    not_qualifiers: list[str] = Field(
        default_factory=list, description="Words that contain a qualifier word but qualify nothing (节约, 最近, 多样)."
    )


class DirectionsFile(_PatternFile):
    """Words that make a figure the size of a change."""

    kind: Literal["directions"]
    up: list[str] = Field(default_factory=list)
    down: list[str] = Field(default_factory=list)
    level_after: list[str] = Field(default_factory=list)
    not_after: list[str] = Field(default_factory=list)
    gap_words: list[str] = Field(
        default_factory=list, description="Words that may stand between a direction word and its figure."
    )
    window: int = Field(default=12, ge=1, le=60)
    point_words: list[str] = Field(
        default_factory=list,
        description="Words ending a change that, right after a percent of the same sentence, state percentage "
        "points (资本保值增值率117.1%，提高17.1点): the change is a pp.",
    )


class Zone(_Strict):
    """A regex whose matches are not annotated (ANNOTATION.md §2)."""

    id: str
    regex: str
    description: str = ""


class ExclusionsFile(_PatternFile):
    """Zones and phrases that hold no figures."""

    kind: Literal["exclusions"]
    quote_max_chars: int = Field(default=16, ge=0)
    quote_pairs: list[str] = Field(
        default_factory=list,
        description="Opening and closing quote marks, two characters each (a short quote holds no figure).",
    )
    zones: list[Zone] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)

    @field_validator("zones")
    @classmethod
    def _zones_compile(cls, v: list[Zone]) -> list[Zone]:
        import regex

        from .backtracking import FIX, backtracking_risk

        for z in v:
            try:
                regex.compile(z.regex)
            except regex.error as exc:
                raise ValueError(f"zones.{z.id}: regex does not compile: {exc}") from exc
            risk = backtracking_risk(z.regex)
            if risk:
                raise ValueError(f"zones.{z.id}: regex {z.regex!r} can backtrack catastrophically: {risk}; {FIX}")
        return v

    @field_validator("quote_pairs")
    @classmethod
    def _pairs(cls, v: list[str]) -> list[str]:
        for p in v:
            if len(p) != 2:
                raise ValueError(f"quote pair {p!r} must be two characters: the opening and the closing mark")
        return v
