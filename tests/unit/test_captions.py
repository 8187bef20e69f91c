"""Caption pictures drawn with QtGui: fitting, wrapping, fallback fonts, cache, subprocess."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import numpy as np

from meme_desktop.engine.render.captions import (
    CaptionSpec,
    _draw_in_subprocess,
    caption_pngs,
    font_files,
    margin,
    png_size,
)


def _rgba(path: Path) -> np.ndarray:
    with av.open(str(path)) as c:
        return next(c.decode(video=0)).to_ndarray(format="rgba")


def test_bundled_font_and_licence_are_shipped() -> None:
    names = [p.name for p in font_files()]
    assert any("anton" in n.lower() for n in names)
    licence = font_files()[0].parent / "Anton-OFL.txt"
    assert "Open Font License" in licence.read_text()


def test_classic_caption_is_white_with_an_outside_outline() -> None:
    [placed] = caption_pngs([CaptionSpec("hello", "classic", "top", "#FFFFFF", 1.0, 540, 960)])
    img = _rgba(placed.path)
    opaque = img[..., 3] > 250
    white = opaque & (img[..., :3] > 240).all(axis=2)
    black = opaque & (img[..., :3] < 20).all(axis=2)
    assert white.sum() > 500 and black.sum() > 300
    assert placed.y == margin(540, 960)
    assert placed.x == (540 - placed.width) // 2  # centred
    ys, xs = np.nonzero(white)
    rows = img[ys.min() - 3:ys.min(), xs.min():xs.max()]  # just above the letters: outline
    assert (rows[..., 3] > 0).any()


def test_long_text_shrinks_and_wraps_inside_the_frame() -> None:
    text = "this caption is far too long to sit on one line of a small vertical video " * 3
    [placed] = caption_pngs([CaptionSpec(text, "classic", "bottom", "#FFFFFF", 1.5, 270, 480)])
    assert placed.width <= 270 and placed.height <= 480 * 0.34
    assert placed.y + placed.height <= 480 - margin(270, 480)
    img = _rgba(placed.path)
    cols = np.nonzero(img[..., 3].max(axis=0))[0]
    assert cols.min() + placed.x >= margin(270, 480) - 2
    assert cols.max() + placed.x <= 270 - margin(270, 480) + 2


def test_cjk_and_emoji_are_drawn_through_fallback() -> None:
    cjk, emoji = caption_pngs([
        CaptionSpec("编译通过了", "plain", "center", "#FFFFFF", 1.0, 540, 960),
        CaptionSpec("😂🔥", "plain", "center", "#FFFFFF", 1.0, 540, 960),
    ])
    assert (_rgba(cjk.path)[..., 3] > 250).sum() > 500  # glyphs, not tofu boxes alone
    pixels = _rgba(emoji.path)
    solid = pixels[pixels[..., 3] > 250][:, :3].astype(int)
    colourful = np.abs(solid[:, 0] - solid[:, 2]) > 80  # emoji are in colour
    assert colourful.sum() > 200


def test_bar_is_a_full_width_white_band() -> None:
    [placed] = caption_pngs([CaptionSpec("nobody:", "bar", "top", "#FFFFFF", 1.0, 400, 700)])
    img = _rgba(placed.path)
    assert (placed.x, placed.y, placed.width) == (0, 0, 400)
    assert (img[1, :, :3] > 250).all() and (img[..., 3] == 255).all()
    assert ((img[..., :3] < 30).all(axis=2)).sum() > 100  # black text


def test_cache_by_content() -> None:
    spec = CaptionSpec("same", "subtitle", "bottom", "#FFFF00", 1.0, 320, 568)
    [a] = caption_pngs([spec])
    drawn = a.path.stat().st_ino  # a drawing replaces the file: a new inode
    [b] = caption_pngs([spec])
    assert a.path == b.path and b.path.stat().st_ino == drawn  # reused, not drawn again
    other = CaptionSpec("same", "subtitle", "bottom", "#00FFFF", 1.0, 320, 568)
    assert other.path() != spec.path()


def test_subprocess_drawing_for_worker_threads() -> None:
    spec = CaptionSpec("from a worker", "classic", "top", "#FFFFFF", 1.0, 300, 500)
    assert not spec.path().exists()
    done: list[Path] = []
    worker = threading.Thread(target=lambda: (_draw_in_subprocess([spec]),
                                              done.append(spec.path())))
    worker.start()
    worker.join(60)
    assert done and png_size(done[0])[1] > 10
