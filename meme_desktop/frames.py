"""Decoded-frame helpers shared by the window and the engine's media helper (PyAV and numpy,
no Qt): a frame turned the way it is shown, and whether its pixels can be see-through.

Both sides make thumbnails from the same kinds of files (a phone clip stored sideways with a
display rotation, a sticker GIF or PNG-in-MOV with transparency), so both read them the same
way from here.
"""

from __future__ import annotations

import av
import numpy as np


def orient(pixels: np.ndarray, rotation: int | None, mirrored: bool = False) -> np.ndarray:
    """The picture as it is shown: ``rotation`` is the counter-clockwise display rotation
    (FFmpeg's display-matrix sense), ``mirrored`` a horizontal flip (EXIF orientations)."""
    turns = {90: 1, 180: 2, 270: 3}.get(int(rotation or 0) % 360, 0)
    if turns:
        pixels = np.rot90(pixels, k=turns)
    if mirrored:
        pixels = pixels[:, ::-1]
    return np.ascontiguousarray(pixels)


def may_have_alpha(frame: av.VideoFrame) -> bool:
    """Whether the frame's pixel format can carry transparency (an alpha plane or a palette):
    a PNG or WebP sticker, a GIF, a PNG-in-MOV or QuickTime Animation clip, ProRes 4444."""
    fmt = frame.format
    return fmt.has_palette or any(c.is_alpha for c in fmt.components)
