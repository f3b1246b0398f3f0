"""Pattern files of times and context: time words, the time grammar, context words, punctuation and joiners."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, field_validator

from .schema_base import _PatternFile, _Strict, compiling_regex


class TimeWordsFile(_PatternFile):
    """Relative and named time words, resolved against the publication date."""

    kind: Literal["time_words"]
    relative: dict[str, dict[str, Any]] = Field(default_factory=dict)
    anchors: list[str] = Field(default_factory=list)


_TIME_RULE_ID = re.compile(r"time(\.[a-z0-9_]+)+")
_ISO_PERIOD = re.compile(r"([0-9]{4})-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _periods_by_year(v: dict[int, str], what: str) -> dict[int, str]:
    """Each value a period of days (``2025-01-28/2025-02-04``) ending in its key's year, its start not after its end."""
    for y, p in v.items():
        m = _ISO_PERIOD.fullmatch(p)
        start, _, end = p.partition("/")
        if m is None or start > end or int(end[:4]) != y:
            raise ValueError(f"{what} {y}: {p!r} is not a period of days YYYY-MM-DD/YYYY-MM-DD ending in {y}")
        try:
            dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except ValueError as exc:
            raise ValueError(f"{what} {y}: {p!r} holds no such day ({exc})") from exc
    return v


class NamedPeriod(_Strict):
    """A holiday or an event whose days are known for some years, and the names a text writes for it."""

    names: list[str] = Field(min_length=1)
    periods: dict[int, str] = Field(description="Year -> the period of its days, YYYY-MM-DD/YYYY-MM-DD.")

    @field_validator("periods")
    @classmethod
    def _periods(cls, v: dict[int, str]) -> dict[int, str]:
        return _periods_by_year(v, "period of")


