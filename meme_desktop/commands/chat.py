"""``meme-desktop chat [FILE...]``: the assistant as an interactive prompt on stdin/stdout.

Each line is one message, routed like in the window: "export" (导出, "download", ...) asks for
a path (or uses ``-o``) and exports with a progress bar; "upload" (上传) asks for file paths;
"status" and "credits" answer at once; everything else is a chat turn. A reply that asks for
the export or for a file does the same. A turn that changed nothing says so, naming the
message, and the chat goes on. ``/new`` starts a new project, ``/quit`` or end of input
(Ctrl+D) quits. The last session is reopened unless ``--new`` is given.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
from pathlib import Path
from typing import TextIO

from meme_desktop.assistant import Assistant
from meme_desktop.assistant.messages import GREETING
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
    p = sub.add_parser("chat", help="chat with the assistant in the terminal",
                       description="An interactive prompt: type instructions, 'export' to save.")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="files to upload first")
    p.add_argument("-o", "--output", type=Path, default=None, metavar="OUT",
                   help="where 'export' writes (asked for when missing)")
    p.add_argument("--new", action="store_true", help="start a new project")
    add_backend_options(p)
    p.set_defaults(func=run)


class Prompt:
    """Reads lines from stdin without blocking the event loop."""

    def __init__(self, stdin: TextIO, out: TextIO) -> None:
        self.stdin, self.out = stdin, out
        self.interactive = stdin.isatty()

    async def ask(self, prompt: str) -> str | None:
        if self.interactive:
            self.out.write(prompt)
            self.out.flush()
        line = await asyncio.to_thread(self.stdin.readline)
        return None if line == "" else line.rstrip("\r\n")


async def _export(assistant: Assistant, args: argparse.Namespace, prompt: Prompt,
                  out: TextIO, err: TextIO) -> None:
    dest = args.output
    if dest is None:
        print("Save the video as (path to .mp4 or .gif):", file=out, flush=True)
        answer = await prompt.ask("path> ")
        if not answer or not answer.strip():
            print("Export skipped.", file=out, flush=True)
            return
        dest = Path(answer.strip().strip("'\""))
    dest = dest.expanduser().resolve()
    if dest.suffix.lower() not in (".mp4", ".gif"):
        dest = dest.with_suffix(".mp4")
    try:
        paths = await export_to(assistant, dest, args.preset, args.quality, err)
    except Exception as exc:  # noqa: BLE001 - shown as one sentence, the chat goes on
        print(assistant.message_for(exc), file=err, flush=True)
        return
    finally:
        print_notices(assistant, err)
    for path in paths:
        print(f"Saved {path}", file=out, flush=True)


async def _upload(assistant: Assistant, prompt: Prompt, out: TextIO, err: TextIO) -> None:
    print("Which files? (paths separated by spaces)", file=out, flush=True)
    answer = await prompt.ask("files> ")
    if not answer:
        return
    paths = [Path(p).expanduser() for p in shlex.split(answer)]
    try:
        stored = await upload_all(assistant, paths, err)
    except Exception as exc:  # noqa: BLE001 - e.g. the sign-in: one sentence, the chat goes on
        print(assistant.message_for(exc), file=err, flush=True)
        return
    finally:
        print_notices(assistant, err)
    print(f"Added {stored} file{'s' if stored != 1 else ''}.", file=out, flush=True)


async def chat(args: argparse.Namespace, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
               err: TextIO = sys.stderr) -> int:
    backend = chosen_backend(args)
    prompt = Prompt(stdin, out)
    current: Assistant | None = None
    try:
        async with open_assistant(backend, err=err) as assistant:
            current = assistant
            info = await assistant.connect(restore=not args.new)
            for notice in info.notices:
                print(notice, file=err, flush=True)
            if info.restored:
                print(f"Reopened your last project. {await assistant.summary()}", file=out)
            else:
                print(GREETING, file=out, flush=True)
            if args.files:
                try:
                    await upload_all(assistant, args.files, err)
                except Exception as exc:  # noqa: BLE001 - one sentence, the chat goes on
                    print(assistant.message_for(exc), file=err, flush=True)
                print_notices(assistant, err)
            while (line := await prompt.ask("you> ")) is not None:
                text = line.strip()
                if not text:
                    continue
                if text in ("/quit", "/exit"):
                    break
                if text == "/new":
                    await assistant.new_project()
                    print("Started a new project.", file=out, flush=True)
                    continue
                turn = await print_turn(assistant.send(text), out, err)
                if turn.error is not None:
                    print(turn.error.message, file=err, flush=True)
                if turn.no_effect is not None and not turn.no_effect.answered:
                    print(turn.no_effect.message, file=err, flush=True)
                if "export" in turn.actions:
                    await _export(assistant, args, prompt, out, err)
                if "upload" in turn.actions:
                    await _upload(assistant, prompt, out, err)
            return 0
    except Exception as exc:  # noqa: BLE001 - one sentence, non-zero exit
        print(failure_sentence(exc, backend, current), file=err)
        return 1


def run(args: argparse.Namespace) -> int:
    setup_logging(args.verbose)
    return asyncio.run(chat(args))
