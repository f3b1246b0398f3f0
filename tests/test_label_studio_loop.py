"""The annotation loop on files shaped as Label Studio and doccano write them.

gold export -> annotators edit attributes, delete, draw spans -> Label Studio JSON export -> gold import ->
gold check; extractor output as predictions (gold preannotate) -> accepted in the tool -> gold; tasks made in
the tool itself (no doc_id, no text_file); doccano rows named by doccano's id.  The export shape follows
Label Studio's documented task format: a JSON list of tasks with ``id``, ``data``, ``annotations`` (each with
``id``, ``result``, ``was_cancelled``, ``ground_truth``, ``completed_by`` …) and ``predictions``; a region is
one ``labels`` item plus one item per per-region control, all sharing the region's ``id``.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from bulletin_extract.cli import main
from bulletin_extract.evaluation import InteropError, evaluate, load_gold
from bulletin_extract.evaluation.gold import ALL_TYPES, QUALIFIERS
from bulletin_extract.evaluation.interop import from_doccano, from_label_studio, to_doccano
from bulletin_extract.evaluation.label_studio import ATTRIBUTES, label_config

DATA = Path(__file__).resolve().parent / "data" / "eval"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository-shaped folder: corpus/ with the two texts, gold/ with their gold lines."""
    shutil.copytree(DATA / "corpus", tmp_path / "corpus")
    (tmp_path / "gold").mkdir()
    shutil.copy(DATA / "gold" / "mini.gold.jsonl", tmp_path / "gold")
    return tmp_path


