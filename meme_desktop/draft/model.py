"""The draft: the timeline every part of the app shares, as typed objects with short JSON keys.

The wire format is DESIGN.md section 3. Python attributes have readable names; the mapping to
the short keys lives in one table per class (``_KEYS``). A draft passes through untouched
(:mod:`meme_desktop.draft.wire`): keys the model does not know are kept in ``extra``, keys the
wire did not have are not added, and a track of a type this app does not know (anything but
0, 1 and 7) is kept with its segments as plain :class:`Segment` objects, shown and written back
as they came. Reading never refuses such a draft; :func:`meme_desktop.draft.validate` does,
naming the track and the key, where a draft must be rendered or edited.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from meme_desktop.draft.errors import DraftError
from meme_desktop.draft.wire import emits, read_object, write_object

TT_VIDEO = 0
TT_AUDIO = 1
TT_TEXT = 7
TRACK_TYPES = (TT_VIDEO, TT_AUDIO, TT_TEXT)

FITS = ("cover", "contain", "blur")
POSITIONS = ("top", "center", "bottom")
STYLES = ("classic", "bar", "subtitle", "plain")
EFFECTS = ("deepfry", "grayscale", "sepia", "shake")

SFX_NAMES = (
    "vine_boom", "airhorn", "record_scratch", "sad_trombone", "rimshot",
    "drumroll", "crickets", "ding", "whoosh", "boing",
)
MUSIC_NAMES = ("lofi", "phonk", "chiptune", "epic", "suspense")


def _wire_field() -> Any:
    """The keys an object had on the wire (None: made in code); see :mod:`.wire`."""
    return field(default=None, repr=False, compare=False, kw_only=True)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass
class Segment:
    """Common fields of every segment: id, start and length on the timeline (ms)."""

    id: str = ""
    start: int = 0
    duration: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    wire_keys: frozenset[str] | None = _wire_field()

    _KEYS: ClassVar[dict[str, str]] = {"id": "id", "start": "st", "duration": "d"}

    @property
    def end(self) -> int:
        return self.start + self.duration

    @property
    def placed(self) -> bool:
        """True when start and length are numbers (a draft read without validation may hold
        anything): only placed segments can be drawn or counted in the total length."""
        return _number(self.start) and _number(self.duration)

    def to_json(self) -> dict[str, Any]:
        return write_object(self, self._KEYS)

    def copy(self) -> Segment:
        return copy.deepcopy(self)


@dataclass
class VideoSegment(Segment):
    """An image or clip (track type 0)."""

    src: str = ""
    inpoint: int = 0
    speed: float = 1.0
    reverse: bool = False
    fit: str = "cover"
    volume: int = 100
    effects: list[str] = field(default_factory=list)
    zoom: list[float] = field(default_factory=lambda: [1.0, 1.0])

    _KEYS: ClassVar[dict[str, str]] = {
        **Segment._KEYS, "src": "src", "inpoint": "in", "speed": "sp", "reverse": "rev",
        "fit": "fit", "volume": "vol", "effects": "fx", "zoom": "zm",
    }


@dataclass
class AudioSegment(Segment):
    """Music, a sound effect or an uploaded sound (track type 1)."""

    src: str = ""
    inpoint: int = 0
    volume: int = 100
    fade_in: int = 0
    fade_out: int = 0

    _KEYS: ClassVar[dict[str, str]] = {
        **Segment._KEYS, "src": "src", "inpoint": "in", "volume": "vol",
        "fade_in": "fi", "fade_out": "fo",
    }

    @property
    def builtin(self) -> tuple[str, str] | None:
        """``("sfx", "vine_boom")`` / ``("music", "lofi")`` for the built-in library, else None."""
        kind, sep, name = self.src.partition(":")
        if sep and kind in ("sfx", "music"):
            return kind, name
        return None


@dataclass
class TextSegment(Segment):
    """A caption (track type 7)."""

    text: str = ""
    pos: str = "top"
    style: str = "classic"
    color: str = "#FFFFFF"
    size: float = 1.0

    _KEYS: ClassVar[dict[str, str]] = {
        **Segment._KEYS, "text": "txt", "pos": "pos", "style": "sty", "color": "col", "size": "sz",
    }


SEGMENT_CLASSES: dict[int, type[Segment]] = {
    TT_VIDEO: VideoSegment, TT_AUDIO: AudioSegment, TT_TEXT: TextSegment,
}
DEFAULT_TRACK_NAMES = {TT_VIDEO: "Video", TT_AUDIO: "Sound", TT_TEXT: "Captions"}


@dataclass
class Track:
    """One lane of the timeline; all its segments share the track type ``tt``.

    A track of an unknown type holds plain :class:`Segment` objects (id, start, length and
    everything else in ``extra``). A segment list that is not a list of objects stays in
    ``extra["sg"]`` exactly as it came (``segments`` then holds the readable ones, for display).
    """

    id: str = ""
    type: int = TT_VIDEO
    name: str = ""
    segments: list[Segment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    wire_keys: frozenset[str] | None = _wire_field()

    _KEYS: ClassVar[dict[str, str]] = {"id": "id", "type": "tt", "name": "n"}

    @property
    def known(self) -> bool:
        """True for the track types this app reads, edits and renders (0, 1, 7)."""
        return isinstance(self.type, int) and self.type in SEGMENT_CLASSES

    def to_json(self) -> dict[str, Any]:
        out = write_object(self, self._KEYS)
        if "sg" not in self.extra and emits(self.wire_keys, "sg", self.segments, []):
            out["sg"] = [s.to_json() for s in self.segments]
        return out

    @classmethod
    def from_json(cls, raw: Any, where: str) -> Track:
        track: Track = read_object(cls, raw, cls._KEYS, where)
        if "id" in raw:
            where = f"track {raw['id']!r}"
        seg_cls = SEGMENT_CLASSES.get(track.type, Segment) \
            if isinstance(track.type, int) else Segment
        sg = track.extra.get("sg", [])
        if not isinstance(sg, list):
            return track  # kept in extra as it came; validation refuses it
        track.segments = [read_object(seg_cls, s, seg_cls._KEYS, f"{where}, segment {j + 1}")
                          for j, s in enumerate(sg) if isinstance(s, dict)]
        if len(track.segments) == len(sg):
            del track.extra["sg"]
        return track


@dataclass
class Meta:
    """Title and output canvas."""

    title: str = ""
    width: int = 1080
    height: int = 1920
    fps: int = 30
    bg: str = "#000000"
    extra: dict[str, Any] = field(default_factory=dict)
    wire_keys: frozenset[str] | None = _wire_field()

    _KEYS: ClassVar[dict[str, str]] = {
        "title": "title", "width": "width", "height": "height", "fps": "fps", "bg": "bg",
    }

    def to_json(self) -> dict[str, Any]:
        return write_object(self, self._KEYS)


@dataclass
class Draft:
    """The whole timeline. ``duration`` is derived: the latest segment end."""

    meta: Meta = field(default_factory=Meta)
    tracks: list[Track] = field(default_factory=list)
    version: int = 1
    extra: dict[str, Any] = field(default_factory=dict)
    wire_keys: frozenset[str] | None = _wire_field()
    # the wire's "d" and the length computed when it was read: "d" is written back as it came
    # while the length is unchanged (a backend may count it its own way), else recomputed;
    # a draft that came without one gets one
    wire_total: tuple[Any, int] | None = _wire_field()

    # -- derived -------------------------------------------------------------------------
    @property
    def duration(self) -> int:
        return max((s.end for t in self.tracks for s in t.segments if s.placed), default=0)

    @property
    def is_empty(self) -> bool:
        """True when no track has a segment: nothing to export yet."""
        return not any(t.segments for t in self.tracks)

    @property
    def unknown_tracks(self) -> list[Track]:
        """Tracks of a type this app does not know: shown and passed on, never edited."""
        return [t for t in self.tracks if not t.known]

    def segments(self, track_type: int | None = None) -> list[Segment]:
        return [s for t in self.tracks if track_type in (None, t.type) for s in t.segments]

    def find_segment(self, seg_id: str) -> tuple[Track, Segment] | None:
        for t in self.tracks:
            for s in t.segments:
                if s.id == seg_id:
                    return t, s
        return None

    def track_for(self, track_type: int, create: bool = True) -> Track | None:
        """The first track of ``track_type``; a new one (appended, painted on top) if none."""
        for t in self.tracks:
            if t.type == track_type:
                return t
        if not create:
            return None
        track = Track(id=self.new_id(_TRACK_PREFIX[track_type]), type=track_type,
                      name=DEFAULT_TRACK_NAMES[track_type])
        self.tracks.append(track)
        self.tracks.sort(key=lambda t: TRACK_TYPES.index(t.type) if t.type in TRACK_TYPES else 9)
        return track

    def new_id(self, prefix: str = "s") -> str:
        """An id not used by any track or segment yet (``s1``, ``s2``, ... / ``v1``, ...)."""
        used = {t.id for t in self.tracks} | {s.id for t in self.tracks for s in t.segments}
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def copy(self) -> Draft:
        return copy.deepcopy(self)

    # -- wire format ---------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        wire = self.wire_keys
        out: dict[str, Any] = {}
        if emits(wire, "v", self.version, 1):
            out["v"] = self.version
        total = self.duration
        kept = self.wire_total is not None and "d" in (wire or ()) and self.wire_total[1] == total
        out["d"] = copy.deepcopy(self.wire_total[0]) if kept and self.wire_total else total
        meta = self.meta.to_json()
        if emits(wire, "m", meta, {}):
            out["m"] = meta
        tracks = [t.to_json() for t in self.tracks]
        if emits(wire, "t", tracks, []):
            out["t"] = tracks
        out.update(copy.deepcopy(self.extra))  # a malformed "v", "m" or "t" goes back as it came
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: dict[str, Any] | str | bytes, validate: bool = True) -> Draft:
        """Parse the wire format; with ``validate`` (default) also check every value.

        Without validation nothing is refused but a draft that is not a JSON object: whatever
        the model cannot read is kept and written back as it came (module docstring).
        """
        if isinstance(raw, (str, bytes)):
            try:
                raw = json.loads(raw)
            except ValueError as exc:
                raise DraftError("draft", "", f"not valid JSON ({exc.msg})") from exc
        if not isinstance(raw, dict):
            raise DraftError("draft", "", "expected a JSON object")
        extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in ("v", "d", "m", "t")}
        raw_meta = raw.get("m", {})
        if not isinstance(raw_meta, dict):
            extra["m"], raw_meta = copy.deepcopy(raw_meta), {}
        meta: Meta = read_object(Meta, raw_meta, Meta._KEYS, "m")
        tracks_raw = raw.get("t", [])
        if not isinstance(tracks_raw, list):
            extra["t"], tracks_raw = copy.deepcopy(tracks_raw), []
        tracks = [Track.from_json(traw, f"track {i + 1}")
                  for i, traw in enumerate(tracks_raw) if isinstance(traw, dict)]
        if len(tracks) != len(tracks_raw):
            extra["t"] = copy.deepcopy(tracks_raw)
        version = raw.get("v", 1)
        if not isinstance(version, int) or isinstance(version, bool):
            extra["v"], version = copy.deepcopy(version), 1
        draft = cls(meta=meta, tracks=tracks, version=version, extra=extra)
        draft.wire_keys = frozenset(raw)
        draft.wire_total = (copy.deepcopy(raw.get("d")), draft.duration)
        if validate:
            from meme_desktop.draft.validate import validate as _validate

            _validate(draft)
        return draft

    @classmethod
    def loads(cls, text: str | bytes, validate: bool = True) -> Draft:
        return cls.from_json(text, validate=validate)

    @classmethod
    def empty(cls, width: int = 1080, height: int = 1920, fps: int = 30, title: str = "") -> Draft:
        return cls(meta=Meta(title=title, width=width, height=height, fps=fps))


_TRACK_PREFIX = {TT_VIDEO: "v", TT_AUDIO: "a", TT_TEXT: "x"}


def segment_fields(cls: type[Segment]) -> list[str]:
    """Attribute names of a segment class (for tools that walk segments generically)."""
    return [f.name for f in fields(cls) if f.name not in ("extra", "wire_keys")]
