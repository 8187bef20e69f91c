"""The preview's picture: the video frame with the captions painted over it, as handles.

The frame comes from the player; the captions come from the session model and are painted
here with the renderer's own pictures (:mod:`meme_desktop.ui.caption_overlay`), so a change to
a caption shows in the next frame, before (and without) a new render. Every caption on screen
is a handle: hover outlines it, drag it to place it anywhere (``place_caption`` with ``xy`` on
release), drag a corner of the selected one to resize it (``set_caption`` ``sz``), double-click
it to retype it in place; Esc cancels a drag. One gesture, one operation list, one undo step.
A bar at the top or bottom is part of the rendered frame (it moves the media out of its way):
while it is dragged its old place is veiled, so it is not seen twice until the next render.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from meme_desktop.draft import TextSegment
from meme_desktop.draft.ops import PlaceCaption, SetCaption
from meme_desktop.ui.caption_editor import CaptionEditor, retype_ops
from meme_desktop.ui.caption_overlay import (
    CaptionImages,
    Look,
    Picture,
    baked,
    place,
    stack_offset,
)
from meme_desktop.ui.session_model import SessionModel

CORNER_PX = 7
VEIL = QColor(13, 13, 16, 200)  # over the place a bar caption baked into the frame is dragged from
MIN_SIZE, MAX_SIZE = 0.2, 5.0


@dataclass
class CaptionDrag:
    """A caption being dragged: moved (``corner`` None) or resized from a corner."""

    seg: TextSegment
    press: QPointF           # widget coordinates
    box: QRectF              # canvas coordinates at the press
    corner: int | None = None
    xy: tuple[float, float] | None = None
    size: float | None = None


_WRAPPED = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap


def message_box(canvas: QRectF, text: str, metrics: QFontMetrics) -> QRectF:
    """The band at the top of the picture for a line over it ("Rendering preview…", why there
    is no preview): as tall as the words need on a narrow (vertical) picture, never cut off."""
    width = max(40.0, canvas.width() - 12)
    room = QRect(0, 0, max(1, int(width - 12)), 10_000)
    needed = metrics.boundingRect(room, int(_WRAPPED), text).height() + 6
    return QRectF(canvas.left() + 6, canvas.top() + 6, width, max(22.0, float(needed)))


class PreviewCanvas(QWidget):
    """Paints a frame fitted to the canvas, with the model's captions over it; ``grabbed``
    when a caption is taken hold of (the panel pauses, so the caption stays on screen)."""

    grabbed = Signal()

    def __init__(self, model: SessionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.images = CaptionImages(self)
        self.image: QImage | None = None  # the video frame
        self.message = ""
        self.message_box: QRectF | None = None  # where the last line over the picture went
        self.badge = ""                   # a short line over a picture ("Rendering preview…")
        self.time_ms = 0
        self.drag: CaptionDrag | None = None
        self.hover: str | None = None
        self.editor: CaptionEditor | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(160, 160))
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.images.ready.connect(self.update)
        model.state_changed.connect(lambda _h: self._model_changed())
        model.selection_changed.connect(lambda _ids: self.update())

    # -- what is shown ---------------------------------------------------------------------
    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        self.update()

    def set_badge(self, text: str) -> None:
        self.badge = text
        self.update()

    def set_time(self, ms: int) -> None:
        if ms != self.time_ms:
            self.time_ms = ms
            self.update()

    def _model_changed(self) -> None:
        self.drag = None  # the caption under a drag may have changed
        self.images.keep_only({s.id for s in self.model.captions()})
        self.update()

    # -- geometry ------------------------------------------------------------------------------
    def canvas_size(self) -> tuple[int, int]:
        m = self.model.draft.meta
        return int(m.width or 1080), int(m.height or 1920)

    def canvas_rect(self) -> QRectF:
        """Where the canvas is drawn in the widget (fitted, centred)."""
        w, h = self.canvas_size()
        scale = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2,
                      w * scale, h * scale)

    def to_widget(self, box: QRectF) -> QRectF:
        c = self.canvas_rect()
        s = c.width() / self.canvas_size()[0]
        return QRectF(c.left() + box.left() * s, c.top() + box.top() * s, box.width() * s,
                      box.height() * s)

    def visible_captions(self) -> list[TextSegment]:
        t = self.time_ms
        return [s for s in self.model.captions() if s.start <= t < s.end and s.text.strip()]

    def caption_box(self, seg: TextSegment) -> tuple[QRectF, Picture] | None:
        """Where the caption is on the canvas and its picture (None until it is drawn)."""
        w, h = self.canvas_size()
        picture = self.images.image_for(seg, w, h)
        if picture is None:
            return None
        return self._stacked(seg, place(seg, w, h, picture.width, picture.height)), picture

    def _stacked(self, seg: TextSegment, box: QRectF) -> QRectF:
        """``box`` moved off the captions before it, as the export stacks them."""
        w, h = self.canvas_size()

        def height(other: TextSegment) -> float:
            picture = self.images.image_for(other, w, h)
            return picture.height if picture is not None else 0.0

        dy = stack_offset(seg, self.model.captions(), height)
        if dy:
            box.moveTop(max(0.0, min(h - box.height(), box.top() + dy)))
        return box

    def _dragged(self, drag: CaptionDrag) -> tuple[QRectF, Picture | None]:
        """Where the dragged caption is drawn now, and its picture."""
        w, h = self.canvas_size()
        seg = drag.seg
        if drag.corner is None:
            xy = drag.xy or seg.xy
            image = self.images.image_for(seg, w, h)
            dims = (image.width, image.height) if image else (drag.box.width(),
                                                              drag.box.height())
            box = place(seg, w, h, dims[0], dims[1], xy)
            return (box if xy is not None else self._stacked(seg, box)), image
        size = drag.size or seg.size
        exact = self.images.get(Look.of(seg, w, h, size))
        if exact is None:
            self.images.request(Look.of(seg, w, h, size))
            factor = size / max(0.01, seg.size)
            image = self.images.image_for(seg, w, h)
            return self._stacked(seg, place(seg, w, h, drag.box.width() * factor,
                                            drag.box.height() * factor)), image
        return self._stacked(seg, place(seg, w, h, exact.width, exact.height)), exact

    def hit(self, pos: QPointF) -> tuple[TextSegment, QRectF, int | None] | None:
        """The caption under ``pos`` (the topmost), with a corner index when on one of the
        selected caption's corners."""
        selected = set(self.model.selection)
        for seg in reversed(self.visible_captions()):
            found = self.caption_box(seg)
            if found is None:
                continue
            box = self.to_widget(found[0])
            if seg.id in selected:
                for i, corner in enumerate(_corners(box)):
                    if abs(pos.x() - corner.x()) <= CORNER_PX and \
                            abs(pos.y() - corner.y()) <= CORNER_PX:
                        return seg, found[0], i
            if box.adjusted(-3, -3, 3, 3).contains(pos):
                return seg, found[0], None
        return None

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0d0d10"))
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        canvas = self.canvas_rect()
        frame = self.image
        has_picture = frame is not None and not frame.isNull()
        if frame is not None and has_picture:
            p.drawImage(canvas, frame)
        elif not self.model.draft.is_empty:
            p.fillRect(canvas, QColor(self.model.draft.meta.bg or "#000000"))
        p.save()
        p.setClipRect(canvas)
        selected = set(self.model.selection)
        dragging = self.drag.seg.id if self.drag else None
        for seg in self.visible_captions():
            found = self.caption_box(seg)
            if found is None:
                continue
            if seg.id == dragging:
                if baked(seg):  # it is in the video frame: its old place is veiled, not a twin
                    p.fillRect(self.to_widget(found[0]), VEIL)
                continue
            box, picture = found
            if not baked(seg):
                p.drawImage(self.to_widget(box), picture.image)
            if seg.id in selected or seg.id == self.hover:
                _outline(p, self.to_widget(box), seg.id in selected)
        if self.drag is not None:
            moved, dragged = self._dragged(self.drag)
            if dragged is not None:
                p.drawImage(self.to_widget(moved), dragged.image)
            _outline(p, self.to_widget(moved), True)
        p.restore()
        if self.message and not has_picture and self.model.draft.is_empty:
            p.setPen(QColor("#c8c8d0"))
            p.drawText(self.rect().adjusted(16, 16, -16, -16),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        elif self.message or self.badge:
            text = self.message or self.badge
            p.setPen(QColor("#e8e8ee"))
            box = self.message_box = message_box(canvas, text, p.fontMetrics())
            p.fillRect(box, QColor(0, 0, 0, 120))
            p.drawText(box.adjusted(6, 0, -6, 0), _WRAPPED, text)
        p.end()

    # -- the mouse -------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.hit(event.position())
        if found is None:
            self.model.select(())
            return
        seg, box, corner = found
        self.grabbed.emit()
        self.model.select([seg.id])
        self.drag = CaptionDrag(seg, event.position(), box, corner)
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        drag, pos = self.drag, event.position()
        if drag is None:
            found = self.hit(pos)
            hover = found[0].id if found else None
            cursor = Qt.CursorShape.ArrowCursor if found is None else \
                Qt.CursorShape.SizeAllCursor if found[2] is None else \
                Qt.CursorShape.SizeFDiagCursor if found[2] in (0, 2) else \
                Qt.CursorShape.SizeBDiagCursor
            self.setCursor(cursor)
            if hover != self.hover:
                self.hover = hover
                self.update()
            return
        w, h = self.canvas_size()
        scale = self.canvas_rect().width() / w
        if drag.corner is None:
            centre = drag.box.center() + (pos - drag.press) / scale
            drag.xy = (round(min(1.0, max(0.0, centre.x() / w)), 4),
                       round(min(1.0, max(0.0, centre.y() / h)), 4))
        else:
            middle = self.to_widget(drag.box).center()
            start = math.dist((drag.press.x(), drag.press.y()), (middle.x(), middle.y()))
            now = math.dist((pos.x(), pos.y()), (middle.x(), middle.y()))
            size = drag.seg.size * now / max(1.0, start)
            drag.size = round(min(MAX_SIZE, max(MIN_SIZE, size)) * 20) / 20
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        drag, self.drag = self.drag, None
        if drag is None:
            return
        self.update()
        if drag.corner is None and drag.xy is not None and drag.xy != drag.seg.xy:
            self.model.edit([PlaceCaption(id=drag.seg.id, xy=drag.xy)], "move caption")
        elif drag.corner is not None and drag.size is not None and drag.size != drag.seg.size:
            self.model.edit([SetCaption(id=drag.seg.id, sz=drag.size)], "resize caption")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.drag is not None:
            self.drag = None  # nothing changes
            self.update()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        found = self.hit(event.position())
        self.drag = None
        if found is not None:
            self.retype(found[0])

    def retype(self, seg: TextSegment) -> None:
        """Retype a caption in place, over its picture."""
        found = self.caption_box(seg)
        box = self.to_widget(found[0]) if found else self.canvas_rect()
        rect = QRect(int(box.left()), int(box.top()), int(max(box.width(), 200)),
                     int(max(box.height(), 40)))
        rect.moveLeft(max(0, min(rect.left(), self.width() - rect.width())))
        self.model.select([seg.id])
        editor = self.editor = CaptionEditor(self, seg.id, seg.text, rect)
        editor.committed.connect(lambda text, sid=seg.id: self.model.edit(
            *retype_ops(sid, text)))


def _corners(box: QRectF) -> list[QPointF]:
    return [box.topLeft(), box.topRight(), box.bottomRight(), box.bottomLeft()]


def _outline(p: QPainter, box: QRectF, selected: bool) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(255, 255, 255, 230 if selected else 150), 1.5, Qt.PenStyle.DashLine))
    p.drawRect(box)
    if selected:
        p.setPen(QPen(QColor("#7c4dff"), 1.5))
        p.setBrush(QColor("#ffffff"))
        for corner in _corners(box):
            p.drawRect(QRectF(corner.x() - 4, corner.y() - 4, 8, 8))
