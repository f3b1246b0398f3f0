"""Templates from package data, filled with already-escaped parts; the one escaping function the views use."""

from __future__ import annotations

import functools
import html
import re
from importlib import resources

_SLOT = re.compile(r"@@([a-z0-9_]+)@@")


class TemplateError(KeyError):
    """A template names a slot the view did not fill (a bug in the view, never in the input)."""


def esc(value: object) -> str:
    """*value* as HTML text or attribute content: ``& < > " '`` escaped; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


@functools.lru_cache(maxsize=16)
def template(name: str) -> str:
    """The text of ``views/templates/NAME``."""
    return (resources.files("bulletin_extract") / "views" / "templates" / name).read_text(encoding="utf-8")


def fill(name: str, **parts: str) -> str:
    """Template *name* with each ``@@slot@@`` replaced by ``parts[slot]`` (HTML the caller built and escaped).

    One pass over the template, so a part that happens to contain ``@@x@@`` is never expanded again.
    """

    def part(m: re.Match[str]) -> str:
        try:
            return parts[m.group(1)]
        except KeyError:
            raise TemplateError(f"template {name} has slot {m.group(1)!r} that the view does not fill") from None

    page = template(name)
    unused = set(parts) - set(_SLOT.findall(page))
    if unused:
        raise TemplateError(f"template {name} has no slot for {sorted(unused)}")
    return _SLOT.sub(part, page)
