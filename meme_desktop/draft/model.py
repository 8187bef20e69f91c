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
from typing import Any, Literal, overload

from meme_desktop.draft.errors import DraftError
from meme_desktop.draft.segments import (
    DEFAULT_TRACK_NAMES,
    EFFECTS,
    FITS,
    MUSIC_NAMES,
    POSITIONS,
    SEGMENT_CLASSES,
    SFX_NAMES,
    STYLES,
    TRACK_TYPES,
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Meta,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
    _wire_field,
)
from meme_desktop.draft.validate import validate as validate_draft
from meme_desktop.draft.wire import emits, read_object


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

    # a known track type's segments are all of its class (Track.from_json reads them so)
    @overload
    def segments(self, track_type: Literal[0]) -> list[VideoSegment]: ...
    @overload
    def segments(self, track_type: Literal[1]) -> list[AudioSegment]: ...
    @overload
    def segments(self, track_type: Literal[7]) -> list[TextSegment]: ...
    @overload
    def segments(self, track_type: int | None = None) -> list[Segment]: ...

    def segments(self, track_type: int | None = None) -> list[Any]:
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
            except json.JSONDecodeError as exc:
                raise DraftError("draft", "", f"not valid JSON ({exc.msg})") from exc
            except UnicodeDecodeError as exc:      # bytes that are not UTF-8 text
                raise DraftError("draft", "", "not valid JSON (not UTF-8 text)") from exc
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
            validate_draft(draft)
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


__all__ = [
    "DEFAULT_TRACK_NAMES", "EFFECTS", "FITS", "MUSIC_NAMES", "POSITIONS", "SEGMENT_CLASSES",
    "SFX_NAMES", "STYLES", "TRACK_TYPES", "TT_AUDIO", "TT_TEXT", "TT_VIDEO", "AudioSegment",
    "Draft", "Meta", "Segment", "TextSegment", "Track", "VideoSegment", "segment_fields",
]
