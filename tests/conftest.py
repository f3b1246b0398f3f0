"""Shared fixtures (the only fixtures file, spaCy's convention)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
