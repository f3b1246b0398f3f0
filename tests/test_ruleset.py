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
        (
            "kind: numerals\nfold: {'０': '00'}\ndigits: {}\nsmall_units: {}\nbig_units: {}\ndecimal_point: 点\nhalf: 半\n",
            "fold",
            "one character",
        ),
        (
            "kind: time_grammar\nnamed_periods: {进博会: {names: [进博会], periods: {2023: '2023-11-10/2023-11-05'}}}\n",
            "named_periods",
            "is not a period of days",
        ),
        ("kind: time_grammar\nlunar_first_month: {2025: '2025-01-29/2025-02-30'}\n", "lunar_first_month", "2025: "),
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


@pytest.mark.parametrize(
    ("body", "entry", "reason"),
    [
        ("kind: time_grammar\nbranches: {time.date: '{nonesuch}年'}\n", "time.date", "unknown fragment"),
        ("kind: time_grammar\nbranches: {time.date: '(?P<y>[0-9]'}\n", "time.date", "does not compile"),
        ("kind: time_grammar\nbranches: {time.mine: '(?P<y>[0-9]{4})年'}\n", "time.mine", "no resolver"),
        ("kind: time_grammar\ntails: {time.day_list: '、[0-9]日'}\n", "time.day_list", "needs a group"),
    ],
)
def test_ruleset_bad_time_branch_fails_at_load(tmp_path: Path, body, entry, reason):
    from bulletin_extract.engine import Engine

    f = tmp_path / "times.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(PatternFileError) as info:
        Engine.build(Ruleset.load([f]))
    msg = str(info.value)
    assert str(f) in msg and entry in msg and reason in msg


def test_ruleset_user_time_grammar_extends_the_tables(tmp_path: Path):
    (tmp_path / "times.yaml").write_text("kind: time_grammar\nhalf_words: {前: 1, 后: 2}\n", encoding="utf-8")
    got = extract("后半年", published="2020-08-01", entities=False, patterns=[tmp_path])
    assert [(m.text, m.value) for m in got] == [("后半年", "2020-H2")]
    assert [
        (m.text, m.value) for m in extract("上半年", published="2020-08-01", entities=False, patterns=[tmp_path])
    ] == [("上半年", "2020-H1")]


def test_ruleset_user_events_are_periods(tmp_path: Path):
    # An event whose days are known is data: a user adds it with a pattern file, by year.
    body = "kind: time_grammar\nnamed_periods:\n  进博会: {names: [进博会], periods: {2023: '2023-11-05/2023-11-10'}}\n"
    (tmp_path / "events.yaml").write_text(body, encoding="utf-8")
    text = "进博会期间，2022年进博会期间"
    assert [m.text for m in extract(text, published="2023-11-20", entities=False)] == ["2022年"]
    got = extract(text, published="2023-11-20", entities=False, patterns=[tmp_path])
    # 2022 is not in the table: that year stays a date, the event gives nothing.
    assert [(m.text, m.type, m.value) for m in got] == [
        ("进博会期间", "period", "2023-11-05/2023-11-10"),
        ("2022年", "date", "2022"),
    ]


def test_ruleset_bad_time_character_class_fails_at_load(tmp_path: Path):
    from bulletin_extract.engine import Engine

    f = tmp_path / "times.yaml"
    f.write_text("kind: time_grammar\nanchor_chars: 'z-a'\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match="anchor_chars"):
        Engine.build(Ruleset.load([f]))
