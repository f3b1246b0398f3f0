"""What each figure is about: as_of, subject, region, comparison base; and the document's context.

Works on the mentions the earlier stages found; word lists come from
``patterns/context.yaml`` and the LOC gazetteers.  Self-checking arithmetic
lives in :mod:`checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

import regex

from .checks import find_checks
from .records import Entity, Figure, TimeMention
from .text import Sentences

if TYPE_CHECKING:
    from .dates import TimeCandidate
    from .figures import Candidate
    from .ruleset import Ruleset

__all__ = ["attach", "detect_published", "detect_region", "find_checks", "resolve_bare_numbers"]

_PUB_FULL = regex.compile(
    r"(?P<y>[12][0-9]{3})\s*(?:[-/.年])\s*(?P<m>1[0-2]|0?[1-9])\s*(?:[-/.月])\s*(?P<d>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
)
_CLAUSE_END = regex.compile(r"[，,；;：:。！？\n（）()、《》“”]")
_BARE_AFTER = regex.compile(r"[\s，,。；;、）):：]|$")
_RANGE = regex.compile(r"\s*(?:至|到|-|—|–|~|～)\s*")
_LIST = regex.compile(r"\s*(?:、|和|及|与|或)\s*")
_COMPARE = regex.compile(r"(?:同比|环比|比|较|与)(?P<base>上年同期|去年同期|上年|去年|上月|前一日|前一天|同期|上一年|上季度|年初)")
_SUBJ_BAD = regex.compile(r"^[\s\p{P}0-9]*$")


def compile_patterns(rs: "Ruleset") -> dict[str, regex.Pattern[str]]:
    """Subject boundary and stripping regexes from the context file."""
    c = rs.context
    return {
        "subj_stop": regex.compile(f"(?:{rs.alternation(c.subject_stop)})" if c.subject_stop else "(?!)"),
        "subj_strip_suffix": regex.compile(f"(?:{rs.alternation(c.subject_strip_suffix)})+$" if c.subject_strip_suffix else "(?!)"),
        "subj_strip_prefix": regex.compile(f"^(?:{rs.alternation(c.subject_strip_prefix)})+" if c.subject_strip_prefix else "(?!)"),
        "bare_before": regex.compile(f"(?:{rs.alternation(c.bare_number_after)})\\s*$" if c.bare_number_after else "(?!)"),
        "compare_before": regex.compile(f"(?:{rs.alternation(c.comparison_bases)})$" if c.comparison_bases else "(?!)"),
    }


def detect_published(folded: str, rs: "Ruleset") -> dt.date | None:
    """Publication date from a header line (``2020-02-22 12:33``) or a dated signature line; None if absent."""
    head = folded[:400]
    for chunk in (head, folded[-300:]):
        for m in _PUB_FULL.finditer(chunk):
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


def detect_region(folded: str, rs: "Ruleset") -> str | None:
    """The region a document reports on: the first province-level place in its title or opening."""
    from .regions import region_of

    return region_of(folded, rs)


def resolve_bare_numbers(cands: list["Candidate"], folded: str, rs: "Ruleset") -> list["Candidate"]:
    """Give unit-less numbers a type: first item of a range (3至5天), a bare indicator value, or drop them."""
    out: list["Candidate"] = []
    bare_before = rs.compiled["bare_before"]
    for i, c in enumerate(cands):
        if c.rule != "number.bare":
            out.append(c)
            continue
        # 3至5天 and 0.6、0.7和0.3个百分点: bare items share the unit of the figure that closes the range or list.
        j = i
        while j + 1 < len(cands) and cands[j + 1].rule == "number.bare" and _LIST.fullmatch(folded, cands[j].end, cands[j + 1].start):
            j += 1
        nxt = cands[j + 1] if j + 1 < len(cands) else None
        if nxt is not None and nxt.rule != "number.bare" and (
            _RANGE.fullmatch(folded, cands[j].end, nxt.start) or _LIST.fullmatch(folded, cands[j].end, nxt.start)
        ) and nxt.type != "number":
            c.type, c.unit, c.rule = nxt.type, nxt.unit, "list.shared_unit"
            out.append(c)
            continue
        line_start = folded.rfind("\n", 0, c.start) + 1
        line_end = folded.find("\n", c.end)
        line_end = len(folded) if line_end < 0 else line_end
        before = folded[max(line_start, c.start - 4) : c.start]
        in_table = "\t" in folded[line_start:line_end]
        cell = in_table and (c.start == line_start or folded[c.start - 1] == "\t") and (c.end == line_end or folded[c.end] in "\t\r")
        if cell or (bare_before.search(before) and _BARE_AFTER.match(folded, c.end)):
            c.rule = "number.cell" if cell else "number.bare"
            out.append(c)
    return out


def _is_comparison(t: "TimeCandidate", folded: str, rs: "Ruleset") -> bool:
    if t.rule in ("time.relative.reported",):
        return True
    word = folded[t.start : t.end]
    if word in ("上年", "上一年", "上年同期", "去年同期", "上月", "上个月", "同期"):
        return True
    return rs.compiled["compare_before"].search(folded, max(0, t.start - 2), t.start) is not None


def _subject(f: Figure, folded: str, rs: "Ruleset", floor: int) -> str | None:
    """The metric word before the number, else the head noun after number + classifier."""
    lo = floor
    m = None
    for m in _CLAUSE_END.finditer(folded, max(lo, f.start - 24), f.start):
        pass
    if m is not None:
        lo = m.end()
    left = folded[max(lo, f.start - 24) : f.start]
    stops = list(rs.compiled["subj_stop"].finditer(left))
    # Cut at the last stop word that leaves something before the number.
    for st in reversed(stops):
        if st.end() < len(left):
            rest = left[st.end() :]
            if not rs.compiled["subj_strip_suffix"].fullmatch(rest):
                left = rest
                break
    left = rs.compiled["subj_strip_suffix"].sub("", left)
    left = rs.compiled["subj_strip_prefix"].sub("", left).strip()
    right = ""
    if f.type in ("count", "quantity", "money"):
        mr = _CLAUSE_END.search(folded, f.end, min(len(folded), f.end + 16))
        stop = mr.start() if mr else min(len(folded), f.end + 12)
        right = folded[f.end : stop]
        cut = regex.search(r"[^\p{Han}]|中|的|已|在|和|与|及|是|为|共|累计|同比|比|较|增长|下降|提高|左右", right)
        if cut:
            right = right[: cut.start()]
        right = right.strip()
    if right and len(right) >= 2 and not _SUBJ_BAD.match(right):
        return right
    if left and not _SUBJ_BAD.match(left):
        return left[-12:]
    return None


def attach(
    figs: list[Figure],
    times: Sequence["TimeCandidate"],
    tms: Sequence[TimeMention],
    ents: Sequence[Entity],
    folded: str,
    text: str,
    sentences: Sentences,
    rs: "Ruleset",
    doc_region: str | None,
) -> list[Figure]:
    """Figures with subject, as_of, region and compared_to filled in (new frozen records)."""
    governing = [t for t in times if not _is_comparison(t, folded, rs)]
    locs = [e for e in ents if e.type == "LOC"]
    out: list[Figure] = []
    ti = 0
    prev_end = 0
    for f in figs:
        s0, _s1 = sentences.bounds(f.start)
        as_of = None
        while ti < len(governing) and governing[ti].end <= f.start:
            ti += 1
        for t in reversed(governing[:ti]):
            if t.start < s0:
                break
            as_of = t.value
            break
        region = doc_region
        for e in reversed(locs):
            if e.end <= f.start and e.start >= s0:
                region = e.text
                break
        compared = None
        if f.direction is not None:
            clause_start = max([s0, prev_end, *(m.end() for m in _CLAUSE_END.finditer(folded, max(s0, f.start - 20), f.start))])
            cm = None
            for cm in _COMPARE.finditer(folded, clause_start, f.start):
                pass
            compared = cm.group("base") if cm else None
            if compared is None and folded.rfind("同比", clause_start, f.start) >= 0:
                compared = "上年同期"
        subj = _subject(f, folded, rs, max(s0, prev_end))
        if subj is None and out and f.direction is not None and out[-1].start >= s0:
            subj = out[-1].subject  # 复工率84.1%，较前一日提高2.1个百分点: the change is of the previous figure
        out.append(f.model_copy(update={"as_of": as_of, "subject": subj, "region": region, "compared_to": compared}))
        prev_end = f.end
    return out
