"""The preview panel's frame player (used when Qt Multimedia is not available): a real render
decoded off the UI thread, playing, scrubbing, looping, and driving the playhead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meme_desktop.ui.preview import MULTIMEDIA_MISSING, PreviewPanel
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_view import TrackView


def test_frame_player_plays_scrubs_and_loops(qtbot: Any, run: Any, media_dir: Path) -> None:
    model = SessionModel()
    panel = PreviewPanel(model, use_multimedia=False)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.play_button.isEnabled()
    if MULTIMEDIA_MISSING:  # the reason is shown, never a crash
        assert MULTIMEDIA_MISSING.split(" (")[0] in panel.note.text()
    track = TrackView(model)  # the playhead follows the preview through the model
    qtbot.addWidget(track)
    assert run(panel.load(media_dir / "cat clip.mp4"))
    assert panel.playing and panel.play_button.isEnabled()
    assert 1900 <= panel.duration_ms <= 2200
    assert panel._clip is not None and len(panel._clip.frames) >= 20
    run.until(lambda: panel.position_ms > 300, timeout=5)
    assert track.playhead_ms == panel.position_ms
    panel.pause()
    stopped = panel.position_ms
    run.idle(0.2)
    assert panel.position_ms == stopped
    panel.seek(1500)
    assert panel.position_ms == 1500 and panel.slider.value() == 1500
    assert panel.time_label.text() == "0:01.5 / 0:02.0"
    first = panel.frames.image
    panel.seek(100)
    assert panel.frames.image is not None and panel.frames.image is not first
    panel.seek(panel.duration_ms - 50)  # loop: past the end it starts again
    panel.play()
    run.until(lambda: 0 < panel.position_ms < 1000, timeout=5)
    assert panel.playing
    panel.clear("nothing")
    assert not panel.play_button.isEnabled() and panel.frames.image is None


def test_unreadable_render_is_reported_not_raised(qtbot: Any, run: Any, media_dir: Path) -> None:
    panel = PreviewPanel(SessionModel(), use_multimedia=False)
    qtbot.addWidget(panel)
    assert run(panel.load(media_dir / "broken.mp4")) is False
    assert panel.frames.message == "The preview could not be shown."


def test_media_player_loads_plays_and_seeks_a_real_render(qtbot: Any, run: Any,
                                                           media_dir: Path) -> None:
    """With Qt Multimedia (a dependency: PySide6-Addons) the panel plays through QMediaPlayer."""
    assert MULTIMEDIA_MISSING == "", MULTIMEDIA_MISSING
    panel = PreviewPanel(SessionModel())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.multimedia and panel.player is not None
    assert run(panel.load(media_dir / "cat clip.mp4"))
    run.until(lambda: 1900 <= panel.duration_ms <= 2200, timeout=10)
    assert panel.play_button.isEnabled()
    run.until(lambda: panel.position_ms > 200, timeout=10)
    panel.pause()
    panel.seek(1500)
    run.until(lambda: abs(panel.position_ms - 1500) <= 100, timeout=5)
    assert panel.slider.value() == panel.position_ms
