"""Exports of the current project: one file, or several formats at once, and their names.

Names (docs/ui.md, "Several formats at once"; README): with one format the file is the one
chosen. With several, ``meme.mp4`` gives ``meme-vertical.mp4``, ``meme-square.mp4``,
``meme-discord.mp4`` (each MP4 named after its preset) and ``meme.gif`` (the GIF keeps the plain
name). A batch (:mod:`meme_desktop.assistant.batch`) names each file after its source
(``cat.png`` → ``cat.mp4``); :func:`unique_stem` picks ``cat-2``, ``cat-3``… when a name is
already taken in the folder or by another file of the same batch, so nothing is replaced.

:class:`ManyExports` (mixed into the :class:`~meme_desktop.assistant.service.Assistant`) sends
them: on the embedded engine one render job with ``output.formats`` (one decode, an encoder per
format, each file downloaded apart); on a backend without that extension one job per format, one
after the other. Either way every file goes to a hidden temporary name first and all are renamed
into place at the end: a cancel or a failure leaves no file of any format.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from meme_desktop.api.errors import ApiError
from meme_desktop.api.render import RenderJob
from meme_desktop.assistant.events import (
    ExportOptions,
    NothingToExportError,
    ProgressCallback,
)
from meme_desktop.assistant.uploads import output_spec

if TYPE_CHECKING:
    from meme_desktop.api.client import NemoClient
    from meme_desktop.api.models import SessionState

Target = tuple[Path, ExportOptions]
GIF_PRESETS = frozenset({"gif"})  # the presets that make an animated GIF
MAX_STEM = 80


def preset_format(preset: str | None) -> str:
    """``gif`` for a preset that makes a GIF, else ``mp4``."""
    return "gif" if (preset or "").lower() in GIF_PRESETS else "mp4"


def format_names(stem: str, presets: Sequence[str]) -> list[str]:
    """The file names of several formats (module docstring): ``stem-<preset>.mp4``, and
    ``stem.gif`` for the GIF; one format alone (or none: the project's own) is
    ``stem.<ext>``."""
    chosen = list(dict.fromkeys(p.lower() for p in presets))
    if len(chosen) <= 1:
        return [f"{stem}.{preset_format(chosen[0] if chosen else None)}"]
    return [f"{stem}.gif" if preset_format(p) == "gif" else f"{stem}-{p}.mp4" for p in chosen]


def format_targets(dest: Path, presets: Sequence[str], quality: str = "high",
                   max_mb: Callable[[str], float | None] = lambda _p: None) -> list[Target]:
    """Where each format of one export goes, with its options (``dest`` names the first)."""
    chosen = list(dict.fromkeys(p.lower() for p in presets))

    def options(fmt: str, preset: str | None) -> ExportOptions:
        return ExportOptions(format=cast(Any, fmt), quality=cast(Any, quality), preset=preset,
                             max_mb=max_mb(preset or ""))

    if len(chosen) <= 1:
        preset = chosen[0] if chosen else None
        fmt = preset_format(preset) if preset else (
            "gif" if dest.suffix.lower() == ".gif" else "mp4")
        return [(dest, options(fmt, preset))]
    stem = dest.stem if dest.suffix.lower() in (".mp4", ".gif") else dest.name
    return [(dest.with_name(name), options(preset_format(p), p))
            for name, p in zip(format_names(stem, chosen), chosen, strict=True)]


def clean_stem(name: str) -> str:
    """A file's stem fit to name an export: no folder, no characters file systems refuse."""
    stem = Path(name.replace("\\", "/")).stem if name else ""
    safe = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in stem)
    return safe.strip(" .")[:MAX_STEM].strip(" .") or "meme"


