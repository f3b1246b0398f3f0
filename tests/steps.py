"""Counting the Python steps a call takes inside the library: cost as an operation count, never a time.

A step is a line event of the tracer (a loop iteration is one, comprehensions included) in a frame of
``src/bulletin_extract``; work done in C (a regex scan, a slice) is not counted, and neither are other
packages.  A stage is linear when doubling its input doubles its steps, whatever the machine's load.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import bulletin_extract

_ROOT = str(Path(bulletin_extract.__file__).resolve().parent)


def python_steps(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """Line events in the library's own frames while ``fn(*args, **kwargs)`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(_ROOT) else None

    old = sys.gettrace()
    sys.settrace(enter)
    try:
        fn(*args, **kwargs)
    finally:
        sys.settrace(old)
    return count


def growth(fn: Callable[[int], Any], small: int, factor: int = 4) -> float:
    """Steps of ``fn(small * factor)`` per step of ``fn(small)``, divided by *factor*: 1.0 is linear.

    One call first, uncounted, so that what is built once (patterns, caches) is not counted as cost.
    """
    fn(small)
    return python_steps(fn, small * factor) / python_steps(fn, small) / factor
