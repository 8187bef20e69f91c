"""'Move the top caption down a bit': a small step from where the caption is, not a jump to
another position. The step is taken from the caption's current centre (its dragged place, or
its position's place estimated from the text), which must be close to where the renderer
draws it."""

from __future__ import annotations

import pytest

from meme_desktop.caption_art import fit_caption
from meme_desktop.caption_geometry import caption_xy, margin
from meme_desktop.draft import Draft, TextSegment
from meme_desktop.engine.agent import respond
from meme_desktop.engine.agent.rules.read_captions import NUDGE
from meme_desktop.engine.agent.rules.resolve import _centre
from tests.helpers.agent_states import FakeHistory, state


def _caption(draft: Draft, text: str) -> TextSegment:
    return next(s for s in draft.segments(7) if isinstance(s, TextSegment) and s.text == text)


@pytest.mark.parametrize(("text", "caption", "axis", "sign"), [
    ("move the top caption down a bit", "WHEN THE CODE COMPILES", 1, 1),
    ("move the bottom text up slightly", "IT DOESN'T WORK", 1, -1),
    ("nudge the top caption to the left a little", "WHEN THE CODE COMPILES", 0, -1),
    ("把顶部字幕往下移一点", "WHEN THE CODE COMPILES", 1, 1),
    ("move the bottom caption a bit to the right", "IT DOESN'T WORK", 0, 1),
])
def test_a_small_step_from_where_it_is(text: str, caption: str, axis: int, sign: int) -> None:
    draft, assets = state("meme")
    before = _centre(_caption(draft, caption), draft.meta.width, draft.meta.height)
    turn = respond(text, draft, assets, FakeHistory())
    assert turn.draft is not None, turn.reply
    after = _caption(turn.draft, caption)
    assert after.xy is not None
    assert after.xy[axis] == pytest.approx(before[axis] + sign * NUDGE, abs=1e-3)
    assert after.xy[1 - axis] == pytest.approx(before[1 - axis], abs=1e-3)
    assert after.pos == _caption(draft, caption).pos       # only nudged, not moved elsewhere
    others = [s.xy for s in turn.draft.segments(7) if isinstance(s, TextSegment)
              and s.text != caption]
    assert others == [None]


def test_without_a_bit_it_still_means_the_position() -> None:
    draft, assets = state("meme")
    turn = respond("move the top caption down", draft, assets, FakeHistory())
    assert turn.draft is not None
    moved = _caption(turn.draft, "WHEN THE CODE COMPILES")
    assert (moved.pos, moved.xy) == ("bottom", None)


def test_a_dragged_caption_steps_from_its_dragged_place() -> None:
    draft, assets = state("meme")
    _caption(draft, "WHEN THE CODE COMPILES").extra["xy"] = [0.3, 0.4]
    turn = respond("move the top caption up a little", draft, assets, FakeHistory())
    assert turn.draft is not None
    assert _caption(turn.draft, "WHEN THE CODE COMPILES").xy == pytest.approx(
        (0.3, 0.4 - NUDGE))


def test_it_stays_on_the_canvas() -> None:
    draft, assets = state("meme")
    _caption(draft, "WHEN THE CODE COMPILES").extra["xy"] = [0.5, 0.06]
    turn = respond("move the top caption up a bit", draft, assets, FakeHistory())
    assert turn.draft is not None
    assert _caption(turn.draft, "WHEN THE CODE COMPILES").xy == pytest.approx((0.5, 0.05))


@pytest.mark.parametrize(("text", "style", "pos", "w", "h"), [
    ("WHEN THE CODE COMPILES", "classic", "top", 1080, 1920),
    ("IT DOESN'T WORK", "classic", "bottom", 1080, 1920),
    ("me explaining my code to the rubber duck at 3am", "bar", "top", 1080, 1080),
    ("short", "subtitle", "bottom", 1920, 1080),
    ("a plain caption that runs to a second line on a wide canvas for sure", "plain", "top",
     1920, 1080),
])
def test_the_estimated_centre_is_where_the_renderer_draws_it(
        text: str, style: str, pos: str, w: int, h: int) -> None:
    seg = TextSegment(id="c", start=0, duration=1000, text=text, pos=pos, style=style)
    m = margin(w, h)
    fit = fit_caption(text, style, pos, 1.0, w, h, m)
    pad = round(fit.base_px * (0.25 if style in ("bar", "subtitle") else 0.12))
    stroke = max(2.0, fit.px * 0.085) if style == "classic" else 0.0
    height = int(fit.height + 2 * pad + 2 * stroke + 2) // 2 * 2     # as caption_image draws
    _x, top = caption_xy(style, pos, None, w, h, w, height)
    assert _centre(seg, w, h)[1] == pytest.approx((top + height / 2) / h, abs=0.03)
