"""The panel: one row per (document, region, period, indicator, scope, measure) from a mentions table.

Input is the table ``bulletin-extract batch`` writes (one row per mention, see :mod:`..io.tables`), so a
panel is an aggregation any researcher can redo in pandas.  Repeats of one figure (title, lead paragraph,
section) collapse into one cell that lists every mention as evidence; two different values for one key
make the cell a ``conflict``, with the alternatives listed.  A figure whose time is not written in its
sentence takes the document's reporting period: the time most of the document's indicator figures take.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .periods import period_bounds

if TYPE_CHECKING:
    import pandas as pd

    from ..batch.frames import TextOrPath

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


def _labels() -> dict[str, str]:
    from ..engine import default_engine

    out: dict[str, str] = {}
    for concept in default_engine().indicators.concepts.values():
        for ind in concept.ids():
            out[ind] = concept.label
    return out


def _modes(values: pd.Series, docs: pd.Series) -> dict[str, str]:
    """Per document, its most frequent value (T24 read as its day; a range only where nothing else is)."""
    timed = values.dropna().astype(str).str.replace(r"T\d\d(:\d\d)?$", "", regex=True)
    single = timed[~timed.str.contains("/")]
    modes: dict[str, str] = {}
    for part in (timed, single):  # single times win where a document has both
        if not part.empty:
            modes.update(part.groupby(docs.loc[part.index]).agg(lambda s: s.value_counts().index[0]))
    return modes


def _reporting_period(figs: pd.DataFrame, mentions: pd.DataFrame) -> pd.Series:
    """Per document, the time most of its indicator figures are as of, else the time it names most
    (8月份 in a release of 9月10日), else its publication date."""
    times = mentions[mentions["type"].isin(["date", "period"])]
    modes = _modes(times["time_value"], times["doc_id"])
    modes.update(_modes(figs["as_of"], figs["doc_id"]))
    published = figs["published"].map(lambda d: d.isoformat() if hasattr(d, "isoformat") else None)
    period: pd.Series = figs["doc_id"].map(modes).where(figs["doc_id"].isin(modes.keys()), published)
    return period


def _cell(group: pd.DataFrame) -> dict[str, Any]:
    first = group.iloc[0]
    distinct = list(dict.fromkeys(group["value_exact"]))
    evidence = [
        {"start": int(a), "end": int(b), "text": str(t)}
        for a, b, t in zip(group["start"], group["end"], group["text"], strict=True)
    ]
    return {
        "value": first["value"],
        "value_exact": first["value_exact"],
        "unit": first["unit"],
        "qualifier": first["qualifier"],
        "published": first["published"],
        "region": first["region_name"],
        "region_code": first["region_code"],
        "period_from": first["period_from"],
        "mentions": len(group),
        "conflict": len(distinct) > 1,
        "derived": bool((group["type"] == "derived").all()),
        "alternatives": json.dumps(distinct[1:], ensure_ascii=False),
        "evidence": json.dumps(evidence, ensure_ascii=False),
    }


def panel_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """The panel of a mentions table (columns :data:`COLUMNS`, one row per key, in document order)."""
    import pandas as pd

    figs = mentions[mentions["indicator"].notna()].copy()
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
    rows = []
    for key, group in figs.groupby(KEY, sort=False, dropna=False):
        rows.append({**dict(zip(KEY, key, strict=True)), **_cell(group)})
    out = pd.DataFrame(rows)
    bounds = out["period"].map(period_bounds)
    out["period_start"] = pd.to_datetime(bounds.map(lambda b: b[0]))
    out["period_end"] = pd.to_datetime(bounds.map(lambda b: b[1]))
    out["granularity"] = bounds.map(lambda b: b[2])
    out["label"] = out["indicator"].map(_labels())
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
    return panel_frame(frame)
