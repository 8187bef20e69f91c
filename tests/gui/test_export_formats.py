"""Several formats ticked in the export dialog are exported together (one render job on the
engine), named after the file chosen, with one progress window; replacing asks first; Cancel
leaves no file of any format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import av
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from meme_desktop.ui import export_flow
from meme_desktop.ui.dialogs import SaveDialog
from meme_desktop.ui.export_dialog import ExportDialog, choice_for
from tests.gui.test_export import add_content


@pytest.fixture
def several(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The dialogs answer at once: vertical + square + GIF into ``tmp/out/monday.mp4``."""
    seen: dict[str, Any] = {"dest": tmp_path / "out" / "monday.mp4", "quality": "preview",
                            "questions": [], "replace": True}
    seen["dest"].parent.mkdir()

    async def choose(cls: Any, parent: Any, preset: str = "", quality: str = "") -> Any:
        return choice_for("vertical", seen["quality"], "square", "gif")

    async def ask(cls: Any, parent: Any, directory: str, suggested: str, ext: str) -> Path:
        seen["ext"] = ext
        return seen["dest"]

    async def yes_no(parent: Any, title: str, text: str, *rest: Any) -> bool:
        seen["questions"].append(text)
        return seen["replace"]

    monkeypatch.setattr(ExportDialog, "choose", classmethod(choose))
    monkeypatch.setattr(SaveDialog, "ask", classmethod(ask))
    monkeypatch.setattr(export_flow, "ask_yes_no", yes_no)
    return seen


def _shape(path: Path) -> tuple[str, int, int, bool]:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        return (container.format.name.split(",")[0], video.width, video.height,
                bool(container.streams.audio))


def test_three_formats_from_one_export(window: Any, run: Any, media_dir: Path,
                                       several: dict[str, Any]) -> None:
    add_content(window, run, media_dir)
    submitted: list[str] = []
    real = window.session.assistant.client.submit_render

    async def spy(job_id: str, sid: str, draft: Any, output: dict) -> Any:
        if "formats" in output or "preset" in output:  # not the last edit's late preview
            submitted.append(output)
        return await real(job_id, sid, draft, output)

    window.session.assistant.client.submit_render = spy
    window.actions["export"].trigger()
    run.until(lambda: window.exports.progress is not None, timeout=10)
    progress = window.exports.progress
    assert progress.title.text() == "Exporting 3 files…"
    run.until(lambda: progress.state != "running", timeout=120)
    assert progress.state == "saved", progress.detail.text()
    folder = several["dest"].parent
    assert sorted(p.name for p in folder.iterdir()) == ["monday-square.mp4",
                                                       "monday-vertical.mp4", "monday.gif"]
    assert _shape(folder / "monday-vertical.mp4") == ("mov", 304, 540, True)  # preview size
    assert _shape(folder / "monday-square.mp4") == ("mov", 540, 540, True)
    assert _shape(folder / "monday.gif")[0] == "gif"
    assert [o.get("formats") for o in submitted] == [[  # ONE job with three formats
        {"format": "mp4", "preset": "vertical"}, {"format": "mp4", "preset": "square"},
        {"format": "gif", "preset": "gif"}]]
    assert several["ext"] == "mp4" and several["questions"] == []
    assert "monday-vertical.mp4" in progress.detail.text() and "monday.gif" in \
        progress.detail.text()
    assert window.chat.texts()[-1] == ("Saved monday-vertical.mp4, monday-square.mp4, "
                                       f"monday.gif in {folder}.")


def test_replacing_asks_and_cancel_leaves_nothing(window: Any, run: Any, media_dir: Path,
                                                  several: dict[str, Any]) -> None:
    add_content(window, run, media_dir)
    folder = several["dest"].parent
    (folder / "monday.gif").write_bytes(b"older")
    several["replace"] = False
    window.actions["export"].trigger()
    run.until(lambda: several["questions"], timeout=10)
    assert "monday.gif already exist" in several["questions"][0]
    run.idle(0.3)
    assert window.exports.progress is None  # not replaced: nothing started
    several["replace"], several["quality"] = True, "best"  # 1080p: slow enough to stop
    window.actions["export"].trigger()
    run.until(lambda: window.exports.progress is not None
              and window.exports.progress.bar.value() > 0, timeout=60)
    window.exports.progress.cancel_button.click()
    run.until(lambda: window.exports.progress.state == "cancelled", timeout=60)
    run.until(lambda: sorted(p.name for p in folder.iterdir()) == ["monday.gif"], timeout=20)
    assert (folder / "monday.gif").read_bytes() == b"older"  # no partial or replaced file


def test_the_dialog_ticks_several_formats(qtbot: Any) -> None:
    dialog = ExportDialog(None, "square", "fast")
    qtbot.addWidget(dialog)
    assert dialog.ticked() == ["square"]
    for row in range(dialog.presets.count()):
        item = dialog.presets.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in ("vertical", "gif"):
            item.setCheckState(Qt.CheckState.Checked)
    choice = dialog.choice()
    assert choice.presets == ("vertical", "square", "gif") and choice.several
    assert choice.ext == "mp4" and choice.preset == "vertical"
    for row in range(dialog.presets.count()):
        dialog.presets.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()  # nothing ticked: nothing to export
    gif = next(dialog.presets.item(r) for r in range(dialog.presets.count())
               if dialog.presets.item(r).data(Qt.ItemDataRole.UserRole) == "gif")
    dialog._only(gif)  # a double-click exports just that row
    assert dialog.choice().presets == ("gif",) and dialog.choice().ext == "gif"


def test_clicks_pick_one_format_or_tick_several(qtbot: Any) -> None:
    """Real clicks: a click on a name picks it alone (the old single choice), a click on a
    box ticks it beside the others, Ctrl+click on a name adds it too."""
    dialog = ExportDialog(None, "vertical", "fast")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.presets
    rows = {view.item(r).data(Qt.ItemDataRole.UserRole): view.item(r)
            for r in range(view.count())}

    def click(key: str, on_box: bool = False,
              mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        rect = view.visualItemRect(rows[key])
        # the tick box sits at the row's left, centred vertically
        at = QPoint(rect.left() + 14, rect.center().y()) if on_box else rect.center()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, at)

    click("square")
    assert dialog.ticked() == ["square"]  # a name: that one alone
    click("gif", on_box=True)
    assert dialog.ticked() == ["square", "gif"]  # a box: beside it
    click("landscape", mods=Qt.KeyboardModifier.ControlModifier)
    assert dialog.ticked() == ["square", "landscape", "gif"]
    click("gif", on_box=True)
    assert dialog.ticked() == ["square", "landscape"]
    assert dialog.choice().presets == ("square", "landscape")
