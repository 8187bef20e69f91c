"""Does a caption fit the frame at render size? Measured with the renderer's own text layout.

``measure`` lays the caption out with :func:`meme_desktop.caption_art.fit_caption` (Qt's text
layout with the bundled fonts, exactly as the export draws it): in the engine's media helper
when the engine has one (the engine itself loads no Qt, :mod:`meme_desktop.engine.helper`),
else in this process whenever a Qt application exists (the test run has one). It never
creates one itself: with no application (a worker thread of a process that never drew text),
or a helper that failed, it falls back to a conservative estimate from character widths,
marked ``exact=False``. Results are cached.

A caption is *readable* when it stays inside its room on the canvas without being shrunk below
about two thirds of its style's size and without becoming a wall of text.
"""

from __future__ import annotations

import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from meme_desktop.caption_geometry import BASE_SIZE, MAX_HEIGHT, margin
from meme_desktop.engine import helper
from meme_desktop.engine.helper import HelperError
from meme_desktop.engine.render.captions import prepare_text_engine

MIN_SCALE = 0.62            # shrunk more than this: too small to read on a phone
MAX_LINES = {"top": 4, "bottom": 4, "center": 6}
_ready = threading.Event()


@dataclass(frozen=True)
class Measured:
    """How a caption lays out: how far it was shrunk, its lines, whether it stays inside."""

    scale: float
    lines: int
    inside: bool
    exact: bool             # measured with the renderer's layout (not estimated)

    def readable(self, pos: str) -> bool:
        return self.inside and self.scale >= MIN_SCALE and self.lines <= MAX_LINES.get(pos, 4)


def _qt_ready() -> bool:
    if _ready.is_set():
        return True
    if "PySide6.QtGui" not in sys.modules:  # no application can exist: do not load Qt here
        return False
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        return False
    if prepare_text_engine():      # an application exists: only loads the bundled fonts
        _ready.set()
    return _ready.is_set()


def _advance(ch: str, style: str) -> float:
    """A generous width of one character in ems (for the estimate without Qt)."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.02
    if ch == " ":
        return 0.3
    if style == "classic":
        return 0.58 if ch.isupper() or ch.isdigit() else 0.5
    return 0.72 if ch.isupper() or ch in "mwMW" else 0.62


@lru_cache(maxsize=4096)
def _estimated(text: str, style: str, pos: str, size: float, width: int, height: int) -> Measured:
    return estimate(text, style, pos, size, width, height)


def estimate(text: str, style: str, pos: str, size: float, width: int, height: int) -> Measured:
    """The estimate used when Qt cannot measure: greedy word wrap with generous widths."""
    if style == "classic":
        text = text.upper()
    px = min(width, height) * BASE_SIZE.get(style, 0.068) * max(0.2, min(size, 4.0))
    pad = px * (0.25 if style in ("bar", "subtitle") else 0.12)
    room_w = width - 2 * margin(width, height) - 2 * pad
    room_h = height * MAX_HEIGHT.get(pos, 0.32) - 2 * pad
    scale = 1.0
    while True:
        em = px * scale
        lines = 0
        widest = 0.0
        for para in text.split("\n"):
            line = 0.0
            lines += 1
            for word in para.split(" "):
                w = sum(_advance(c, style) for c in word) * em
                gap = _advance(" ", style) * em if line else 0.0
                if line and line + gap + w > room_w:
                    lines, line, gap = lines + 1, 0.0, 0.0
                line += gap + w
                while line > room_w:        # a long word (or CJK run) wraps anywhere
                    lines, line = lines + 1, line - room_w
                widest = max(widest, line)
        if lines * em * 1.2 <= room_h or scale < 0.1:
            return Measured(round(scale, 3), lines, lines * em * 1.2 <= room_h + 0.5, False)
        scale *= 0.9


@lru_cache(maxsize=8192)
def _laid_out(text: str, style: str, pos: str, size: float, width: int, height: int) -> Measured:
    from meme_desktop.caption_art import fit_caption  # QtGui

    fit = fit_caption(text, style, pos, size, width, height, margin(width, height))
    return Measured(round(fit.scale, 3), fit.lines, fit.inside, True)


@lru_cache(maxsize=8192)
def _by_helper(text: str, style: str, pos: str, size: float, width: int, height: int) -> Measured:
    return cast(Measured, helper.run("meme_desktop.engine.agent.maker.fit:measure_here",
                                     text, style, pos, size, width, height))


def measure_here(text: str, style: str, pos: str, size: float, width: int,
                 height: int) -> Measured:
    """:func:`measure` in this process (the media helper's side)."""
    if _qt_ready():
        return _laid_out(text, style, pos, size, width, height)
    return _estimated(text, style, pos, size, width, height)


def measure(text: str, style: str, pos: str, size: float, width: int, height: int) -> Measured:
    """How ``text`` lays out as a ``style`` caption at ``pos`` on a ``width`` x ``height``
    canvas (see the module docstring)."""
    running = helper.installed()
    if running is not None and running.paused:  # an export is encoding: do not load Qt now
        return _estimated(text, style, pos, size, width, height)
    if running is not None:
        try:
            return _by_helper(text, style, pos, size, width, height)
        except HelperError:
            return _estimated(text, style, pos, size, width, height)
    return measure_here(text, style, pos, size, width, height)


def png_inside(text: str, style: str, pos: str, size: float, width: int, height: int) -> bool:
    """Draw the caption as the export does and check the picture against the canvas and the
    room its place allows (tests and the benchmark confirm :func:`measure` with it; needs a Qt
    application)."""
    from PySide6.QtGui import QImage

    from meme_desktop.caption_art import draw_caption

    data = draw_caption(text, style, pos, "#FFFFFF", size, width, height, margin(width, height))
    image = QImage.fromData(data)
    room = height * MAX_HEIGHT.get(pos, 0.32) + 0.2 * height   # the text's room plus its pads
    return not image.isNull() and image.width() <= width and image.height() <= room


__all__ = ["MIN_SCALE", "Measured", "estimate", "measure", "png_inside"]
