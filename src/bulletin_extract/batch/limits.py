"""Limits on one document of a batch: its size, checked before it is read, and its time, while it is read
and extracted.

The time budget must interrupt pure-Python work in whatever thread runs it (the main thread of a
local worker process, or a thread of a Dask worker), so signals (main thread only) cannot serve.  A
watchdog thread raises :class:`DocumentTimeout` in the late thread instead
(``PyThreadState_SetAsyncExc``).  Like a signal, that lands between two bytecodes, so a single C call
that never returns (one catastrophic regex match) is not interrupted; rules are kept from those by
the pattern checks.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


class DocumentTimeout(BaseException):
    """A document outlived its time budget.

    A BaseException, like KeyboardInterrupt: a library's ``except Exception`` while reading a file
    must not swallow it and carry on with the late document.
    """


@dataclass(eq=False)
class _Slot:
    deadline: float
    fired: threading.Event = field(default_factory=threading.Event)


class _Watchdog:
    """One thread per process that interrupts threads whose deadline passed.

    Starting a thread, or waking one, costs a switch of the GIL (up to 5 ms while the worker computes),
    so the thread lives on while documents keep coming, and is woken only when a new deadline is
    earlier than the one it sleeps towards; after a second with nothing to watch it exits.
    """

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.slots: dict[int, _Slot] = {}
        self.running = False  # under cond: a thread that is past its loop must not be counted on
        self.wakes_at = 0.0  # under cond: when the thread looks again

    def arm(self, seconds: float) -> _Slot:
        slot = _Slot(time.monotonic() + seconds)
        with self.cond:
            self.slots[threading.get_ident()] = slot
            if not self.running:
                self.running = True
                self.wakes_at = 0.0
                threading.Thread(target=self._run, name="bulletin-extract-time-budget", daemon=True).start()
            elif slot.deadline < self.wakes_at:
                self.cond.notify()
        return slot

    def disarm(self, slot: _Slot) -> bool:
        """True when the slot was still armed; False when the watchdog already fired it."""
        # dict.pop is atomic: whichever of this thread and the watchdog pops the slot first owns it.
        return self.slots.pop(threading.get_ident(), None) is slot

    def _run(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                if not self.slots:
                    self.wakes_at = now + _IDLE_SECONDS
                    if not self.cond.wait(_IDLE_SECONDS) and not self.slots:
                        self.running = False
                        return
                    continue
                tid, slot = min(self.slots.items(), key=lambda kv: kv[1].deadline)
                if slot.deadline > now:
                    self.wakes_at = slot.deadline
                    self.cond.wait(slot.deadline - now)
                    continue
                if self.slots.pop(tid, None) is slot:
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(DocumentTimeout))
                    slot.fired.set()


_IDLE_SECONDS = 1.0
_WATCHDOG = _Watchdog()


def _after_fork() -> None:
    # A forked worker has no watchdog thread, and the parent's lock may have been held at the fork.
    global _WATCHDOG
    _WATCHDOG = _Watchdog()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def _nothing() -> None:
    pass


def _land_pending() -> None:
    """Let a DocumentTimeout the watchdog set for this thread land here, at a function's entry.

    Not ``PyThreadState_SetAsyncExc(id, NULL)``: CPython then signals an asynchronous exception with
    none to deliver, and the eval breaker stays set for good (every later call checks it; under
    ``sys.settrace`` a call loops on it for ever).
    """
    for _ in range(3):
        _nothing()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block when it runs longer than *seconds* (None or 0: no limit).

    The exception is raised out of this context manager even when the deadline passes just as the
    block ends, so a caller that catches it around the ``with`` never sees it later.
    """
    if not seconds:
        yield
        return
    slot = _WATCHDOG.arm(seconds)
    try:
        yield
    finally:
        if not _WATCHDOG.disarm(slot):
            # The watchdog won the race: its exception is set or about to be.  Wait for it, let it land
            # here if it is still pending, and raise it again here, where the caller expects it.
            try:
                slot.fired.wait()
                _land_pending()
            except DocumentTimeout:
                pass
            raise DocumentTimeout


def too_large(size: int, max_bytes: int | None) -> bool:
    """True when a document of *size* bytes is over the limit (None or 0: no limit)."""
    return bool(max_bytes) and size > (max_bytes or 0)
