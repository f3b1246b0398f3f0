"""Every example of every pattern file is a test (Duckling's corpus files, Recognizers' specs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_extract import PatternFileError, Ruleset, default_ruleset
from bulletin_extract.cli import main
from bulletin_extract.rules.examples import files_without_examples, run_example
from bulletin_extract.rules.schema import Example

_RS = default_ruleset()
_CASES = [
    pytest.param(
        ex, id=f"{fname}[{ex.input[:24]}]", marks=[pytest.mark.xfail(reason=ex.xfail, strict=True)] if ex.xfail else []
    )
    for fname, ex in _RS.examples()
]

# A user file whose example leaves the qualifier out: 约 makes the figure approx, so the default
# (exact) fails it unless the example is partial.
_APPROX = """\
kind: qualifiers
before: {{约: approx}}
examples:
  - in: "约5亿元"
    {partial}out: [{{text: "5亿元", type: money, value: 500000000, unit: CNY}}]
"""


@pytest.mark.parametrize("example", _CASES)
def test_examples_pattern_file_example(example: Example) -> None:
    assert run_example(example, _RS) == []


def test_examples_every_pattern_file_has_examples() -> None:
    assert files_without_examples(_RS) == []


@pytest.mark.parametrize(
    ("mention", "entry", "reason"),
    [
        ('{text: "5亿元", type: money, valeu: 500000000}', "examples.0.out.0.valeu", "Extra inputs"),
        ('{text: "5亿元"}', "examples.0.out.0.type", "Field required"),
        ('{text: "5亿元", type: money, qualifier: roughly}', "examples.0.out.0.qualifier", "Input should be"),
        ('{text: "5亿元", type: money, value: "500000000"}', "examples.0.out.0", "a number"),
        ('{text: "今年", type: date, value: 2020}', "examples.0.out.0", "quote it"),
        ('{text: "山东", type: LOC, qualifier: exact}', "examples.0.out.0", "has no qualifier"),
    ],
)
def test_examples_bad_expected_mention_fails_at_load(tmp_path: Path, mention: str, entry: str, reason: str) -> None:
    f = tmp_path / "bad_example.yaml"
    f.write_text(f"kind: qualifiers\nexamples:\n  - in: 约5亿元\n    out: [{mention}]\n", encoding="utf-8")
    with pytest.raises(PatternFileError) as info:
        Ruleset.load([f])
    msg = str(info.value)
    assert str(f) in msg and entry in msg and reason in msg


def test_examples_file_without_examples_fails_check_patterns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "no_examples.yaml"
    f.write_text("kind: units\ntype: quantity\nunits: {标准煤吨: 标准煤吨}\n", encoding="utf-8")
    assert main(["check-patterns", str(f)]) == 1
    out = capsys.readouterr().out
    assert f"{f}: no examples" in out and " 1 failed" in out


def test_examples_unlisted_qualifier_must_be_exact(tmp_path: Path) -> None:
    f = tmp_path / "approx.yaml"
    f.write_text(_APPROX.format(partial=""), encoding="utf-8")
    rs = Ruleset.load([f])
    (ex,) = [ex for name, ex in rs.examples() if name == f.name]
    assert run_example(ex, rs) == [
        "'5亿元': qualifier is 'approx', expected 'exact' (not listed, so the default; list it, or set partial: true)"
    ]


def test_examples_partial_leaves_unlisted_qualifier_unchecked(tmp_path: Path) -> None:
    f = tmp_path / "approx.yaml"
    f.write_text(_APPROX.format(partial="partial: true\n    "), encoding="utf-8")
    rs = Ruleset.load([f])
    (ex,) = [ex for name, ex in rs.examples() if name == f.name]
    assert ex.partial and run_example(ex, rs) == []


def test_examples_xfail_that_passes_fails_check_patterns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "closed_gap.yaml"
    f.write_text(
        "kind: qualifiers\nexamples:\n  - in: 约5亿元\n    xfail: once a gap\n"
        "    out: [{text: 5亿元, type: money, qualifier: approx}]\n",
        encoding="utf-8",
    )
    assert main(["check-patterns", str(f)]) == 1
    assert "remove the xfail" in capsys.readouterr().out
