"""The window's controller: adapts the :class:`Assistant` to the session model, with signals.

It connects (the model's connection state, also when the hosted service stops or starts
answering requests: :meth:`service_reached`), restores the project (the chat history goes out
as ``history_message``, the media and the timeline through the model), streams chat turns
(``reply`` / ``notice`` / ``error``), applies gestures (the model's ``edit_requested``: one
``POST /api/ops`` each, one undo step) and undo / redo (``history_requested``), and owns the
background work: uploads (:class:`~meme_desktop.ui.uploads.UploadQueue`), the preview
renders (:class:`~meme_desktop.ui.previews.PreviewRenderer`) and the timeline's thumbnails
and waveforms (:class:`~meme_desktop.ui.media_art.MediaArt`), and gives free heap back while
an export runs (:class:`~meme_desktop.ui.export_memory.ExportMemory`). It holds no widget and
calls none; it never blocks: every backend call is awaited on the qasync loop.

A turn that changed nothing says so (``notice``, unless its reply already accounts for it);
Stop in the chat (:meth:`after_stop`) reads the project again. Files refused because the
sign-in was refused wait in the upload queue and are imported again after the next
connection; when the backend rebuilt a lost project, the model carries which media got new
hashes (the media bin follows them) and the report comes as a ``notice``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from meme_desktop.api.errors import ApiError
from meme_desktop.api.models import SessionState
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    Chip,
    Choices,
    ConnectionInfo,
    Echo,
    ErrorEvent,
    NoEffect,
    Notice,
    StateChanged,
    TextDelta,
    TurnDone,
)
from meme_desktop.assistant.replies import edit_request
from meme_desktop.draft.ops import Op
from meme_desktop.ui.export_memory import ExportMemory
from meme_desktop.ui.i18n import tr, tr_noop
from meme_desktop.ui.media_art import MediaArt
from meme_desktop.ui.previews import PreviewRenderer
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.uploads import UploadQueue

if TYPE_CHECKING:
    from meme_desktop.assistant.service import Assistant

log = logging.getLogger(__name__)
_FOLLOW_UP = edit_request("").strip()
OFFLINE_HINT = tr_noop("Try again with File → Reconnect (Ctrl+Shift+R), or choose another "
                       "backend in Settings.")


class Session(QObject):
    """One connected project. ``assistant`` is None until :meth:`attach`."""

    action_requested = Signal(str)       # "export" / "upload": the window opens its dialog
    opened = Signal()                    # a project was (re)opened: panels start afresh
    attached = Signal()                  # a backend is attached (after ``opened``)
    history_message = Signal(str, str)   # role, text of a restored chat message
    reply = Signal(str)                  # a piece of the assistant's reply
    notice = Signal(str)
    error = Signal(str, object)          # sentence, the text to send again (or None)
    say = Signal(str)                    # send this through the chat (a backend without ops)
    choices = Signal(tuple)              # chips offered under the reply that just ended

    def __init__(self, model: SessionModel | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model or SessionModel(self)
        self.assistant: Assistant | None = None
        self.info: ConnectionInfo | None = None
        self._tasks: set[asyncio.Future[Any]] = set()
        self.uploads = UploadQueue(lambda: self.assistant, self._spawn, self)
        self.previews = PreviewRenderer(self.model, lambda: self.assistant, self._spawn, self)
        self.art = MediaArt(self._thumbnail_bytes, self._media_bytes, self)
        self.memory = ExportMemory(self.model, self)
        self.edits_done = 0  # gestures the backend confirmed (tests and benchmarks read it)
        self.uploads.finished.connect(self._after_uploads)
        self.uploads.notice.connect(self.notice)
        self.uploads.refused.connect(lambda message: self.error.emit(message, None))
        self.model.edit_requested.connect(self.edit)
        self.model.history_requested.connect(self.step_history)

    # -- compatibility for the window and tests ----------------------------------------------
    @property
    def state(self) -> SessionState | None:
        return self.model.state

    @property
    def uploading(self) -> bool:
        return self.uploads.running

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Future[Any]:
        """Run ``coro`` in the background; it is cancelled by :meth:`shutdown`."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Future[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("background task failed: %r", task.exception())

    def shutdown(self) -> None:
        """The window is closing: stop uploads, previews, thumbnails and waveforms."""
        self.assistant = None
        self.uploads.clear()
        self.art.clear()
        for task in list(self._tasks):
            if not task.done():
                task.cancel()

    # -- connection ------------------------------------------------------------------------
    def connecting(self, reconnecting: bool = False) -> None:
        self.model.set_connection("reconnecting" if reconnecting else "connecting")

    def connection_ready(self) -> None:
        if self.assistant is not None:
            self.model.set_connection("ready")

    def service_reached(self, error: ApiError | None) -> None:
        """How the hosted service took the last request (``NemoClient.on_reachable``): once
        connected, the status bar says at once that it cannot be reached (``error``), and
        Ready again as soon as it answers a request."""
        if error is None:
            if self.model.connection == "unreachable":
                self.model.set_connection("ready")
        elif self.assistant is not None and self.model.connection in ("ready", "unreachable"):
            self.model.set_connection("unreachable", self.assistant.message_for(error))

    def connection_failed(self, message: str, backend: str = "") -> None:
        """Offline: say why, name the backend that failed and what the person can do."""
        if backend:
            self.model.set_backend(backend)
            self.model.set_credits(None)
        self.model.set_connection("offline")
        self.error.emit(message + "\n" + tr(OFFLINE_HINT), None)

    async def attach(self, assistant: Assistant, info: ConnectionInfo) -> None:
        """Show a connected backend and restore its project (media, chat, timeline)."""
        self.assistant = assistant
        self.info = info
        self.art.clear()
        self.previews.reset()
        self.model.set_connection("ready")
        self.model.set_backend(info.backend, info.anonymous)
        self.model.set_attached(True, assistant.has_ops)
        self.model.set_credits(info.credits)
        self.opened.emit()
        for message in info.history:
            if message.text and not (message.role == "user" and message.text.startswith(
                    _FOLLOW_UP)):  # the assistant's own follow-up turn, not something typed
                self.history_message.emit(message.role, message.text)
        for notice in info.notices:
            self.notice.emit(notice)
        self.attached.emit()
        try:
            state = await assistant.state()
        except Exception as exc:  # noqa: BLE001 - shown as a sentence, the window goes on
            self.error.emit(assistant.message_for(exc), None)
            return
        self.apply_state(state, highlight=False)
        held = self.uploads.take_held()
        if held:  # files that waited for a sign-in go through the media bin's door again
            self.model.import_files(held)

    def detach(self) -> None:
        self.assistant = None
        self.model.set_attached(False)

    async def new_project(self) -> None:
        """An empty project; the one open before stays in the project list."""
        if self.assistant is None:
            return
        info = await self.assistant.new_project()
        self.model.clear()
        await self.attach(self.assistant, info)

    async def open_project(self, session_id: str) -> None:
        """Switch to another project (its media, chat and timeline come back). One that is
        gone raises ``SessionNotFoundError`` and the open one stays."""
        if self.assistant is None:
            return
        info = await self.assistant.open_project(session_id)
        self.model.clear()
        await self.attach(self.assistant, info)

    def apply_state(self, state: SessionState, highlight: bool = True) -> None:
        """The backend's answer into the model (with the media a rebuilt project renamed)."""
        self.model.set_state(state, highlight,
                             renamed=self.assistant.renamed if self.assistant else None)

    async def refresh_state(self) -> None:
        if self.assistant is not None:
            self.apply_state(await self.assistant.state())

    def after_stop(self) -> None:
        """Stop pressed in the chat: the stopped turn may have changed the project, so the
        views show it as it is now."""
        if self.assistant is not None:
            self._spawn(self._state_after_stop())

    async def _state_after_stop(self) -> None:
        try:
            await self.refresh_state()
        except Exception:  # noqa: BLE001 - a nicety; the next turn reads the state anyway
            log.info("the state could not be read after a stopped turn")

    # -- chat ------------------------------------------------------------------------------
    def not_connected(self, text: str | None = None) -> None:
        if self.model.connection == "offline":  # waiting would not help: say what does
            self.error.emit(tr("Not connected, so nothing was changed.") + "\n"
                            + tr(OFFLINE_HINT), text)
        else:
            self.error.emit(tr("Still connecting; try again in a moment."), text)

    async def run_turn(self, text: str) -> None:
        """Stream one turn (the chat panel's runner)."""
        if self.assistant is None:
            self.not_connected(text)
            return
        await self._stream(self.assistant.send(text), text)
        self._spawn(self._refresh_credits())

    async def _stream(self, events: AsyncIterator[AssistantEvent], text: str | None) -> bool:
        """Show a turn's events; previews wait until it is over. True if the state changed."""
        interrupted = self.previews.stop()
        self.model.set_busy(True)
        changed = False
        chips: tuple[Chip, ...] = ()
        try:
            async for event in events:
                if isinstance(event, TextDelta):
                    self.reply.emit(event.text)
                elif isinstance(event, Choices):
                    chips = event.chips                 # shown under the reply, at the end
                elif isinstance(event, Notice):
                    self.notice.emit(event.text)
                elif isinstance(event, StateChanged):
                    changed = True
                    self.apply_state(event.state)
                elif isinstance(event, ActionRequest):
                    if event.kind in ("export", "upload"):
                        self.action_requested.emit(event.kind)
                elif isinstance(event, ErrorEvent):
                    self.error.emit(event.message, text if event.retryable else None)
                elif isinstance(event, NoEffect):
                    if not event.answered:  # the reply did not already account for it
                        self.notice.emit(event.message)
                elif isinstance(event, TurnDone):
                    break
        finally:
            self.model.set_busy(False)
            if interrupted:
                self.previews.schedule()  # a turn that changed nothing still needs it
        if chips:
            self.choices.emit(chips)
        return changed

    async def _refresh_credits(self) -> None:
        if self.assistant is None:
            return
        try:
            self.model.set_credits(await self.assistant.credits())
        except Exception:  # noqa: BLE001 - credits are a nicety
            log.info("credits could not be read")

    # -- edits by hand ---------------------------------------------------------------------
    def edit(self, ops: list[Op], label: str) -> None:
        """A gesture's typed operations: one undo step on the engine; on a backend without
        the ops endpoint, one precise sentence through the chat."""
        if self.assistant is None:
            self.error.emit(tr("Not connected, so nothing was changed."), None)
            return
        if not self.assistant.has_ops:
            self.say.emit(self.assistant.describe_edit(ops))
            return
        self._spawn(self._edit(ops, label))

    async def _edit(self, ops: list[Op], label: str) -> None:
        if self.assistant is not None:
            if not await self._stream(self.assistant.edit(ops, label), None):
                self.model.show_again()  # refused: what was dragged goes back
            self.edits_done += 1

    def step_history(self, step: int) -> None:
        """Undo (-1) / redo (+1): the history endpoint, or the words through the chat."""
        if self.assistant is None:
            self.not_connected()
            return
        if not self.assistant.has_ops:
            self.say.emit("undo" if step < 0 else "redo")
            return
        self._spawn(self._step(step))

    async def _step(self, step: int) -> None:
        if self.assistant is not None:
            events = self.assistant.step_history(step)
            await self._stream(_without_echo(events), None)

    # -- uploads and art -------------------------------------------------------------------
    def _after_uploads(self, uploaded: bool) -> None:
        if uploaded and self.assistant is not None:
            self._spawn(self._state_after_upload())

    async def _state_after_upload(self) -> None:
        try:
            await self.refresh_state()
        except Exception:  # noqa: BLE001 - the next turn refreshes anyway
            log.info("state after upload could not be read")

    async def _thumbnail_bytes(self, asset: str) -> bytes | None:
        return await self.assistant.thumbnail(asset, 192) if self.assistant else None

    async def _media_bytes(self, src: str) -> bytes | None:
        return await self.assistant.media(src) if self.assistant else None


async def _without_echo(events: AsyncIterator[AssistantEvent]) -> AsyncIterator[AssistantEvent]:
    async for event in events:
        if not isinstance(event, Echo):
            yield event
