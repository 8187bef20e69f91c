"""The export workflow on screen: preset dialog → native save dialog → progress with Cancel →
"Saved" with Show in folder. Several formats ticked in the dialog are exported together (one
render on the embedded engine), named after the file chosen in the save dialog
(``meme-vertical.mp4``, ``meme-square.mp4``, ``meme.gif``: asking first when any exists).

The last folder is remembered in ``UiState.last_export_dir``; a running export is written to
``UiState.pending_exports`` (with its render id once submitted) and removed when it ends, so
an export cut off by a crash is reported on the next start (:meth:`ExportFlow.report_pending`).
A running export is the session model's export state (the status bar and the preview renderer
listen to it); sentences for the chat go out as ``notice`` / ``error`` signals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import QWidget

from meme_desktop.api.errors import RenderCancelledError
from meme_desktop.api.models import SessionState
from meme_desktop.assistant.events import ExportOptions, NothingToExportError
from meme_desktop.assistant.exports import format_targets
from meme_desktop.config import Settings, UiState
from meme_desktop.draft import TT_TEXT, TextSegment
from meme_desktop.ui.dialogs import SaveDialog, ask_yes_no
from meme_desktop.ui.export_dialog import ExportDialog, ExportProgress, max_mb_of, preset_for
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.session_model import project_name

if TYPE_CHECKING:
    from meme_desktop.ui.session import Session

log = logging.getLogger(__name__)
CANCEL_GRACE = 5.0  # seconds to wait for a cancelled export to wind down


def default_folder() -> str:
    movies = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.MoviesLocation)
    return movies if movies and Path(movies).is_dir() else str(Path.home())


def suggested_name(title: str) -> str:
    safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in title).strip()
    return safe[:60].strip() or "meme"


def export_name(state: SessionState | None) -> str:
    """The file name the save dialog proposes: the project's title, else its first caption
    ("when the code compiles.mp4"), else "meme" (never the backend's "project")."""
    if state is None:
        return "meme"
    title = project_name(state)
    if title == tr("Untitled project"):
        captions = [s.text for s in state.draft.segments(TT_TEXT)
                    if isinstance(s, TextSegment) and s.text.strip()]
        title = captions[0].lower() if captions else ""
    return suggested_name(title)


class ExportFlow(QObject):
    """Runs one export at a time for the window; ``running_changed`` drives the toolbar."""

    running_changed = Signal(bool)
    notice = Signal(str)
    error = Signal(str, object)  # sentence, text to send again (or None)

    def __init__(self, window: QWidget, session: Session, settings: Settings,
                 ui_state: UiState) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.model = session.model
        self._reported = False
        self.settings = settings
        self.ui_state = ui_state
        self.progress: ExportProgress | None = None
        self._task: asyncio.Future[list[Path]] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def run(self) -> Path | None:
        """Ask for preset and place, then export; the saved path, or None."""
        assistant = self.session.assistant
        if self.running:
            if self.progress is not None:
                self.progress.present()
            return None
        if assistant is None:
            self.notice.emit(tr("Still connecting; try again in a moment."))
            return None
        if self.session.state is not None and self.session.state.draft.is_empty:
            self.error.emit(assistant.message_for(NothingToExportError("empty timeline")), None)
            return None
        meta = self.session.state.draft.meta if self.session.state is not None else None
        preset = preset_for(meta.width, meta.height, self.settings.export_preset) if meta \
            else self.settings.export_preset
        choice = await ExportDialog.choose(self.window, preset, self.settings.export_quality)
        if choice is None:
            return None
        self.settings.export_preset, self.settings.export_quality = choice.preset, choice.quality
        self.settings.save()
        dest = await SaveDialog.ask(self.window, self.ui_state.last_export_dir or default_folder(),
                                    export_name(self.session.state), choice.ext)
        if dest is None:
            return None
        self.ui_state.last_export_dir = str(dest.parent)
        self.ui_state.save()
        if not choice.several:
            return await self.export_to(dest, choice.options)
        targets = format_targets(dest, choice.presets, choice.quality, max_mb_of)
        taken = [d.name for d, _o in targets if await asyncio.to_thread(d.exists)]
        if taken and not await ask_yes_no(
                self.window, tr("Replace files?"),
                tr("{names} already exist. Replace them?", names=", ".join(taken))):
            return None
        saved = await self.export_targets(targets)
        return saved[0] if saved else None

    async def export_to(self, dest: Path, options: ExportOptions) -> Path | None:
        """Export one file with the progress window (see :meth:`export_targets`)."""
        saved = await self.export_targets([(dest, options)])
        return saved[0] if saved else None

    async def export_targets(self, targets: list[tuple[Path, ExportOptions]],
                             ) -> list[Path] | None:
        """Export every ``(path, options)`` with the progress window (several: together);
        records the job in ``pending_exports``."""
        assistant = self.session.assistant
        if assistant is None or self.running or not targets:
            return None
        dest, options = targets[0]
        entry: dict[str, object] = {"dest": str(dest), "started": int(time.time()),
                                    "preset": options.preset or "", "job": ""}
        self.ui_state.pending_exports.append(entry)
        self.ui_state.save()
        progress = self.progress = ExportProgress(self.window, dest, len(targets))
        progress.cancel_requested.connect(lambda: asyncio.ensure_future(self.cancel()))
        progress.present()

        def submitted(job_id: str) -> None:
            entry["job"] = job_id
            self.ui_state.save()

        self.model.set_exporting(True, dest.name)
        if len(targets) == 1:
            self._task = asyncio.ensure_future(self._one(dest, options, submitted))
        else:
            self._task = asyncio.ensure_future(
                assistant.export_formats(targets, progress.set_progress, submitted))
        self.running_changed.emit(True)
        try:
            saved: list[Path] = await self._task
        except (asyncio.CancelledError, RenderCancelledError):
            progress.cancelled()
            return None
        except Exception as exc:  # noqa: BLE001 - every failure becomes one sentence
            log.info("export failed: %s", type(exc).__name__)
            progress.failed(assistant.message_for(exc))
            return None
        else:
            progress.saved(*saved)
            self.notice.emit(progress.saved_text())  # the chat keeps a line afterwards
            return saved
        finally:
            for notice in assistant.take_notices():  # e.g. a project rebuilt on the way
                self.notice.emit(notice)
            self.model.set_exporting(False)
            with contextlib.suppress(ValueError):
                self.ui_state.pending_exports.remove(entry)
            self.ui_state.save()
            self.running_changed.emit(False)

    async def _one(self, dest: Path, options: ExportOptions,
                   submitted: Callable[[str], None]) -> list[Path]:
        assistant = self.session.assistant
        assert assistant is not None and self.progress is not None
        return [await assistant.export(dest, options, self.progress.set_progress, submitted)]

    async def cancel(self) -> None:
        """Stop the export now: the call is cancelled and the backend job with it."""
        task = self._task
        if task is None or task.done():
            return
        task.cancel()  # RenderJob cancels the remote job and removes its partial file
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(asyncio.shield(task), CANCEL_GRACE)

    def close_finished(self) -> None:
        """Another project opens: the last export's "Saved" (or failure) window goes; a
        running export keeps its window."""
        if self.progress is not None and self.progress.state != "running":
            self.progress.accept()

    def report_pending_once(self) -> None:
        """The first project attached: say which exports the last run left unfinished."""
        if not self._reported:
            self._reported = True
            self.report_pending()

    def report_pending(self) -> int:
        """Say which exports were cut off by a crash or a forced quit; forget them after, and
        stop their renders (the engine would otherwise make them again for nobody)."""
        pending = [p for p in self.ui_state.pending_exports if isinstance(p, dict)]
        assistant = self.session.assistant
        for p in pending:
            if assistant is not None and p.get("job"):  # the engine would render it again
                asyncio.ensure_future(assistant.forget_render(str(p["job"])))
            name = Path(str(p.get("dest", ""))).name or tr("your video")
            self.error.emit(tr("The export of “{name}” was interrupted when the app closed, so "
                               "the file was not saved. Export again?", name=name),
                            tr("export"))  # the chat word that starts an export (导出)
        if self.ui_state.pending_exports:
            self.ui_state.pending_exports = []
            self.ui_state.save()
        return len(pending)
