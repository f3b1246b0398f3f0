#!/usr/bin/env python3
"""Regenerate ``patterns/gazetteers/divisions.tsv``: China's administrative divisions with their short forms.

Source: the ``adcodes.csv`` and ``56_nations.csv`` files shipped in the wheel of the
PyPI package ``cpca`` (MIT licence, https://github.com/DQinYuan/chinese_province_city_area_mapper),
which lists the province-, prefecture- and county-level divisions with their 12-digit
statistical division codes.  cpca is read once here and is not a runtime dependency.

Usage::

    python scripts/make_gazetteer_divisions.py                 # pip-downloads cpca==0.5.5 into a temp dir
    python scripts/make_gazetteer_divisions.py --wheel cpca-0.5.5-py3-none-any.whl
    python scripts/make_gazetteer_divisions.py --check         # exit 1 if the checked-in file differs

Short forms (黄冈市 -> 黄冈, 红河哈尼族彝族自治州 -> 红河 and 红河州) are derived by
removing the level suffix and ethnic names.  Forms that would be tagged as a place
wherever an ordinary word occurs are left out:

* full names made only of generic characters (城区, 郊区, 矿区, 市中区);
* short forms of county-level divisions that jieba's dictionary knows as an ordinary
  word (a tag other than place or person name, e.g. 和平, 合作, 资源), unless tagged as a
  rare proper noun.  Prefecture short forms (大连, 开封, 保定) are kept: jieba's tags for
  them are unreliable and they are nearly always used as place names.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "cpca"
VERSION = "0.5.5"
OUT = Path(__file__).resolve().parent.parent / "src" / "bulletin_extract" / "patterns" / "gazetteers" / "divisions.tsv"

# Level suffixes, longest first so 自治州 is removed before 州 and 新区 before 区.
_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "新区",
    "林区",
    "特区",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
)
# Rows of the code list that are grouping headings, not places.
_PLACEHOLDERS = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
# jieba tags under which a word is still a name (place or person; jieba tags many districts as names).
_NAME_TAGS = ("ns", "nr", "nrt", "nrfg")
# A proper noun (jieba tag nz) at least this frequent is an ordinary word too (和平, 共和).
_COMMON_FREQ = 1000
# A full name made only of these characters is a generic word (城区 urban area, 市中区, 新城区).
_GENERIC_CHARS = frozenset("城郊矿市中新老区")
_LEVELS = {0: "province", 1: "prefecture", 2: "county"}


def _fetch_wheel(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dest), f"{PACKAGE}=={VERSION}"],
        check=True,
    )
    return next(dest.glob(f"{PACKAGE}-{VERSION}-*.whl"))


def _read_wheel(wheel: Path) -> tuple[list[dict[str, str]], list[str], str]:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    with zipfile.ZipFile(wheel) as zf:
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(f"{PACKAGE}/resources/adcodes.csv"), encoding="utf-8")))
        nations = [
            line.strip() for line in io.TextIOWrapper(zf.open(f"{PACKAGE}/resources/56_nations.csv"), encoding="utf-8")
        ]
    return rows, [n for n in nations if n], digest


def _level(code: str) -> int:
    if code[2:] == "0" * 10:
        return 0
    if code[4:] == "0" * 8:
        return 1
    return 2


def _strip_ethnic(base: str, nations: list[str]) -> str:
    # Autonomous areas append one or more ethnic names (红河哈尼族彝族自治州): remove them all.
    # Names sometimes drop the 族 (伊犁哈萨克自治州), so the stem without 族 counts too when it has 2+ characters.
    stems = set(nations) | {n[:-1] for n in nations if n.endswith("族") and len(n) >= 3}
    changed = True
    while changed:
        changed = False
        for n in sorted(stems, key=len, reverse=True):
            if base.endswith(n) and len(base) - len(n) >= 2:
                base, changed = base[: -len(n)], True
    return base


def short_forms(name: str, nations: list[str]) -> list[str]:
    """The forms of *name* without its level suffix (and ethnic names), shortest last; empty if none."""
    for suf in _SUFFIXES:
        if name.endswith(suf) and len(name) > len(suf):
            base = name[: -len(suf)]
            if suf.startswith("自治") or suf in ("维吾尔自治区", "壮族自治区", "回族自治区"):
                base = _strip_ethnic(base, nations)
            forms = [base] if len(base) >= 2 else []
            if suf == "自治州" and len(base) >= 2:
                forms.append(base + "州")  # 红河州, 德宏州: the usual short form of an autonomous prefecture
            return forms
    return []


def _jieba_dict() -> dict[str, tuple[int, str]]:
    import jieba

    words: dict[str, tuple[int, str]] = {}
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def _county_form_is_name(word: str, words: dict[str, tuple[int, str]]) -> bool:
    if word not in words:
        return True
    freq, tag = words[word]
    return tag in _NAME_TAGS or (tag == "nz" and freq < _COMMON_FREQ)


def build(rows: list[dict[str, str]], nations: list[str], digest: str) -> str:
    """The TSV text: a provenance header, then ``code  level  name  forms`` rows sorted by code."""
    words = _jieba_dict()
    out_rows = []
    dropped: list[str] = []
    for row in sorted(rows, key=lambda r: r["adcode"]):
        code, name = row["adcode"].strip(), row["name"].strip()
        if name in _PLACEHOLDERS or not name:
            continue
        if set(name) <= _GENERIC_CHARS:
            dropped.append(name)
            continue
        level = _level(code)
        forms = []
        for f in short_forms(name, nations):
            if level < 2 or _county_form_is_name(f, words):
                forms.append(f)
            else:
                dropped.append(f)
        out_rows.append("\t".join([code, _LEVELS[level], name, "|".join(forms)]))
    header = [
        "# China's administrative divisions (province, prefecture, county level) with short forms.",
        f"# Source: PyPI package {PACKAGE}=={VERSION} (MIT licence), files {PACKAGE}/resources/adcodes.csv and 56_nations.csv;",
        f"#   wheel sha256 {digest}.",
        "# Generated by scripts/make_gazetteer_divisions.py; do not edit by hand, rerun the script.",
        f"# Left out as common words (generic full names; county short forms that are ordinary words): {' '.join(sorted(set(dropped)))}",
        "# Columns: code (12-digit division code), level, name (full), forms (short forms, '|'-separated).",
        "code\tlevel\tname\tforms",
    ]
    return "\n".join(header + out_rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the divisions gazetteer."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path, help=f"a downloaded {PACKAGE}-{VERSION} wheel (default: pip download it)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the existing file instead of writing it")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or _fetch_wheel(Path(tmp))
        rows, nations, digest = _read_wheel(wheel)
    text = build(rows, nations, digest)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} differs from the regenerated list")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10)) - 7} divisions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
