"""The captions the preview paints itself, over the video frame, exactly as the export will.

Each caption's picture is drawn by :mod:`meme_desktop.caption_art` (the renderer's own code) at
the full canvas size, in a worker thread, and cached by everything that changes its pixels; its
place is :func:`meme_desktop.caption_geometry.caption_xy`, moved off the captions before it at the
same place and time as the renderer stacks them (:func:`stack_offset`). So the preview video is rendered without
those captions (:func:`video_draft`) and a retyped, moved or resized caption shows in the next
frame. Top and bottom ``bar`` captions that were not dragged stay in the video: they push the
media aside, which only the renderer does (:func:`baked`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage

from meme_desktop.caption_art import caption_image
from meme_desktop.caption_geometry import caption_xy, margin
from meme_desktop.draft import TT_TEXT, Draft, TextSegment

log = logging.getLogger(__name__)
BLANK = "\u200b"  # a caption with no pixels: keeps a render as long as the timeline
CACHE = 48
KEEP_PX = 960  # pictures are kept at most this long on the canvas's long side (the preview
               # shows them smaller): a few hundred KB each, not a canvas-wide 1080p picture



def baked(seg: TextSegment) -> bool:
    """A top/bottom bar not dragged: it moves the media, so it stays in the rendered video."""
    return seg.style == "bar" and seg.pos != "center" and seg.xy is None


def video_json(draft: Draft) -> dict[str, Any]:
    """What the preview video is rendered from, as JSON: the draft without the captions the
    preview paints; a blank caption keeps it as long as the timeline. (Built from the draft's
    JSON, without copying the draft: it runs at every change.)"""
    raw = draft.to_json()
    kept = [s for s in draft.segments(TT_TEXT) if isinstance(s, TextSegment) and baked(s)]
    keep = {s.id for s in kept}
    end = max((s.end for t in draft.tracks if t.type != TT_TEXT for s in t.segments
               if s.placed), default=0)
    end = max([end, *(s.end for s in kept)])
    for track in raw["t"]:
        if track.get("tt") == TT_TEXT and isinstance(track.get("sg"), list):
            track["sg"] = [s for s in track["sg"] if isinstance(s, dict) and s.get("id") in keep]
            if draft.duration > end:
                track["sg"].append({"id": "blank-length", "txt": BLANK, "st": 0,
                                    "d": draft.duration, "pos": "center", "sty": "plain",
                                    "col": "#FFFFFF", "sz": 1.0})
                end = draft.duration
    raw["d"] = end
    return raw


def video_draft(draft: Draft) -> Draft:
    """:func:`video_json` as a draft (what ``Assistant.preview`` renders)."""
    return Draft.from_json(video_json(draft), validate=False)


@dataclass(frozen=True)
class Look:
    """Everything that decides a caption's pixels (not its place)."""

    text: str
    style: str
    pos: str
    color: str
    size: float
    width: int
    height: int

    @staticmethod
    def of(seg: TextSegment, width: int, height: int, size: float | None = None) -> Look:
        return Look(seg.text, seg.style, seg.pos, seg.color,
                    float(seg.size if size is None else size), width, height)


@dataclass(frozen=True)
class Picture:
    """A caption's picture: drawn at the canvas's size (so it wraps and fits exactly as the
    export), kept scaled down; ``width`` x ``height`` is its size on the canvas."""

    image: QImage
    width: int
    height: int


def draw(look: Look) -> Picture:
    """The caption's picture (worker thread: QImage painting, no widgets)."""
    full = caption_image(look.text, look.style, look.pos, look.color, look.size, look.width,
                         look.height, margin(look.width, look.height))
    scale = min(1.0, KEEP_PX / max(look.width, look.height))
    kept = full if scale >= 1.0 else full.scaled(
        max(1, round(full.width() * scale)), max(1, round(full.height() * scale)),
        Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return Picture(kept, full.width(), full.height())


def place(seg: TextSegment, width: int, height: int, image_w: float, image_h: float,
          xy: tuple[float, float] | None = None) -> QRectF:
    """Where a caption picture of ``image_w`` x ``image_h`` goes on the canvas."""
    x, y = caption_xy(seg.style, seg.pos, xy if xy is not None else seg.xy, width,
                      height, round(image_w), round(image_h))
    return QRectF(x, y, image_w, image_h)


def stack_offset(seg: TextSegment, captions: Sequence[TextSegment],
                 height_of: Callable[[TextSegment], float]) -> float:
    """How far the renderer moves ``seg`` off the captions before it at the same place whose
    times overlap (``engine/render/job.py: stack``), so the preview shows the export: down at
    the top and in the middle, up at the bottom; 0 for a caption put somewhere by hand."""
    if seg.xy is not None:
        return 0.0
    shift = 0.0
    for other in captions:
        if other.id == seg.id:
            break
        if (other.xy is None and other.pos == seg.pos and other.duration > 0
                and other.text.strip() and other.start < seg.end and seg.start < other.end):
            shift += height_of(other)
    return -shift if seg.pos == "bottom" else shift


class CaptionImages(QObject):
    """Caption pictures by :class:`Look`, drawn off the UI thread; ``ready`` when one lands.
    At most :data:`CACHE` are kept (the least recently shown go first)."""

    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images: OrderedDict[Look, Picture] = OrderedDict()
        self._pending: set[Look] = set()
        self._last: dict[str, Picture] = {}  # by segment id: shown while a new look is drawn
        self.drawn = 0

    def get(self, look: Look) -> Picture | None:
        image = self._images.get(look)
        if image is not None:
            self._images.move_to_end(look)
        return image

    def image_for(self, seg: TextSegment, width: int, height: int) -> Picture | None:
        """The caption's picture now; while a changed one is being drawn, the last one."""
        look = Look.of(seg, width, height)
        image = self.get(look)
        if image is not None:
            self._last[seg.id] = image
            return image
        self.request(look)
        return self._last.get(seg.id)

    def request(self, look: Look) -> None:
        if look in self._images or look in self._pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (a bare widget in a script): draw here
            self._store(look, draw(look))
            return
        self._pending.add(look)
        loop.create_task(self._draw(look))

    async def _draw(self, look: Look) -> None:
        try:
            image = await asyncio.to_thread(draw, look)
        except Exception:  # noqa: BLE001 - a caption that cannot be drawn is not shown
            log.warning("caption could not be drawn", exc_info=True)
            return
        finally:
            self._pending.discard(look)
        self._store(look, image)
        self.ready.emit()

    def _store(self, look: Look, image: Picture) -> None:
        self._images[look] = image
        self.drawn += 1
        while len(self._images) > CACHE:
            self._images.popitem(last=False)

    def keep_only(self, ids: set[str]) -> None:
        """Forget the last pictures of captions that are gone."""
        for gone in set(self._last) - ids:
            del self._last[gone]

    @property
    def pending(self) -> bool:
        return bool(self._pending)
