"""Caption pictures and where they go, shared by the renderer and the window's preview.

One caption is drawn into a transparent, canvas-wide picture with QtGui (no widgets), and
:func:`meme_desktop.caption_geometry.caption_xy` says where its top-left corner goes on the canvas (from ``pos``, or from a
free ``xy`` centre dragged on the preview). The engine burns these pictures into the video
(:mod:`meme_desktop.engine.render.captions`); the preview paints the very same pictures over
the video frame while a person drags or retypes a caption, so what is previewed is what is
exported. The sizes and places, which need no Qt, are in :mod:`meme_desktop.caption_geometry`.

Needs a QGuiApplication to exist (see :mod:`meme_desktop.engine.render.captions`); painting
on a QImage works from worker threads once it does. Styles:

- ``classic``: upper case, Impact (or Anton), white fill, black outline drawn *outside* the
  letters (the outline is a stroke of the glyph outlines painted first, the fill on top);
- ``bar``: black text on a full-width white bar (the renderer moves the media out of its way);
- ``subtitle``: bold sans text on a rounded translucent dark box;
- ``plain``: bold sans text with a soft shadow.

The text is wrapped (word boundaries, or anywhere for CJK) to the width left by the safe
margins and shrunk until it fits the height the position allows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)

from meme_desktop.caption_geometry import BASE_SIZE, MAX_HEIGHT

FALLBACK = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Color Emoji"]
FACES = {
    "classic": ["Impact", "Anton"],
    "bar": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
    "subtitle": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
    "plain": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
}


def _font(style: str, px: int) -> QFont:
    font = QFont()
    font.setFamilies(FACES.get(style, FACES["plain"]) + FALLBACK)
    font.setPixelSize(max(6, px))
    if style != "classic":
        font.setWeight(QFont.Weight.Bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _layout(text: str, font: QFont, width: float) -> tuple[QTextLayout, float, float]:
    """Lay ``text`` out at ``width``; returns the layout, its height and its widest line."""
    layout = QTextLayout(text, font)
    option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    y, widest = 0.0, 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height() * (0.95 if font.families()[0] == "Impact" else 1.0)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return layout, y, widest


def _fit(text: str, style: str, px: int, width: float, max_h: float,
         ) -> tuple[QTextLayout, QFont, float]:
    """Shrink the font until the wrapped text fits ``width`` x ``max_h``."""
    while True:
        font = _font(style, px)
        layout, height, widest = _layout(text, font, width)
        words_fit = widest <= width + 0.5
        if (height <= max_h and words_fit) or px <= 8:
            return layout, font, height
        px = max(8, int(px * 0.9))


def _outline_path(layout: QTextLayout, origin: QPointF) -> QPainterPath:
    path = QPainterPath()
    for i in range(layout.lineCount()):
        for run in layout.lineAt(i).glyphRuns():
            raw = run.rawFont()
            if "emoji" in raw.familyName().lower():
                continue  # colour bitmaps have no outline (and asking breaks their drawing)
            for index, pos in zip(run.glyphIndexes(), run.positions(), strict=False):
                glyph = raw.pathForGlyph(index)
                glyph.translate(pos + origin)
                path.addPath(glyph)
    return path


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    # the stubs type the format as bytes, but PySide6 accepts only a str here (bytes raise)
    image.save(buf, "PNG")  # type: ignore[call-overload]
    buf.close()
    return bytes(data.data())


def draw_caption(text: str, style: str, pos: str, color: str, size: float,
                 canvas_w: int, canvas_h: int, margin: int) -> bytes:
    """PNG bytes: a canvas-wide transparent picture holding the caption."""
    return _png(caption_image(text, style, pos, color, size, canvas_w, canvas_h, margin))


def draw_sheet(parts: list[tuple[str, int, int]], width: int, height: int) -> bytes:
    """PNG bytes: a transparent ``width`` x ``height`` picture with each caption PNG of
    ``parts`` painted at its place over the ones before it (captions drawn as one overlay,
    :mod:`meme_desktop.engine.render.sheets`). Raises ``OSError`` for a picture that cannot
    be read."""
    sheet = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    sheet.fill(Qt.GlobalColor.transparent)
    painter = QPainter(sheet)
    try:
        for path, x, y in parts:
            part = QImage(path)
            if part.isNull():
                raise OSError(f"cannot read the caption picture {path}")
            painter.drawImage(x, y, part)
    finally:
        painter.end()
    return _png(sheet)


@dataclass(frozen=True)
class CaptionFit:
    """How a caption fits its canvas, as drawn: the font size the text was shrunk to (``px``,
    from ``base_px`` at its style and size), its lines, its height and widest line against the
    room it has (``room_w`` x ``room_h``). ``inside``: nothing leaves that room."""

    px: int
    base_px: int
    lines: int
    height: float
    widest: float
    room_w: float
    room_h: float

    @property
    def inside(self) -> bool:
        return self.height <= self.room_h + 0.5 and self.widest <= self.room_w + 0.5

    @property
    def scale(self) -> float:
        """How far the text had to shrink (1.0: not at all)."""
        return self.px / max(1, self.base_px)


def _prepare(text: str, style: str, pos: str, size: float, canvas_w: int, canvas_h: int,
             margin: int) -> tuple[str, int, int, float, float]:
    if style == "classic":
        text = text.upper()
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    text = text.replace("\n", "\u2028")      # QTextLayout breaks lines at U+2028, not at \n
    px = round(min(canvas_w, canvas_h) * BASE_SIZE.get(style, 0.068) * max(0.2, min(size, 4.0)))
    pad = round(px * 0.25) if style in ("bar", "subtitle") else round(px * 0.12)
    width = canvas_w - 2 * margin - 2 * pad
    max_h = canvas_h * MAX_HEIGHT.get(pos, 0.32) - 2 * pad
    return text, px, pad, width, max_h


def fit_caption(text: str, style: str, pos: str, size: float, canvas_w: int, canvas_h: int,
                margin: int) -> CaptionFit:
    """Lay a caption out exactly as :func:`caption_image` does, without painting it."""
    text, px, _pad, width, max_h = _prepare(text, style, pos, size, canvas_w, canvas_h, margin)
    layout, font, text_h = _fit(text, style, px, width, max_h)
    widest = max((layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount())),
                 default=0.0)
    return CaptionFit(font.pixelSize(), px, layout.lineCount(), text_h, widest, width, max_h)


def text_color(style: str, color: str) -> QColor:
    """The colour the letters are painted in: the caption's own (white when it is not a
    colour), except that a bar, which is white, makes a light colour black."""
    fill = QColor(color) if QColor(color).isValid() else QColor("#FFFFFF")
    if style == "bar" and fill.lightness() > 200:
        return QColor("#000000")
    return fill


def caption_image(text: str, style: str, pos: str, color: str, size: float,
                  canvas_w: int, canvas_h: int, margin: int) -> QImage:
    """The caption as a transparent picture as wide as the canvas (trimmed equally on both
    sides, except a bar)."""
    text, px, pad, width, max_h = _prepare(text, style, pos, size, canvas_w, canvas_h, margin)
    layout, font, text_h = _fit(text, style, px, width, max_h)
    px = font.pixelSize()
    stroke = max(2.0, px * 0.085) if style == "classic" else 0.0
    img_h = int(text_h + 2 * pad + 2 * stroke + 2) // 2 * 2
    image = QImage(canvas_w, img_h, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    origin = QPointF(margin + pad, pad + stroke)
    fill = text_color(style, color)
    if style == "bar":
        painter.fillRect(0, 0, canvas_w, img_h, QColor("#FFFFFF"))
    elif style == "subtitle":
        widest = max(layout.lineAt(i).naturalTextWidth() for i in range(layout.lineCount()))
        box = QRectF((canvas_w - widest) / 2 - pad, 0, widest + 2 * pad, img_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(0, 0, 0, 165)))
        painter.drawRoundedRect(box, pad * 0.8, pad * 0.8)
    elif style == "plain":
        painter.setPen(QColor(0, 0, 0, 150))
        shadow = max(1.0, px * 0.04)
        layout.draw(painter, origin + QPointF(shadow, shadow))
    if style == "classic":
        pen = QPen(QColor("#000000"), 2 * stroke)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_outline_path(layout, origin))
    painter.setPen(fill)
    layout.draw(painter, origin)
    painter.end()
    return image if style == "bar" else _trim_sides(image)


def _trim_sides(image: QImage) -> QImage:
    """Cut fully transparent columns equally from both sides (the text is centred), so the
    overlay blends fewer pixels per frame; the picture stays centred on the canvas."""
    width, height = image.width(), image.height()
    bits = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    alpha = bits[:, : width * 4].reshape(height, width, 4)[:, :, 3]
    used = np.nonzero(alpha.max(axis=0))[0]
    if used.size == 0:
        return image
    cut = min(int(used[0]), width - 1 - int(used[-1])) // 2 * 2
    cut = max(0, cut - 2)
    return image.copy(cut, 0, width - 2 * cut, height) if cut > 0 else image
