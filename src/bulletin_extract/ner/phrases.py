"""Every gazetteer name in a text, without building a spaCy Doc: the phrase matching of the fast path.

spaCy's ``PhraseMatcher`` over one token per character (``pipeline.GazetteerMatcher``) finds exactly
the same matches, but building a ``Doc`` of a whole bulletin costs more than all other extraction
stages together. Here a one-pass scan for the first characters of the names and a set lookup per
candidate length do the same job; ``tests/test_entities.py`` checks that both agree.
"""

from __future__ import annotations

import re

from .rules import Found


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


class PhraseIndex:
    """Surface forms by first character and length, with the (label, rule) pairs each one stands for."""

    def __init__(self, patterns: tuple[dict[str, str], ...]) -> None:
        self.forms: dict[str, list[tuple[str, str]]] = {}
        for p in patterns:
            if p["pattern"]:
                self.forms.setdefault(p["pattern"], []).append((p["label"], p["id"]))
        # Longer forms by their first two characters: most candidate positions fail this one lookup.
        by_prefix: dict[str, set[int]] = {}
        for form in self.forms:
            if len(form) > 1:
                by_prefix.setdefault(form[:2], set()).add(len(form))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_prefix.items()}
        self.singles = frozenset(f for f in self.forms if len(f) == 1)
        # A position starts a candidate when its character begins a longer form and the next one is the second
        # character of some form: the second class halves the positions the Python loop below visits (about
        # 530,000 instead of 990,000 on the corpus), for one more class test.
        first = {f[0] for f in self.forms if len(f) > 1}
        second = {f[1] for f in self.forms if len(f) > 1}
        self.starts = re.compile(f"{_char_class(first)}(?={_char_class(second)})" if first else "(?!)")
        self.single_starts = re.compile(_char_class(set(self.singles)) if self.singles else "(?!)")

    def find(self, text: str) -> list[Found]:
        """Every occurrence of every form (overlapping ones included), as the PhraseMatcher reports them."""
        forms, lengths = self.forms, self.lengths.get
        size = len(text)
        out: list[Found] = []
        # map() reads the positions in C: the loop body runs per position, and most of them start no form.
        for i in map(re.Match.start, self.starts.finditer(text)):
            for n in lengths(text[i : i + 2], ()):
                if i + n > size:
                    continue  # near the end a slice is shorter than n: it may be another, shorter form (渭南 of 渭南市)
                hits = forms.get(text[i : i + n])
                if hits:
                    out.extend([Found(i, i + n, label, rule) for label, rule in hits])
        if self.singles:
            for i in map(re.Match.start, self.single_starts.finditer(text)):
                out.extend([Found(i, i + 1, label, rule) for label, rule in forms[text[i]]])
            # The order of one scan: by start, and at one start the longer forms first (a stable sort keeps them).
            out.sort(key=_start)
        return out


def _start(f: Found) -> int:
    return f.start
