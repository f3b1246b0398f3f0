"""The readers' page-furniture rules (``io/reading.yaml``), validated and compiled once, on first use."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ConfigDict, field_validator

from ..errors import PatternFileError
from ..rules.schema_base import compiling_regex

_FILE = "reading.yaml"


class _ReadingFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    controls_line: str
    share_line: str
    page_number: str

    @field_validator("controls_line", "share_line", "page_number")
    @classmethod
    def _compiles(cls, v: str) -> str:
        return compiling_regex(v)


@dataclass(frozen=True)
class ReadingRules:
    """Whole-line regexes of page furniture: page controls, share bars, page numbers."""

    controls_line: re.Pattern[str]
    share_line: re.Pattern[str]
    page_number: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def reading_rules() -> ReadingRules:
    """The rules of ``io/reading.yaml`` (a bad file fails naming the file and the reason)."""
    import yaml  # here, not at import: extracting from text reads no page furniture

    path = resources.files("bulletin_extract.io") / _FILE
    try:
        spec = _ReadingFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except Exception as exc:
        raise PatternFileError(str(path), str(exc)) from exc
    return ReadingRules(re.compile(spec.controls_line), re.compile(spec.share_line), re.compile(spec.page_number))
