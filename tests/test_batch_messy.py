"""Issue 14, item 5: a folder of every kind of trouble, built here; every file gets a row, the batch never dies,
a second run on the same output is refused, and resuming after kill -9 at random points gives the same table."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from documents import image_only_pdf, report_docx, text_pdf
from test_batch import _children, _gone, _state, _text

from bulletin_extract.batch.local import BatchOptions, run_local
from bulletin_extract.cli import main
from bulletin_extract.io.tables import documents_path

pytestmark = pytest.mark.issue(14)
OPTIONS = BatchOptions(entities=False, chunk_docs=1)
BIG5 = "臺北市政府統計處公布，上月失業率為3.7%，較上年同月下降0.2個百分點。"
OK, EMPTY = ("ok", None), ("empty", None)


def _build(root: Path) -> dict[str, tuple[str, str | None]]:
    """The messy folder under *root*; returns ``row key -> (status, a piece of the error)``."""
    root.mkdir(parents=True)
    w = root.joinpath
    w("utf8.txt").write_text(_text(1), encoding="utf-8")
    w("bom.txt").write_bytes(b"\xef\xbb\xbf" + _text(2).encode("utf-8"))
    w("gb18030.txt").write_bytes(_text(3).encode("gb18030"))
    w("big5.txt").write_bytes(BIG5.encode("big5"))
    w("utf16.txt").write_text(_text(4), encoding="utf-16")
    w("empty.txt").write_bytes(b"")
    noise = random.Random(14).randbytes(4096)
    w("random.txt").write_bytes(noise)
    w("random-no-nul.txt").write_bytes(noise.replace(b"\0", b""))
    w("png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    w("large.txt").write_text("\n".join(_text(i) for i in range(2500)), encoding="utf-8")  # about 0.6 MB
    w("broken.html").write_text("<html><body><p>新增确诊病例5例<div><td>累计<b>12例</p></span><table", "utf-8")
    w("script.html").write_text(
        "<html><head><style>p{color:red}</style><script>var x='84.1%';</script></head>"
        "<body><p>复工率达到84.2%。</p><script>document.write('99.9%')</script></body></html>",
        encoding="utf-8",
    )
    w("malformed.json").write_text('{"text": "新增5例", ', encoding="utf-8")
    w("lines.jsonl").write_text(
        json.dumps({"text": _text(5)}, ensure_ascii=False)
        + '\n{"text": broken\n{"text": "新增确诊病例5例\\ud800渭南市3例"}\n',
        encoding="utf-8",
    )
    os.symlink("loop-b.txt", w("loop-a.txt"))
    os.symlink("loop-a.txt", w("loop-b.txt"))
    for name in ("with space.txt", "new\nline.txt", "emoji😀.txt"):
        w(name).write_text(_text(6), encoding="utf-8")
    (root / os.fsdecode(b"latin-\xe9.txt")).write_text(_text(7), encoding="utf-8")  # a name that is not UTF-8
    w("x.txt").mkdir()
    w("x.txt", "inner.txt").write_text(_text(8), encoding="utf-8")
    deep = root.joinpath(*[f"d{i}" for i in range(25)])
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(_text(9), encoding="utf-8")
    w("broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EO")
    image_only_pdf(w("scan.pdf"), pages=1)
    text_pdf(w("good.pdf"), ["2023年全市地区生产总值2876.4亿元，比上年增长7.2%。"])
    w("broken.docx").write_bytes(b"PK\x03\x04" + bytes(100))
    report_docx(w("good.docx"))
    deep_key = "/".join(f"d{i}" for i in range(25)) + "/deep.txt"
    return {
        "big5.txt": OK,
        "bom.txt": OK,
        "broken.docx": ("error", "broken.docx: "),
        "broken.html": OK,
        "broken.pdf": ("error", "broken.pdf: "),
        deep_key: OK,
        "emoji😀.txt": OK,
        "empty.txt": EMPTY,
        "gb18030.txt": OK,
        "good.docx": OK,
        "good.pdf": OK,
        "large.txt": OK,
        "latin-\\xe9.txt": OK,
        "lines.jsonl#1": OK,
        "lines.jsonl#2": ("error", "line 2 is not valid JSON"),
        "lines.jsonl#3": OK,
        "loop-a.txt": ("error", "cannot read loop-a.txt: Too many levels of symbolic links"),
        "loop-b.txt": ("error", "cannot read loop-b.txt: Too many levels of symbolic links"),
        "malformed.json": ("error", "malformed.json is not valid JSON"),
        "new\nline.txt": OK,
        "png.txt": ("error", "binary data"),
        "random.txt": ("error", "random.txt: binary data"),
        "random-no-nul.txt": ("error", "random-no-nul.txt: not text: "),
        "scan.pdf": ("error", "no text layer: OCR it first"),
        "script.html": OK,
        "utf16.txt": OK,
        "utf8.txt": OK,
        "with space.txt": OK,
        "x.txt/inner.txt": OK,
    }


def _key(row: pd.Series) -> str:
    return row["path"] + (f"#{int(row['record'])}" if row["format"] == "jsonl" else "")


def _rows(out: Path) -> pd.DataFrame:
    docs = pd.read_parquet(documents_path(out))
    return docs.set_index(docs.apply(_key, axis=1))


@pytest.mark.slow
def test_messy_folder_every_file_gets_a_row_and_everything_readable_is_extracted(tmp_path):
    expected = _build(tmp_path / "in")
    out = tmp_path / "out.parquet"
    run_local(tmp_path / "in", out, OPTIONS, jobs=2)
    docs, mentions = _rows(out), pd.read_parquet(out)
    print("\n" + docs[["status", "encoding", "error"]].to_string())  # the table of the issue's closing note
    assert sorted(docs.index) == sorted(expected)
    for key, (status, error) in expected.items():
        row = docs.loc[key]
        assert row["status"] == status, (key, row["error"])
        assert (error is None and pd.isna(row["error"])) or (error is not None and error in row["error"]), key
    found = set(mentions.path)
    readable = {k.split("#")[0] for k, (s, _) in expected.items() if s == "ok"}
    assert readable <= found, readable - found  # every readable document gave mentions
    assert docs.loc["lines.jsonl#3", "text"] == "新增确诊病例5例\ufffd渭南市3例"
    assert docs.loc["utf16.txt", "encoding"] == "utf-16" and docs.loc["big5.txt", "encoding"] == "big5"
    script = set(mentions[mentions.path == "script.html"].text)
    assert script == {"84.2%"}, script


def test_messy_folder_unreadable_folder_is_an_error_row(tmp_path):
    if os.geteuid() != 0:
        _unreadable_in_process(tmp_path)
        return
    # Root reads any folder, so the run is made as the unprivileged user 'nobody', in a folder it may use.
    if shutil.which("setpriv") is None and not hasattr(os, "setuid"):
        pytest.skip("running as root with no way to drop privileges: a folder root cannot read does not exist")
    base = Path(tempfile.mkdtemp(prefix="messy-", dir="/tmp"))
    try:
        os.chmod(base, 0o777)
        _locked_tree(base / "in")
        cmd = [sys.executable, "-m", "bulletin_extract.cli", "batch", str(base / "in"), "-o", str(base / "o.parquet")]
        try:
            run = subprocess.run(
                [*cmd, "-j", "1", "-q", "--no-entities"], user="nobody", capture_output=True, text=True
            )
        except (PermissionError, KeyError) as exc:
            pytest.skip(f"running as root and cannot run the batch as 'nobody' ({exc})")
        if run.returncode != 0 and "Permission denied" in run.stderr and "locked" not in run.stderr:
            pytest.skip(f"running as root; 'nobody' cannot run this Python: {run.stderr.strip()[-200:]}")
        assert run.returncode == 0, run.stderr
        _check_locked(base / "o.parquet")
    finally:
        os.chmod(base / "in" / "locked", 0o755)
        shutil.rmtree(base)


def _locked_tree(root: Path) -> None:
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "inside.txt").write_text(_text(1), encoding="utf-8")
    (root / "open.txt").write_text(_text(2), encoding="utf-8")
    os.chmod(root, 0o777)
    os.chmod(root / "open.txt", 0o644)
    os.chmod(root / "locked", 0)


def _check_locked(out: Path) -> None:
    docs = _rows(out)
    assert docs.status.to_dict() == {"locked/": "error", "open.txt": "ok"}
    assert docs.loc["locked/", "error"] == (
        "cannot list the folder locked/: Permission denied; the files in it were not read"
    )


def _unreadable_in_process(tmp_path: Path) -> None:
    _locked_tree(tmp_path / "in")
    try:
        run_local(tmp_path / "in", tmp_path / "o.parquet", OPTIONS, jobs=1)
        _check_locked(tmp_path / "o.parquet")
    finally:
        os.chmod(tmp_path / "in" / "locked", 0o755)


def _kill_after(cmd: list[str], parts: Path, at: int, out: Path, src: Path) -> bool:
    """Start the batch, kill -9 it once *at* chunks are done (True), or let it finish first (False).

    While it runs, a second batch on the same output must be refused.
    """
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[int] = []
    try:
        while proc.poll() is None:
            if parts.is_dir() and len(list(parts.glob("part-*"))) >= at:
                break
        if proc.poll() is not None:
            return False
        assert main(["batch", str(src), "-o", str(out), "-q", "--no-entities"]) == 1  # refused: the lock is held
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        assert _gone(workers), "worker processes outlived the killed run"
        proc.wait(timeout=30)
        return True
    finally:
        for pid in [proc.pid, *workers]:
            if _state(pid) != "Z":
                os.kill(pid, signal.SIGKILL)
        proc.wait()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
def test_messy_folder_resume_after_kill_at_random_points_gives_the_same_table(tmp_path, capsys):
    expected = _build(tmp_path / "in")
    src, out = tmp_path / "in", tmp_path / "out.parquet"
    base = [sys.executable, "-m", "bulletin_extract.cli", "batch", str(src), "-o", str(out), "-j", "2"]
    cmd = [*base, "--chunk-docs", "1", "--no-entities", "-q"]
    parts = tmp_path / "out.parquet.parts" / "documents"
    rng = random.Random(1414)
    kills = 0
    for round_ in range(2):
        at = rng.randint(1 + 12 * round_, 12 + 12 * round_)
        kills += _kill_after([*cmd, *(["--resume"] if round_ else [])], parts, at, out, src)
        if out.exists():
            break
    assert kills >= 1, "every run finished before it could be killed"
    capsys.readouterr()
    assert main([*cmd[3:], "--resume"]) == 0
    reference = tmp_path / "ref.parquet"
    run_local(src, reference, OPTIONS, jobs=1)
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(reference))
    pd.testing.assert_frame_equal(_rows(out), _rows(reference))
    assert sorted(_rows(out).index) == sorted(expected)


def test_messy_folder_a_folder_the_system_refuses_to_list_is_an_error_row(tmp_path, monkeypatch):
    # The same refusal as chmod 000 gives a non-root user, made by the file system call itself, so it runs as root too.
    _locked_tree(tmp_path / "in")
    os.chmod(tmp_path / "in" / "locked", 0o755)
    real = os.scandir

    def scandir(path=".", *a):
        if isinstance(path, str) and path.endswith(os.sep + "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *a)

    monkeypatch.setattr(os, "scandir", scandir)
    run_local(tmp_path / "in", tmp_path / "o.parquet", OPTIONS, jobs=1)
    _check_locked(tmp_path / "o.parquet")
