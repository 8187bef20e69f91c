"""Server-Sent Events, from raw bytes to typed chat-turn events.

Two layers, both incremental and free of I/O so they can be tested byte by byte:

- :class:`SSEDecoder` turns arbitrary byte chunks into :class:`httpx_sse.ServerSentEvent`
  records (UTF-8 split across chunks, ``\\n`` / ``\\r\\n`` / ``\\r`` line ends, ``:`` comments,
  multi-line ``data:``, the blank line that dispatches an event).
- :func:`decode_payload` turns one event's ``data`` into typed events, for both shapes the
  protocol allows: ``{"type": "text"|"tool_call"|"tool_result"|"heartbeat"}`` and ADK-style
  ``{"content": {"parts": [{"text"}|{"functionCall"}|{"functionResponse"}]}, "partial": ...}``.
  An empty ``data:`` is a heartbeat; unknown types and undecodable data are ignored.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from httpx_sse import ServerSentEvent

__all__ = [
    "Heartbeat", "SSEDecoder", "ServerSentEvent", "StreamError", "StreamEvent", "Suggestions",
    "TextChunk", "ToolCall", "ToolResult", "decode_payload",
]


class SSEDecoder:
    """Incremental SSE parser: ``feed(bytes)`` returns the events completed so far."""

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._line = ""  # the unfinished line
        self._pending_cr = False  # the previous chunk ended in "\r" (maybe half of "\r\n")
        self._event = ""
        self._data: list[str] = []
        self._id = ""
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        out: list[ServerSentEvent] = []
        for line in self._lines(self._utf8.decode(chunk)):
            event = self._field(line)
            if event is not None:
                out.append(event)
        return out

    def close(self) -> list[ServerSentEvent]:
        """End of stream: a last event without its blank line is dispatched (lenient)."""
        out = self.feed(b"")
        tail = self._utf8.decode(b"", final=True)
        lines = list(self._lines(tail))
        if self._line:
            lines.append(self._line)
            self._line = ""
        lines.append("")
        for line in lines:
            event = self._field(line)
            if event is not None:
                out.append(event)
        return out

    def _lines(self, text: str) -> list[str]:
        lines: list[str] = []
        for ch in text:
            if self._pending_cr:
                self._pending_cr = False
                if ch == "\n":
                    continue  # the "\n" of a "\r\n" already ended the line
            if ch == "\r":
                self._pending_cr = True
                lines.append(self._line)
                self._line = ""
            elif ch == "\n":
                lines.append(self._line)
                self._line = ""
            else:
                self._line += ch
        return lines

    def _field(self, line: str) -> ServerSentEvent | None:
        if not line:
            if not self._data and not self._event:
                return None
            event = ServerSentEvent(event=self._event or "message", data="\n".join(self._data),
                                    id=self._id, retry=self._retry)
            self._event, self._data, self._retry = "", [], None
            return event
        if line.startswith(":"):
            return None  # a comment (often a keep-alive)
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self._retry = int(value)
        return None


@dataclass(frozen=True)
class TextChunk:
    """Reply text. ``partial`` (ADK) marks a streamed piece; a later non-partial event
    repeats the whole text, which the reader drops."""

    text: str
    partial: bool = False
    adk: bool = False


@dataclass(frozen=True)
class ToolCall:
    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ToolResult:
    name: str
    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestions:
    """Next steps offered with a turn, each ``(label, message to send)`` (the engine's
    ``{"type": "suggestions", "items": [{"label", "text"}]}`` extension; docs/protocol.md).
    A backend that never sends it loses nothing."""

    items: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Heartbeat:
    """Keep-alive: the turn is still running."""


@dataclass(frozen=True)
class StreamError:
    """An error reported inside the stream (``{"type": "error", "code": ...}``)."""

    code: int = -1
    message: str = ""


StreamEvent = TextChunk | ToolCall | ToolResult | Heartbeat | StreamError | Suggestions
MAX_SUGGESTIONS = 6      # chips shown with one reply, at most


def _as_dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, Mapping) else {}


def _typed(obj: Mapping[str, Any]) -> list[StreamEvent]:
    kind = obj.get("type")
    if kind == "text":
        content = obj.get("content", obj.get("text", ""))
        return [TextChunk(content)] if isinstance(content, str) and content else []
    if kind == "tool_call":
        return [ToolCall(str(obj.get("name", "")), _as_dict(obj.get("args")))]
    if kind == "tool_result":
        return [ToolResult(str(obj.get("name", "")), _as_dict(obj.get("result")))]
    if kind == "heartbeat":
        return [Heartbeat()]
    if kind == "suggestions":
        return [_suggestions(obj.get("items"))]
    if kind == "error":
        code = obj.get("code")
        message = obj.get("message")
        return [StreamError(code if isinstance(code, int) else -1,
                            message if isinstance(message, str) else "")]
    return []  # unknown type: ignored


def _suggestions(items: Any) -> Suggestions:
    """Only well-formed items (a short label and text, both strings) are kept."""
    out: list[tuple[str, str]] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping):
            label, text = item.get("label"), item.get("text")
            if isinstance(label, str) and isinstance(text, str) and label.strip() \
                    and text.strip() and len(label) <= 300 and len(text) <= 500:
                out.append((label.strip(), text.strip()))
    return Suggestions(tuple(out[:MAX_SUGGESTIONS]))


def _adk(obj: Mapping[str, Any]) -> list[StreamEvent]:
    content = obj.get("content")
    if not isinstance(content, Mapping) or content.get("role") == "user":
        return []
    parts = content.get("parts")
    if not isinstance(parts, list):
        return []
    partial = bool(obj.get("partial", False))
    out: list[StreamEvent] = []
    for part in parts:
        if not isinstance(part, Mapping) or part.get("thought"):
            continue
        if isinstance(part.get("text"), str) and part["text"]:
            out.append(TextChunk(part["text"], partial=partial, adk=True))
        elif isinstance(part.get("functionCall"), Mapping):
            call = part["functionCall"]
            out.append(ToolCall(str(call.get("name", "")), _as_dict(call.get("args"))))
        elif isinstance(part.get("functionResponse"), Mapping):
            resp = part["functionResponse"]
            out.append(ToolResult(str(resp.get("name", "")), _as_dict(resp.get("response"))))
    return out


def decode_payload(data: str) -> list[StreamEvent]:
    """Typed events for one SSE ``data`` payload (see the module docstring)."""
    if not data.strip():
        return [Heartbeat()]
    try:
        obj = json.loads(data)
    except ValueError:
        return []
    if not isinstance(obj, Mapping):
        return []
    if "type" in obj:
        return _typed(obj)
    if "content" in obj:
        return _adk(obj)
    code = obj.get("error_code") or obj.get("errorCode")
    if code:
        message = obj.get("error_message") or obj.get("errorMessage") or ""
        return [StreamError(code if isinstance(code, int) else -1, str(message))]
    return []
