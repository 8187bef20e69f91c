"""How the window's panels share its space, and the order Tab walks them in.

:class:`PanelLayout` holds the two splitters: media bin | centre | chat side by side, and in the
centre the preview above the timeline. On the first start the sizes follow the window: the
centre gets at least half of the width (the chat and the media bin take what is left, within
bounds), and the timeline is given the height its lanes need, so a 1024×700 window shows every
lane without scrolling; while the person has not moved the centre splitter, the timeline keeps
growing with its lanes (also after a restart: the split is remembered as the lanes' until the
person drags it). The media bin can be hidden and shown again (View › Media bin, Ctrl+B,
the first toolbar button, or by dragging its edge to the left); importing files shows it. The
sizes the person chose are kept in ``UiState.splitters`` and come back at the next start.

:func:`tab_chain` lists the controls Tab visits, in the order a person reads the window:
toolbar, media bin, preview, timeline, chat, each from top to bottom and left to right
(:meth:`MainWindow.focusNextPrevChild` follows it), whatever order the widgets were made in.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from meme_desktop.config import UiState
from meme_desktop.ui import icons
from meme_desktop.ui.i18n import tr

MEDIA_W = (180, 260)  # the media bin's width on a first start: at least, at most
CHAT_W = (260, 380)
CENTER_SHARE = 0.5  # the centre gets at least this share of the width on a first start
PREVIEW_MIN_H = 240


class PanelLayout(QObject):
    """The splitters of the main window, their first sizes and their memory."""

    def __init__(self, window: QWidget, media: QWidget, preview: QWidget, timeline: QWidget,
                 chat: QWidget, ui_state: UiState, wanted_timeline_h: Callable[[], int]) -> None:
        super().__init__(window)
        self.window, self.media, self.preview, self.timeline, self.chat = (
            window, media, preview, timeline, chat)
        self.ui_state = ui_state
        self._wanted_timeline_h = wanted_timeline_h
        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.setObjectName("centerSplitter")
        self.center.addWidget(preview)
        self.center.addWidget(timeline)
        self.center.setStretchFactor(0, 1)
        self.center.setStretchFactor(1, 0)
        self.center.setChildrenCollapsible(False)
        self.center.setMinimumWidth(380)  # a narrow window shrinks the side panels first
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.setObjectName("mainSplitter")
        for panel in (media, self.center, chat):
            self.main.addWidget(panel)
        for index, stretch in enumerate((1, 4, 1)):
            self.main.setStretchFactor(index, stretch)
        self.main.setChildrenCollapsible(False)
        self.main.setCollapsible(0, True)  # dragging the bin's edge to the left hides it
        self.main.setContentsMargins(8, 4, 8, 4)
        self.main.setHandleWidth(8)
        self.main.splitterMoved.connect(self._main_moved)
        self.center.splitterMoved.connect(self._center_moved)
        self.center_auto = True  # the timeline follows its lanes until the person drags
        self.restored = self._restore()
        self.media_action = QAction(tr("Media bin"), window)
        self.media_action.setCheckable(True)
        self.media_action.setChecked(not media.isHidden())
        self.media_action.setShortcut("Ctrl+B")
        self.media_action.setToolTip(tr("Show or hide the media bin (Ctrl+B)"))
        self.media_action.toggled.connect(self.show_media)
        icons.bind(self.media_action, "sidebar")

    # -- sizes -----------------------------------------------------------------------------
    def first_show(self) -> None:
        """Sizes for this window when the person has chosen none yet."""
        if self.restored:
            return
        width = self.main.width() - 2 * self.main.handleWidth() - 16
        media = min(MEDIA_W[1], max(MEDIA_W[0], int(width * 0.2)))
        chat = min(CHAT_W[1], max(CHAT_W[0], int(width * 0.28)))
        spare = width - media - chat - int(width * CENTER_SHARE)
        if spare < 0:  # a narrow window: the sides give way, the chat a little more
            chat = max(CHAT_W[0], chat + spare // 2)
            media = max(MEDIA_W[0], media + spare - spare // 2)
        self.main.setSizes([media, max(0, width - media - chat), chat])
        self.fit_timeline()

    def fit_timeline(self) -> None:
        """Give the timeline the height its lanes need (the preview keeps at least
        :data:`PREVIEW_MIN_H`), unless the person placed the splitter."""
        if not self.center_auto:
            return
        total = sum(self.center.sizes())
        if total <= 0:
            return
        low = self.timeline.minimumSizeHint().height()
        timeline = max(low, min(int(self._wanted_timeline_h()), total - PREVIEW_MIN_H))
        self.center.setSizes([total - timeline, timeline])

    def _main_moved(self, _pos: int, _index: int) -> None:
        if self.main.sizes()[0] == 0 and not self.media.isHidden():
            self.media_action.setChecked(False)  # dragged shut: hidden, out of the Tab order

    def _center_moved(self, _pos: int, _index: int) -> None:
        self.center_auto = False

    def show_media(self, on: bool) -> None:
        if on == (not self.media.isHidden()) and (not on or self.main.sizes()[0] > 0):
            return
        self.media.setVisible(on)
        if on and self.main.sizes()[0] == 0:
            sizes = self.main.sizes()
            give = min(MEDIA_W[0], max(0, sizes[1] - self.center.minimumWidth()))
            self.main.setSizes([give, sizes[1] - give, sizes[2]])
        if self.media_action.isChecked() != on:
            self.media_action.setChecked(on)

    # -- memory ----------------------------------------------------------------------------
    def save(self) -> None:
        self.ui_state.splitters = {
            "main": base64.b64encode(bytes(self.main.saveState().data())).decode(),
            "center": base64.b64encode(bytes(self.center.saveState().data())).decode(),
            "media": "shown" if not self.media.isHidden() else "hidden",
            "timeline": "auto" if self.center_auto else "placed",  # follows its lanes?
        }

    def _restore(self) -> bool:
        saved = self.ui_state.splitters
        if not isinstance(saved, dict) or "main" not in saved or "center" not in saved:
            return False
        try:
            main = QByteArray(base64.b64decode(saved["main"]))
            center = QByteArray(base64.b64decode(saved["center"]))
        except (ValueError, TypeError):
            return False
        if not (self.main.restoreState(main) and self.center.restoreState(center)):
            return False
        self.center_auto = saved.get("timeline") == "auto"  # not dragged: it follows the lanes
        self.media.setVisible(saved.get("media") != "hidden")
        return True


def _row_order(widgets: Sequence[QWidget], window: QWidget) -> list[QWidget]:
    """Top to bottom; widgets whose middles share a line, left to right."""
    placed = []
    for w in widgets:
        top_left = w.mapTo(window, w.rect().topLeft())
        placed.append((top_left.y() + w.height() / 2, top_left.x(), w.height(), w))
    placed.sort(key=lambda p: (p[0], p[1]))
    rows: list[list[tuple[float, int, int, QWidget]]] = []
    for entry in placed:
        if rows and abs(entry[0] - rows[-1][0][0]) < max(8, min(entry[2], rows[-1][0][2]) / 2):
            rows[-1].append(entry)
        else:
            rows.append([entry])
    return [entry[3] for row in rows for entry in sorted(row, key=lambda p: p[1])]


def tab_chain(window: QWidget, regions: Sequence[QWidget]) -> list[QWidget]:
    """The controls Tab visits: visible, enabled, taking focus by Tab, region by region."""
    found: list[list[QWidget]] = [[] for _ in regions]
    for w in window.findChildren(QWidget):
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisible() \
                or not w.isEnabled() or w.focusProxy() is not None or w.window() is not window:
            continue
        parent = w.parentWidget()
        if parent is not None and parent.focusProxy() is None and hasattr(parent, "viewport") \
                and parent.viewport() is w:
            continue  # a scroll area's viewport: the area itself takes the focus
        for index, region in enumerate(regions):
            if region is w or region.isAncestorOf(w):
                found[index].append(w)
                break
    return [w for group in found for w in _row_order(group, window)]


def next_in_chain(window: QWidget, regions: Sequence[QWidget], forward: bool) -> bool:
    """Move the focus to the next (or previous) control of :func:`tab_chain`; False when
    there is none."""
    chain = tab_chain(window, regions)
    if not chain:
        return False
    current = QApplication.focusWidget()
    index = next((i for i, w in enumerate(chain) if w is current), -1)
    if index < 0 and current is not None:  # inside a control (a viewport): the innermost one
        holders = [i for i, w in enumerate(chain) if w.isAncestorOf(current)]
        index = holders[-1] if holders else -1
    if index < 0:
        target = chain[0] if forward else chain[-1]
    else:
        target = chain[(index + (1 if forward else -1)) % len(chain)]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward
                    else Qt.FocusReason.BacktabFocusReason)
    return True
