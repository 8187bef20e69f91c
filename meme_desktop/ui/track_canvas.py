"""The timeline drawn to scale: lanes, segment blocks, the ruler and the playhead.

:class:`TrackCanvas` shows the session model: one lane per track, coloured by type (a track
of a type the app does not know, a newer backend's, is a grey lane labelled with its name, with
a tooltip saying why: its blocks are shown, never picked, dragged or edited); segments carry their labels, thumbnails (pictures and clips) and waveforms with a volume line (sounds);
overlapping segments stack inside their lane; what the last edit changed is outlined in amber
until the next turn starts or :data:`CHANGED_MS` have passed. It
follows the model's draft, selection and playhead, zooms (Ctrl+wheel keeps it in
:mod:`meme_desktop.ui.track_view`), and takes drops: files are imported, a media-bin item lands
on a lane of its kind at the time under the mouse (one ``add_media``), and the view is
highlighted while something is dragged over it. The mouse and keyboard gestures are in
:class:`meme_desktop.ui.track_view.TrackView`.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsScene, QGraphicsView, QWidget

from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    Draft,
    Segment,
    TextSegment,
    Track,
    one_line,
    segment_label,
)
from meme_desktop.draft.ops import AddMedia
from meme_desktop.ui import theme
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.media_art import MediaArt
from meme_desktop.ui.session_model import ASSET_MIME, SessionModel
from meme_desktop.ui.track_items import (
    HEADER_W,
    LANE_GAP,
    LANE_H,
    ROW_H,
    RULER_H,
    DragTip,
    SegmentItem,
    lane_color,
    lane_height,
    lane_name,
    lane_tooltip,
    pack_rows,
)

MIN_PX_PER_S = 10.0
MAX_PX_PER_S = 800.0
DEFAULT_PX_PER_S = 80.0
CHANGED_MS = 8000  # how long what an edit changed stays outlined (the next turn clears it too)
LANE_KINDS = {TT_VIDEO: ("video", "image"), TT_AUDIO: ("audio",)}


class TrackCanvas(QGraphicsView):
    """Draws the model's draft; the gestures are added by the subclass."""

    def __init__(self, model: SessionModel, art: MediaArt | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.art = art
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setProperty("dropTarget", False)
        # two lanes at least; a third scrolls, so a 560 px high window never overlaps panels
        self.setMinimumHeight(RULER_H + 2 * (LANE_H + LANE_GAP) + 12)
        self.px_per_s = DEFAULT_PX_PER_S
        self.auto_fit = True  # shrink to show the whole draft until the user zooms by hand
        self.draft: Draft = Draft.empty()
        self._seen: dict[str, dict[str, object]] = {}  # each segment's JSON, last drawn
        self.changed_ids: set[str] = set()
        self.playhead_ms = 0
        self.items_by_id: dict[str, SegmentItem] = {}
        self.lanes: list[tuple[Track, float, float]] = []  # track, top, height
        self._syncing = False
        self._redrawing = self._redraw_again = False
        self._playhead: QGraphicsLineItem | None = None
        self.changed_timer = QTimer(self)  # the amber outline fades out after a while
        self.changed_timer.setSingleShot(True)
        self.changed_timer.setInterval(CHANGED_MS)
        self.changed_timer.timeout.connect(self.clear_changed)
        self.scene().selectionChanged.connect(self._on_scene_selection)
        model.busy_changed.connect(lambda busy: self.clear_changed() if busy else None)
        model.state_changed.connect(self._on_state)
        model.selection_changed.connect(self._show_selection)
        model.playhead_changed.connect(self.set_playhead)
        if art is not None:  # new thumbnails or waveforms: the cached blocks paint again
            art.changed.connect(lambda: [i.update() for i in self.items_by_id.values()])
        self.redraw()

    # -- following the model ---------------------------------------------------------------
    def _on_state(self, highlight: bool) -> None:
        self.set_draft(self.model.draft, highlight=highlight)

    def set_draft(self, draft: Draft, highlight: bool = True) -> None:
        """Show ``draft``; with ``highlight``, segments new or changed since the last are
        outlined. A drag in progress is dropped (the draft under it changed). The draft is
        kept, not copied: the model's drafts are never changed in place."""
        new = {s.id: s.to_json() for s in draft.segments()}
        self.changed_ids = {i for i, raw in new.items()
                            if highlight and self._seen.get(i) != raw}
        self.draft, self._seen = draft, new
        if self.changed_ids:
            self.changed_timer.start()
        self._draft_replaced()
        if self.auto_fit and self.isVisible():
            self._fit(DEFAULT_PX_PER_S)  # a longer draft stays in view without scrolling
        self.redraw()

    def _draft_replaced(self) -> None:
        """A new draft is about to be drawn (the subclass drops a drag in progress)."""

    def clear_changed(self) -> None:
        """Take the "changed" outline off every block (a later turn began, or time passed)."""
        self.changed_timer.stop()
        self.changed_ids = set()
        for item in self.items_by_id.values():
            item.set_changed(False)

    def set_playhead(self, ms: int) -> None:
        self.playhead_ms = max(0, int(ms))
        if self._playhead is not None:
            x = self.x_of(self.playhead_ms)
            self._playhead.setLine(x, 0, x, self._height())

    def _show_selection(self, ids: tuple[str, ...]) -> None:
        self._syncing = True
        try:
            for seg_id, item in self.items_by_id.items():
                item.setSelected(seg_id in ids)
        finally:
            self._syncing = False

    def _on_scene_selection(self) -> None:
        if not self._syncing:
            self.model.select(i.seg.id for i in self.selected_items())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self.redraw()  # the view paints itself: repaint in the new theme's colours

    # -- scale -----------------------------------------------------------------------------
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

    def x_of(self, ms: int) -> float:
        return HEADER_W + ms / 1000 * self.px_per_s

    def ms_at(self, x: float) -> int:
        return int(round(max(0.0, x - HEADER_W) / self.px_per_s * 1000))

    _x = x_of  # the name older callers use

    def editable_segments(self) -> list[Segment]:
        """The segments gestures and commands may act on: placed, on a lane of a known type
        (a track of an unknown type is shown and passed on, never edited)."""
        return [s for t in self.draft.tracks if t.known for s in t.segments if s.placed]

    def selected_items(self) -> list[SegmentItem]:
        return [i for i in self.scene().selectedItems() if isinstance(i, SegmentItem)]

    def selected_item(self) -> SegmentItem | None:
        items = self.selected_items()
        return items[0] if items else None

    # -- drawing ---------------------------------------------------------------------------
    def _tracks(self) -> list[Track]:
        return list(self.draft.tracks) or [Track(id="", type=t, name=n) for t, n in
                                            ((TT_VIDEO, tr("Video")), (TT_AUDIO, tr("Sound")),
                                             (TT_TEXT, tr("Captions")))]

    def content_height(self) -> float:
        """The height of the ruler and every lane."""
        return self._height()

    def _height(self) -> float:
        return RULER_H + LANE_GAP + sum(lane_height(pack_rows(t.segments)[1]) + LANE_GAP
                                        for t in self._tracks())

    def redraw(self) -> None:
        """Draw the scene again. A scroll bar that appears or goes while drawing resizes the
        view, which asks for a redraw in the middle of this one: that one waits and runs after
        (run inside, it left its own playhead line behind, a second red line)."""
        if self._redrawing:
            self._redraw_again = True
            return
        self._redrawing = self._syncing = True  # selecting the new blocks is no new selection
        try:
            for _ in range(3):  # a scroll bar changes the width once, rarely twice
                self._redraw_again = False
                self._redraw()
                if not self._redraw_again:
                    break
        finally:
            self._redrawing = self._syncing = False

    def _redraw(self) -> None:
        scene = self.scene()
        keep = {s.id for s in self.draft.segments()}
        old = {i: item for i, item in self.items_by_id.items() if i in keep}
        scene.blockSignals(True)
        for drawn in scene.items():  # everything but the blocks of segments still there
            if drawn.parentItem() is None and not (
                    isinstance(drawn, SegmentItem) and old.get(drawn.seg.id) is drawn):
                scene.removeItem(drawn)
        scene.blockSignals(False)
        self.items_by_id, self.lanes = {}, []
        pal = theme.current_palette()
        height = self._height()
        view_w = self.viewport().width() - 2  # the ruler fills the view; scroll when longer
        bar = self.verticalScrollBar()
        if height > self.viewport().height() and not bar.isVisible():
            view_w -= bar.sizeHint().width()  # the vertical bar about to appear takes room
        content_w = self.x_of(self.draft.duration) + 40
        width = max(float(view_w), content_w)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if content_w > view_w
                                          else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._draw_ruler((width - HEADER_W) / self.px_per_s, width, pal)
        top = RULER_H + LANE_GAP
        selected = set(self.model.selection)
        for i, track in enumerate(self._tracks()):
            rows, n_rows = pack_rows(track.segments)
            lane_h = lane_height(n_rows)
            seg_h = LANE_H - 6 if n_rows == 1 else ROW_H - 4
            lane = scene.addRect(QRectF(0, top, width, lane_h), QPen(Qt.PenStyle.NoPen),
                                 QBrush(QColor(pal["lane" if i % 2 == 0 else "laneAlt"])))
            lane.setZValue(-2)
            self.lanes.append((track, top, lane_h))
            color = QColor(pal[lane_color(track)])
            name = scene.addSimpleText(lane_name(track))
            name.setBrush(QBrush(QColor(pal["muted"])))
            name.setToolTip(lane_tooltip(track))
            name.setPos(10, top + (min(lane_h, LANE_H) - name.boundingRect().height()) / 2)
            scene.addRect(QRectF(0, top, 4, lane_h), QPen(Qt.PenStyle.NoPen),
                          QBrush(color)).setZValue(-1)
            for seg in track.segments:
                if seg.id not in rows:  # no place on the timeline: nothing to draw
                    continue
                y = top + 3 + (rows[seg.id] * ROW_H if n_rows > 1 else 0)
                rect = QRectF(self.x_of(seg.start), y,
                              max(4.0, seg.duration / 1000 * self.px_per_s), seg_h)
                label = one_line(seg.text) if isinstance(seg, TextSegment) else self._label(seg)
                clip = self.model.kind_of(getattr(seg, "src", "")) == "video"
                item: SegmentItem | None = old.get(seg.id)
                if item is None:
                    item = SegmentItem(seg, track, rect, color, label,
                                       seg.id in self.changed_ids, self.art, clip)
                    scene.addItem(item)
                else:
                    item.refresh(seg, track, rect, color, label, seg.id in self.changed_ids,
                                 clip)
                self.items_by_id[seg.id] = item
                item.setSelected(seg.id in selected)
            top += lane_h + LANE_GAP
        x = self.x_of(self.playhead_ms)
        self._playhead = scene.addLine(x, 0, x, height, QPen(QColor(pal["playhead"]), 2))
        self._playhead.setZValue(10)
        self._guide = QGraphicsLineItem(0, 0, 0, height)
        self._guide.setPen(QPen(QColor(pal["accent"]), 1.5, Qt.PenStyle.DashLine))
        self._guide.setZValue(20)
        self._guide.hide()
        scene.addItem(self._guide)
        self._tip = DragTip()
        scene.addItem(self._tip)
        scene.setSceneRect(QRectF(0, 0, width, height))

    def _label(self, seg: Segment) -> str:
        return segment_label(seg, self.model.names)

    def _draw_ruler(self, total_s: float, width: float, pal: dict[str, str]) -> None:
        scene = self.scene()
        scene.addRect(QRectF(0, 0, width, RULER_H), QPen(Qt.PenStyle.NoPen),
                      QBrush(QColor(pal["panel"]))).setZValue(-3)
        step = next(s for s in (0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300)
                    if s * self.px_per_s >= 60)
        pen = QPen(QColor(pal["ruler"]), 1)
        t = 0.0
        while t <= total_s:
            ms = int(round(t * 1000))
            x = self.x_of(ms)
            scene.addLine(x, RULER_H - 8, x, RULER_H, pen)
            label = scene.addSimpleText(f"{ms / 1000:g}s")
            label.setBrush(QBrush(QColor(pal["ruler"])))
            label.setPos(x + 3, 3)
            if x + 3 + label.boundingRect().width() > width:  # no half-cut label at the end
                scene.removeItem(label)
            minor = x + step * self.px_per_s / 2
            scene.addLine(minor, RULER_H - 4, minor, RULER_H, pen)
            t += step
        scene.addLine(0, RULER_H, width, RULER_H, pen)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.auto_fit:
            self._fit(DEFAULT_PX_PER_S)
        self.redraw()

    # -- drops: files and media-bin items ----------------------------------------------------
    def _drop_lane(self, pos: QPointF, kind: str) -> Track | None:
        for track, top, height in self.lanes:
            if top <= pos.y() <= top + height and track.known \
                    and kind in LANE_KINDS.get(track.type, ()):
                return track
        return None

    def _set_drop_target(self, on: bool) -> None:
        if self.property("dropTarget") != on:
            self.setProperty("dropTarget", on)
            self.style().unpolish(self)
            self.style().polish(self)
            self.viewport().update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if mime.hasFormat(ASSET_MIME) or any(u.isLocalFile() for u in mime.urls()):
            self._set_drop_target(True)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        if not mime.hasFormat(ASSET_MIME):
            event.acceptProposedAction()  # files: imported wherever they land
            return
        pos = self.mapToScene(event.position().toPoint())
        asset = json.loads(bytes(mime.data(ASSET_MIME).data()).decode("utf-8"))
        if self._drop_lane(pos, asset.get("kind", "")) is None:
            self._guide.hide()
            event.ignore()
            return
        x = self.x_of(self.ms_at(pos.x()))
        self._guide.setLine(x, 0, x, self._height())
        self._guide.show()
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._set_drop_target(False)
        self._guide.hide()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._set_drop_target(False)
        self._guide.hide()
        mime = event.mimeData()
        if not mime.hasFormat(ASSET_MIME):
            paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.model.import_files(paths)
            return
        pos = self.mapToScene(event.position().toPoint())
        asset = json.loads(bytes(mime.data(ASSET_MIME).data()).decode("utf-8"))
        if self._drop_lane(pos, asset.get("kind", "")) is None or not asset.get("hash"):
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the bin keeps its item
        event.accept()
        self.model.edit([AddMedia(asset=asset["hash"], st=self.ms_at(pos.x()))], "add media")
