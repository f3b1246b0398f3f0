"""Pattern files: validation errors name file and entry; user pattern files extend the built-ins."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_extract import PatternFileError, Ruleset, extract

USER_UNIT = """\
kind: units
type: quantity
description: a user's own unit
units:
  标准煤吨: 标准煤吨
examples:
  - in: "节约3.5万标准煤吨"
    out: [{text: "3.5万标准煤吨", type: quantity, value: 35000, unit: 标准煤吨}]
"""


@pytest.mark.parametrize(
    ("body", "entry", "reason"),
    [
        ("kind: units\ntype: weight\nunits: {吨: 吨}\n", "type", "Input should be"),
        ("kind: units\ntype: count\nunits: {' 个': 个}\n", "units", "surrounding spaces"),
        ("kind: qualifiers\nbefore: {约: maybe}\n", "before.约", "Input should be"),
        ("kind: numerals\nfold: {'０': '00'}\ndigits: {}\nsmall_units: {}\nbig_units: {}\ndecimal_point: 点\nhalf: 半\n", "fold", "one character"),
        ("kind: nonsense\n", None, "kind"),
        ("- just a list\n", None, "mapping"),
        ("kind: units\ntype: count\nunits: [unclosed\n", None, "YAML"),
    ],
)
def test_ruleset_bad_file_names_file_entry_and_reason(tmp_path: Path, body, entry, reason):
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(PatternFileError) as info:
        Ruleset.load([f])
    msg = str(info.value)
    assert str(f) in msg and reason in msg
    if entry:
        assert entry in msg


def test_ruleset_bad_zone_regex_fails_at_load(tmp_path: Path):
    f = tmp_path / "zones.yaml"
    f.write_text("kind: exclusions\nzones:\n  - {id: broken, regex: '(unclosed'}\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match=r"zones\.broken"):
        Ruleset.load([f])


def test_ruleset_missing_path_is_an_error(tmp_path: Path):
    with pytest.raises(PatternFileError, match="no such"):
        Ruleset.load([tmp_path / "nope.yaml"])


def test_ruleset_user_unit_file_adds_a_unit(tmp_path: Path):
    (tmp_path / "my_units.yaml").write_text(USER_UNIT, encoding="utf-8")
    text = "节约3.5万标准煤吨"
    assert [m.text for m in extract(text, entities=False) if m.type == "quantity"] != ["3.5万标准煤吨"]
    got = [m for m in extract(text, entities=False, patterns=[tmp_path]) if m.type == "quantity"]
    assert [(m.text, m.value, m.unit) for m in got] == [("3.5万标准煤吨", 35000, "标准煤吨")]


def test_ruleset_user_examples_are_run(tmp_path: Path):
    from bulletin_extract.rules.examples import run_example

    (tmp_path / "my_units.yaml").write_text(USER_UNIT, encoding="utf-8")
    rs = Ruleset.load([tmp_path])
    mine = [ex for name, ex in rs.examples() if name == "my_units.yaml"]
    assert len(mine) == 1 and run_example(mine[0], rs) == []
