"""The window's own thumbnail of a file (made from the local file while it uploads, before the
engine's arrives): a GIF or clip with see-through pixels keeps them, as the engine's thumbnail
does. It used to be made from RGB frames, so a sticker GIF showed the decoder's hidden colour
(white) around it and a PNG-in-MOV clip black corners."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from meme_desktop.ui.imaging import make_thumbnail
from meme_desktop.ui.media_items import BinItem
from tests.helpers.media import make_clip, make_gif, make_sticker


def _corners(img: QImage) -> list[tuple[int, int, int, int]]:
    colours = (img.pixelColor(x, y) for x, y in ((0, 0), (img.width() - 1, 0),
                                                  (0, img.height() - 1),
                                                  (img.width() - 1, img.height() - 1)))
    return [(c.red(), c.green(), c.blue(), c.alpha()) for c in colours]


@pytest.mark.parametrize("name,kind", [("sticker.gif", "image"), ("sticker.mov", "video"),
                                       ("sticker.webm", "video")])
def test_a_transparent_gif_or_clip_keeps_its_transparency(qapp: QApplication, tmp_path: Path,
                                                          name: str, kind: str) -> None:
    """A white disc on see-through pixels (hidden colour: white for FFmpeg's GIF decoder,
    black in the MOV and the WebM, whose alpha layer only libvpx's decoder reads): the corners
    stay see-through and the disc's edge gets no dark rim."""
    img = make_thumbnail(make_sticker(tmp_path / name, "200x160"), kind, 96)
    assert img.hasAlphaChannel(), img.format()
    assert img.width() == 96 and 75 <= img.height() <= 77
    assert all(c[3] == 0 for c in _corners(img)), _corners(img)
    middle = img.pixelColor(48, img.height() // 2)
    assert min(middle.red(), middle.green(), middle.blue()) >= 245 and middle.alpha() == 255
    seen = [img.pixelColor(x, y) for x in range(img.width()) for y in range(img.height())
            if img.pixelColor(x, y).alpha() >= 32]
    assert min(min(c.red(), c.green(), c.blue()) for c in seen) >= 230, \
        "a dark rim where the disc meets the transparent part"
    item = BinItem(name, kind)  # the media bin shows it as it is: see-through corners
    item.set_thumbnail(img)
    shown = item.thumb.pixmap().toImage()
    assert shown.hasAlphaChannel() and all(c[3] == 0 for c in _corners(shown))


@pytest.mark.parametrize("name,kind", [("g.gif", "image"), ("c.mp4", "video")])
def test_an_opaque_gif_or_clip_stays_rgb(qapp: QApplication, tmp_path: Path, name: str,
                                         kind: str) -> None:
    path = (make_gif(tmp_path / name, 0.3, "120x90") if name.endswith(".gif")
            else make_clip(tmp_path / name, 0.5, "160x90", audio=False))
    img = make_thumbnail(path, kind, 96)
    assert img.format() == QImage.Format.Format_RGB888 and not img.hasAlphaChannel()
    assert img.width() == 96 and all(c[3] == 255 for c in _corners(img))
