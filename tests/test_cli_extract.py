"""``bulletin-extract extract`` and ``check-patterns`` from the command line."""

from __future__ import annotations

import json

from bulletin_extract.cli import main


def test_cli_extract_prints_one_json_line_per_mention(tmp_path, capsys):
    f = tmp_path / "doc.txt"
    f.write_text("截至2月20日，复工率84.1%。", encoding="utf-8")
    assert main(["extract", str(f), "--published", "2020-02-22", "--no-entities"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["file"], r["text"], r["type"]) for r in rows] == [
        (str(f), "2月20日", "date"),
        (str(f), "84.1%", "percent"),
    ]
    assert rows[1]["value"] == 84.1 and rows[1]["as_of"] == "2020-02-20"


def test_cli_extract_reports_unreadable_file(tmp_path, capsys):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert main(["extract", str(f)]) == 1
    assert f"{f}: binary data" in capsys.readouterr().err


def test_cli_help_lists_commands(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    assert "extract" in out and "check-patterns" in out


def test_cli_check_patterns_passes_on_builtins(capsys):
    assert main(["check-patterns"]) == 0
    assert " 0 failed" in capsys.readouterr().out
