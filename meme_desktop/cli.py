"""The ``meme-desktop`` command: no arguments opens the window; sub-commands work headless.

Each sub-command lives in its own module under :mod:`meme_desktop.commands` with a
``register(subparsers)`` function that adds its parser and sets ``func`` (returns an exit code).
Heavy imports (Qt, ffmpeg, the engine) happen inside the commands, so ``--version`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from meme_desktop import __version__, heap

# sub-command module names under meme_desktop.commands, in the order --help lists them
COMMANDS = ("render", "engine", "make", "chat", "ops")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meme-desktop",
        description="Make meme videos by chatting. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"meme-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"meme_desktop.commands.{name}")
        except ImportError as exc:  # one broken command must not take the others down
            _register_broken(sub, name, exc)
            continue
        module.register(sub)
    return parser


def _register_broken(sub: argparse._SubParsersAction, name: str, exc: ImportError) -> None:
    """A parser for a command whose module failed to import: it explains, and exits 1."""
    missing = exc.name or "a module"

    def run(_args: argparse.Namespace) -> int:
        print(f"meme-desktop {name} cannot run: {missing} is missing from this installation.",
              file=sys.stderr)
        return 1

    p = sub.add_parser(name, help="(unavailable in this installation)", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=run)


def _open_window() -> int:
    """The window, after checking that Qt can show one here (else one sentence, exit 1)."""
    from meme_desktop import preflight

    problem = preflight.check()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from meme_desktop.app import run_app

    return run_app([])


def main(argv: Sequence[str] | None = None) -> int:
    heap.configure()  # before any thread starts: the window, the engine and every command
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-psn_"):  # macOS Finder passes -psn_...
        return _open_window()
    if args_list == ["engine", "helper"]:  # the engine's media helper (not for people)
        from meme_desktop.engine.helper_main import main as helper_main

        return helper_main()
    if args_list in (["--version"], ["-V"]):
        print(f"meme-desktop {__version__}")
        return 0
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        return _open_window()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # "meme-desktop ops schema | head": the reader left, that is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
