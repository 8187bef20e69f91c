"""Caption pictures: each caption drawn once with Qt into a transparent PNG, cached by content.

The drawing and the placement live in :mod:`meme_desktop.caption_art`, shared with the window's
preview (which paints the same pictures over the video while a caption is dragged). A caption
with a free position (``xy``, dragged on the preview) is centred there instead of at ``pos``.

Text is shaped by Qt (QtGui only: QTextLayout, QPainter on a QImage), so wrapping, CJK and
emoji work through Qt's font fallback: the style's face first (system "Impact", else the
bundled Anton, OFL), then DejaVu Sans, Noto Sans CJK and Noto Color Emoji.

Threads (decided here): Qt's font database needs a QGuiApplication, and one may only be created
in the main thread. So :func:`caption_pngs` draws in-process when an application object exists
(the CLI creates an offscreen one in its main thread; the engine server may call
:func:`prepare_text_engine` from its main thread at start) or when called from the main thread
(it then creates the offscreen app). Painting on a QImage is allowed from worker threads once
the app exists. From a worker thread with no app, it runs this module as a small subprocess
(``python -m meme_desktop.engine.render.captions``) that draws every missing PNG at once.
The engine itself loads no Qt: its media helper draws them (:mod:`meme_desktop.engine.helper`).
Results are cached in ``cache_dir()/captions`` by a hash of everything that affects pixels.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from meme_desktop.caption_geometry import caption_xy, margin
from meme_desktop.config import cache_dir, resources_dir
from meme_desktop.engine import helper
from meme_desktop.engine.children import popen_options
from meme_desktop.engine.errors import RenderFailedError
from meme_desktop.engine.helper import HelperError

CAPTION_VERSION = 4  # 4: a line break inside a caption is kept
_app_lock = threading.Lock()


@dataclass(frozen=True)
class CaptionSpec:
    """Everything that decides a caption's pixels."""

    text: str
    style: str  # classic | bar | subtitle | plain
    pos: str  # top | center | bottom
    color: str
    size: float
    canvas_w: int
    canvas_h: int

    def key(self) -> str:
        raw = json.dumps([CAPTION_VERSION, asdict(self)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]

    def path(self) -> Path:
        folder = cache_dir() / "captions"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"cap-{self.key()}.png"


@dataclass(frozen=True)
class Placed:
    """A caption PNG and where it goes on the canvas; ``free`` when placed by ``xy``."""

    spec: CaptionSpec
    path: Path
    x: int
    y: int
    width: int
    height: int
    free: bool = False


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG header."""
    with path.open("rb") as fh:
        head = fh.read(24)
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def place(spec: CaptionSpec, path: Path, xy: tuple[float, float] | None = None) -> Placed:
    """Where a caption's PNG sits (:func:`meme_desktop.caption_geometry.caption_xy`)."""
    width, height = png_size(path)
    x, y = caption_xy(spec.style, spec.pos, xy, spec.canvas_w, spec.canvas_h, width, height)
    return Placed(spec, path, x, y, width, height, xy is not None)


def font_files() -> list[Path]:
    """The bundled fonts (Anton, OFL) that Qt should know about."""
    folder = resources_dir() / "fonts"
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".ttf", ".otf", ".woff",
                                                                      ".woff2"))


def _load_fonts() -> None:
    from PySide6.QtGui import QFontDatabase

    for path in font_files():
        QFontDatabase.addApplicationFont(str(path))


_fonts_loaded = False


def prepare_text_engine() -> bool:
    """Make sure a QGuiApplication exists (offscreen) and the bundled fonts are loaded.

    Call from the main thread. Returns False when that is not possible (a worker thread and
    no application yet), in which case captions are drawn by a subprocess.
    """
    global _fonts_loaded
    from PySide6.QtGui import QGuiApplication

    with _app_lock:
        app = QGuiApplication.instance()
        if app is None:
            if threading.current_thread() is not threading.main_thread():
                return False
            platform = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
            global _own_app
            _own_app = QGuiApplication(["meme-desktop-captions", "-platform", platform])
        if not _fonts_loaded:
            _load_fonts()
            _fonts_loaded = True
    return True


_own_app: object | None = None


def _draw_all(specs: list[CaptionSpec]) -> None:
    from meme_desktop.caption_art import draw_caption  # QtGui: not loaded by the engine itself

    for spec in specs:
        target = spec.path()
        if target.is_file():
            continue
        data = draw_caption(spec.text, spec.style, spec.pos, spec.color, spec.size,
                            spec.canvas_w, spec.canvas_h, margin(spec.canvas_w, spec.canvas_h))
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)


def _draw_in_subprocess(specs: list[CaptionSpec]) -> None:
    payload = json.dumps([asdict(s) for s in specs], ensure_ascii=False)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run([sys.executable, "-m", "meme_desktop.engine.render.captions"],
                          input=payload.encode("utf-8"), capture_output=True, env=env,
                          timeout=120, **popen_options())
    if proc.returncode != 0:
        raise RenderFailedError("caption drawing failed: "
                                + proc.stderr.decode("utf-8", "replace")[-500:])


def caption_pngs(specs: list[CaptionSpec],
                 xys: list[tuple[float, float] | None] | None = None) -> list[Placed]:
    """Draw (or reuse) every caption's PNG and say where each goes (``xys``: free centres)."""
    missing = [s for s in dict.fromkeys(specs) if not s.path().is_file()]
    if missing:
        if helper.installed() is not None:  # the engine: drawn by its media helper
            try:
                helper.run("meme_desktop.engine.render.captions:draw_in_helper", missing)
            except HelperError as exc:
                raise RenderFailedError(f"caption drawing failed: {exc.detail}") from exc
        elif prepare_text_engine():
            _draw_all(missing)
        else:
            _draw_in_subprocess(missing)
    free = xys if xys is not None else [None] * len(specs)
    return [place(s, s.path(), xy) for s, xy in zip(specs, free, strict=True)]


def draw_in_helper(specs: list[CaptionSpec]) -> None:
    """The media helper's side of :func:`caption_pngs` (its main thread made the app)."""
    if not prepare_text_engine():  # pragma: no cover - the helper prepares it at start
        raise RenderFailedError("the caption text engine is not ready")
    _draw_all(specs)


def _main() -> int:
    """Subprocess entry: JSON list of specs on stdin; draws the missing PNGs."""
    specs = [CaptionSpec(**raw) for raw in json.loads(sys.stdin.buffer.read().decode("utf-8"))]
    if not prepare_text_engine():  # pragma: no cover - the main thread always can
        return 2
    _draw_all(specs)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