class TimeGrammarFile(_PatternFile):
    """The grammar of dates and periods: regex fragments, one branch per rule id, and the words resolvers read.

    A branch or tail is a regex or a list of pieces joined without spaces; ``{name}`` refers to a fragment
    or a word table (``{name_first}``: the table's first characters).  Branches are tried in order.
    """

    kind: Literal["time_grammar"]
    fragments: dict[str, str] = Field(default_factory=dict)
    branches: dict[str, str] = Field(default_factory=dict, description="Rule id -> regex, tried in this order.")
    tails: dict[str, str] = Field(
        default_factory=dict, description="Rule id -> regex matched right after a date with a day."
    )
    first_chars: str = Field(
        default="", description="Character class body (may use {table_first}): what a match starts with."
    )
    anchor_chars: str = Field(
        default="", description="Character class body: one of them stands near the start of every match."
    )
    anchor_window: int = Field(default=12, ge=0, le=60)
    plan_anchor: str = Field(
        default="", description="Regex of a plan word (time_words anchors) and what may follow it up to a date."
    )
    plan_window: int = Field(default=8, ge=0, le=60, description="How far before a date a plan_anchor match may start.")
    base_mark: str = Field(
        default="", description="Regex matched where a time starts (lookbehinds): the time is a comparison base."
    )
    year_words: list[str] = Field(
        default_factory=list, description="Words for a year before a month, quarter or half (前年)."
    )
    month_words: list[str] = Field(default_factory=list, description="Words for a month before a day (本月十日).")
    edge_words: dict[str, int | None] = Field(
        default_factory=dict, description="Edges of a month or year; the month a year's edge names."
    )
    half_words: dict[str, int] = Field(default_factory=dict, description="上/下 of 上半年: the half each names.")
    ahead_words: list[str] = Field(default_factory=list, description="Span words counting years forward (今后五年).")
    since_words: list[str] = Field(
        default_factory=list, description="Words after a date that start a span from it (以来)."
    )
    named_periods: dict[str, NamedPeriod] = Field(
        default_factory=dict, description="Holidays and events with known days (国庆假期, 亚运会期间), by year."
    )
    holiday_suffixes: list[str] = Field(default_factory=list, description="Words for the days of one (假期, 期间).")
    lunar_first_month: dict[int, str] = Field(
        default_factory=dict, description="Year -> the first and last day of its first lunar month (正月)."
    )
    lunar_day_prefixes: dict[str, int] = Field(
        default_factory=dict, description="Marks before a lunar day and what they add to the numeral (初五, 廿三)."
    )
    day_alone_marks: list[str] = Field(
        default_factory=list, description="Marks after a day that may stand alone (20日)."
    )
    day_alone_not_followed_by: list[str] = Field(
        default_factory=list, description="Words that make a lone day a count of days."
    )
    day_alone_not_preceded_by: list[str] = Field(
        default_factory=list, description="Words before which a day is never alone."
    )

    @field_validator("branches", "tails", mode="before")
    @classmethod
    def _join_pieces(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {k: "".join(x) if isinstance(x, list) else x for k, x in v.items()}
        return v

    @field_validator("branches", "tails")
    @classmethod
    def _rule_ids(cls, v: dict[str, str]) -> dict[str, str]:
        for k in v:
            if not _TIME_RULE_ID.fullmatch(k):
                raise ValueError(f"{k!r} is not a time rule id (time.name)")
        return v

    @field_validator("lunar_first_month")
    @classmethod
    def _lunar(cls, v: dict[int, str]) -> dict[int, str]:
        return _periods_by_year(v, "lunar first month of")

    @field_validator("half_words")
    @classmethod
    def _halves(cls, v: dict[str, int]) -> dict[str, int]:
        for k, h in v.items():
            if h not in (1, 2):
                raise ValueError(f"half word {k!r}: {h} is not 1 or 2")
        return v

    @field_validator("edge_words")
    @classmethod
    def _edge_months(cls, v: dict[str, int | None]) -> dict[str, int | None]:
        for k, mo in v.items():
            if mo is not None and not 1 <= mo <= 12:
                raise ValueError(f"edge word {k!r}: {mo} is not a month")
        return v


class ContextFile(_PatternFile):
    """Words that tie a figure to its subject, time and comparison base."""

    kind: Literal["context"]
    subject_stop: list[str] = Field(default_factory=list)
    subject_stop_words_inside: list[str] = Field(
        default_factory=list,
        description="Words in which a subject stop word is part of the word (在院, 国有, 公共): no stop there.",
    )
    subject_strip_prefix: list[str] = Field(default_factory=list)
    subject_condition: str = Field(
        default="", description="Regex of a phrase saying how a figure was computed (按可比价格计算): no subject."
    )
    subject_aside: str = Field(
        default="", description="Regex of a bracketed note for the reader (（不含农户，下同）): no part of a subject."
    )
    subject_right_stop: list[str] = Field(
        default_factory=list, description="Words that end a head noun read after the unit."
    )
    distributive_words: list[str] = Field(
        default_factory=list, description="Words handing subjects out to a list of figures (分别)."
    )
    subject_of_marker: str = Field(
        default="", description="The particle after a figure that introduces what it measures (的)."
    )
    subject_strip_suffix: list[str] = Field(default_factory=list)
    comparison_bases: list[str] = Field(default_factory=list)
    comparison_words: list[str] = Field(
        default_factory=list, description="Bases a change is measured against (上年, 前一日)."
    )
    implicit_comparisons: dict[str, str] = Field(
        default_factory=dict, description="Markers that imply a base (同比 -> 上年同期)."
    )
    record_words: list[str] = Field(
        default_factory=list,
        description="Words after a period that make it the span a record is measured over (创10年来新高, "
        "6年来首次): the period governs no figure.",
    )
    comparison_false_friends: list[str] = Field(
        default_factory=list, description="Words containing a marker that compare nothing (比重)."
    )
    comparison_needs_base: list[str] = Field(
        default_factory=list,
        description="Markers that compare only before a base or a year (同上年, 同2019年; not 同航班).",
    )
    total_words: list[str] = Field(default_factory=list)
    partial_total_words: list[str] = Field(
        default_factory=list, description="Total words that often list only some parts (其中): no sum check after them."
    )
    breakdown_separators: list[str] = Field(
        default_factory=list, description="Marks that may stand between a total and its breakdown."
    )
    rate_words: list[str] = Field(default_factory=list)
    from_words: list[str] = Field(
        default_factory=list, description="Single characters that open a change from A (由, 从)."
    )
    to_words: list[str] = Field(default_factory=list, description="Words that lead to the end value B (增加到).")
    bare_number_after: list[str] = Field(
        default_factory=list, description="Words after which a unit-less number is an indicator value."
    )
    full_date: str = Field(
        default="", description="Regex of a full date with groups y, m, d (a header or signature date)."
    )
    date_line_tail: str = Field(
        default="", description="Regex of what may follow the date on a date line (clock time, weekday)."
    )


class GrammarFile(_PatternFile):
    """Punctuation and joining words that every stage reads: where sentences and clauses end, what joins items."""

    kind: Literal["grammar"]
    sentence_end: list[str] = Field(default_factory=list, description="Characters that end a sentence.")
    clause_marks: list[str] = Field(default_factory=list, description="Characters that end a clause.")
    item_separators: list[str] = Field(
        default_factory=list, description="Commas between the items of a list of figures."
    )
    list_joiners: list[str] = Field(default_factory=list, description="Words joining the items of a list.")
    range_joiners: list[str] = Field(default_factory=list, description="Words joining the ends of a range.")
    spaces: list[str] = Field(default_factory=list, description="Space characters allowed inside a mention.")
    open_brackets: list[str] = Field(default_factory=list, description="Opening brackets.")
    close_brackets: list[str] = Field(default_factory=list, description="Closing brackets.")
    hard_line_ends: list[str] = Field(
        default_factory=list, description="A line ending with one of these ends its sentence (。；：”): no layout wrap."
    )
    open_line_ends: list[str] = Field(
        default_factory=list,
        description="A line ending with one of these is mid-clause (，、): a wrap whatever its width.",
    )
    wrap_min_chars: int = Field(
        default=0, ge=0, description="Shorter lines are headings or signatures, never wrapped text (0: no wraps)."
    )
    paragraph_start: str = Field(
        default="", description="Regex of a line start that opens a paragraph (indent, list marker)."
    )
    function_chars: list[str] = Field(
        default_factory=list, description="Function words that never stand inside a counted noun phrase (是, 的, 和)."
    )

    @field_validator(
        "sentence_end", "clause_marks", "item_separators", "spaces", "function_chars", "open_brackets", "close_brackets"
    )
    @classmethod
    def _single_chars(cls, v: list[str]) -> list[str]:
        for c in v:
            if len(c) != 1:
                raise ValueError(f"{c!r} is not one character")
        return v


class TablesFile(_PatternFile):
    """How a table states what its cells are (ANNOTATION §3.1): unit lines, units in headers, row labels."""

    kind: Literal["tables"]
    unit_line: str = Field(
        default="", description="Regex of a line stating the table's unit, with a group 'unit' (单位：亿元)."
    )
    header_unit: str = Field(
        default="", description="Regex of a unit in a header cell, with a group 'unit' (绝对值（亿元）)."
    )
    unit_columns: list[str] = Field(
        default_factory=list, description="Header cells of a column that holds each row's unit (计量单位)."
    )
    label_prefixes: list[str] = Field(
        default_factory=list, description="Words before a row label that only structure it (其中：)."
    )
    change_headers: list[str] = Field(
        default_factory=list, description="Header words that make a column the size of a change (比上年)."
    )
    caption_max_chars: int = Field(
        default=60, ge=0, description="The line before a table is its caption when no longer than this."
    )
    stacked_caption: str = Field(
        default="", description="Regex of the line that opens a table a PDF text layer prints one cell per line (表3)."
    )
    label_headers: list[str] = Field(
        default_factory=list, description="Header cells over a table's row labels (指标名称, 产品名称)."
    )
    value_headers: list[str] = Field(
        default_factory=list, description="Header cells over a column of values that state no unit (产量, 绝对数)."
    )
    empty_cells: list[str] = Field(default_factory=list, description="Cells that hold no value (—).")
    cell_split: str = Field(default="", description="Regex between two header cells a line prints together.")
    label_marks: list[str] = Field(
        default_factory=list, description="Clause marks a row label may hold; any other one marks running text."
    )
    label_marker: str = Field(default="", description="Regex of a list marker before a row label (一、).")
    cell_max_chars: int = Field(
        default=30, ge=1, description="A stacked table's cells are lines no longer than this; a longer one ends it."
    )
    amount_changes: list[str] = Field(
        default_factory=list,
        description="Header words of a change column stated in the table's unit, not in percent (增减额).",
    )
    fused_head: str = Field(
        default="",
        description="Regex of one value-column header cell of a table printed without separators (比上年±%, 2005年);"
        " value_headers count as well.",
    )

    @field_validator("fused_head", "stacked_caption", "cell_split", "label_marker")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return compiling_regex(v)

    @field_validator("unit_line", "header_unit")
    @classmethod
    def _unit_group(cls, v: str) -> str:
        if v and "(?P<unit>" not in v:
            raise ValueError("the regex needs a group (?P<unit>...) for the unit it states")
        return compiling_regex(v)
