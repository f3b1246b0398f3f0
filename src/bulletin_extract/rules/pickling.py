"""Pickles of compiled patterns that load without compiling their regexes again.

The regex module pickles a pattern with its compiled code.  The standard library pickles only the pattern
string and flags, so unpickling compiles it again, and compiling is most of what building the engine costs.
Here a standard-library pattern is pickled with the code this interpreter's compiler makes for it, and
unpickled by handing that code to ``_sre.compile``, as ``re.compile`` itself does.  The code is only kept
when the pattern rebuilt from it equals the original (patterns compare their flags, code and pattern string),
and only read back by the same interpreter version (the cache key holds it, see :mod:`.cache`).
"""

from __future__ import annotations

import importlib
import io
import pickle
import re
from typing import Any

try:  # the compiler's internals, as of Python 3.11
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - another version or implementation: patterns pickle as usual
    _sre = None

_CompileArgs = tuple[str, int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _restore(
    pattern: str,
    flags: int,
    code: list[int],
    groups: int,
    groupindex: dict[str, int],
    indexgroup: tuple[str | None, ...],
) -> re.Pattern[str]:
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _compile_args(p: re.Pattern[str]) -> _CompileArgs | None:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for *p*, or None when that cannot be shown equal."""
    if _sre is None or not isinstance(p.pattern, str):
        return None
    try:
        parsed = _parser.parse(p.pattern, p.flags)
        code = [int(op) for op in _compiler._code(parsed, p.flags)]  # opcodes are int subclasses that refuse pickling
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (p.pattern, p.flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _restore(*args)
    except Exception:  # internals that differ from 3.11's: pickle the usual way
        return None
    same = rebuilt == p and rebuilt.groupindex == p.groupindex and rebuilt.groups == p.groups
    return args if same else None


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            args = _compile_args(obj)
            if args is not None:
                return _restore, args
        return NotImplemented


def dumps(obj: object) -> bytes:
    """``pickle.dumps(obj)``, standard-library patterns with their compiled code."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()
