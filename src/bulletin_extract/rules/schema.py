"""Pydantic models of the pattern files in ``patterns/`` (one model per ``kind``).

Every file is validated when a :class:`~bulletin_extract.rules.ruleset.Ruleset` is
built; a bad entry fails then, naming the file and the entry, never later
while extracting.  The models live by stage in ``schema_figures``, ``schema_language``
and ``schema_entities``; this module gathers them into the one discriminated union.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .schema_base import Example, ExpectedMention
from .schema_entities import EntityLabel, EntityRule, GazetteerFile
from .schema_figures import (
    CharactersFile,
    DirectionsFile,
    ExclusionsFile,
    NumeralsFile,
    QualifiersFile,
    UnitEntry,
    UnitsFile,
    Zone,
)
from .schema_indicators import Identity, Indicator, IndicatorsFile
from .schema_language import ContextFile, GrammarFile, TablesFile, TimeGrammarFile, TimeWordsFile

__all__ = [
    "CharactersFile",
    "ContextFile",
    "DirectionsFile",
    "EntityLabel",
    "EntityRule",
    "Example",
    "ExclusionsFile",
    "ExpectedMention",
    "GazetteerFile",
    "GrammarFile",
    "Identity",
    "Indicator",
    "IndicatorsFile",
    "NumeralsFile",
    "PatternFile",
    "QualifiersFile",
    "TablesFile",
    "TimeGrammarFile",
    "TimeWordsFile",
    "UnitEntry",
    "UnitsFile",
    "Zone",
]

PatternFile = Annotated[
    NumeralsFile
    | CharactersFile
    | UnitsFile
    | QualifiersFile
    | DirectionsFile
    | ExclusionsFile
    | TimeWordsFile
    | TimeGrammarFile
    | ContextFile
    | GrammarFile
    | TablesFile
    | GazetteerFile
    | IndicatorsFile,
    Field(discriminator="kind"),
]
