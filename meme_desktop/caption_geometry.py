"""Where captions go and how big they start, without Qt: shared by the caption pictures
(:mod:`meme_desktop.caption_art`), the preview, and the engine's reader (a nudge moves a
caption from where it is drawn), which must not load Qt (:mod:`meme_desktop.engine.helper`).
Imports nothing of the project.
"""

from __future__ import annotations

BASE_SIZE = {"classic": 0.095, "bar": 0.075, "subtitle": 0.055, "plain": 0.068}  # x short side
MAX_HEIGHT = {"top": 0.32, "bottom": 0.32, "center": 0.5}  # x canvas height


def margin(canvas_w: int, canvas_h: int) -> int:
    """The safe margin kept free around captions (about 4% of the short side)."""
    return max(4, round(min(canvas_w, canvas_h) * 0.045))


def caption_xy(style: str, pos: str, xy: tuple[float, float] | None, canvas_w: int,
               canvas_h: int, width: int, height: int) -> tuple[int, int]:
    """The top-left corner of a ``width`` x ``height`` caption picture on the canvas.

    With ``xy`` (the caption's centre as fractions of the canvas) the picture is centred
    there, even partly off the canvas; otherwise it is centred horizontally (pictures are
    trimmed equally on both sides) and ``pos`` and the safe margins give y."""
    if xy is not None:
        return (round(xy[0] * canvas_w - width / 2), round(xy[1] * canvas_h - height / 2))
    m = 0 if style == "bar" else margin(canvas_w, canvas_h)
    if style == "subtitle" and pos == "bottom":
        m = round(canvas_h * 0.08)
    if pos == "top":
        y = m
    elif pos == "bottom":
        y = canvas_h - height - m
    else:
        y = (canvas_h - height) // 2
    return max(0, (canvas_w - width) // 2), max(0, y)


__all__ = ["BASE_SIZE", "MAX_HEIGHT", "caption_xy", "margin"]
