"""The timeline's gestures as plain arithmetic: snapping, moving, trimming, the volume handle,
and the typed operations (one list, one undo step) each gesture sends on release.

No Qt here: the track view turns mouse positions into milliseconds, asks :func:`drag_to` where
the grabbed segments would go (snapped to the playhead, to other segments' edges and to 0,
unless the person holds the "free" key), shows that, and on release sends :func:`drag_ops`.
The keyboard commands (split, duplicate, delete, nudge) build their operations here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from meme_desktop.draft import AudioSegment, Segment, TextSegment, VideoSegment
from meme_desktop.draft.ops import (
    DeleteSegment,
    DuplicateSegment,
    MoveSegment,
    Op,
    SetVolume,
    SplitSegment,
    TrimSegment,
)

MIN_MS = 100      # the shortest segment a trim leaves
SPLIT_MARGIN = 60  # the engine splits only inside a segment, not at its very edges
GrabKind = Literal["move", "left", "right", "volume"]


def kind_word(seg: Segment) -> str:
    return "caption" if isinstance(seg, TextSegment) else "sound" if isinstance(
        seg, AudioSegment) else "clip"


def what(segs: Sequence[Segment]) -> str:
    """``caption`` / ``3 segments``: the object of an undo label."""
    if len(segs) == 1:
        return kind_word(segs[0])
    kinds = {kind_word(s) for s in segs}
    return f"{len(segs)} {kinds.pop()}s" if len(kinds) == 1 else f"{len(segs)} segments"


@dataclass
class Grab:
    """What a press took hold of: ``segs`` move together; trims and the volume handle take
    one segment. ``source_ms`` is the clip's or sound's length (None: a still or unknown)."""

    kind: GrabKind
    segs: list[Segment]
    has_inpoint: bool = False
    source_ms: int | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.spans = {s.id: (s.start, s.end) for s in self.segs}

    @property
    def seg(self) -> Segment:
        return self.segs[0]

    @property
    def speed(self) -> float:
        seg = self.seg
        return seg.speed if isinstance(seg, VideoSegment) and seg.speed > 0 else 1.0


@dataclass(frozen=True)
class Landing:
    """Where a drag would put the grabbed segments now: the primary span, the shift of a
    move, a new volume, and the snapped time the guide line shows (None: not snapped)."""

    start: int
    end: int
    delta: int = 0
    volume: int = 0
    guide: int | None = None


def snap(value: int, candidates: Iterable[int], tolerance: int) -> int | None:
    """The candidate nearest ``value`` within ``tolerance`` ms, if any."""
    best: int | None = None
    for c in candidates:
        if abs(c - value) <= tolerance and (best is None or abs(c - value) < abs(best - value)):
            best = c
    return best


def snap_points(segments: Iterable[Segment], playhead: int, moving: set[str]) -> list[int]:
    """What a drag snaps to: 0, the playhead and the edges of every other segment."""
    points = {0, playhead}
    for s in segments:
        if s.id not in moving:
            points.update((s.start, s.end))
    return sorted(points)


def drag_to(grab: Grab, delta_ms: int, points: Sequence[int], tolerance: int,
            free: bool = False, volume: int = 0) -> Landing:
    """Where the grabbed segments land after the mouse moved ``delta_ms``."""
    start, end = grab.spans[grab.seg.id]
    if grab.kind == "volume":
        return Landing(start, end, volume=max(0, min(400, volume)))
    if grab.kind == "move":
        earliest = min(a for a, _b in grab.spans.values())
        delta = max(-earliest, delta_ms)
        guide = None
        if not free:
            best: tuple[int, int] | None = None  # (distance, shift)
            for a, b in grab.spans.values():
                for edge in (a, b):
                    hit = snap(edge + delta, points, tolerance)
                    if hit is not None and (best is None or abs(hit - edge - delta) < best[0]):
                        best = (abs(hit - edge - delta), hit - edge)
                        guide = hit
            if best is not None and earliest + best[1] >= 0:
                delta = best[1]
            else:
                guide = None
        return Landing(start + delta, end + delta, delta=delta, guide=guide)
    seg = grab.seg
    if grab.kind == "left":
        lowest = 0
        if grab.has_inpoint:  # the clip cannot start before its source does
            lowest = max(0, start - int(getattr(seg, "inpoint", 0) / grab.speed))
        new = min(end - MIN_MS, max(lowest, start + delta_ms))
        guide = None if free else snap(new, points, tolerance)
        if guide is not None and lowest <= guide <= end - MIN_MS:
            new = guide
        else:
            guide = None
        return Landing(new, end, guide=guide)
    highest = None
    if grab.has_inpoint and grab.source_ms is not None:  # nor end after its source does
        highest = start + int((grab.source_ms - getattr(seg, "inpoint", 0)) / grab.speed)
    new = max(start + MIN_MS, end + delta_ms)
    if highest is not None:
        new = min(new, max(start + MIN_MS, highest))
    guide = None if free else snap(new, points, tolerance)
    if guide is not None and guide >= start + MIN_MS and (highest is None or guide <= highest):
        new = guide
    else:
        guide = None
    return Landing(start, new, guide=guide)


def drag_ops(grab: Grab, landing: Landing) -> tuple[list[Op], str]:
    """The operations a finished drag sends (none when nothing changed)."""
    seg = grab.seg
    start, end = grab.spans[seg.id]
    if grab.kind == "volume":
        vol = getattr(seg, "volume", 100)
        return ([SetVolume(id=seg.id, vol=landing.volume)], f"set {kind_word(seg)} volume") \
            if landing.volume != vol else ([], "")
    if grab.kind == "move":
        if landing.delta == 0:
            return [], ""
        ops: list[Op] = [MoveSegment(id=s.id, st=grab.spans[s.id][0] + landing.delta)
                         for s in sorted(grab.segs, key=lambda s: s.start,
                                         reverse=landing.delta > 0)]
        return ops, f"move {what(grab.segs)}"
    if (landing.start, landing.end) == (start, end):
        return [], ""
    label = f"trim {kind_word(seg)}"
    if grab.kind == "right":
        return [TrimSegment(id=seg.id, d=landing.end - start)], label
    inpoint = None
    if grab.has_inpoint:
        moved = landing.start - start
        inpoint = max(0, int(getattr(seg, "inpoint", 0)) + round(moved * grab.speed))
    return [TrimSegment(id=seg.id, st=landing.start, d=end - landing.start,
                        inpoint=inpoint)], label


# -- keyboard and menu commands -------------------------------------------------------------
def split_ops(segs: Sequence[Segment], at: int) -> tuple[list[Op], str]:
    """Split every segment that ``at`` falls inside."""
    inside = [s for s in segs if s.start + SPLIT_MARGIN < at < s.end - SPLIT_MARGIN]
    return [SplitSegment(id=s.id, at=at) for s in inside], f"split {what(inside)}" \
        if inside else ""


def duplicate_ops(segs: Sequence[Segment]) -> tuple[list[Op], str]:
    return [DuplicateSegment(id=s.id) for s in segs], f"duplicate {what(segs)}" if segs else ""


def delete_ops(segs: Sequence[Segment]) -> tuple[list[Op], str]:
    return [DeleteSegment(id=s.id) for s in segs], f"delete {what(segs)}" if segs else ""


def nudge_ops(segs: Sequence[Segment], delta: int) -> tuple[list[Op], str]:
    """Move the segments ``delta`` ms (none moves before 0; the group keeps its shape)."""
    if not segs:
        return [], ""
    delta = max(-min(s.start for s in segs), delta)
    if delta == 0:
        return [], ""
    ordered = sorted(segs, key=lambda s: s.start, reverse=delta > 0)
    return [MoveSegment(id=s.id, st=s.start + delta) for s in ordered], f"move {what(segs)}"


def to_playhead_ops(segs: Sequence[Segment], at: int) -> tuple[list[Op], str]:
    if not segs:
        return [], ""
    first = min(s.start for s in segs)
    return nudge_ops(segs, max(0, at) - first)
