"""Uploads and media-bin thumbnails, in the background, reported with signals.

Files accepted at the media bin's door are uploaded one after the other (a failed file says why
on its own item; the others go on); a thumbnail of each is made from the local file in a worker
thread meanwhile. Media already in the session get their thumbnail from the backend. The queue
knows no widget: the media bin listens to ``progress`` / ``uploaded`` / ``failed`` /
``thumbnail``; ``finished`` says the queue ran dry (the controller then reads the new state).

A refused sign-in (not the file's fault: it would refuse every file) is said once with
``refused``; that file and the ones still waiting are marked as waiting for a sign-in and kept
(:meth:`UploadQueue.take_held`) until the next connection. One-time sentences of the backend
(a project rebuilt on the way) go out as ``notice``.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from meme_desktop.api.errors import TokenInvalidError
from meme_desktop.api.models import Asset
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.imaging import THUMB, image_from_bytes, make_thumbnail, placeholder

if TYPE_CHECKING:
    from meme_desktop.assistant.service import Assistant

log = logging.getLogger(__name__)
Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Future[Any]"]


class UploadQueue(QObject):
    """One upload at a time; ``assistant()`` is asked for the backend at each file."""

    progress = Signal(int, float)      # item key, fraction of that file
    uploaded = Signal(int, object)     # item key, Asset
    failed = Signal(int, str)          # item key, why
    thumbnail = Signal(int, object)    # item key, QImage
    finished = Signal(bool)            # the queue ran dry; True when something was uploaded
    refused = Signal(str)              # the sign-in was refused: why, said once
    notice = Signal(str)               # a one-time sentence of the backend

    def __init__(self, assistant: Callable[[], Assistant | None], spawn: Spawn,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._assistant = assistant
        self._spawn = spawn
        self._queue: deque[tuple[int, Path, str]] = deque()
        self._task: asyncio.Future[object] | None = None
        self._held: list[Path] = []  # files waiting for a sign-in

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def clear(self) -> None:
        self._queue.clear()

    def take_held(self) -> list[Path]:
        """The files that waited for a sign-in (forgotten here: they are imported again)."""
        held, self._held = self._held, []
        return held

    def queue(self, items: list[tuple[int, Path, str]]) -> None:
        """Upload ``(item key, path, kind)`` in the background, one after the other."""
        self._queue.extend(items)
        for key, path, kind in items:
            self._spawn(self._local_thumbnail(key, path, kind))
        if not self.running:
            self._task = self._spawn(self._drain())

    def remote_thumbnail(self, key: int, asset: Asset) -> None:
        """A thumbnail for media already in the session (restored project)."""
        self._spawn(self._remote_thumbnail(key, asset))

    async def _drain(self) -> None:
        uploaded = False
        try:
            while self._queue:
                key, path, _kind = self._queue.popleft()
                assistant = self._assistant()
                if assistant is None:
                    self.failed.emit(key, tr("Not connected; drop the file again later."))
                    continue
                self.progress.emit(key, 0.0)

                def report(_path: Path, fraction: float, k: int = key) -> None:
                    self.progress.emit(k, fraction)

                try:
                    outcomes = await assistant.upload([path], report)
                except TokenInvalidError as exc:  # the sign-in, not the file: say it once
                    self._hold([(key, path), *((k, p) for k, p, _kind in self._queue)],
                               assistant.message_for(exc))
                    break
                except Exception as exc:  # noqa: BLE001 - one file's failure stops nothing
                    self.failed.emit(key, assistant.message_for(exc))
                    continue
                finally:
                    for notice in assistant.take_notices():  # e.g. a project rebuilt
                        self.notice.emit(notice)
                outcome = outcomes[0] if outcomes else None
                if outcome is not None and outcome.asset is not None:
                    self.uploaded.emit(key, outcome.asset)
                    uploaded = True
                else:
                    error = outcome.error if outcome and outcome.error else tr("Upload failed.")
                    self.failed.emit(key, error.removeprefix(f"{path.name}: "))
        finally:
            self.finished.emit(uploaded)

    def _hold(self, items: list[tuple[int, Path]], message: str) -> None:
        """The sign-in was refused: keep these files for the next connection, say it once."""
        self._queue.clear()
        for key, path in items:
            self.failed.emit(key, tr("Waiting for a sign-in; it uploads after you reconnect."))
            self._held.append(path)
        self.refused.emit(message)

    async def _local_thumbnail(self, key: int, path: Path, kind: str) -> None:
        loop = asyncio.get_running_loop()
        image = await loop.run_in_executor(None, make_thumbnail, path, kind, THUMB)
        self.thumbnail.emit(key, image)

    async def _remote_thumbnail(self, key: int, asset: Asset) -> None:
        image = None
        assistant = self._assistant()
        if assistant is not None and asset.kind != "audio":
            data = await assistant.thumbnail(asset.hash, THUMB * 2)
            if data:
                image = await asyncio.to_thread(image_from_bytes, data, THUMB)
        self.thumbnail.emit(key, image or placeholder(asset.kind or "video"))
