"""The export dialogs: pick one or several formats and a quality (:class:`ExportDialog`,
plain data out), then follow the render (:class:`ExportProgress`: a bar with Cancel, then "Saved"
with Show in folder).

Every format has a tick box; the one the dialog opens on is ticked. Clicking a format's name
picks it alone (as before there were boxes); ticking more boxes (or Ctrl+clicking names, or
Space) exports them together from one render, named after the file chosen next
(:mod:`meme_desktop.assistant.exports`). A double-click exports just the row clicked.

Presets (DESIGN.md and the issue): 1080p MP4 vertical, square, 4:5 and landscape; GIF;
Discord (at most 10 MB); WhatsApp (at most 16 MB). ``await ExportDialog.choose(...)`` opens
the dialog without blocking the loop and returns the choice or None; tests patch it. The
progress window is plain and non-modal: the export flow (:mod:`meme_desktop.ui.export_flow`)
feeds it progress and the outcome; ``cancel_requested`` tells the flow to stop the render.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.assistant.events import ExportOptions
from meme_desktop.ui.dialogs import await_dialog, show_every_row
from meme_desktop.ui.i18n import tr, tr_noop


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    detail: str
    format: str = "mp4"
    max_mb: float | None = None

    @property
    def ext(self) -> str:
        return "gif" if self.format == "gif" else "mp4"


PRESETS: tuple[Preset, ...] = (
    Preset("vertical", tr_noop("1080p MP4 — vertical 9:16"),
           tr_noop("1080×1920 · TikTok, Reels, Shorts")),
    Preset("square", tr_noop("1080p MP4 — square 1:1"), tr_noop("1080×1080 · feeds and chats")),
    Preset("feed", tr_noop("1080p MP4 — portrait 4:5"), tr_noop("1080×1350 · Instagram feed")),
    Preset("landscape", tr_noop("1080p MP4 — landscape 16:9"),
           tr_noop("1920×1080 · YouTube, desktop")),
    Preset("gif", tr_noop("GIF animation"), tr_noop("Small looping GIF, no sound"), format="gif"),
    Preset("discord", tr_noop("Discord (≤ 10 MB)"), tr_noop("MP4 that fits the free upload limit"),
           max_mb=10),
    Preset("whatsapp", tr_noop("WhatsApp (≤ 16 MB)"), tr_noop("MP4 that fits the video limit"),
           max_mb=16),
)
QUALITIES: tuple[tuple[str, str], ...] = (
    ("fast", tr_noop("Fast (quick to render)")), ("high", tr_noop("High (recommended)")),
    ("best", tr_noop("Best (slow)")),
)


def preset_by_key(key: str) -> Preset:
    return next((p for p in PRESETS if p.key == key), PRESETS[0])


CANVAS_PRESETS = {(1080, 1920): "vertical", (1080, 1080): "square", (1080, 1350): "feed",
                  (1920, 1080): "landscape"}


def preset_for(width: int, height: int, last: str) -> str:
    """The format the dialog opens on: the project's own canvas (a square project exports
    square), unless the last pick keeps the canvas anyway (GIF, a size limit) or the canvas
    is none of the sizes offered."""
    if last in CANVAS_PRESETS.values() or not last:
        return CANVAS_PRESETS.get((width, height), last or PRESETS[0].key)
    return last


@dataclass(frozen=True)
class ExportChoice:
    """What the person picked: the options for the assistant and the file extension (of the
    first format); ``presets`` every format ticked, in the dialog's order."""

    preset: str
    quality: str
    options: ExportOptions
    ext: str
    presets: tuple[str, ...] = ()

    @property
    def several(self) -> bool:
        return len(self.presets) > 1


def choice_for(preset_key: str, quality: str, *more: str) -> ExportChoice:
    """The choice of ``preset_key`` (and ``more`` formats exported with it)."""
    p = preset_by_key(preset_key)
    opts = ExportOptions(format=p.format, quality=quality, preset=p.key,  # type: ignore[arg-type]
                         max_mb=p.max_mb)
    keys = tuple(dict.fromkeys([p.key, *(preset_by_key(k).key for k in more)]))
    ext = "mp4" if len(keys) > 1 else p.ext  # several: the name is the MP4's stem
    return ExportChoice(p.key, quality, opts, ext, keys)


def max_mb_of(key: str) -> float | None:
    """A preset's size limit (Discord, WhatsApp), for the formats exported together."""
    return preset_by_key(key).max_mb


