"""The track view: the timeline edited with the mouse and the keyboard.

Every gesture is one list of typed operations sent through the session model on release, so
one undo step; while the mouse moves only the grabbed blocks move (no request, no redraw of
the scene). Drag a segment to move it, an edge to trim it (a clip's left edge moves its
in-point), a sound's yellow line to change its volume; it snaps to the playhead, to other
segments' edges and to 0 (a guide line shows where; Shift, or Alt on macOS, moves freely); a
tooltip shows start, end and length; Esc cancels. Click or drag the ruler to move the
playhead. Ctrl/Shift-click and a rubber band select several. Double-click a caption to retype
it, a sound for its volume slider. A block on a lane of a track type the app does not know
takes no gesture (it is shown, not edited). The keyboard commands and the right-click menu are in
:mod:`meme_desktop.ui.track_commands`; the drawing in :mod:`meme_desktop.ui.track_canvas`.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QMenu, QWidget

from meme_desktop.draft import TextSegment
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.media_art import MediaArt
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_canvas import (
    DEFAULT_PX_PER_S,
    MAX_PX_PER_S,
    MIN_PX_PER_S,
    TrackCanvas,
)
from meme_desktop.ui.track_commands import TrackCommands
from meme_desktop.ui.track_gestures import Grab, Landing, drag_ops, drag_to, snap_points
from meme_desktop.ui.track_items import (
    EDGE_PX,
    RULER_H,
    VOLUME_MAX,
    SegmentItem,
    pack_rows,
    segment_details,
    span_tip,
)

__all__ = ["DEFAULT_PX_PER_S", "MAX_PX_PER_S", "MIN_PX_PER_S", "SegmentItem", "TrackView",
           "pack_rows", "segment_details"]

SNAP_PX = 8
DRAG_START_PX = 3
FREE_KEY = Qt.KeyboardModifier.AltModifier if sys.platform == "darwin" \
    else Qt.KeyboardModifier.ShiftModifier


class TrackView(TrackCanvas):
    """Draws the model's draft and turns mouse and keys into typed operations."""

    def __init__(self, model: SessionModel, art: MediaArt | None = None,
                 parent: QWidget | None = None) -> None:
        self.grab_: Grab | None = None
        self.landing: Landing | None = None
        self._press: QPointF | None = None
        self._press_item: SegmentItem | None = None
        self._scrubbing = False
        super().__init__(model, art, parent)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.viewport().setMouseTracking(True)
        self.setToolTip(tr("Timeline: drag segments or their edges, right-click for more, "
                           "Ctrl+wheel to zoom"))
        self.commands = TrackCommands(self, lambda: self.grab_ is not None)

    @property
    def delete_action(self) -> QAction:
        return self.commands.delete_action

    @property
    def move_action(self) -> QAction:
        return self.commands.move_action

    def _draft_replaced(self) -> None:
        self.grab_, self.landing, self._press, self._press_item = None, None, None, None

    # -- the mouse -------------------------------------------------------------------------
    def segment_at(self, pos: QPointF) -> SegmentItem | None:
        """The editable segment block under a viewport position (a block of an unknown
        track type takes no gesture: a press there is a press on the empty lane)."""
        for item in self.items(pos.toPoint()):
            if isinstance(item, SegmentItem):
                return item if item.editable else None
        return None

    def zone(self, item: SegmentItem, scene_pos: QPointF) -> str:
        """``left`` / ``right`` edge, the ``volume`` line of a sound, or the ``body``."""
        r = item.mapRectToScene(item.rect())
        edge = min(EDGE_PX, r.width() / 3)
        if scene_pos.x() - r.left() <= edge:
            return "left"
        if r.right() - scene_pos.x() <= edge:
            return "right"
        if item.is_sound and abs(scene_pos.y() - item.volume_y()) <= 4:
            return "volume"
        return "body"

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = self.mapToScene(event.position().toPoint())
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if pos.y() <= RULER_H:
            self._scrubbing = True
            self.model.seek(self.ms_at(pos.x()))
            return
        item = self.segment_at(event.position())
        if item is None:  # empty lane: a rubber band (Ctrl adds to the selection)
            super().mousePressEvent(event)
            return
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            item.setSelected(not item.isSelected())
            return
        if not item.isSelected():
            if not mods & Qt.KeyboardModifier.ShiftModifier:
                self.scene().clearSelection()
            item.setSelected(True)
        kind = self.zone(item, pos)
        kind = "move" if kind == "body" else kind
        items = self.selected_items() if kind == "move" else [item]
        seg = item.seg
        self.grab_ = Grab(kind, [i.seg for i in items],  # type: ignore[arg-type]
                          has_inpoint=item.clip or item.is_sound,
                          source_ms=self.model.source_ms(getattr(seg, "src", "")))
        self._press, self._press_item, self.landing = pos, item, None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = self.mapToScene(event.position().toPoint())
        if self._scrubbing:
            self.model.seek(self.ms_at(pos.x()))
            return
        if self.grab_ is None or self._press is None:
            self._hover(event.position(), pos)
            super().mouseMoveEvent(event)
            return
        if self.landing is None and abs(pos.x() - self._press.x()) < DRAG_START_PX \
                and abs(pos.y() - self._press.y()) < DRAG_START_PX:
            return  # a click wobbles a little; a drag starts beyond that
        self.drag_to_point(pos, bool(event.modifiers() & FREE_KEY))

    def drag_to_point(self, pos: QPointF, free: bool) -> None:
        """Show where the grab lands with the mouse at ``pos`` (scene coordinates)."""
        grab, press, item = self.grab_, self._press, self._press_item
        assert grab is not None and press is not None and item is not None
        delta = int(round((pos.x() - press.x()) / self.px_per_s * 1000))
        volume = 0
        if grab.kind == "volume":
            r = item.rect().adjusted(0, 4, 0, -4)
            volume = int(round((r.bottom() - pos.y()) / r.height() * VOLUME_MAX / 5)) * 5
        tolerance = int(SNAP_PX / self.px_per_s * 1000)
        moving = {s.id for s in grab.segs}
        points = snap_points([s for s in self.draft.segments() if s.placed], self.playhead_ms,
                             moving)
        land = self.landing = drag_to(grab, delta, points, tolerance, free, volume)
        if grab.kind == "move":
            dx = land.delta / 1000 * self.px_per_s
            for seg in grab.segs:
                self.items_by_id[seg.id].setPos(dx, 0)
        elif grab.kind in ("left", "right"):
            r = item.rect()
            item.setRect(QRectF(self.x_of(land.start), r.top(),
                                max(4.0, (land.end - land.start) / 1000 * self.px_per_s),
                                r.height()))
        else:
            item.volume = land.volume
            item.update()
        if land.guide is not None:
            x = self.x_of(land.guide)
            self._guide.setLine(x, 0, x, self._height())
            self._guide.show()
        else:
            self._guide.hide()
        text = tr("Volume {v}%", v=land.volume) if grab.kind == "volume" \
            else span_tip(land.start, land.end)
        self._tip.show_at(pos, text, self.mapToScene(self.viewport().rect()).boundingRect())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._scrubbing:
            self._scrubbing = False
            return
        grab, landing, item = self.grab_, self.landing, self._press_item
        if grab is None:
            super().mouseReleaseEvent(event)
            return
        self._end_drag()
        if landing is None:  # a click: a plain click on a selected block picks it alone
            if item is not None and not event.modifiers() & (
                    Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
                self.scene().clearSelection()
                item.setSelected(True)
            return
        ops, label = drag_ops(grab, landing)
        self.model.edit(ops, label)  # the blocks stay where dropped until the engine answers

    def cancel_drag(self) -> bool:
        """Esc: put the grabbed blocks back; nothing is sent. True if a drag was cancelled."""
        grab, item = self.grab_, self._press_item
        if grab is None:
            return False
        for seg in grab.segs:
            block = self.items_by_id.get(seg.id)
            if block is not None:
                block.setPos(0, 0)
                block.volume = getattr(seg, "volume", 0)
                block.setRect(QRectF(self.x_of(seg.start), block.rect().top(),
                                     max(4.0, seg.duration / 1000 * self.px_per_s),
                                     block.rect().height()))
        if item is not None:
            item.update()
        self._end_drag()
        return True

    def _end_drag(self) -> None:
        self.grab_, self.landing, self._press, self._press_item = None, None, None, None
        self._guide.hide()
        self._tip.hide()

    def _hover(self, view_pos: QPointF, pos: QPointF) -> None:
        item = self.segment_at(view_pos) if pos.y() > RULER_H else None
        zone = self.zone(item, pos) if item is not None else ""
        cursor = {"left": Qt.CursorShape.SizeHorCursor, "right": Qt.CursorShape.SizeHorCursor,
                  "volume": Qt.CursorShape.SizeVerCursor,
                  "body": Qt.CursorShape.OpenHandCursor}.get(zone, Qt.CursorShape.ArrowCursor)
        self.viewport().setCursor(cursor)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        item = self.segment_at(event.position())
        if item is None:
            super().mouseDoubleClickEvent(event)
            return
        self._end_drag()
        self.scene().clearSelection()
        item.setSelected(True)
        if isinstance(item.seg, TextSegment):
            self.commands.retype(item)
        elif item.is_sound:
            self.commands.volume_popup(item)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._repaint_selected()  # the selected blocks show the focus ring

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._repaint_selected()

    def _repaint_selected(self) -> None:
        for item in self.selected_items():
            item.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            if not self.cancel_drag():
                self.scene().clearSelection()
            return
        if self.grab_ is not None and self.landing is not None and event.key() in (
                Qt.Key.Key_Shift, Qt.Key.Key_Alt):
            return  # the free key changes the snapping at the next mouse move
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        item = self.segment_at(QPointF(event.pos()))
        if item is None:
            return
        if not item.isSelected():
            self.scene().clearSelection()
            item.setSelected(True)
        menu = QMenu(self)
        self.commands.fill_menu(menu, item)
        menu.popup(event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
            return
        super().wheelEvent(event)
