"""``meme-desktop make FILE... --say "TEXT" -o OUT``: a whole meme, headless.

Starts the embedded engine (or uses the hosted backend with ``--backend cloud``), uploads the
files, runs each ``--say`` turn printing the assistant's replies on stdout, exports with a
progress bar on stderr, and exits 0 with the file written, or non-zero with one sentence. An
instruction that changed nothing stops it before the export (exit 1, the sentence names the
instruction) unless ``--export-anyway`` is given. ``--preset vertical,square,gif`` writes
several formats from one render (``-o meme.mp4`` → ``meme-vertical.mp4``, ``meme-square.mp4``,
``meme.gif``: :mod:`meme_desktop.assistant.exports`); ``--each`` makes one meme per file into
the folder ``-o`` names (:mod:`.each`). Its project is its own: the window still reopens the
project it had open (the run remembers nothing on disk). What it shares with ``meme-desktop
chat`` (the assistant on a backend, progress bars, printing a turn) is in :mod:`.headless`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import TextIO

from meme_desktop.assistant import Assistant
from meme_desktop.assistant.messages import no_effect_export_text
from meme_desktop.commands.headless import (
    add_backend_options,
    chosen_backend,
    export_to,
    failure_sentence,
    open_assistant,
    print_notices,
    print_turn,
    setup_logging,
    upload_all,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("make", help="make a meme video from files and instructions, headless",
                       description="Upload FILEs, apply each --say instruction, export to -o.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="images, clips or sounds")
    p.add_argument("--say", action="append", default=[], metavar="TEXT",
                   help="an instruction for the assistant (repeatable, applied in order; with "
                        "--each, to every file, by default \"turn this into a meme\")")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                   help="the video to write (.mp4 or .gif); with --each, the folder")
    p.add_argument("--each", action="store_true",
                   help="one project and one video per FILE, named after it, into the folder "
                        "-o names (made by the meme maker unless --say says otherwise)")
    p.add_argument("--export-anyway", action="store_true",
                   help="export even when an instruction changed nothing (by default that "
                        "stops with exit status 1 and no video)")
    add_backend_options(p)
    p.set_defaults(func=run)


async def make(args: argparse.Namespace, out: TextIO = sys.stdout,
               err: TextIO = sys.stderr) -> int:
    dest = args.output.expanduser().resolve()
    backend = chosen_backend(args)
    current: Assistant | None = None
    try:
        async with open_assistant(backend, err=err, remember=False) as assistant:
            current = assistant
            info = await assistant.connect(restore=False)
            for notice in info.notices:
                print(notice, file=err, flush=True)
            stored = await upload_all(assistant, args.files, err)
            print_notices(assistant, err)
            if stored == 0:
                print("None of the files could be used.", file=err)
                return 1
            for text in args.say:
                print(f"> {text}", file=out, flush=True)
                turn = await print_turn(assistant.send(text), out, err)
                if turn.error is not None and turn.error.retryable:
                    print(turn.error.message, file=err, flush=True)
                    turn = await print_turn(assistant.send(text), out, err)
                if turn.error is not None:
                    print(turn.error.message, file=err)
                    return 1
                if turn.no_effect is not None:
                    if not args.export_anyway:
                        print(no_effect_export_text(text), file=err)
                        return 1
                    print(turn.no_effect.message, file=err, flush=True)
            for path in await export_to(assistant, dest, args.preset, args.quality, err):
                print(f"Saved {path}", file=out, flush=True)
            print_notices(assistant, err)
            return 0
    except Exception as exc:  # noqa: BLE001 - every failure ends as one sentence
        logging.getLogger(__name__).info("make failed: %s", type(exc).__name__)
        print(failure_sentence(exc, backend, current), file=err)
        return 1


def run(args: argparse.Namespace) -> int:
    setup_logging(args.verbose)
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        print(f"File not found: {missing[0]}", file=sys.stderr)
        return 2
    if args.each:
        from meme_desktop.commands.each import make_each, output_folder

        folder = output_folder(args.output, sys.stderr)
        return 2 if folder is None else asyncio.run(make_each(args, folder))
    return asyncio.run(make(args))
