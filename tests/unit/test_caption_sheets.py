"""Which captions are laid on as one sheet (engine/render/sheets.py): same times, close
together, and never moved under a caption painted between them."""

from __future__ import annotations

from pathlib import Path

from meme_desktop.engine.render.captions import CaptionSpec, Placed
from meme_desktop.engine.render.sheets import group

W, H = 1080, 1920


def _cap(name: str, x: int, y: int, w: int = 600, h: int = 180) -> Placed:
    spec = CaptionSpec(name, "classic", "top", "#FFFFFF", 1.0, W, H)
    return Placed(spec, Path(f"{name}.png"), x, y, w, h)


def _names(groups: list) -> list[list[str]]:
    return [[p.spec.text for p in g.members] for g in groups]


def test_lines_stacked_at_the_top_over_the_same_time_become_one_sheet() -> None:
    timed = [(_cap(f"L{i}", 240, 40 + 190 * i), 0.0, 10.0) for i in range(5)]
    assert _names(group(timed, W, H)) == [["L0", "L1", "L2", "L3", "L4"]]


def test_top_and_bottom_text_stay_two_overlays() -> None:
    """A sheet from the top to the bottom would be mostly empty: bigger than it saves."""
    timed = [(_cap("TOP", 40, 40, w=1000), 0.0, 10.0), (_cap("BOTTOM", 40, 1700, w=1000),
                                                        0.0, 10.0)]
    assert _names(group(timed, W, H)) == [["TOP"], ["BOTTOM"]]


def test_captions_with_other_times_are_never_joined() -> None:
    timed = [(_cap("A", 240, 40), 0.0, 10.0), (_cap("B", 240, 230), 2.0, 10.0),
             (_cap("C", 240, 420), 0.0, 10.0)]
    assert _names(group(timed, W, H)) == [["A", "C"], ["B"]]  # B touches neither A nor C


def test_a_caption_is_not_moved_under_one_painted_before_it() -> None:
    """C overlaps B, which is painted after A: C joining A would put C under B."""
    timed = [(_cap("A", 240, 40), 0.0, 10.0), (_cap("B", 240, 230), 2.0, 4.0),
             (_cap("C", 300, 300), 0.0, 10.0)]
    assert _names(group(timed, W, H)) == [["A"], ["B"], ["C"]]


def test_a_lone_caption_is_its_own_group() -> None:
    assert _names(group([(_cap("ONLY", 0, 0), 1.0, 2.0)], W, H)) == [["ONLY"]]
    assert group([], W, H) == []
