"""The media bin: drop files (or Ctrl+O), refused ones say why at the door, the others upload
with a progress bar each and then show a thumbnail with kind, duration and resolution.

The door (:func:`check_file`) follows the protocol: video mp4 mov avi webm mkv; image jpg
(jpeg) png gif webp; audio mp3 wav m4a aac; at most 200 MB a file. Only a ``stat`` happens
there, so checking twenty dropped files never stalls the window; the backend still checks the
content (a mislabelled file is refused on upload, on its own item).

The window's controller uploads and calls back :meth:`MediaBin.set_progress` /
``set_uploaded`` / ``set_failed`` / ``set_thumbnail``; a failed file shows its error on its own
item, the others go on. A right-click (or double-click) sends "add <name>" through the chat;
a refused file can be taken off the list.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QImage,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.api.models import Asset
from meme_desktop.api.upload import AUDIO_TYPES, IMAGE_TYPES, MAX_BYTES, VIDEO_TYPES
from meme_desktop.draft.ops import AddMedia
from meme_desktop.ui.i18n import tr

_ids = itertools.count(1)
THUMB_PX = 64
ROW_MIN_W = 120  # rows stretch to the list's width; a wider hint would scroll sideways
BATCH = 3  # items made per event-loop turn when many files arrive at once


# -- the door ------------------------------------------------------------------------------
KINDS: dict[str, str] = {
    **dict.fromkeys(VIDEO_TYPES, "video"),
    **dict.fromkeys(IMAGE_TYPES, "image"),
    **dict.fromkeys(AUDIO_TYPES, "audio"),
}
ACCEPTED_TEXT = "MP4, MOV, AVI, WebM, MKV, JPG, PNG, GIF, WebP, MP3, WAV, M4A, AAC"


@dataclass(frozen=True)
class DoorCheck:
    """The verdict on one file: ``reason`` is None when the file may be uploaded."""

    path: Path
    kind: str = ""
    size: int = 0
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


def file_dialog_filter() -> str:
    """The name filter of the Import dialog (every accepted extension, then all files)."""
    patterns = " ".join(f"*.{ext}" for ext in KINDS)
    return f"{tr('Images, clips and sounds')} ({patterns});;{tr('All files')} (*)"


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover


def check_file(path: Path) -> DoorCheck:
    """Refuse unsupported types, folders, missing, empty and oversized files, with the reason."""
    ext = path.suffix.lower().lstrip(".")
    kind = KINDS.get(ext, "")
    if not kind:
        shown = f".{ext}" if ext else tr("files without an extension")
        return DoorCheck(path, reason=tr("{ext} is not supported. Use {accepted}.",
                                         ext=shown, accepted=ACCEPTED_TEXT))
    try:
        st = os.stat(path)
    except OSError:
        return DoorCheck(path, kind, reason=tr("The file could not be found or opened."))
    if not path.is_file():
        return DoorCheck(path, kind, reason=tr("Folders cannot be imported; drop the files."))
    if st.st_size == 0:
        return DoorCheck(path, kind, reason=tr("The file is empty."))
    if st.st_size > MAX_BYTES:
        return DoorCheck(path, kind, st.st_size, reason=tr(
            "The file is {size}; the limit is 200 MB. Trim or compress it first.",
            size=human_size(st.st_size)))
    return DoorCheck(path, kind, st.st_size)


def duration_text(seconds: float) -> str:
    """``75.4`` → ``1:15``; ``3.2`` → ``0:03``."""
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"


# -- the panel -----------------------------------------------------------------------------
def asset_details(asset: Asset) -> str:
    """``video · 0:02 · 320×180`` / ``image · 400×300`` / ``audio · 0:02``."""
    kind = asset.kind or "file"
    parts = [tr(kind)]
    if asset.duration > 0 and kind != "image":
        parts.append(duration_text(asset.duration))
    if asset.width and asset.height:
        parts.append(f"{asset.width}×{asset.height}")
    return " · ".join(parts)


class BinItem(QFrame):
    """One file in the bin: thumbnail, name, details, upload progress or error."""

    def __init__(self, name: str, kind: str = "") -> None:
        super().__init__()
        self.key = next(_ids)
        self.name = name
        self.kind = kind
        self.state = "pending"  # pending / uploading / done / failed
        self.asset: Asset | None = None
        self.error = ""
        self.setObjectName("binItem")
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB_PX, THUMB_PX)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel(name)
        self.name_label.setStyleSheet("font-weight: 600;")
        self.details = QLabel(tr("Waiting to upload…"))
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)  # "video · 0:20 · 1280×720" in a narrow bin
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.error_label = QLabel("")
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.name_label)
        text.addWidget(self.details)
        text.addWidget(self.progress)
        text.addWidget(self.error_label)
        text.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 8, 6)
        row.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        self.setToolTip(name)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        width = max(40, self.name_label.width())
        self.name_label.setText(QFontMetrics(self.name_label.font()).elidedText(
            self.name, Qt.TextElideMode.ElideMiddle, width))
        super().resizeEvent(event)

    def set_progress(self, fraction: float) -> None:
        self.state = "uploading"
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.details.setText(tr("Uploading… {pct}%", pct=int(fraction * 100)))

    def set_uploaded(self, asset: Asset) -> None:
        self.state = "done"
        self.asset = asset
        self.kind = asset.kind or self.kind
        self.progress.hide()
        self.details.setText(asset_details(asset))
        self.setToolTip(f"{self.name}\n{asset_details(asset)}")

    def set_failed(self, reason: str) -> None:
        self.state = "failed"
        self.error = reason
        self.setObjectName("binItemFailed")
        self.style().unpolish(self)
        self.style().polish(self)
        self.progress.hide()
        self.details.setText(tr("Not added"))
        self.error_label.setText(reason)
        self.error_label.show()
        self.setToolTip(f"{self.name}\n{reason}")

    def set_thumbnail(self, image: QImage) -> None:
        self.thumb.setPixmap(QPixmap.fromImage(image).scaled(
            THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation))

    @property
    def has_thumbnail(self) -> bool:
        pix = self.thumb.pixmap()
        return pix is not None and not pix.isNull()


class MediaBin(QFrame):
    """The panel: a list of :class:`BinItem` that accepts file drops."""

    files_accepted = Signal(list)  # list[tuple[int, Path]]: (item key, path) to upload
    import_requested = Signal()
    edit_requested = Signal(list, str)  # typed operations ("add media") from the item's menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setAcceptDrops(True)
        self.items: dict[int, BinItem] = {}
        self._incoming: deque[Path] = deque()
        self._adding = False
        title = QLabel(tr("Media"))
        title.setObjectName("panelTitle")
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.setToolTip(tr("Add images, clips or sounds (Ctrl+O)"))
        self.import_button.clicked.connect(self.import_requested)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.import_button)
        self.list = QListWidget()
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(tr("Media bin"))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemDoubleClicked.connect(
            lambda row: self.use(self.items.get(row.data(Qt.ItemDataRole.UserRole))))
        self.empty_hint = QLabel(tr("Drop images, clips or sounds here\n\nor press Ctrl+O"))
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(head)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.list, 1)
        self._update_empty()

    # -- drops -------------------------------------------------------------------------------
    @staticmethod
    def _local_paths(event: QDragEnterEvent | QDropEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    # -- items -------------------------------------------------------------------------------
    def _add_item(self, item: BinItem) -> BinItem:
        row = QListWidgetItem()
        row.setSizeHint(QSize(ROW_MIN_W, THUMB_PX + 16))
        row.setData(Qt.ItemDataRole.UserRole, item.key)
        self.list.addItem(row)
        self.list.setItemWidget(row, item)
        self.items[item.key] = item
        self._update_empty()
        return item

    def _row_for(self, key: int) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            row = self.list.item(i)
            if row.data(Qt.ItemDataRole.UserRole) == key:
                return row
        return None

    def add_files(self, paths: list[Path]) -> None:
        """Check each file at the door and add its item; accepted ones go to ``files_accepted``.

        Items are made a few at a time, one batch per event-loop turn, so a drop of many
        files never freezes the window."""
        self._incoming.extend(paths)
        if not self._adding:
            self._adding = True
            self._add_batch()

    def _add_batch(self) -> None:
        accepted: list[tuple[int, Path]] = []
        for _ in range(min(BATCH, len(self._incoming))):
            path = self._incoming.popleft()
            verdict: DoorCheck = check_file(path)
            item = self._add_item(BinItem(path.name, verdict.kind))
            if verdict.ok:
                accepted.append((item.key, path))
            else:
                item.set_failed(verdict.reason or "")
                self._fit_row(item.key)
        if accepted:
            self.files_accepted.emit(accepted)
        if self._incoming:
            QTimer.singleShot(0, self._add_batch)
        else:
            self._adding = False

    @property
    def adding(self) -> bool:
        return self._adding

    def add_asset(self, asset: Asset) -> BinItem:
        """An item for media already in the session (restored project)."""
        item = self._add_item(BinItem(asset.name, asset.kind))
        item.set_uploaded(asset)
        return item

    def set_progress(self, key: int, fraction: float) -> None:
        if item := self.items.get(key):
            item.set_progress(fraction)

    def set_uploaded(self, key: int, asset: Asset) -> None:
        if item := self.items.get(key):
            item.set_uploaded(asset)

    def set_failed(self, key: int, reason: str) -> None:
        if key in self.items:
            self.items[key].set_failed(reason)
            self._fit_row(key)

    def _fit_row(self, key: int) -> None:
        """Grow a row so a wrapped error message shows in full."""
        row, item = self._row_for(key), self.items.get(key)
        if row is None or item is None:
            return
        width = max(120, self.list.viewport().width() - THUMB_PX - 40)
        text_h = item.error_label.heightForWidth(width) if item.error_label.isVisible() or \
            item.error else 0
        row.setSizeHint(QSize(ROW_MIN_W, max(THUMB_PX + 16, 52 + max(0, text_h) + 12)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        for key, item in self.items.items():
            if item.state == "failed":
                self._fit_row(key)

    def _menu(self, pos: QPoint) -> None:
        row = self.list.itemAt(pos)
        item = self.items.get(row.data(Qt.ItemDataRole.UserRole)) if row else None
        if item is None or item.state not in ("done", "failed"):
            return
        menu = QMenu(self)  # an added file goes on the timeline; a refused one off the list
        if item.state == "done":
            menu.addAction(tr("Add to the timeline"), lambda: self.use(item))
        else:
            menu.addAction(tr("Remove from the list"), lambda: self.remove(item.key))
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def use(self, item: BinItem | None) -> None:
        if item is not None and item.state == "done" and item.asset is not None \
                and item.asset.hash:
            self.edit_requested.emit([AddMedia(asset=item.asset.hash)], "add media")

    def remove(self, key: int) -> None:
        if (row := self._row_for(key)) is not None:
            self.list.takeItem(self.list.row(row))
        self.items.pop(key, None)
        self._update_empty()

    def set_thumbnail(self, key: int, image: QImage) -> None:
        if item := self.items.get(key):
            item.set_thumbnail(image)

    def clear(self) -> None:
        self.list.clear()
        self.items.clear()
        self._update_empty()

    def known_hashes(self) -> set[str]:
        return {i.asset.hash for i in self.items.values() if i.asset is not None}

    def rename_assets(self, renamed: dict[str, str], assets: list[Asset]) -> None:
        """Files the backend stored again under a new hash (a rebuilt project) follow it."""
        by_hash = {a.hash: a for a in assets}
        for key, item in self.items.items():
            new = renamed.get(item.asset.hash) if item.asset is not None else None
            if new in by_hash:
                self.set_uploaded(key, by_hash[new])

    def _update_empty(self) -> None:
        self.empty_hint.setVisible(not self.items)
        self.list.setVisible(bool(self.items))
