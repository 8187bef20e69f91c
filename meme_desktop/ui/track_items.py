"""What the track view draws: segment blocks (with thumbnails, waveforms and a volume line),
lane helpers, the snapping guide and the tooltip that follows a drag.

A :class:`SegmentItem` paints itself from its segment and the shared :class:`MediaArt` cache;
while it is dragged the view only moves or resizes it (no redraw of the scene), so a frame
costs the repaint of one or two blocks.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from meme_desktop.caption_art import text_color
from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
    seconds,
    segment_label,
    unknown_track_label,
)
from meme_desktop.draft.colors import color_words
from meme_desktop.ui import icons, theme
from meme_desktop.ui.i18n import language, tr, tr_data, tr_noop
from meme_desktop.ui.media_art import MediaArt

RULER_H = 26
LANE_H = 42
LANE_GAP = 6
ROW_H = 32  # one row of a lane that holds overlapping segments
HEADER_W = 86
EDGE_PX = 7  # how close to an edge a press trims instead of moving
VOLUME_MAX = 200  # the volume line's top, in percent
ICON_PX = 14  # the kind icon a block too short for its name shows
MIN_LABEL_CHARS = 4  # fewer letters of a name than this, and the block shows its icon

TYPE_COLOR = {TT_VIDEO: "video", TT_AUDIO: "audio", TT_TEXT: "caption"}
# what a segment's settings mean, in words (the draft's names are short codes)
FIT_WORDS = {"cover": tr_noop("fills the frame, edges cropped"),
             "contain": tr_noop("whole picture, bars around it"),
             "blur": tr_noop("blurred background")}
POSITION_WORDS = {"top": tr_noop("at the top"), "center": tr_noop("in the middle"),
                  "bottom": tr_noop("at the bottom")}
STYLE_WORDS = {"classic": tr_noop("{color} letters with a black outline"),
               "bar": tr_noop("{color} text on a white bar"),
               "subtitle": tr_noop("{color} subtitles"), "plain": tr_noop("plain {color} text")}
EFFECT_WORDS = {"deepfry": tr_noop("deep-fried"), "grayscale": tr_noop("black and white"),
                "sepia": tr_noop("sepia"), "shake": tr_noop("shaking")}
# the names backends give their tracks, shown in the interface language
DEFAULT_LANE_NAMES = (tr_noop("Video"), tr_noop("Sound"), tr_noop("Music"), tr_noop("Captions"))


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
    return tr_data(track.name) if isinstance(track.name, str) and track.name else tr("Track")


def lane_tooltip(track: Track) -> str:
    """Why a lane of an unknown type cannot be edited ("" for the lanes this app edits)."""
    if track.known:
        return ""
    return tr("This kind of track (type {tt}) comes from the service: it is kept and exported "
              "as it is, but cannot be edited here.", tt=track.type)


def lane_color(track: Track) -> str:
    """The palette key of a lane's marker and blocks: by type; grey for an unknown type."""
    return TYPE_COLOR.get(track.type, "muted") if track.known else "muted"


def segment_details(seg: Segment, track: Track, names: Mapping[str, str]) -> str:
    """One line describing a selected segment (shown under the view)."""
    parts = [f"{lane_name(track)}: {segment_label(seg, names)}",
             f"{seconds(seg.start)}–{seconds(seg.end)} s"]
    if isinstance(seg, VideoSegment):
        if seg.speed != 1.0:
            parts.append(tr("{speed}× speed", speed=f"{seg.speed:g}"))
        if seg.fit in FIT_WORDS:
            parts.append(tr(FIT_WORDS[seg.fit]))
        if seg.effects:
            parts.append(", ".join(tr(EFFECT_WORDS[e]) if e in EFFECT_WORDS else e
                                   for e in seg.effects))
    elif isinstance(seg, AudioSegment):
        parts.append(tr("volume {v}%", v=seg.volume))
    elif isinstance(seg, TextSegment):
        if seg.xy is not None:  # dragged on the preview: "at the top" would be wrong
            parts.append(tr("where you put it on the preview"))
        else:
            parts.append(tr(POSITION_WORDS[seg.pos]) if seg.pos in POSITION_WORDS else seg.pos)
        parts.append(caption_look(seg))
    return " · ".join(parts)


def caption_look(seg: TextSegment) -> str:
    """The caption's style in words, with the colour its letters are painted in ("red text
    on a white bar"): a caption made red is never said to be "black text"."""
    if seg.style not in STYLE_WORDS:
        return seg.style
    shown = text_color(seg.style, seg.color).name()
    return tr(STYLE_WORDS[seg.style], color=color_words(shown, language() == "zh_CN"))


