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

from meme_desktop.cache_prune import touch
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

    def path(self) -> Path:
        return _cached("cap", self)

    def draw(self) -> bytes:
        from meme_desktop.caption_art import draw_caption  # QtGui: not loaded by the engine

        return draw_caption(self.text, self.style, self.pos, self.color, self.size,
                            self.canvas_w, self.canvas_h, margin(self.canvas_w, self.canvas_h))


@dataclass(frozen=True)
class SheetSpec:
    """Several captions drawn as one picture (:mod:`.sheets`): each part is a caption PNG
    (named by its content) and its place on the sheet, painted in order."""

    parts: tuple[tuple[str, int, int], ...]
    width: int
    height: int

    def path(self) -> Path:
        return _cached("sheet", self)

    def draw(self) -> bytes:
        from meme_desktop.caption_art import draw_sheet  # QtGui: not loaded by the engine

        return draw_sheet(list(self.parts), self.width, self.height)


Drawable = CaptionSpec | SheetSpec


def _content_key(item: Drawable) -> str:
    """A hash of everything that decides the picture's pixels."""
    raw = json.dumps([CAPTION_VERSION, asdict(item)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def _cached(kind: str, item: Drawable) -> Path:
    """Where the picture of ``item`` is kept: ``cache_dir()/captions/<kind>-<key>.png``; one
    already there is marked as used (the cache drops the least recently used first)."""
    folder = cache_dir() / "captions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}-{_content_key(item)}.png"
    touch(path)  # nothing when it is not drawn yet
    return path


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


def _draw_all(items: list[Drawable]) -> None:
    for item in items:
        target = item.path()
        if target.is_file():
            continue
        try:
            data = item.draw()
        except OSError as exc:  # a sheet whose caption picture went missing meanwhile
            raise RenderFailedError(f"caption drawing failed: {exc}") from exc
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)


def _to_json(item: Drawable) -> list[object]:
    return ["sheet" if isinstance(item, SheetSpec) else "caption", asdict(item)]


def _from_json(raw: list[object]) -> Drawable:
    kind, fields = raw
    assert isinstance(fields, dict)
    if kind == "sheet":
        return SheetSpec(tuple((str(f), int(x), int(y)) for f, x, y in fields["parts"]),
                         int(fields["width"]), int(fields["height"]))
    return CaptionSpec(**fields)


def _draw_in_subprocess(items: list[Drawable]) -> None:
    payload = json.dumps([_to_json(i) for i in items], ensure_ascii=False)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    proc = subprocess.run([sys.executable, "-m", "meme_desktop.engine.render.captions"],
                          input=payload.encode("utf-8"), capture_output=True, env=env,
                          timeout=120, **popen_options())
    if proc.returncode != 0:
        raise RenderFailedError("caption drawing failed: "
                                + proc.stderr.decode("utf-8", "replace")[-500:])


def draw_missing(items: list[Drawable]) -> None:
    """Draw every caption or sheet not in the cache yet: by the engine's media helper, in
    this process (a Qt application exists or can be made here) or by a small subprocess."""
    missing = [s for s in dict.fromkeys(items) if not s.path().is_file()]
    if not missing:
        return
    if helper.installed() is not None:  # the engine: drawn by its media helper
        try:
            helper.run("meme_desktop.engine.render.captions:draw_in_helper", missing)
        except HelperError as exc:
            raise RenderFailedError(f"caption drawing failed: {exc.detail}") from exc
    elif prepare_text_engine():
        _draw_all(missing)
    else:
        _draw_in_subprocess(missing)


def caption_pngs(specs: list[CaptionSpec],
                 xys: list[tuple[float, float] | None] | None = None) -> list[Placed]:
    """Draw (or reuse) every caption's PNG and say where each goes (``xys``: free centres)."""
    draw_missing(list(specs))
    free = xys if xys is not None else [None] * len(specs)
    return [place(s, s.path(), xy) for s, xy in zip(specs, free, strict=True)]


def draw_in_helper(specs: list[Drawable]) -> None:
    """The media helper's side of :func:`caption_pngs` (its main thread made the app)."""
    if not prepare_text_engine():  # pragma: no cover - the helper prepares it at start
        raise RenderFailedError("the caption text engine is not ready")
    _draw_all(specs)


def _main() -> int:
    """Subprocess entry: JSON list of ``[kind, fields]`` on stdin; draws the missing PNGs."""
    specs = [_from_json(raw) for raw in json.loads(sys.stdin.buffer.read().decode("utf-8"))]
    if not prepare_text_engine():  # pragma: no cover - the main thread always can
        return 2
    _draw_all(specs)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
