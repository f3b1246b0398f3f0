"""The gold regression gate: ``evaluate --baseline`` fails on any score below the recorded one, passes otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bulletin_extract.cli import main
from bulletin_extract.evaluation import evaluate
from bulletin_extract.evaluation.baseline import Baseline, compare
from bulletin_extract.evaluation.errors import BaselineFileError

DATA = Path(__file__).resolve().parent / "data" / "eval"
GOLD = DATA / "gold"
SYSTEM = DATA / "pred" / "system.jsonl"
ROOT = Path(__file__).resolve().parent.parent
# The fixture system's predictions, scored without running the extractor.
ARGS = ["evaluate", "--gold", str(GOLD), "--pred", str(SYSTEM), "--root", str(DATA)]


@pytest.fixture(scope="module")
def recorded() -> Baseline:
    return Baseline.of(evaluate(GOLD, SYSTEM, root=DATA))


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_baseline_of_a_report_compares_equal_to_it(recorded: Baseline) -> None:
    result = compare(recorded, evaluate(GOLD, SYSTEM, root=DATA))
    assert result.fallen == [] and result.risen == []
    # The fixture system gets one pp value wrong and adds a spurious count: scores between 0 and 1 to guard.
    assert recorded.strict_f1["pp"] == 0.0 and 0 < recorded.detection_f1["count"] < 1


def test_baseline_write_then_read_round_trips(recorded: Baseline, tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    recorded.write(path)
    assert Baseline.read(path) == recorded


def test_baseline_cli_passes_on_the_recorded_scores(
    recorded: Baseline, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "baseline.json"
    recorded.write(path)
    assert main([*ARGS, "--baseline", str(path)]) == 0
    assert capsys.readouterr().out == f"no score below the baseline {path}\n"


def test_baseline_cli_lists_each_fallen_score_and_exits_1(
    recorded: Baseline, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = recorded.model_dump()
    data["strict_f1"]["pp"] = 0.5
    data["detection_f1"]["count"] = 0.9
    path = _write(tmp_path / "baseline.json", data)
    assert main([*ARGS, "--baseline", str(path)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == ["strict F1 pp: 0.5000 → 0.0000", "detection F1 count: 0.9000 → 0.8571"]
    assert "2 score(s) below the baseline" in out.err and "--write-baseline" in out.err


def test_baseline_cli_notes_scores_above_the_baseline(
    recorded: Baseline, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = recorded.model_dump()
    data["strict_f1"]["count"] = 0.0
    assert main([*ARGS, "--baseline", str(_write(tmp_path / "baseline.json", data))]) == 0
    assert "(1 above it: record them with --write-baseline)" in capsys.readouterr().out


def test_baseline_score_missing_from_the_report_has_fallen(recorded: Baseline) -> None:
    data = recorded.model_dump()
    data["strict_f1"]["MONEY_TYPO"] = 0.5
    result = compare(Baseline.model_validate(data), evaluate(GOLD, SYSTEM, root=DATA))
    assert [str(c) for c in result.fallen] == ["strict F1 MONEY_TYPO: 0.5000 → missing"]


def test_baseline_cli_writes_the_scores(recorded: Baseline, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "baseline.json"
    assert main([*ARGS, "--write-baseline", str(path)]) == 0
    assert Baseline.read(path) == recorded
    assert capsys.readouterr().out == f"wrote {len(recorded.scores())} scores to {path}\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline"),
        ("{", "is not a baseline file"),
        ('{"strict_f1": {}, "detection_f1": {}}', "attribute_accuracy: Field required"),
        ('{"strict_f1": {"count": "high"}, "detection_f1": {}, "attribute_accuracy": {}}', "strict_f1.count"),
        ('{"strict_f1": {"count": 95.2}, "detection_f1": {}, "attribute_accuracy": {}}', "less than or equal to 1"),
        ('{"strict_f1": {}, "detection_f1": {}, "attribute_accuracy": {}, "micro": 1}', "micro: Extra inputs"),
    ],
)
def test_baseline_bad_file_is_an_error_naming_it(
    content: str | None, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineFileError, match=message):
        Baseline.read(path)
    assert main([*ARGS, "--baseline", str(path)]) == 1
    assert str(path) in capsys.readouterr().err


def test_baseline_refuses_types(recorded: Baseline, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "baseline.json"
    recorded.write(path)
    assert main([*ARGS, "--types", "count", "--baseline", str(path)]) == 1
    assert "drop --types" in capsys.readouterr().err


@pytest.mark.slow
def test_baseline_project_gold_meets_its_baseline_and_not_one_above_it() -> None:
    # The committed baseline must hold for the extractor as committed: raise it with the change that raises a score.
    report = evaluate(ROOT / "gold")
    recorded = Baseline.read(ROOT / "gold" / "baseline.json")
    assert [str(c) for c in compare(recorded, report).fallen] == []
    above = Baseline.model_validate(
        {part: {k: min(v + 0.0001, 1.0) for k, v in scores.items()} for part, scores in recorded.model_dump().items()}
    )
    below_one = [name for name, v in recorded.scores().items() if v < 1.0]
    assert below_one and [c.name for c in compare(above, report).fallen] == below_one
