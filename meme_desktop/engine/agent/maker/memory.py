"""The maker's memory of a session: every meme it made or changed, in order, read back from
the session's transcript (so it survives an engine restart with no table of its own).

The engine saves each chat turn's events with the assistant's message; a turn of the maker
adds one ``{"type": "suggestions", "items": [...], "meme": {...}}`` event (docs/protocol.md),
whose ``meme`` is a :class:`MemeRecord`. :meth:`MakerMemory.from_messages` collects them, and
the captions people typed themselves, so "another one" never repeats a caption of the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from meme_desktop.engine.agent.maker.scorer import norm, shown_key
from meme_desktop.engine.agent.types import MemeRecord, Suggestion

EVENT = "suggestions"


@dataclass
class MakerMemory:
    """What the maker made in this session (oldest first) and the interface language."""

    records: list[MemeRecord] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)       # captions people added themselves
    language: str = "en"

    @property
    def last(self) -> MemeRecord | None:
        return self.records[-1] if self.records else None

    @property
    def used(self) -> set[str]:
        """Every caption made or offered so far (compared with :func:`scorer.norm`)."""
        out = {norm(t) for t in self.typed}
        for rec in self.records:
            out.add(shown_key(rec.captions))
            out.update(shown_key(alt) for alt in rec.alternatives)
        return out

    def earlier(self, which: int) -> MemeRecord | None:
        """The meme "the first one" (``which`` 1: the first of the last run of variants, which
        began with the last "make") or "the previous one" (-1: the last one with other
        captions) means; None when there is no other."""
        records = self.records
        last = records[-1]
        if which == 1:
            start = max((i for i, r in enumerate(records) if r.action == "make"), default=0)
            first = records[start] if start < len(records) - 1 else records[0]
            return first if shown_key(first.captions) != shown_key(last.captions) else None
        return next((r for r in reversed(records[:-1])
                     if shown_key(r.captions) != shown_key(last.captions)), None)

    def formats(self) -> list[str]:
        return [r.format for r in self.records]

    def topics(self) -> list[str]:
        return [r.topic_id for r in self.records]

    @classmethod
    def from_messages(cls, messages: Iterable[Mapping[str, Any]],
                      language: str = "en") -> MakerMemory:
        """The memory in a transcript (``Store.messages`` rows: role, text, events)."""
        mem = cls(language=language if language in ("en", "zh") else "en")
        for msg in messages:
            events = msg.get("events")
            if msg.get("role") != "assistant" or not isinstance(events, list):
                continue
            for ev in events:
                if not isinstance(ev, dict):
                    continue
                if ev.get("type") == EVENT and (rec := MemeRecord.from_json(ev.get("meme"))):
                    mem.records.append(rec)
                elif ev.get("type") == "tool_call" and ev.get("name") == "add_caption":
                    args = ev.get("args")
                    if isinstance(args, dict) and isinstance(args.get("txt"), str):
                        mem.typed.append(args["txt"])
        return mem


def suggestions_event(items: Sequence[Suggestion], meme: MemeRecord | None) -> dict[str, Any]:
    """The event a turn with chips (and the maker's record) adds to its stream."""
    event: dict[str, Any] = {"type": EVENT, "items": [s.to_json() for s in items]}
    if meme is not None:
        event["meme"] = meme.to_json()
    return event


__all__ = ["EVENT", "MakerMemory", "suggestions_event"]