def _as_label_studio_exports(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What Label Studio's JSON export adds around each task and annotation (ids, users, times, origins)."""
    out = []
    for k, t in enumerate(tasks, 1):
        anns = []
        for j, a in enumerate(t.get("annotations", []), 1):
            result = [{**r, "origin": "manual"} for r in a["result"]]
            anns.append(
                {
                    "id": 100 * k + j,
                    "completed_by": 1,
                    "result": result,
                    "was_cancelled": False,
                    "ground_truth": False,
                    "created_at": "2026-12-01T10:00:00.000000Z",
                    "updated_at": "2026-12-01T10:05:00.000000Z",
                    "lead_time": 42.1,
                    "task": k,
                    "project": 3,
                }
            )
        out.append(
            {
                **t,
                "id": k,
                "annotations": anns,
                "predictions": t.get("predictions", []),
                "meta": {},
                "created_at": "2026-12-01T09:00:00.000000Z",
                "inner_id": k,
                "total_annotations": len(anns),
                "cancelled_annotations": 0,
                "project": 3,
            }
        )
    return out


def _region(result: list[dict[str, Any]], text: str) -> str:
    return next(r["id"] for r in result if r["type"] == "labels" and r["value"]["text"] == text)


def _control(result: list[dict[str, Any]], rid: str, name: str) -> dict[str, Any]:
    return next(r for r in result if r["id"] == rid and r["from_name"] == name)


def _drawn(rid: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    """A span an annotator drew in Label Studio: only its labels item."""
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": {"start": start, "end": end, "text": text, "labels": [label]},
    }


def test_label_config_has_every_type_and_a_per_region_control_per_attribute() -> None:
    root = ET.fromstring(label_config())
    labels = root.find(".//Labels")
    assert labels is not None and labels.get("name") == "label" and labels.get("toName") == "text"
    assert sorted(lb.get("value") for lb in labels.iter("Label")) == sorted(ALL_TYPES)
    controls = {c.get("name"): c for c in root.iter() if c.get("perRegion") == "true"}
    assert set(controls) == set(ATTRIBUTES)
    assert all(c.get("toName") == "text" for c in controls.values())
    assert {c.get("value") for c in controls["qualifier"].iter("Choice")} == set(QUALIFIERS)
    assert root.find(".//Text").get("value") == "$text"  # type: ignore[union-attr]


def test_label_studio_loop_edits_deletions_and_drawn_spans(
    repo: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    exported = repo / "tasks.json"
    assert main(["gold", "export", "--format", "label-studio", str(repo / "gold"), "-o", str(exported)]) == 0
    tasks = _as_label_studio_exports(json.loads(exported.read_text(encoding="utf-8")))
    a = tasks[0]["annotations"][0]["result"]
    # Edit: 28369家 becomes approximate with another subject; delete the ORG region.
    rid = _region(a, "28369家")
    _control(a, rid, "qualifier")["value"]["choices"] = ["approx"]
    _control(a, rid, "subject")["value"]["text"] = ["规上工业企业"]
    org = _region(a, "山东省财政厅")
    a[:] = [r for r in a if r["id"] != org]
    # Draw: 84.1% again is there; a count over 四部门 drawn anew (the extractor reads it), and a count over 山东省,
    # which nothing reads as a count.
    a[:] = [r for r in a if r["id"] != _region(a, "四部门")]
    a.append(_drawn("kX9_draw1", 57, 60, "四部门", "count"))
    a.append(_drawn("kX9_draw2", 50, 53, "山东省", "count"))
    exported.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    out = repo / "gold-new"
    args = ["gold", "import", "--format", "label-studio", str(exported), "-o", str(out)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "'山东省' count: value left blank and the extractor reads no count" in err
    assert "nothing written" in err and not out.exists()
    # The annotator fills that region's value and unit boxes and exports again.
    for name, v in (("value", "1"), ("unit", "个")):
        a.append(
            {
                "id": "kX9_draw2",
                "from_name": name,
                "to_name": "text",
                "type": "textarea",
                "origin": "manual",
                "value": {"start": 50, "end": 53, "text": [v]},
            }
        )
    exported.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(args) == 0
    filled = [r.getMessage() for r in caplog.records if r.getMessage().startswith("filled:")]
    assert len(filled) == 1 and "'四部门' count: value=4, unit='部门'" in filled[0]  # listed for review
    assert main(["gold", "check", str(out), "--root", str(repo)]) == 0
    [doc] = [d for d in load_gold(out, repo) if d.doc_id == "mini-a"]
    by_text = {m["text"]: m for m in doc.mentions}
    assert by_text["28369家"]["qualifier"] == "approx" and by_text["28369家"]["subject"] == "规上工业企业"
    assert "山东省财政厅" not in by_text
    assert {k: by_text["四部门"][k] for k in ("value", "unit", "qualifier")} == {
        "value": 4,
        "unit": "部门",
        "qualifier": "exact",
    }
    assert (
        by_text["山东省"]["value"] == 1 and by_text["山东省"]["unit"] == "个" and by_text["山东省"]["subject"] is None
    )
    # The untouched document comes back exactly.
    assert (out / "mini-b.gold.jsonl").read_text(encoding="utf-8") == next(
        json.dumps(r, ensure_ascii=False) + "\n"
        for r in map(json.loads, (DATA / "gold" / "mini.gold.jsonl").read_text(encoding="utf-8").splitlines())
        if r["doc_id"] == "mini-b"
    )


def test_label_studio_loop_predictions_accepted_become_gold(repo: Path) -> None:
    tasks_file = repo / "pre.json"
    assert main(["gold", "preannotate", str(repo / "corpus"), "-o", str(tasks_file), "--root", str(repo)]) == 0
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    assert sorted(t["data"]["doc_id"] for t in tasks) == ["mini-a", "mini-b"]
    assert all(t["data"]["text_file"].startswith("corpus/") and t["predictions"][0]["result"] for t in tasks)
    # An annotator accepts the predictions: Label Studio copies them into the annotation.
    for t in tasks:
        t["annotations"] = [{"result": [{**r, "origin": "prediction"} for r in t["predictions"][0]["result"]]}]
    exported = repo / "export.json"
    exported.write_text(json.dumps(_as_label_studio_exports(tasks), ensure_ascii=False), encoding="utf-8")
    out = repo / "gold-pre"
    assert main(["gold", "import", "--format", "label-studio", str(exported), "-o", str(out)]) == 0
    assert main(["gold", "check", str(out), "--root", str(repo)]) == 0
    # Gold made of the accepted predictions scores the extractor perfectly: nothing was lost on the way.
    r = evaluate(out, None, root=repo)
    assert r.strict.micro.f1 == 1.0 and r.strict.micro.gold > 10
    assert all(a.accuracy == 1.0 for a in r.attributes.values())


def test_label_studio_task_made_in_the_tool_imports(repo: Path) -> None:
    text = "截至2020年3月1日，全市新增病例5例。"
    task = {
        "id": 57,
        "data": {"text": text},
        "annotations": [
            {
                "result": [
                    _drawn("a1", text.index("5例"), text.index("5例") + 2, "5例", "count"),
                    _drawn("a2", 2, 11, "2020年3月1日", "date"),
                ]
            }
        ],
    }
    exported = repo / "made.json"
    exported.write_text(json.dumps(_as_label_studio_exports([task]), ensure_ascii=False), encoding="utf-8")
    out = repo / "gold" / "made"
    assert main(["gold", "import", "--format", "label-studio", str(exported), "-o", str(out)]) == 0
    [line] = [json.loads(x) for x in (out / "ls-1.gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert line["text_file"] == "corpus/imported/ls-1.txt"
    assert (repo / line["text_file"]).read_text(encoding="utf-8") == text
    assert main(["gold", "check", str(out)]) == 0
    count = next(m for m in line["mentions"] if m["type"] == "count")
    assert (count["value"], count["unit"]) == (5, "例")


def test_doccano_rows_without_doc_id_use_doccano_id_and_keep_attributes(repo: Path) -> None:
    rows = to_doccano(load_gold(repo / "gold", repo))
    # doccano's JSONL export: its own id, the labels, Comments; our side fields come back as they went.
    exported = []
    for n, row in enumerate(rows, 7):
        row = {"id": n, **{k: v for k, v in row.items() if k != "doc_id"}, "Comments": []}
        exported.append(row)
    # A span drawn in doccano carries no attributes: 四部门's side entry is gone, as if it were drawn there.
    exported[0]["attributes"] = [x for x in exported[0]["attributes"] if x["start"] != 57]
    lines = from_doccano(json.loads(json.dumps(exported, ensure_ascii=False)))
    assert [x["doc_id"] for x in lines] == ["7", "8"]
    assert [m for m in lines[1]["mentions"]] == load_gold(repo / "gold", repo)[1].mentions
    four = [m for m in lines[0]["mentions"] if m["text"] == "四部门"]
    assert len(four) == 1 and (four[0]["value"], four[0]["unit"], four[0]["qualifier"]) == (4, "部门", "exact")


def test_label_studio_blank_value_without_extractor_reading_is_named(repo: Path) -> None:
    task = {
        "id": 1,
        "data": {"doc_id": "x", "text": "山东省"},
        "annotations": [{"result": [_drawn("r", 0, 3, "山东省", "money")]}],
    }
    with pytest.raises(InteropError, match=r"'山东省' money: value left blank.*fill the value box"):
        from_label_studio([task])
