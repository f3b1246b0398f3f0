"""Shared fixtures (the only fixtures file, spaCy's convention)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles, chosen by BULLETIN_FUZZ (docs/fuzzing.md): quick by default, ci in .ci/run (the
# bounded fuzz, about two minutes), release for the long fuzz before a release.
settings.register_profile("quick", max_examples=30, deadline=None)
settings.register_profile("ci", max_examples=5000, deadline=None, print_blob=True)
settings.register_profile("release", max_examples=50_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("BULLETIN_FUZZ", "quick"))

# Tests build engines from temporary pattern files: their cache entries (rules/cache.py) go to a folder of
# this session, not the user's cache; child processes inherit it.
_CACHE = tempfile.TemporaryDirectory(prefix="bulletin-extract-test-cache-")
os.environ.setdefault("BULLETIN_EXTRACT_CACHE", _CACHE.name)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "resumption" / "shandong-2020-02-22.txt"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_document(seed_text):
    from bulletin_extract import extract_document

    return extract_document(seed_text, published="2020-02-22", entities=False)


@pytest.fixture(scope="session")
def seed_mentions(seed_document):
    return list(seed_document.mentions)
