"""The gold regression gate: the scores of a :class:`~.report.Report` against those recorded in a baseline file.

A baseline holds, per mention type, the strict and the detection F1, and the accuracy of each figure
attribute.  Scores are kept to :data:`DIGITS` decimals: readable in a diff, and still finer than the step
one mention makes on a gold set of this size (about 0.0005 for a type with 1,000 gold mentions).  A score
counts as fallen when, rounded the same way, it is below the recorded one.

The baseline is raised on purpose, in the commit that improves the scores
(``bulletin-extract evaluate --write-baseline gold/baseline.json``), so a later change
cannot give the gain back unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import BaselineFileError, OutputWriteError
from .report import Report

DIGITS = 4
Ratio = Annotated[float, Field(ge=0.0, le=1.0)]


class Baseline(BaseModel):
    """The recorded scores: ``strict_f1`` and ``detection_f1`` per type, ``attribute_accuracy`` per attribute,
    ``indicator_accuracy`` (indicator, scope, measure, null) where the gold carries indicator labels."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    strict_f1: dict[str, Ratio]
    detection_f1: dict[str, Ratio]
    attribute_accuracy: dict[str, Ratio]
    indicator_accuracy: dict[str, Ratio] = Field(default_factory=dict)

    @classmethod
    def of(cls, report: Report) -> Baseline:
        """The scores of *report*, rounded to :data:`DIGITS` decimals (attributes no figure was matched on are left out)."""
        return cls(
            strict_f1={t: round(s.f1, DIGITS) for t, s in report.strict.per_type.items()},
            detection_f1={t: round(s.f1, DIGITS) for t, s in report.detection.per_type.items()},
            attribute_accuracy={
                a: round(s.accuracy, DIGITS) for a, s in report.attributes.items() if s.accuracy is not None
            },
            indicator_accuracy={
                a: round(s.accuracy, DIGITS) for a, s in report.indicators.items() if s.accuracy is not None
            },
        )

    @classmethod
    def read(cls, path: str | Path) -> Baseline:
        """The baseline in the JSON file *path*; :class:`~.errors.BaselineFileError` says what is wrong with it."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise BaselineFileError(f"cannot read baseline {path}: {exc.strerror}") from exc
        try:
            return cls.model_validate_json(text)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'file'}: {e['msg']}" for e in exc.errors())
            raise BaselineFileError(f"baseline {path} is not a baseline file: {problems}") from exc

    def write(self, path: str | Path) -> None:
        """Write the baseline to *path* as indented JSON (one score a line, so a diff shows each change)."""
        try:
            Path(path).write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise OutputWriteError(f"cannot write {path}: {exc.strerror}") from exc

    def scores(self) -> dict[str, float]:
        """Every recorded score by its display name (``strict F1 count``, ``attribute accuracy as_of`` ...)."""
        return {
            **{f"strict F1 {t}": v for t, v in self.strict_f1.items()},
            **{f"detection F1 {t}": v for t, v in self.detection_f1.items()},
            **{f"attribute accuracy {a}": v for a, v in self.attribute_accuracy.items()},
            **{f"indicator accuracy {a}": v for a, v in self.indicator_accuracy.items()},
        }


@dataclass(frozen=True)
class Change:
    """One score that moved: its name, the recorded value and the new one (None when the report lacks it)."""

    name: str
    old: float
    new: float | None

    def __str__(self) -> str:
        new = "missing" if self.new is None else f"{self.new:.{DIGITS}f}"
        return f"{self.name}: {self.old:.{DIGITS}f} → {new}"


@dataclass(frozen=True)
class Comparison:
    """The scores that fell below the baseline and those that rose above it, in the baseline's order."""

    fallen: list[Change]
    risen: list[Change]


def compare(baseline: Baseline, report: Report) -> Comparison:
    """*report* against *baseline*: a recorded score the report does not have counts as fallen."""
    now = Baseline.of(report).scores()
    fallen: list[Change] = []
    risen: list[Change] = []
    for name, old in baseline.scores().items():
        new = now.get(name)
        if new is None or new < old:
            fallen.append(Change(name, old, new))
        elif new > old:
            risen.append(Change(name, old, new))
    return Comparison(fallen, risen)
