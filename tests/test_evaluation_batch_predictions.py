"""``evaluate --pred`` reads what the project writes: extract JSON lines and the batch's parquet, CSV and JSONL."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bulletin_extract.cli import main
from bulletin_extract.evaluation import PredictionFormatError, evaluate

DATA = Path(__file__).resolve().parent / "data" / "eval"
GOLD = DATA / "gold"


@pytest.fixture(scope="module")
def reference() -> dict[str, object]:
    """The scores of the extractor run in-process on the gold texts, as the batch outputs must reproduce them."""
    return evaluate(GOLD, None, root=DATA).model_dump(include={"strict", "detection", "attributes"})


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in (DATA / "corpus").glob("*.txt"):
        shutil.copy(f, folder / f.name)
    return folder


def _batch(tmp_path: Path, suffix: str) -> Path:
    out = tmp_path / f"out{suffix}"
    # Published and region as the gold states them, so the batch resolves the same times as the gold context.
    manifest = _corpus(tmp_path) / "manifest.jsonl"
    lines = [json.loads(line) for line in (GOLD / "mini.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    manifest.write_text(
        "".join(
            json.dumps({"file": Path(d["text_file"]).name, **{k: d[k] for k in ("doc_id", "published", "region")}})
            + "\n"
            for d in lines
        ),
        encoding="utf-8",
    )
    assert main(["batch", str(manifest.parent), "-o", str(out)]) == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_batch_outputs_score_as_the_extractor_does(suffix: str, tmp_path: Path, reference: dict[str, object]) -> None:
    out = _batch(tmp_path, suffix)
    report = evaluate(GOLD, out, root=DATA)
    assert report.model_dump(include={"strict", "detection", "attributes"}) == reference
    assert report.coverage.scored == ["mini-a", "mini-b"]
    assert any("documents table" in n for n in report.notes)


@pytest.mark.slow
def test_batch_documents_table_is_refused_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _batch(tmp_path, ".parquet")
    assert (
        main(["evaluate", "--gold", str(GOLD), "--root", str(DATA), "--pred", str(tmp_path / "out.documents.parquet")])
        == 1
    )
    err = capsys.readouterr().err
    assert "documents table" in err and str(out) in err and "Traceback" not in err


def test_binary_predictions_get_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "pred.jsonl"
    p.write_bytes(b"\x92\x00\xff binary")
    with pytest.raises(PredictionFormatError, match="not UTF-8 JSON lines"):
        evaluate(GOLD, p, root=DATA)


def test_batch_jsonl_rows_take_the_time_value_and_the_exact_value(tmp_path: Path) -> None:
    gold = [json.loads(line) for line in (GOLD / "mini.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    doc = gold[0]
    rows = []
    for m in doc["mentions"]:
        row = {"doc_id": doc["doc_id"], "path": "mini-a.txt", "value": None, "value_exact": None, "time_value": None}
        row.update({k: v for k, v in m.items() if k != "value"})
        if m["type"] in ("date", "period"):
            row["time_value"] = m["value"]
        elif "value" in m:
            row["value"], row["value_exact"] = float(m["value"]), str(m["value"])
        row["indicator"] = "a column a later version adds"
        rows.append(row)
    p = tmp_path / "rows.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    r = evaluate(GOLD, p, root=DATA)
    assert r.coverage.scored == ["mini-a"]
    assert r.strict.micro.f1 == 1.0
