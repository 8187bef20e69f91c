"""The preview panel: plays the quick preview render with play/pause, scrubbing and loop.

With Qt Multimedia (PySide6-Addons) it uses ``QMediaPlayer`` with sound, its frames arriving
through a ``QVideoSink``. Without it (PySide6-Essentials only) it says why and shows the
render's frames, decoded off the UI thread (:mod:`meme_desktop.ui.imaging`) and stepped by a
timer: silent, but the same controls. Either way the frames are painted by
:class:`~meme_desktop.ui.preview_canvas.PreviewCanvas`, which paints the captions over them
and lets a person drag, resize and retype them. The panel reports its position to the session
model (the timeline's playhead) and follows the model's seek and play requests.

While an export runs (the model's ``exporting_changed``) the window is idle and ffmpeg needs the
memory: the panel stops, unloads the player's source (its decoder, frame buffers and threads)
or drops the decoded frames, keeping the last picture on screen, and afterwards loads the
render again where it was, playing if it played (docs/performance.md, "Memory").
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import time
from pathlib import Path

import av
from PySide6.QtCore import QLoggingCategory, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.ui import icons
from meme_desktop.ui.i18n import tr, tr_noop
from meme_desktop.ui.imaging import FrameClip, decode_frames
from meme_desktop.ui.preview_canvas import PreviewCanvas
from meme_desktop.ui.session_model import SessionModel

log = logging.getLogger(__name__)

# Qt Multimedia reports its library probing (VA-API, PipeWire), codec choice and every file's
# streams on stderr, from the moment it loads; a failed "Show in folder" (handled on screen)
# logs too. QT_LOGGING_RULES in the environment still overrides this for debugging.
QLoggingCategory.setFilterRules("qt.multimedia.*=false\nqt.qpa.services=false")

try:  # Qt Multimedia ships in PySide6-Addons, not in PySide6-Essentials
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoFrame, QVideoSink

    MULTIMEDIA_MISSING = ""
except ImportError:  # pragma: no cover - depends on the installed wheels and system libraries
    if importlib.util.find_spec("PySide6.QtMultimedia") is None:
        MULTIMEDIA_MISSING = tr_noop("Qt Multimedia is not installed (it comes with "
                                     "PySide6-Addons)")
    else:  # installed, but a system library it needs (e.g. libpulse) is missing
        MULTIMEDIA_MISSING = tr_noop("Qt Multimedia could not load (a system audio library "
                                     "is missing)")


def clock(ms: int) -> str:
    s = max(0, ms) // 1000
    return f"{s // 60}:{s % 60:02d}.{(max(0, ms) % 1000) // 100}"


class PreviewPanel(QFrame):
    """Video area + controls. ``await load(path)`` shows a new render and starts playing."""

    position_changed = Signal(int)  # ms

    def __init__(self, model: SessionModel, parent: QWidget | None = None,
                 use_multimedia: bool | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("panel")
        self.multimedia = not MULTIMEDIA_MISSING and use_multimedia is not False
        self.source: Path | None = None
        self.duration_ms = 0
        self.position_ms = 0
        self.playing = False
        self._clip: FrameClip | None = None
        self._started_at = 0.0
        self._started_pos = 0
        self._generation = 0
        self._held: tuple[Path, int, bool] | None = None  # render, ms, playing: after an export
        self._resume_at: int | None = None  # ms to seek to once the player has loaded
        self.suspended = False  # an export runs: nothing is loaded (see suspend)

        title = QLabel(tr("Preview"))
        title.setObjectName("panelTitle")
        self.note = QLabel("")
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.frames = PreviewCanvas(model)
        self.frames.grabbed.connect(self.pause)
        self.frames.set_message(tr("The preview appears here after your first edit."))
        self.player = None
        if self.multimedia:
            self.player = QMediaPlayer(self)
            self._audio = QAudioOutput(self)
            self.player.setAudioOutput(self._audio)
            self.sink = QVideoSink(self)
            self.sink.videoFrameChanged.connect(self._on_frame)
            self.player.setVideoOutput(self.sink)
            self.player.positionChanged.connect(self._on_player_position)
            self.player.durationChanged.connect(self._on_player_duration)
            self.player.mediaStatusChanged.connect(self._on_status)
        else:
            self.note.setText(tr("{why}: showing the frames without sound.",
                                 why=tr(MULTIMEDIA_MISSING) if MULTIMEDIA_MISSING
                                 else tr("Video playback is unavailable")))
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._tick)

        self.play_button = QPushButton()
        self.play_button.setToolTip(tr("Play / pause (Space)"))
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setEnabled(False)
        self.slider.setToolTip(tr("Scrub through the preview"))
        self.slider.sliderMoved.connect(self.seek)
        self.slider.sliderPressed.connect(lambda: self.seek(self.slider.value()))
        self.loop = QCheckBox(tr("Loop"))
        self.loop.setChecked(True)
        self.loop.setToolTip(tr("Start again at the end"))
        self.time_label = QLabel(clock(0))
        self.time_label.setObjectName("hint")
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.loop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(title)
        layout.addWidget(self.frames, 1)
        layout.addWidget(self.note)
        self.note.setVisible(bool(self.note.text()))  # an empty line still takes its height
        layout.addLayout(controls)
        self._update_button()
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.toggle)
        self.position_changed.connect(model.set_playhead)
        self.position_changed.connect(self.frames.set_time)
        model.seek_requested.connect(self.seek)
        model.play_toggle_requested.connect(self.toggle)
        model.exporting_changed.connect(self._on_exporting)

    # -- loading ---------------------------------------------------------------------------
    def set_busy(self, text: str) -> None:
        """A line over the picture (e.g. "Rendering preview…")."""
        self.frames.set_message(text)

    def show_render(self, path: Path, play: bool) -> None:
        """A new preview render is ready: load it (the decoding fallback works in a thread)."""
        asyncio.ensure_future(self.load(path, play=play))

    def clear(self, message: str = "") -> None:
        """Nothing to play (a new project, the window closing): stop, unload the player, forget
        the last render, show ``message``."""
        self._generation += 1
        self.pause()
        self._resume_at = None
        self._clip = None
        self.source = None
        self._held = None
        self.duration_ms = self.position_ms = 0
        if self.player is not None:
            self.player.setSource(QUrl())
        self._enable(False)
        self.slider.setValue(0)
        self.time_label.setText(clock(0))
        self.frames.set_image(None)
        self.frames.set_message(message)

    def show_still(self, image: QImage | None, message: str = "") -> None:
        """A still frame (e.g. a thumbnail) when there is nothing to play."""
        self.frames.set_image(image)
        self.frames.set_message(message)

    async def load(self, path: Path, play: bool = True, at: int = 0) -> bool:
        """Show the render at ``path`` from ``at`` ms and play it (or, with ``play`` False,
        stop on that frame: a project restored at launch does not start making sound by
        itself); False when it cannot be shown. During an export it is only noted, and loaded
        when the export ends."""
        self._generation += 1
        generation = self._generation
        self.pause()
        self.source = path
        if self.suspended:
            self._held = (path, at, play)
            return True
        if self.player is not None:
            self.frames.set_message("")
            self._resume_at = at or None
            self.player.setSource(QUrl())  # the preview file is rewritten in place: reload it
            self.player.setSource(QUrl.fromLocalFile(str(path)))
            self._enable(True)
            if play:
                self.play()
            else:
                self.player.pause()  # paused on the first frame, not a black box
            return True
        loop = asyncio.get_running_loop()
        try:
            clip = await loop.run_in_executor(None, decode_frames, path)
        except (av.FFmpegError, OSError, IndexError) as exc:
            log.warning("preview could not be decoded: %s", type(exc).__name__)
            if generation == self._generation:
                self.frames.set_message(tr("The preview could not be shown."))
            return False
        if generation != self._generation or not clip.frames:
            return False
        self._clip = clip
        self.duration_ms = clip.duration_ms
        self.slider.setRange(0, self.duration_ms)
        self.frames.set_message("")
        self._enable(True)
        self.seek(at)
        if play:
            self.play()
        return True

    # -- exports -------------------------------------------------------------------------
    def _on_exporting(self, running: bool) -> None:
        if running:
            self.suspend()
        else:
            self.resume()

    def suspend(self) -> None:
        """An export starts: stop, let go of the player's source or the decoded frames (the
        last picture stays on screen) and remember what to show again."""
        if self.suspended:
            return
        self._held = ((self.source, self.position_ms, self.playing) if self.source is not None
                      else None)
        self.suspended = True
        self._generation += 1  # a decode still running is not shown
        self.pause()
        self._resume_at = None
        if self.player is not None:
            self.player.setSource(QUrl())
        self._clip = None
        self._enable(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - a panel shown on its own
        self.clear()  # the player's decoder and audio threads end now, not at deletion
        super().closeEvent(event)

    def resume(self) -> None:
        """The export ended: load the render again where it was (playing if it played)."""
        if not self.suspended:
            return
        self.suspended = False
        held, self._held = self._held, None
        if held is not None:
            path, at, play = held
            asyncio.ensure_future(self.load(path, play=play, at=at))

    def _enable(self, on: bool) -> None:
        self.play_button.setEnabled(on)
        self.slider.setEnabled(on)

    # -- transport -------------------------------------------------------------------------
    def toggle(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if self.suspended:
            return
        if self.player is not None:
            self.player.play()
        elif self._clip is None:
            return
        else:
            if self.position_ms >= self.duration_ms:
                self.position_ms = 0
            self._started_at = time.monotonic()
            self._started_pos = self.position_ms
            self._timer.start()
        self.playing = True
        self._update_button()

    def pause(self) -> None:
        if self.player is not None:
            self.player.pause()
        self._timer.stop()
        self.playing = False
        self._update_button()

    def seek(self, ms: int) -> None:
        ms = max(0, min(int(ms), self.duration_ms))
        if self.suspended:
            if self._held is not None:
                self._held = (self._held[0], ms, self._held[2])
            return
        if self.player is not None:
            self.player.setPosition(ms)
            return
        self._show_at(ms)
        if self.playing:
            self._started_at = time.monotonic()
            self._started_pos = ms

    def _tick(self) -> None:
        ms = self._started_pos + int((time.monotonic() - self._started_at) * 1000)
        if ms >= self.duration_ms:
            if self.loop.isChecked():
                self._started_at = time.monotonic()
                self._started_pos = 0
                ms = 0
            else:
                self._show_at(self.duration_ms)
                self.pause()
                return
        self._show_at(ms)

    def _show_at(self, ms: int) -> None:
        self.position_ms = ms
        if self._clip is not None and self._clip.frames:
            self.frames.set_image(self._clip.frames[self._clip.index_at(ms)][1])
        self._moved(ms)

    def _moved(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
        self.time_label.setText(f"{clock(ms)} / {clock(self.duration_ms)}")
        self.position_changed.emit(ms)

    def _update_button(self) -> None:
        icons.bind(self.play_button, "pause" if self.playing else "play")
        self.play_button.setAccessibleName(tr("Pause") if self.playing else tr("Play"))

    # -- Qt Multimedia callbacks -------------------------------------------------------------
    def _on_frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.frames.set_image(frame.toImage())

    def _on_player_position(self, ms: int) -> None:
        if self.suspended:  # the unloaded player says 0: the panel keeps its place
            return
        self.position_ms = ms
        self._moved(ms)

    def _on_player_duration(self, ms: int) -> None:
        if self.suspended:
            return
        self.duration_ms = ms
        self.slider.setRange(0, ms)
        self.time_label.setText(f"{clock(self.position_ms)} / {clock(ms)}")  # even when paused

    def _on_status(self, status: object) -> None:
        if (self.player is not None and self._resume_at is not None
                and status == QMediaPlayer.MediaStatus.LoadedMedia):
            at, self._resume_at = self._resume_at, None
            self.player.setPosition(at)  # a player only seeks once it has loaded
        if self.player is not None and status == QMediaPlayer.MediaStatus.EndOfMedia:
            if self.loop.isChecked():
                self.player.setPosition(0)
                self.player.play()
            else:
                self.playing = False
                self._update_button()
