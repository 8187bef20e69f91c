"""The media bin's rows: an item per file (thumbnail, name, kind · duration · size, upload
progress or the reason it was refused) and the list that drags an uploaded item onto the
timeline as :data:`~meme_desktop.ui.session_model.ASSET_MIME`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFontMetrics, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
)

from meme_desktop.api.models import Asset
from meme_desktop.ui.i18n import tr, tr_noop
from meme_desktop.ui.media_door import duration_text
from meme_desktop.ui.session_model import ASSET_MIME

_ids = itertools.count(1)
THUMB_PX = 64
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
