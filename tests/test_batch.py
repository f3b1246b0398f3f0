"""Batch runs over folders: messy inputs, identical results across jobs and formats, resumption after a kill."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from bulletin_extract import extract_frame
from bulletin_extract.batch.local import (
    BatchError,
    BatchOptions,
    ChunkResult,
    PartStore,
    job_record,
    plan,
    run_chunk,
    run_local,
)
from bulletin_extract.cli import main
from bulletin_extract.commands import batch as batch_command
from bulletin_extract.io.readers import find_manifest
from bulletin_extract.io.tables import DOCUMENTS, MENTIONS, documents_path

SENTENCES = [
    "截至{m}月{d}日，全省规模以上工业企业复工率达到{p}%，比上周提高{q}个百分点。",
    "全市新增确诊病例{n}例，累计治愈出院{k}人。",
    "{m}月份，全省完成固定资产投资{y}亿元，同比增长{q}%。",
    "当日共发放口罩{n}万只，调运蔬菜{k}吨。",
]
NO_ENTITIES = BatchOptions(entities=False)


def _text(i: int) -> str:
    vals = {
        "m": 1 + i % 12,
        "d": 1 + i % 28,
        "p": f"{50 + i % 50}.{i % 10}",
        "q": f"{i % 9}.{i % 7}",
        "n": 3 + i * 7 % 400,
        "k": 11 + i * 13 % 900,
        "y": f"{i % 97}.{i % 5}",
    }
    lines = [SENTENCES[(i + j) % len(SENTENCES)].format(**vals) for j in range(3 + i % 5)]
    return f"2020-{1 + i % 12:02d}-{1 + i % 28:02d} 10:00\n" + "\n".join(lines)


def _write_corpus(root: Path, n: int) -> Path:
    """*n* generated UTF-8 bulletins in a few subfolders."""
    for i in range(n):
        folder = root / f"kind{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{i:04d}.txt").write_text(_text(i), encoding="utf-8")
    return root


def _messy_folder(root: Path) -> dict[str, tuple[str, str | None]]:
    """A folder of every kind of trouble; returns ``path -> (status, encoding)`` expected per document."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(_text(1), encoding="utf-8")
    (root / "gbk.txt").write_bytes(_text(2).encode("gbk"))
    (root / "big5.txt").write_bytes(
        "臺北市政府統計處公布，上月失業率為3.7%，較上年同月下降0.2個百分點。".encode("big5")
    )
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + _text(3).encode("utf-8"))
    (root / "replaced.txt").write_bytes(_text(4).encode("utf-8") + b"\xff" + _text(5).encode("utf-8"))
    (root / "bad-encoding.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (root / "empty.txt").write_bytes(b"")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (root / "page.html").write_text(
        f"<html><head><title>通报</title><script>var x = '84.1%';</script><style>p {{}}</style></head>"
        f"<body><p>{_text(6).replace(chr(10), '</p><p>')}</p></body></html>",
        encoding="utf-8",
    )
    (root / "one.json").write_text(json.dumps({"text": _text(7)}, ensure_ascii=False), encoding="utf-8")
    (root / "many.jsonl").write_text(
        json.dumps({"id": "rec-a", "text": _text(8)}, ensure_ascii=False)
        + "\n{broken\n"
        + json.dumps({"text": _text(9)}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    (root / "folder.txt").mkdir()
    (root / "folder.txt" / "inner.txt").write_text(_text(10), encoding="utf-8")
    os.symlink(root / "does-not-exist.txt", root / "gone.txt")
    (root / ".hidden.txt").write_text(_text(11), encoding="utf-8")
    (root / "manifest.jsonl").write_text(
        json.dumps(
            {"doc_id": "good-1", "file": "good.txt", "published": "2021-03-04", "region": "山东省"}, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )
    return {
        "bad-encoding.txt": ("error", None),
        "big5.txt": ("ok", "big5"),
        "bom.txt": ("ok", "utf-8-sig"),
        "empty.txt": ("empty", "utf-8"),
        "folder.txt/inner.txt": ("ok", "utf-8"),
        "gbk.txt": ("ok", "gb18030"),
        "gone.txt": ("error", None),
        "good.txt": ("ok", "utf-8"),
        "image.txt": ("error", None),
        "many.jsonl#1": ("ok", "utf-8"),
        "many.jsonl#2": ("error", "utf-8"),
        "many.jsonl#3": ("ok", "utf-8"),
        "one.json": ("ok", "utf-8"),
        "page.html": ("ok", "utf-8"),
        "replaced.txt": ("ok", "utf-8"),
    }


def _read(out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(out), pd.read_parquet(documents_path(out))


def _doc_key(row: pd.Series) -> str:
    return row["path"] + (f"#{int(row['record'])}" if row["format"] == "jsonl" else "")


@pytest.mark.slow
def test_batch_records_every_file_of_a_messy_folder(tmp_path):
    expected = _messy_folder(tmp_path / "in")
    result = run_local(
        tmp_path / "in", tmp_path / "out.parquet", BatchOptions(), jobs=1, manifest=tmp_path / "in" / "manifest.jsonl"
    )
    _, docs = _read(tmp_path / "out.parquet")
    got = {
        _doc_key(r): (r["status"], r["encoding"] if isinstance(r["encoding"], str) else None)
        for _, r in docs.iterrows()
    }
    assert got == expected
    errors = docs.set_index(docs.apply(_doc_key, axis=1))["error"]
    assert "binary" in errors["image.txt"] and "not text" in errors["bad-encoding.txt"]
    assert "cannot read gone.txt" in errors["gone.txt"] and "not valid JSON" in errors["many.jsonl#2"]
    assert errors[[k for k, (s, _) in expected.items() if s != "error"]].isna().all()
    replaced = docs[docs.path == "replaced.txt"].iloc[0]
    assert replaced["replacements"] == 1 and "U+FFFD" in replaced["warning"]
    assert result.documents == len(expected) and result.errors == 4


def test_batch_offsets_point_into_the_saved_or_decoded_text(tmp_path):
    _messy_folder(tmp_path / "in")
    run_local(tmp_path / "in", tmp_path / "out.parquet", NO_ENTITIES, jobs=1)
    mentions, docs = _read(tmp_path / "out.parquet")
    texts = {}
    for _, d in docs[docs.status == "ok"].iterrows():
        if isinstance(d["text"], str):
            texts[d["doc_id"]] = d["text"]  # HTML and JSON: the stripped text is saved with the document
        else:
            raw = (tmp_path / "in" / d["path"]).read_bytes()
            texts[d["doc_id"]] = raw.decode(d["encoding"], errors="replace")
    assert {"page.html", "one.json", "big5.txt", "gbk.txt"} <= set(mentions.path)
    for _, m in mentions.iterrows():
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]
    page = docs[docs.path == "page.html"].iloc[0]["text"]
    assert page.startswith("通报\n") and "var x" not in page and "<" not in page


def test_batch_manifest_supplies_ids_dates_and_regions(tmp_path):
    _messy_folder(tmp_path / "in")
    assert (
        main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out.parquet"), "--jobs", "1", "-q", "--no-entities"])
        == 0
    )
    mentions, docs = _read(tmp_path / "out.parquet")
    good = docs[docs.path == "good.txt"].iloc[0]
    assert (good["doc_id"], str(good["published"]), good["region"]) == ("good-1", "2021-03-04", "山东省")
    assert set(mentions[mentions.path == "good.txt"].doc_id) == {"good-1"}
    assert "manifest.jsonl" not in set(docs.path)
    assert docs[docs.path == "many.jsonl"].doc_id.tolist() == ["rec-a", "many.jsonl#2", "many.jsonl#3"]
    assert (
        main(
            [
                "batch",
                str(tmp_path / "in"),
                "-o",
                str(tmp_path / "plain.parquet"),
                "-j",
                "1",
                "-q",
                "--no-manifest",
                "--no-entities",
            ]
        )
        == 0
    )
    _, plain = _read(tmp_path / "plain.parquet")
    assert "manifest.jsonl" in set(plain.path) and plain[plain.path == "good.txt"].doc_id.tolist() == ["good.txt"]


def test_batch_jobs_give_identical_tables(tmp_path):
    src = _write_corpus(tmp_path / "in", 60)
    options = BatchOptions(entities=False, chunk_docs=4)
    one = run_local(src, tmp_path / "one.parquet", options, jobs=1)
    two = run_local(src, tmp_path / "two.parquet", options, jobs=2)
    m1, d1 = _read(tmp_path / "one.parquet")
    m2, d2 = _read(tmp_path / "two.parquet")
    assert len(m1) > 300 and len(d1) == 60
    pd.testing.assert_frame_equal(m1, m2)
    pd.testing.assert_frame_equal(d1, d2)
    assert d1.path.tolist() == sorted(d1.path)
    assert (one.documents, one.mentions) == (two.documents, two.mentions) == (60, len(m1))
    assert not (tmp_path / "two.parquet.parts").exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_batch_output_formats_hold_the_same_rows(tmp_path, fmt):
    _messy_folder(tmp_path / "in")
    run_local(tmp_path / "in", tmp_path / "out.parquet", NO_ENTITIES, jobs=1)
    run_local(tmp_path / "in", tmp_path / f"out.{fmt}", NO_ENTITIES, jobs=1)
    for ref_path, path in [
        (tmp_path / "out.parquet", tmp_path / f"out.{fmt}"),
        (documents_path(tmp_path / "out.parquet"), documents_path(tmp_path / f"out.{fmt}")),
    ]:
        ref = pd.read_parquet(ref_path)
        got = (
            pd.read_csv(path, dtype=str, keep_default_na=False)
            if fmt == "csv"
            else pd.read_json(path, lines=True, dtype=False)
        )
        assert list(got.columns) == list(ref.columns) and len(got) == len(ref)
        assert got["doc_id"].tolist() == ref["doc_id"].tolist()
        if "value" in ref:
            nums = pd.to_numeric(got["value"].replace("", None))
            assert nums.fillna(-1).tolist() == pytest.approx(ref["value"].fillna(-1).tolist())
            assert got["text"].tolist() == ref["text"].tolist()


def test_batch_parquet_columns_have_explicit_types(tmp_path):
    _messy_folder(tmp_path / "in")
    run_local(tmp_path / "in", tmp_path / "out.parquet", NO_ENTITIES, jobs=1)
    assert pq.read_schema(tmp_path / "out.parquet").remove_metadata() == MENTIONS
    assert pq.read_schema(documents_path(tmp_path / "out.parquet")).remove_metadata() == DOCUMENTS


def _wait_for_parts(parts: Path, at_least: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if parts.is_dir() and len(list(parts.glob("part-*"))) >= at_least:
            return
        if proc.poll() is not None:
            pytest.fail(f"the run ended (status {proc.returncode}) before it could be interrupted")
        time.sleep(0.02)
    pytest.fail("no progress within the time limit")


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return out


def _gone(pids: list[int], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{p}").exists() and "Z" not in _state(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def _state(pid: int) -> str:
    try:
        return (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_batch_resume_after_interruption_matches_uninterrupted_run(tmp_path, sig):
    src = _write_corpus(tmp_path / "in", 600)  # 120 chunks: a loaded machine still interrupts mid-run
    out = tmp_path / "out.parquet"
    cmd = [
        sys.executable,
        "-m",
        "bulletin_extract.cli",
        "batch",
        str(src),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--chunk-docs",
        "5",
        "--no-entities",
    ]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        _wait_for_parts(tmp_path / "out.parquet.parts" / "documents", 3, proc)
        workers = _children(proc.pid)
        if sig == signal.SIGKILL:
            os.kill(proc.pid, sig)  # kill -9 of the main process only: its workers must not live on
        else:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground process group
        assert workers and _gone(workers), "worker processes outlived the interrupted run"
        _, err = proc.communicate(timeout=60)
    finally:
        for pid in [proc.pid, *workers]:
            if _state(pid) != "Z":
                os.kill(pid, signal.SIGKILL)
    assert not out.exists(), "the run finished before the interruption; make the corpus larger"
    done = len(list((tmp_path / "out.parquet.parts" / "documents").glob("part-*")))
    assert 3 <= done < 120
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "--resume" in err
    assert (
        main(["batch", str(src), "-o", str(out), "--jobs", "2", "--chunk-docs", "5", "--no-entities", "--resume", "-q"])
        == 0
    )
    reference = run_local(src, tmp_path / "ref.parquet", BatchOptions(entities=False, chunk_docs=5), jobs=1)
    m, d = _read(out)
    m_ref, d_ref = _read(tmp_path / "ref.parquet")
    assert d.doc_id.is_unique and len(d) == 600
    pd.testing.assert_frame_equal(m, m_ref)
    pd.testing.assert_frame_equal(d, d_ref)
    assert reference.mentions == len(m) and not (tmp_path / "out.parquet.parts").exists()


def _interrupted_job(src: Path, out: Path, options: BatchOptions) -> None:
    """Leave the parts of a job whose first chunk is done, as an interrupted run would."""
    parts = out.with_name(out.name + ".parts")
    store = PartStore(parts / "mentions", parts / "documents", parts / "job.json", owned=(parts,))
    chunks = plan(src, options)
    store.prepare(job_record(chunks, options, src), resume=False)
    run_chunk(chunks[0], options, store)


def _edit_document(src: Path, patterns: Path) -> BatchOptions:
    (src / "kind0" / "doc0000.txt").write_text(_text(0) + "\n新增5例。", encoding="utf-8")
    return BatchOptions(entities=False, chunk_docs=4, patterns=(str(patterns),))


def _rechunk(src: Path, patterns: Path) -> BatchOptions:
    return BatchOptions(entities=False, chunk_docs=3, patterns=(str(patterns),))


def _edit_patterns(src: Path, patterns: Path) -> BatchOptions:
    patterns.write_text(patterns.read_text(encoding="utf-8") + "  箱次: 箱次\n", encoding="utf-8")
    return BatchOptions(entities=False, chunk_docs=4, patterns=(str(patterns),))


@pytest.mark.parametrize("change", [_edit_document, _rechunk, _edit_patterns])
def test_batch_resume_refuses_a_changed_job(tmp_path, change):
    src = _write_corpus(tmp_path / "in", 12)
    patterns = tmp_path / "extra_units.yaml"
    patterns.write_text("kind: units\ntype: count\nunits:\n  车次: 车次\n", encoding="utf-8")
    options = BatchOptions(entities=False, chunk_docs=4, patterns=(str(patterns),))
    _interrupted_job(src, tmp_path / "out.parquet", options)
    changed = change(src, patterns)
    with pytest.raises(BatchError, match="cannot be resumed"):
        run_local(src, tmp_path / "out.parquet", changed, jobs=1, resume=True)


def test_batch_resume_skips_finished_chunks(tmp_path):
    src = _write_corpus(tmp_path / "in", 12)
    options = BatchOptions(entities=False, chunk_docs=4)
    _interrupted_job(src, tmp_path / "out.parquet", options)
    result = run_local(src, tmp_path / "out.parquet", options, jobs=1, resume=True)
    assert (result.chunks, result.resumed_chunks, result.documents) == (3, 1, 12)
    fresh = run_local(src, tmp_path / "fresh.parquet", options, jobs=1)
    assert fresh.resumed_chunks == 0
    pd.testing.assert_frame_equal(
        pd.read_parquet(tmp_path / "out.parquet"), pd.read_parquet(tmp_path / "fresh.parquet")
    )


def test_batch_fresh_run_discards_stale_parts(tmp_path):
    src = _write_corpus(tmp_path / "in", 12)
    options = BatchOptions(entities=False, chunk_docs=4)
    _interrupted_job(src, tmp_path / "out.parquet", options)
    (src / "kind0" / "doc0000.txt").write_text("新增5例。", encoding="utf-8")
    run_local(src, tmp_path / "out.parquet", options, jobs=1)
    m, _ = _read(tmp_path / "out.parquet")
    assert m[m.path == "kind0/doc0000.txt"].text.tolist() == ["5例"]


def test_batch_refuses_to_take_over_a_folder_it_did_not_make(tmp_path):
    src = _write_corpus(tmp_path / "in", 3)
    (tmp_path / "out.parquet.parts").mkdir()
    (tmp_path / "out.parquet.parts" / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(BatchError, match="was not made by"):
        run_local(src, tmp_path / "out.parquet", NO_ENTITIES, jobs=1)
    assert (tmp_path / "out.parquet.parts" / "mine.txt").exists()


def test_batch_extraction_failure_is_recorded_and_run_carries_on(tmp_path, monkeypatch):
    import bulletin_extract.api as api

    src = _write_corpus(tmp_path / "in", 6)
    real = api.extract_document

    def flaky(text, **kw):
        if kw.get("doc_id") == "kind1/doc0001.txt":
            raise RecursionError("pathological input")
        return real(text, **kw)

    monkeypatch.setattr(api, "extract_document", flaky)
    result = run_local(src, tmp_path / "out.parquet", NO_ENTITIES, jobs=1)
    m, d = _read(tmp_path / "out.parquet")
    failed = d[d.status == "error"]
    assert failed.path.tolist() == ["kind1/doc0001.txt"]
    assert failed.error.iloc[0] == "extraction failed: RecursionError: pathological input"
    assert len(d) == 6 and "kind1/doc0001.txt" not in set(m.path) and result.errors == 1


def test_batch_output_inside_the_input_folder_is_not_read_back(tmp_path):
    src = _write_corpus(tmp_path / "in", 5)
    out = src / "results.jsonl"
    run_local(src, out, NO_ENTITIES, jobs=1)
    run_local(src, out, NO_ENTITIES, jobs=1)
    docs = pd.read_json(documents_path(out), lines=True)
    assert sorted(docs.path) == sorted(p.relative_to(src).as_posix() for p in src.rglob("doc*.txt"))


def test_batch_refuses_an_unknown_output_format(tmp_path):
    src = _write_corpus(tmp_path / "in", 1)
    with pytest.raises(BatchError, match=r"\.parquet, \.csv or \.jsonl"):
        run_local(src, tmp_path / "out.xlsx", NO_ENTITIES, jobs=1)


def test_batch_extract_frame_matches_the_batch_table(tmp_path):
    _messy_folder(tmp_path / "in")
    for name in ("bad-encoding.txt", "image.txt", "gone.txt", "many.jsonl"):
        (tmp_path / "in" / name).unlink()
    run_local(tmp_path / "in", tmp_path / "out.parquet", NO_ENTITIES, jobs=1, manifest=find_manifest(tmp_path / "in"))
    frame = extract_frame(tmp_path / "in", entities=False)  # like the CLI, it uses the folder's manifest
    pd.testing.assert_frame_equal(frame, pd.read_parquet(tmp_path / "out.parquet"))


def test_batch_extract_frame_raises_on_an_unreadable_file(tmp_path):
    from bulletin_extract import DocumentReadError

    f = tmp_path / "image.txt"
    f.write_bytes(b"\x00\x01")
    with pytest.raises(DocumentReadError, match="binary"):
        extract_frame([f])


def test_batch_import_does_not_load_pandas_or_pyarrow():
    code = "import sys, bulletin_extract; print(sorted(m for m in ('pandas', 'pyarrow', 'dask') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("tty", [True, False])
def test_batch_progress_shows_rate_and_eta(tty, monkeypatch):
    monkeypatch.setattr(batch_command, "_LOG_EVERY", 0.0)
    stream = io.StringIO()
    display = batch_command.Display(stream, tty=tty)
    display.start(files=10, nbytes=1000)
    display.t0 -= 2.0  # as if the first chunk took two seconds
    display.last = 0.0
    display.advance(ChunkResult(index=0, files=4, nbytes=400, documents=4))
    display.finish()
    out = stream.getvalue()
    assert "4/10 files" in out and "2.0 docs/s" in out and "ETA 00:00:03" in out
    assert out.startswith("\r[#########") if tty else ("batch: 40%" in out and out.endswith("\n"))


def test_batch_cli_prints_a_summary(tmp_path, capsys):
    src = _write_corpus(tmp_path / "in", 4)
    (src / "junk.txt").write_bytes(b"\x00")
    assert main(["batch", str(src), "-o", str(tmp_path / "out.csv"), "-j", "1", "--no-entities"]) == 0
    err = capsys.readouterr().err
    assert "from 5 documents (1 errors)" in err and "status 'error'" in err
    assert (tmp_path / "out.documents.csv").exists()


def test_batch_manifest_entry_without_a_file_is_an_error_row(tmp_path, caplog):
    root = tmp_path / "in"
    root.mkdir()
    (root / "here.txt").write_text(_text(1), encoding="utf-8")
    lines = [{"doc_id": "here", "file": "here.txt"}, {"doc_id": "lost", "file": "sub/lost.txt"}]
    (root / "manifest.jsonl").write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        run_local(root, tmp_path / "out.parquet", NO_ENTITIES, jobs=1, manifest=find_manifest(root))
    _, docs = _read(tmp_path / "out.parquet")
    lost = docs[docs.doc_id == "lost"].iloc[0]
    assert (lost["path"], lost["status"]) == ("sub/lost.txt", "error")
    assert "listed in the manifest" in lost["error"] and "not found" in lost["error"]
    assert docs[docs.doc_id == "here"].status.tolist() == ["ok"]
    assert any("not found" in r.getMessage() for r in caplog.records)


def test_skip_pandas_probe_keeps_pandas_out_of_table_building_but_available(tmp_path):
    # In a child process: the probe changes pyarrow's state for the whole process.
    code = """
import sys
from bulletin_extract.batch.arrow import skip_pandas_probe
skip_pandas_probe()
import pyarrow as pa, pyarrow.compute as pc, pyarrow.parquet as pq
t = pa.table({"a": pa.array(["x", None], type=pa.string()), "b": pa.array([1, 2])})
pc.sum(pc.equal(t["a"], "x"))
pq.write_table(t, sys.argv[1])
assert "pandas" not in sys.modules
df = pq.read_table(sys.argv[1]).to_pandas()
assert df["a"].tolist()[0] == "x" and "pandas" in sys.modules
assert pa.array(df["b"]).to_pylist() == [1, 2]
"""
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.parquet")], check=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_gives_the_caller_its_garbage_collector_back(tmp_path, jobs):
    import gc

    src = _write_corpus(tmp_path / "in", 6)
    assert gc.get_freeze_count() == 0
    run_local(src, tmp_path / "out.parquet", BatchOptions(entities=False, chunk_docs=2), jobs=jobs)
    assert gc.get_freeze_count() == 0
