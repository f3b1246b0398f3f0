"""The house rules of the source tree, checked: knowledge lives in patterns/, modules and functions stay small.

Docstrings, comments and pydantic ``description=`` texts may quote Chinese (they explain); string
literals in engine code may not — a linguist edits words in YAML, never in Python.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "bulletin_extract"
# Han ideographs, CJK punctuation and symbols, full-width forms, radicals, compatibility ideographs.
_CJK = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
        # Attribute docstrings: a bare string right after an assignment.
        if isinstance(node, (ast.Module, ast.ClassDef)):
            for prev, cur in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(prev, (ast.Assign, ast.AnnAssign))
                    and isinstance(cur, ast.Expr)
                    and isinstance(cur.value, ast.Constant)
                ):
                    out.add(id(cur.value))
        if isinstance(node, ast.keyword) and node.arg == "description" and isinstance(node.value, ast.Constant):
            out.add(id(node.value))
    return out


def cjk_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string constant holding CJK text that is not documentation."""
    tree = ast.parse(source)
    docs = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        if is_text and _CJK.search(node.value):
            found.append((node.lineno, node.value[:40]))
    return sorted(found)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_house_no_cjk_string_literals_in_engine_code(path: Path):
    found = cjk_literals(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(SRC)}: move these to a pattern file in patterns/: {found}"


def test_house_cjk_check_finds_a_literal_and_spares_documentation():
    src = 'def f():\n    """说明文字"""\n    return "年"  # 注释\nx = Field(description="说明")\n'
    assert cjk_literals(src) == [(3, "年")]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_house_modules_and_functions_stay_small(path: Path):
    source = path.read_text(encoding="utf-8")
    lines = source.count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.name} has {lines} lines: split it by concern"
    long = [
        f"{n.name} ({n.end_lineno - n.lineno + 1} lines)"
        for n in ast.walk(ast.parse(source))
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_house_no_import_cycles():
    """The package's module-level import graph is acyclic (imports inside functions aside)."""
    graph: dict[str, set[str]] = {}
    for path in _modules():
        mod = ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
        pkg = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
        deps = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
                deps.add(target)
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bulletin_extract"):
                deps.add(node.module)
        graph[mod] = deps
    modules = set(graph)

    def resolve(name: str) -> str | None:
        return name if name in modules else None

    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        seen[m] = 1
        stack.append(m)
        for d in graph.get(m, ()):
            t = resolve(d)
            if t is None or t == m:
                continue
            if seen.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*stack[stack.index(t) :], t]))
            if t not in seen:
                visit(t)
        stack.pop()
        seen[m] = 2

    for m in sorted(modules):
        if m not in seen:
            visit(m)
