"""The track view: the draft's lanes and segments drawn to scale on a QGraphicsScene.

One lane per track, coloured by type (video, audio, text); a track of a type the app does not
know (a newer backend's) is a grey lane labelled with its name, shown and exported as it came
but not editable here; segments carry their labels (file name, sound name, caption text); a
time ruler on top; Ctrl+wheel zooms; a playhead follows the preview and a click on the ruler
moves it. After every turn :meth:`TrackView.set_draft` redraws
and outlines what changed. Edits are typed operations (``draft.ops``): the context menu's
"Delete" and "Move to playhead" emit ``edit_requested(ops, label)`` naming the segment by id,
and the backend applies them, so it stays the single source of truth.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMenu,
    QWidget,
)

from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Draft,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
    seconds,
    segment_label,
    unknown_track_label,
)
from meme_desktop.draft.ops import DeleteSegment, MoveSegment, Op
from meme_desktop.ui import theme
from meme_desktop.ui.i18n import tr

RULER_H = 26
LANE_H = 42
LANE_GAP = 6
ROW_H = 32  # one row of a lane that holds overlapping segments
HEADER_W = 86
MIN_PX_PER_S = 10.0
MAX_PX_PER_S = 800.0
DEFAULT_PX_PER_S = 80.0

TYPE_COLOR = {TT_VIDEO: "video", TT_AUDIO: "audio", TT_TEXT: "caption"}


def segment_ops(action: str, seg: Segment, at_ms: int = 0) -> tuple[list[Op], str]:
    """The typed operations and undo label of a context-menu action on ``seg``."""
    kind = "caption" if isinstance(seg, TextSegment) else "sound" if isinstance(
        seg, AudioSegment) else "clip"
    if action == "delete":
        return [DeleteSegment(id=seg.id)], f"delete {kind}"
    return [MoveSegment(id=seg.id, st=max(0, int(at_ms)))], f"move {kind}"


def pack_rows(segments: list[Segment]) -> tuple[dict[str, int], int]:
    """Rows inside a lane so overlapping segments sit one under another: (row by id, rows)."""
    ends: list[int] = []
    rows: dict[str, int] = {}
    for seg in sorted((s for s in segments if s.placed), key=lambda s: (s.start, s.end)):
        row = next((i for i, end in enumerate(ends) if end <= seg.start), len(ends))
        if row == len(ends):
            ends.append(seg.end)
        else:
            ends[row] = seg.end
        rows[seg.id] = row
    return rows, max(1, len(ends))


def lane_height(rows: int) -> int:
    return LANE_H if rows <= 1 else 6 + rows * ROW_H


def lane_name(track: Track) -> str:
    """The lane's name on screen: the backend's default names ("Video", "Sound", "Captions")
    follow the interface language; a name the user gave is shown as it is; a track of an
    unknown type by its own name, else its type ("Track type 9")."""
    if not track.known:
        return unknown_track_label(track)
    return tr(track.name) if isinstance(track.name, str) and track.name else tr("Track")


def lane_tooltip(track: Track) -> str:
    if track.known:
        return ""
    return tr("This kind of track (type {tt}) comes from the service: it is kept and exported "
              "as it is, but cannot be edited here.", tt=track.type)


def segment_details(seg: Segment, track: Track, names: Mapping[str, str]) -> str:
    """One line describing a selected segment (shown under the view)."""
    parts = [f"{lane_name(track)}: {segment_label(seg, names)}",
             f"{seconds(seg.start)}–{seconds(seg.end)} s"]
    if isinstance(seg, VideoSegment):
        if seg.speed != 1.0:
            parts.append(f"{seg.speed:g}×")
        parts.append(tr("fit {fit}", fit=seg.fit))
        if seg.effects:
            parts.append(", ".join(seg.effects))
    elif isinstance(seg, AudioSegment):
        parts.append(tr("volume {v}%", v=seg.volume))
    elif isinstance(seg, TextSegment):
        parts.append(tr("{pos}, {style} style", pos=seg.pos, style=seg.style))
    return " · ".join(parts)


class SegmentItem(QGraphicsRectItem):
    """One segment: a rounded, selectable block with its label clipped inside."""

    def __init__(self, seg: Segment, track: Track, rect: QRectF, color: QColor,
                 label: str, changed: bool) -> None:
        super().__init__(rect)
        self.seg = seg
        self.track = track
        self.color = color
        self.label = label
        self.changed = changed
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setToolTip(f"{label}\n{seconds(seg.start)}–{seconds(seg.end)} s")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        pal = theme.current_palette()
        r = self.rect().adjusted(0.5, 0.5, -0.5, -0.5)
        fill = QColor(self.color)
        if self.isSelected():
            fill = fill.lighter(125)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.isSelected():  # the selection wins over the "changed" outline, or a
            painter.setPen(QPen(QColor(pal["text"]), 3))  # just-edited segment never looks picked
        elif self.changed:
            painter.setPen(QPen(QColor(pal["changed"]), 3))
        else:
            painter.setPen(QPen(fill.darker(130), 1))
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(r, 6, 6)
        painter.setPen(QColor("#ffffff"))
        font = QFont(painter.font())
        font.setPointSizeF(9)
        painter.setFont(font)
        text_rect = r.adjusted(7, 0, -5, 0)
        if text_rect.width() < 24:  # a lone "…" says nothing; the tooltip names it
            return
        elided = QFontMetrics(font).elidedText(self.label, Qt.TextElideMode.ElideRight,
                                               int(max(0, text_rect.width())))
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         elided)


class TrackView(QGraphicsView):
    """Draws a :class:`Draft`; emits selection, seek and edit (typed operations) signals."""

    segment_selected = Signal(str)   # details line, "" when nothing is selected
    edit_requested = Signal(list, str)   # typed operations and their undo label
    seek_requested = Signal(int)     # ms, from a click on the ruler

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(tr("Timeline: Ctrl+wheel to zoom, right-click a segment to edit it"))
        # two lanes at least; a third scrolls, so a 560 px high window never overlaps panels
        self.setMinimumHeight(RULER_H + 2 * (LANE_H + LANE_GAP) + 12)
        self.px_per_s = DEFAULT_PX_PER_S
        self.auto_fit = True  # shrink to show the whole draft until the user zooms by hand
        self.draft: Draft = Draft.empty()
        self.names: dict[str, str] = {}
        self.changed_ids: set[str] = set()
        self.playhead_ms = 0
        self._playhead: QGraphicsLineItem | None = None
        self.items_by_id: dict[str, SegmentItem] = {}
        self.scene().selectionChanged.connect(self._on_selection)
        self._add_actions()
        self.redraw()

    # -- public ----------------------------------------------------------------------------
    def set_draft(self, draft: Draft, names: Mapping[str, str] | None = None,
                  highlight: bool = True) -> None:
        """Show ``draft``; with ``highlight``, segments new or changed since the last are outlined."""
        old = {s.id: s.to_json() for s in self.draft.segments()}
        self.changed_ids = {s.id for s in draft.segments()
                            if highlight and old.get(s.id) != s.to_json()}
        self.draft = draft.copy()
        if names is not None:
            self.names = dict(names)
        if self.auto_fit and self.isVisible():
            self._fit(DEFAULT_PX_PER_S)  # a longer draft stays in view without scrolling
        self.redraw()

    def set_playhead(self, ms: int) -> None:
        self.playhead_ms = max(0, int(ms))
        if self._playhead is not None:
            x = self._x(self.playhead_ms)
            self._playhead.setLine(x, 0, x, self._height())

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        self.px_per_s = min(MAX_PX_PER_S, max(MIN_PX_PER_S, self.px_per_s * factor))
        self.redraw()

    def zoom_to_fit(self) -> None:
        self.auto_fit = True
        self._fit(MAX_PX_PER_S)
        self.redraw()

    def _fit(self, most: float) -> None:
        """The scale that shows the whole draft in the view, at most ``most`` px a second."""
        width = max(100, self.viewport().width() - HEADER_W - 50)
        self.px_per_s = min(most, max(MIN_PX_PER_S, width / max(1.0, self.draft.duration / 1000)))

    def selected_item(self) -> SegmentItem | None:
        items = [i for i in self.scene().selectedItems() if isinstance(i, SegmentItem)]
        return items[0] if items else None

    # -- drawing ---------------------------------------------------------------------------
    def _x(self, ms: int) -> float:
        return HEADER_W + ms / 1000 * self.px_per_s

    def _tracks(self) -> list[Track]:
        return list(self.draft.tracks) or [Track(id="", type=t, name=n) for t, n in
                                            ((TT_VIDEO, tr("Video")), (TT_AUDIO, tr("Sound")),
                                             (TT_TEXT, tr("Captions")))]

    def _height(self) -> float:
        return RULER_H + LANE_GAP + sum(lane_height(pack_rows(t.segments)[1]) + LANE_GAP
                                        for t in self._tracks())

    def redraw(self) -> None:
        scene = self.scene()
        selected = self.selected_item()
        keep = selected.seg.id if selected else None
        scene.blockSignals(True)
        scene.clear()
        scene.blockSignals(False)
        self.items_by_id = {}
        pal = theme.current_palette()
        height = self._height()
        # the ruler fills the view; a scroll bar appears only when the draft is longer
        view_w = self.viewport().width() - 2
        bar = self.verticalScrollBar()
        if height > self.viewport().height() and not bar.isVisible():
            view_w -= bar.sizeHint().width()  # the vertical bar about to appear takes room
        content_w = self._x(self.draft.duration) + 40
        width = max(float(view_w), content_w)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if content_w > view_w
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        total_s = (width - HEADER_W) / self.px_per_s
        self._draw_ruler(total_s, width, pal)
        top = RULER_H + LANE_GAP
        for i, track in enumerate(self._tracks()):
            rows, n_rows = pack_rows(track.segments)
            lane_h = lane_height(n_rows)
            seg_h = LANE_H - 6 if n_rows == 1 else ROW_H - 4
            lane = scene.addRect(QRectF(0, top, width, lane_h), QPen(Qt.PenStyle.NoPen),
                                 QBrush(QColor(pal["lane" if i % 2 == 0 else "laneAlt"])))
            lane.setZValue(-2)
            color = QColor(pal[TYPE_COLOR.get(track.type, "muted")] if track.known
                           else pal["muted"])
            name = scene.addSimpleText(lane_name(track))
            name.setBrush(QBrush(QColor(pal["muted"])))
            name.setToolTip(lane_tooltip(track))
            name.setPos(10, top + (min(lane_h, LANE_H) - name.boundingRect().height()) / 2)
            marker = scene.addRect(QRectF(0, top, 4, lane_h), QPen(Qt.PenStyle.NoPen),
                                   QBrush(color))
            marker.setZValue(-1)
            for seg in track.segments:
                if seg.id not in rows:  # no place on the timeline: nothing to draw
                    continue
                y = top + 3 + (rows[seg.id] * ROW_H if n_rows > 1 else 0)
                rect = QRectF(self._x(seg.start), y,
                              max(4.0, seg.duration / 1000 * self.px_per_s), seg_h)
                label = seg.text if isinstance(seg, TextSegment) else \
                    segment_label(seg, self.names)
                item = SegmentItem(seg, track, rect, color, label, seg.id in self.changed_ids)
                scene.addItem(item)
                self.items_by_id[seg.id] = item
                if seg.id == keep:
                    item.setSelected(True)
            top += lane_h + LANE_GAP
        x = self._x(self.playhead_ms)
        self._playhead = scene.addLine(x, 0, x, height, QPen(QColor(pal["playhead"]), 2))
        self._playhead.setZValue(10)
        scene.setSceneRect(QRectF(0, 0, width, height))
        self._on_selection()

    def _draw_ruler(self, total_s: float, width: float, pal: dict[str, str]) -> None:
        scene = self.scene()
        scene.addRect(QRectF(0, 0, width, RULER_H), QPen(Qt.PenStyle.NoPen),
                      QBrush(QColor(pal["panel"]))).setZValue(-3)
        step = next(s for s in (0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300)
                    if s * self.px_per_s >= 60)
        pen = QPen(QColor(pal["ruler"]), 1)
        t = 0.0
        while t <= total_s:
            x = self._x(int(round(t * 1000)))
            scene.addLine(x, RULER_H - 8, x, RULER_H, pen)
            label: QGraphicsSimpleTextItem = scene.addSimpleText(f"{seconds(int(round(t * 1000)))}s")
            label.setBrush(QBrush(QColor(pal["ruler"])))
            label.setPos(x + 3, 3)
            if x + 3 + label.boundingRect().width() > width:  # no half-cut label at the end
                scene.removeItem(label)
            minor = x + step * self.px_per_s / 2
            scene.addLine(minor, RULER_H - 4, minor, RULER_H, pen)
            t += step
        scene.addLine(0, RULER_H, width, RULER_H, pen)

    # -- interaction -----------------------------------------------------------------------
    def _add_actions(self) -> None:
        self.delete_action = QAction(tr("Delete"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(lambda: self._emit_for_selected("delete"))
        self.move_action = QAction(tr("Move to playhead"), self)
        self.move_action.setShortcut(QKeySequence("M"))
        self.move_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.move_action.triggered.connect(lambda: self._emit_for_selected("move"))
        self.addAction(self.delete_action)
        self.addAction(self.move_action)

    def _emit_for_selected(self, action: str) -> None:
        item = self.selected_item()
        if item is not None and item.track.known:  # an unknown track is shown, not edited
            self.edit_requested.emit(*segment_ops(action, item.seg, self.playhead_ms))

    def _on_selection(self) -> None:
        item = self.selected_item()
        self.segment_selected.emit(segment_details(item.seg, item.track, self.names)
                                   if item else "")

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        item = self.itemAt(event.pos())
        if not isinstance(item, SegmentItem) or not item.track.known:
            return
        self.scene().clearSelection()
        item.setSelected(True)
        menu = QMenu(self)
        menu.addAction(self.delete_action)
        menu.addAction(self.move_action)
        menu.popup(event.globalPos())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos: QPointF = self.mapToScene(event.position().toPoint())
        if pos.y() <= RULER_H and event.button() == Qt.MouseButton.LeftButton:
            ms = int(max(0.0, pos.x() - HEADER_W) / self.px_per_s * 1000)
            self.set_playhead(ms)
            self.seek_requested.emit(ms)
            return
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.auto_fit:
            self._fit(DEFAULT_PX_PER_S)
        self.redraw()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
            return
        super().wheelEvent(event)
