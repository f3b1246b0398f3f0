"""``gold check``: every kind of broken gold record is reported with its file and line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bulletin_extract.cli import main
from bulletin_extract.evaluation import GoldFormatError, check_gold, load_gold
from bulletin_extract.evaluation.gold import duration_units

DATA = Path(__file__).resolve().parent / "data" / "eval"
GOLD_FILE = DATA / "gold" / "mini.gold.jsonl"
LINES = [json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines()]

Edit = Callable[[dict[str, Any]], None]


def _mention(rec: dict[str, Any], type_: str) -> dict[str, Any]:
    return next(m for m in rec["mentions"] if m["type"] == type_)


def _set(type_: str, **kw: Any) -> Edit:
    return lambda rec: _mention(rec, type_).update(kw)


def _add(fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Edit:
    return lambda rec: rec["mentions"].append(fn(rec))


BROKEN: dict[str, tuple[Edit, str]] = {
    "text differs from the document": (_set("percent", text="84.2%"), "!= document[30:35]"),
    "unknown type": (_set("ORG", type="COMPANY"), "unknown type 'COMPANY'"),
    "span past the end": (_set("DOC", end=10_000), "bad span"),
    "empty span": (_set("DOC", end=65), "bad span"),
    "bad date value": (_set("date", value="2020-02-30"), "date value '2020-02-30'"),
    "date at an unknown granularity": (_set("date", value="2020-W08"), "date value '2020-W08'"),
    "bad period value": (_set("date", type="period", value="2020-02-20"), "is not START/END"),
    "bad as_of": (_set("percent", as_of="Feb 20"), "as_of 'Feb 20'"),
    "figure value not a number": (_set("percent", value="84.1"), "must be a number"),
    "percent unit": (_set("percent", unit="个"), "percent unit must be '%'"),
    "money unit not ISO 4217": (_set("count", type="money", unit="元"), "not an ISO 4217 code"),
    "number with a unit": (_set("percent", type="number"), "number unit must be ''"),
    "duration unit not canonical": (_set("count", type="duration", unit="个月"), "duration unit '个月'"),
    "bad qualifier": (_set("percent", qualifier="about"), "qualifier 'about'"),
    "bad direction": (_set("percent", direction="rise"), "direction 'rise'"),
    "duplicate mention": (_add(lambda rec: dict(_mention(rec, "percent"))), "duplicates mention #2"),
    "overlapping mention of one type": (
        _add(lambda rec: dict(_mention(rec, "percent"), start=31, text="4.1%", value=4.1)),
        "overlaps percent mention #2",
    ),
    "same span, two types": (_add(lambda rec: dict(_mention(rec, "ORG"), type="LOC")), "same span as mention #4"),
    "missing key": (lambda rec: rec.pop("text_file"), "missing key 'text_file'"),
    "unreadable text file": (lambda rec: rec.update(text_file="corpus/nope.txt"), "cannot read text_file"),
    "duplicate doc_id": (lambda rec: rec.update(doc_id="mini-b"), "doc_id 'mini-b' already labelled"),
}


def _write(tmp_path: Path, lines: list[Any]) -> Path:
    shutil.copytree(DATA / "corpus", tmp_path / "corpus")
    (tmp_path / "gold").mkdir()
    f = tmp_path / "gold" / "g.gold.jsonl"
    rows = [x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines]
    f.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    return f


@pytest.mark.parametrize(("edit", "reason"), BROKEN.values(), ids=BROKEN.keys())
def test_gold_check_reports_file_line_and_reason(edit: Edit, reason: str, tmp_path: Path) -> None:
    # The edits break mini-a; it goes on line 2, after a valid mini-b, so the line number is tested too.
    broken = json.loads(json.dumps(LINES[0]))
    edit(broken)
    f = _write(tmp_path, [LINES[1], broken])
    problems = check_gold(f.parent)
    assert problems, "the broken record was not reported"
    assert all(p.file == str(f) and p.line == 2 for p in problems), problems
    assert any(reason in p.reason for p in problems), [p.reason for p in problems]


@pytest.mark.parametrize("line", ["{not json", "[1, 2]", "null"])
def test_gold_check_reports_lines_that_are_not_records(line: str, tmp_path: Path) -> None:
    f = _write(tmp_path, [LINES[0], line])
    problems = check_gold(f.parent)
    assert [(p.file, p.line) for p in problems] == [(str(f), 2)]


def test_gold_check_accepts_the_fixture_and_the_project_gold() -> None:
    assert check_gold(GOLD_FILE, DATA) == []
    repo_gold = Path(__file__).resolve().parents[1] / "gold"
    assert check_gold(repo_gold) == []


def test_gold_check_duration_units_are_the_guideline_ones() -> None:
    # ANNOTATION.md §1.1: one of 年 月 周 天 小时 分钟 秒.
    assert duration_units() == {"年", "月", "周", "天", "小时", "分钟", "秒"}


def test_gold_check_load_gold_refuses_a_broken_set(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(LINES[0]))
    _set("percent", text="84.2%")(broken)
    f = _write(tmp_path, [broken])
    with pytest.raises(GoldFormatError, match=r"g.gold.jsonl:1: .*84.2%"):
        load_gold(f.parent)


def test_gold_check_cli_lists_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = json.loads(json.dumps(LINES[1]))
    _set("PER", text="龚")(broken)
    _set("duration", unit="日")(broken)
    f = _write(tmp_path, [LINES[0], broken])
    assert main(["gold", "check", str(f.parent)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and all(line.startswith(f"{f}:2: ") for line in out)


def test_gold_check_cli_summarises_a_valid_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gold", "check", str(GOLD_FILE), "--root", str(DATA)]) == 0
    out = capsys.readouterr().out
    n = sum(len(rec["mentions"]) for rec in LINES)
    assert f"valid; {len(LINES)} documents, {n} mentions" in out
    counts = {line.split()[0]: int(line.split()[1]) for line in out.splitlines()[1:]}
    assert counts["count"] == sum(m["type"] == "count" for rec in LINES for m in rec["mentions"])
    assert sum(counts.values()) == n
