"""The import rules of DESIGN.md section 1, checked on the source with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "meme_desktop"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _package_imports(package: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PKG)): _imports(p) for p in (PKG / package).rglob("*.py")}


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{file}: {name}"
        for file, names in _package_imports(package).items()
        for name in names
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("draft", ("meme_desktop.api", "meme_desktop.engine", "meme_desktop.assistant",
                   "meme_desktop.ui", "meme_desktop.config", "PySide6")),
        ("api", ("meme_desktop.engine", "meme_desktop.ui", "meme_desktop.assistant", "PySide6")),
        ("engine", ("meme_desktop.api", "meme_desktop.ui", "meme_desktop.assistant",
                    "PySide6.QtWidgets")),
        ("assistant", ("meme_desktop.engine", "meme_desktop.ui", "PySide6")),
        ("ui", ("meme_desktop.engine", "meme_desktop.launcher")),
    ],
)
def test_package_respects_import_rules(package: str, forbidden: tuple[str, ...]) -> None:
    assert (PKG / package).is_dir()
    assert _offenders(package, forbidden) == []


def test_every_module_has_a_purpose_docstring() -> None:
    missing = [
        str(p.relative_to(PKG))
        for p in PKG.rglob("*.py")
        if ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def _module_graph() -> dict[str, set[str]]:
    """Module → the project modules it imports, anywhere in the file (an import inside a
    function is still an import). ``from pkg import mod`` is an edge to ``pkg.mod``."""
    mods: dict[str, Path] = {}
    for p in PKG.rglob("*.py"):
        parts = ("meme_desktop", *p.relative_to(PKG).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = p

    def owner(name: str) -> str:
        while name and name not in mods:
            name = name.rsplit(".", 1)[0] if "." in name else ""
        return name

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in mods
                           else node.module for a in node.names]
            for target in targets:
                found = owner(target) if target.startswith("meme_desktop") else ""
                if found and found != mod:
                    graph[mod].add(found)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_sees_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def test_the_applier_does_not_know_where_operations_come_from() -> None:
    graph = _module_graph()
    applier = [m for m in graph if m.startswith("meme_desktop.engine.agent.applier")]
    assert applier
    for mod in applier:
        assert not {t for t in graph[mod] if t.startswith((
            "meme_desktop.engine.agent.rules", "meme_desktop.engine.agent.reply"))}, mod


def test_the_model_client_cannot_reach_files() -> None:
    """What a person's model is sent is built from the draft and the upload list only: the
    model package imports nothing that reads media, the store or paths (DESIGN.md §10)."""
    graph = _module_graph()
    llm = [m for m in graph if m.startswith("meme_desktop.engine.agent.llm")]
    assert llm
    for mod in llm:
        assert not {t for t in graph[mod] if t.startswith((
            "meme_desktop.engine.store", "meme_desktop.engine.media", "meme_desktop.engine.uploads",
            "meme_desktop.engine.render", "meme_desktop.engine.thumbs"))}, mod
    for file, names in _package_imports("engine/agent/llm").items():
        assert not names & {"pathlib", "os.path", "shutil"}, file
