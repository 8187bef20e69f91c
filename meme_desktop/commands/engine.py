"""The ``meme-desktop engine serve`` sub-command: run the embedded engine as an HTTP server.

``meme-desktop engine serve [--host 127.0.0.1] [--port 0] [--token T] [--data-dir D]
[--allow-anonymous] [--render-workers N]``. The token may also come from ``MEME_ENGINE_TOKEN``
(preferred: it does not show in the process list). Prints ``READY http://HOST:PORT`` on stdout
once it accepts connections; everything else goes to stderr and ``<data dir>/engine.log``.
The ``--debug-*`` options are for tests and are not listed in ``--help``. A person's own model
is configured through ``MEME_DESKTOP_LLM_URL`` / ``_MODEL`` / ``_KEY`` / ``_TIMEOUT``
(docs/own-model.md).
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
    s.add_argument("--token", default=None,
                   help="bearer token clients must send (default: $MEME_ENGINE_TOKEN)")
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


def serve(args: argparse.Namespace) -> int:
    from meme_desktop.config import data_dir
    from meme_desktop.engine.agent.llm import ModelConfig
    from meme_desktop.engine.server import EngineConfigError
    from meme_desktop.engine.server import serve as run_server

    token = args.token or os.environ.get("MEME_ENGINE_TOKEN") or None
    if not 1 <= args.port + 1 <= 65536:
        print("meme-desktop engine: --port must be 0-65535", file=sys.stderr)
        return 2
    if args.render_workers < 1:
        print("meme-desktop engine: --render-workers must be at least 1", file=sys.stderr)
        return 2
    store_dir = args.data_dir.expanduser() if args.data_dir else data_dir() / "engine"
    try:
        run_server(args.host, args.port, token, store_dir, allow_anonymous=args.allow_anonymous,
                   render_workers=args.render_workers, heartbeat=args.debug_heartbeat,
                   turn_delay=args.debug_turn_delay,
                   allow_private_urls=args.debug_allow_private_urls,
                   model=ModelConfig.from_env())  # MEME_DESKTOP_LLM_*: docs/own-model.md
    except EngineConfigError as exc:
        print(f"meme-desktop engine: {exc.problem}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"meme-desktop engine: cannot listen on {args.host}:{args.port} ({exc.strerror})",
              file=sys.stderr)
        return 1
    return 0
