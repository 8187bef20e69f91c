"""Caption sheets: captions shown over the same time, close together, drawn as one picture.

Every ``overlay`` in ffmpeg's graph holds about one canvas frame of its own for the whole
render (measured at 1080x1920: 4.4 MB each, whatever the caption's size; docs/performance.md,
"Fourth round"), while the picture it lays on costs about 7 bytes a pixel (decoded, then
converted). So captions that show over exactly the same time and sit close together (lines
stacked at the top, a title over a subtitle) are drawn into one transparent sheet and laid on
with one overlay. Two captions far apart (top text and bottom text) stay two overlays: a sheet
spanning the frame between them would cost more than the overlay it saves.

The rule (:func:`group`), in paint order: a caption joins the latest group with the same times
when the sheet grows by less than :data:`SPARE` of the canvas beyond the two pictures, and no
caption painted in between touches it (it would otherwise move under that caption). Pixels
are the same as laying each caption on by itself: the sheet is painted in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from meme_desktop.engine.render.captions import Placed, SheetSpec, draw_missing

SPARE = 0.25  # of the canvas: a sheet may hold this much more empty room than it saves

Timed = tuple[Placed, float, float]
Rect = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Layer:
    """One picture laid on the video from ``start`` to ``end`` (seconds) at ``x``, ``y``."""

    path: Path
    x: int
    y: int
    start: float
    end: float


def _rect(p: Placed) -> Rect:
    return p.x, p.y, p.x + p.width, p.y + p.height


def _area(r: Rect) -> int:
    return max(0, r[2] - r[0]) * max(0, r[3] - r[1])


def _union(a: Rect, b: Rect) -> Rect:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _touch(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Group:
    """Captions laid on as one picture, in paint order, over the same times."""

    start: float
    end: float
    members: list[Placed] = field(default_factory=list)

    @property
    def box(self) -> Rect:
        box = _rect(self.members[0])
        for p in self.members[1:]:
            box = _union(box, _rect(p))
        return box

    def touches(self, r: Rect) -> bool:
        return any(_touch(_rect(p), r) for p in self.members)


def group(timed: list[Timed], width: int, height: int) -> list[Group]:
    """The captions (in paint order, with their times) gathered into groups (module doc)."""
    spare = SPARE * width * height
    groups: list[Group] = []
    for p, a, b in timed:
        r = _rect(p)
        home: Group | None = None
        for g in reversed(groups):
            if (g.start, g.end) == (a, b):
                box = g.box
                if _area(_union(box, r)) - _area(box) - _area(r) <= spare:
                    home = g
                    break
            if g.touches(r):  # it must stay above this one: no earlier group will do
                break
        if home is None:
            home = Group(a, b)
            groups.append(home)
        home.members.append(p)
    return groups


def layers(timed: list[Timed], width: int, height: int) -> list[Layer]:
    """What the graph lays on, in paint order: one caption's own PNG, or a drawn sheet."""
    plan: list[tuple[Group, SheetSpec | None, int, int]] = []
    for g in group(timed, width, height):
        if len(g.members) == 1:
            plan.append((g, None, g.members[0].x, g.members[0].y))
            continue
        left, top, right, bottom = g.box
        x, y = left // 2 * 2, top // 2 * 2  # yuv420: overlay snaps odd places down
        parts = tuple((str(p.path), p.x - x, p.y - y) for p in g.members)
        plan.append((g, SheetSpec(parts, right - x, bottom - y), x, y))
    draw_missing([sheet for _g, sheet, _x, _y in plan if sheet is not None])
    return [Layer(sheet.path() if sheet else g.members[0].path, x, y, g.start, g.end)
            for g, sheet, x, y in plan]
