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
