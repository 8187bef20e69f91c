"""Every interface string of the project list, the batch and the several-formats export has its
Chinese (resources/translations/zh_CN.json): new windows are not half English."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}")
MODULES = ["project_dialog", "projects_flow", "batch_dialog", "batch_flow", "export_dialog",
           "export_flow"]


def _literals(module: str) -> list[str]:
    tree = ast.parse((ROOT / "meme_desktop" / "ui" / f"{module}.py").read_text("utf-8"))
    return [node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "tr"
            and node.args and isinstance(node.args[0], ast.Constant)]


@pytest.mark.parametrize("module", MODULES)
def test_every_string_has_its_chinese(module: str) -> None:
    table = json.loads((ROOT / "resources" / "translations" / "zh_CN.json").read_text("utf-8"))
    strings = _literals(module)
    assert strings, "the module shows text"
    missing = [s for s in strings if s not in table]
    assert missing == []
    for s in strings:  # the placeholders survive translation
        assert sorted(PLACEHOLDER.findall(s)) == sorted(PLACEHOLDER.findall(table[s])), s
