"""One chat turn with the conversation rules of DESIGN.md section 4.

- streamed text is passed on sentence by sentence as it arrives; tool events are hidden;
- replies that assume a GUI never reach the person (:mod:`meme_desktop.assistant.replies`):
  the instruction is cut out of the text and done instead: export → ActionRequest("export"),
  "click Upload" / "drag your file into the media bin" → ActionRequest("upload") (the file
  picker), "open the panel" → a state read and the summary, "preview in timeline" → the
  summary, "drag the clip" / "click Apply" → the sentence is sent back as one more turn whose
  reply (or, when it is silent, what it changed: "Moved …") starts a new paragraph;
- heartbeats keep the turn alive; every ``Timing.still_working`` seconds of them (2 min) the
  person sees "⏳ Still working…";
- the state is read before the turn and after it; a turn that ends without text gets a
  summary of what changed (``draft.describe_changes``), and any change is a StateChanged; a
  turn that changed nothing ends with :class:`NoEffect` naming the instruction. When the
  backend cannot change between turns without us (the private local engine), the snapshot
  kept from the last read stands in for the read before the turn (one round trip less per
  edit: DESIGN.md section 5, chat edit → track view within 150 ms);
- a session the backend lost (1002 before the stream starts) is rebuilt by the injected
  ``restore`` (new session, media and earlier instructions again), then the turn is sent;
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
    SessionNotFoundError,
    StreamTimeoutError,
)
from meme_desktop.api.models import SessionState
from meme_desktop.api.policy import Sleep
from meme_desktop.api.sse import Heartbeat, StreamEvent, Suggestions, TextChunk
from meme_desktop.assistant import messages_zh as zh
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    Chip,
    Choices,
    ErrorEvent,
    NoEffect,
    Notice,
    StateChanged,
    TextDelta,
)
from meme_desktop.assistant.messages import no_effect_text, still_working, user_message
from meme_desktop.assistant.replies import ReplyFilter, Translation, edit_request
from meme_desktop.draft import describe_changes, timeline_summary

DROPPED = "The connection dropped in the middle of the reply; checking what was done…"
MAKING_CHANGE = "Making that change for you…"
NOT_MADE = "That change was not made."


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


@dataclass
class TurnRecord:
    """What a person's message did, filled in while its turns run (the first one, and the one
    a GUI phrase may add): the states around it and the text shown."""

    begun: bool = False
    before: SessionState | None = None  # before the first turn
    after: SessionState | None = None  # the last state read
    shown: str = ""  # the reply text given to the person
    error: str = ""  # the sentence of an error that ended it

    @property
    def changed(self) -> bool:
        return self.after is not None and changed(self.before, self.after)

    @property
    def asked(self) -> bool:
        """The reply ended with a question to the person."""
        return self.shown.rstrip().endswith(("?", "？"))

    def say(self, text: str, paragraph: bool = False) -> TextDelta:
        """A piece of reply text; a new paragraph starts on a new line."""
        if paragraph and self.shown.strip() and not text.startswith("\n"):
            text = "\n" + text
        self.shown += text
        return TextDelta(text)


class TurnRunner:
    """Runs turns for one assistant; the stream and state reads are injected callables."""

    def __init__(self, stream: Callable[[str], AsyncIterator[StreamEvent]],
                 read_state: Callable[[], Awaitable[SessionState]],
                 reconnect: Callable[[], Awaitable[None]], sleep: Sleep,
                 timing: Timing,
                 snapshot: Callable[[], SessionState | None] | None = None,
                 restore: Callable[[], Awaitable[SessionState]] | None = None,
                 trusted: bool = False, chinese: bool = False,
                 describe: Callable[[BaseException], str] = user_message) -> None:
        self.stream = stream
        self.read_state = read_state
        self.snapshot = snapshot  # the last state read, when it is known to be current
        self.restore = restore  # rebuilds a lost session; returns its state
        self.trusted = trusted  # the backend's replies never claim a change it did not make
        self.chinese = chinese  # the window is in Chinese: its own sentences are too
        self.describe = describe  # an error's sentence (the assistant's message_for)
        self.reconnect = reconnect
        self.sleep = sleep
        self.timing = timing

    async def _try_state(self) -> SessionState | None:
        try:
            return await self.read_state()
        except ApiError:
            return None  # a missing snapshot must not block the turn

    async def run(self, text: str, record: TurnRecord | None = None, *,
                  follow_up: bool = True, restore: bool = True) -> AsyncIterator[AssistantEvent]:
        """One message. The first turn of a ``record`` is the person's message: it ends with
        NoEffect when nothing changed; the turns it causes share its record."""
        record = record if record is not None else TurnRecord()
        top = not record.begun
        before = self.snapshot() if self.snapshot is not None else None
        if before is None:
            before = await self._try_state()
        if not record.begun:
            record.begun, record.before = True, before
        reader = ReplyFilter()
        restored = False
        while True:
            started = False
            last_notice = time.monotonic()
            try:
                async for event in self.stream(text):
                    started = True
                    if isinstance(event, Heartbeat):
                        now = time.monotonic()
                        if now - last_notice >= self.timing.still_working:
                            last_notice = now
                            yield Notice(still_working(self.chinese))
                    elif isinstance(event, TextChunk):
                        last_notice = time.monotonic()  # count heartbeats from the last text
                        if shown := reader.feed(event.text):
                            yield record.say(shown, paragraph=reader.shown == shown)
                    elif isinstance(event, Suggestions) and event.items:
                        yield Choices(tuple(Chip(label, text) for label, text in event.items))
                break
            except SessionNotFoundError:
                if started or restored or not restore or self.restore is None:
                    raise
                restored = True
                before = await self.restore()
                if top:  # the person's message is measured against the rebuilt project
                    record.before = before
                yield StateChanged(before)
            except StreamTimeoutError as exc:
                after = await self._try_state()
                record.after = after or record.after
                if after is not None and changed(before, after):
                    yield StateChanged(after)
                    lines = change_lines(before, after)
                    if lines:
                        yield record.say("So far: " + " ".join(lines), paragraph=True)
                record.error = self.describe(exc)
                yield ErrorEvent(record.error, retryable=True)
                return
            except (ConnectionFailedError, RequestTimeoutError) as exc:
                if isinstance(exc, ConnectionFailedError) and not exc.sent:
                    await self.reconnect()  # the engine restarts; the cloud has no hook
                    raise  # the message never left: nothing to check, say so at once
                yield Notice(zh.DROPPED if self.chinese else DROPPED)
                async for out in self.recover(before, record):
                    yield out
                return
        if shown := reader.finish():
            yield record.say(shown, paragraph=reader.shown == shown)
        after = record.after = await self.read_state()
        if changed(before, after):
            yield StateChanged(after)
        actions = reader.actions()
        shows_timeline = any(a.action in ("state", "summary") for a in actions)
        if not reader.shown.strip() and not shows_timeline:
            lines = change_lines(before, after)
            if lines:
                yield record.say("Done. " + " ".join(lines), paragraph=True)
            elif before is None and not after.draft.is_empty:
                yield record.say("Done. " + summary(after), paragraph=True)
            elif not top:
                yield record.say(zh.NOT_MADE if self.chinese else NOT_MADE, paragraph=True)
        async for out in self._translate(actions, record, follow_up):
            yield out
        if top and not record.changed:
            answered = record.asked or (self.trusted and bool(record.shown.strip()))
            yield NoEffect(text, no_effect_text(text, self.chinese), answered)

    async def _translate(self, actions: list[Translation], record: TurnRecord,
                         follow_up: bool) -> AsyncIterator[AssistantEvent]:
        wanted = {a.action for a in actions}
        for found in actions:
            if found.action in ("export", "upload"):
                yield ActionRequest(found.action)
            elif found.action == "state" or (found.action == "summary" and "state" not in wanted):
                state = record.after
                if found.action == "state" or state is None:  # "open the panel": read it
                    state = record.after = await self.read_state()
                    yield StateChanged(state)
                yield record.say(summary(state), paragraph=True)  # once for both phrases
            elif found.action == "edit" and follow_up:
                yield Notice(zh.MAKING_CHANGE if self.chinese else MAKING_CHANGE)
                async for out in self.run(edit_request(found.sentence), record,
                                          follow_up=False):
                    yield out

    async def recover(self, before: SessionState | None,
                      record: TurnRecord | None = None) -> AsyncIterator[AssistantEvent]:
        """After a dropped turn: read the state until it answers, then say what happened."""
        record = record if record is not None else TurnRecord(begun=True, before=before)
        wait = self.timing.recover_first
        for _ in range(self.timing.recover_tries):
            await self.sleep(wait)
            wait = self.timing.recover_every
            try:
                await self.reconnect()
                after = await self.read_state()
            except ApiError:
                continue
            record.after = after
            lines = change_lines(before, after)
            if changed(before, after):
                yield StateChanged(after)
            if before is None:
                yield record.say("Reconnected. " + summary(after), paragraph=True)
            elif lines:
                yield record.say("Reconnected. The edit went through: " + " ".join(lines),
                                 paragraph=True)
            else:
                record.error = "Reconnected, but the edit was not applied. Send it again?"
                yield ErrorEvent(record.error, retryable=True)
            return
        record.error = "Still can't reach the backend. Try again in a moment."
        yield ErrorEvent(record.error, retryable=True)
