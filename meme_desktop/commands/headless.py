"""What the headless commands share: the assistant on a backend, progress bars, printing a
turn, uploading, exporting (one file or several formats), the one sentence for a failure.

Used by ``meme-desktop make`` (:mod:`.make`, with ``--each``: :mod:`.each`) and ``meme-desktop
chat`` (:mod:`.chat`).
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

import httpx

from meme_desktop import config
from meme_desktop.api import CloudAuth, NemoClient, Policy, StaticToken, cloud_base_url
from meme_desktop.assistant import Assistant, ExportOptions, Timing
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    ErrorEvent,
    NoEffect,
    Notice,
    TextDelta,
    TurnDone,
)
from meme_desktop.assistant.exports import format_targets
from meme_desktop.assistant.memory import MemoryOnly
from meme_desktop.assistant.messages import Context, user_message
from meme_desktop.launcher import EngineLauncher

QUALITIES = ("preview", "fast", "high", "best")
PRESETS = ("vertical", "tiktok", "square", "feed", "landscape", "discord", "whatsapp", "gif")


def preset_list(text: str) -> tuple[str, ...]:
    """``--preset vertical,square,gif``: one or more known presets, in order, each once."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in PRESETS]
    if not names or unknown:
        raise argparse.ArgumentTypeError(
            f"unknown preset {unknown[0] if unknown else text!r}; choose from "
            f"{', '.join(PRESETS)} (several: separated by commas)")
    return names


def add_backend_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--preset", type=preset_list, default=None, metavar="P[,P…]",
                   help="output format preset, or several separated by commas (one file each: "
                        "meme-vertical.mp4, meme-square.mp4, meme.gif): "
                        + ", ".join(PRESETS))
    p.add_argument("--quality", choices=QUALITIES, default=None, help="render quality")
    p.add_argument("--backend", choices=("local", "cloud"), default=None,
                   help="the embedded engine (default) or the hosted NemoVideo service")
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens on stderr")


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        logging.getLogger("httpx").setLevel(logging.WARNING)


@asynccontextmanager
async def open_assistant(backend: Literal["local", "cloud"], language: str = "en",
                         err: TextIO = sys.stderr,
                         remember: bool = True) -> AsyncIterator[Assistant]:
    """An assistant on the chosen backend; the embedded engine lives as long as the block.
    ``remember``: its project becomes the one the window reopens next time (``chat``, which
    goes on with that project); False for a run that makes a project of its own (``make``)."""
    timeout = httpx.Timeout(120.0, connect=15.0)
    memory = None if remember else MemoryOnly()
    async with httpx.AsyncClient(timeout=timeout) as http:
        if backend == "cloud":
            base = cloud_base_url(config.Settings.load().cloud_url)
            client = NemoClient(http, base, CloudAuth(base), Policy())
            yield Assistant(client, "cloud", language=language, memory=memory)
            return

        def status(s: str) -> None:
            if s == "restarting":
                print("The engine stopped; restarting it…", file=err, flush=True)

        launcher = EngineLauncher(on_status=status)
        await launcher.start()
        try:
            client = NemoClient(http, lambda: launcher.base_url, StaticToken(launcher.token),
                                Policy.local(), on_disconnect=launcher.recover)
            yield Assistant(client, "local", language=language,
                            timing=Timing(recover_first=1.0, recover_every=2.0), memory=memory)
        finally:
            await launcher.stop()


class ProgressBar:
    """A one-line text progress bar on stderr."""

    def __init__(self, label: str, out: TextIO = sys.stderr, width: int = 30) -> None:
        self.label, self.out, self.width = label, out, width
        self.last = -1

    def __call__(self, fraction: float) -> None:
        pct = int(max(0.0, min(1.0, fraction)) * 100)
        if pct == self.last:
            return
        self.last = pct
        filled = self.width * pct // 100
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if pct >= 100 else ""
        self.out.write(f"\r{self.label} [{bar}] {pct:3d}%{end}")
        self.out.flush()

    def done(self) -> None:
        if 0 <= self.last < 100:
            self.out.write("\n")
            self.out.flush()


@dataclass
class TurnResult:
    """What a printed turn asked for and how it ended."""

    actions: list[str] = field(default_factory=list)
    error: ErrorEvent | None = None
    no_effect: NoEffect | None = None


async def print_turn(events: AsyncIterator[AssistantEvent], out: TextIO = sys.stdout,
                     err: TextIO = sys.stderr) -> TurnResult:
    """Print a turn's text (stdout) and notices (stderr); return actions, error, no effect."""
    result = TurnResult()
    wrote = False
    async for event in events:
        if isinstance(event, TextDelta):
            out.write(event.text)
            out.flush()
            wrote = True
        elif isinstance(event, Notice):
            print(event.text, file=err, flush=True)
        elif isinstance(event, ActionRequest):
            result.actions.append(event.kind)
        elif isinstance(event, ErrorEvent):
            result.error = event
        elif isinstance(event, NoEffect):
            result.no_effect = event
        elif isinstance(event, TurnDone) and wrote:
            out.write("\n")
            out.flush()
    return result


def print_notices(assistant: Assistant, err: TextIO) -> None:
    """Sentences left by calls that are not turns (a project rebuilt during an upload, ...)."""
    for notice in assistant.take_notices():
        print(notice, file=err, flush=True)


async def upload_all(assistant: Assistant, files: Sequence[Path], err: TextIO) -> int:
    """Upload with a bar per file; print refusals; return how many files were stored."""
    bars: dict[Path, ProgressBar] = {}

    def progress(path: Path, fraction: float) -> None:
        bar = bars.setdefault(path, ProgressBar(f"Uploading {path.name}", err))
        bar(fraction)

    stored = 0
    for outcome in await assistant.upload(list(files), progress):
        if outcome.path in bars:
            bars[outcome.path].done()
        if outcome.ok:
            stored += 1
        else:
            print(outcome.error, file=err, flush=True)
    return stored


async def export_to(assistant: Assistant, dest: Path, presets: Sequence[str] | None,
                    quality: str | None, err: TextIO) -> list[Path]:
    """Export one file (``dest``), or one per preset named after it (several presets)."""
    settings = config.Settings.load()
    quality = quality or settings.export_quality
    bar = ProgressBar("Exporting", err)
    try:
        if presets and len(presets) > 1:
            return await assistant.export_formats(format_targets(dest, presets, quality), bar)
        options = ExportOptions.for_path(dest, preset=presets[0] if presets else None,
                                         quality=quality)
        return [await assistant.export(dest, options, bar)]
    finally:
        bar.done()


def chosen_backend(args: argparse.Namespace) -> Literal["local", "cloud"]:
    """``--backend`` when given, else the one chosen in Settings."""
    if args.backend:
        return args.backend
    return "cloud" if config.Settings.load().backend == "cloud" else "local"


def failure_sentence(exc: BaseException, backend: str, assistant: Assistant | None) -> str:
    """The one sentence for a failed command (with the account's context when known)."""
    if assistant is not None:
        return assistant.message_for(exc)
    return user_message(exc, Context(backend))


