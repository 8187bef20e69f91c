"""Reading and writing one draft object (segment, track, canvas) in its short-key wire form.

A draft that comes from a backend must go back exactly as it came when nobody changed it
(DESIGN.md section 3: unknown keys are kept, not dropped). Two rules make that true while the
typed classes keep their defaults for everyone who reads them (the renderer, the agent):

- keys the class does not know go to ``extra`` and are written back unchanged;
- every object read from the wire remembers which keys the wire had (``wire_keys``); on output,
  a known key the wire did not have is left out while its value is still the class default.
  An object made in code (``wire_keys`` is None) writes every key.

So a segment that came without ``sp`` gets ``speed == 1.0`` for the renderer, and is sent back
without ``sp`` until something really changes its speed.
"""

from __future__ import annotations

import copy
from dataclasses import MISSING, fields
from typing import Any

from meme_desktop.draft.errors import DraftError

_DEFAULTS: dict[type, dict[str, Any]] = {}


def field_defaults(cls: type) -> dict[str, Any]:
    """The default value of each dataclass field of ``cls`` (worked out once per class)."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = {}
        for f in fields(cls):
            if f.default is not MISSING:
                found[f.name] = f.default
            elif f.default_factory is not MISSING:
                found[f.name] = f.default_factory()
        _DEFAULTS[cls] = found
    return found


def is_default(value: Any, default: Any) -> bool:
    """Equal to the default and of the same type (``1`` is not taken for ``True``)."""
    return type(value) is type(default) and value == default


def emits(wire_keys: frozenset[str] | None, key: str, value: Any, default: Any) -> bool:
    """Whether ``key`` is written: always for objects made in code, else when the wire had
    it or the value is no longer the default."""
    return wire_keys is None or key in wire_keys or not is_default(value, default)


def write_object(obj: Any, keys: dict[str, str]) -> dict[str, Any]:
    """The wire dict of ``obj``: its known keys (see the module docstring), then ``extra``."""
    defaults = field_defaults(type(obj))
    wire_keys: frozenset[str] | None = obj.wire_keys
    out: dict[str, Any] = {}
    for attr, key in keys.items():
        value = getattr(obj, attr)
        if not emits(wire_keys, key, value, defaults.get(attr, MISSING)):
            continue
        out[key] = list(value) if isinstance(value, tuple) else copy.deepcopy(value)
    out.update(copy.deepcopy(obj.extra))
    return out


def read_object(cls: type, raw: Any, keys: dict[str, str], where: str) -> Any:
    """Build ``cls`` from a wire dict: known keys become attributes, the rest go to ``extra``,
    and the keys the wire had are remembered."""
    if not isinstance(raw, dict):
        raise DraftError(where, "", f"expected an object, got {type(raw).__name__}")
    known = set(keys.values())
    kwargs = {attr: copy.deepcopy(raw[key]) for attr, key in keys.items() if key in raw}
    extra = {k: copy.deepcopy(v) for k, v in raw.items() if k not in known}
    obj = cls(**kwargs, extra=extra)
    obj.wire_keys = frozenset(raw)
    return obj
