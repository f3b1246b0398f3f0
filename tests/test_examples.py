"""Every example of every pattern file is a test (Duckling's corpus files, Recognizers' specs)."""

from __future__ import annotations

import pytest

from bulletin_extract import default_ruleset
from bulletin_extract.rules.examples import run_example

_RS = default_ruleset()
_CASES = [
    pytest.param(ex, id=f"{fname}[{ex.input[:24]}]",
                 marks=[pytest.mark.xfail(reason=ex.xfail, strict=True)] if ex.xfail else [])
    for fname, ex in _RS.examples()
]


@pytest.mark.parametrize("example", _CASES)
def test_examples_pattern_file_example(example):
    assert run_example(example, _RS) == []


def test_examples_every_pattern_file_has_examples():
    empty = [f.path for f in _RS.files if not getattr(f.spec, "examples", None)]
    assert empty == []
