"""``bulletin-extract gold check|export|import``: validate the gold set and move it to and from annotation tools."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..evaluation.errors import InteropError, OutputWriteError

log = logging.getLogger("bulletin_extract")


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

    _add_export_import(actions)
    _add_label_studio(actions)


def _add_export_import(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tools = ("label-studio", "doccano")
    e = actions.add_parser(
        "export",
        help="write gold as Label Studio JSON or doccano JSONL",
        description="Convert a (valid) gold set for an annotation tool; attributes travel in "
        "per-region controls annotators can edit (Label Studio; set the project up with 'gold label-config') "
        "or an 'attributes' side field (doccano).",
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
        "gold lines were, with the attributes annotators edited. A span drawn in the tool without its value or "
        "unit takes the extractor's reading of that span (each one listed as a warning, to review); what nothing "
        "can fill is listed and nothing is written. A task made in the tool without a text_file gets its text "
        "written to --texts. Run 'gold check' on the result.",
    )
    i.add_argument("file", metavar="FILE", help="Label Studio JSON or doccano JSONL")
    i.add_argument("--format", choices=tools, required=True)
    i.add_argument("-o", "--output", metavar="DIR", required=True)
    i.add_argument(
        "--texts",
        metavar="DIR",
        help="where the texts of tasks without a text_file go (default: corpus/imported under the repository "
        "root, the nearest parent of DIR holding corpus/)",
    )
    i.add_argument("--no-fill", action="store_true", help="report blank attributes instead of asking the extractor")
    i.set_defaults(func=run_import)


def _add_label_studio(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = actions.add_parser(
        "label-config",
        help="print the Label Studio labeling config the exported tasks are made for",
        description="The labeling config (XML): the 13 types and per-region controls for value, unit, qualifier, "
        "direction, subject and as_of. Paste it into a Label Studio project's Labeling Interface (Code).",
    )
    c.add_argument("-o", "--output", metavar="FILE", help="write it to FILE (default: standard output)")
    c.set_defaults(func=run_label_config)

    a = actions.add_parser(
        "preannotate",
        help="extract documents and write them as Label Studio tasks with the extractor's predictions",
        description="Read FILEs or folders as 'batch' reads them, extract each document and write Label Studio "
        "tasks whose predictions are the extractor's mentions with their attributes, so annotators correct "
        "rather than start from nothing. Import the file into a project set up with 'gold label-config'.",
    )
    a.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders")
    a.add_argument("-o", "--output", metavar="FILE", required=True, help="Label Studio tasks (JSON)")
    a.add_argument("--root", metavar="DIR", help="text_file paths are relative to DIR (default: the current folder)")
    a.add_argument("--no-entities", action="store_true", help="figures and times only")
    a.set_defaults(func=run_preannotate)


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


def _place_text(rec: dict[str, Any], text: str, texts: Path, root: Path) -> dict[str, Any]:
    """*rec* with a text_file: the one it names, else its text written to *texts* (an existing other text refused)."""
    if isinstance(rec.get("text_file"), str):
        return rec
    path = texts / f"{rec['doc_id']}.txt"
    if path.exists() and path.read_text(encoding="utf-8") != text:
        raise InteropError(f"{path} exists with another text: remove it or pass --texts another folder")
    texts.mkdir(parents=True, exist_ok=True)
    _write(path, text)
    rel = Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    return {"doc_id": rec["doc_id"], "text_file": rel, **{k: v for k, v in rec.items() if k != "doc_id"}}


def run_import(args: argparse.Namespace) -> int:
    """Write ``<doc_id>.gold.jsonl`` files rebuilt from a tool's export."""
    from ..evaluation.gold import _guess_root
    from ..evaluation.interop import import_documents

    docs = import_documents(args.format, _read_tool_file(Path(args.file), args.format), not args.no_fill)
    missing = [m for d in docs for m in d.missing]
    if missing:
        for m in missing:
            print(m, file=sys.stderr)
        raise InteropError(
            f"{len(missing)} attribute(s) left blank that nothing can fill (listed above); nothing written"
        )
    names = _file_names([d.record for d in docs])  # every line checked before any file is written
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(f"cannot make the folder {out}: {exc.strerror}") from exc
    root = _guess_root(out)
    texts = Path(args.texts) if args.texts else root / "corpus" / "imported"
    for name, d in zip(names, docs, strict=True):
        for note in d.filled:
            log.warning("filled: %s (review it)", note)
        rec = _place_text(d.record, d.text, texts, root)
        _write(out / name, json.dumps(rec, ensure_ascii=False) + "\n")
    filled = sum(len(d.filled) for d in docs)
    print(f"wrote {len(docs)} gold files to {out} ({filled} mention(s) completed from the extractor)", file=sys.stderr)
    return 0


def run_label_config(args: argparse.Namespace) -> int:
    """Print (or write) the Label Studio labeling config."""
    from ..evaluation.label_studio import label_config

    if args.output:
        _write(Path(args.output), label_config())
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(label_config())
    return 0


def run_preannotate(args: argparse.Namespace) -> int:
    """Write Label Studio tasks with the extractor's mentions as predictions."""
    from .. import __version__
    from ..evaluation.preannotate import preannotate

    tasks, failed = preannotate([Path(p) for p in args.paths], Path(args.root or "."), not args.no_entities)
    for err in failed:
        print(f"bulletin-extract: error: {err}", file=sys.stderr)
    text = json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
    _write(Path(args.output), text)
    print(f"wrote {len(tasks)} tasks to {args.output} (bulletin-extract {__version__} predictions)", file=sys.stderr)
    return 1 if failed else 0


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
