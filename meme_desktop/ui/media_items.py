"""The media bin's rows: an item per file (thumbnail, name, kind · duration · size, upload
progress; a refused file is one compact line with why and a dismiss button) and the list
that drags an uploaded item onto the timeline as
:data:`~meme_desktop.ui.session_model.ASSET_MIME`.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QCursor,
    QDrag,
    QFontMetrics,
    QImage,
    QPainter,
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
    QProgressBar,
    QToolButton,
    QVBoxLayout,
)

from meme_desktop.api.models import Asset
from meme_desktop.ui import icons
from meme_desktop.ui.i18n import tr, tr_noop
from meme_desktop.ui.media_door import duration_text
from meme_desktop.ui.session_model import ASSET_MIME

_ids = itertools.count(1)
THUMB_PX = 64
SMALL_THUMB_PX = 40  # in a narrow bin, so "320×180" still fits beside the thumbnail
NARROW_ROW_PX = 200  # a row narrower than this shows the small thumbnail
FAILED_ICON_PX = 20
FAILED_ROW_H = 58  # a refused file: name and one line of why
DRAG_OPACITY = 0.7  # a dragged row lets the lane under it show through
_SENTENCE = re.compile(r"^(.+?(?:[.!?](?=\s|$)|[。！？]))")
KIND_NAMES = {"video": tr_noop("video"), "image": tr_noop("image"), "audio": tr_noop("audio"),
              "file": tr_noop("file")}


def asset_details(asset: Asset) -> str:
    """``video · 0:02 · 320×180`` / ``image · 400×300`` / ``audio · 0:02``."""
    kind = asset.kind or "file"
    parts = [tr(KIND_NAMES[kind]) if kind in KIND_NAMES else kind]
    if asset.duration > 0 and kind != "image":
        parts.append(duration_text(asset.duration))
    if asset.width and asset.height:
        parts.append(f"{asset.width}×{asset.height}")
    return " · ".join(parts)


def first_sentence(text: str) -> str:
    """``.txt is not supported.`` out of ``.txt is not supported. Use MP4, …``."""
    match = _SENTENCE.match(text.strip())
    return match.group(1) if match else text.strip()


def reason_after_name(reason: str, name: str) -> str:
    """The reason without the file's name it starts with (the card shows the name just above):
    ``Could not be read as a picture, video or sound.`` out of ``“x.mp4” could not be read as
    a picture, video or sound.``"""
    for quoted in (f"“{name}”", f'"{name}"', name):
        if name and reason.startswith(quoted):
            rest = reason[len(quoted):].lstrip(" :：")
            return rest[:1].upper() + rest[1:] if rest else reason
    return reason


class BinItem(QFrame):
    """One file in the bin: thumbnail, name, details, upload progress; a refused file is a
    compact line (a small warning sign, its name, the first sentence of why, a dismiss
    button; all of the reason in the tooltip)."""

    remove_requested = Signal(int)  # the item's key: the dismiss button was pressed

    def __init__(self, name: str, kind: str = "") -> None:
        super().__init__()
        self.key = next(_ids)
        self.name = name
        self.kind = kind
        self.state = "pending"  # pending / uploading / done / failed
        self.asset: Asset | None = None
        self.error = ""
        self.setObjectName("binItem")
        self.thumb_px = THUMB_PX
        self._image: QImage | None = None  # the thumbnail as made (shown at thumb_px)
        self.thumb = QLabel()
        self.thumb.setFixedSize(THUMB_PX, THUMB_PX)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel(name)
        self.name_label.setStyleSheet("font-weight: 600;")
        self.name_label.setMinimumWidth(20)
        self.details = QLabel(tr("Waiting to upload…"))
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)  # "video · 0:20 · 1280×720" in a narrow bin
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.error_label = QLabel("")  # the first sentence of why (all of it in the tooltip)
        self.error_label.setObjectName("error")
        self.error_label.setMinimumWidth(20)
        self.error_label.hide()
        self.dismiss = QToolButton()
        self.dismiss.setObjectName("dismiss")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(tr("Remove from the list"))
        self.dismiss.setAccessibleName(tr("Remove {name} from the list", name=name))
        self.dismiss.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.dismiss.clicked.connect(lambda: self.remove_requested.emit(self.key))
        self.dismiss.hide()
        text = QVBoxLayout()
        text.setSpacing(3)
        text.addWidget(self.name_label)
        text.addWidget(self.details)
        text.addWidget(self.progress)
        text.addWidget(self.error_label)
        text.addStretch(1)
        self._row = row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 8, 6)
        row.addWidget(self.thumb, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(text, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setToolTip(name)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._fit_thumbnail()
        self._elide()
        super().resizeEvent(event)

    def _fit_thumbnail(self) -> None:
        """A smaller thumbnail in a narrow row, so the details' words are not cut off."""
        px = SMALL_THUMB_PX if self.width() < NARROW_ROW_PX else THUMB_PX
        if px == self.thumb_px:
            return
        self.thumb_px = px
        if self.state != "failed":
            self.thumb.setFixedSize(px, px)
            if self._image is not None:
                self._show_thumbnail()

    def _elide(self) -> None:
        for label, full, mode in ((self.name_label, self.name, Qt.TextElideMode.ElideMiddle),
                                  (self.error_label,
                                   first_sentence(reason_after_name(self.error, self.name)),
                                   Qt.TextElideMode.ElideRight)):
            width = max(20, label.width())
            label.setText(QFontMetrics(label.font()).elidedText(full, mode, width))

    def set_progress(self, fraction: float) -> None:
        self.state = "uploading"
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
        self.details.setText(tr("Uploading… {pct}%", pct=int(fraction * 100)))

    def set_uploaded(self, asset: Asset) -> None:
        self.state = "done"
        self.asset = asset
        self.kind = asset.kind or self.kind
        self.error = ""
        self._compact(False)
        self.progress.hide()
        self.details.setText(asset_details(asset))
        self.setToolTip(f"{self.name}\n{asset_details(asset)}")

    def set_failed(self, reason: str) -> None:
        self.state = "failed"
        self.error = reason
        self._compact(True)
        self.progress.hide()
        self.setToolTip(f"{self.name}\n{reason}")
        self._elide()

    def set_selected(self, on: bool) -> None:
        """Show whether the row is selected (the frame covers the list's own highlight)."""
        if bool(self.property("selected")) != on:
            self.setProperty("selected", on)
            self.style().unpolish(self)
            self.style().polish(self)

    def _compact(self, on: bool) -> None:
        """A refused file takes one short line: sign, name, why, dismiss."""
        name = "binItemFailed" if on else "binItem"
        if self.objectName() != name:
            self.setObjectName(name)
            self.style().unpolish(self)
            self.style().polish(self)
        size = FAILED_ICON_PX if on else self.thumb_px
        self.thumb.setFixedSize(size, size)
        if on:
            self.thumb.setPixmap(icons.pixmap("alert", icons.colour("error"), size * 2)
                                 .scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation))
            icons.bind(self.dismiss, "close", "muted")
        elif self.state == "done" and not self.has_thumbnail:
            self.thumb.clear()
        self._row.setAlignment(self.thumb, Qt.AlignmentFlag.AlignVCenter if on
                               else Qt.AlignmentFlag.AlignTop)
        self.details.setVisible(not on)
        self.error_label.setVisible(on)
        self.dismiss.setVisible(on)

    def set_thumbnail(self, image: QImage) -> None:
        if self.state == "failed":
            return
        self._image = image
        self._show_thumbnail()

    def _show_thumbnail(self) -> None:
        if self._image is not None:
            self.thumb.setPixmap(QPixmap.fromImage(self._image).scaled(
                self.thumb_px, self.thumb_px, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    @property
    def has_thumbnail(self) -> bool:
        pix = self.thumb.pixmap()
        return self.state != "failed" and pix is not None and not pix.isNull()

    @property
    def row_height(self) -> int:
        """The height of the item's row in the list."""
        return FAILED_ROW_H if self.state == "failed" else THUMB_PX + 16


class BinList(QListWidget):
    """The list of items; an uploaded item drags out as :data:`ASSET_MIME`."""

    def __init__(self, items: dict[int, BinItem]) -> None:
        super().__init__()
        self._items = items
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # Qt lays a top-to-bottom list out again only when its height changes: a narrower
        # bin would cut every row off at the right instead of eliding its name
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ASSET_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction  # dragged onto the timeline, the item stays here

    def _dragged(self, rows: Sequence[QListWidgetItem]) -> QListWidgetItem | None:
        """The row a drag carries: the first uploaded one."""
        for row in rows:
            item = self._items.get(row.data(Qt.ItemDataRole.UserRole))
            if item is not None and item.asset is not None and item.state == "done":
                return row
        return None

    def mimeData(self, rows: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        row = self._dragged(rows)
        item = self._items.get(row.data(Qt.ItemDataRole.UserRole)) if row else None
        if item is not None and item.asset is not None:
            a = item.asset
            mime.setData(ASSET_MIME, json.dumps(
                {"hash": a.hash, "kind": a.kind, "name": a.name,
                 "duration": a.duration}).encode("utf-8"))
        return mime

    def drag_pixmap(self, row: QListWidgetItem) -> QPixmap:
        """What follows the mouse: the row as it looks (thumbnail and name), see-through so
        the lane under it stays visible. (Qt's own picture of a row shown by a widget is an
        empty block of the selection colour, as large as the row, hiding the lanes.)"""
        widget = self.itemWidget(row)
        shot = widget.grab() if widget is not None else QPixmap()
        pixmap = QPixmap(shot.size())
        pixmap.setDevicePixelRatio(shot.devicePixelRatio())
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setOpacity(DRAG_OPACITY)
        painter.drawPixmap(0, 0, shot)
        painter.end()
        return pixmap

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N802, N803
        row = self._dragged(self.selectedItems())
        if row is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([row]))
        drag.setPixmap(self.drag_pixmap(row))
        grip = self.viewport().mapFromGlobal(QCursor.pos()) - self.visualItemRect(row).topLeft()
        width, height = self.visualItemRect(row).width(), self.visualItemRect(row).height()
        drag.setHotSpot(QPoint(min(max(0, grip.x()), width), min(max(0, grip.y()), height)))
        drag.exec(Qt.DropAction.CopyAction)
