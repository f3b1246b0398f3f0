"""The habits of a package a researcher can trust: ``python -m``, a licence file, warnings through ``logging``."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_extract import default_engine
from bulletin_extract.cli import main
from bulletin_extract.document.tables import Table, find_tables
from bulletin_extract.figures.cells import unread_cells
from bulletin_extract.records import Figure

ROOT = Path(__file__).resolve().parent.parent
TABLE = "表1 主要指标\n项目\t数值\t增长\n工业\t12\t3.5\n农业\t7\t1.2\n"


def test_habits_python_dash_m_runs_the_command() -> None:
    out = subprocess.run([sys.executable, "-m", "bulletin_extract", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("bulletin-extract ")


def test_habits_licence_file_matches_pyproject() -> None:
    assert re.search(r'^license = "MIT"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "## Unreleased" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def _tables(text: str) -> tuple[Table, ...]:
    engine = default_engine()
    return find_tables(engine.model(text), engine.tables)


def test_habits_unread_cells_are_the_numeric_cells_no_mention_covers() -> None:
    tables = _tables(TABLE)
    cells = [c for t in tables for r in t.rows for c in r.cells if c.numeric]
    assert [c.text for c in cells] == ["12", "3.5", "7", "1.2"]
    covering = [Figure(start=c.start, end=c.end, text=c.text, type="number", value=1, unit="") for c in cells]
    assert unread_cells(covering, tables) == []
    assert [c.text for c in unread_cells(covering[1:3], tables)] == ["12", "1.2"]
    zones = bytearray(len(TABLE))
    zones[cells[0].start : cells[0].end] = b"\x01" * len(cells[0].text)
    assert [c.text for c in unread_cells(covering[1:3], tables, bytes(zones))] == ["1.2"]


def test_habits_a_document_with_unread_cells_warns_once_naming_them(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    import bulletin_extract.engine as engine

    # Every cell of this table is read today; to see the warning, the stage is made to leave two unread.
    monkeypatch.setattr(engine, "unread_cells", lambda mentions, tables, zones: list(tables[0].rows[0].cells[1:]))
    src = tmp_path / "t.txt"
    src.write_text(TABLE, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="bulletin_extract"):
        assert main(["extract", str(src), "--no-entities"]) == 0
    warnings = [r.getMessage() for r in caplog.records if r.name == "bulletin_extract"]
    assert len(warnings) == 1
    assert "2 numeric table cell(s) read as no figure" in warnings[0] and "column 2 '12'" in warnings[0]
    assert str(src) in warnings[0]


def test_habits_a_subcommand_quiet_flag_does_not_silence_warnings(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("复工率84.1%", encoding="utf-8")
    assert main(["batch", str(src), "-o", str(tmp_path / "o.parquet"), "--quiet"]) == 0
    assert logging.getLogger("bulletin_extract").getEffectiveLevel() <= logging.WARNING
    main(["-q", "gold", "check", str(tmp_path / "nothing")])
    assert logging.getLogger("bulletin_extract").getEffectiveLevel() == logging.ERROR
    main(["gold", "check", str(tmp_path / "nothing")])
    assert logging.getLogger("bulletin_extract").getEffectiveLevel() == logging.WARNING
