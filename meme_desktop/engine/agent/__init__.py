"""The offline chat agent: turns one chat message into edit operations on the draft.

Contract (docs/architecture.md): ``respond(text, draft, assets, history) -> AgentTurn``.
This is a minimal first version (quoted captions only); it is replaced by the full agent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from meme_desktop.draft import TT_TEXT, Draft, TextSegment, timeline_summary


@dataclass
class AssetRef:
    """One uploaded file, newest last."""

    hash: str
    name: str
    kind: str
    duration: float = 0.0
    width: int = 0
    height: int = 0
    has_audio: bool = False


@dataclass
class ToolEvent:
    """One operation, streamed as a tool_call and a tool_result event."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class AgentTurn:
    """The outcome of one chat turn."""

    events: list[ToolEvent]
    draft: Draft | None
    history: int
    reply: str


class History(Protocol):
    def peek(self, step: int) -> Draft | None: ...


_QUOTE = re.compile(r"[\"“”「『‘'](.+?)[\"“”」』’']")


def respond(text: str, draft: Draft, assets: Sequence[AssetRef], history: History) -> AgentTurn:
    """One chat turn."""
    found = _QUOTE.findall(text)
    if not found:
        return AgentTurn([], None, 0, "What should I change? For example: add 'WHEN THE CODE "
                         "COMPILES' at the top.")
    new = draft.copy()
    pos = "bottom" if "bottom" in text.lower() else "top"
    dur = new.duration or 5000
    events = []
    for caption in found:
        seg = TextSegment(id=new.new_id("s"), start=0, duration=dur, text=caption, pos=pos)
        track = new.track_for(TT_TEXT)
        assert track is not None
        track.segments.append(seg)
        events.append(ToolEvent("add_caption", {"text": caption, "pos": pos},
                                {"ok": True, "id": seg.id}))
    names = {a.hash: a.name for a in assets}
    reply = " ".join(f'Added the caption "{c}" at the {pos}.' for c in found)
    return AgentTurn(events, new, 0, reply + "\n" + timeline_summary(new, names))


__all__ = ["AgentTurn", "AssetRef", "History", "ToolEvent", "respond"]
