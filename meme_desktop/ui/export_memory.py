"""While an export runs the window is idle: it gives its freed heap back to the system.

The export's ffmpeg is the biggest process of the app's tree, and the window has nothing to do
meanwhile. When an export starts (the model's ``exporting_changed``) the preview panel unloads
its player (:meth:`meme_desktop.ui.preview.PreviewPanel.suspend`); a moment later, once the
player has wound down, :class:`ExportMemory` asks glibc to return the free parts of the
window's heap (:func:`meme_desktop.heap.release`: thumbnails decoded, previews played, files
imported and uploaded leave tens of megabytes free but resident). That runs in a short-lived
thread, so the UI thread never waits for it. Nothing needs to come back afterwards: what is
freed is free memory. Measured in docs/performance.md, "Memory".
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer

from meme_desktop import heap
from meme_desktop.ui.session_model import SessionModel

RELEASE_DELAY_MS = 500  # the player's decoder threads and buffers are gone by then


class ExportMemory(QObject):
    """Releases the window's free heap shortly after an export starts."""

    def __init__(self, model: SessionModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.releases = 0  # releases started (tests read it)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELEASE_DELAY_MS)
        self._timer.timeout.connect(self.release)
        model.exporting_changed.connect(self._on_exporting)

    def _on_exporting(self, running: bool) -> None:
        if running:
            self._timer.start()
        else:
            self._timer.stop()  # an export that ended at once: nothing to wait for

    def release(self) -> threading.Thread:
        """Return free heap to the system in a background thread (started and returned)."""
        self.releases += 1
        worker = threading.Thread(target=heap.release, name="heap-release", daemon=True)
        worker.start()
        return worker
