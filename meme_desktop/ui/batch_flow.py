"""The batch on screen: "Make a meme from each" for the pictures and clips picked in the bin.

The person picks several items in the media bin; :class:`BatchFlow` asks what to make
(:class:`~meme_desktop.ui.batch_dialog.BatchDialog`: a topic, a format, a quality) and where to
save (:class:`~meme_desktop.ui.batch_dialog.FolderDialog`), then runs a
:class:`~meme_desktop.assistant.batch.Batch` on an assistant of its own (``Assistant.fork``),
so the project open in the window, its chat and timeline stay as they are while the memes are
made. Each file gets a project named after it, made by the meme maker through an ordinary chat
turn ("turn this into a meme", with the topic), listed in the progress window as it finishes
and saved into the folder; one bar follows the whole batch and Cancel (or Esc) stops it, keeping
the memes already saved and leaving no partial file. At the end the chat says how many were
made and the new projects appear in File › Open Recent (``finished``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from meme_desktop.api.models import Asset
from meme_desktop.assistant.batch import Batch, BatchItem, another_request, maker_request
from meme_desktop.config import Settings, UiState
from meme_desktop.ui.batch_dialog import BatchDialog, BatchProgress, FolderDialog
from meme_desktop.ui.export_flow import default_folder
from meme_desktop.ui.i18n import language, tr

if TYPE_CHECKING:
    from meme_desktop.ui.session import Session

log = logging.getLogger(__name__)
CANCEL_GRACE = 10.0  # seconds for a cancelled batch to stop its render and clean up
MAKES = ("image", "video")  # what the maker makes a meme from (not sounds)


class BatchFlow(QObject):
    """One batch at a time for the window (module docstring)."""

    notice = Signal(str)
    finished = Signal()  # the batch is over: its projects are in the list

    def __init__(self, window: QWidget, session: Session, settings: Settings,
                 ui_state: UiState) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.settings = settings
        self.ui_state = ui_state
        self.progress: BatchProgress | None = None
        self.batch: Batch | None = None
        self._task: asyncio.Future[list[BatchItem]] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def run(self, assets: Sequence[Asset]) -> list[BatchItem] | None:
        """Ask, then make and save a meme from each of ``assets`` (pictures and clips)."""
        assistant = self.session.assistant
        usable = [a for a in assets if a.kind in MAKES and a.hash]
        if self.running:
            if self.progress is not None:
                self.progress.show()
                self.progress.raise_()
            return None
        if assistant is None:
            self.notice.emit(tr("Still connecting; try again in a moment."))
            return None
        if not usable:
            self.notice.emit(tr("Pick pictures or clips in the media bin first: a meme is made "
                                "from each."))
            return None
        choice = await BatchDialog.choose(self.window, len(usable), None,
                                          self.settings.export_quality)
        if choice is None:
            return None
        folder = await FolderDialog.ask(self.window,
                                        self.ui_state.last_export_dir or default_folder())
        if folder is None:
            return None
        self.ui_state.last_export_dir = str(folder)
        self.ui_state.save()
        zh = language().startswith("zh")
        return await self.make(usable, folder, [maker_request(choice.wish, zh)],
                               [choice.preset] if choice.preset else [], choice.quality,
                               another_request(zh))

    async def make(self, assets: Sequence[Asset], folder: Path, instructions: list[str],
                   presets: list[str], quality: str, vary_with: str = "",
                   ) -> list[BatchItem] | None:
        """Run the batch with the progress window (the dialogs' answers given)."""
        assistant = self.session.assistant
        if assistant is None or self.running:
            return None

        def changed(item: BatchItem) -> None:
            if self.progress is not None and self.batch is not None:
                self.progress.set_item(self.batch.items.index(item), item)

        self.batch = batch = Batch(assistant.fork(), list(assets), folder, instructions,
                                   presets, quality, on_change=changed, vary_with=vary_with)
        progress = self.progress = BatchProgress(self.window, batch.items, folder)
        batch.progress = progress.set_progress
        progress.cancel_requested.connect(lambda: asyncio.ensure_future(self.cancel()))
        progress.present()
        self._task = asyncio.ensure_future(batch.run())
        try:
            items = await self._task
        except asyncio.CancelledError:
            progress.finish(len(batch.saved), len(batch.items), cancelled=True)
            self.notice.emit(tr("Stopped the batch: {saved} of {total} memes saved in "
                                "{folder}.", saved=len(batch.saved), total=len(batch.items),
                                folder=str(folder)))
            return None
        finally:
            self.finished.emit()
        progress.finish(len(batch.saved), len(items))
        self.notice.emit(tr("Made {saved} of {total} memes in {folder}.", saved=len(batch.saved),
                            total=len(items), folder=str(folder)))
        return items

    async def cancel(self) -> None:
        """Stop the batch: the running render is cancelled, the memes already saved stay."""
        task = self._task
        if task is None or task.done():
            return
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(asyncio.shield(task), CANCEL_GRACE)
