"""The one edit language (DESIGN.md section 8): typed operations on a draft.

Every change to a draft is a list of these operations, whatever produced it: the chat's rule
reader, a meme format, a gesture on the timeline or a language model. Each operation is a
frozen dataclass; it names its target by segment id (media by asset hash), has one JSON form
(``{"op": "move_segment", "id": "s3", "st": 2000}``) that round-trips exactly, and validates
with a message naming the operation's index, name and field. :func:`schema` generates the JSON
Schema of an operation list from the dataclasses. Applying operations is the engine's job
(``engine/agent/applier``); this module only describes them (field checks in ``opfields``).
Pure: no I/O, no project imports beyond ``draft``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import Any, ClassVar, TypeVar, cast, dataclass_transform

from meme_desktop.draft.errors import OpError
from meme_desktop.draft.opfields import SPECS, Field, check, field_schema, text_ok

MAX_OPS = 200          # operations in one list


class Op:
    """Base of every operation. ``NAME`` is the JSON ``op``; fields use the JSON names."""

    NAME: ClassVar[str] = ""
    ALIASES: ClassVar[dict[str, str]] = {}     # JSON name -> attribute name ("in" -> "inpoint")
    SPECS: ClassVar[dict[str, Field]] = {}     # JSON name -> its spec, where not SPECS[name]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.NAME}
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            key = _json_name(type(self), f.name)
            if value is None and not spec_of(type(self), key).nullable:
                continue
            out[key] = list(value) if isinstance(value, tuple) else value
        return out

    @property
    def target(self) -> str | None:
        """The segment id this operation edits, if it edits one."""
        return getattr(self, "id", None)


def _json_name(cls: type[Op], attr: str) -> str:
    return next((k for k, v in cls.ALIASES.items() if v == attr), attr)


def spec_of(cls: type[Op], key: str) -> Field:
    """The spec of JSON field ``key`` of operation ``cls``."""
    return cls.SPECS.get(key) or SPECS[key]


_T = TypeVar("_T", bound=type[Op])


@dataclass_transform(frozen_default=True)
def _op(name: str, aliases: dict[str, str] | None = None,
        specs: dict[str, Field] | None = None) -> Callable[[_T], _T]:
    """Register a frozen dataclass as operation ``name`` (type checkers see the dataclass)."""
    def wrap(cls: _T) -> _T:
        cls.NAME = name
        cls.ALIASES = aliases or {}
        cls.SPECS = specs or {}
        dc = cast(_T, dataclass(frozen=True)(cls))  # dataclass() returns cls itself
        OPS[name] = dc
        return dc
    return wrap


OPS: dict[str, type[Op]] = {}
R = None  # the default of an optional field


# -- captions --------------------------------------------------------------------------------
@_op("add_caption")
class AddCaption(Op):
    """Add a caption. Without pos it takes a free place; without st/d it spans the video."""
    txt: str
    pos: str | None = R
    st: int | None = R
    d: int | None = R
    sty: str | None = R
    col: str | None = R
    sz: float | None = R


@_op("set_caption")
class SetCaption(Op):
    """Change a caption's text, position, style, colour or size."""
    id: str
    txt: str | None = R
    pos: str | None = R
    sty: str | None = R
    col: str | None = R
    sz: float | None = R


@_op("place_caption")
class PlaceCaption(Op):
    """Put a caption's centre anywhere on the canvas (dragged on the preview)."""
    id: str
    xy: tuple[float, float] | None


# -- any segment -----------------------------------------------------------------------------
@_op("move_segment")
class MoveSegment(Op):
    """Move a segment to start at st. Pictures and clips play one after another, so moving one
    changes their order."""
    id: str
    st: int


@_op("trim_segment", {"in": "inpoint"})
class TrimSegment(Op):
    """Set where a segment starts (st), how long it lasts (d) and, for a clip or a sound,
    where in its source it starts (in)."""
    id: str
    st: int | None = R
    d: int | None = R
    inpoint: int | None = R


