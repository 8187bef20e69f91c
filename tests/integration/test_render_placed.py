"""A caption dragged on the preview (``xy``) lands where the preview painted it: the export's
pixels match the shared caption picture placed by ``caption_xy``; a placed bar leaves the media
alone. Checked on real ffmpeg renders."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from meme_desktop.caption_art import caption_image
from meme_desktop.caption_geometry import caption_xy, margin
from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, render
from tests.helpers.render_tools import draft, frame_at, make_flat_image


def _render(tmp_path: Path, raw: dict, name: str) -> Path:
    return render(Draft.from_json(raw), tmp_path / name, RenderOptions(quality="fast"),
                  lambda s: tmp_path / s)


def _alpha_box(image: QImage) -> tuple[int, int, int, int]:
    img = image.convertToFormat(QImage.Format.Format_RGBA8888)
    bits = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine())
    alpha = bits[:, : img.width() * 4].reshape(img.height(), img.width(), 4)[:, :, 3] > 128
    rows, cols = np.nonzero(alpha.any(axis=1))[0], np.nonzero(alpha.any(axis=0))[0]
    return int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])


def test_a_placed_caption_is_exported_where_the_preview_paints_it(tmp_path: Path) -> None:
    w, h = 320, 568
    text = {"id": "s2", "txt": "HI", "st": 0, "d": 2000, "pos": "top", "sty": "plain",
            "col": "#FF0000", "sz": 2.0, "xy": [0.25, 0.75]}
    out = _render(tmp_path, draft(w, h, 25, text=[text], bg="#000000"), "placed.mp4")
    rgb = frame_at(out, 1.0).astype(np.int32)
    red = (rgb[:, :, 0] > 150) & (rgb[:, :, 1] < 90) & (rgb[:, :, 2] < 90)
    ys, xs = np.nonzero(red)
    assert red.sum() > 400
    # the same picture the preview paints, at the same place
    image = caption_image("HI", "plain", "top", "#FF0000", 2.0, w, h, margin(w, h))
    x, y = caption_xy("plain", "top", (0.25, 0.75), w, h, image.width(), image.height())
    left, top, right, bottom = _alpha_box(image)
    assert abs(xs.min() - (x + left)) <= 3 and abs(xs.max() - (x + right)) <= 3
    assert abs(ys.min() - (y + top)) <= 3 and abs(ys.max() - (y + bottom)) <= 4
    assert abs(xs.mean() - 0.25 * w) < 12 and abs(ys.mean() - 0.75 * h) < 12
    assert not red[: h // 2].any()  # not at the top, where pos alone would put it


def test_a_placed_bar_does_not_push_the_media(tmp_path: Path) -> None:
    make_flat_image(tmp_path / "green.png", "320x180", "0x20c040")
    bar = {"id": "s2", "txt": "nobody:", "st": 0, "d": 2000, "pos": "top", "sty": "bar",
           "xy": [0.5, 0.5]}
    raw = draft(320, 180, 25, video=[{"id": "s1", "src": "green.png", "st": 0, "d": 2000}],
                text=[bar])
    rgb = frame_at(_render(tmp_path, raw, "bar.mp4"), 1.0).astype(np.int32)
    assert rgb[3, 160][1] > 150 and rgb[3, 160][0] < 90  # green from the first row: not pushed
    bar_rows = (rgb[:, 5] > 200).all(axis=1) & (rgb[:, 314] > 200).all(axis=1)
    rows = np.nonzero(bar_rows)[0]  # the white bar across the middle, edge to edge
    assert rows.size > 10 and abs((rows[0] + rows[-1]) / 2 - 90) <= 3


def test_the_preview_video_without_painted_captions_keeps_the_timeline_length(
        tmp_path: Path) -> None:
    """What the preview renders (``video_draft``): no caption pixels, the full length."""
    import av

    from meme_desktop.ui.caption_overlay import video_draft

    make_flat_image(tmp_path / "grey.png", "320x180", "0x808080")
    text = {"id": "s2", "txt": "LATE", "st": 500, "d": 2500, "pos": "center",
            "col": "#FF0000", "sz": 2.0}
    raw = draft(320, 180, 25, video=[{"id": "s1", "src": "grey.png", "st": 0, "d": 1000}],
                text=[text])
    shaped = video_draft(Draft.from_json(raw))
    out = render(shaped, tmp_path / "preview.mp4", RenderOptions(quality="preview"),
                 lambda s: tmp_path / s)
    with av.open(str(out)) as container:
        assert abs(float(container.duration or 0) / 1e6 - 3.0) < 0.15
    rgb = frame_at(out, 0.8).astype(np.int32)
    red = (rgb[:, :, 0] > 150) & (rgb[:, :, 1] < 90) & (rgb[:, :, 2] < 90)
    assert not red.any()  # the caption is painted by the preview, not in the video
