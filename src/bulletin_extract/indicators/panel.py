"""The panel: one row per (document, region, period, indicator, scope, measure) from a mentions table.

Input is the table ``bulletin-extract batch`` writes (one row per mention, see :mod:`..io.tables`), so a
panel is an aggregation any researcher can redo in pandas.  Repeats of one figure (title, lead paragraph,
section) collapse into one cell that lists every mention as evidence; two different values for one key
make the cell a ``conflict``, with the alternatives listed.  A figure whose time is not written in its
sentence takes the document's reporting period: the time most of the document's indicator figures take, or
in a document about years, the year its text reports on where the figure stands.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .periods import period_bounds

if TYPE_CHECKING:
    import pandas as pd

    from ..batch.frames import TextOrPath

_HOUR = re.compile(r"T\d\d(:\d\d)?$")
_YEAR = re.compile(r"\d{4}")
KEY = ["doc_id", "region_key", "period", "indicator", "scope", "measure"]
COLUMNS = [
    "doc_id",
    "published",
    "region",
    "region_code",
    "indicator",
    "label",
    "scope",
    "measure",
    "period",
    "period_start",
    "period_end",
    "granularity",
    "period_from",
    "value",
    "value_exact",
    "unit",
    "qualifier",
    "mentions",
    "conflict",
    "alternatives",
    "derived",
    "evidence",
]


@functools.lru_cache(maxsize=8)
def _labels(patterns: tuple[str | Path, ...] = ()) -> dict[str, str]:
    """Indicator id -> its Chinese label, from the catalogue files alone (no engine is built for this)."""
    from ..rules.ruleset import _pattern_paths, builtin_patterns_dir, load_pattern_file
    from ..rules.schema import IndicatorsFile

    paths = _pattern_paths([builtin_patterns_dir() / "indicators", *(Path(p) for p in patterns)])
    out: dict[str, str] = {}
    for path in paths:
        spec = load_pattern_file(path).spec
        if isinstance(spec, IndicatorsFile):
            out.update((i, concept.label) for concept in spec.indicators for i in concept.ids())
    return out


def _modes(values: pd.Series, docs: pd.Series) -> dict[str, str]:
    """Per document, its most frequent value (T24 read as its day; a range only where nothing else is)."""
    singles: dict[str, Counter[str]] = {}
    ranges: dict[str, Counter[str]] = {}
    for doc, value in zip(docs.tolist(), values.tolist(), strict=True):
        if not isinstance(value, str):
            continue
        day = _HOUR.sub("", value)
        (ranges if "/" in day else singles).setdefault(doc, Counter())[day] += 1
    counts = {**ranges, **singles}  # single times win where a document has both
    return {doc: c.most_common(1)[0][0] for doc, c in counts.items()}


def _reporting_period(figs: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Per figure, its document's period: the time most of its indicator figures are as of, else the time it
    names most (8月份 in a release of 9月10日), else its publication date; in a document about years, the
    last year before the figure that the text reports on (a work report's 2006年工作回顾, then its plan)."""
    times = mentions[mentions["type"].isin(["date", "period"])]
    modes = _modes(times["time_value"], times["doc_id"])
    modes.update(_modes(figs["as_of"], figs["doc_id"]))
    published = figs["published"].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else None)
    period: pd.Series = figs["doc_id"].map(modes).where(figs["doc_id"].isin(modes.keys()), published)
    years = _reporting_years(times)
    if not years:
        return period
    here = [
        _last_before(years[doc], start) if doc in years and isinstance(mode, str) and _YEAR.fullmatch(mode) else None
        for doc, start, mode in zip(figs["doc_id"].tolist(), figs["start"].tolist(), period.tolist(), strict=True)
    ]
    import pandas as pd

    located: pd.Series = pd.Series(here, index=period.index, dtype="object")
    chosen: pd.Series = located.where(located.notna(), period)
    return chosen


def _reporting_years(times: pd.DataFrame) -> dict[str, tuple[list[int], list[str]]]:
    """Per document, the starts and values of the years its text reports on from there on (sorted by start)."""
    if "reporting" not in times.columns:
        return {}  # a table written before the column existed
    marked = times[times["reporting"].fillna(False).astype(bool)]
    out: dict[str, tuple[list[int], list[str]]] = {}
    columns = (marked["doc_id"].tolist(), marked["start"].tolist(), marked["time_value"].tolist())
    for doc, start, value in zip(*columns, strict=True):
        if isinstance(value, str) and _YEAR.fullmatch(value):
            starts, values = out.setdefault(doc, ([], []))
            starts.append(int(start))
            values.append(value)
    return out


