"""Captions drawn as one sheet (engine/render/sheets.py) look exactly as laid on one by one:
the same render with sheets turned off gives the same pixels, with fewer overlays in the
graph."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, job, render, sheets
from meme_desktop.engine.render.captions import caption_pngs, png_size
from tests.helpers.render_tools import draft, frame_at


def _stacked() -> Draft:
    segs = [{"id": f"s{i}", "txt": txt, "st": 0, "d": 1000, "pos": "top", "sty": "classic"}
            for i, txt in enumerate(["WHEN THE CODE", "COMPILES", "ON THE FIRST TRY"])]
    segs.append({"id": "b", "txt": "BOTTOM TEXT", "st": 0, "d": 1000, "pos": "bottom",
                 "sty": "classic"})
    return Draft.from_json(draft(360, 640, 25, text=segs, bg="#3060A0"))


def _render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> tuple[Path, str]:
    seen: list[str] = []
    real = job.run_ffmpeg

    def spy(args: list[str], *rest: object, **kw: object) -> None:
        seen.append(args[args.index("-filter_complex") + 1])  # a short graph: inline
        real(args, *rest, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(job, "run_ffmpeg", spy)
    out = render(_stacked(), tmp_path / name, RenderOptions(quality="high"), Path)
    return out, seen[0]


def test_a_sheet_renders_the_same_pixels_with_fewer_overlays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    merged, graph = _render(tmp_path, monkeypatch, "merged.mp4")
    monkeypatch.setattr(sheets, "SPARE", -1.0)  # nothing joins: one overlay per caption
    apart, graph_apart = _render(tmp_path, monkeypatch, "apart.mp4")
    assert graph_apart.count("overlay=") == 4
    assert graph.count("overlay=") == 2  # the three top lines as one sheet, the bottom alone
    a = frame_at(merged, 0.5).astype(int)
    b = frame_at(apart, 0.5).astype(int)
    assert a.shape == b.shape == (640, 360, 3)
    assert (np.abs(a - b) > 24).mean() < 0.002  # the same picture (encoder noise aside)
    assert (a.max(axis=2) > 200).mean() > 0.01  # and there is white caption text in it


def test_a_sheet_is_the_captions_painted_at_their_places(tmp_path: Path) -> None:
    timed, _bars = job.collect_captions(_stacked(), 360, 640)
    layers = sheets.layers(timed, 360, 640)
    assert len(layers) == 2
    sheet = layers[0]
    assert sheet.path.name.startswith("sheet-") and layers[1].path.name.startswith("cap-")
    tops = [p for p, _a, _b in timed[:3]]
    left = min(p.x for p in tops) // 2 * 2
    top = min(p.y for p in tops) // 2 * 2
    assert (sheet.x, sheet.y) == (left, top)
    assert png_size(sheet.path) == (max(p.x + p.width for p in tops) - left,
                                    max(p.y + p.height for p in tops) - top)
    again = sheets.layers(timed, 360, 640)  # drawn once, then found in the cache
    assert again == layers


def test_a_caption_picture_gone_missing_is_a_clear_render_error(tmp_path: Path) -> None:
    from meme_desktop.engine.errors import RenderFailedError
    from meme_desktop.engine.render.captions import SheetSpec, draw_missing

    [placed] = caption_pngs([job.CaptionSpec("HI", "classic", "top", "#FFFFFF", 1.0, 200, 200)])
    sheet = SheetSpec(((str(placed.path), 0, 0), (str(tmp_path / "gone.png"), 0, 40)), 200, 200)
    with pytest.raises(RenderFailedError, match="caption"):
        draw_missing([sheet])
    assert not sheet.path().exists()


def test_a_sheet_is_drawn_by_the_subprocess_too(tmp_path: Path) -> None:
    """From a worker thread with no Qt application the missing pictures are drawn by
    ``python -m meme_desktop.engine.render.captions``: sheets go the same way."""
    from meme_desktop.engine.render import captions

    [one, two] = caption_pngs([
        job.CaptionSpec("ONE", "classic", "top", "#FFFFFF", 1.0, 200, 300),
        job.CaptionSpec("TWO", "bar", "top", "#FFFFFF", 1.0, 200, 300)])
    sheet = captions.SheetSpec(((str(one.path), 0, 0), (str(two.path), 0, one.height)),
                               max(one.width, two.width), one.height + two.height)
    captions._draw_in_subprocess([sheet])
    assert png_size(sheet.path()) == (sheet.width, sheet.height)
