"""The report (error list, renderers), the prediction formats evaluate() accepts, the CLI and the import graph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import bulletin_extract
from bulletin_extract.cli import main
from bulletin_extract.evaluation import (
    EvaluationOptionError,
    PredictionFormatError,
    Report,
    evaluate,
    load_gold,
)
from bulletin_extract.evaluation.errorlist import CONTEXT_CHARS

DATA = Path(__file__).resolve().parent / "data" / "eval"
GOLD = DATA / "gold"
SYSTEM = DATA / "pred" / "system.jsonl"
PER_MENTION = DATA / "pred" / "per_mention.jsonl"
SRC = Path(bulletin_extract.__file__).resolve().parent


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(GOLD, SYSTEM, root=DATA)


def _gold_text(doc_id: str) -> str:
    return next(d.text for d in load_gold(GOLD, DATA) if d.doc_id == doc_id)


def test_report_errors_list_each_miss_and_spurious_prediction(report: Report) -> None:
    kinds = sorted((e.kind, e.type, e.text) for e in report.errors)
    assert kinds == sorted(
        [
            ("false_negative", "count", "四部门"),
            ("false_positive", "count", "四部门"),
            ("false_positive", "count", "20日"),
            ("false_negative", "pp", "2.1个百分点"),
            ("false_positive", "pp", "2.1个百分点"),
            ("false_negative", "DOC", "关于支持企业的意见"),
        ]
    )


def test_report_errors_carry_context_rule_and_counterpart(report: Report) -> None:
    text = _gold_text("mini-a")
    for e in report.errors:
        assert e.left == text[max(0, e.start - CONTEXT_CHARS) : e.start]
        assert e.right == text[e.end : e.end + CONTEXT_CHARS]
        assert len(e.left) <= CONTEXT_CHARS and len(e.right) <= CONTEXT_CHARS
    spurious = next(e for e in report.errors if e.text == "20日")
    assert spurious.rule == "count.bogus" and spurious.value == 20 and spurious.unit == "日"
    missed_pp = next(e for e in report.errors if e.type == "pp" and e.kind == "false_negative")
    assert missed_pp.value == 2.1 and missed_pp.counterpart is not None and "2.2" in missed_pp.counterpart


def test_report_errors_are_grouped_by_type_then_kind(report: Report) -> None:
    keys = [(e.type, e.kind) for e in report.errors]
    assert keys == [
        ("count", "false_negative"),
        ("count", "false_positive"),
        ("count", "false_positive"),
        ("pp", "false_negative"),
        ("pp", "false_positive"),
        ("DOC", "false_negative"),
    ]


def test_report_json_round_trips(report: Report) -> None:
    again = Report.model_validate_json(report.render("json"))
    assert again == report


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_report_renderers_cap_errors_per_type(report: Report, fmt: str) -> None:
    full, capped = report.render(fmt), report.render(fmt, 1)
    assert full.count("20日") > capped.count("20日")  # the second count error is cut, not the first


def test_report_markdown_has_a_row_per_type_and_family(report: Report) -> None:
    md = report.render("markdown")
    for name in [*report.strict.per_type, "all figures", "all times", "all entities", "all (micro)"]:
        assert f"| {name} |" in md or f"| **{name}** |" in md
    row = next(line for line in md.splitlines() if line.startswith("| count |"))
    s = report.strict.per_type["count"]
    assert f"| {s.gold} | {s.predicted} | {s.precision:.3f} |" in row


def test_report_text_escapes_line_breaks_in_context(report: Report) -> None:
    lines = report.render("text").splitlines()
    context_lines = [line for line in lines if "[四部门]" in line]
    assert context_lines and all("\n" not in line for line in context_lines)


@pytest.mark.parametrize("source", ["file", "folder", "mapping"])
def test_report_prediction_sources_agree(report: Report, source: str, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in SYSTEM.read_text(encoding="utf-8").splitlines()]
    preds: Any
    if source == "file":
        preds = SYSTEM
    elif source == "folder":
        for r in rows:
            (tmp_path / f"{r['doc_id']}.gold.jsonl").write_text(
                json.dumps(r, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        preds = tmp_path
    else:
        preds = {r["doc_id"]: r["mentions"] for r in rows}
    other = evaluate(GOLD, preds, root=DATA)
    assert other.strict == report.strict and other.errors == report.errors


def test_report_per_mention_lines_cover_only_named_documents() -> None:
    r = evaluate(GOLD, PER_MENTION, root=DATA)
    assert r.coverage.scored == ["mini-a"]
    assert r.coverage.not_predicted == ["mini-b"]
    assert r.coverage.unknown == ["mini-z"]
    assert r.notes and "one line per mention" in r.notes[0]
    assert r.strict.micro.gold == 7  # mini-a's mentions only
    header = r.render("text")
    assert "left out (no predictions): mini-b" in header and "ignored (not in gold): mini-z" in header


def test_report_in_memory_records_are_accepted() -> None:
    from bulletin_extract.records import mentions_from_json

    docs = load_gold(GOLD, DATA)
    preds = {d.doc_id: mentions_from_json(d.mentions) for d in docs}
    r = evaluate(GOLD, preds, root=DATA)
    assert r.strict.micro.f1 == 1.0


@pytest.mark.parametrize(
    ("types", "expected"),
    [("count,percent", ["count", "percent"]), (["times"], ["date", "period"]), ("PER", ["PER"])],
)
def test_report_types_restrict_scoring(types: Any, expected: list[str]) -> None:
    r = evaluate(GOLD, SYSTEM, types=types, root=DATA)
    assert list(r.strict.per_type) == expected
    assert {e.type for e in r.errors} <= set(expected)


def test_report_unknown_type_is_an_error() -> None:
    with pytest.raises(EvaluationOptionError, match="unknown type 'counts'"):
        evaluate(GOLD, SYSTEM, types="counts", root=DATA)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"doc_id": "mini-a", "mentions": [{"start": 1, "type": "PER"}]}', r"pred.jsonl:1.*start and end"),
        (
            '{"doc_id": "mini-a", "mentions": [{"start": 0, "end": 2, "type": "count", "value": "x"}]}',
            "must be a number",
        ),
        ('{"start": 0, "end": 2, "type": "PER"}', "needs a 'doc_id' or 'file'"),
        ("not json", "invalid JSON"),
        ('{"doc_id": "other", "mentions": []}', "cover none of the 2 gold documents"),
        ('{"doc_id": "mini-a", "mentions": []}\n{"doc_id": "mini-a", "mentions": []}', "already has a line"),
    ],
)
def test_report_bad_predictions_name_file_and_line(content: str, message: str, tmp_path: Path) -> None:
    p = tmp_path / "pred.jsonl"
    p.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(PredictionFormatError, match=message):
        evaluate(GOLD, p, root=DATA)


def test_report_runs_the_extractor_with_the_gold_context(monkeypatch: pytest.MonkeyPatch) -> None:
    import bulletin_extract.api as api
    from bulletin_extract.records import Document, mentions_from_json

    docs = {d.doc_id: d for d in load_gold(GOLD, DATA)}
    calls = []

    def fake(text: str, *, published: Any = None, region: Any = None, doc_id: Any = None, **_: Any) -> Document:
        calls.append((doc_id, published, region, text == docs[doc_id].text))
        return Document(doc_id=doc_id, mentions=mentions_from_json(docs[doc_id].mentions))

    monkeypatch.setattr(api, "extract_document", fake)
    r = evaluate(GOLD, None, root=DATA)
    assert sorted(calls) == [("mini-a", "2020-02-22", "山东省", True), ("mini-b", "2020-02-22", "山东省", True)]
    assert r.strict.micro.f1 == 1.0 and r.predictions == "bulletin_extract.api.extract_document"


def test_report_evaluate_is_exposed_lazily_on_the_package() -> None:
    from bulletin_extract import evaluation

    assert bulletin_extract.evaluate is evaluation.evaluate
    assert "evaluate" in bulletin_extract.__all__


_PROBE = """
import sys, types
pkg = types.ModuleType("bulletin_extract")
pkg.__path__ = [{src!r}]  # the package's own __init__ (which wires the extractor) is skipped on purpose
sys.modules["bulletin_extract"] = pkg
import bulletin_extract.evaluation
stages = [m for m in ("figures", "dates", "api", "context", "attributes", "numerals", "ruleset")
          if "bulletin_extract." + m in sys.modules]
print(",".join(stages))
"""


def test_report_evaluation_package_does_not_import_extraction_stages() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(src=str(SRC))], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_report_cli_evaluate_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.json"
    rc = main(
        [
            "evaluate",
            "--gold",
            str(GOLD),
            "--pred",
            str(SYSTEM),
            "--root",
            str(DATA),
            "--format",
            "json",
            "-o",
            str(out),
        ]
    )
    assert rc == 0
    assert Report.model_validate_json(out.read_text(encoding="utf-8")) == evaluate(GOLD, SYSTEM, root=DATA)
    rc = main(
        [
            "evaluate",
            "--gold",
            str(GOLD),
            "--pred",
            str(SYSTEM),
            "--root",
            str(DATA),
            "--format",
            "markdown",
            "--types",
            "count",
            "--errors",
            "0",
        ]
    )
    printed = capsys.readouterr().out
    assert rc == 0 and "| count |" in printed and "| pp |" not in printed and "| FP |" not in printed


def test_report_cli_evaluate_reports_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["evaluate", "--gold", str(GOLD), "--pred", str(SYSTEM), "--root", str(DATA), "--types", "bogus"])
    assert rc == 1
    assert "unknown type 'bogus'" in capsys.readouterr().err
