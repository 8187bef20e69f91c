"""One chat turn with the conversation rules of DESIGN.md section 4.

- streamed text is yielded as it arrives; tool events are hidden;
- heartbeats keep the turn alive; every ``Timing.still_working`` seconds of them (2 min) the
  person sees "⏳ Still working…";
- the state is read before the turn and after it; a turn that ends without text gets a
  summary of what changed (``draft.describe_changes``), and any change is a StateChanged.
  When the backend cannot change between turns without us (the private local engine), the
  snapshot kept from the last read stands in for the read before the turn (one round trip
  less per edit: DESIGN.md section 5, chat edit → track view within 150 ms);
- replies that assume a GUI are turned into actions (:func:`routing.translate_reply`):
  export → ActionRequest("export"), "open the panel" → a state read and the summary,
  "preview in timeline" → the summary, "drag the clip" → the edit is sent as one more turn,
  "drag your file into the media bin" → how to add a file (never an edit turn);
- a connection that drops mid-turn is recovered: the state is read after 30 s, then every
  60 s up to 5 times, and the person learns whether the edit went through, or is offered a
  retry.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

from meme_desktop.api.errors import (
    ApiError,
    ConnectionFailedError,
    RequestTimeoutError,
    StreamTimeoutError,
)
from meme_desktop.api.models import SessionState
from meme_desktop.api.policy import Sleep
from meme_desktop.api.sse import Heartbeat, StreamEvent, Suggestions, TextChunk
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    Chip,
    Choices,
    ErrorEvent,
    Notice,
    StateChanged,
    TextDelta,
)
from meme_desktop.assistant.messages import STILL_WORKING, user_message
from meme_desktop.assistant.routing import edit_request, translate_reply
from meme_desktop.draft import describe_changes, timeline_summary

ADD_MEDIA = "To add a file, drop it on the media bin or use Import… (Ctrl+O)."
DROPPED = "The connection dropped in the middle of the reply; checking what was done…"


@dataclass
class Timing:
    """The assistant's waits (injectable so tests do not wait minutes)."""

    still_working: float = 120.0  # seconds of heartbeats between "⏳ Still working…"
    recover_first: float = 30.0  # after a dropped turn: first state read
    recover_every: float = 60.0  # then every ...
    recover_tries: int = 5  # ... this many reads in all, then offer a retry


def summary(state: SessionState) -> str:
    return timeline_summary(state.draft, state.names)


def changed(before: SessionState | None, after: SessionState) -> bool:
    if before is None:
        return True
    return before.draft.to_json() != after.draft.to_json() or \
        [a.hash for a in before.assets] != [a.hash for a in after.assets]


def change_lines(before: SessionState | None, after: SessionState) -> list[str]:
    if before is None:
        return []
    return describe_changes(before.draft, after.draft, after.names)


class TurnRunner:
    """Runs turns for one assistant; the stream and state reads are injected callables."""

    def __init__(self, stream: Callable[[str], AsyncIterator[StreamEvent]],
                 read_state: Callable[[], Awaitable[SessionState]],
                 reconnect: Callable[[], Awaitable[None]], sleep: Sleep,
                 timing: Timing,
                 snapshot: Callable[[], SessionState | None] | None = None) -> None:
        self.stream = stream
        self.read_state = read_state
        self.snapshot = snapshot  # the last state read, when it is known to be current
        self.reconnect = reconnect
        self.sleep = sleep
        self.timing = timing

    async def _try_state(self) -> SessionState | None:
        try:
            return await self.read_state()
        except ApiError:
            return None  # a missing snapshot must not block the turn

    async def run(self, text: str, follow_up: bool = True) -> AsyncIterator[AssistantEvent]:
        before = self.snapshot() if self.snapshot is not None else None
        if before is None:
            before = await self._try_state()
        parts: list[str] = []
        last_notice = time.monotonic()
        try:
            async for event in self.stream(text):
                if isinstance(event, Heartbeat):
                    now = time.monotonic()
                    if now - last_notice >= self.timing.still_working:
                        last_notice = now
                        yield Notice(STILL_WORKING)
                elif isinstance(event, TextChunk):
                    last_notice = time.monotonic()  # count heartbeats from the last reply text
                    parts.append(event.text)
                    yield TextDelta(event.text)
                elif isinstance(event, Suggestions) and event.items:
                    yield Choices(tuple(Chip(label, text) for label, text in event.items))
        except StreamTimeoutError as exc:
            after = await self._try_state()
            if after is not None and changed(before, after):
                yield StateChanged(after)
                lines = change_lines(before, after)
                if lines:
                    yield TextDelta("So far: " + " ".join(lines))
            yield ErrorEvent(user_message(exc), retryable=True)
            return
        except (ConnectionFailedError, RequestTimeoutError):
            yield Notice(DROPPED)
            async for out in self.recover(before):
                yield out
            return
        after = await self.read_state()
        if changed(before, after):
            yield StateChanged(after)
        reply = "".join(parts)
        if not reply.strip():
            lines = change_lines(before, after)
            if lines:
                yield TextDelta("Done. " + " ".join(lines))
            elif before is None and not after.draft.is_empty:
                yield TextDelta("Done. " + summary(after))
            else:
                yield TextDelta("I didn't change anything. Could you say it another way?")
            return
        async for out in self._translate(reply, after, follow_up):
            yield out

    async def _translate(self, reply: str, state: SessionState,
                         follow_up: bool) -> AsyncIterator[AssistantEvent]:
        for found in translate_reply(reply):
            if found.action == "export":
                yield ActionRequest("export")
            elif found.action in ("state", "summary"):
                if found.action == "state":
                    state = await self.read_state()
                    yield StateChanged(state)
                yield TextDelta("\n" + summary(state))
            elif found.action == "add_media":
                yield Notice(ADD_MEDIA)
            elif found.action == "edit" and follow_up:
                yield Notice("Making that change for you…")
                async for out in self.run(edit_request(found.sentence), follow_up=False):
                    yield out

    async def recover(self, before: SessionState | None) -> AsyncIterator[AssistantEvent]:
        """After a dropped turn: read the state until it answers, then say what happened."""
        wait = self.timing.recover_first
        for _ in range(self.timing.recover_tries):
            await self.sleep(wait)
            wait = self.timing.recover_every
            try:
                await self.reconnect()
                after = await self.read_state()
            except ApiError:
                continue
            lines = change_lines(before, after)
            if changed(before, after):
                yield StateChanged(after)
            if before is None:
                yield TextDelta("Reconnected. " + summary(after))
            elif lines:
                yield TextDelta("Reconnected. The edit went through: " + " ".join(lines))
            else:
                yield ErrorEvent("Reconnected, but the edit was not applied. Send it again?",
                                 retryable=True)
            return
        yield ErrorEvent("Still can't reach the backend. Try again in a moment.", retryable=True)
