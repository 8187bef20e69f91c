"""The window's controller: adapts the :class:`Assistant` to the panels.

It connects (status bar), restores the project (chat history, media, timeline, preview),
streams chat turns into the chat panel, uploads dropped files one by one with per-file
progress, makes thumbnails off the UI thread, and keeps the preview in step with the timeline
(one preview render at a time, the latest change wins; a chat turn stops a preview still
waiting or rendering, which starts again after it). It holds no widgets of its own and
never blocks: every backend call is awaited on the qasync loop.

A turn that changed nothing says so (unless its reply already accounts for it). A refused
sign-in during uploads is said once in the chat; the files wait and are uploaded after the
next connection. When the backend rebuilt a lost project, the media bin's files follow their
new backend hashes and the report appears in the chat.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from meme_desktop.api.errors import TokenInvalidError
from meme_desktop.api.models import Asset, SessionState
from meme_desktop.assistant.events import (
    ActionRequest,
    Chip,
    Choices,
    ConnectionInfo,
    ErrorEvent,
    NoEffect,
    Notice,
    StateChanged,
    TextDelta,
    TurnDone,
)
from meme_desktop.assistant.replies import edit_request
from meme_desktop.draft.ops import Op
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.imaging import THUMB, image_from_bytes, make_thumbnail, placeholder

if TYPE_CHECKING:
    from meme_desktop.assistant.service import Assistant
    from meme_desktop.ui.chat_panel import ChatPanel
    from meme_desktop.ui.media_bin import MediaBin
    from meme_desktop.ui.preview import PreviewPanel
    from meme_desktop.ui.status import StatusBar
    from meme_desktop.ui.track_view import TrackView

log = logging.getLogger(__name__)
_FOLLOW_UP = edit_request("").strip()
OFFLINE_HINT = ("Try again with File → Reconnect (Ctrl+Shift+R), or choose another backend "
                "in Settings.")  # how a turn the assistant sent by itself begins
PREVIEW_DELAY = 0.25  # seconds of quiet before a preview render starts


def project_name(state: SessionState) -> str:
    """The draft's title; the backend's default task name means it has none yet."""
    title = state.draft.meta.title.strip()
    return title if title and title.lower() not in ("project", state.task_name.lower()) \
        else tr("Untitled project")


class Session(QObject):
    """One connected project on screen. ``assistant`` is None until :meth:`attach`."""

    action_requested = Signal(str)  # "export" / "upload": the window opens its dialog
    title_changed = Signal(str)
    uploads_finished = Signal()

    def __init__(self, chat: ChatPanel, media: MediaBin, track: TrackView,
                 preview: PreviewPanel, status: StatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chat, self.media, self.track, self.preview, self.status = (
            chat, media, track, preview, status)
        self.assistant: Assistant | None = None
        self.info: ConnectionInfo | None = None
        self.state: SessionState | None = None
        self.export_running = False
        self._uploads: deque[tuple[int, Path]] = deque()
        self._held: list[Path] = []  # files waiting for a sign-in
        self._upload_task: asyncio.Future[object] | None = None
        self._preview_task: asyncio.Future[object] | None = None
        self._preview_dirty = False
        self._preview_loading = False
        self._preview_autoplay = True
        self._tasks: set[asyncio.Future[object]] = set()
        chat.set_runner(self.run_turn)
        media.files_accepted.connect(self.queue_uploads)

    def _spawn(self, coro: object) -> asyncio.Future[object]:
        """Run ``coro`` in the background; it is cancelled by :meth:`shutdown`."""
        task = asyncio.ensure_future(coro)  # type: ignore[arg-type]
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Future[object]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("background task failed: %r", task.exception())

    def shutdown(self) -> None:
        """The window is closing: stop uploads, previews and thumbnails."""
        self.assistant = None
        self._uploads.clear()
        for task in [*self._tasks, self._upload_task, self._preview_task]:
            if task is not None and not task.done():
                task.cancel()

    # -- connection ------------------------------------------------------------------------
    async def attach(self, assistant: Assistant, info: ConnectionInfo) -> None:
        """Show a connected backend and restore its project (media, chat, timeline)."""
        self.assistant = assistant
        self.info = info
        self.status.set_state("ready")
        self.status.set_backend(info.backend, info.anonymous)
        self.status.set_credits(info.credits)
        self.chat.clear()
        self.media.clear()
        for message in info.history:
            if message.text and not (message.role == "user" and message.text.startswith(
                    _FOLLOW_UP)):  # the assistant's own follow-up turn, not something typed
                self.chat.add_history(message.role, message.text)
        for notice in info.notices:
            self.chat.add_notice(notice)
        try:
            state = await assistant.state()
        except Exception as exc:  # noqa: BLE001 - shown as a sentence, the window goes on
            self.chat.add_error(assistant.message_for(exc))
            return
        self.apply_state(state, highlight=False)
        if self._held:  # files that waited for a sign-in
            held, self._held = self._held, []
            self.media.add_files(held)

    def detach(self) -> None:
        self.assistant = None

    async def new_project(self) -> None:
        if self.assistant is None:
            return
        info = await self.assistant.new_project()
        await self.attach(self.assistant, info)

    # -- state -----------------------------------------------------------------------------
    def apply_state(self, state: SessionState, highlight: bool = True) -> None:
        """Redraw the timeline, add media the bin does not show yet, refresh the preview."""
        self.state = state
        self.chat.update_starters(state)
        self.track.set_draft(state.draft, state.names, highlight=highlight)
        if self.assistant is not None and self.assistant.renamed:  # a rebuilt project
            self.media.rename_assets(self.assistant.renamed, state.assets)
        known = self.media.known_hashes()
        for asset in state.assets:
            if asset.hash and asset.hash not in known:
                item = self.media.add_asset(asset)
                self._spawn(self._remote_thumbnail(item.key, asset))
        self.title_changed.emit(project_name(state))
        self._preview_autoplay = highlight  # an edit plays at once; a restored project waits
        self.schedule_preview()

    async def refresh_state(self) -> None:
        if self.assistant is not None:
            self.apply_state(await self.assistant.state())

    # -- chat ------------------------------------------------------------------------------
    async def run_turn(self, text: str) -> None:
        """Stream one turn into the chat panel (the chat panel's runner)."""
        if self.assistant is None:
            if self.status.state == "offline":  # waiting would not help: say what does
                self.chat.add_error(tr("Not connected, so nothing was changed.") + "\n"
                                    + tr(OFFLINE_HINT), text)
            else:
                self.chat.add_error(tr("Still connecting; try again in a moment."), text)
            return
        interrupted = self._stop_preview()
        self.status.set_state("busy")
        chips: tuple[Chip, ...] = ()
        try:
            async for event in self.assistant.send(text):
                if isinstance(event, TextDelta):
                    self.chat.append_reply(event.text)
                elif isinstance(event, Choices):
                    chips = event.chips                 # shown under the reply, at the end
                elif isinstance(event, Notice):
                    self.chat.add_notice(event.text)
                elif isinstance(event, StateChanged):
                    self.apply_state(event.state)
                elif isinstance(event, ActionRequest):
                    if event.kind in ("export", "upload"):
                        self.action_requested.emit(event.kind)
                elif isinstance(event, ErrorEvent):
                    self.chat.add_error(event.message, text if event.retryable else None)
                elif isinstance(event, NoEffect):
                    if not event.answered:
                        self.chat.add_notice(event.message)
                elif isinstance(event, TurnDone):
                    break
        finally:
            self.status.set_state("ready")
            if interrupted:
                self.schedule_preview()  # a turn that changed nothing still needs it
        if chips:
            self.chat.add_choices(chips)
        self._spawn(self._refresh_credits())

    async def _refresh_credits(self) -> None:
        if self.assistant is None:
            return
        try:
            self.status.set_credits(await self.assistant.credits())
        except Exception:  # noqa: BLE001 - credits are a nicety
            log.info("credits could not be read")

    # -- edits by hand ---------------------------------------------------------------------
    def edit(self, ops: list[Op], label: str) -> None:
        """A gesture's typed operations (track view, media bin): one undo step on the engine;
        on a backend without the ops endpoint, one precise sentence through the chat."""
        if self.assistant is None:
            self.chat.add_error(tr("Not connected, so nothing was changed."))
            return
        if not self.assistant.has_ops:
            self.chat.submit(self.assistant.describe_edit(ops))
            return
        self._spawn(self._edit(ops, label))

    async def _edit(self, ops: list[Op], label: str) -> None:
        if self.assistant is None:
            return
        interrupted = self._stop_preview()
        try:
            async for event in self.assistant.edit(ops, label):
                if isinstance(event, StateChanged):
                    self.apply_state(event.state)
                elif isinstance(event, ErrorEvent):
                    self.chat.add_error(event.message)
        finally:
            if interrupted:
                self.schedule_preview()

    # -- uploads ---------------------------------------------------------------------------
    def queue_uploads(self, items: list[tuple[int, Path]]) -> None:
        """Upload accepted files in the background, one after the other."""
        self._uploads.extend(items)
        for key, path in items:
            self._spawn(self._local_thumbnail(key, path))
        if self._upload_task is None or self._upload_task.done():
            self._upload_task = self._spawn(self._drain_uploads())

    @property
    def uploading(self) -> bool:
        return self._upload_task is not None and not self._upload_task.done()

    async def _drain_uploads(self) -> None:
        uploaded = False
        try:
            while self._uploads:
                key, path = self._uploads.popleft()
                if self.assistant is None:
                    self.media.set_failed(key, tr("Not connected; drop the file again later."))
                    continue
                self.media.set_progress(key, 0.0)
                try:
                    outcomes = await self.assistant.upload(
                        [path], lambda _p, f, k=key: self.media.set_progress(k, f))
                except TokenInvalidError as exc:  # the sign-in, not the file: say it once
                    self._hold([(key, path), *self._uploads], self.assistant.message_for(exc))
                    break
                except Exception as exc:  # noqa: BLE001 - one file's failure stops nothing
                    self.media.set_failed(key, self.assistant.message_for(exc))
                    continue
                finally:
                    for notice in self.assistant.take_notices() if self.assistant else ():
                        self.chat.add_notice(notice)
                outcome = outcomes[0] if outcomes else None
                if outcome is not None and outcome.asset is not None:
                    self.media.set_uploaded(key, outcome.asset)
                    uploaded = True
                else:
                    error = outcome.error if outcome and outcome.error else tr("Upload failed.")
                    prefix = f"{path.name}: "
                    self.media.set_failed(key, error.removeprefix(prefix))
            if uploaded and self.assistant is not None:
                try:
                    self.apply_state(await self.assistant.state())
                except Exception:  # noqa: BLE001 - the next turn refreshes anyway
                    log.info("state after upload could not be read")
        finally:
            self.uploads_finished.emit()

    def _hold(self, items: list[tuple[int, Path]], message: str) -> None:
        """The sign-in was refused: keep these files for the next connection, say it once."""
        self._uploads.clear()
        for key, path in items:
            self.media.set_failed(key, tr("Waiting for a sign-in; it uploads after you "
                                          "reconnect."))
            self._held.append(path)
        self.chat.add_error(message)

    async def _local_thumbnail(self, key: int, path: Path) -> None:
        item = self.media.items.get(key)
        kind = item.kind if item else ""
        loop = asyncio.get_running_loop()
        image = await loop.run_in_executor(None, make_thumbnail, path, kind, THUMB)
        self.media.set_thumbnail(key, image)

    async def _remote_thumbnail(self, key: int, asset: Asset) -> None:
        image = None
        if self.assistant is not None and asset.kind != "audio":
            data = await self.assistant.thumbnail(asset.hash, THUMB * 2)
            image = image_from_bytes(data, THUMB) if data else None
        self.media.set_thumbnail(key, image or placeholder(asset.kind or "video"))

    # -- preview ---------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        """Render a new preview soon; while one renders, remember to render again after."""
        if self.assistant is None:
            return
        if self._preview_task is not None and not self._preview_task.done():
            self._preview_dirty = True
            return
        self._preview_task = self._spawn(self._preview_loop())

    def _stop_preview(self) -> bool:
        """A turn starts: stop a preview that is waiting or rendering, so its ffmpeg does not
        take the CPU the turn needs (DESIGN.md section 5: the edit reaches the track view
        within 150 ms) and no stale draft is rendered; it starts again after the turn.
        A preview already being loaded into the player is left alone. True if one stopped."""
        task = self._preview_task
        if task is None or task.done() or self._preview_loading:
            return False
        task.cancel()
        self._preview_task = None
        return True

    async def _preview_loop(self) -> None:
        while True:
            self._preview_dirty = False
            await asyncio.sleep(PREVIEW_DELAY)
            while self.export_running:  # the assistant runs one render job at a time
                await asyncio.sleep(0.5)
            await self._render_preview()
            if not self._preview_dirty:
                return

    async def _render_preview(self) -> None:
        if self.assistant is None or self.state is None:
            return
        if self.state.draft.is_empty:
            self.preview.clear(tr("The preview appears here after your first edit."))
            return
        self.preview.set_busy(tr("Rendering preview…"))
        try:
            path = await self.assistant.preview()
        except Exception as exc:  # noqa: BLE001 - the preview is optional; say why
            log.info("preview failed: %s", type(exc).__name__)
            self.preview.set_busy(tr("No preview: {why}", why=self.assistant.message_for(exc)))
            return
        if path is not None:
            self._preview_loading = True
            try:
                await self.preview.load(path, play=self._preview_autoplay)
            finally:
                self._preview_loading = False
