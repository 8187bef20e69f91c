"""While an export runs the window lets go of what it can rebuild: the preview player's source
(or the decoded frames of the frame player) is unloaded and loaded again afterwards where it
was, and the window's free heap goes back to the system (docs/performance.md, "Memory")."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer

from meme_desktop import heap
from meme_desktop.api.errors import RenderFailedError
from meme_desktop.ui import export_memory
from meme_desktop.ui.preview import MULTIMEDIA_MISSING, PreviewPanel
from meme_desktop.ui.session import Session
from meme_desktop.ui.session_model import SessionModel
from tests.gui.test_export import add_content, patched_dialogs  # noqa: F401 - a fixture


def test_player_unloads_its_render_during_an_export_and_plays_it_again_after(
        qtbot: Any, run: Any, media_dir: Path) -> None:
    assert MULTIMEDIA_MISSING == "", MULTIMEDIA_MISSING
    model = SessionModel()
    panel = PreviewPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    clip = media_dir / "cat clip.mp4"
    assert panel.player is not None and run(panel.load(clip))
    run.until(lambda: panel.position_ms > 300, timeout=10)
    panel.pause()
    panel.seek(1200)
    run.until(lambda: abs(panel.position_ms - 1200) <= 100, timeout=5)
    panel.play()
    run.until(lambda: panel.position_ms > 1250, timeout=5)
    picture = panel.frames.image

    model.set_exporting(True, "meme.mp4")
    at = panel.position_ms
    assert panel.suspended and not panel.playing
    assert panel.player.source() == QUrl()  # the decoder, its frames and threads are gone
    run.until(lambda: panel.player.mediaStatus() == QMediaPlayer.MediaStatus.NoMedia, 5)
    assert not panel.play_button.isEnabled() and not panel.slider.isEnabled()
    panel.toggle()  # Space during the export: nothing to play
    assert not panel.playing
    run.idle(0.3)
    assert panel.position_ms == at and model.playhead_ms == at  # the playhead stays put
    assert panel.frames.image is picture  # the last picture stays on screen

    model.set_exporting(False)
    assert not panel.suspended
    run.until(lambda: panel.player.source() == QUrl.fromLocalFile(str(clip)), timeout=5)
    assert panel.playing and panel.play_button.isEnabled()
    run.until(lambda: panel.position_ms >= at - 100, timeout=10)  # where it was, not at 0


def test_frame_player_drops_its_frames_during_an_export(qtbot: Any, run: Any,
                                                        media_dir: Path) -> None:
    model = SessionModel()
    panel = PreviewPanel(model, use_multimedia=False)
    qtbot.addWidget(panel)
    assert run(panel.load(media_dir / "cat clip.mp4", play=False))
    panel.seek(1500)
    assert panel._clip is not None and len(panel._clip.frames) >= 20

    model.set_exporting(True, "meme.mp4")
    assert panel._clip is None and not panel.playing
    panel.seek(800)  # the timeline moved during the export: the preview follows afterwards
    assert panel.frames.image is not None

    model.set_exporting(False)
    run.until(lambda: panel._clip is not None, timeout=10)
    assert panel.position_ms == 800 and not panel.playing
    assert panel.play_button.isEnabled()


def test_a_preview_finished_during_an_export_is_loaded_after_it(qtbot: Any, run: Any,
                                                                 media_dir: Path) -> None:
    model = SessionModel()
    panel = PreviewPanel(model)
    qtbot.addWidget(panel)
    assert panel.player is not None
    model.set_exporting(True, "meme.mp4")
    clip = media_dir / "cat clip.mp4"
    assert run(panel.load(clip))
    assert panel.player.source() == QUrl() and not panel.playing
    model.set_exporting(False)
    run.until(lambda: panel.player.source() == QUrl.fromLocalFile(str(clip)), timeout=5)
    assert panel.playing


def test_the_window_gives_free_heap_back_once_an_export_starts(
        qtbot: Any, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(heap, "release", lambda: calls.append(threading.current_thread().name))
    monkeypatch.setattr(export_memory, "RELEASE_DELAY_MS", 50)
    session = Session()
    session.model.set_exporting(True, "meme.mp4")
    assert calls == []  # not at once: the player winds down first
    run.until(lambda: calls, timeout=5)
    assert calls == ["heap-release"]  # off the UI thread
    assert session.memory.releases == 1
    session.model.set_exporting(False)

    session.model.set_exporting(True, "again.mp4")  # an export that ends at once
    session.model.set_exporting(False)
    run.idle(0.3)
    assert session.memory.releases == 1


def _previewing(window: Any, run: Any, media_dir: Path) -> Path:
    """The window with a clip and a caption whose preview render is loaded and playing."""
    add_content(window, run, media_dir)
    preview = window.preview
    run.until(lambda: preview.source is not None and window.session.previews.idle, timeout=60)
    run.until(lambda: preview.playing, timeout=10)
    return preview.source


@pytest.mark.usefixtures("patched_dialogs")
@pytest.mark.parametrize("ending", ["failed", "cancelled"])
def test_the_preview_comes_back_when_an_export_fails_or_is_cancelled(
        window: Any, run: Any, media_dir: Path, monkeypatch: pytest.MonkeyPatch, ending: str) -> None:
    source = _previewing(window, run, media_dir)
    preview = window.preview
    release = asyncio.Event()
    assistant = window.session.assistant

    async def export(*_args: Any, **_kw: Any) -> Path:
        await release.wait()
        raise RenderFailedError("the encoder stopped")

    monkeypatch.setattr(assistant, "export", export)
    window.actions["export"].trigger()
    run.until(lambda: window.exports.progress is not None and preview.suspended, timeout=10)
    assert not preview.playing
    if ending == "cancelled":
        window.exports.progress.cancel_button.click()
    else:
        release.set()
    run.until(lambda: window.exports.progress.state != "running", timeout=30)
    assert window.exports.progress.state == ending
    assert not preview.suspended
    run.until(lambda: preview.playing, timeout=10)  # it played before the export: again now
    assert preview.source == source and preview.play_button.isEnabled()