def span_tip(start: int, end: int) -> str:
    """What the drag tooltip says: start, end and length."""
    return tr("Start {a} s · End {b} s · Length {d} s", a=seconds(start), b=seconds(end),
              d=seconds(end - start))


def label_font() -> QFont:
    font = QFont()
    font.setPointSizeF(9)
    return font


class SegmentItem(QGraphicsRectItem):
    """One segment: a rounded, selectable block with its label clipped inside."""

    def __init__(self, seg: Segment, track: Track, rect: QRectF, color: QColor, label: str,
                 changed: bool, art: MediaArt | None = None, clip: bool = False) -> None:
        super().__init__(rect)
        self.art = art
        self._look: tuple[object, ...] = ()
        self.volume = -1  # the volume line as painted (a volume drag moves it)
        self.setAcceptHoverEvents(False)
        # painted once into a pixmap: a dragged block is only blitted at its new place
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.refresh(seg, track, rect, color, label, changed, clip)

    def refresh(self, seg: Segment, track: Track, rect: QRectF, color: QColor, label: str,
                changed: bool, clip: bool = False) -> None:
        """Show ``seg`` (a new version of the same segment keeps its block: an unchanged
        block keeps its cached pixels, so a redraw after an edit repaints only what changed)."""
        shown_volume = self.volume  # a volume drag may have changed the picture
        self.seg, self.track, self.color, self.label = seg, track, color, label
        self.changed, self.clip = changed, clip  # clip: a video clip (it has an in-point)
        self.volume = seg.volume if isinstance(seg, AudioSegment) else 0
        self.inpoint = getattr(seg, "inpoint", 0)
        # a block of an unknown track type is shown, never picked or dragged
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, track.known)
        self.setPos(0, 0)
        if rect != self.rect():
            self.setRect(rect)
        look = (seg.to_json(), color.name(), label, changed, clip)
        if look != self._look or shown_volume != self.volume:
            self._look = look
            tip = f"{label}\n{seconds(seg.start)}–{seconds(seg.end)} s"
            self.setToolTip(f"{tip}\n{lane_tooltip(track)}" if not track.known else tip)
            self.update()

    def set_changed(self, changed: bool) -> None:
        """Outline the block as just changed, or no longer."""
        if changed != self.changed:
            self.changed = changed
            self._look = (*self._look[:3], changed, *self._look[4:])
            self.update()

    @property
    def editable(self) -> bool:
        """False for a block of a track type this app does not know (kept, not edited)."""
        return self.track.known

    @property
    def is_sound(self) -> bool:
        return isinstance(self.seg, AudioSegment)

    def volume_y(self, volume: int | None = None) -> float:
        """Where the volume line is drawn (100% in the middle, 200% at the top)."""
        r = self.rect().adjusted(0, 4, 0, -4)
        level = min(VOLUME_MAX, max(0, self.volume if volume is None else volume))
        return r.bottom() - r.height() * level / VOLUME_MAX

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pal = theme.current_palette()
        r = self.rect().adjusted(0.5, 0.5, -0.5, -0.5)
        fill = QColor(self.color)
        if self.isSelected():
            fill = fill.lighter(125)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        shape = QPainterPath()
        shape.addRoundedRect(r, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(fill))
        painter.drawPath(shape)
        painter.save()
        painter.setClipPath(shape)
        self._paint_art(painter, r)
        painter.restore()
        if self.isSelected():  # the selection wins over the "changed" outline, or a
            painter.setPen(QPen(QColor(pal["text"]), 3))  # just-edited segment never looks picked
        elif self.changed:
            painter.setPen(QPen(QColor(pal["changed"]), 3))
        else:
            painter.setPen(QPen(fill.darker(130), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(r, 6, 6)
        if self.isSelected() and self.scene() is not None and any(
                view.hasFocus() for view in self.scene().views()):  # the keyboard is here
            painter.setPen(QPen(QColor(255, 255, 255, 235), 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(r.adjusted(3.5, 3.5, -3.5, -3.5), 4, 4)
        if self.isSelected() and r.width() > 3 * EDGE_PX:  # grips: the edges can be dragged
            painter.setPen(QPen(QColor(255, 255, 255, 200), 2))
            for x in (r.left() + 4, r.right() - 4):
                painter.drawLine(QPointF(x, r.center().y() - 6), QPointF(x, r.center().y() + 6))
        self._paint_label(painter, r)

    def _paint_art(self, painter: QPainter, r: QRectF) -> None:
        seg, art = self.seg, self.art
        if art is None:
            return
        if isinstance(seg, VideoSegment):
            tile = art.tile(seg.src, int(r.height())) if r.height() > 4 else None
            if tile is not None:
                x = r.left()
                while x < r.right():
                    painter.drawPixmap(QPointF(x, r.top()), tile)
                    x += max(1, tile.width())
                painter.fillRect(r, QColor(0, 0, 0, 70))
        elif isinstance(seg, AudioSegment):
            peaks = art.peaks(seg.src)
            columns = int(r.width() / 2)
            if peaks is not None and columns > 0:
                values = peaks.window(self.inpoint, seg.duration, columns)
                painter.setPen(QPen(QColor(255, 255, 255, 110), 1.2))
                mid, half = r.center().y(), r.height() / 2 - 3
                xs = r.left() + np.arange(columns) * 2 + 1
                hs = np.maximum(0.5, np.minimum(1.0, values * min(2.0, self.volume / 100)) * half)
                painter.drawLines([QLineF(x, mid - h, x, mid + h)
                                   for x, h in zip(xs.tolist(), hs.tolist(), strict=True)])
            y = self.volume_y()
            painter.setPen(QPen(QColor(255, 236, 140), 1.5))
            painter.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))

    @property
    def kind_icon(self) -> str:
        """The icon that stands for the block when its name does not fit."""
        if isinstance(self.seg, TextSegment):
            return "caption"
        if self.is_sound:
            return "audio"
        return "video" if self.clip else "image"

    def label_fits(self, width: float) -> bool:
        """Whether ``width`` pixels show enough of the name to read it (not "vi…")."""
        metrics = QFontMetrics(label_font())
        shown = metrics.elidedText(self.label, Qt.TextElideMode.ElideRight, int(max(0, width)))
        return len(shown.rstrip("…")) >= min(MIN_LABEL_CHARS, len(self.label))

    def _paint_label(self, painter: QPainter, r: QRectF) -> None:
        painter.setPen(QColor("#ffffff"))
        font = label_font()
        painter.setFont(font)
        text_rect = r.adjusted(7, 0, -5, 0)
        label = self.label
        align = Qt.AlignmentFlag.AlignVCenter
        if self.is_sound:  # above the volume line, which sits in the middle at 100 %
            label = f"{label} · {self.volume}%"
            align = Qt.AlignmentFlag.AlignTop
            text_rect = text_rect.adjusted(0, 2, 0, 0)
        if not self.label_fits(text_rect.width()):  # "vi…" says nothing: an icon does
            self._paint_icon(painter, r)          # (and the tooltip names it)
            return
        elided = QFontMetrics(font).elidedText(label, Qt.TextElideMode.ElideRight,
                                               int(max(0, text_rect.width())))
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft, elided)

    def _paint_icon(self, painter: QPainter, r: QRectF) -> None:
        size = int(min(ICON_PX, r.width() - 4, r.height() - 4))
        if size < 8 or not self.track.known:
            return
        top = r.top() + 3 if self.is_sound else r.center().y() - size / 2
        left = r.left() + 6 if r.width() >= size + 12 else r.center().x() - size / 2
        painter.drawImage(QRectF(left, top, size, size),
                          icons.picture(self.kind_icon, "#ffffff", size * 2))


class DragTip(QGraphicsRectItem):
    """The tooltip that follows a drag (start, end, length), drawn in the scene."""

    def __init__(self) -> None:
        super().__init__()
        self.text = QGraphicsSimpleTextItem(self)
        self.setZValue(30)
        self.hide()

    def show_at(self, pos: QPointF, text: str, bounds: QRectF) -> None:
        pal = theme.current_palette()
        self.text.setText(text)
        self.text.setBrush(QBrush(QColor(pal["text"])))
        box = self.text.boundingRect().adjusted(-6, -3, 6, 3)
        self.setRect(QRectF(0, 0, box.width(), box.height()))
        self.text.setPos(6, 3)
        self.setBrush(QBrush(QColor(pal["panel"])))
        self.setPen(QPen(QColor(pal["border"]), 1))
        x = min(max(bounds.left(), pos.x()), bounds.right() - box.width())
        y = pos.y() - box.height() - 6
        self.setPos(x, y if y > bounds.top() else pos.y() + 14)
        self.show()
