"""The exceptions bulletin-extract raises, each with a message a researcher can act on."""

from __future__ import annotations


class BulletinExtractError(Exception):
    """Base class of every error this package raises on purpose."""


class PatternFileError(BulletinExtractError, ValueError):
    """A pattern file is unreadable or invalid; the message names the file, the entry and the reason."""

    def __init__(self, path: str, reason: str, entry: str | None = None) -> None:
        self.path, self.entry, self.reason = path, entry, reason
        where = f"{path} [{entry}]" if entry else path
        super().__init__(f"{where}: {reason}")


class PublishedDateError(BulletinExtractError, ValueError):
    """The ``published`` argument could not be read as a date."""


class InputTypeError(BulletinExtractError, TypeError):
    """``extract`` was given something other than ``str``."""


class DocumentReadError(BulletinExtractError, OSError):
    """A document file could not be read or decoded (batch runs record it and carry on)."""


class PatternTimeoutError(BulletinExtractError, RuntimeError):
    """A regex from a pattern file ran past its time limit on a document; the message names the file and entry."""

    def __init__(self, where: str, chars: int, seconds: float) -> None:
        self.where, self.chars, self.seconds = where, chars, seconds
        super().__init__(
            f"{where}: the regex ran for more than {seconds:.1f} s on a text of {chars:,} characters and was "
            "stopped; it backtracks on this text: make its repetitions atomic, (?>...), or possessive (*+, ++)"
        )
