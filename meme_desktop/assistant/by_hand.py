"""Edits by hand, for the assistant: a gesture's typed operations and undo / redo.

On the embedded engine a gesture is one ``POST /api/ops`` (one undo step) and undo / redo is
``POST /api/history``, without a chat turn; on a backend without them (the hosted service) the
gesture becomes one precise chat sentence (:mod:`.gestures`) and undo / redo the words, sent as
a turn. Either way the events are the turn's (:class:`StateChanged`, :class:`ErrorEvent`, a
:class:`Notice` when the project was rebuilt on the way) and end with :class:`TurnDone`.
:class:`HandEdits` is mixed into :class:`~meme_desktop.assistant.service.Assistant`, which
provides the session, the client and the sentences.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Literal, TypeVar

from meme_desktop.api import history as history_api
from meme_desktop.api.client import NemoClient
from meme_desktop.api.errors import ApiError
from meme_desktop.api.models import SessionState
from meme_desktop.assistant.events import (
    AssistantError,
    AssistantEvent,
    Echo,
    ErrorEvent,
    Notice,
    StateChanged,
    TurnDone,
)
from meme_desktop.assistant.gestures import gesture_sentence
from meme_desktop.draft.ops import Op

log = logging.getLogger(__name__)
T = TypeVar("T")


class HandEdits:
    """Gestures and undo / redo; the assistant gives the rest (see the stubs below)."""

    client: NemoClient
    backend: Literal["local", "cloud"]
    last_state: SessionState | None

    # -- given by the assistant -------------------------------------------------------------
    def message_for(self, exc: BaseException) -> str:
        raise NotImplementedError

    def take_notices(self) -> tuple[str, ...]:
        raise NotImplementedError

    async def state(self) -> SessionState:
        raise NotImplementedError

    def send(self, text: str) -> AsyncIterator[AssistantEvent]:
        raise NotImplementedError

    async def _with_session(self, call: Callable[[str], Awaitable[T]]) -> T:
        raise NotImplementedError

    # -- edits by hand ------------------------------------------------------------------------
    @property
    def has_ops(self) -> bool:
        """True when the backend applies typed operations (the embedded engine)."""
        return self.backend == "local"

    def describe_edit(self, ops: Sequence[Op]) -> str:
        """The chat sentence for ``ops`` against the timeline last shown (for a backend
        without the ops endpoint)."""
        state = self.last_state
        return gesture_sentence(ops, state.draft, state.names) if state else ""

    async def edit(self, ops: Sequence[Op], label: str = "") -> AsyncIterator[AssistantEvent]:
        """A gesture's typed operations: one ``POST /api/ops`` on the engine (one undo step);
        on a backend without it, one precise chat sentence (an :class:`Echo`, then the turn).
        Always ends with TurnDone."""
        if not self.has_ops:
            if self.last_state is None:
                await self.state()
            sentence = self.describe_edit(ops)
            yield Echo(sentence)
            async for event in self.send(sentence):
                yield event
            return
        try:
            result = await self._with_session(
                lambda sid: self.client.apply_ops(sid, ops, label))
            self.last_state = result.state
            yield StateChanged(result.state)
        except (ApiError, AssistantError) as exc:
            log.info("edit failed: %s", type(exc).__name__)
            yield ErrorEvent(self.message_for(exc), False)
        for notice in self.take_notices():  # e.g. the project was rebuilt on the way
            yield Notice(notice)
        yield TurnDone()

    async def step_history(self, step: int) -> AsyncIterator[AssistantEvent]:
        """Undo (``step`` -1) or redo (+1) one edit: the history endpoint on the engine (no chat
        turn); "undo" / "redo" through the chat on a backend without it. Ends with TurnDone."""
        if not self.has_ops:
            word = "undo" if step < 0 else "redo"
            yield Echo(word)
            async for event in self.send(word):
                yield event
            return
        try:
            result = await self._with_session(
                lambda sid: history_api.step_history(self.client, sid, step))
            self.last_state = result.state
            yield StateChanged(result.state)
        except (ApiError, AssistantError) as exc:
            log.info("history step failed: %s", type(exc).__name__)
            yield ErrorEvent(self.message_for(exc), False)
        for notice in self.take_notices():
            yield Notice(notice)
        yield TurnDone()

    async def media(self, src: str) -> bytes | None:
        """The bytes of a segment's source (an upload or a built-in sound), or None."""
        try:
            return await history_api.media_bytes(self.client, src)
        except ApiError:
            return None