def unique_stem(folder: Path, stem: str, names: Callable[[str], Iterable[str]],
                taken: set[str]) -> str:
    """``stem``, else ``stem-2``, ``stem-3``…: the first whose every file name (``names``) is
    free in ``folder`` and not in ``taken`` (names the same batch already uses; updated)."""
    n = 1
    while True:
        candidate = stem if n == 1 else f"{stem}-{n}"
        wanted = [x.lower() for x in names(candidate)]
        if not any(x in taken or (folder / x).exists() for x in wanted):
            taken.update(wanted)
            return candidate
        n += 1


def formats_spec(options: Sequence[ExportOptions]) -> dict[str, Any]:
    """The render request's ``output`` for several formats (the engine's extension)."""
    entries = []
    for opts in options:
        one = output_spec(opts)
        one.pop("quality", None)
        entries.append(one)
    return {"format": entries[0]["format"], "quality": options[0].quality, "formats": entries}


class ManyExports:
    """Exports of the current project: ``export`` (one file) and ``export_formats`` (several
    formats at once, module docstring)."""

    client: NemoClient
    backend: Literal["local", "cloud"]
    session_id: str
    _jobs: dict[str, RenderJob]

    # -- given by the assistant -------------------------------------------------------------
    async def state(self) -> SessionState:
        raise NotImplementedError

    @property
    def shares_renders(self) -> bool:
        """True when the backend renders several formats in one job (the embedded engine)."""
        return self.backend == "local"

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
                        output_spec(options), Path(dest), progress, on_submitted)
        self._jobs["export"] = job
        try:
            return await job.run(resume_id)
        finally:
            self._jobs.pop("export", None)

    async def forget_render(self, job_id: str) -> None:
        """Stop a render nobody waits for any more (an export cut off when the app was closed
        by force, which the engine would otherwise render again); one already over is left."""
        with contextlib.suppress(ApiError):
            await self.client.cancel_render(job_id)

    async def cancel_export(self) -> None:
        """Cancel the running export, if any (its ``export`` call raises); never a preview."""
        job = self._jobs.get("export")
        if job is not None:
            await job.cancel()

    async def export_formats(self, targets: Sequence[Target],
                             progress: ProgressCallback | None = None,
                             on_submitted: Callable[[str], None] | None = None) -> list[Path]:
        """Render the current timeline into every ``(path, options)``; all or nothing."""
        if not targets:
            return []
        state = await self.state()
        if state.draft.is_empty:
            raise NothingToExportError("the timeline is empty")
        draft = state.draft.to_json()
        dests = [Path(d) for d, _o in targets]
        if self.shares_renders and len(targets) > 1:
            job = RenderJob(self.client, self.session_id, draft,
                            formats_spec([o for _d, o in targets]), dests, progress,
                            on_submitted)
            return await self._run_export(job)
        return await self._one_by_one(draft, targets, progress, on_submitted)

    async def _run_export(self, job: RenderJob) -> list[Path]:
        self._jobs["export"] = job
        try:
            await job.run("")
            return list(job.dests)
        finally:
            self._jobs.pop("export", None)

    async def _one_by_one(self, draft: dict[str, Any], targets: Sequence[Target],
                          progress: ProgressCallback | None,
                          on_submitted: Callable[[str], None] | None) -> list[Path]:
        """One job per format into hidden names, renamed together at the end."""
        parts = [d.with_name(f".{d.name}.{uuid.uuid4().hex[:8]}.part") for d, _o in targets]
        try:
            for n, (part, (_dest, options)) in enumerate(zip(parts, targets, strict=True)):
                def share(fraction: float, n: int = n) -> None:
                    if progress is not None:
                        progress((n + fraction) / len(targets))

                await self._run_export(RenderJob(self.client, self.session_id, draft,
                                                 output_spec(options), part, share,
                                                 on_submitted))
            for part, (dest, _options) in zip(parts, targets, strict=True):
                await asyncio.to_thread(os.replace, part, dest)
        finally:
            for part in parts:
                await asyncio.to_thread(part.unlink, True)
        return [d for d, _o in targets]
