"""The ``meme-desktop engine serve`` sub-command: run the embedded engine as an HTTP server.

``meme-desktop engine serve [--host 127.0.0.1] [--port 0] [--token-file F | --token T]
[--public-url URL] [--data-dir D] [--allow-anonymous] [--render-workers N]``. The token comes
from ``MEME_ENGINE_TOKEN`` or the first line of ``--token-file`` (neither shows in the process
list); ``--token T`` still works but every user of the machine can read it in ``ps``, so it
prints a warning. Prints ``READY http://HOST:PORT`` on stdout once it accepts connections;
everything else goes to stderr and ``<data dir>/engine.log``. Every refusal is one sentence on
stderr and exit status 2 (1 when the port cannot be bound). The ``--debug-*`` options are for
tests and are not listed in ``--help``.
A person's own model is configured through ``MEME_DESKTOP_LLM_URL`` / ``_MODEL`` /
``_KEY`` / ``_TIMEOUT`` (docs/own-model.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("engine", help="run the embedded engine (an HTTP server on loopback)",
                       description="The embedded engine: the NemoVideo protocol on loopback.")
    engine_sub = p.add_subparsers(dest="engine_command", metavar="ACTION")
    s = engine_sub.add_parser("serve", help="serve the protocol until stopped (Ctrl+C)")
    s.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; others need a token)")
    s.add_argument("--port", type=int, default=0, help="port (default 0: pick a free one)")
    s.add_argument("--token-file", type=Path, default=None,
                   help="read the bearer token clients must send from this file's first line")
    s.add_argument("--token", default=None,
                   help="the token itself (visible to other users in the process list: "
                        "prefer $MEME_ENGINE_TOKEN or --token-file)")
    s.add_argument("--public-url", default=None,
                   help="the address clients use, e.g. http://render-box:8765 (the base of "
                        "media and download links, and an accepted Host name)")
    s.add_argument("--data-dir", type=Path, default=None,
                   help="where sessions, media and renders are kept (default: <data>/engine)")
    s.add_argument("--allow-anonymous", action="store_true",
                   help="let clients get 7-day tokens from /api/auth/anonymous-token")
    s.add_argument("--render-workers", type=int, default=1,
                   help="renders that may run at the same time (default 1)")
    s.add_argument("--debug-heartbeat", type=float, default=15.0, help=argparse.SUPPRESS)
    s.add_argument("--debug-turn-delay", type=float, default=0.0, help=argparse.SUPPRESS)
    s.add_argument("--debug-allow-private-urls", action="store_true", help=argparse.SUPPRESS)
    s.set_defaults(func=serve)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


TOKEN_WARNING = ("meme-desktop engine: warning: --token is visible to every user of this "
                 "machine in the process list; set MEME_ENGINE_TOKEN or use --token-file")


class _TokenFileError(Exception):
    """The ``--token-file`` cannot be used; ``problem`` is the sentence to print."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


def read_token_file(path: Path) -> str:
    """The first line of ``path``, stripped; :class:`_TokenFileError` when there is none."""
    try:
        with path.expanduser().open(encoding="utf-8") as fh:
            token = fh.readline().strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise _TokenFileError(f"cannot read the token file {path}") from exc
    if not token:
        raise _TokenFileError(f"the token file {path} is empty")
    return token


def choose_token(args: argparse.Namespace) -> str | None:
    """``--token-file``, else ``--token`` (with a warning), else ``$MEME_ENGINE_TOKEN``."""
    if args.token_file is not None and args.token:
        raise _TokenFileError("use either --token-file or --token, not both")
    if args.token_file is not None:
        return read_token_file(args.token_file)
    if args.token:
        print(TOKEN_WARNING, file=sys.stderr, flush=True)
        return str(args.token)
    return os.environ.get("MEME_ENGINE_TOKEN") or None


def serve(args: argparse.Namespace) -> int:
    from meme_desktop.config import data_dir
    from meme_desktop.engine.agent.llm import ModelConfig
    from meme_desktop.engine.errors import EngineError, user_message
    from meme_desktop.engine.server import EngineConfigError
    from meme_desktop.engine.server import serve as run_server

    try:
        token = choose_token(args)
    except _TokenFileError as exc:
        print(f"meme-desktop engine: {exc.problem}", file=sys.stderr)
        return 2
    if not 1 <= args.port + 1 <= 65536:
        print("meme-desktop engine: --port must be 0-65535", file=sys.stderr)
        return 2
    if args.render_workers < 1:
        print("meme-desktop engine: --render-workers must be at least 1", file=sys.stderr)
        return 2
    store_dir = args.data_dir.expanduser() if args.data_dir else data_dir() / "engine"
    try:
        run_server(args.host, args.port, token, store_dir, allow_anonymous=args.allow_anonymous,
                   render_workers=args.render_workers, public_url=args.public_url,
                   heartbeat=args.debug_heartbeat, turn_delay=args.debug_turn_delay,
                   allow_private_urls=args.debug_allow_private_urls,
                   model=ModelConfig.from_env())  # MEME_DESKTOP_LLM_*: docs/own-model.md
    except EngineConfigError as exc:
        print(f"meme-desktop engine: {exc.problem}", file=sys.stderr)
        return 2
    except EngineError as exc:  # e.g. a database that can be neither opened nor set aside
        print(f"meme-desktop engine: {user_message(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"meme-desktop engine: cannot listen on {args.host}:{args.port} ({exc.strerror})",
              file=sys.stderr)
        return 1
    return 0
