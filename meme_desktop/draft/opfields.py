"""How each field of an edit operation is checked and described: the field specs (kind,
range, choices), the value check behind ``ops.op_from_json`` and the JSON Schema of one field
behind ``ops.schema``. Pure; knows nothing of the operations themselves."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from meme_desktop.draft.segments import EFFECTS, FITS, MUSIC_NAMES, POSITIONS, SFX_NAMES, STYLES
from meme_desktop.draft.validate import MAX_DURATION_MS, MAX_SIDE, MAX_TEXT, is_color

MAX_ID = 64            # characters of a segment id or asset hash


@dataclass(frozen=True)
class Field:
    """How one JSON field is checked and described (the schema is generated from these)."""

    kind: str                               # "id" "ms" "int" "num" "text" "bool" "color"
                                            # "enum" "pair" "ids"
    desc: str
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    nullable: bool = False                  # null is a value (not "absent")


_TIME = Field("ms", "a time on the timeline in milliseconds", 0, MAX_DURATION_MS)
_LEN = Field("ms", "a length in milliseconds", 1, MAX_DURATION_MS)
_SEG = Field("id", "the id of a segment of the draft")
SPECS: dict[str, Field] = {
    "id": _SEG,
    "ids": Field("ids", "segment ids, in the order wanted"),
    "asset": Field("id", "the hash of an uploaded file (video, image or audio)"),
    "txt": Field("text", "the caption text", 1, MAX_TEXT),
    "title": Field("text", "the project's title", 0, 200),
    "pos": Field("enum", "where the caption sits", choices=POSITIONS),
    "sty": Field("enum", "caption style: classic (Impact, outlined), bar (white bar), "
                         "subtitle, plain", choices=STYLES),
    "col": Field("color", "text colour like #FFFFFF"),
    "col2": Field("color", "the gradient's second colour (top to bottom), like #DD2476"),
    "sz": Field("num", "relative text size (1 = normal)", 0.2, 5),
    "xy": Field("pair", "the caption's centre as fractions of the canvas [x, y]; null puts "
                        "it back at its position", 0, 1, nullable=True),
    "st": _TIME, "at": _TIME, "in": Field("ms", "the source in-point in milliseconds", 0,
                                          MAX_DURATION_MS),
    "from": _TIME, "to": _TIME, "d": _LEN,
    "vol": Field("int", "volume in percent", 0, 400),
    "fi": Field("ms", "fade-in length in milliseconds", 0, MAX_DURATION_MS),
    "fo": Field("ms", "fade-out length in milliseconds", 0, MAX_DURATION_MS),
    "width": Field("int", "canvas width in pixels (even)", 16, MAX_SIDE),
    "height": Field("int", "canvas height in pixels (even)", 16, MAX_SIDE),
    "sound": Field("enum", "a built-in sound effect", choices=SFX_NAMES),
    "music": Field("enum", "a built-in music loop", choices=MUSIC_NAMES),
    "fit": Field("enum", "cover (crop to fill), contain (letterbox), blur (blurred fill)",
                 choices=FITS),
    "sp": Field("num", "playback speed (0.5 = slow motion)", 0.1, 10),
    "rev": Field("bool", "play backwards"),
    "zm": Field("pair", "zoom [from, to] over the segment (1 = none)", 0.1, 10),
    "zoom": Field("num", "zoom factor", 1.0, 5),
    "times": Field("int", "how many times in all", 2, 20),
    "fx": Field("enum", "a visual effect", choices=EFFECTS),
}


def _whole(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
        return None
    return int(value)


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


def text_ok(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return not any(ord(c) < 32 and c not in "\n\t" for c in value)


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def check(spec: Field, value: Any) -> tuple[Any, str]:
    """``(value to keep, "")`` or ``(None, problem)``."""
    kind, lo, hi = spec.kind, spec.lo, spec.hi
    if kind == "id":
        ok = isinstance(value, str) and 0 < len(value) <= MAX_ID and text_ok(value) \
            and value.strip() == value
        return (value, "") if ok else (None, f"must be an id (text of 1 to {MAX_ID} characters)")
    if kind == "ids":
        if not isinstance(value, list) or not value or len(value) > 1000:
            return None, "must be a non-empty list of segment ids"
        if not all(isinstance(v, str) and 0 < len(v) <= MAX_ID for v in value):
            return None, "must hold segment ids only"
        if len(set(value)) != len(value):
            return None, "names the same segment twice"
        return tuple(value), ""
    if kind in ("ms", "int"):
        n = _whole(value)
        unit = "number of milliseconds" if kind == "ms" else "number"
        if n is None or (lo is not None and n < lo) or (hi is not None and n > hi):
            return None, f"must be a whole {unit} from {_num(lo)} to {_num(hi)}"
        return n, ""
    if kind == "num":
        if not _finite(value) or (lo is not None and value < lo) or (hi is not None and value > hi):
            return None, f"must be a number from {_num(lo)} to {_num(hi)}"
        return value, ""
    if kind == "text":
        if not isinstance(value, str) or not text_ok(value):
            return None, "must be text (no control characters)"
        if len(value) > (hi or 0) or (lo and not value.strip()):
            return None, f"must be {'non-empty ' if lo else ''}text of at most {_num(hi)} characters"
        return value, ""
    if kind == "bool":
        return (value, "") if isinstance(value, bool) else (None, "must be true or false")
    if kind == "color":
        return (value, "") if is_color(value) else (None, "must be a colour like #FFFFFF")
    if kind == "enum":
        if value in spec.choices:
            return value, ""
        return None, f"must be one of {', '.join(spec.choices)}"
    if kind == "pair":
        if value is None and spec.nullable:
            return None, ""
        if (isinstance(value, list) and len(value) == 2 and all(_finite(v) for v in value)
                and all(lo <= v <= hi for v in value)):
            return tuple(value), ""
        return None, f"must be [a, b] with numbers from {_num(lo)} to {_num(hi)}"
    raise AssertionError(kind)  # pragma: no cover - every kind is handled above


_ID_PATTERN = r"^[^\s\u0000-\u001f](?:[^\u0000-\u001f]*[^\s\u0000-\u001f])?$"
_TEXT_PATTERN = r"^[^\u0000-\u0008\u000b-\u001f]*$"
_FILLED_PATTERN = (r"^[^\u0000-\u0008\u000b-\u001f]*[^\s\u0000-\u001f]"
                   r"[^\u0000-\u0008\u000b-\u001f]*$")


def field_schema(spec: Field) -> dict[str, Any]:
    kind = spec.kind
    out: dict[str, Any]
    if kind == "id":
        out = {"type": "string", "minLength": 1, "maxLength": MAX_ID, "pattern": _ID_PATTERN}
    elif kind == "ids":
        out = {"type": "array", "items": {"type": "string", "minLength": 1,
                                          "maxLength": MAX_ID}, "minItems": 1,
               "uniqueItems": True}
    elif kind in ("ms", "int"):
        out = {"type": "integer", "minimum": spec.lo, "maximum": spec.hi}
    elif kind == "num":
        out = {"type": "number", "minimum": spec.lo, "maximum": spec.hi}
    elif kind == "text":
        out = {"type": "string", "minLength": int(spec.lo or 0), "maxLength": spec.hi,
               "pattern": _FILLED_PATTERN if spec.lo else _TEXT_PATTERN}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "color":
        out = {"type": "string", "pattern": "^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"}
    elif kind == "enum":
        out = {"type": "string", "enum": list(spec.choices)}
    else:  # pair
        item = {"type": "number", "minimum": spec.lo, "maximum": spec.hi}
        out = {"type": "array", "items": item, "minItems": 2, "maxItems": 2}
        if spec.nullable:
            out = {"anyOf": [out, {"type": "null"}]}
    out["description"] = spec.desc
    return out
