"""List gold strings quoted by entity examples, descriptions, comments and tests.

Examples and tests must not reuse a gold sentence or mention (gold is scored, not tested on). For every run of
three or more CJK characters in a pattern file's examples, descriptions or comments, a Python file's comments
and docstrings, or anywhere in a test file, this prints the longest part of it that occurs in a gold document's
text, marked ``MENTION`` when it is (part of) a gold mention. Most hits are ordinary words or the general names
a gazetteer lists; read the list, do not gate on it.

    python scripts/gold_strings_in_examples.py src/bulletin_extract/patterns/gazetteers/*.yaml \
        src/bulletin_extract/ner/*.py tests/test_entities.py
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

_CJK_RUN = re.compile(r"[\u3400-\u9fff]{3,}")
_MIN = 3


def gold_texts(gold_dir: Path, root: Path) -> tuple[str, frozenset[str]]:
    """All gold documents' texts joined, and the texts of their mentions of _MIN characters or more."""
    texts: list[str] = []
    mentions: set[str] = set()
    for path in sorted(gold_dir.glob("*.gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if "text_file" in record:
                texts.append((root / record["text_file"]).read_text(encoding="utf-8"))
            mentions.update(m["text"] for m in record.get("mentions", []) if len(m["text"]) >= _MIN)
    return "\n".join(texts), frozenset(mentions)


def longest_in(run: str, text: str) -> str | None:
    for length in range(len(run), _MIN - 1, -1):
        for start in range(len(run) - length + 1):
            if run[start : start + length] in text:
                return run[start : start + length]
    return None


def scanned_parts(path: Path) -> list[tuple[int, str]]:
    """The lines (numbered) of *path* whose text is an example, description, comment or test literal."""
    parts: list[tuple[int, str]] = []
    in_examples = in_doc = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if path.suffix == ".yaml":
            if re.match(r"\S", line):
                in_examples = line.startswith("examples:")
            part = line if in_examples or "description:" in line else line[line.find("#") :] if "#" in line else ""
        elif path.name.startswith("test_"):
            part = line
        else:
            if line.count('"""') % 2:
                in_doc = not in_doc
            part = line if in_doc or '"""' in line else line[line.find("#") :] if "#" in line else ""
        if part:
            parts.append((number, part))
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--gold", type=Path, default=Path("gold"))
    parser.add_argument("--root", type=Path, default=Path("."), help="what the gold files' text_file is relative to")
    args = parser.parse_args()
    text, mentions = gold_texts(args.gold, args.root)
    for path in args.files:
        for number, part in scanned_parts(path):
            for run in _CJK_RUN.findall(part):
                found = longest_in(run, text)
                if found:
                    mark = " MENTION" if any(found in m for m in mentions) else ""
                    print(f"{path}:{number}: {found} <{run}>{mark}")


if __name__ == "__main__":
    main()
