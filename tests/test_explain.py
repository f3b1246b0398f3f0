"""explain(): each mention with its rule, the pattern files behind it and the steps that resolved it."""

from __future__ import annotations

from bulletin_extract import explain, extract
from bulletin_extract.cli import main

TEXT = "截至2月20日，复工率约84.1%，较前一日提高2.1个百分点。"


def test_explain_covers_exactly_what_extract_returns():
    got = [e.mention for e in explain(TEXT, published="2020-02-22", entities=False)]
    assert got == extract(TEXT, published="2020-02-22", entities=False)


def test_explain_cites_the_unit_file_and_the_qualifier_word():
    by_text = {e.mention.text: e for e in explain(TEXT, published="2020-02-22", entities=False)}
    pct = by_text["84.1%"]
    assert pct.rule == "percent.arabic"
    assert "units/percent.yaml" in pct.files
    assert any("qualifier approx" in s and "约" in s for s in pct.steps)
    pp = by_text["2.1个百分点"]
    assert any(s.startswith("direction up") and "提高" in s for s in pp.steps)
    assert any("compared to '前一日'" in s for s in pp.steps)
    assert any("as_of 2020-02-20" in s for s in pp.steps)


def test_explain_names_the_gazetteer_file_of_an_entity():
    (loc,) = [e for e in explain("山东省", entities=True) if e.mention.type == "LOC"]
    assert loc.rule.startswith("gazetteer.") and loc.files[0].startswith("gazetteers/")


def test_explain_command_prints_rule_and_steps(capsys):
    assert main(["explain", "--text", TEXT, "--published", "2020-02-22", "--no-entities"]) == 0
    out = capsys.readouterr().out
    assert "'84.1%' -> percent 84.1" in out and "rule percent.arabic" in out and "qualifier approx" in out
