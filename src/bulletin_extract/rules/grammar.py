"""Building regexes from pattern data: word alternations and ``{name}`` references between fragments.

Pattern files compose their regexes by reference, as Recognizers-Text does: a
fragment such as ``{month}`` names another fragment of the same grammar, so a
linguist edits one definition and every pattern that uses it follows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

# {name} where name is an identifier; quantifiers such as {1,3} and \p{Han} are left alone.
REFERENCE = regex.compile(r"(?<!\\[pPN])\{([A-Za-z_][A-Za-z0-9_]*)\}")


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of *words*, longest first (so 千瓦时 beats 千瓦); empty when there are none."""
    ws = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in ws)


def alternation_or_never(words: Iterable[str]) -> str:
    """:func:`alternation`, or a pattern that never matches when there are no words."""
    return alternation(words) or "(?!)"


def char_class(chars: Iterable[str]) -> str:
    """A character class of *chars* (a never-matching pattern when empty)."""
    s = "".join(sorted(set(chars)))
    return f"[{regex.escape(s)}]" if s else "(?!)"


def references(template: str) -> list[str]:
    """The ``{name}`` references of *template*, in order."""
    return list(REFERENCE.findall(template))


def compose(template: str, fragments: Mapping[str, str], *, depth: int = 0) -> str:
    """*template* with every ``{name}`` replaced by its fragment (fragments may refer to others).

    :class:`KeyError` names an unknown fragment; a reference cycle raises :class:`ValueError`.
    """
    if depth > 16:
        raise ValueError(f"fragment references nest too deep (a cycle?) in {template[:60]!r}")

    def repl(m: regex.Match[str]) -> str:
        name = m.group(1)
        if name not in fragments:
            raise KeyError(name)
        return compose(fragments[name], fragments, depth=depth + 1)

    return str(REFERENCE.sub(repl, template))


def trie_alternation(words: Iterable[str]) -> str:
    """A regex matching the same words as :func:`alternation`, built as a trie (千瓦(?:时)?).

    The stdlib engine tries the branches of an alternation one by one; a trie tests each character once,
    which matters for the hundreds of unit words tried after every number.  Longer words still win: the
    rest of a word is a greedy optional group.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root) or "(?!)"


def _emit(node: dict) -> str:  # type: ignore[type-arg]
    parts = [regex.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body
