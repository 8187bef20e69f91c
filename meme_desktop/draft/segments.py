"""The parts of a draft: segments (picture/clip, sound, caption), tracks and the canvas.

Python attributes have readable names; the mapping to the wire's short keys lives in one table
per class (``_KEYS``). Objects pass through untouched (:mod:`meme_desktop.draft.wire`): keys the
model does not know are kept in ``extra`` and keys the wire did not have are not added. A track
of a type this app does not know holds plain :class:`Segment` objects. The whole draft is
:class:`meme_desktop.draft.model.Draft`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

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

    def copy(self) -> Self:
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

    @property
    def xy(self) -> tuple[float, float] | None:
        """The caption's free centre as fractions of the canvas (``xy``, dragged on the
        preview; it wins over ``pos`` for placement), or None."""
        xy = self.extra.get("xy")
        if isinstance(xy, list) and len(xy) == 2 and all(_number(v) for v in xy):
            return float(xy[0]), float(xy[1])
        return None


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
