"""Label Studio and doccano export/import: the round trip rebuilds the gold lines exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bulletin_extract.cli import main
from bulletin_extract.evaluation import InteropError, load_gold
from bulletin_extract.evaluation.interop import from_doccano, from_label_studio, to_doccano, to_label_studio

DATA = Path(__file__).resolve().parent / "data" / "eval"
GOLD_FILE = DATA / "gold" / "mini.gold.jsonl"
REPO_GOLD = Path(__file__).resolve().parents[1] / "gold"

ROUND_TRIPS = {
    "label-studio": (to_label_studio, from_label_studio),
    "doccano": (to_doccano, from_doccano),
}


def _lines(folder: Path) -> list[str]:
    return [
        line
        for f in sorted(folder.glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.parametrize("fmt", ROUND_TRIPS)
@pytest.mark.parametrize("gold", [REPO_GOLD, REPO_GOLD / "iaa"], ids=["gold", "iaa"])
def test_gold_interop_round_trip_of_the_project_gold_is_exact(fmt: str, gold: Path) -> None:
    export, import_ = ROUND_TRIPS[fmt]
    docs = load_gold(gold)
    # Through JSON text, as the files would go, so nothing survives only as a Python object.
    exported = json.loads(json.dumps(export(docs), ensure_ascii=False))
    rebuilt = import_(exported)
    assert rebuilt == [d.to_record() for d in docs]
    assert [json.dumps(r, ensure_ascii=False) for r in rebuilt] == _lines(gold)


@pytest.mark.parametrize("fmt", ROUND_TRIPS)
def test_gold_interop_cli_round_trip_writes_identical_files(fmt: str, tmp_path: Path) -> None:
    exported = tmp_path / "export"
    out = tmp_path / "gold"
    assert main(["gold", "export", "--format", fmt, str(GOLD_FILE), "--root", str(DATA), "-o", str(exported)]) == 0
    assert main(["gold", "import", "--format", fmt, str(exported), "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["mini-a.gold.jsonl", "mini-b.gold.jsonl"]
    assert _lines(out) == _lines(GOLD_FILE.parent)


def test_gold_interop_label_studio_shape() -> None:
    docs = load_gold(GOLD_FILE, DATA)
    task = to_label_studio(docs)[0]
    assert task["data"]["text"] == docs[0].text and task["data"]["doc_id"] == "mini-a"
    results = task["annotations"][0]["result"]
    labels = [r for r in results if r["type"] == "labels"]
    assert len(labels) == len(docs[0].mentions)
    for r, m in zip(labels, docs[0].mentions, strict=True):
        assert r["from_name"] == "label" and r["to_name"] == "text"
        assert r["value"] == {"start": m["start"], "end": m["end"], "text": m["text"], "labels": [m["type"]]}
    count = next(r for r in labels if r["value"]["labels"] == ["count"])
    controls = {r["from_name"]: r for r in results if r["id"] == count["id"] and r["type"] != "labels"}
    # Attributes sit in per-region controls annotators can edit (direction null: no choice made).
    assert set(controls) == {"value", "unit", "qualifier", "subject", "as_of"}
    assert controls["value"]["type"] == "textarea" and controls["value"]["value"]["text"] == ["28369"]
    assert controls["qualifier"]["type"] == "choices" and controls["qualifier"]["value"]["choices"] == ["exact"]
    assert all(c["value"]["start"] == count["value"]["start"] for c in controls.values())
    org = next(r for r in labels if r["value"]["labels"] == ["ORG"])
    assert [r for r in results if r["id"] == org["id"]] == [org] and "meta" not in org


def test_gold_interop_doccano_shape() -> None:
    docs = load_gold(GOLD_FILE, DATA)
    row = to_doccano(docs)[1]
    assert row["text"] == docs[1].text and row["doc_id"] == "mini-b"
    assert row["label"] == [[m["start"], m["end"], m["type"]] for m in docs[1].mentions]
    attributed = {(a["start"], a["end"], a["type"]) for a in row["attributes"]}
    assert attributed == {
        (m["start"], m["end"], m["type"]) for m in docs[1].mentions if m["type"] not in ("PER", "LOC")
    }


def test_gold_interop_label_studio_prefers_annotations_over_predictions() -> None:
    task = to_label_studio(load_gold(GOLD_FILE, DATA))[0]
    human = task["annotations"][0]["result"]
    ids = list(dict.fromkeys(r["id"] for r in human))
    task["predictions"] = [{"result": [r for r in human if r["id"] == ids[0]]}]
    task["annotations"] = [{"was_cancelled": True, "result": []}, {"result": [r for r in human if r["id"] in ids[:2]]}]
    assert len(from_label_studio([task])[0]["mentions"]) == 2
    task["annotations"] = []
    assert len(from_label_studio([task])[0]["mentions"]) == 1


def test_gold_interop_doccano_accepts_entities_objects() -> None:
    row = to_doccano(load_gold(GOLD_FILE, DATA))[1]
    spans = row.pop("label")
    row["entities"] = [{"id": i, "start_offset": s, "end_offset": e, "label": t} for i, (s, e, t) in enumerate(spans)]
    row["id"] = 7
    assert from_doccano([row]) == [load_gold(GOLD_FILE, DATA)[1].to_record()]


def _shift_first_span(fmt: str, data: Any) -> Any:
    if fmt == "label-studio":
        data[0]["annotations"][0]["result"][0]["value"]["end"] = 10_000
    else:
        data[0]["label"][0][1] = 10_000
    return data


@pytest.mark.parametrize("fmt", ROUND_TRIPS)
def test_gold_interop_import_rejects_a_span_outside_the_text(fmt: str) -> None:
    export, import_ = ROUND_TRIPS[fmt]
    data = _shift_first_span(fmt, export(load_gold(GOLD_FILE, DATA)))
    with pytest.raises(InteropError, match="bad span"):
        import_(data)


def test_gold_interop_cli_import_reports_a_wrong_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    assert main(["gold", "import", "--format", "label-studio", str(f), "-o", str(tmp_path / "out")]) == 1
    assert "--format label-studio" in capsys.readouterr().err
