"""The assistant: what the window and the CLI talk to (docs/architecture.md, ``Assistant``).

It owns the session (created, remembered per backend, restored on the next start), routes each
message (:mod:`routing`), runs chat turns (:mod:`turn`), uploads, exports and reads credits,
and turns every error into one sentence (:mod:`messages`). No Qt: the window adapts the async
API to widgets with qasync, the CLI runs it with ``asyncio.run``.

A 1002 (session not found) on any call makes a new session, says so once with a Notice (or in
``notices`` for non-turn calls) and repeats the call once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Literal, TypeVar

from meme_desktop.api import history as history_api
from meme_desktop.api.client import NemoClient
from meme_desktop.api.errors import (
    ApiError,
    BadRequestError,
    NotFoundError,
    SessionNotFoundError,
)
from meme_desktop.api.models import ChatMessage, Credits, SessionState
from meme_desktop.api.render import RenderJob
from meme_desktop.api.sse import StreamEvent
from meme_desktop.assistant import uploads
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantError,
    AssistantEvent,
    ConnectionInfo,
    Echo,
    ErrorEvent,
    ExportOptions,
    NotConnectedError,
    NothingToExportError,
    Notice,
    ProgressCallback,
    StateChanged,
    TextDelta,
    TurnDone,
    UploadOutcome,
    UploadProgress,
)
from meme_desktop.assistant.gestures import gesture_sentence
from meme_desktop.assistant.memory import SessionMemory
from meme_desktop.assistant.messages import Context, credits_text, is_retryable, user_message
from meme_desktop.assistant.routing import route
from meme_desktop.assistant.turn import Timing, TurnRunner, summary
from meme_desktop.draft import Draft
from meme_desktop.draft.ops import Op

log = logging.getLogger(__name__)
T = TypeVar("T")
NEW_SESSION_NOTICE = "That project no longer exists, so I started a new one."


class Assistant:
    """One person's conversation with one backend."""

    def __init__(self, client: NemoClient, backend: Literal["local", "cloud"] = "local", *,
                 language: str = "en", timing: Timing | None = None,
                 memory: SessionMemory | None = None) -> None:
        self.client = client
        self.backend = backend
        self.language = language
        self.timing = timing or Timing()
        self.memory = memory or SessionMemory()
        self.session_id = ""
        self.user_id = ""
        self.last_state: SessionState | None = None
        self.notices: list[str] = []  # one-time sentences not tied to a turn
        self._jobs: dict[str, RenderJob] = {}  # "export" / "preview": never the same job
        self._turns = TurnRunner(self._stream, self.state, client.reconnect,
                                 client.policy.sleep, self.timing, self._current_snapshot)

    def __repr__(self) -> str:
        return f"Assistant({self.backend!r}, session={self.session_id!r})"

    # -- context and sentences ------------------------------------------------------------
    @property
    def context(self) -> Context:
        return Context(self.backend, bool(getattr(self.client.auth, "anonymous", False)),
                       self.user_id or getattr(self.client.auth, "user_id", ""))

    def message_for(self, exc: BaseException) -> str:
        """The sentence for an error raised by any method here."""
        return user_message(exc, self.context)

    def _auth_notices(self) -> tuple[str, ...]:
        pending = getattr(self.client.auth, "notices", [])
        out = tuple(pending) + tuple(self.notices)
        if isinstance(pending, list):
            pending.clear()
        self.notices.clear()
        return out

    # -- sessions -------------------------------------------------------------------------
    async def connect(self, restore: bool = True) -> ConnectionInfo:
        """Authenticate, reopen the last session of this backend (or make one)."""
        restored = False
        history: tuple[ChatMessage, ...] = ()
        sid = self.memory.get(self.backend) if restore else ""
        if sid:
            try:
                self.session_id = sid
                await self._read_state(sid)
                restored = True
                try:
                    history = tuple(await self.client.messages(sid))
                except ApiError:
                    history = ()
            except (SessionNotFoundError, NotFoundError, BadRequestError):
                log.info("the last session is gone; starting a new one")
                self.session_id = ""
        if not restored:
            await self._new_session()
        return ConnectionInfo(self.backend, self.session_id, await self._credits_or_none(),
                              self.context.anonymous, self.context.user_id, restored, history,
                              self._auth_notices())

    async def new_project(self) -> ConnectionInfo:
        """Start an empty session (the old one stays on the backend)."""
        await self._new_session()
        return ConnectionInfo(self.backend, self.session_id, await self._credits_or_none(),
                              self.context.anonymous, self.context.user_id, False, (),
                              self._auth_notices())

    async def _new_session(self) -> None:
        info = await self.client.create_session("project", self.language)
        self.session_id = info.session_id
        self.user_id = info.user_id or self.user_id
        self.last_state = None
        self.memory.set(self.backend, self.session_id)

    async def _credits_or_none(self) -> Credits | None:
        try:
            return await self.client.credits()
        except ApiError:
            return None

    def _require_session(self) -> str:
        if not self.session_id:
            raise NotConnectedError("connect() first")
        return self.session_id

    async def _with_session(self, call: Callable[[str], Awaitable[T]]) -> T:
        """Run ``call(session_id)``; on 1002 make a new session, note it, and run it again."""
        try:
            return await call(self._require_session())
        except SessionNotFoundError:
            await self._new_session()
            self.notices.append(NEW_SESSION_NOTICE)
            return await call(self.session_id)

    # -- reading --------------------------------------------------------------------------
    async def _read_state(self, sid: str) -> SessionState:
        state = await self.client.state(sid)
        self.user_id = state.user_id or self.user_id
        self.last_state = state
        return state

    def _current_snapshot(self) -> SessionState | None:
        """The last state read, when nothing else can have changed it since: only on the
        local engine (private to this app, token per launch); a hosted session can also be
        edited elsewhere (the web app), so there the turn reads it again."""
        return self.last_state if self.backend == "local" else None

    async def state(self) -> SessionState:
        """The current draft and assets of the session."""
        return await self._with_session(self._read_state)

    async def summary(self) -> str:
        """The one-line timeline summary with asset names."""
        return summary(await self.state())

    async def credits(self) -> Credits:
        return await self.client.credits()

    async def credits_text(self) -> str:
        return credits_text(await self.credits(), self.context)

    # -- chat -----------------------------------------------------------------------------
    async def send(self, text: str) -> AsyncIterator[AssistantEvent]:
        """Route a message and handle it; always ends with TurnDone."""
        try:
            intent = route(text)
            if intent in ("export", "upload"):
                yield ActionRequest(intent)
            elif intent == "status":
                state = await self.state()
                yield ActionRequest("status")
                yield StateChanged(state)
                yield TextDelta(summary(state))
            elif intent == "credits":
                yield ActionRequest("credits")
                yield TextDelta(await self.credits_text())
            else:
                async for event in self._turns.run(text):
                    yield event
            for notice in self.notices:
                yield Notice(notice)
            self.notices.clear()
        except (ApiError, AssistantError) as exc:
            log.info("turn failed: %s", type(exc).__name__)
            yield ErrorEvent(self.message_for(exc), is_retryable(exc))
        except Exception as exc:  # noqa: BLE001 - the chat must get a sentence, not a crash
            log.warning("turn failed unexpectedly: %s", type(exc).__name__, exc_info=True)
            yield ErrorEvent(self.message_for(exc), False)
        yield TurnDone()

    async def _stream(self, text: str) -> AsyncIterator[StreamEvent]:
        """The raw turn stream, with the 1002 rule (only before anything was received)."""
        try:
            async for event in self.client.run_sse(self._require_session(), text):
                yield event
            return
        except SessionNotFoundError:
            await self._new_session()
            self.notices.append(NEW_SESSION_NOTICE)
        async for event in self.client.run_sse(self.session_id, text):
            yield event

    # -- edits by hand --------------------------------------------------------------------
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
        yield TurnDone()

    async def media(self, src: str) -> bytes | None:
        """The bytes of a segment's source (an upload or a built-in sound), or None."""
        try:
            return await history_api.media_bytes(self.client, src)
        except ApiError:
            return None

    # -- files ----------------------------------------------------------------------------
    async def upload(self, paths: Sequence[Path],
                     progress: UploadProgress | None = None) -> list[UploadOutcome]:
        """Upload files one by one; a refused file says why and does not stop the others."""
        outcomes: list[UploadOutcome] = []
        for path in paths:
            outcomes.append(await uploads.upload_one(self, Path(path), progress))
        return outcomes

    # -- export ---------------------------------------------------------------------------
    async def export(self, dest: Path, options: ExportOptions | None = None,
                     progress: ProgressCallback | None = None,
                     on_submitted: Callable[[str], None] | None = None,
                     resume_id: str = "") -> Path:
        """Render the current timeline into ``dest`` (written atomically)."""
        options = options or ExportOptions.for_path(dest)
        state = await self.state()
        if state.draft.is_empty:
            raise NothingToExportError("the timeline is empty")
        job = RenderJob(self.client, self.session_id, state.draft.to_json(),
                        uploads.output_spec(options), Path(dest), progress, on_submitted)
        self._jobs["export"] = job
        try:
            return await job.run(resume_id)
        finally:
            self._jobs.pop("export", None)

    async def cancel_export(self) -> None:
        """Cancel the running export, if any (its ``export`` call raises); never a preview."""
        job = self._jobs.get("export")
        if job is not None:
            await job.cancel()

    async def preview(self, progress: ProgressCallback | None = None,
                      shape: Callable[[Draft], Draft] | None = None) -> Path | None:
        """A quick low-quality render of the timeline (None when it is empty); ``shape`` may
        change what is rendered (the window leaves out captions it paints itself).

        A newer preview replaces one still rendering; an export is never touched.
        """
        state = await self.state()
        if state.draft.is_empty:
            return None
        draft = shape(state.draft) if shape is not None else state.draft
        stale = self._jobs.get("preview")
        if stale is not None:
            await stale.cancel()
        dest = self.memory.preview_path(self.session_id)
        job = RenderJob(self.client, self.session_id, draft.to_json(),
                        uploads.output_spec(ExportOptions(quality="preview")), dest, progress,
                        None)
        self._jobs["preview"] = job
        try:
            return await job.run("")
        finally:
            if self._jobs.get("preview") is job:
                del self._jobs["preview"]

    async def thumbnail(self, asset_hash: str, size: int = 256) -> bytes | None:
        """PNG bytes of an uploaded asset's thumbnail, or None when the backend has none."""
        try:
            return await self.client.thumbnail(asset_hash, size)
        except ApiError:
            return None

    async def close(self) -> None:
        """Cancel what is running; the HTTP client belongs to the caller."""
        for job in list(self._jobs.values()):
            await asyncio.shield(job.cancel())
