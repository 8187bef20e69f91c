"""A caption as the renderer draws it, checked against its canvas: the transparent picture
(:func:`engine.render.textdraw.draw_caption`) must fit the canvas and the room its place allows.
Used by tests and the caption benchmark to confirm what the scorer's layout measurement says."""

from __future__ import annotations

from PySide6.QtGui import QImage

from meme_desktop.engine.render.captions import margin
from meme_desktop.engine.render.textdraw import MAX_HEIGHT, draw_caption


def png_inside(text: str, style: str, pos: str, size: float, width: int, height: int) -> bool:
    """Draw the caption and check the picture against the canvas (needs a Qt application)."""
    data = draw_caption(text, style, pos, "#FFFFFF", size, width, height, margin(width, height))
    image = QImage.fromData(data, "PNG")
    room = height * MAX_HEIGHT.get(pos, 0.32) + 0.2 * height   # the text's room plus its pads
    return not image.isNull() and image.width() <= width and image.height() <= room


__all__ = ["png_inside"]
