"""Gold loading, validation and scoring (ANNOTATION.md §4–§5).

This subpackage never imports the extraction stages, so it can score any
system's predictions, including a blind set; only ``evaluate(predictions=None)``
imports the extractor, when it is called.

>>> from bulletin_extract.evaluation import evaluate
>>> evaluate("gold/", predictions="gold/iaa").strict.micro.f1  # doctest: +SKIP
"""

from __future__ import annotations

from .api import evaluate
from .errors import EvaluationOptionError, GoldFormatError, InteropError, PredictionFormatError
from .gold import GoldDocument, GoldProblem, check_gold, load_gold
from .report import Report

__all__ = [
    "EvaluationOptionError",
    "GoldDocument",
    "GoldFormatError",
    "GoldProblem",
    "InteropError",
    "PredictionFormatError",
    "Report",
    "check_gold",
    "evaluate",
    "load_gold",
]
