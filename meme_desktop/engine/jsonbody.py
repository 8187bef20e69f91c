"""Reading a JSON request body safely: bounded in size, depth and text, never a 500.

Every JSON body the engine accepts (sessions, chat turns, URL imports, render submits, drafts
included) goes through :func:`read_limited` and :func:`parse_object`:

- **size**: at most :data:`MAX_JSON_BYTES` (2 MB). A ``Content-Length`` over it is answered
  413 before a byte of the body is read; a body without one (chunked) is read only up to the
  limit, then answered 413. Memory per request stays under the limit.
- **numbers**: ``NaN``, ``Infinity`` and numbers too big for a float are refused (JSON has no
  such values; Python's parser would accept them and they cannot be answered back).
- **depth**: at most :data:`MAX_DEPTH` nested arrays/objects (a real draft is about 8 deep);
  deeper, or deep enough to exhaust the parser's stack, is a 400.
- **text**: every string and key must be valid Unicode. ``"\\ud800"`` escapes decode to lone
  surrogates, which SQLite, UTF-8 and the answer's encoder all refuse; the 400 names the field.
"""

from __future__ import annotations

import json
import math
from collections.abc import AsyncIterator
from typing import Any

from meme_desktop.engine.protocol_errors import BadRequestError, BodyTooLargeError

MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64


class _NotFinite(ValueError):
    """A JSON number that is not a finite float."""


def _reject_constant(name: str) -> float:
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text[:40])
    return value


async def read_limited(chunks: AsyncIterator[bytes], declared: str | None,
                       limit: int = MAX_JSON_BYTES) -> bytes:
    """The whole body, or :class:`BodyTooLargeError` as soon as it is known to exceed ``limit``."""
    if declared is not None:
        try:
            length = int(declared)
        except ValueError as exc:
            raise BadRequestError("the Content-Length header is not a number") from exc
        if length > limit:
            raise BodyTooLargeError(limit)
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError(limit)
        parts.append(chunk)
    return b"".join(parts)


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _valid_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_tree(value: Any) -> None:
    """Depth and text checks over a parsed body, without recursion (any depth is safe)."""
    stack: list[tuple[Any, str, int]] = [(value, "", 1)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, dict | list) and depth > MAX_DEPTH:
            raise BadRequestError(f"the JSON is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict):
            for key, child in item.items():
                if not _valid_text(key):
                    raise BadRequestError(f"a key in {where or 'the body'} is not valid "
                                          "Unicode text (a lone surrogate)")
                stack.append((child, _path(where, key), depth + 1))
        elif isinstance(item, list):
            stack.extend((child, _path(where, i), depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str) and not _valid_text(item):
            raise BadRequestError(f"\"{where or 'the body'}\" is not valid Unicode text "
                                  "(a lone surrogate)")


def parse_object(raw: bytes) -> dict[str, Any]:
    """A JSON object from ``raw``; :class:`BadRequestError` for anything else."""
    try:
        body = json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)
    except _NotFinite as exc:
        raise BadRequestError(f"the number {exc} is not allowed (numbers must be finite)") \
            from exc
    except RecursionError as exc:
        raise BadRequestError(f"the JSON is nested more than {MAX_DEPTH} levels deep") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(
            exc, json.JSONDecodeError) else ""
        raise BadRequestError(f"the body is not valid JSON{where}") from exc
    if not isinstance(body, dict):
        raise BadRequestError("the body must be a JSON object")
    check_tree(body)
    return body
