"""Where the picture lands: EXIF orientation of phone photos, zooming out below 1, and a
top/bottom bar caption that moves the media only while it is shown. Checked on real pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, render
from tests.helpers.media import make_image
from tests.helpers.render_tools import (
    EXIF_DISPLAY,
    QUADRANTS,
    draft,
    frame_at,
    make_exif_jpeg,
    make_flat_image,
    quadrant_colors,
)


def _render(tmp_path: Path, raw: dict, name: str = "o.mp4") -> Path:
    return render(Draft.from_json(raw), tmp_path / name, RenderOptions(quality="fast"),
                  lambda s: tmp_path / s)


def test_exif_orientation_is_applied_in_the_render(tmp_path: Path) -> None:
    """Eight phone photos, one per EXIF orientation, contained in a square canvas: each shows
    upright, portrait ones as portrait (not sideways, not mirrored)."""
    segs = []
    for o in range(1, 9):
        make_exif_jpeg(tmp_path / f"o{o}.jpg", o)
        segs.append({"id": f"s{o}", "src": f"o{o}.jpg", "st": (o - 1) * 200, "d": 200,
                     "fit": "contain"})
    out = _render(tmp_path, draft(160, 160, 25, video=segs))
    for o in range(1, 9):
        rgb = frame_at(out, (o - 1) * 0.2 + 0.1)
        box = (0, 40, 160, 80) if o <= 4 else (40, 0, 80, 160)
        got = quadrant_colors(rgb, box)
        want = EXIF_DISPLAY[o](QUADRANTS).astype(np.int32)
        assert np.abs(got - want).max() < 70, (o, got.tolist(), want.tolist())
        outside = rgb[5, 5] if o <= 4 else rgb[80, 5]  # the contain padding stays black
        assert outside.max() < 40, (o, outside)


def _span(mask: np.ndarray) -> int:
    """Length of the run of True values around the middle of a 1-D mask."""
    idx = np.nonzero(mask)[0]
    return int(idx[-1] - idx[0] + 1) if idx.size else 0


def test_zoom_out_shows_the_media_smaller_over_the_background(tmp_path: Path) -> None:
    make_flat_image(tmp_path / "blue.png", "320x180", "0x2040c0")
    seg = {"id": "s1", "src": "blue.png", "st": 0, "d": 2000, "fit": "contain",
           "zm": [1.0, 0.5]}
    out = _render(tmp_path, draft(320, 180, 25, video=[seg], bg="#ff0000"))
    widths, heights = [], []
    for t in (0.0, 0.5, 1.0, 1.5, 1.96):
        rgb = frame_at(out, t).astype(np.int32)
        blue = (rgb[:, :, 2] > 140) & (rgb[:, :, 0] < 110)
        widths.append(_span(blue[90]))
        heights.append(_span(blue[:, 160]))
        red = rgb[3, 3]
        if t > 0.4:  # the corner is the background colour once the picture shrank
            assert red[0] > 200 and red[2] < 60, (t, red)
    assert widths[0] >= 316 and heights[0] >= 176, (widths, heights)
    assert all(a > b for a, b in zip(widths, widths[1:], strict=False)), widths
    assert abs(widths[-1] - 160) <= 8 and abs(heights[-1] - 90) <= 6, (widths, heights)
    mid = frame_at(out, 1.0).astype(np.int32)
    assert abs(_span(((mid[:, :, 2] > 140) & (mid[:, :, 0] < 110))[90]) - 240) <= 10
    # centred: as much background on the left as on the right
    row = ((mid[:, :, 2] > 140) & (mid[:, :, 0] < 110))[90]
    idx = np.nonzero(row)[0]
    assert abs(int(idx[0]) - (319 - int(idx[-1]))) <= 2


def test_zoom_out_with_blur_fit_fills_with_blur_and_crossing_one(tmp_path: Path) -> None:
    make_image(tmp_path / "grad.png", size="320x180")
    seg_blur = {"id": "s1", "src": "grad.png", "st": 0, "d": 1000, "fit": "blur",
                "zm": [0.6, 0.6]}
    seg_cross = {"id": "s2", "src": "grad.png", "st": 1000, "d": 1000, "fit": "cover",
                 "zm": [0.8, 1.25]}
    out = _render(tmp_path, draft(320, 180, 25, video=[seg_blur, seg_cross], bg="#ff00ff"))
    blur = frame_at(out, 0.5).astype(np.int32)
    corner = blur[4, 4]
    assert not (corner[0] > 200 and corner[1] < 60 and corner[2] > 200), corner  # no magenta
    assert blur[:20].std() > 1.0 or blur[:, :20].std() > 1.0  # an image fill, not flat colour
    start = frame_at(out, 1.0).astype(np.int32)
    assert start[3, 3][1] < 60 and start[3, 3][0] > 200  # smaller than the frame: magenta
    end = frame_at(out, 1.96).astype(np.int32)
    magenta = (end[:, :, 0] > 200) & (end[:, :, 1] < 60) & (end[:, :, 2] > 200)
    assert not magenta.any()  # bigger than the frame: no background anywhere


def _row_of_first(mask: np.ndarray) -> int:
    rows = np.nonzero(mask.any(axis=1))[0]
    return int(rows[0]) if rows.size else -1


def test_bar_caption_moves_the_media_only_while_it_shows(tmp_path: Path) -> None:
    """A top bar from 1 s to 2 s: before and after it the picture is exactly where it was
    (filling the frame); while it shows, the white band is on top and the picture moved down
    (cover: shifted by half the bar; contain: shrunk into the space below, centred)."""
    make_exif_jpeg(tmp_path / "q.jpg", 1, 320, 180)  # blue | red over green | white
    for fit in ("cover", "contain"):
        raw = draft(320, 180, 25, bg="#000000",
                    video=[{"id": "s1", "src": "q.jpg", "st": 0, "d": 3000, "fit": fit}],
                    text=[{"id": "s2", "txt": "nobody:", "st": 1000, "d": 1000, "pos": "top",
                           "sty": "bar"}])
        out = _render(tmp_path, raw, f"{fit}.mp4")
        before, during, after = (frame_at(out, t).astype(np.int32) for t in (0.5, 1.5, 2.5))
        for frame in (before, after):  # the plain layout: blue from the first row
            assert frame[2, 40][2] > 180 and frame[2, 40][0] < 80, (fit, frame[2, 40])
            green = (frame[:, :, 1] > 180) & (frame[:, :, 0] < 80) & (frame[:, :, 2] < 80)
            assert abs(_row_of_first(green[:, :120]) - 90) <= 3, fit
        assert (during[2, 5:315] > 220).all(), fit  # the white bar
        green = (during[:, :, 1] > 180) & (during[:, :, 0] < 80) & (during[:, :, 2] < 80)
        first_green = _row_of_first(green)
        assert first_green > 95, (fit, first_green)  # the picture moved down
        blue = (during[:, :, 2] > 180) & (during[:, :, 0] < 80) & (during[:, :, 1] < 80)
        assert blue.sum() > 1000, fit  # and is still there under the bar
        if fit == "contain":  # shrunk: black sides, the whole picture below the bar
            assert during[170, 2].max() < 40 and during[170, 317].max() < 40
            white = (during > 220).all(axis=2)
            assert white[175, 160:300].mean() > 0.8  # its bottom-right quadrant still shows
        else:  # cover: full width, cut at the bottom
            assert during[170, 2][1] > 180  # green reaches the left edge
