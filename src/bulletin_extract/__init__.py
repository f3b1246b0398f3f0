"""bulletin-extract: typed, source-grounded figures, dates and entities from Chinese government bulletins.

>>> from bulletin_extract import extract
>>> [(m.text, m.type, str(m.value)) for m in extract("复工率84.1%", entities=False)]
[('84.1%', 'percent', '84.1')]
"""

from __future__ import annotations

from .api import extract, extract_document, parse_published
from .batch.frames import extract_frame
from .engine import Engine, default_engine, default_ruleset
from .errors import (
    BulletinExtractError,
    DocumentReadError,
    InputTypeError,
    PatternFileError,
    PublishedDateError,
)
from .explain import Explanation, explain
from .indicators.panel import extract_panel, panel_frame
from .records import (
    Check,
    Derived,
    Document,
    Entity,
    Figure,
    Mention,
    TimeMention,
    json_schema,
    mentions_from_json,
)
from .rules.ruleset import Ruleset

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``bulletin_extract.evaluate``, imported on first use so extraction never loads the evaluation package."""
    if name == "evaluate":
        from .evaluation import evaluate

        return evaluate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BulletinExtractError",
    "Check",
    "Derived",
    "Document",
    "DocumentReadError",
    "Engine",
    "Entity",
    "Explanation",
    "Figure",
    "InputTypeError",
    "Mention",
    "PatternFileError",
    "PublishedDateError",
    "Ruleset",
    "TimeMention",
    "__version__",
    "default_engine",
    "default_ruleset",
    "evaluate",
    "explain",
    "extract",
    "extract_document",
    "extract_frame",
    "extract_panel",
    "json_schema",
    "mentions_from_json",
    "panel_frame",
    "parse_published",
]
