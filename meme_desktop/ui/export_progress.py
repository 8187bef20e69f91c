"""The export progress window: a bar with Cancel, then "Saved" with Show in folder.

It is a plain, non-modal widget: the export flow (:mod:`meme_desktop.ui.export_flow`) feeds it
progress and the outcome; ``cancel_requested`` tells the flow to stop the render.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.ui.i18n import tr


def show_in_folder(path: Path) -> bool:
    """Open the file manager on the folder that holds ``path``."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class ExportProgress(QDialog):
    """Progress of one export; states: running → saved / cancelled / failed."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, dest: Path) -> None:
        super().__init__(parent)
        self.dest = dest
        self.state = "running"
        self.setObjectName("exportProgress")
        self.setWindowTitle(tr("Exporting"))
        self.setMinimumWidth(400)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.title = QLabel(tr("Exporting {name}…", name=dest.name))
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.detail = QLabel(tr("Preparing…"))
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop the export (Esc)"))
        self.cancel_button.clicked.connect(self._cancel)
        self.folder_button = QPushButton(tr("Show in folder"))
        self.folder_button.setObjectName("primary")
        self.folder_button.clicked.connect(lambda: show_in_folder(self.dest))
        self.folder_button.hide()
        self.close_button = QPushButton(tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

    def set_progress(self, fraction: float) -> None:
        if self.state != "running":
            return
        fraction = max(0.0, min(1.0, fraction))
        self.bar.setValue(int(fraction * 1000))
        self.detail.setText(tr("Rendering… {pct}%", pct=int(fraction * 100)))

    def _finish(self, state: str, title: str, detail: str) -> None:
        self.state = state
        self.title.setText(title)
        self.detail.setText(detail)
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(state != "saved")

    def saved(self, path: Path) -> None:
        self.dest = path
        self.bar.setValue(1000)
        size = path.stat().st_size if path.exists() else 0
        self._finish("saved", tr("Saved"), tr("{name} ({mb:.1f} MB) in {folder}", name=path.name,
                                              mb=size / 1e6, folder=str(path.parent)))
        self.folder_button.show()
        self.folder_button.setDefault(True)
        self.folder_button.setFocus()

    def cancelled(self) -> None:
        self._finish("cancelled", tr("Export cancelled"), tr("No file was written."))

    def failed(self, message: str) -> None:
        self._finish("failed", tr("Export failed"), message)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.detail.setText(tr("Cancelling…"))
        self.cancel_requested.emit()

    def reject(self) -> None:
        """Esc / the close box: cancel while running, close afterwards."""
        if self.state == "running":
            self._cancel()
            return
        super().reject()
