"""Pattern files of the entity stage: gazetteers, with their word lists and rules."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from .schema_base import _PatternFile, _Strict

EntityLabel = Literal["PER", "ORG", "LOC", "DOC"]
DivisionLevel = Literal["province", "prefecture", "county", "township"]


class EntityRule(_Strict):
    """An entity rule: a regex template run over the text with earlier entities masked (``ner/template.py``).

    ``{name}`` is a word list of the same file, ``{LOC}``/``{ORG}``/``{PER}``/``{DOC}`` one whole entity
    found earlier.  The group ``name`` (else the whole match) is the span, extended to the end of the group
    ``head`` when there is one (so a rule can anchor on a head word and look behind for the name); ``add`` makes it an entity of
    ``label`` (default: the file's), ``drop`` removes the entities inside it.  Rules run by ``stage``, then
    in file order.  ``check: person_name`` also requires jieba to segment the span as a person's name;
    ``check: distinctive_name`` trims the words that open a clause off the name group (推进|吉能) and requires
    a distinctive name (``ner/segmentation.py``), ``check: place_name`` a river, lake, mountain, town or village
    name jieba reads as a place or as a distinctive name before its head; a head group is added after the check.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    pattern: str = Field(min_length=1)
    label: EntityLabel | None = None
    action: Literal["add", "drop"] = "add"
    check: Literal["person_name", "distinctive_name", "place_name"] | None = None
    check_words: str | None = Field(default=None, description="a list of the same file that the check reads")
    stage: int = Field(default=1, ge=1, le=9)
    level_named: bool = Field(
        default=False,
        description="The name opens with a level word standing for a place (市政府, 区疾控中心): in a document "
        "whose region lies above that level it names any of several bodies and is dropped (see level_ranks).",
    )
    description: str = ""


class GazetteerFile(_PatternFile):
    """Entity names and name-building rules for one entity type.

    ``names`` are tagged wherever they occur; ``suffixes`` are removed from them to derive short forms
    (山东省 -> 山东); ``data_file`` names a generated TSV beside the file whose ``name`` and ``forms``
    columns add more names; ``stop`` words are never tagged; ``lists`` and ``rules`` find what no list
    can hold; ``role: provinces`` marks the province list that detects a document's region, and
    ``role: divisions`` the division-code table (its ``data_file``) that canonical regions come from.
    """

    kind: Literal["gazetteer"]
    label: EntityLabel
    source: str = ""
    role: Literal["provinces", "divisions"] | None = None
    data_file: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]+\.tsv$")
    names: list[str] = Field(default_factory=list)
    suffixes: list[str] = Field(default_factory=list)
    stop: list[str] = Field(default_factory=list)
    not_names: list[str] = Field(
        default_factory=list,
        description="Words that contain a name but name nothing (发展中国家, 实事求是): a name inside one is not tagged.",
    )
    lists: dict[str, list[str]] = Field(default_factory=dict)
    rules: list[EntityRule] = Field(default_factory=list)
    level_ranks: dict[str, DivisionLevel] = Field(
        default_factory=dict,
        description="The division level each level word names (省: province, 区: county), for level_named rules.",
    )
    boundary_check_max_chars: int = Field(
        default=0,
        ge=0,
        le=8,
        description="Names up to this long are kept only where jieba's segmentation has a word boundary at both "
        "ends (长武 is not a place in 副部长武增); 0 never checks.",
    )

    @field_validator("names", "suffixes", "stop")
    @classmethod
    def _clean_words(cls, v: list[str]) -> list[str]:
        for i, w in enumerate(v):
            if not w or w != w.strip():
                raise ValueError(f"entry {i} ({w!r}) is empty or has surrounding spaces")
        return v

    @field_validator("lists")
    @classmethod
    def _clean_lists(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        from ..ner.template import LABELS

        for name, words in v.items():
            if name in LABELS:
                raise ValueError(f"list name {name!r} is reserved for entities found earlier; rename the list")
            bad = [w for w in words if not w or w != w.strip()]
            if bad:
                raise ValueError(f"list {name!r}: word {bad[0]!r} is empty or has surrounding spaces")
        return v

    @field_validator("rules")
    @classmethod
    def _rules_compile(cls, v: list[EntityRule], info: Any) -> list[EntityRule]:
        import regex

        from ..ner.template import expand
        from .backtracking import FIX, backtracking_risk

        lists = info.data.get("lists", {})
        seen: set[str] = set()
        for r in v:
            if r.id in seen:
                raise ValueError(f"rule {r.id!r} is defined twice; rule ids must be unique")
            seen.add(r.id)
            if r.check_words is not None and r.check_words not in lists:
                raise ValueError(
                    f"rule {r.id!r}: check_words names {r.check_words!r}, which is not a list of this file"
                )
            try:
                expanded = expand(r.pattern, lists)
                regex.compile(expanded)
            except KeyError as exc:
                raise ValueError(
                    f"rule {r.id!r}: unknown list {{{exc.args[0]}}}; define it under 'lists:' in this file"
                ) from exc
            except regex.error as exc:
                raise ValueError(f"rule {r.id!r}: pattern does not compile: {exc}") from exc
            risk = backtracking_risk(expanded)
            if risk:
                raise ValueError(f"rule {r.id!r}: pattern {r.pattern!r} can backtrack catastrophically: {risk}; {FIX}")
        return v
