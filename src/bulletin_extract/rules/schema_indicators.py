"""The indicator catalogue's pattern files (``patterns/indicators/*.yaml``, ``kind: indicators``).

An indicator is what a panel column is about (new local confirmed cases, GDP, the resumption rate).  A file
names a family of them with the words that name each one near a figure; the flow words (new, cumulative),
the scope words (local, imported) and the measure words (share, target) that qualify them; and the
identities between them, which the checks test.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..records import FigureType, Measure, Scope
from .schema_base import Example, _Strict

Flow = Literal["new", "cumulative", "current"]

_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"


class Indicator(_Strict):
    """One concept of the catalogue.

    ``before`` are literal names written before the figure (``新增确诊病例3例``); ``after`` are regular
    expressions matched right after it (``307例确诊病例为此前无症状感染者转归``).  A concept with ``flows``
    yields one indicator per flow, ``<id>.<flow>`` (``epi.confirmed.new``); one without is a single indicator.
    """

    id: str = Field(pattern=_ID)
    label: str = Field(min_length=1, description="The Chinese name a researcher knows it by.")
    before: list[str] = Field(default_factory=list)
    after: list[str] = Field(default_factory=list)
    rows: list[str] = Field(
        default_factory=list,
        description="Names it has only as a whole table row label (第一产业): in running text they name other things.",
    )
    types: list[FigureType] = Field(min_length=1, description="Figure types that can state it.")
    narrowed_by: list[str] = Field(
        default_factory=list,
        description="Words opening the clause that narrow the name to a part no panel key holds (对东盟进出口): none.",
    )
    units: list[str] = Field(
        default_factory=list, description="Units its counts take (家, 户): a count in another unit is something else."
    )
    flows: list[Flow] = Field(default_factory=list)
    default_flow: Flow | None = None
    rate: bool = Field(default=False, description="The indicator is itself a rate (复工率): its percents are rates.")
    parent: str | None = Field(default=None, pattern=_ID)
    description: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if not self.before and not self.after:
            raise ValueError(f"indicator {self.id!r} has no name: list words in 'before' or patterns in 'after'")
        if self.default_flow is not None and self.default_flow not in self.flows:
            raise ValueError(f"default_flow {self.default_flow!r} of {self.id!r} is not one of its flows")
        for word in self.before:
            if not word.strip():
                raise ValueError(f"indicator {self.id!r} has an empty name")
        return self

    def ids(self) -> list[str]:
        """Every indicator id this concept yields."""
        return [f"{self.id}.{f}" for f in self.flows] if self.flows else [self.id]


class Identity(_Strict):
    """``total = sum(parts) - sum(minus)``, between indicators of one document, region, period and scope."""

    id: str = Field(pattern=_ID)
    total: str = Field(pattern=_ID)
    parts: list[str] = Field(min_length=1)
    minus: list[str] = Field(default_factory=list)
    description: str = ""


class Enumerations(_Strict):
    """Case-ID lists grouped by the place that follows them (病例1—病例1015，居住于浦东新区).

    ``nouns`` maps the ID noun to the concept it counts; ``places`` are the words that introduce the
    place; the count takes its flow, scope and time from the nearest figure of that concept before it.
    """

    nouns: dict[str, str] = Field(default_factory=dict)
    places: list[str] = Field(default_factory=list)
    unit: str = ""


class IndicatorsFile(_Strict):
    """A family of indicators (``kind: indicators``)."""

    kind: Literal["indicators"]
    family: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    description: str = ""
    flows: dict[Flow, list[str]] = Field(default_factory=dict, description="Words that set a figure's flow.")
    scoped: bool = Field(
        default=True,
        description="Scope words (本土/境外输入) apply to its indicators; when false their scope is always all.",
    )
    scopes: dict[Scope, list[str]] = Field(default_factory=dict, description="Words that set a figure's scope.")
    measures: dict[Measure, list[str]] = Field(
        default_factory=dict, description="Words before a figure that make it a share or a target."
    )
    parts: list[str] = Field(default_factory=list, description="Words that open a breakdown of a total (其中).")
    distributive: list[str] = Field(
        default_factory=list, description="Words that pair listed names with listed values in order (分别)."
    )
    zeros: list[str] = Field(default_factory=list, description="Words stating that nothing new came (无新增).")
    coordinators: list[str] = Field(default_factory=list, description="Words joining items that share a head (和).")
    statements: list[str] = Field(
        default_factory=list,
        description="Marks ending one statement of a sentence (；): a later figure of one indicator is a value of its own.",
    )
    successions: list[str] = Field(
        default_factory=list,
        description="Words before the later value of a from-to pair (从X增加到Y): a value of its own, no part of X.",
    )
    within: list[str] = Field(
        default_factory=list,
        description="Words after a name that break down what was last stated of it (确诊病例中): its flow carries.",
    )
    totals: list[str] = Field(default_factory=list, description="Row labels of a table's total row (合计).")
    national: list[str] = Field(
        default_factory=list, description="Names of the whole country (全国, 我国); the first is the panel's name."
    )
    not_names: list[str] = Field(
        default_factory=list, description="Longer names holding a catalogued one that name something else (核心CPI)."
    )
    indicators: list[Indicator] = Field(default_factory=list)
    identities: list[Identity] = Field(default_factory=list)
    enumerations: Enumerations | None = None
    examples: list[Example] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_known(self) -> IndicatorsFile:
        ids = {i for ind in self.indicators for i in ind.ids()}
        seen: set[str] = set()
        for ind in self.indicators:
            if ind.id in seen:
                raise ValueError(f"indicator {ind.id!r} is listed twice")
            seen.add(ind.id)
            if not ind.id.startswith(self.family + "."):
                raise ValueError(f"indicator {ind.id!r} does not start with its family {self.family!r}.")
        for ident in self.identities:
            for ref in (ident.total, *ident.parts, *ident.minus):
                if ref not in ids:
                    raise ValueError(f"identity {ident.id!r} names {ref!r}, which no indicator of the file yields")
        return self
