"""The ``meme-desktop engine`` sub-command (being built; see the issue that owns it)."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("engine", help="(not built yet)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("meme-desktop engine is not built yet.", file=sys.stderr)
    return 2
