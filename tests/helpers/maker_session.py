"""A chat session with the offline agent as the engine runs it, without HTTP: every turn gets
the maker's memory rebuilt from the transcript (the events the engine saves with each reply),
the draft the previous turn made, the last exchange (``Recent``) and the session's history
for undo."""

from __future__ import annotations

from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.engine.agent import (
    MAKER,
    AgentTurn,
    MakerMemory,
    Recent,
    respond,
    suggestions_event,
)
from meme_desktop.engine.agent.maker.requests import Request
from meme_desktop.engine.agent.maker.turns import Context
from meme_desktop.engine.agent.types import AssetRef
from tests.helpers.agent_states import state


class Session:
    """One session: a starting state, then turn after turn."""

    def __init__(self, start: str = "img", language: str = "en",
                 assets: list[AssetRef] | None = None) -> None:
        self.draft, self.assets = state(start)
        if assets is not None:
            self.assets = assets
        self.language = language
        self.transcript: list[dict[str, Any]] = []
        self.versions: list[Draft] = [self.draft]

    @property
    def memory(self) -> MakerMemory:
        return MakerMemory.from_messages(self.transcript, self.language)

    def peek(self, step: int) -> Draft | None:
        return self.versions[-2] if step < 0 and len(self.versions) > 1 else None

    def say(self, text: str) -> AgentTurn:
        turn = respond(text, self.draft, self.assets, self, memory=self.memory,
                       language=self.language, recent=Recent.from_messages(self.transcript))
        return self._keep(text, turn)

    def maker_turn(self, fmt: str, lang: str = "en", topic: str = "coffee") -> AgentTurn:
        """The maker asked directly for format ``fmt`` (no wording to read)."""
        ask = f"make a meme about {topic}" if lang == "en" else f"做一个关于{topic}的表情包"
        ctx = Context(ask, self.draft, self.assets, self.memory, lang == "zh")
        return self._keep(ask, MAKER.make(ctx, Request("make", format=fmt)))

    def _keep(self, text: str, turn: AgentTurn) -> AgentTurn:
        events: list[dict[str, Any]] = []
        for ev in turn.events:
            events.append({"type": "tool_call", "name": ev.name, "args": ev.args})
            events.append({"type": "tool_result", "name": ev.name, "result": ev.result})
        if turn.suggestions or turn.meme is not None:
            events.append(suggestions_event(turn.suggestions, turn.meme))
        self.transcript.append({"role": "user", "text": text, "events": []})
        self.transcript.append({"role": "assistant", "text": turn.reply, "events": events})
        if turn.draft is not None:
            self.draft = turn.draft
            self.versions.append(turn.draft)
        elif turn.history < 0 and len(self.versions) > 1:
            self.versions.pop()
            self.draft = self.versions[-1]
        return turn
