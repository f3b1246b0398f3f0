"""Every file the documentation, the docstrings and ``--help`` point a reader to is in the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from bulletin_extract.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "bulletin_extract"
# Names a page mentions that are not files of this repository, each with the reason.
ELSEWHERE = {
    "news/YYYYMMDD.md": "the file pattern of an upstream source repository (corpus/SOURCES.md)",
    "DECISIONS.md": "the worked example's file, kept here as gold/notes/seed-DECISIONS.md (gold/README.md says so)",
    "word/document.xml": "the part of a .docx archive the Word reader reads",
}
_REF = re.compile(r"(?<![\w/.-])((?:\.\./|[\w-]+/)*[\w.-]+\.(?:md|xml))\b")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _tracked() -> list[Path]:
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / line for line in out.splitlines()]


def _sources() -> list[Path]:
    # Annotators' notes are records of their time (they cite files by the names those had); tests name fixtures.
    return [
        p
        for p in _tracked()
        if p.suffix in (".md", ".py")
        and not p.is_relative_to(ROOT / "gold" / "notes")
        and not p.is_relative_to(ROOT / "tests")
    ]


def _resolves(ref: str, where: Path, names: set[str]) -> bool:
    if ref in ELSEWHERE or ref.startswith(("http:", "https:", "mailto:")):
        return True
    for base in (where.parent, ROOT, PACKAGE):
        if (base / ref).exists():
            return True
    # A bare name (review-R3.md after notes/review-R1.md …) is a file somewhere in the repository.
    return "/" not in ref and ref in names


def _help_texts() -> str:
    parser = build_parser()
    texts = [parser.format_help()]
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for sub in getattr(action, "choices", {}).values():
            texts.append(sub.format_help())
            for inner in sub._subparsers._group_actions if sub._subparsers else []:
                texts += [s.format_help() for s in getattr(inner, "choices", {}).values()]
    return "\n".join(texts)


def test_docs_every_file_reference_exists() -> None:
    names = {p.name for p in _tracked()}
    broken = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        refs = set(_REF.findall(text))
        if path.suffix == ".md":
            refs |= {r for r in _LINK.findall(text) if not r.startswith(("http", "mailto"))}
        broken += [f"{path.relative_to(ROOT)}: {r}" for r in sorted(refs) if not _resolves(r, path, names)]
    assert not broken, f"references to files that are not in the repository: {broken}"


def test_docs_help_references_exist() -> None:
    names = {p.name for p in _tracked()}
    refs = set(_REF.findall(_help_texts()))
    assert "ANNOTATION.md" in refs  # the check reads the help it means to read
    assert not [r for r in refs if not _resolves(r, ROOT / "README.md", names)]


@pytest.mark.parametrize("doc", ["README.md", "docs/batch.md"])
def test_docs_install_from_a_clone_not_from_a_registry(doc: str) -> None:
    """The package is not on a registry: every pip install of it installs the clone (-e . or a path)."""
    text = (ROOT / doc).read_text(encoding="utf-8")
    installs = re.findall(r"pip install ((?:(?!&&|;|\|)[^\n`])*)", text)
    assert installs
    ours = [i for i in installs if "bulletin-extract" in i or "bulletin_extract" in i]
    assert not ours, f"{doc} installs bulletin-extract from a registry it is not on: {ours}"
