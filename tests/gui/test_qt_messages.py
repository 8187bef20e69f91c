"""No Python Qt message handler is installed while the window and its media player run.

Qt Multimedia's player warns from its own threads ("No audio device detected" from the audio
renderer on a machine without sound). PySide's message-handler trampoline takes the GIL and
then calls the installed Python callable; if the main thread swaps the handler out in between,
the trampoline calls nothing and the process dies with a segmentation fault. pytest-qt's Qt
log capture installs and removes a handler around every test, so a player still running from
one test crashed the suite in the next one's set-up (a CI run ended with exit code 139). The
suite runs with ``--no-qt-log`` (pyproject.toml) and the app installs no handler, so Qt's own
C++ handler, which is thread-safe, prints those warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, qInstallMessageHandler
from PySide6.QtMultimedia import QMediaPlayer

from meme_desktop.ui.preview import PreviewPanel
from meme_desktop.ui.session_model import SessionModel


def _installed_handler() -> Any:
    previous = qInstallMessageHandler(None)
    if previous is not None:
        qInstallMessageHandler(previous)
    return previous


def test_the_suite_captures_no_qt_messages_through_python(qapp: Any) -> None:
    assert _installed_handler() is None


def test_the_window_installs_no_message_handler(window: Any) -> None:
    assert _installed_handler() is None


def test_a_closed_preview_panel_stops_and_unloads_its_player(qtbot: Any, run: Any,
                                                             media_dir: Path) -> None:
    panel = PreviewPanel(SessionModel())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.player is not None
    assert run(panel.load(media_dir / "cat clip.mp4"))
    run.until(lambda: panel.position_ms > 100, timeout=10)
    panel.close()  # its decoder and audio threads end now, not when the widget is deleted
    assert not panel.playing and panel.player.source() == QUrl()
    run.until(lambda: panel.player.mediaStatus() == QMediaPlayer.MediaStatus.NoMedia, 5)
