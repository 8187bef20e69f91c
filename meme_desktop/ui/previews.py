"""Keeps the preview video in step with the timeline: one quick render at a time, the latest
change wins, reported with signals.

What is rendered is the draft without the captions the preview paints itself
(:func:`meme_desktop.ui.caption_overlay.video_draft`): retyping, moving or resizing a caption
shows in the next frame and needs no new render at all. Other edits render again after a short
quiet spell; a chat turn stops a render still waiting or running (it starts again after the
turn). While an export runs the renderer waits for it (the model's ``exporting_changed``
signal wakes it; nothing polls).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from meme_desktop.api.errors import RenderFailedError, RenderTimeoutError
from meme_desktop.ui.caption_overlay import video_draft, video_json
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.session_model import SessionModel

if TYPE_CHECKING:
    from meme_desktop.assistant.service import Assistant

log = logging.getLogger(__name__)
PREVIEW_DELAY = 0.25  # seconds of quiet before a preview render starts
Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]


class PreviewRenderer(QObject):
    """Renders previews for the model's draft; the preview panel listens."""

    rendering = Signal(str)          # a line over the picture ("Rendering preview…")
    ready = Signal(object, bool)     # Path of the new render, play it at once
    cleared = Signal(str)            # nothing to show (an empty project)

    def __init__(self, model: SessionModel, assistant: Callable[[], Assistant | None],
                 spawn: Spawn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._assistant = assistant
        self._spawn = spawn
        self._task: asyncio.Future[object] | None = None
        self._dirty = False
        self._loading = False
        self._autoplay = True
        self._rendered: dict[str, Any] | None = None  # the video draft last rendered
        self._no_export = asyncio.Event()
        self._no_export.set()
        self.renders = 0  # renders started (tests and benchmarks read it)
        model.state_changed.connect(self._on_state)
        model.exporting_changed.connect(
            lambda running: self._no_export.clear() if running else self._no_export.set())

    @property
    def idle(self) -> bool:
        return self._task is None or self._task.done()

    def reset(self) -> None:
        """A new project: the next state renders whatever it holds."""
        self._rendered = None

    def _on_state(self, highlight: bool) -> None:
        self._autoplay = highlight  # an edit plays at once; a restored project waits
        self.schedule()

    def schedule(self) -> None:
        """Render soon when the video draft changed; while one renders, again after it."""
        if self._assistant() is None or self.model.state is None:
            return
        if not self.idle:
            self._dirty = True
            return
        if self._rendered is not None and self._wanted() == self._rendered:
            return  # only painted captions changed: the preview already shows it
        self._task = self._spawn(self._loop())

    def stop(self) -> bool:
        """A turn starts: stop a preview that is waiting or rendering, so its ffmpeg does not
        take the CPU the turn needs and no stale draft is rendered; it starts again after
        the turn. A preview already being loaded into the player is left alone. True if one
        stopped."""
        task = self._task
        if task is None or task.done() or self._loading:
            return False
        task.cancel()
        self._task = None
        return True

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def _wanted(self) -> dict[str, Any]:
        return video_json(self.model.draft)

    async def _loop(self) -> None:
        while True:
            self._dirty = False
            await asyncio.sleep(PREVIEW_DELAY)
            await self._no_export.wait()  # the backend runs one render job at a time
            await self._render()
            if not self._dirty:
                return

    async def _render(self) -> None:
        assistant = self._assistant()
        if assistant is None or self.model.state is None:
            return
        if self.model.draft.is_empty:
            self._rendered = self._wanted()
            self.cleared.emit(tr("The preview appears here after your first edit."))
            return
        wanted = self._wanted()
        if wanted == self._rendered:
            return
        self.rendering.emit(tr("Rendering preview…"))
        self.renders += 1
        try:
            path = await assistant.preview(shape=video_draft)
        except Exception as exc:  # noqa: BLE001 - the preview is optional; say why
            log.info("preview failed: %s", type(exc).__name__)
            why = (tr("this timeline could not be rendered; check it and edit again")
                   if isinstance(exc, RenderFailedError | RenderTimeoutError)
                   else assistant.message_for(exc))  # the export's sentences speak of exports
            self.rendering.emit(tr("No preview: {why}", why=why))
            return
        if path is None:
            return
        self._rendered = wanted
        self._loading = True
        try:
            self.ready.emit(Path(path), self._autoplay)
        finally:
            self._loading = False
