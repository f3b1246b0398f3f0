"""One batch run per output: a lock file next to the output, held for the whole run.

The lock is an ``flock`` on ``OUTPUT.lock``, so the kernel releases it when the run ends in any way
(``kill -9`` included): a lock file left by a killed run is stale by construction and the next run
takes it over, with no PID guessing (a PID may be reused).  The file holds the holder's PID, host
and start time, only to tell a refused run who is writing.  Where ``fcntl`` is missing (Windows),
runs are not locked, and a warning says so.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from pathlib import Path
from types import TracebackType

from .jobs import BatchError

try:
    import fcntl

    HAVE_FLOCK = True
except ImportError:  # pragma: no cover - Windows
    HAVE_FLOCK = False

log = logging.getLogger(__name__)


def lock_path(output: Path) -> Path:
    """The lock file of a run writing *output*: ``out.parquet`` -> ``out.parquet.lock``."""
    return output.with_name(output.name + ".lock")


class OutputLock:
    """``with OutputLock(path):`` holds the lock or raises :class:`BatchError` naming the run that holds it."""

    def __init__(self, path: Path, output: Path) -> None:
        self.path, self.output = path, output
        self.fd: int | None = None

    def __enter__(self) -> OutputLock:
        if not HAVE_FLOCK:  # pragma: no cover - Windows
            log.warning("no file locks on this platform: make sure no other batch run writes %s", self.output)
            return self
        for _ in range(10):  # another run may unlink the file between our open and our lock: try again
            fd = self._open()
            if _same_file(fd, self.path):
                self.fd = fd
                self._write_holder()
                return self
            os.close(fd)
        raise BatchError(f"could not take the lock {self.path}: other runs keep replacing it")

    def _open(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise BatchError(f"cannot create the lock file {self.path}: {exc.strerror}; choose another -o") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(fd)
            os.close(fd)
            raise BatchError(self._busy(holder)) from None
        previous = _holder(fd)
        if previous:
            log.info("%s: taking over the lock of a run that ended without releasing it (%s)", self.path, previous)
        return fd

    def _busy(self, holder: str) -> str:
        return (
            f"another batch run is writing {self.output} ({holder or 'holder unknown'}): wait for it to finish or "
            f"choose another -o; two runs on one output would mix their tables (lock file {self.path})"
        )

    def _write_holder(self) -> None:
        assert self.fd is not None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        os.write(self.fd, json.dumps(info).encode())

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.fd is not None:
            # Unlink while still holding the lock: a run that opened the old file sees it is gone and retries.
            self.path.unlink(missing_ok=True)
            os.close(self.fd)
            self.fd = None


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino)


def _holder(fd: int) -> str:
    """Who holds (or held) the lock, as written in the file: ``pid 123 on host, since ...``."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096) or b"{}")
        return f"pid {info['pid']} on {info['host']}, since {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return ""
