"""The timeline's commands: keyboard shortcuts, the right-click menu, retyping and volume.

Split at the playhead (S), duplicate (Ctrl+D), delete (Delete / Backspace), nudge by 100 ms
(← / →) or 1 s (Shift+← / →), move to the playhead (M), retype a caption (F2, or double-click)
and set a sound's volume (a popup slider) act on the selected segments; each sends one list of
typed operations through the session model (one undo step). ↓ / ↑ select the next / previous
segment, so the keyboard alone can pick one. The actions carry their shortcuts, so the menu
shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from meme_desktop.draft import AudioSegment, Segment, TextSegment
from meme_desktop.draft.ops import Op, SetVolume
from meme_desktop.ui.caption_editor import CaptionEditor, VolumePopup, retype_ops
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.track_gestures import (
    delete_ops,
    duplicate_ops,
    nudge_ops,
    split_ops,
    to_playhead_ops,
)

if TYPE_CHECKING:
    from meme_desktop.ui.track_canvas import TrackCanvas
    from meme_desktop.ui.track_items import SegmentItem

NUDGE_MS = 100
NUDGE_BIG_MS = 1000


class TrackCommands:
    """The actions of one track view (added to it with a widget-only shortcut context);
    ``dragging()`` says whether a drag is deciding first."""

    def __init__(self, view: TrackCanvas, dragging: Callable[[], bool]) -> None:
        self.view = view
        self.dragging = dragging
        self.editor: CaptionEditor | None = None
        self.popup: VolumePopup | None = None
        keys = QKeySequence.StandardKey

        def action(text: str, run: Callable[[], None], *shortcuts: QKeySequence | str) -> QAction:
            a = QAction(text, view)
            keys = {QKeySequence(k).toString(): QKeySequence(k) for k in shortcuts}
            a.setShortcuts(list(keys.values()))  # Delete is Backspace on macOS: once only
            a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            a.triggered.connect(run)
            view.addAction(a)
            return a

        self.split_action = action(tr("Split at playhead"), self.split, "S")
        self.duplicate_action = action(tr("Duplicate"), lambda: self._send(duplicate_ops),
                                       "Ctrl+D")
        self.delete_action = action(tr("Delete"), lambda: self._send(delete_ops),
                                    QKeySequence(keys.Delete), "Backspace")
        self.move_action = action(tr("Move to playhead"), lambda: self._send(
            lambda segs: to_playhead_ops(segs, view.playhead_ms)), "M")
        self.nudge_left = action(tr("Nudge left"), lambda: self.nudge(-NUDGE_MS), "Left")
        self.nudge_right = action(tr("Nudge right"), lambda: self.nudge(NUDGE_MS), "Right")
        self.nudge_left_big = action(tr("Nudge left 1 s"), lambda: self.nudge(-NUDGE_BIG_MS),
                                     "Shift+Left")
        self.nudge_right_big = action(tr("Nudge right 1 s"), lambda: self.nudge(NUDGE_BIG_MS),
                                      "Shift+Right")
        self.retype_action = action(tr("Retype caption"), self.retype_selected, "F2")
        self.volume_action = action(tr("Volume…"), self.volume_selected)
        self.select_all_action = action(tr("Select all"), self.select_all, QKeySequence(
            keys.SelectAll))
        self.next_action = action(tr("Select the next segment"), lambda: self.select_step(1),
                                  "Down")
        self.previous_action = action(tr("Select the previous segment"),
                                      lambda: self.select_step(-1), "Up")

    @property
    def edit_actions(self) -> list[QAction]:
        """What the window's Edit menu lists."""
        return [self.split_action, self.duplicate_action, self.delete_action, self.move_action,
                self.retype_action, self.select_all_action]

    def selected(self) -> list[Segment]:
        return [i.seg for i in self.view.selected_items()]

    def _send(self, make: Callable[[list[Segment]], tuple[list[Op], str]]) -> None:
        if self.dragging():
            return  # a drag in progress decides first
        ops, label = make(self.selected())
        self.view.model.edit(ops, label)

    def split(self) -> None:
        """Split the selected segments at the playhead (every segment under it when none is
        selected)."""
        segs = self.selected() or self.view.editable_segments()
        ops, label = split_ops(segs, self.view.playhead_ms)
        self.view.model.edit(ops, label)

    def nudge(self, delta: int) -> None:
        self._send(lambda segs: nudge_ops(segs, delta))

    def select_all(self) -> None:
        for item in self.view.items_by_id.values():
            item.setSelected(True)

    def select_step(self, step: int) -> None:
        """↓ / ↑: select the next / previous segment, lane by lane and left to right (the
        first or the last when none is selected), and scroll it into view."""
        lanes = {t.id: i for i, t in enumerate(self.view.draft.tracks)}
        order = sorted((i for i in self.view.items_by_id.values() if i.editable),
                       key=lambda i: (lanes.get(i.track.id, 0), i.seg.start, i.seg.id))
        if not order:
            return
        chosen = [n for n, i in enumerate(order) if i.isSelected()]
        if not chosen:
            index = 0 if step > 0 else len(order) - 1
        else:
            index = max(0, min(len(order) - 1, (chosen[-1] if step > 0 else chosen[0]) + step))
        self.view.scene().clearSelection()
        order[index].setSelected(True)
        self.view.ensureVisible(order[index], 20, 10)

    def fill_menu(self, menu: QMenu, item: SegmentItem) -> None:
        """The right-click menu of a segment (several when more are selected)."""
        menu.addAction(self.split_action)
        menu.addAction(self.duplicate_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.move_action)
        menu.addAction(self.nudge_left)
        menu.addAction(self.nudge_right)
        menu.addAction(self.nudge_left_big)
        menu.addAction(self.nudge_right_big)
        if isinstance(item.seg, TextSegment):
            menu.addSeparator()
            menu.addAction(self.retype_action)
        elif isinstance(item.seg, AudioSegment):
            menu.addSeparator()
            menu.addAction(self.volume_action)

    # -- retyping and volume -----------------------------------------------------------------
    def retype_selected(self) -> None:
        items = [i for i in self.view.selected_items() if isinstance(i.seg, TextSegment)]
        if len(items) == 1:
            self.retype(items[0])

    def retype(self, item: SegmentItem) -> None:
        """Open the in-place editor over a caption block."""
        seg = item.seg
        if not isinstance(seg, TextSegment):
            return
        view = self.view
        rect = view.mapFromScene(item.mapRectToScene(item.rect())).boundingRect()
        rect.setWidth(max(rect.width(), 220))
        rect.setLeft(max(0, min(rect.left(), view.viewport().width() - rect.width())))
        editor = self.editor = CaptionEditor(view.viewport(), seg.id, seg.text, rect)
        editor.committed.connect(lambda text, sid=seg.id: view.model.edit(
            *retype_ops(sid, text)))

    def volume_selected(self) -> None:
        items = [i for i in self.view.selected_items() if i.is_sound]
        if len(items) == 1:
            self.volume_popup(items[0])

    def volume_popup(self, item: SegmentItem) -> None:
        """A small slider over a sound; its value is sent once, on release."""
        seg = item.seg
        if not isinstance(seg, AudioSegment):
            return
        view = self.view
        popup = self.popup = VolumePopup(view, seg.volume)
        popup.chosen.connect(lambda vol, sid=seg.id: view.model.edit(
            [SetVolume(id=sid, vol=vol)], "set sound volume"))
        corner = view.mapFromScene(item.mapRectToScene(item.rect()).bottomLeft())
        popup.popup(view.viewport().mapToGlobal(corner + QPoint(0, 4)))