@_op("split_segment")
class SplitSegment(Op):
    """Cut a segment in two at timeline time at."""
    id: str
    at: int


@_op("delete_segment")
class DeleteSegment(Op):
    """Remove a segment."""
    id: str


@_op("duplicate_segment")
class DuplicateSegment(Op):
    """Copy a segment; the copy starts at st (default: right after the original)."""
    id: str
    st: int | None = R


@_op("set_volume")
class SetVolume(Op):
    """Volume of a sound, music or a clip's own audio, in percent (0 mutes)."""
    id: str
    vol: int


@_op("set_fade")
class SetFade(Op):
    """Fade a sound or music in (fi) and out (fo), in milliseconds."""
    id: str
    fi: int | None = R
    fo: int | None = R


# -- canvas and project ----------------------------------------------------------------------
@_op("set_canvas")
class SetCanvas(Op):
    """The output size: 1080x1920 vertical, 1080x1080 square, 1080x1350 feed, 1920x1080 wide."""
    width: int
    height: int


@_op("set_title")
class SetTitle(Op):
    """The project's title."""
    title: str


@_op("set_background", specs={"col": Field("color", "the background colour, like #101820")})
class SetBackground(Op):
    """The colour behind everything (seen where no picture covers it: a text meme, letterbox
    bars); with col2, a gradient from col at the top to col2 at the bottom."""
    col: str
    col2: str | None = R


@_op("clear_timeline")
class ClearTimeline(Op):
    """Remove every segment."""


# -- pictures and clips ----------------------------------------------------------------------
@_op("add_media")
class AddMedia(Op):
    """Place an upload. A picture or clip joins the video at st (default: the end); a sound
    file without st becomes the background music, with st it plays from there."""
    asset: str
    st: int | None = R
    d: int | None = R


@_op("replace_media")
class ReplaceMedia(Op):
    """Show another upload in a picture or clip's place, keeping its effects and framing."""
    id: str
    asset: str


@_op("reorder")
class Reorder(Op):
    """Put the pictures and clips in this order (every video segment id, once)."""
    ids: tuple[str, ...]


@_op("set_length")
class SetLength(Op):
    """Make the whole video d milliseconds long (shortening from the end; stills stretch)."""
    d: int


@_op("set_fit")
class SetFit(Op):
    """How a picture or clip fills the canvas."""
    id: str
    fit: str


@_op("set_speed", {"from": "from_"})
class SetSpeed(Op):
    """Playback speed of a clip; with from/to (timeline ms) only that part changes speed."""
    id: str
    sp: float
    from_: int | None = R
    to: int | None = R


@_op("set_reverse")
class SetReverse(Op):
    """Play a clip backwards (rev true) or forwards."""
    id: str
    rev: bool


@_op("boomerang")
class Boomerang(Op):
    """Play a clip forwards then backwards."""
    id: str


@_op("loop")
class Loop(Op):
    """Repeat a clip so it plays times times."""
    id: str
    times: int


@_op("set_zoom")
class SetZoom(Op):
    """A slow zoom over a picture or clip, from zm[0] to zm[1] ([1, 1] removes it)."""
    id: str
    zm: tuple[float, float]


@_op("punch_in")
class PunchIn(Op):
    """A sudden zoom from timeline time at to the end of the segment."""
    id: str
    at: int
    zoom: float | None = R


@_op("add_effect", {"from": "from_"})
class AddEffect(Op):
    """A visual effect on a picture or clip; with from/to (timeline ms) only on that part."""
    id: str
    fx: str
    from_: int | None = R
    to: int | None = R


@_op("remove_effect")
class RemoveEffect(Op):
    """Remove one effect (fx) or every effect from a picture or clip."""
    id: str
    fx: str | None = R


