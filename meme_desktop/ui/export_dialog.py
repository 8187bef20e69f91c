"""The export dialog: pick a preset and a quality; plain data out (:class:`ExportChoice`).

Presets (DESIGN.md and the issue): 1080p MP4 vertical, square, 4:5 and landscape; GIF;
Discord (at most 10 MB); WhatsApp (at most 16 MB). ``await ExportDialog.choose(...)`` opens
the dialog without blocking the loop and returns the choice or None; tests patch it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.assistant.events import ExportOptions
from meme_desktop.ui.dialogs import await_dialog
from meme_desktop.ui.i18n import tr


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
    Preset("vertical", "1080p MP4 — vertical 9:16", "1080×1920 · TikTok, Reels, Shorts"),
    Preset("square", "1080p MP4 — square 1:1", "1080×1080 · feeds and chats"),
    Preset("feed", "1080p MP4 — portrait 4:5", "1080×1350 · Instagram feed"),
    Preset("landscape", "1080p MP4 — landscape 16:9", "1920×1080 · YouTube, desktop"),
    Preset("gif", "GIF animation", "Small looping GIF, no sound", format="gif"),
    Preset("discord", "Discord (≤ 10 MB)", "MP4 that fits the free upload limit", max_mb=10),
    Preset("whatsapp", "WhatsApp (≤ 16 MB)", "MP4 that fits the video limit", max_mb=16),
)
QUALITIES: tuple[tuple[str, str], ...] = (
    ("fast", "Fast (quick to render)"), ("high", "High (recommended)"), ("best", "Best (slow)"),
)


def preset_by_key(key: str) -> Preset:
    return next((p for p in PRESETS if p.key == key), PRESETS[0])


@dataclass(frozen=True)
class ExportChoice:
    """What the person picked: the options for the assistant and the file extension."""

    preset: str
    quality: str
    options: ExportOptions
    ext: str


def choice_for(preset_key: str, quality: str) -> ExportChoice:
    p = preset_by_key(preset_key)
    opts = ExportOptions(format=p.format, quality=quality, preset=p.key,  # type: ignore[arg-type]
                         max_mb=p.max_mb)
    return ExportChoice(p.key, quality, opts, p.ext)


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
            self.presets.addItem(row)
            if p.key == preset:
                self.presets.setCurrentItem(row)
        if self.presets.currentRow() < 0:
            self.presets.setCurrentRow(0)
        self.presets.itemDoubleClicked.connect(lambda _item: self.accept())
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
        hint = QLabel(tr("Next you choose where to save the file."))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Format")))
        layout.addWidget(self.presets, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def choice(self) -> ExportChoice:
        row = self.presets.currentItem()
        key = row.data(Qt.ItemDataRole.UserRole) if row else PRESETS[0].key
        return choice_for(key, self.quality.currentData() or "high")

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