class ExportDialog(QDialog):
    """Presets as a list, quality as a combo box, Export / Cancel."""

    def __init__(self, parent: QWidget | None, preset: str, quality: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export"))
        self.setMinimumWidth(420)
        self.presets = QListWidget()
        self.presets.setObjectName("presetList")
        self.presets.setAccessibleName(tr("Format"))
        self.presets.setMinimumHeight(len(PRESETS) * 50 + 10)
        for p in PRESETS:
            row = QListWidgetItem(f"{tr(p.title)}\n{tr(p.detail)}")
            row.setData(Qt.ItemDataRole.UserRole, p.key)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if p.key == preset
                              else Qt.CheckState.Unchecked)
            self.presets.addItem(row)
            if p.key == preset:
                self.presets.setCurrentItem(row)
        if self.presets.currentRow() < 0:
            self.presets.setCurrentRow(0)
            self.presets.item(0).setCheckState(Qt.CheckState.Checked)
        self.presets.itemDoubleClicked.connect(self._only)
        self._boxed: QListWidgetItem | None = None  # the row whose box this click ticked
        self.presets.itemPressed.connect(lambda _item: setattr(self, "_boxed", None))
        self.presets.itemClicked.connect(self._clicked)
        self.quality = QComboBox()
        for key, label in QUALITIES:
            self.quality.addItem(tr(label), key)
        self.quality.setCurrentIndex(max(0, self.quality.findData(quality)))
        form = QFormLayout()
        form.addRow(tr("Quality"), self.quality)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        export = buttons.addButton(tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        export.setObjectName("primary")
        export.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.export_button = export
        self.presets.itemChanged.connect(self._ticked_changed)
        hint = QLabel(tr("Tick several formats to export them together. Next you choose where "
                         "to save."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Format")))
        layout.addWidget(self.presets, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def ticked(self) -> list[str]:
        rows = (self.presets.item(i) for i in range(self.presets.count()))
        return [r.data(Qt.ItemDataRole.UserRole) for r in rows
                if r.checkState() == Qt.CheckState.Checked]

    def _ticked_changed(self, item: QListWidgetItem) -> None:
        self._boxed = item
        self.export_button.setEnabled(bool(self.ticked()))

    def _clicked(self, item: QListWidgetItem) -> None:
        """A click on a name picks that format alone; Ctrl+click adds or removes it. A click
        on the box itself only ticks it (Qt did, just before)."""
        if self._boxed is item:
            return
        if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        for i in range(self.presets.count()):
            row = self.presets.item(i)
            row.setCheckState(Qt.CheckState.Checked if row is item else Qt.CheckState.Unchecked)

    def _only(self, item: QListWidgetItem) -> None:
        """A double-click exports just that format."""
        for i in range(self.presets.count()):
            row = self.presets.item(i)
            row.setCheckState(Qt.CheckState.Checked if row is item else Qt.CheckState.Unchecked)
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if show_every_row(self.presets) > self.presets.height():  # the last row was cut off
            self.adjustSize()

    def choice(self) -> ExportChoice:
        keys = self.ticked() or [PRESETS[0].key]
        return choice_for(keys[0], self.quality.currentData() or "high", *keys[1:])

    @classmethod
    async def choose(cls, parent: QWidget | None, preset: str = "vertical",
                     quality: str = "high") -> ExportChoice | None:
        dialog = cls(parent, preset, quality)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            return dialog.choice()
        finally:
            dialog.deleteLater()


def show_in_folder(path: Path) -> bool:
    """Open the file manager on the folder that holds ``path``."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class ExportProgress(QDialog):
    """Progress of one export; states: running → saved / cancelled / failed."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, dest: Path, count: int = 1) -> None:
        super().__init__(parent)
        self.dest = dest
        self.paths = [dest]
        self.state = "running"
        self.setObjectName("exportProgress")
        self.setWindowTitle(tr("Exporting"))
        self.setMinimumWidth(400)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.title = QLabel(tr("Exporting {name}…", name=dest.name) if count == 1 else
                            tr("Exporting {count} files…", count=count))
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
        self.folder_button.clicked.connect(self._show_in_folder)
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

    def present(self) -> None:
        """Show the window and give it the keyboard, so Esc cancels the export at once (a
        window shown without activation leaves the keys with the main window)."""
        self.show()
        self.raise_()
        self.activateWindow()
        (self.cancel_button if self.state == "running" else self.close_button).setFocus(
            Qt.FocusReason.ActiveWindowFocusReason)

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
        self.adjustSize()  # a failure's sentence can be longer than "Rendering… 40%"

    def saved(self, path: Path, *more: Path) -> None:
        self.dest, self.paths = path, [path, *more]
        self.bar.setValue(1000)
        lines = [tr("{name} ({mb:.1f} MB)", name=p.name,
                    mb=(p.stat().st_size if p.exists() else 0) / 1e6) for p in self.paths]
        detail = tr("{name} ({mb:.1f} MB) in {folder}", name=path.name,
                    mb=(path.stat().st_size if path.exists() else 0) / 1e6,
                    folder=str(path.parent)) if not more else \
            "\n".join(lines) + "\n" + tr("in {folder}", folder=str(path.parent))
        self._finish("saved", tr("Saved"), detail)
        self.folder_button.show()
        self.folder_button.setDefault(True)
        self.folder_button.setFocus()

    def _show_in_folder(self) -> None:
        """Open the file manager; with none installed, say so and copy the path instead."""
        if show_in_folder(self.dest):
            return
        QGuiApplication.clipboard().setText(str(self.dest))
        self.detail.setText(tr("No file manager could be opened. The file is at {path} "
                               "(the path was copied to the clipboard).", path=str(self.dest)))
        self.adjustSize()  # the longer, wrapped line must not be cut off

    def cancelled(self) -> None:
        self._finish("cancelled", tr("Export cancelled"), tr("No file was written."))

    def saved_text(self) -> str:
        """The chat's line after the window is closed."""
        if len(self.paths) == 1:
            return tr("Saved {name} in {folder}.", name=self.dest.name,
                      folder=str(self.dest.parent))
        return tr("Saved {names} in {folder}.", names=", ".join(p.name for p in self.paths),
                  folder=str(self.dest.parent))

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