# -- sound -----------------------------------------------------------------------------------
@_op("add_sound", {"name": "sound"}, {"name": SPECS["sound"]})
class AddSound(Op):
    """A built-in sound effect at st (default 0), kept inside the video."""
    sound: str
    st: int | None = R
    vol: int | None = R


@_op("add_music", {"name": "music"}, {"name": SPECS["music"]})
class AddMusic(Op):
    """Built-in background music over the whole video (replacing earlier music)."""
    music: str
    vol: int | None = R


@_op("replace_sound", {"name": "sound"}, {"name": SPECS["sound"]})
class ReplaceSound(Op):
    """Swap a sound effect for another built-in one."""
    id: str
    sound: str


def op_from_json(raw: Any, index: int = 0) -> Op:
    """One operation from its JSON form; :class:`OpError` names what is wrong."""
    if not isinstance(raw, dict):
        raise OpError(index, "", "op", 'must be an object like {"op": "delete_segment", '
                                       '"id": "s1"}')
    name = raw.get("op")
    if not isinstance(name, str) or name not in OPS:
        shown = name if isinstance(name, str) and text_ok(name) else ""
        raise OpError(index, shown[:40], "op",
                      f"unknown operation; use one of {', '.join(OPS)}")
    cls = OPS[name]
    known = {_json_name(cls, f.name): f for f in fields(cls)}  # type: ignore[arg-type]
    for key in raw:
        if key != "op" and key not in known:
            shown = key if isinstance(key, str) and text_ok(key) else "?"
            raise OpError(index, name, shown[:40], "is not a field of this operation "
                          f"(it takes: {', '.join(known) or 'nothing'})")
    kwargs: dict[str, Any] = {}
    for key, f in known.items():
        spec = spec_of(cls, key)
        required = f.default is MISSING
        if key not in raw or (raw[key] is None and not spec.nullable):
            if required:
                raise OpError(index, name, key, f"is required ({spec.desc})")
            continue
        value, problem = check(spec, raw[key])
        if problem:
            raise OpError(index, name, key, problem)
        kwargs[f.name] = value
    return cls(**kwargs)


def ops_from_json(raw: Any) -> list[Op]:
    """An operation list from JSON (``[{...}, ...]``); :class:`OpError` at the first problem."""
    if not isinstance(raw, list):
        raise OpError(-1, "", "ops", "must be a list of operations")
    if len(raw) > MAX_OPS:
        raise OpError(-1, "", "ops", f"at most {MAX_OPS} operations at a time")
    return [op_from_json(item, i) for i, item in enumerate(raw)]


def ops_to_json(ops: list[Op]) -> list[dict[str, Any]]:
    return [op.to_json() for op in ops]


# -- JSON Schema -----------------------------------------------------------------------------
def op_schema(cls: type[Op]) -> dict[str, Any]:
    """The JSON Schema of one operation."""
    props: dict[str, Any] = {"op": {"const": cls.NAME}}
    required = ["op"]
    for f in fields(cls):  # type: ignore[arg-type]
        key = _json_name(cls, f.name)
        props[key] = field_schema(spec_of(cls, key))
        if f.default is MISSING:
            required.append(key)
    doc = " ".join((cls.__doc__ or "").split())
    return {"type": "object", "title": cls.NAME, "description": doc, "properties": props,
            "required": required, "additionalProperties": False}


def schema() -> dict[str, Any]:
    """The JSON Schema of an operation list, generated from the dataclasses above."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://meme-desktop.invalid/schemas/ops.json",
            "title": "Meme Desktop edit operations",
            "description": "A list of edit operations applied to a draft as one version "
                           "(one undo step). Times are whole milliseconds.",
            "type": "array", "maxItems": MAX_OPS,
            "items": {"anyOf": [op_schema(cls) for cls in OPS.values()]}}


__all__ = ["MAX_OPS", "OPS", "SPECS", "Field", "Op", "OpError", "op_from_json", "op_schema",
           "ops_from_json", "ops_to_json", "schema"]
