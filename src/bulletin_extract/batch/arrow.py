"""Arrow in the processes of a batch run, which build tables from Python values but never use pandas."""

from __future__ import annotations

import importlib.abc
import sys


def skip_pandas_probe() -> None:
    """Spare this process pyarrow's import of pandas (about 0.3 s of CPU, in every worker).

    The first time ``pa.array`` converts a Python list, pyarrow imports pandas only to ask whether the
    list is a pandas object.  Called in a process that hands pyarrow no pandas objects (the ``batch``
    command and its workers), this makes that one import fail, so pyarrow notes that pandas is absent
    and converts lists as before.  pyarrow still imports pandas when it is asked for it
    (``Table.to_pandas``), so nothing breaks if one is needed later; when pandas is loaded already,
    this does nothing.
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        # Two places ask, each once: converting to a given type, and inferring the type (pyarrow 14-26).
        pa.array(["x"], type=pa.string())
        pa.array(["x"])
    finally:
        sys.meta_path.remove(blocker)


class _NoPandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas":
            raise ModuleNotFoundError("pandas is not imported by a batch process", name=name)
