"""The agent's data types: the contract types of docs/architecture.md plus the internal ones.

``AssetRef``, ``ToolEvent``, ``AgentTurn`` and ``History`` are the public contract used by the
engine server. ``Op`` (one understood edit operation), ``Change`` (what applying it did, in
English and Chinese) and ``Problem`` (a typed reason an operation cannot be carried out, with
the question to ask) are internal to the agent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from meme_desktop.draft import Draft


@dataclass
class AssetRef:
    """One uploaded file, newest last. ``kind`` is "video", "image" or "audio"."""

    hash: str
    name: str
    kind: str
    duration: float = 0.0
    width: int = 0
    height: int = 0
    has_audio: bool = False

    @property
    def visual(self) -> bool:
        return self.kind in ("video", "image")

    @property
    def ms(self) -> int:
        """Length in milliseconds (0 for still images)."""
        return max(0, round(self.duration * 1000))


@dataclass
class ToolEvent:
    """One operation, streamed as a ``tool_call`` (name, args) and a ``tool_result`` (result)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class AgentTurn:
    """The outcome of one chat turn."""

    events: list[ToolEvent]          # one per operation, streamed as tool_call + tool_result
    draft: Draft | None              # the new draft to save as one version, or None
    history: int                     # -1 undo, +1 redo, 0 neither (the store moves)
    reply: str                       # the text reply (changes, summary, suggestions)


class History(Protocol):
    """The store's version history, read-only for the agent."""

    def peek(self, step: int) -> Draft | None:
        """step -1: the version undo would restore; +1: the version redo would restore."""
        ...


@dataclass
class Op:
    """One understood edit operation: a tool name and its arguments (JSON-friendly)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Change:
    """What applying one operation did: a short sentence (EN and ZH) and the tool result."""

    en: str
    zh: str
    result: dict[str, Any] = field(default_factory=dict)


class Problem(Exception):
    """An operation that cannot be carried out; ``en`` / ``zh`` is the question to ask."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh
