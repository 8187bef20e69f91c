"""The export flow on the real engine: preset dialog and save dialog patched to return plain
data, a real MP4 written, "Saved" with Show in folder, no UI stall, pending exports tracked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import av
import pytest

from meme_desktop.config import UiState
from meme_desktop.ui.dialogs import SaveDialog
from meme_desktop.ui.export_dialog import ExportDialog, choice_for


@pytest.fixture
def patched_dialogs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """ExportDialog.choose → square/fast; SaveDialog.ask → a path in tmp (records its args)."""
    seen: dict[str, Any] = {"dest": tmp_path / "out" / "my meme.mp4", "preset": "square"}
    seen["dest"].parent.mkdir()

    async def choose(cls: Any, parent: Any, preset: str = "", quality: str = "") -> Any:
        seen["default_preset"] = preset
        return choice_for(seen["preset"], "fast")

    async def ask(cls: Any, parent: Any, directory: str, suggested: str, ext: str) -> Path:
        seen["ask"] = (directory, suggested, ext)
        return seen["dest"]

    monkeypatch.setattr(ExportDialog, "choose", classmethod(choose))
    monkeypatch.setattr(SaveDialog, "ask", classmethod(ask))
    return seen


def add_content(window: Any, run: Any, media_dir: Path) -> None:
    window.media.add_files([media_dir / "cat clip.mp4"])
    run.until(lambda: not window.session.uploading and window.media.items
              and all(i.state == "done" for i in window.media.items.values()), timeout=60)
    window.chat.submit('add the caption "SHIP IT" on top')
    run.until(lambda: not window.chat.busy and not window.track.draft.is_empty, timeout=60)


def test_export_writes_a_valid_mp4_and_says_saved(window: Any, run: Any, media_dir: Path,
                                                  patched_dialogs: dict[str, Any],
                                                  heartbeat: Any) -> None:
    add_content(window, run, media_dir)
    heartbeat.start()
    window.actions["export"].trigger()
    run.until(lambda: window.exports.progress is not None, timeout=10)
    assert not window.actions["export"].isEnabled()
    assert len(UiState.load().pending_exports) == 1  # remembered while it runs
    progress = window.exports.progress
    run.until(lambda: progress.state != "running", timeout=120)
    heartbeat.stop()
    print(heartbeat.report("exporting"))
    assert progress.state == "saved", progress.detail.text()
    assert progress.title.text() == "Saved"
    assert progress.folder_button.isVisibleTo(progress)
    dest: Path = patched_dialogs["dest"]
    with av.open(str(dest)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (1080, 1080)
        assert container.duration and container.duration > 0
    assert not list(dest.parent.glob("*.tmp*")), "no temporary file left beside the export"
    state = UiState.load()
    assert state.pending_exports == []
    assert state.last_export_dir == str(dest.parent)
    assert patched_dialogs["ask"][2] == "mp4" and patched_dialogs["default_preset"] == "vertical"
    assert patched_dialogs["ask"][1] == "ship it"  # named after the caption, not "project"
    assert window.chat.texts()[-1] == f"Saved my meme.mp4 in {dest.parent}."
    assert window.settings.export_preset == "square"
    assert window.actions["export"].isEnabled()
    heartbeat.check()


def test_cancel_stops_the_export_and_writes_nothing(window: Any, run: Any, media_dir: Path,
                                                    patched_dialogs: dict[str, Any]) -> None:
    add_content(window, run, media_dir)
    patched_dialogs["preset"] = "landscape"
    window.actions["export"].trigger()
    run.until(lambda: window.exports.progress is not None, timeout=10)
    progress = window.exports.progress
    progress.cancel_button.click()
    run.until(lambda: progress.state != "running", timeout=60)
    assert progress.state == "cancelled"
    assert progress.title.text() == "Export cancelled"
    run.idle(0.5)
    assert not list(patched_dialogs["dest"].parent.iterdir()), "nothing written"
    assert UiState.load().pending_exports == []
    assert window.actions["export"].isEnabled()


def test_interrupted_export_is_reported_on_next_start(window: Any, run: Any) -> None:
    window.exports.ui_state.pending_exports.append({"dest": "/tmp/lost meme.mp4", "job": "r1"})
    assert window.exports.report_pending() == 1
    assert any("lost meme.mp4" in t and "interrupted" in t for t in window.chat.texts())
    retry = window.chat.bubbles[-1].retry_button
    assert retry is not None
    assert UiState.load().pending_exports == []


def test_nothing_to_export_says_so_without_dialogs(window: Any, run: Any,
                                                   patched_dialogs: dict[str, Any]) -> None:
    assert window.track.draft.is_empty
    assert run(window.exports.run()) is None
    assert "ask" not in patched_dialogs and "default_preset" not in patched_dialogs
    assert "nothing to export" in window.chat.texts()[-1].lower()


def test_closing_during_an_export_asks_first(window: Any, run: Any, media_dir: Path,
                                             patched_dialogs: dict[str, Any]) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    add_content(window, run, media_dir)
    patched_dialogs["preset"] = "landscape"
    window.actions["export"].trigger()
    run.until(lambda: window.exports.running, timeout=10)
    window.close()
    assert window.isVisible(), "the window must not close without asking"

    def question() -> QMessageBox | None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        return boxes[0] if boxes else None

    run.until(lambda: question() is not None, timeout=10)
    box = question()
    assert box is not None and "still running" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    run.until(lambda: not window.isVisible(), timeout=30)
    assert window.exports.progress.state == "cancelled"
    assert UiState.load().pending_exports == []


@pytest.mark.parametrize(("size", "last", "expected"), [
    ((1080, 1080), "vertical", "square"), ((1080, 1920), "square", "vertical"),
    ((1920, 1080), "", "landscape"), ((1080, 1350), "landscape", "feed"),
    ((1080, 1080), "gif", "gif"), ((1080, 1080), "discord", "discord"),
    ((720, 720), "square", "square"),
])
def test_the_format_list_opens_on_the_projects_canvas(size: tuple[int, int], last: str,
                                                      expected: str) -> None:
    from meme_desktop.ui.export_dialog import preset_for

    assert preset_for(*size, last) == expected


def test_a_square_project_opens_the_export_dialog_on_square(window: Any, run: Any,
                                                            media_dir: Path,
                                                            patched_dialogs: dict[str, Any]
                                                            ) -> None:
    add_content(window, run, media_dir)
    window.chat.submit("make it square")
    run.until(lambda: not window.chat.busy and window.track.draft.meta.width == 1080
              and window.track.draft.meta.height == 1080, timeout=60)
    window.settings.export_preset = "vertical"
    patched_dialogs["preset"] = "square"
    window.actions["export"].trigger()
    run.until(lambda: "default_preset" in patched_dialogs, timeout=10)
    assert patched_dialogs["default_preset"] == "square"
    run.until(lambda: window.exports.progress is not None
              and window.exports.progress.state != "running", timeout=120)


def test_export_again_after_an_interruption_speaks_the_interface_language(
        window: Any, run: Any) -> None:
    """"Try again" sends the chat word that starts an export in the person's language, so a
    Chinese window shows 导出 in the chat (not the English "export") and still exports."""
    from meme_desktop.assistant.routing import route
    from meme_desktop.ui import i18n

    i18n.set_language("zh_CN")
    try:
        window.exports.ui_state.pending_exports.append({"dest": "/tmp/lost.mp4", "job": "r2"})
        sent: list[str] = []
        window.exports.error.connect(lambda _sentence, again: sent.append(again))
        assert window.exports.report_pending() == 1
    finally:
        i18n.set_language("en")
    assert sent == ["导出"] and route(sent[0]) == "export"
