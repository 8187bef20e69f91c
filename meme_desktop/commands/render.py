"""The ``meme-desktop render`` sub-command: render a draft file to MP4 or GIF, headless.

``meme-desktop render DRAFT.json -o OUT [--preset NAME] [--quality Q] [--format F]
[--max-mb N]``. Segment sources may be file paths (relative to the draft file's folder) or the
built-in ``sfx:``/``music:`` sounds. Progress goes to stderr; any failure is one clear sentence
(from :func:`meme_desktop.engine.errors.user_message`) and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Literal

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="render a draft JSON file to a video or GIF",
                       description="Render a draft (timeline JSON) to MP4 or GIF.")
    p.add_argument("draft", type=Path, help="the draft JSON file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    p.add_argument("--preset", default=None,
                   help="vertical/tiktok, square, feed, landscape, discord, whatsapp, gif")
    p.add_argument("--quality", default="high", choices=("preview", "fast", "high", "best"))
    p.add_argument("--format", default=None, choices=("mp4", "gif"),
                   help="default: from the output's extension")
    p.add_argument("--max-mb", type=float, default=None, help="keep the MP4 under N MB")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=run)


def _load_draft(path: Path):  # -> Draft (imported lazily: keeps --help fast)
    from meme_desktop.draft import Draft
    from meme_desktop.engine.jsonbody import check_tree
    from meme_desktop.engine.protocol_errors import BadRequestError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise _CliError(f"The draft file {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise _CliError(f"The draft file {path} cannot be read.") from exc
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _CliError(f"The draft file {path} is not valid JSON.") from exc
    try:
        check_tree(raw)  # the engine's limits: nesting depth, valid Unicode text
    except BadRequestError as exc:
        raise _CliError(f"The draft file {path} cannot be used: {exc.problem}.") from exc
    return Draft.from_json(raw)


class _CliError(Exception):
    """A problem already phrased for the person (file-level problems of the CLI itself)."""


def _resolver(base: Path):
    def resolve(src: str) -> Path:
        path = Path(src).expanduser()
        return path if path.is_absolute() else base / path

    return resolve


class _Printer:
    """Progress on one stderr line (``Rendering…  42%``), closed before any other message."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.last = -1

    def __call__(self, fraction: float) -> None:
        step = int(fraction * 100)
        if self.quiet or step == self.last:
            return
        self.last = step
        print(f"\rRendering… {step:3d}%", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.last >= 0:
            print(file=sys.stderr, flush=True)
            self.last = -1


def run(args: argparse.Namespace) -> int:
    from meme_desktop.draft import DraftError
    from meme_desktop.engine.errors import EngineError, user_message
    from meme_desktop.engine.render import RenderOptions, render
    from meme_desktop.engine.render.presets import MAX_CAP_MB

    out: Path = args.output.expanduser().resolve()
    fmt: Literal["mp4", "gif"] = args.format or ("gif" if out.suffix.lower() == ".gif" else "mp4")
    if args.preset and args.preset.lower() == "gif":
        fmt = "gif"
    if args.max_mb is not None and not (math.isfinite(args.max_mb)
                                        and 0 < args.max_mb <= MAX_CAP_MB):
        print(f"--max-mb must be a number of megabytes above 0 and at most {MAX_CAP_MB}.",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    max_bytes = int(args.max_mb * 1024 * 1024) if args.max_mb else None
    options = RenderOptions(format=fmt, quality=args.quality, preset=args.preset,
                            max_bytes=max_bytes)
    printer = _Printer(args.quiet)
    try:
        draft = _load_draft(args.draft)
        render(draft, out, options, _resolver(args.draft.expanduser().resolve().parent),
               progress=printer)
    except _CliError as exc:
        printer.close()
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except (DraftError, EngineError) as exc:
        printer.close()
        print(user_message(exc), file=sys.stderr)
        return EXIT_FAILED
    printer.close()
    print(str(out))
    return 0