def _last_before(years: tuple[list[int], list[str]], start: int) -> str | None:
    starts, values = years
    i = bisect.bisect_right(starts, start) - 1
    return values[i] if i >= 0 else None


_CARRIED = ["value", "value_exact", "unit", "qualifier", "published", "region_name", "region_code", "period_from"]


def _cells(figs: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per key in order of first mention: the first mention's values, every mention's evidence.

    Plain Python over column lists: a pandas group per key costs a millisecond each, and a corpus has
    thousands of keys.
    """
    cols = {c: figs[c].tolist() for c in [*KEY, *_CARRIED, "start", "end", "text", "type"]}
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, key in enumerate(zip(*(cols[k] for k in KEY), strict=True)):
        groups.setdefault(key, []).append(i)
    rows = []
    for key, idx in groups.items():
        first = idx[0]
        distinct = list(dict.fromkeys(cols["value_exact"][i] for i in idx))
        evidence = [{"start": int(cols["start"][i]), "end": int(cols["end"][i]), "text": cols["text"][i]} for i in idx]
        row = dict(zip(KEY, key, strict=True))
        row.update({c: cols[c][first] for c in _CARRIED})
        row["region"] = row.pop("region_name")
        row.update(
            mentions=len(idx),
            conflict=len(distinct) > 1,
            derived=all(cols["type"][i] == "derived" for i in idx),
            alternatives=json.dumps(distinct[1:], ensure_ascii=False),
            evidence=json.dumps(evidence, ensure_ascii=False),
        )
        rows.append(row)
    return rows


def panel_frame(mentions: pd.DataFrame, patterns: Sequence[str | Path] = ()) -> pd.DataFrame:
    """The panel of a mentions table (columns :data:`COLUMNS`, one row per key, in document order).

    *patterns* are the extra pattern files the table was extracted with (for their indicators' labels).
    """
    import pandas as pd

    figs = mentions[mentions["indicator"].notna()].copy()
    for col in ("scope", "measure"):  # None keys would not group with each other
        figs[col] = figs[col].fillna("")
    if figs.empty:
        empty: pd.DataFrame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
        return empty
    fallback = _reporting_period(figs, mentions)
    figs["period_from"] = figs["as_of"].map(lambda v: "mention" if isinstance(v, str) else "document")
    # A change stated in words (下降0.7个百分点) is negative in a panel; a printed sign already is.
    falls = (figs["measure"] == "change") & (figs["direction"] == "down") & (figs["value"] > 0)
    figs.loc[falls, "value"] = -figs.loc[falls, "value"]
    figs.loc[falls, "value_exact"] = "-" + figs.loc[falls, "value_exact"]
    figs["period"] = figs["as_of"].where(figs["as_of"].notna(), fallback).fillna("")
    figs["region_name"] = figs["mention_region"].where(figs["mention_region"].notna(), figs["region"])
    figs["region_key"] = figs["region_code"].where(figs["region_code"].notna(), figs["region_name"]).fillna("")
    out = pd.DataFrame(_cells(figs))
    bounds = out["period"].map(period_bounds)
    out["period_start"] = pd.to_datetime(bounds.map(lambda b: b[0]))
    out["period_end"] = pd.to_datetime(bounds.map(lambda b: b[1]))
    out["granularity"] = bounds.map(lambda b: b[2])
    out["label"] = out["indicator"].map(_labels(tuple(patterns)))
    out["published"] = pd.to_datetime(out["published"])
    panel: pd.DataFrame = out[COLUMNS].reset_index(drop=True)
    return panel


def extract_panel(
    items: TextOrPath | Iterable[TextOrPath] | Mapping[str, TextOrPath],
    *,
    published: str | None = None,
    region: str | None = None,
    entities: bool = True,
    patterns: Sequence[str | Path] | None = None,
) -> pd.DataFrame:
    """The panel of texts or files (read like :func:`~bulletin_extract.extract_frame` reads them).

    >>> p = extract_panel(["截至2月20日，全省规模以上工业企业复工率84.1%。"], published="2020-02-22", region="山东省")
    >>> p[["region", "indicator", "measure", "period", "value"]].values.tolist()
    [['山东省', 'res.work_rate', 'rate', '2020-02-20', 84.1]]
    """
    from ..batch.frames import extract_frame

    frame = extract_frame(items, published=published, region=region, entities=entities, patterns=patterns)
    return panel_frame(frame, patterns or ())
