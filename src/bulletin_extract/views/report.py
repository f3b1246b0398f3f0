"""The evaluation report as one offline HTML page: scores, attribute accuracy, per-document scores, SVG charts
and the error list with each mention highlighted in its context, filterable by type, category and FN/FP."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .charts import Series, grouped_bars, stacked_bars
from .page import esc, fill, template

if TYPE_CHECKING:
    from ..evaluation.errorlist import ErrorItem
    from ..evaluation.metrics import Score
    from ..evaluation.report import Report

CATEGORY_COLOURS = {
    "missed": "#cf222e",
    "spurious": "#d4a72c",
    "type": "#8250df",
    "boundary": "#0969da",
    "value": "#1a7f37",
}
CATEGORY_NOTES = {
    "missed": "a gold mention no prediction overlaps",
    "spurious": "a prediction no gold mention overlaps",
    "type": "overlaps an unmatched mention of another type",
    "boundary": "overlaps one of the same type over another span",
    "value": "same type and span, another value or unit",
}


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _score_cells(s: Score) -> str:
    return (
        f'<td class="num">{s.gold}</td><td class="num">{s.predicted}</td><td class="num">{_f(s.precision)}</td>'
        f'<td class="num">{_f(s.recall)}</td><td class="num">{_f(s.f1)}</td>'
    )


def _score_rows(r: Report) -> str:
    rows = []
    for t, s in r.strict.per_type.items():
        d = r.detection.per_type.get(t, s)
        rows.append((esc(t), s, d, ""))
    for fam, s in r.strict.per_family.items():
        rows.append((f"all {esc(fam)}", s, r.detection.per_family[fam], ' class="total"'))
    rows.append(("all (micro)", r.strict.micro, r.detection.micro, ' class="total"'))
    return "".join(
        f'<tr{cls} data-type="{name}"><td>{name}</td>{_score_cells(s)}<td class="num">{_f(d.precision)}</td>'
        f'<td class="num">{_f(d.recall)}</td><td class="num">{_f(d.f1)}</td></tr>'
        for name, s, d, cls in rows
    )


def _attribute_rows(r: Report) -> str:
    return "".join(
        f'<tr><td>{esc(n)}</td><td class="num">{_f(a.accuracy)}</td><td class="num">{a.correct}</td>'
        f'<td class="num">{a.total}</td></tr>'
        for n, a in r.attributes.items()
    )


def _document_rows(r: Report) -> str:
    # Worst first: the documents to read are the ones the extractor does worst on.
    docs = sorted(r.documents, key=lambda d: (d.strict.f1, d.doc_id))
    return "".join(
        f'<tr data-doc="{esc(d.doc_id)}"><td>{esc(d.doc_id)}</td>{_score_cells(d.strict)}'
        f'<td class="num">{_f(d.detection.f1)}</td><td class="num">{d.false_negatives}</td>'
        f'<td class="num">{d.false_positives}</td></tr>'
        for d in docs
    )


def _flat(s: str) -> str:
    # A visible mark for line breaks keeps sentence ends (which matter for as_of) readable in one cell.
    return s.replace("\r", "").replace("\n", "\u21b5")


def _error_row(e: ErrorItem) -> str:
    kind = "FN" if e.kind == "false_negative" else "FP"
    value = " ".join(str(x) for x in (e.value, e.unit) if x not in (None, ""))
    why = "; ".join(x for x in (e.rule, e.counterpart and f"vs {e.counterpart}") if x)
    context = f"\u2026{esc(_flat(e.left))}<mark>{esc(_flat(e.text))}</mark>{esc(_flat(e.right))}\u2026"
    return (
        f'<tr class="{kind}" data-kind="{kind}" data-type="{esc(e.type)}" data-category="{esc(e.category)}">'
        f"<td>{kind}</td><td>{esc(e.type)}</td><td>{esc(e.category)}</td><td>{esc(e.doc_id)}</td>"
        f'<td class="num">{e.start}\u2013{e.end}</td><td>{esc(value)}</td><td class="ctx">{context}</td>'
        f"<td>{esc(why)}</td></tr>"
    )


def _facts(r: Report) -> str:
    from ..evaluation.report import header_lines  # the evaluation module imports this one

    return "".join(f"<li>{esc(line)}</li>" for line in header_lines(r))


def _charts(r: Report, errors: Sequence[ErrorItem]) -> tuple[str, str]:
    types = list(r.strict.per_type)
    f1 = grouped_bars(
        "F1 per type",
        types,
        [
            Series("match F1", "#0969da", [r.strict.per_type[t].f1 for t in types]),
            Series("detection F1", "#8cc4ff", [r.detection.per_type.get(t, r.strict.per_type[t]).f1 for t in types]),
        ],
    )
    counts: Counter[tuple[str, str]] = Counter((e.type, e.category) for e in errors)
    err_types = [t for t in types if any(counts[(t, c)] for c in CATEGORY_COLOURS)]
    by_cat = [Series(c, colour, [counts[(t, c)] for t in err_types]) for c, colour in CATEGORY_COLOURS.items()]
    return f1, stacked_bars("Errors per type, by category", err_types, by_cat)


def report_html(r: Report, errors_per_type: int | None = None) -> str:
    """The report page; *errors_per_type* caps the errors listed per type (default: all; the charts count all)."""
    from .. import __version__

    errors = r.errors
    if errors_per_type is not None:
        seen: Counter[str] = Counter()
        errors = [e for e in r.errors if (seen.update([e.type]) or seen[e.type] <= errors_per_type)]
    f1_chart, error_chart = _charts(r, r.errors)
    types = sorted({e.type for e in r.errors}, key=list(r.strict.per_type).index)
    return fill(
        "report.html",
        version=esc(__version__),
        title=esc(f"Evaluation: {r.predictions} against {r.gold}"),
        css=template("base.css") + template("report.css"),
        facts=_facts(r),
        f1_chart=f1_chart,
        error_chart=error_chart,
        categories="; ".join(f"<b>{esc(c)}</b>: {esc(n)}" for c, n in CATEGORY_NOTES.items()),
        score_rows=_score_rows(r),
        attribute_rows=_attribute_rows(r),
        document_rows=_document_rows(r),
        type_options="".join(f'<option value="{esc(t)}">{esc(t)}</option>' for t in types),
        category_options="".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in CATEGORY_COLOURS),
        error_count=str(len(errors)),
        error_rows="".join(_error_row(e) for e in errors),
        js=template("report.js"),
    )
