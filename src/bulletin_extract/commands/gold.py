"""``bulletin-extract gold check|export|import``: validate the gold set and move it to and from annotation tools."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..evaluation.errors import InteropError, OutputWriteError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``gold`` subcommand and its ``check``, ``export`` and ``import`` actions."""
    p = sub.add_parser(
        "gold",
        help="check gold files; export/import them for Label Studio or doccano",
        description="Work with gold JSONL files (ANNOTATION.md §4).",
    )
    actions = p.add_subparsers(dest="gold_command", metavar="ACTION", required=True)

    c = actions.add_parser(
        "check",
        help="list every broken gold record as file:line: reason",
        description="Validate gold files: text == document[start:end], known types, ISO time values, "
        "units, duplicate or overlapping mentions of one type. Exit 1 when anything is broken, else "
        "print a summary.",
    )
    c.add_argument("path", metavar="PATH", help="gold JSONL file or folder")
    c.add_argument("--root", metavar="DIR", help="folder text_file paths are relative to (default: detected)")
    c.set_defaults(func=run_check)

    tools = ("label-studio", "doccano")
    e = actions.add_parser(
        "export",
        help="write gold as Label Studio JSON or doccano JSONL",
        description="Convert a (valid) gold set for an annotation tool; attributes travel in "
        "per-span meta (Label Studio) or an 'attributes' side field (doccano).",
    )
    e.add_argument("path", metavar="PATH", help="gold JSONL file or folder")
    e.add_argument("--format", choices=tools, required=True)
    e.add_argument("-o", "--output", metavar="FILE", required=True)
    e.add_argument("--root", metavar="DIR", help="folder text_file paths are relative to (default: detected)")
    e.set_defaults(func=run_export)

    i = actions.add_parser(
        "import",
        help="rebuild gold lines from a Label Studio or doccano export",
        description="Write one <doc_id>.gold.jsonl per document into DIR, exactly as the exported "
        "gold lines were. Run 'gold check' on the result.",
    )
    i.add_argument("file", metavar="FILE", help="Label Studio JSON or doccano JSONL")
    i.add_argument("--format", choices=tools, required=True)
    i.add_argument("-o", "--output", metavar="DIR", required=True)
    i.set_defaults(func=run_import)


def run_check(args: argparse.Namespace) -> int:
    """Print each problem (exit 1), or a summary of documents and mentions per type (exit 0)."""
    from ..evaluation.gold import check_gold, iter_gold
    from ..evaluation.items import type_sort_key

    problems = check_gold(args.path, args.root)
    for prob in problems:
        print(prob)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    docs = 0
    per_type: Counter[str] = Counter()
    for _f, _n, rec, _ in iter_gold(args.path):
        assert isinstance(rec, dict)  # check_gold found no problem, so every line is a record
        docs += 1
        per_type.update(m["type"] for m in rec["mentions"])
    print(f"{args.path}: valid; {docs} documents, {sum(per_type.values())} mentions")
    for t in sorted(per_type, key=type_sort_key):
        print(f"  {t:10}{per_type[t]:>7}")
    return 0


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputWriteError(f"cannot write {path}: {exc.strerror}") from exc


def run_export(args: argparse.Namespace) -> int:
    """Export a valid gold set (a broken one fails with its problems listed)."""
    from ..evaluation.gold import load_gold
    from ..evaluation.interop import to_doccano, to_label_studio

    docs = load_gold(args.path, args.root)
    if args.format == "label-studio":
        text = json.dumps(to_label_studio(docs), ensure_ascii=False, indent=1) + "\n"
    else:
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in to_doccano(docs))
    _write(Path(args.output), text)
    print(f"wrote {len(docs)} documents to {args.output}", file=sys.stderr)
    return 0


def _read_tool_file(path: Path, fmt: str) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InteropError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        if fmt == "label-studio":
            return json.loads(raw)
        return [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise InteropError(f"{path}: invalid JSON at line {exc.lineno} ({exc.msg}); is --format {fmt} right?") from exc


def run_import(args: argparse.Namespace) -> int:
    """Write ``<doc_id>.gold.jsonl`` files rebuilt from a tool's export."""
    from ..evaluation.interop import from_doccano, from_label_studio

    data = _read_tool_file(Path(args.file), args.format)
    lines = from_label_studio(data) if args.format == "label-studio" else from_doccano(data)
    out = Path(args.output)
    names = _file_names(lines)  # every line checked before any file is written
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(f"cannot make the folder {out}: {exc.strerror}") from exc
    for name, rec in zip(names, lines, strict=True):
        _write(out / name, json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(lines)} gold files to {out}", file=sys.stderr)
    return 0


def _file_names(lines: list[dict[str, Any]]) -> list[str]:
    """``<doc_id>.gold.jsonl`` for every line: a doc_id must be a plain file name, and no two may be equal."""
    seen: dict[str, int] = {}
    names = []
    for n, rec in enumerate(lines, 1):
        doc_id = rec.get("doc_id")
        plain = isinstance(doc_id, str) and doc_id == Path(doc_id).name and not doc_id.startswith(".")
        if not plain or any(c in str(doc_id) for c in "/\\\0"):
            raise InteropError(
                f"document #{n} has no usable doc_id ({doc_id!r}); it names the output file, so it must be a plain "
                "file name (no folders, no leading dot)"
            )
        assert isinstance(doc_id, str)
        if doc_id in seen:
            raise InteropError(
                f"document #{n} has the doc_id {doc_id!r} of document #{seen[doc_id]}; doc ids name the output "
                "files, so each must be unique: fix the export"
            )
        seen[doc_id] = n
        names.append(f"{doc_id}.gold.jsonl")
    return names
