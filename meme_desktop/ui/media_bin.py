"""The media bin: drop files (or Ctrl+O), refused ones say why at the door, the others upload
with a progress bar each and then show a thumbnail with kind, duration and resolution.

The door (:func:`meme_desktop.ui.media_door.check_file`) refuses what cannot be uploaded
before anything is sent.

Accepted files go out with ``files_accepted``; the upload queue reports back through
:meth:`MediaBin.set_progress` / ``set_uploaded`` / ``set_failed`` / ``set_thumbnail`` (a failed
file shows its error on its own item, the others go on). Media already in the session come from
the session model. A right-click (or double-click) puts an item on the timeline (one
``add_media`` through the model); an item can also be dragged onto a lane of the timeline
(:data:`ASSET_MIME`); a refused file can be taken off the list. The bin is highlighted while
files are dragged over it.
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
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
from meme_desktop.draft.ops import AddMedia
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.media_door import (  # noqa: F401 - the door's names, as before
    ACCEPTED_TEXT,
    KINDS,
    MAX_BYTES,
    DoorCheck,
    check_file,
    duration_text,
    file_dialog_filter,
    human_size,
)
from meme_desktop.ui.session_model import ASSET_MIME, SessionModel

_ids = itertools.count(1)
THUMB_PX = 64
ROW_MIN_W = 120  # rows stretch to the list's width; a wider hint would scroll sideways
BATCH = 3  # items made per event-loop turn when many files arrive at once


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


class BinList(QListWidget):
    """The list of items; an uploaded item drags out as :data:`ASSET_MIME`."""

    def __init__(self, items: dict[int, BinItem]) -> None:
        super().__init__()
        self._items = items
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ASSET_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction  # dragged onto the timeline, the item stays here

    def mimeData(self, rows: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        for row in rows:
            item = self._items.get(row.data(Qt.ItemDataRole.UserRole))
            if item is not None and item.asset is not None and item.state == "done":
                a = item.asset
                mime.setData(ASSET_MIME, json.dumps(
                    {"hash": a.hash, "kind": a.kind, "name": a.name,
                     "duration": a.duration}).encode("utf-8"))
                break
        return mime


class MediaBin(QFrame):
    """The panel: a list of :class:`BinItem` that accepts file drops."""

    files_accepted = Signal(list)  # list[tuple[int, Path, str]]: (item key, path, kind)
    thumbnail_wanted = Signal(int, object)  # item key, Asset (media already in the session)
    import_requested = Signal()

    def __init__(self, model: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("panel")
        self.setAcceptDrops(True)
        self.setProperty("dropTarget", False)
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
        self.list = BinList(self.items)
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(tr("Media bin"))
        self.list.setToolTip(tr("Drag an item onto the timeline, or double-click it"))
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
        model.state_changed.connect(lambda _highlight: self.show_assets())

    # -- drops -------------------------------------------------------------------------------
    @staticmethod
    def _local_paths(event: QDragEnterEvent | QDropEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def set_drop_target(self, on: bool) -> None:
        """Highlighted while files are dragged over it (the stylesheet draws the outline)."""
        if self.property("dropTarget") != on:
            self.setProperty("dropTarget", on)
            self.style().unpolish(self)
            self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._local_paths(event):
            self.set_drop_target(True)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self.set_drop_target(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.set_drop_target(False)
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
        accepted: list[tuple[int, Path, str]] = []
        for _ in range(min(BATCH, len(self._incoming))):
            path = self._incoming.popleft()
            verdict: DoorCheck = check_file(path)
            item = self._add_item(BinItem(path.name, verdict.kind))
            if verdict.ok:
                accepted.append((item.key, path, verdict.kind))
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

    def show_assets(self) -> None:
        """Add the session's media the bin does not show yet (and ask for thumbnails)."""
        known = self.known_hashes()
        for asset in self.model.assets.values():
            if asset.hash not in known:
                self.thumbnail_wanted.emit(self.add_asset(asset).key, asset)

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
            self.model.edit([AddMedia(asset=item.asset.hash)], "add media")

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

    def _update_empty(self) -> None:
        self.empty_hint.setVisible(not self.items)
        self.list.setVisible(bool(self.items))
