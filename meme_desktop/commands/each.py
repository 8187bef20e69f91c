"""``meme-desktop make --each FILE... [--say TEXT]... -o FOLDER/``: a meme from each file.

Every FILE gets a project of its own, named after it, and the ``--say`` instructions in order
(by default the meme maker's "turn this into a meme", and its "another one" when a meme
repeats an earlier file's caption), then its video in FOLDER named after the
file: ``cat.png`` → ``cat.mp4`` (``cat-2.mp4`` when that name is taken, in the folder or by
another file of the same run, so nothing is replaced); with ``--preset vertical,square,gif``,
``cat-vertical.mp4``, ``cat-square.mp4`` and ``cat.gif``. One line per file on stdout as it is
made and saved, one overall progress bar on stderr. A file that cannot be used (refused, an
instruction that changed nothing, an error) is said in one sentence and the others go on. Exit
status 0 when every file was saved, 1 when any was not (the others are written), 2 for bad
arguments (a FOLDER that cannot be made). See :mod:`meme_desktop.assistant.batch`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TextIO

from meme_desktop import config
from meme_desktop.assistant.batch import Batch, BatchItem, another_request
from meme_desktop.commands.headless import (
    ProgressBar,
    chosen_backend,
    failure_sentence,
    open_assistant,
)

log = logging.getLogger(__name__)


def output_folder(path: Path, err: TextIO) -> Path | None:
    """The folder ``-o`` names, made when missing (its parent must exist); None after saying
    why it cannot be used."""
    folder = path.expanduser().resolve()
    if folder.is_file() or folder.suffix.lower() in (".mp4", ".gif") and not folder.is_dir():
        print(f"With --each, -o names a folder, not a file: {path}", file=err)
        return None
    if not folder.is_dir():
        try:
            folder.mkdir()
        except OSError:
            print(f"The folder {path} cannot be made; its parent folder must exist.", file=err)
            return None
    return folder


def _line(item: BatchItem, out: TextIO) -> None:
    if item.status == "made":
        caption = f": “{item.message}”" if item.message else ""
        print(f"{item.name}: made{caption}", file=out, flush=True)
    elif item.status == "saved":
        for path in item.files:
            print(f"Saved {path}", file=out, flush=True)
    elif item.status == "failed":
        print(f"{item.name}: {item.message}", file=out, flush=True)


async def make_each(args: argparse.Namespace, folder: Path, out: TextIO = sys.stdout,
                    err: TextIO = sys.stderr) -> int:
    backend = chosen_backend(args)
    bar = ProgressBar(f"Making {len(args.files)} memes", err)

    def changed(item: BatchItem) -> None:
        if item.status in ("made", "saved", "failed"):
            bar.done()  # the line ends before the file's own line
            bar.last = -1
            _line(item, out)

    quality = args.quality or config.Settings.load().export_quality
    try:
        async with open_assistant(backend, err=err) as assistant:
            batch = Batch(assistant.fork(), [Path(f).resolve() for f in args.files], folder,
                          args.say, args.preset or (), quality, args.export_anyway,
                          changed, bar, "" if args.say else another_request())
            try:
                items = await batch.run()
            finally:
                bar.done()
    except Exception as exc:  # noqa: BLE001 - every failure ends as one sentence
        log.info("make --each failed: %s", type(exc).__name__)
        print(failure_sentence(exc, backend, None), file=err)
        return 1
    saved = sum(1 for i in items if i.status == "saved")
    print(f"Made {saved} of {len(items)} memes in {folder}.", file=out, flush=True)
    return 0 if saved == len(items) else 1
