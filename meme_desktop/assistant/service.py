"""The assistant: what the window and the CLI talk to (docs/architecture.md, ``Assistant``).

It owns the session (created, remembered per backend, restored on the next start), routes each
message (:mod:`routing`), runs chat turns (:mod:`turn`), applies edits by hand and undo / redo
(:mod:`.by_hand`), uploads, exports and reads credits, and turns every error into one sentence
(:mod:`messages`). No Qt: the window adapts the async API to widgets with qasync, the CLI runs
it with ``asyncio.run``.

A 1002 (session not found) on any call rebuilds the project in a new session
(:mod:`.recovery`: the person's files uploaded again, the instructions that had changed the
timeline sent again), says precisely what came back and what did not, once, with a Notice (or
in ``notices`` / :meth:`Assistant.take_notices` for calls that are not turns) and repeats the
call once.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Literal, TypeVar

from meme_desktop.api.client import NemoClient
from meme_desktop.api.errors import (
    ApiError,
    BadRequestError,
    NotFoundError,
    SessionNotFoundError,
)
from meme_desktop.api.models import Asset, ChatMessage, Credits, SessionState, UploadResult
from meme_desktop.api.render import RenderJob
from meme_desktop.api.sse import StreamEvent
from meme_desktop.api.upload import Progress
from meme_desktop.assistant import uploads
from meme_desktop.assistant.by_hand import HandEdits
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantError,
    AssistantEvent,
    ConnectionInfo,
    ErrorEvent,
    ExportOptions,
    NotConnectedError,
    Notice,
    ProgressCallback,
    StateChanged,
    TextDelta,
    TurnDone,
    UploadOutcome,
    UploadProgress,
)
from meme_desktop.assistant.exports import ManyExports
from meme_desktop.assistant.memory import MemoryOnly, SessionMemory
from meme_desktop.assistant.messages import (
    Context,
    credits_text,
    is_retryable,
    restoration_text,
    sign_in_notice,
    user_message,
)
from meme_desktop.assistant.recovery import ProjectLog, Restoration, restore
from meme_desktop.assistant.routing import route
from meme_desktop.assistant.transcript import NoTranscript, Transcript
from meme_desktop.assistant.turn import Timing, TurnRecord, TurnRunner, summary
from meme_desktop.draft import Draft

log = logging.getLogger(__name__)
T = TypeVar("T")


class Assistant(HandEdits, ManyExports):
    """One person's conversation with one backend (edits by hand: :class:`HandEdits`;
    several formats in one export: :class:`ManyExports`)."""

    def __init__(self, client: NemoClient, backend: Literal["local", "cloud"] = "local", *,
                 language: str = "en", timing: Timing | None = None,
                 memory: SessionMemory | None = None,
                 transcript: Transcript | None = None) -> None:
        self.client = client
        self.backend = backend
        self.language = language
        self.timing = timing or Timing()
        self.memory = memory or SessionMemory()
        # the hosted service cannot give a project's chat back: this computer keeps it
        self.transcript = transcript or (Transcript() if backend == "cloud" else NoTranscript())
        self.session_id = ""
        self.user_id = ""
        self.last_state: SessionState | None = None
        self.notices: list[str] = []  # one-time sentences not tied to a turn
        self.project = ProjectLog(self.memory, backend)  # what a lost session needs back
        self.renamed: dict[str, str] = {}  # a file's old backend hash -> its new one
        self._restoring = False
        self._jobs: dict[str, RenderJob] = {}  # "export" / "preview": never the same job
        self._turns = TurnRunner(self._stream, self.state, client.reconnect,
                                 client.policy.sleep, self.timing, self._current_snapshot,
                                 self._restore_for_turn, trusted=backend == "local",
                                 chinese=self.chinese, describe=self.message_for)

    def __repr__(self) -> str:
        return f"Assistant({self.backend!r}, session={self.session_id!r})"

    # -- context and sentences ------------------------------------------------------------
    @property
    def context(self) -> Context:
        return Context(self.backend, bool(getattr(self.client.auth, "anonymous", False)),
                       self.user_id or getattr(self.client.auth, "user_id", ""), self.language)

    @property
    def chinese(self) -> bool:
        """The person's language is Chinese: the app's own sentences are too."""
        return self.language.startswith("zh")

    def message_for(self, exc: BaseException) -> str:
        """The sentence for an error raised by any method here."""
        return user_message(exc, self.context)

    def take_notices(self) -> tuple[str, ...]:
        """One-time sentences from calls that are not turns (no keyring, a rebuilt project
        after an upload or an export); each is given once."""
        pending = getattr(self.client.auth, "notices", [])
        out = tuple(sign_in_notice(n, self.chinese) for n in pending) + tuple(self.notices)
        if isinstance(pending, list):
            pending.clear()
        self.notices.clear()
        return out

    # -- sessions -------------------------------------------------------------------------
    async def connect(self, restore: bool = True) -> ConnectionInfo:
        """Authenticate, reopen the last session of this backend (or make one)."""
        restored = False
        history: tuple[ChatMessage, ...] = ()
        sid = await asyncio.to_thread(self.memory.get, self.backend) if restore else ""
        if sid:
            await self.project.load(sid)
            try:
                self.session_id = sid
                await self._read_state(sid)
                restored = True
                history = await self._history(sid)
            except (SessionNotFoundError, NotFoundError, BadRequestError):
                log.info("the last session is gone; starting a new one")
                self.session_id = ""
                if self.project.uploads or self.project.edits:
                    await self._replace_session()
        if not restored and not self.session_id:
            await self._new_session()
        return await self._connected(restored, history)

    async def open_project(self, session_id: str) -> ConnectionInfo:
        """Switch to another project of this backend: its media, chat and timeline come back,
        and it is the one reopened next time. A project that is gone raises
        SessionNotFoundError and the current one stays open."""
        state = await self.client.state(session_id)
        history = await self._history(session_id)
        await self.project.load(session_id)
        self.session_id = session_id
        self.user_id = state.user_id or self.user_id
        self.last_state = state
        await asyncio.to_thread(self.memory.set, self.backend, session_id)
        return await self._connected(True, history)

    async def _history(self, session_id: str) -> tuple[ChatMessage, ...]:
        """The project's chat: the backend's, else what this computer kept of it."""
        try:
            history = tuple(await self.client.messages(session_id))
        except ApiError:
            history = ()
        return history or await asyncio.to_thread(self.transcript.read, self.backend, session_id)

    async def _connected(self, restored: bool, history: tuple[ChatMessage, ...],
                         ) -> ConnectionInfo:
        return ConnectionInfo(self.backend, self.session_id, await self._credits_or_none(),
                              self.context.anonymous, self.context.user_id, restored, history,
                              self.take_notices())

    def fork(self) -> Assistant:
        """A second assistant on the same backend and sign-in, for work beside the person's
        own project (a batch): it remembers nothing on disk, so the project reopened next
        time stays the person's."""
        return Assistant(self.client, self.backend, language=self.language, timing=self.timing,
                         memory=MemoryOnly(), transcript=NoTranscript())

    async def new_project(self) -> ConnectionInfo:
        """Start an empty session (the old one stays on the backend)."""
        await self._new_session()
        return ConnectionInfo(self.backend, self.session_id, await self._credits_or_none(),
                              self.context.anonymous, self.context.user_id, False, (),
                              self.take_notices())

    async def _new_session(self, keep_project: bool = False) -> None:
        info = await self.client.create_session("project", self.language)
        self.session_id = info.session_id
        self.user_id = info.user_id or self.user_id
        self.last_state = None
        await asyncio.to_thread(self.memory.set, self.backend, self.session_id)
        if not keep_project:
            await self.project.start(self.session_id)

    async def _replace_session(self) -> Restoration:
        """The backend lost the session: rebuild the project in a new one and say how it went
        (a session lost again while rebuilding is not rebuilt again)."""
        if self._restoring:
            raise SessionNotFoundError("the new session was lost too")
        self._restoring, lost = True, self.session_id
        try:
            await self._new_session(keep_project=True)
            await asyncio.to_thread(self.transcript.carry, self.backend, lost, self.session_id)
            result = await restore(self.project, self.session_id, self._store_again,
                                   self._replay)
        finally:
            self._restoring = False
        self.renamed.update(result.renamed)
        self.notices.append(restoration_text(result, self.chinese))
        log.info("lost session rebuilt: %d files, %d instructions", len(result.uploaded),
                 len(result.replayed))
        return result

    async def _restore_for_turn(self) -> SessionState:
        await self._replace_session()
        return await self._read_state(self.session_id)

    async def _store_again(self, source: Path | str) -> Asset | None:
        """Upload a file (a path) or import it (a URL) into the new session."""
        sid = self.session_id
        result = await (self.client.upload(sid, [source]) if isinstance(source, Path)
                        else self.client.upload_urls(sid, [source]))
        return uploads.absolute(result.files[0], self.client.url) if result.files else None

    async def _replay(self, text: str) -> str:
        """Send an earlier instruction again, quietly: "" when it took effect, else why not."""
        record = TurnRecord()
        try:
            async for _event in self._turns.run(text, record, restore=False):
                pass
        except ApiError:
            record.error = "failed"
        if record.error:
            return "it could not be sent again"
        return "" if record.changed else "it had no effect this time"

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
        """Run ``call(session_id)``; on 1002 rebuild the project in a new session (it says
        how in ``notices``) and run it again."""
        try:
            return await call(self._require_session())
        except SessionNotFoundError:
            await self._replace_session()
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
                record, said = TurnRecord(), []
                async for event in self._turns.run(text, record):
                    for notice in self.take_notices():  # e.g. a rebuilt project, before
                        yield Notice(notice)            # what follows from it
                    if isinstance(event, TextDelta):
                        said.append(event.text)         # the reply shown, kept with the chat
                    yield event
                if record.changed:
                    await self.project.add_edit(text)
                await asyncio.to_thread(self.transcript.append, self.backend, self.session_id, (
                    ChatMessage("user", text), ChatMessage("assistant", "".join(said))))
            for notice in self.take_notices():
                yield Notice(notice)
        except (ApiError, AssistantError) as exc:
            log.info("turn failed: %s", type(exc).__name__)
            yield ErrorEvent(self.message_for(exc), is_retryable(exc))
        except Exception as exc:  # noqa: BLE001 - the chat must get a sentence, not a crash
            log.warning("turn failed unexpectedly: %s", type(exc).__name__, exc_info=True)
            yield ErrorEvent(self.message_for(exc), False)
        yield TurnDone()

    async def _stream(self, text: str) -> AsyncIterator[StreamEvent]:
        """The raw turn stream (a 1002 is left to the turn runner, which rebuilds)."""
        async for event in self.client.run_sse(self._require_session(), text):
            yield event

    # -- files ----------------------------------------------------------------------------
    async def upload(self, paths: Sequence[Path],
                     progress: UploadProgress | None = None) -> list[UploadOutcome]:
        """Upload files one by one; a refused file says why and does not stop the others.
        A refused sign-in is raised (it would refuse every file)."""
        outcomes: list[UploadOutcome] = []
        for path in map(Path, paths):
            outcome = await uploads.upload_one(self._upload_file, path, progress,
                                               self.message_for)
            if outcome.asset is not None:
                asset = uploads.absolute(outcome.asset, self.client.url)
                outcome = dataclasses.replace(outcome, asset=asset)
                await self.project.add_upload(path, asset)
            outcomes.append(outcome)
        return outcomes

    async def _upload_file(self, path: Path, progress: Progress) -> UploadResult:
        return await self._with_session(lambda sid: self.client.upload(sid, [path], progress))

    # -- export (one format: ManyExports.export; several: ManyExports.export_formats) ---
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
