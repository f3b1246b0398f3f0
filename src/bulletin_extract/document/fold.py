"""The fold: full-width digits and signs to ASCII, one character for one, so offsets never move."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules.ruleset import Ruleset


@dataclass(frozen=True)
class Folding:
    """The compiled folding table of a ruleset (``numerals.yaml`` ``fold``)."""

    table: dict[int, str]
    any_folded: re.Pattern[str]

    @classmethod
    def compile(cls, rs: Ruleset) -> Folding:
        keys = "".join(rs.fold_map)
        return cls(str.maketrans(rs.fold_map), re.compile(f"[{re.escape(keys)}]" if keys else "(?!)"))

    def __call__(self, text: str) -> str:
        """*text* folded; the same object when nothing in it folds."""
        # Most bulletins have no full-width digits: a C-speed scan saves the per-character translate.
        if self.any_folded.search(text) is None:
            return text
        return text.translate(self.table)
