"""The "Thinking…" line under the chat with a Stop button, for a reply that is slow to come
(a person's own model, the hosted backend, a busy engine).

It appears only when a turn has not answered after :data:`DELAY_MS` (a quick turn never
flickers it) and goes away when the reply starts or the turn ends. Stop asks the chat panel
to stop waiting: the stream is closed, and the embedded engine then abandons a model call.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from meme_desktop.ui.i18n import tr

DELAY_MS = 400


class ThinkingRow(QFrame):
    """"Thinking…" and Stop; :meth:`arm` when a turn starts, :meth:`disarm` when it answers."""

    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.setObjectName("thinking")
        self.label = QLabel(tr("Thinking…"))
        self.label.setObjectName("hint")
        self.label.setAccessibleName(tr("The assistant is thinking"))
        self.stop = QPushButton(tr("Stop"))
        self.stop.setToolTip(tr("Stop waiting for this reply"))
        self.stop.clicked.connect(self.stop_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.stop, 0, Qt.AlignmentFlag.AlignRight)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.show)
        self.hide()

    def arm(self) -> None:
        """A turn started: show the line if no reply has come after the delay."""
        self._timer.start()

    def disarm(self) -> None:
        """The reply started, or the turn ended."""
        self._timer.stop()
        self.hide()
