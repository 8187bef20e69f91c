"""A meme from each of several files: one project per file, made by the assistant, exported.

The brief's "batch style": several files in one go, each processed with its instructions and
rendered on its own. For every file, one after the other, :class:`Batch` starts a project (on
an assistant of its own, :meth:`~meme_desktop.assistant.service.Assistant.fork`, so the
person's open project and the one reopened next time stay theirs), puts the file in it (a local
file is uploaded; a file already in a project is linked on the embedded engine or imported by
its URL on the hosted one, never sent again), names the project after the file, sends the
instructions as ordinary chat turns — by default the meme maker's "turn this into a meme"
(:func:`maker_request`, with an optional topic; when a meme repeats the caption of an earlier
file, the maker's "another one", so a batch does not tell one joke ten times) — and exports the
result into the chosen
folder, named after the file (:mod:`meme_desktop.assistant.exports`: ``cat.png`` → ``cat.mp4``,
``cat-2.mp4`` when taken). Each file is done (made and saved) before the next starts, so the
list fills as they finish and a cancel keeps every file already saved and leaves no partial one.

A file the assistant could not use (refused, an instruction that changed nothing, an error)
is reported on its item and the batch goes on. No Qt: the window and ``meme-desktop make
--each`` both drive it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from meme_desktop.api.errors import ApiError
from meme_desktop.api.models import Asset
from meme_desktop.assistant.events import AssistantError, ErrorEvent, NoEffect
from meme_desktop.assistant.exports import clean_stem, format_names, format_targets, unique_stem
from meme_desktop.assistant.messages import not_added_text, nothing_made_text
from meme_desktop.draft import TT_TEXT, TextSegment

if TYPE_CHECKING:
    from meme_desktop.assistant.service import Assistant

log = logging.getLogger(__name__)
Status = Literal["waiting", "making", "made", "exporting", "saved", "failed", "cancelled"]
MAKE_SHARE = 0.25  # of one file's part of the overall progress; the export takes the rest
_CONNECTORS = ("about ", "with ", "in ", "as ", "using ", "for ", "on ", "and ", "plus ")


def another_request(zh: bool = False) -> str:
    """The maker's "another one" (a new caption and format, never one of this project's)."""
    return "再来一个" if zh else "another one"


def maker_request(wish: str = "", zh: bool = False) -> str:
    """The chat message that asks the meme maker for a meme, with an optional topic or wish:
    ``turn this into a meme`` / ``… about mondays`` / ``… with an air horn``; in Chinese
    ``把这个做成表情包`` / ``…，主题是加班``."""
    wish = " ".join(wish.split())
    if zh:
        if not wish:
            return "把这个做成表情包"
        return f"把这个做成表情包，{wish}" if wish.startswith(("关于", "主题")) \
            else f"把这个做成表情包，主题是{wish}"
    if not wish:
        return "turn this into a meme"
    return f"turn this into a meme {wish}" if wish.lower().startswith(_CONNECTORS) \
        else f"turn this into a meme about {wish}"


@dataclass
class BatchItem:
    """One file of a batch and how far it got."""

    source: Path | Asset
    status: Status = "waiting"
    message: str = ""  # the captions it got (joined by " / "), or why it failed
    session_id: str = ""
    files: list[Path] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.source.name


class Batch:
    """Makes and exports a meme from each file (module docstring)."""

    def __init__(self, assistant: Assistant, sources: Sequence[Path | Asset], folder: Path,
                 instructions: Sequence[str] = (), presets: Sequence[str] = (),
                 quality: str = "high", export_anyway: bool = False,
                 on_change: Callable[[BatchItem], None] = lambda _item: None,
                 progress: Callable[[float], None] = lambda _f: None,
                 vary_with: str = "") -> None:
        self.assistant = assistant
        self.items = [BatchItem(s) for s in sources]
        self.folder = folder
        self.instructions = list(instructions) or [maker_request()]
        self.presets = list(presets)  # none: each meme in the shape the assistant gave it
        self.quality = quality
        self.export_anyway = export_anyway
        self.on_change = on_change
        self.progress = progress
        self.vary_with = vary_with  # sent (at most twice) when a meme repeats an earlier caption
        self._taken: set[str] = set()
        self._captions: set[str] = set()

    @property
    def saved(self) -> list[BatchItem]:
        return [i for i in self.items if i.status == "saved"]

    def _set(self, item: BatchItem, status: Status, message: str | None = None) -> None:
        item.status = status
        if message is not None:
            item.message = message
        self.on_change(item)

    def _report(self, index: int, fraction: float) -> None:
        self.progress(min(1.0, (index + fraction) / max(1, len(self.items))))

    async def run(self) -> list[BatchItem]:
        """Every file in turn; cancelling the task marks the rest ``cancelled`` and keeps the
        files already saved (the running export leaves no partial file)."""
        self.progress(0.0)
        try:
            for index, item in enumerate(self.items):
                await self._one(index, item)
                self._report(index, 1.0)
        except asyncio.CancelledError:
            for item in self.items:
                if item.status in ("waiting", "making", "made", "exporting"):
                    self._set(item, "cancelled")
            raise
        return self.items

    async def _one(self, index: int, item: BatchItem) -> None:
        a = self.assistant
        self._set(item, "making")
        try:
            info = await a.new_project()
            item.session_id = info.session_id
            problem = await self._put_file(item)
            if problem:
                self._set(item, "failed", problem)
                return
            await self._name_project(item)
            self._report(index, MAKE_SHARE / 2)
            for text in self.instructions:
                problem = await self._turn(item, text)
                if problem:
                    self._set(item, "failed", problem)
                    return
            caption = await self._caption()
            for _ in range(2 if self.vary_with else 0):
                if not caption or caption.lower() not in self._captions:
                    break
                await self._turn(item, self.vary_with)  # the same joke twice in one batch
                caption = await self._caption()
            if caption is None:
                self._set(item, "failed", nothing_made_text(self.instructions[-1]))
                return
            if caption:
                self._captions.add(caption.lower())
            self._set(item, "made", caption)
            self._report(index, MAKE_SHARE)
            self._set(item, "exporting")
            stem = await asyncio.to_thread(  # looks at the folder: off the event loop
                unique_stem, self.folder, clean_stem(item.name),
                lambda s: format_names(s, self.presets), self._taken)
            targets = format_targets(self.folder / f"{stem}.mp4", self.presets, self.quality)
            item.files = await a.export_formats(
                targets, lambda f: self._report(index, MAKE_SHARE + (1 - MAKE_SHARE) * f))
            self._set(item, "saved")
        except (ApiError, AssistantError) as exc:
            log.info("batch item failed: %s", type(exc).__name__)
            self._set(item, "failed", a.message_for(exc))

    async def _caption(self) -> str | None:
        """The made meme's captions, in order, joined by " / " ("" without any); None when
        nothing was made."""
        state = await self.assistant.state()
        if state.draft.is_empty:
            return None
        return " / ".join(" ".join(s.text.split()) for s in state.draft.segments(TT_TEXT)
                          if isinstance(s, TextSegment) and s.text.strip())

    async def _put_file(self, item: BatchItem) -> str:
        """The file into the new project; "" when it is there, else why not."""
        a, source = self.assistant, item.source
        if isinstance(source, Path):
            outcome = (await a.upload([source]))[0]
            return "" if outcome.ok else (outcome.error or "")
        sid = a.session_id
        if a.has_ops:  # the embedded engine: link the stored file, nothing is sent again
            result = await a.client.link_media(sid, [(source.hash, source.name)])
        else:
            result = await a.client.upload_urls(sid, [source.url])
        return "" if result.files else not_added_text(source.name)

    async def _name_project(self, item: BatchItem) -> None:
        """The project is listed under the file's name (where the backend keeps names)."""
        if not self.assistant.has_ops:
            return
        try:
            await self.assistant.client.rename_session(self.assistant.session_id,
                                                       clean_stem(item.name))
        except ApiError:
            log.info("the batch project could not be named")

    async def _turn(self, item: BatchItem, text: str) -> str:
        """One instruction as a chat turn; "" when it went through, else why not."""
        problem = ""
        async for event in self.assistant.send(text):
            stops = isinstance(event, ErrorEvent) or (
                isinstance(event, NoEffect) and not self.export_anyway)
            if stops:
                problem = event.message  # type: ignore[union-attr]
        return problem
