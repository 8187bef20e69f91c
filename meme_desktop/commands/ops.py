"""The ``meme-desktop ops`` sub-command: the typed edit language (docs/ops.md) from a terminal.

``meme-desktop ops schema`` prints the JSON Schema of an operation list (the same document the
engine serves at ``GET /api/ops/schema``); ``meme-desktop ops check FILE`` reads an operation
list (JSON, ``-`` for standard input) and says whether it is valid, naming the operation and
field of the first problem. Neither needs the engine.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ops", help="the typed edit operations: print the schema, check a list",
                       description="The typed edit operations (see docs/ops.md).")
    ops_sub = p.add_subparsers(dest="ops_command", metavar="ACTION")
    s = ops_sub.add_parser("schema", help="print the JSON Schema of an operation list")
    s.set_defaults(func=_schema)
    c = ops_sub.add_parser("check", help="check an operation list (a JSON file, or - for stdin)")
    c.add_argument("file", help="the JSON file holding a list of operations, or -")
    c.set_defaults(func=_check)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _schema(args: argparse.Namespace) -> int:
    from meme_desktop.draft.ops import schema

    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return 0


def _check(args: argparse.Namespace) -> int:
    from meme_desktop.draft import OpError
    from meme_desktop.draft.ops import ops_from_json

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Cannot read {args.file}: {getattr(exc, 'strerror', None) or 'not UTF-8 text'}.",
              file=sys.stderr)
        return 1
    try:
        raw = json.loads(text)
        ops = ops_from_json(raw.get("ops") if isinstance(raw, dict) else raw)
    except json.JSONDecodeError as exc:
        print(f"{args.file} is not valid JSON (line {exc.lineno}, column {exc.colno}).",
              file=sys.stderr)
        return 1
    except RecursionError:  # nested thousands deep: Python's parser runs out of stack
        print(f"{args.file} is nested too deeply to be a list of operations.", file=sys.stderr)
        return 1
    except OpError as exc:
        print(f"Not valid: {exc}.", file=sys.stderr)
        return 1
    print(f"Valid: {len(ops)} operation{'s' if len(ops) != 1 else ''} "
          f"({', '.join(op.NAME for op in ops) or 'none'}).")
    return 0
