"""Checks every value of a draft; each error names the track, the segment and the short key.

Reading a draft never refuses what it does not understand (:mod:`meme_desktop.draft.model`);
this is where a draft that must be rendered or edited is refused: a track type other than
0, 1 and 7, or a part that is not what the format says (a track or segment that is not an
object, a segment list that is not a list).

Besides the values, a draft has size limits (docs/draft.md): at most :data:`MAX_TRACKS` tracks
and :data:`MAX_SEGMENTS` segments, of which at most :data:`MAX_VISUALS` pictures and clips,
:data:`MAX_SOUNDS` sounds and :data:`MAX_CAPTIONS` captions (each becomes a layer of the one
ffmpeg pass, and each layer costs the renderer memory), captions of at most :data:`MAX_TEXT`
characters and a timeline of at most one hour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from meme_desktop.draft.errors import DraftError
from meme_desktop.draft.segments import (
    FITS,
    POSITIONS,
    STYLES,
    AudioSegment,
    Meta,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
)


class Draft(Protocol):
    """What validation reads of a draft (:class:`meme_desktop.draft.model.Draft`)."""

    meta: Meta
    tracks: list[Track]
    extra: dict[str, Any]

    def segments(self, track_type: int | None = None) -> Sequence[Segment]:
        ...


D = TypeVar("D", bound=Draft)
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
MAX_SIDE = 4096
MAX_DURATION_MS = 60 * 60 * 1000
MAX_TEXT = 500          # characters of one caption
MAX_TRACKS = 32
MAX_SEGMENTS = 200      # all tracks together, and of those at most:
MAX_VISUALS = 50        # pictures and clips
MAX_SOUNDS = 100
MAX_CAPTIONS = 100


def is_color(value: Any) -> bool:
    return isinstance(value, str) and bool(_HEX.match(value))


def _num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_meta(draft: Draft) -> None:
    m = draft.meta
    for key, value in (("width", m.width), ("height", m.height)):
        if not _int(value) or not 16 <= value <= MAX_SIDE:
            raise DraftError("m", key, f"must be a whole number of pixels from 16 to {MAX_SIDE}")
        if value % 2:
            raise DraftError("m", key, "must be even (H.264 needs even sizes)")
    if not _num(m.fps) or not 1 <= m.fps <= 120:
        raise DraftError("m", "fps", "must be a number from 1 to 120")
    if not is_color(m.bg):
        raise DraftError("m", "bg", "must be a colour like #000000")
    if "bg2" in m.extra and not is_color(m.extra["bg2"]):
        raise DraftError("m", "bg2", "must be a colour like #000000 (the gradient's bottom)")
    if not isinstance(m.title, str):
        raise DraftError("m", "title", "must be text")


def _check_common(seg: Segment, where: str) -> None:
    if not isinstance(seg.id, str) or not seg.id:
        raise DraftError(where, "id", "every segment needs a non-empty id")
    if not _int(seg.start) or seg.start < 0:
        raise DraftError(where, "st", "must be a whole number of milliseconds, 0 or more")
    if not _int(seg.duration) or seg.duration <= 0:
        raise DraftError(where, "d", "must be a whole number of milliseconds above 0")
    if seg.end > MAX_DURATION_MS:
        raise DraftError(where, "d", "the timeline may be at most one hour long")


def _check_src(seg: VideoSegment | AudioSegment, where: str) -> None:
    if not isinstance(seg.src, str) or not seg.src:
        raise DraftError(where, "src", "must name an asset")
    if not _int(seg.inpoint) or seg.inpoint < 0:
        raise DraftError(where, "in", "must be a whole number of milliseconds, 0 or more")
    if not _num(seg.volume) or not 0 <= seg.volume <= 400:
        raise DraftError(where, "vol", "must be a percentage from 0 to 400")


def _check_video(seg: VideoSegment, where: str) -> None:
    _check_src(seg, where)
    if seg.src.startswith(("sfx:", "music:")):
        raise DraftError(where, "src", "a built-in sound cannot be on a video track")
    if not _num(seg.speed) or not 0.1 <= seg.speed <= 10:
        raise DraftError(where, "sp", "must be a speed from 0.1 to 10")
    if not isinstance(seg.reverse, bool):
        raise DraftError(where, "rev", "must be true or false")
    if seg.fit not in FITS:
        raise DraftError(where, "fit", f"must be one of {', '.join(FITS)}")
    if not isinstance(seg.effects, list) or not all(isinstance(e, str) for e in seg.effects):
        raise DraftError(where, "fx", "must be a list of effect names")
    if (not isinstance(seg.zoom, list) or len(seg.zoom) != 2
            or not all(_num(z) and 0.1 <= z <= 10 for z in seg.zoom)):
        raise DraftError(where, "zm", "must be [from, to] zoom factors between 0.1 and 10")


def _check_audio(seg: AudioSegment, where: str) -> None:
    _check_src(seg, where)
    for key, value in (("fi", seg.fade_in), ("fo", seg.fade_out)):
        if not _int(value) or value < 0:
            raise DraftError(where, key, "must be a whole number of milliseconds, 0 or more")
    if seg.fade_in + seg.fade_out > seg.duration:
        raise DraftError(where, "fo", "fades are longer than the sound")


def _check_text(seg: TextSegment, where: str) -> None:
    if not isinstance(seg.text, str) or not seg.text.strip():
        raise DraftError(where, "txt", "a caption needs some text")
    if len(seg.text) > MAX_TEXT:
        raise DraftError(where, "txt", f"a caption may be at most {MAX_TEXT} characters")
    if seg.pos not in POSITIONS:
        raise DraftError(where, "pos", f"must be one of {', '.join(POSITIONS)}")
    if seg.style not in STYLES:
        raise DraftError(where, "sty", f"must be one of {', '.join(STYLES)}")
    if not is_color(seg.color):
        raise DraftError(where, "col", "must be a colour like #FFFFFF")
    if not _num(seg.size) or not 0.2 <= seg.size <= 5:
        raise DraftError(where, "sz", "must be a relative size from 0.2 to 5")
    xy = seg.extra.get("xy")
    if xy is not None and (not isinstance(xy, list) or len(xy) != 2
                           or not all(_num(v) and 0 <= v <= 1 for v in xy)):
        raise DraftError(where, "xy", "must be [x, y], the caption's centre as fractions of "
                                      "the canvas (numbers from 0 to 1)")


def _check_parts(draft: Draft) -> None:
    """The parts the model kept as they came because it could not read them."""
    if "m" in draft.extra:
        raise DraftError("m", "", f"expected an object, got {type(draft.extra['m']).__name__}")
    if "t" in draft.extra:
        raw = draft.extra["t"]
        if not isinstance(raw, list):
            raise DraftError("draft", "t", "expected a list of tracks")
        bad = next(i for i, t in enumerate(raw) if not isinstance(t, dict))
        raise DraftError(f"track {bad + 1}", "", "expected an object")


def _check_track(track: Track, tname: str) -> None:
    if not isinstance(track.id, str) or not track.id:
        raise DraftError(tname, "id", "every track needs a non-empty id")
    if not track.known:
        raise DraftError(tname, "tt", f"track type {track.type!r} cannot be edited or "
                         "rendered here (known types: 0 video, 1 audio, 7 text)")
    if "sg" in track.extra:
        raw = track.extra["sg"]
        if not isinstance(raw, list):
            raise DraftError(tname, "sg", "expected a list of segments")
        bad = next(j for j, sg in enumerate(raw) if not isinstance(sg, dict))
        raise DraftError(f"{tname}, segment {bad + 1}", "", "expected an object")


def _check_size(draft: Draft) -> None:
    """The limits on how much a draft may hold, checked before any segment is looked at."""
    if len(draft.tracks) > MAX_TRACKS:
        raise DraftError("the draft", "t", f"a draft may have at most {MAX_TRACKS} tracks "
                                           f"(this one has {len(draft.tracks)})")
    segments = draft.segments()
    if len(segments) > MAX_SEGMENTS:
        raise DraftError("the draft", "sg", f"a draft may hold at most {MAX_SEGMENTS} "
                                            f"segments (this one has {len(segments)})")
    for kind, name, limit in ((VideoSegment, "pictures and clips", MAX_VISUALS),
                              (AudioSegment, "sounds", MAX_SOUNDS),
                              (TextSegment, "captions", MAX_CAPTIONS)):
        count = sum(1 for seg in segments if isinstance(seg, kind))
        if count > limit:
            raise DraftError("the draft", "sg", f"a draft may hold at most {limit} {name} "
                                                f"(this one has {count})")


def validate(draft: D) -> D:
    """Raise :class:`DraftError` at the first bad value; return the draft when all is well."""
    _check_parts(draft)
    _check_meta(draft)
    _check_size(draft)
    seen: set[str] = set()
    for i, track in enumerate(draft.tracks):
        tname = f"track {track.id!r}" if isinstance(track.id, str) and track.id \
            else f"track {i + 1}"
        _check_track(track, tname)
        for j, seg in enumerate(track.segments):
            where = f"{tname}, segment {seg.id!r}" if seg.id else f"{tname}, segment {j + 1}"
            _check_common(seg, where)
            if seg.id in seen:
                raise DraftError(where, "id", "the same id is used twice")
            seen.add(seg.id)
            if isinstance(seg, VideoSegment):
                _check_video(seg, where)
            elif isinstance(seg, AudioSegment):
                _check_audio(seg, where)
            elif isinstance(seg, TextSegment):
                _check_text(seg, where)
    return draft
