"""What the meme maker needs from the renderer, checked on real pixels: a text meme on a
gradient background (no picture at all), and two captions asked for at the same place stacked
so both stay readable, bars too."""

from __future__ import annotations

from pathlib import Path

from meme_desktop.caption_art import fit_caption
from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, render
from meme_desktop.engine.render.job import collect_captions
from tests.helpers.render_tools import draft, frame_at


def test_a_text_meme_on_a_gradient(tmp_path: Path) -> None:
    raw = draft(180, 320, 25, text=[{"id": "s1", "txt": "HELLO", "st": 0, "d": 1000,
                                     "pos": "center", "sty": "classic"}], bg="#FF0000")
    raw["m"]["bg2"] = "#0000FF"
    out = render(Draft.from_json(raw), tmp_path / "t.mp4", RenderOptions(quality="fast"),
                 lambda s: tmp_path / s)
    rgb = frame_at(out, 0.5).astype(int)
    top, bottom = rgb[6, 90], rgb[-6, 90]
    assert top[0] > 180 and top[2] < 80, top             # red at the top
    assert bottom[2] > 180 and bottom[0] < 80, bottom    # blue at the bottom
    quarter = rgb[80, 10]
    assert 120 < quarter[0] < 230 and 30 < quarter[2] < 140, quarter   # a smooth ramp between
    middle = rgb[150:170, 20:160]
    assert (middle.min(axis=2) > 200).any()              # the white caption in the middle


def _stack(styles: str, pos: str) -> list[tuple[int, int]]:
    segs = [{"id": f"s{i}", "txt": txt, "st": 0, "d": 2000, "pos": pos, "sty": styles}
            for i, txt in enumerate(["FIRST LINE", "SECOND LINE"])]
    timed, _bars = collect_captions(Draft.from_json(draft(540, 960, text=segs)), 540, 960)
    return [(p.y, p.height) for p, _a, _b in timed]


def test_captions_at_one_place_stack_instead_of_overlapping() -> None:
    (y1, h1), (y2, h2) = _stack("classic", "top")
    assert y2 >= y1 + h1                                   # below the first, not over it
    (y1, h1), (y2, h2) = _stack("classic", "bottom")
    assert y2 + h2 <= y1                                   # above the first
    (y1, h1), (y2, h2) = _stack("bar", "top")
    assert (y1, y2) == (0, h1)


def test_stacked_bars_push_the_picture_down_by_both(tmp_path: Path) -> None:
    segs = [{"id": f"s{i}", "txt": txt, "st": 0, "d": 1000, "pos": "top", "sty": "bar"}
            for i, txt in enumerate(["ONE", "TWO"])]
    timed, bars = collect_captions(Draft.from_json(draft(540, 960, text=segs)), 540, 960)
    assert bars and bars[0][2] == sum(p.height for p, _a, _b in timed)


def test_a_line_break_inside_a_caption_is_kept() -> None:
    one = fit_caption("nobody: me: eating cereal", "bar", "top", 1.0, 1920, 1080, 40)
    two = fit_caption("nobody:\nme: eating cereal", "bar", "top", 1.0, 1920, 1080, 40)
    assert one.lines == 1 and two.lines == 2
