"""User regexes (issue 14 item 6): rejected at load when they can backtrack catastrophically, and run under a
time limit when they slip through the check (the time limit is set low here; no test measures time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_extract import PatternFileError, Ruleset, extract
from bulletin_extract.errors import PatternTimeoutError
from bulletin_extract.rules import guarded
from bulletin_extract.rules.backtracking import backtracking_risk

pytestmark = pytest.mark.issue(14)

_RULE = """kind: gazetteer
label: ORG
lists:
  w: [省]
rules:
  - id: org.nested
    pattern: "{pattern}"
examples:
  - in: "省委会"
    out: []
"""
_ZONE = """kind: exclusions
zones:
  - id: user.zone
    regex: "{pattern}"
examples:
  - in: "新增3例"
    out: [{{text: "3例", type: count, value: 3, unit: 例}}]
"""


@pytest.mark.parametrize(
    "pattern",
    ["(委+)+会", "(a|aa)+$", "(a*)*b", "(?:[0-9]+)+x", "((a+)b?)+c", "(a|a)+"],
)
def test_user_regexes_static_check_flags(pattern):
    assert backtracking_risk(pattern)


@pytest.mark.parametrize(
    "pattern",
    ["([0-9]+,)+", "(?:省|省委)+", "(?>a+)+", "a++b", "(?:ab)+", "(?:a+b)+", "[0-9]+(?:\\.[0-9]+)?", "\\p{Han}{1,2}委"],
)
def test_user_regexes_static_check_passes(pattern):
    assert backtracking_risk(pattern) is None


def test_user_regexes_builtin_patterns_pass_the_check():
    Ruleset.load()  # the check runs at load: a flagged built-in pattern would raise here


@pytest.mark.parametrize(
    ("body", "entry"),
    [
        (_RULE.format(pattern="{w}(?P<name>(委+)+会)"), "rules"),
        (_ZONE.format(pattern="(a|aa)+$"), "zones"),
    ],
)
def test_user_regexes_rejected_at_load_naming_file_entry_reason(tmp_path: Path, body, entry):
    f = tmp_path / "mine.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(PatternFileError) as err:
        Ruleset.load([f])
    assert err.value.path == str(f) and err.value.entry == entry
    assert "backtrack catastrophically" in err.value.reason
    # check-patterns refuses the file too, with the same message
    run = subprocess.run(
        [sys.executable, "-m", "bulletin_extract.cli", "check-patterns", str(f)], capture_output=True, text=True
    )
    assert run.returncode != 0 and str(f) in run.stderr and "backtrack catastrophically" in run.stderr


# Ambiguous (ab = a·b) but not caught by the static check; the regex module's own guards happen to keep this
# one fast, so the test lowers the limit until any pass over the text reaches it: the stop and its message are
# what is tested, not a duration.
_MISSED = "(?:a|ab|b)+c"


def test_user_regexes_past_the_time_limit_stop_naming_file_and_entry(tmp_path: Path, monkeypatch):
    assert backtracking_risk(_MISSED) is None
    f = tmp_path / "zone.yaml"
    f.write_text(_ZONE.format(pattern=_MISSED), encoding="utf-8")
    monkeypatch.setattr(guarded, "BASE_SECONDS", 0.0)
    monkeypatch.setattr(guarded, "SECONDS_PER_CHAR", 1e-12)
    with pytest.raises(PatternTimeoutError) as err:
        extract("ab" * 200_000, patterns=[f], entities=False)
    assert str(f) in str(err.value) and "zones.user.zone" in str(err.value)


def test_user_regexes_user_rules_use_the_regex_module(tmp_path: Path):
    import regex

    from bulletin_extract import default_engine

    f = tmp_path / "rule.yaml"
    f.write_text(_RULE.format(pattern="{w}(?P<name>委会)"), encoding="utf-8")
    rules = [r for r in default_engine([f]).entities.rules if r.file == str(f)]
    assert rules and all(isinstance(r.regex, regex.Pattern) for r in rules)
