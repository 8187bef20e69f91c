"""The media bin: drop files (or Ctrl+O), refused ones say why at the door, the others upload
with a progress bar each and then show a thumbnail with kind, duration and resolution.

The door (:func:`meme_desktop.ui.media_door.check_file`) refuses what cannot be uploaded
before anything is sent.

Accepted files go out with ``files_accepted``; the upload queue reports back through
:meth:`MediaBin.set_progress` / ``set_uploaded`` / ``set_failed`` / ``set_thumbnail`` (a failed
file shows its error on its own item, the others go on). Media already in the session come from
the session model. A right-click (or double-click) puts an item on the timeline (one
``add_media`` through the model); an item can also be dragged onto a lane of the timeline
(:data:`~meme_desktop.ui.session_model.ASSET_MIME`). A refused file is one compact line with a
dismiss button; any other item can be removed too (right-click, or Delete): when the timeline
uses it, the bin asks first and takes it off the timeline as well (one undo step). A removed
item stays out of the bin for that project (the model's ``hidden_media``) until the file is
imported again. Several pictures and clips can be selected (Ctrl / Shift + click): "Make a
meme from each" (the button that then shows, or the right-click menu) asks for a batch with
``batch_requested``. The bin is highlighted while files are dragged over it. Its rows are
:mod:`meme_desktop.ui.media_items`. When the backend rebuilt a lost project, the files it
stored again under new hashes keep their items (the model's ``renamed``).
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from meme_desktop.api.models import Asset
from meme_desktop.draft.ops import AddMedia, DeleteSegment
from meme_desktop.ui import icons
from meme_desktop.ui.dialogs import ask_yes_no
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
from meme_desktop.ui.media_items import BinItem, BinList
from meme_desktop.ui.session_model import SessionModel

ROW_MIN_W = 120  # rows stretch to the list's width; a wider hint would scroll sideways
BATCH = 3  # items made per event-loop turn when many files arrive at once


class MediaBin(QFrame):
    """The panel: a list of :class:`BinItem` that accepts file drops."""

    files_accepted = Signal(list)  # list[tuple[int, Path, str]]: (item key, path, kind)
    thumbnail_wanted = Signal(int, object)  # item key, Asset (media already in the session)
    import_requested = Signal()
    batch_requested = Signal(list)  # list[Asset]: a meme from each (pictures and clips)

    def __init__(self, model: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setObjectName("panel")
        self.setAcceptDrops(True)
        self.setProperty("dropTarget", False)
        self.items: dict[int, BinItem] = {}
        self._incoming: deque[Path] = deque()
        self._adding = False
        self._show_next = False
        title = QLabel(tr("Media"))
        title.setObjectName("panelTitle")
        self.import_button = QPushButton(tr("Import…"))
        self.import_button.setToolTip(tr("Add images, clips or sounds (Ctrl+O)"))
        self.import_button.clicked.connect(self.import_requested)
        self.batch_button = QPushButton(tr("Make a meme from each"))
        self.batch_button.setObjectName("primary")
        self.batch_button.setToolTip(tr("One project and one meme video for each picture or "
                                        "clip selected"))
        self.batch_button.clicked.connect(self.request_batch)
        self.batch_button.hide()
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.import_button)
        self.list = BinList(self.items)
        self.list.setAcceptDrops(False)
        self.list.viewport().setAcceptDrops(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(tr("Media bin"))
        self.list.setToolTip(tr("Drag an item onto the timeline, or double-click it"))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemDoubleClicked.connect(
            lambda row: self.use(self.items.get(row.data(Qt.ItemDataRole.UserRole))))
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self._remove_selected)
        self.empty_hint = QLabel(tr("Drop images, clips or sounds here\n\nor press Ctrl+O"))
        self.empty_hint.setObjectName("hint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(head)
        layout.addWidget(self.empty_hint, 1)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.batch_button)
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
        row.setSizeHint(QSize(ROW_MIN_W, item.row_height))
        item.remove_requested.connect(self.ask_remove)
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
        self._show_next = bool(paths)  # the first new item is scrolled into view
        if not self._adding:
            self._adding = True
            self._add_batch()

    def _add_batch(self) -> None:
        accepted: list[tuple[int, Path, str]] = []
        for _ in range(min(BATCH, len(self._incoming))):
            path = self._incoming.popleft()
            verdict: DoorCheck = check_file(path)
            item = self._add_item(BinItem(path.name, verdict.kind))
            if self._show_next and (row := self._row_for(item.key)) is not None:
                self._show_next = False
                self.list.scrollToItem(row)
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
        """Add the session's media the bin does not show yet (and ask for thumbnails); files a
        rebuilt project stored again under new hashes keep their items."""
        if self.model.renamed:
            self.rename_assets(self.model.renamed, list(self.model.assets.values()))
        known = self.known_hashes()
        for asset in self.model.assets.values():
            if asset.hash not in known and not self.model.is_hidden(asset.hash):
                self.thumbnail_wanted.emit(self.add_asset(asset).key, asset)

    def set_progress(self, key: int, fraction: float) -> None:
        if item := self.items.get(key):
            item.set_progress(fraction)

    def set_uploaded(self, key: int, asset: Asset) -> None:
        new = self.items.get(key)
        twin = next((k for k, i in self.items.items() if new is not None and k != key
                     and i.asset is not None and i.asset.hash == asset.hash
                     and i.name == new.name), None)
        if twin is not None:  # the same file again (a copy under another name stays its own)
            self.remove(key)
            if (row := self._row_for(twin)) is not None:
                self.list.setCurrentItem(row)
                self.list.scrollToItem(row)
            return
        if item := new:
            item.set_uploaded(asset)
            self.model.unhide_asset(asset.hash)  # imported again: it is wanted after all
            self._fit_row(key)

    def set_failed(self, key: int, reason: str) -> None:
        if key in self.items:
            self.items[key].set_failed(reason)
            self._fit_row(key)

    def _fit_row(self, key: int) -> None:
        """The row's height follows its item (a refused file's line is shorter)."""
        row, item = self._row_for(key), self.items.get(key)
        if row is not None and item is not None:
            row.setSizeHint(QSize(ROW_MIN_W, item.row_height))

    def _menu(self, pos: QPoint) -> None:
        row = self.list.itemAt(pos)
        item = self.items.get(row.data(Qt.ItemDataRole.UserRole)) if row else None
        if item is None or item.state not in ("done", "failed"):
            return
        menu = QMenu(self)  # an added file goes on the timeline; any file off the list
        if item.state == "done":
            menu.addAction(tr("Add to the timeline"), lambda: self.use(item))
            if len(picked := self.batch_assets()) > 1:
                menu.addAction(tr("Make a meme from each ({count})", count=len(picked)),
                               self.request_batch)
            menu.addAction(icons.icon("remove"), tr("Remove from the media bin…"),
                           lambda: self.ask_remove(item.key))
        else:
            menu.addAction(icons.icon("close"), tr("Remove from the list"),
                           lambda: self.remove(item.key))
        menu.popup(self.list.viewport().mapToGlobal(pos))

    def _remove_selected(self) -> None:
        row = self.list.currentItem()
        if row is not None:
            self.ask_remove(row.data(Qt.ItemDataRole.UserRole))

    def uses(self, item: BinItem) -> list[str]:
        """The ids of the timeline's segments that show ``item``'s file."""
        if item.asset is None or not item.asset.hash:
            return []
        return [s.id for s in self.model.draft.segments()
                if getattr(s, "src", None) == item.asset.hash]

    @asyncSlot(int)
    async def ask_remove(self, key: int) -> bool:
        """Take an item off the list; a file the timeline uses only after asking, and then
        off the timeline too. True if it was removed."""
        item = self.items.get(key)
        if item is None or item.state not in ("done", "failed"):
            return False
        used = self.uses(item)
        if used:
            if not await ask_yes_no(self, tr("Remove from the media bin"), tr(
                    "“{name}” is used {n} times on the timeline. Remove it from the timeline "
                    "too?", name=item.name, n=len(used)) if len(used) > 1 else tr(
                    "“{name}” is on the timeline. Remove it from the timeline too?",
                    name=item.name), tr("Remove from both"), tr("Keep it")):
                return False
            if self.items.get(key) is not item:  # gone meanwhile (a new project)
                return False
            self.model.edit([DeleteSegment(id=i) for i in used], "remove media")
        if item.asset is not None and item.asset.hash:
            self.model.hide_asset(item.asset.hash)
        self.remove(key)
        return True

    def use(self, item: BinItem | None) -> None:
        if item is not None and item.state == "done" and item.asset is not None \
                and item.asset.hash:
            self.model.edit([AddMedia(asset=item.asset.hash)], "add media")

    def batch_assets(self) -> list[Asset]:
        """The selected pictures and clips that are uploaded, in the bin's order."""
        rows = sorted(self.list.selectedItems(), key=self.list.row)
        items = [self.items.get(row.data(Qt.ItemDataRole.UserRole)) for row in rows]
        return [i.asset for i in items if i is not None and i.state == "done"
                and i.asset is not None and i.asset.kind in ("image", "video")]

    def _selection_changed(self) -> None:
        for i in range(self.list.count()):
            row = self.list.item(i)
            if (item := self.items.get(row.data(Qt.ItemDataRole.UserRole))) is not None:
                item.set_selected(row.isSelected())
        count = len(self.batch_assets())
        self.batch_button.setText(tr("Make a meme from each ({count})", count=count))
        self.batch_button.setVisible(count > 1)

    def request_batch(self) -> None:
        if assets := self.batch_assets():
            self.batch_requested.emit(assets)

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
