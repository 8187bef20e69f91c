"""The session's last exchange, read back from its transcript: what the person said and which
typed operations the assistant carried out. The rule reader keeps its focus across turns with
it ("add 'bruh' at the bottom" → "make it red" colours that caption; "add a vine boom" →
"louder" turns that boom up), repeats the last request ("again", "a bit more", "another one at
the end") and moves it to another target ("the bottom one too", "no, I meant the bottom one").
Like the maker's memory it lives in the transcript the engine saves, so it survives a restart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Recent:
    """The last exchange: the person's message and the operations done for it (name, args,
    result), oldest first. Empty when the last turn changed nothing, was an undo or redo, or
    was the meme maker's (``maker``: its captions are a whole meme, not one thing to point at).
    """

    said: str = ""
    ops: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    maker: bool = False
    undone: bool = False        # the last turn undid this exchange: what it touched is still
                                # "it" ("make it red", undo, "make it blue instead"), but its
                                # request is not repeated

    @property
    def edited(self) -> bool:
        """Whether the last turn was an edit the rules can point back at."""
        return bool(self.said and self.ops and not self.maker)

    @classmethod
    def from_messages(cls, messages: Iterable[Mapping[str, Any]]) -> Recent:
        """The last exchange of a transcript (``Store.messages`` rows: role, text, events);
        after an undo, the exchange it undid (``undone``)."""
        rows = list(messages)
        last = cls._exchange(rows)
        if last is None:
            return cls()
        if last.ops and all(name == "undo" for name, _a, _r in last.ops):
            before = cls._exchange(rows[:-2])
            if before is not None and before.ops and not any(
                    name in ("undo", "redo") for name, _a, _r in before.ops):
                before.undone = True
                return before
            return cls()
        if any(name in ("undo", "redo") for name, _a, _r in last.ops):
            return cls()
        return last

    @classmethod
    def _exchange(cls, rows: list[Mapping[str, Any]]) -> Recent | None:
        """The last user message and the assistant's reply in ``rows``, read as is."""
        if len(rows) < 2 or rows[-1].get("role") != "assistant" or rows[-2].get("role") != "user":
            return None
        said = rows[-2].get("text")
        events = rows[-1].get("events")
        if not isinstance(said, str) or not isinstance(events, list):
            return None
        out = cls(said=said)
        calls: list[tuple[str, dict[str, Any]]] = []
        results: list[dict[str, Any]] = []
        for ev in events:
            if not isinstance(ev, dict):
                continue
            if ev.get("type") == "tool_call" and isinstance(ev.get("name"), str):
                args = ev.get("args")
                calls.append((ev["name"], args if isinstance(args, dict) else {}))
            elif ev.get("type") == "tool_result":
                res = ev.get("result")
                results.append(res if isinstance(res, dict) else {})
            elif ev.get("type") == "suggestions" and ev.get("meme"):
                out.maker = True
        results += [{}] * (len(calls) - len(results))
        out.ops = [(name, args, res) for (name, args), res in zip(calls, results, strict=False)]
        return out


__all__ = ["Recent"]
