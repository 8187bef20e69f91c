"""The interface translations: every string in the code is translated in zh_CN, the shipped
.qm says what the .ts says, and tr() goes through Qt's translator."""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from meme_desktop.ui import i18n
from meme_desktop.ui.undo_labels import label_text

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402

sys.path.remove(str(ROOT / "packaging"))


def test_every_interface_string_is_translated_into_chinese() -> None:
    assert translations.problems("zh_CN") == []


def test_the_check_finds_a_new_untranslated_string(tmp_path: Path, monkeypatch: Any) -> None:
    """The check is not vacuous: a string added to the code is reported."""
    sources = tmp_path / "meme_desktop"
    shutil.copytree(ROOT / "meme_desktop", sources,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (sources / "ui" / "extra.py").write_text(
        '"""x"""\nfrom meme_desktop.ui.i18n import tr\n\n\ndef f() -> str:\n'
        '    return tr("A sentence nobody translated")\n', encoding="utf-8")
    monkeypatch.setattr(translations, "SOURCES", sources)
    found = translations.problems("zh_CN")
    assert found == ["new in the code, not in zh_CN.ts: 'A sentence nobody translated'"]


def test_placeholders_must_survive_translation() -> None:
    assert translations.placeholders("{name} ({mb:.1f} MB) in {folder}") == {
        "name", "mb", "folder"}
    assert translations.placeholders("已保存 {name}") != translations.placeholders(
        "{name} in {folder}")


def test_calls_with_a_variable_read_a_marked_table() -> None:
    """``tr(variable)`` is only used in modules that mark a table with ``tr_noop`` or import
    from one that does (lupdate cannot see a variable's value)."""
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in
             (ROOT / "meme_desktop").rglob("*.py")}

    def calls(tree: ast.AST, name: str) -> list[ast.Call]:
        return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Name) and n.func.id == name]

    marking = {".".join(p.relative_to(ROOT).with_suffix("").parts)
               for p, tree in trees.items() if calls(tree, "tr_noop")}
    offenders = []
    for path, tree in trees.items():
        dynamic = [c for c in calls(tree, "tr") if c.args
                   and not isinstance(c.args[0], ast.Constant)]
        imports = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        if dynamic and path.name != "i18n.py" and not calls(tree, "tr_noop") \
                and not imports & marking:
            offenders.append(f"{path.name}:{dynamic[0].lineno}")
    assert offenders == []


@pytest.fixture
def chinese(qapp: Any) -> Any:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def test_tr_reads_the_compiled_catalogue(chinese: Any) -> None:
    assert i18n.language() == "zh_CN"
    assert i18n.tr("Export…") == "导出…"
    assert i18n.tr("Uploading… {pct}%", pct=3) == "正在上传… 3%"
    assert i18n.missing() == set()
    assert i18n.tr("Not a string of this app") == "Not a string of this app"
    assert i18n.missing() == {"Not a string of this app"}
    assert i18n.tr_data("Video") == "视频" and i18n.tr_data("My lane") == "My lane"
    assert "My lane" not in i18n.missing()


def test_undo_labels_read_in_the_interface_language(chinese: Any) -> None:
    assert label_text("move caption") == "移动字幕"
    assert label_text("trim 3 clips") == "修剪 3 个片段"
    assert label_text("add caption and add sound") == "添加字幕和添加音效"
    assert label_text("add media and 3 more") == "添加素材等 3 项"
    assert label_text("make meme") == "make meme"  # a piece the app does not know stays


def test_english_is_the_source_text(qapp: Any) -> None:
    i18n.set_language("en")
    assert i18n.tr("Export…") == "Export…"
    assert label_text("trim 3 clips") == "trim 3 clips"
    i18n.set_language("xx")  # an unknown language is English
    assert i18n.language() == "en" and i18n.tr("Ready") == "Ready"
