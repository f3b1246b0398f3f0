"""Exceptions of the evaluation package, each naming what to fix.

They subclass :class:`bulletin_extract.errors.BulletinExtractError`, so the
CLI reports them as ``bulletin-extract: error: ...`` with exit status 1.
"""

from __future__ import annotations

from ..errors import BulletinExtractError


class GoldFormatError(BulletinExtractError, ValueError):
    """A gold set is broken; the message lists ``file:line: reason`` for each problem."""


class PredictionFormatError(BulletinExtractError, ValueError):
    """Predictions cannot be read; the message names the file and line (or document) and the bad field."""


class EvaluationOptionError(BulletinExtractError, ValueError):
    """An argument of :func:`~bulletin_extract.evaluation.evaluate` is invalid (e.g. an unknown type name)."""


class InteropError(BulletinExtractError, ValueError):
    """A Label Studio or doccano file cannot be turned back into gold lines; the message names the task."""


class OutputWriteError(BulletinExtractError, OSError):
    """A report or converted gold file could not be written; the message names the path."""


class BaselineFileError(BulletinExtractError, ValueError):
    """A baseline of scores cannot be read or is not one; the message names the path and the bad field."""
