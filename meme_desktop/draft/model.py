"""The draft: the timeline every part of the app shares, as typed objects with short JSON keys.

The wire format is DESIGN.md section 3. Python attributes have readable names; the mapping to
the short keys lives in one table per class (``_KEYS``). Keys the model does not know are kept
in ``extra`` and written back unchanged, so a draft from a newer backend survives a round trip.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from meme_desktop.draft.errors import DraftError

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


def _to_wire(obj: Any, keys: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for attr, key in keys.items():
        value = getattr(obj, attr)
        out[key] = list(value) if isinstance(value, tuple) else copy.deepcopy(value)
    out.update(copy.deepcopy(obj.extra))
    return out


def _from_wire(cls: type, raw: dict[str, Any], keys: dict[str, str], where: str) -> Any:
    """Build ``cls`` from a wire dict: known keys become attributes, the rest go to ``extra``."""
    if not isinstance(raw, dict):
        raise DraftError(where, "", f"expected an object, got {type(raw).__name__}")
    kwargs: dict[str, Any] = {}
    for attr, key in keys.items():
        if key in raw:
            kwargs[attr] = copy.deepcopy(raw[key])
    extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in keys.values()}
    try:
        return cls(**kwargs, extra=extra)
    except TypeError as exc:  # pragma: no cover - defensive; keys are fixed
        raise DraftError(where, "", str(exc)) from exc


@dataclass
class Segment:
    """Common fields of every segment: id, start and length on the timeline (ms)."""

    id: str = ""
    start: int = 0
    duration: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    _KEYS: ClassVar[dict[str, str]] = {"id": "id", "start": "st", "duration": "d"}

    @property
    def end(self) -> int:
        return self.start + self.duration

    def to_json(self) -> dict[str, Any]:
        return _to_wire(self, self._KEYS)

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
    """One lane of the timeline; all its segments share the track type ``tt``."""

    id: str = ""
    type: int = TT_VIDEO
    name: str = ""
    segments: list[Segment] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    _KEYS: ClassVar[dict[str, str]] = {"id": "id", "type": "tt", "name": "n"}

    def to_json(self) -> dict[str, Any]:
        out = _to_wire(self, self._KEYS)
        out["sg"] = [s.to_json() for s in self.segments]
        return out


@dataclass
class Meta:
    """Title and output canvas."""

    title: str = ""
    width: int = 1080
    height: int = 1920
    fps: int = 30
    bg: str = "#000000"
    extra: dict[str, Any] = field(default_factory=dict)

    _KEYS: ClassVar[dict[str, str]] = {
        "title": "title", "width": "width", "height": "height", "fps": "fps", "bg": "bg",
    }

    def to_json(self) -> dict[str, Any]:
        return _to_wire(self, self._KEYS)


@dataclass
class Draft:
    """The whole timeline. ``duration`` is derived: the latest segment end."""

    meta: Meta = field(default_factory=Meta)
    tracks: list[Track] = field(default_factory=list)
    version: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    # -- derived -------------------------------------------------------------------------
    @property
    def duration(self) -> int:
        return max((s.end for t in self.tracks for s in t.segments), default=0)

    @property
    def is_empty(self) -> bool:
        """True when no track has a segment: nothing to export yet."""
        return not any(t.segments for t in self.tracks)

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
        out: dict[str, Any] = {"v": self.version, "d": self.duration, "m": self.meta.to_json(),
                               "t": [t.to_json() for t in self.tracks]}
        out.update(copy.deepcopy(self.extra))
        return out

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: dict[str, Any] | str | bytes, validate: bool = True) -> Draft:
        """Parse the wire format; with ``validate`` (default) also check every value."""
        if isinstance(raw, (str, bytes)):
            try:
                raw = json.loads(raw)
            except ValueError as exc:
                raise DraftError("draft", "", f"not valid JSON ({exc.msg})") from exc
        if not isinstance(raw, dict):
            raise DraftError("draft", "", "expected a JSON object")
        extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in ("v", "d", "m", "t")}
        meta = _from_wire(Meta, raw.get("m", {}), Meta._KEYS, "m")
        tracks_raw = raw.get("t", [])
        if not isinstance(tracks_raw, list):
            raise DraftError("draft", "t", "expected a list of tracks")
        tracks: list[Track] = []
        for i, traw in enumerate(tracks_raw):
            where = f"track {i + 1}"
            track = _from_wire(Track, traw, Track._KEYS, where)
            if isinstance(traw, dict) and "id" in traw:
                where = f"track {traw['id']!r}"
            seg_cls = SEGMENT_CLASSES.get(track.type) if isinstance(track.type, int) else None
            if seg_cls is None:
                raise DraftError(where, "tt", f"unknown track type {track.type!r} (use 0, 1 or 7)")
            sg = track.extra.pop("sg", [])
            if not isinstance(sg, list):
                raise DraftError(where, "sg", "expected a list of segments")
            track.segments = [
                _from_wire(seg_cls, s, seg_cls._KEYS, f"{where}, segment {j + 1}")
                for j, s in enumerate(sg)
            ]
            tracks.append(track)
        version = raw.get("v", 1)
        draft = cls(meta=meta, tracks=tracks, version=version if isinstance(version, int) else 1,
                    extra=extra)
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
    return [f.name for f in fields(cls) if f.name != "extra"]
