"""A match of one time branch, with everything its resolver reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .dates import num
from .relative import relative_month, relative_year

if TYPE_CHECKING:
    from .grammar import TimePatterns


@dataclass(frozen=True, slots=True)
class Hit:
    """One branch's match: groups by the names the pattern file gives them, and the dates to resolve against."""

    m: re.Match[str]
    groups: Mapping[str, int]  # a group's name in the pattern file -> its number in the compiled regex
    text: str
    pats: TimePatterns
    pub: dt.date | None
    plan: bool  # a plan word stands just before (计划6月底完成): the date may lie after publication
    reported: str | None  # the period reported on so far (ISO), the base of 上年 and of a bare 一季度

    @property
    def start(self) -> int:
        return self.m.start()

    @property
    def end(self) -> int:
        return self.m.end()

    def group(self, name: str) -> str | None:
        return self.m.group(self.groups[name])

    def start_of(self, name: str) -> int:
        return self.m.start(self.groups[name])

    def end_of(self, name: str) -> int:
        return self.m.end(self.groups[name])

    def num(self, name: str) -> int | None:
        """The number group *name* writes (None when the group did not match)."""
        return num(self.group(name), self.pats.numerals)

    def year_of_word(self, name: str) -> int | None:
        """The year the year word in group *name* names (前年 -> publication year - 2)."""
        word = self.group(name)
        return None if word is None else relative_year(word, self.pats.relative, self.pub, self.reported)

    def month_of_word(self, name: str) -> tuple[int, int] | None:
        """The year and month the month word in group *name* names (本月 -> the publication month)."""
        word = self.group(name)
        return None if word is None else relative_month(word, self.pats.relative, self.pub, self.reported)

    def tail_at(self, pos: int) -> tuple[str, Hit] | None:
        """The tail (rule id and match) starting right at *pos*, if any."""
        t = self.pats.tail.match(self.text, pos)
        if t is None or t.lastindex is None:
            return None
        branch = self.pats.tails[t.lastindex]
        return branch.rule, Hit(t, branch.groups, self.text, self.pats, self.pub, self.plan, self.reported)

    def prefix_year(self) -> int | None:
        """The year of the ``year_prefix`` fragment (2020年 or a year word), None when there is none."""
        if self.group("py"):
            return self.num("py")
        return self.year_of_word("pw")


class Day(NamedTuple):
    """The parts of a resolved date that a tail (至15日, 0-24时) continues."""

    y: int
    m: int | None
    d: int
    h: int | None
