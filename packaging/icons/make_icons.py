"""Render the app icon for every platform from ``resources/icons/meme-desktop.svg``.

    python packaging/icons/make_icons.py [--out DIR]

Writes, next to this script unless ``--out`` says otherwise (the results are committed, so a
build never needs to run it; run it again after changing the SVG):
- ``hicolor/<N>x<N>/apps/io.github.memedesktop.MemeDesktop.png`` for the freedesktop sizes
  16..512 and ``hicolor/scalable/apps/io.github.memedesktop.MemeDesktop.svg`` (Linux);
- ``meme-desktop.ico`` with 16..256 (Windows, used by the spec and the Inno Setup script);
- ``meme-desktop.icns`` with 16..512 (macOS, used by the spec's BUNDLE).

PNGs are rendered by Qt's QSvgRenderer (offscreen, no display needed) at each exact size, so
small sizes are drawn, not shrunk. The .ico and .icns are written with Pillow when it is
installed (each size from its own rendering); without Pillow the .ico comes from Qt's ICO
writer and the .icns is skipped (on macOS: ``iconutil -c icns`` on an ``.iconset`` folder).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCE = ROOT / "resources" / "icons" / "meme-desktop.svg"
ICON_NAME = "io.github.memedesktop.MemeDesktop"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def hicolor_path(base: Path, size: int) -> Path:
    return base / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def write_ico(pngs: dict[int, bytes], out: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        from PySide6.QtGui import QImage

        QImage.fromData(pngs[max(ICO_SIZES)]).save(str(out), "ICO")
        return
    images = [Image.open(io.BytesIO(pngs[s])).convert("RGBA") for s in ICO_SIZES]
    largest = images[-1]
    largest.save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=images[:-1])


def write_icns(pngs: dict[int, bytes], out: Path) -> bool:
    try:
        from PIL import Image
    except ImportError:
        return False
    images = [Image.open(io.BytesIO(pngs[s])).convert("RGBA") for s in ICNS_SIZES]
    images[-1].save(out, format="ICNS", append_images=images[:-1])
    return True


def make_icons(out: Path, source: Path = SOURCE) -> list[Path]:
    """Write every icon file into ``out``; return the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["make-icons"])
    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    pngs = {size: render_png(source, size) for size in sizes}
    written: list[Path] = []
    for size in HICOLOR_SIZES:
        path = hicolor_path(out, size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    written.append(scalable)
    write_ico(pngs, out / "meme-desktop.ico")
    written.append(out / "meme-desktop.ico")
    if write_icns(pngs, out / "meme-desktop.icns"):
        written.append(out / "meme-desktop.icns")
    else:
        print("Pillow is not installed: meme-desktop.icns not written", file=sys.stderr)
    del app
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the app icons from the SVG.")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    args = parser.parse_args(argv)
    make_icons(args.out)
    print(f"icons written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
