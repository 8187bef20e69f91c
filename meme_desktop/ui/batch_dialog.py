"""The dialogs of "Make a meme from each": what to make (:class:`BatchDialog`, plain data out),
where to save (:class:`FolderDialog`), and the batch's progress (:class:`BatchProgress`).

:class:`BatchProgress` lists every file with how far it got (waiting, making, made with its
caption, saving, saved as…, could not be made and why, cancelled), one overall bar, Cancel
(Esc) while it runs, then Show in folder and Close. The batch flow
(:mod:`meme_desktop.ui.batch_flow`) feeds it; ``cancel_requested`` tells the flow to stop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.assistant.batch import BatchItem
from meme_desktop.ui.dialogs import await_dialog, roomy
from meme_desktop.ui.export_dialog import PRESETS, QUALITIES
from meme_desktop.ui.i18n import tr


@dataclass(frozen=True)
class BatchChoice:
    """What to make: a topic or wish for every meme, the format (None: as each is made)."""

    wish: str
    preset: str | None
    quality: str


class BatchDialog(QDialog):
    """A topic (optional), a format and a quality; Make / Cancel."""

    def __init__(self, parent: QWidget | None, count: int, preset: str | None,
                 quality: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Make a meme from each"))
        self.setMinimumWidth(440)
        intro = QLabel(tr("{count} files: each gets a project of its own and a meme made by "
                          "the assistant, saved into a folder you choose next.", count=count))
        intro.setWordWrap(True)
        self.wish = QLineEdit()
        self.wish.setPlaceholderText(tr("optional, e.g. mondays, my cat, exams"))
        self.wish.setAccessibleName(tr("Topic"))
        self.format = QComboBox()
        self.format.addItem(tr("As the assistant makes each one"), None)
        for p in PRESETS:
            self.format.addItem(tr(p.title), p.key)
        self.format.setCurrentIndex(max(0, self.format.findData(preset)))
        self.quality = QComboBox()
        for key, label in QUALITIES:
            self.quality.addItem(tr(label), key)
        self.quality.setCurrentIndex(max(0, self.quality.findData(quality)))
        form = QFormLayout()
        form.addRow(tr("Topic"), self.wish)
        form.addRow(tr("Format"), self.format)
        form.addRow(tr("Quality"), self.quality)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        make = buttons.addButton(tr("Make…"), QDialogButtonBox.ButtonRole.AcceptRole)
        make.setObjectName("primary")
        make.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choice(self) -> BatchChoice:
        return BatchChoice(" ".join(self.wish.text().split()), self.format.currentData(),
                           self.quality.currentData() or "high")

    @classmethod
    async def choose(cls, parent: QWidget | None, count: int, preset: str | None = None,
                     quality: str = "high") -> BatchChoice | None:
        dialog = cls(parent, count, preset, quality)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()


class FolderDialog:
    """The system's folder picker, as plain data: ``await FolderDialog.ask(...) -> Path``."""

    @classmethod
    async def ask(cls, parent: QWidget | None, directory: str) -> Path | None:
        dialog = roomy(QFileDialog(parent, tr("Save the memes in")))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if directory and Path(directory).is_dir():
            dialog.setDirectory(directory)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            files = dialog.selectedFiles()
        finally:
            dialog.deleteLater()
        return Path(files[0]) if files else None


def item_text(item: BatchItem) -> str:
    """One file's line: its name, how far it got and the caption it got."""
    status = {
        "waiting": tr("waiting"),
        "making": tr("making the meme…"),
        "made": tr("made"),
        "exporting": tr("made, saving…"),
        "saved": tr("saved as {names}", names=", ".join(p.name for p in item.files)),
        "failed": tr("not made: {why}", why=item.message),
        "cancelled": tr("cancelled"),
    }[item.status]
    if item.message and item.status in ("made", "exporting", "saved"):
        status += f": “{item.message}”"
    return f"{item.name} — {status}"


class BatchProgress(QDialog):
    """Progress of one batch; states: running → done / cancelled."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, items: Sequence[BatchItem], folder: Path) -> None:
        super().__init__(parent)
        self.folder = folder
        self.state = "running"
        self.setObjectName("batchProgress")
        self.setWindowTitle(tr("Making memes"))
        self.setMinimumWidth(460)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.title = QLabel(tr("Making {count} memes…", count=len(items)))
        self.title.setStyleSheet("font-weight: 600;")
        self.list = QListWidget()
        self.list.setObjectName("batchList")
        self.list.setAccessibleName(tr("Files"))
        self.list.setWordWrap(True)  # a long caption wraps; the rows follow the width
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for item in items:
            self.list.addItem(QListWidgetItem(item_text(item)))
        self.list.setMinimumHeight(min(8, max(3, len(items))) * 26 + 8)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.detail = QLabel(tr("Into {folder}", folder=str(folder)))
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop after keeping the memes already saved (Esc)"))
        self.cancel_button.clicked.connect(self._cancel)
        self.folder_button = QPushButton(tr("Show in folder"))
        self.folder_button.setObjectName("primary")
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder))))
        self.folder_button.hide()
        self.close_button = QPushButton(tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.folder_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)

    def present(self) -> None:
        """Show the window and give it the keyboard, so Esc cancels at once (a window shown
        without activation leaves the keys with the main window)."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.cancel_button.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def set_item(self, index: int, item: BatchItem) -> None:
        row = self.list.item(index)
        if row is not None:
            row.setText(item_text(item))
            if item.status in ("making", "exporting"):
                self.list.scrollToItem(row)

    def set_progress(self, fraction: float) -> None:
        if self.state == "running":
            self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def finish(self, saved: int, total: int, cancelled: bool = False) -> None:
        self.state = "cancelled" if cancelled else "done"
        if cancelled:
            self.title.setText(tr("Stopped: {saved} of {total} memes saved", saved=saved,
                                  total=total))
        else:
            self.bar.setValue(1000)
            self.title.setText(tr("Made {saved} of {total} memes", saved=saved, total=total))
        self.detail.setText(tr("In {folder}", folder=str(self.folder)))
        self.cancel_button.hide()
        self.close_button.show()
        if saved:
            self.folder_button.show()
            self.folder_button.setDefault(True)
        else:
            self.close_button.setDefault(True)

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
