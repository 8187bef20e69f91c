"""The background of a draft (``m.bg`` and, for a gradient, ``m.bg2``) and the
``set_background`` operation; a second caption at a place that has one says where it goes."""

from __future__ import annotations

import pytest

from meme_desktop.draft import Draft, DraftError, validate
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent import respond
from meme_desktop.engine.agent.applier import apply_ops
from tests.helpers.agent_states import FakeHistory, state


def test_set_background_plain_then_gradient_then_plain() -> None:
    got = apply_ops(Draft.empty(), [O.SetBackground(col="#112233", col2="#445566")], [])
    assert got.draft.to_json()["m"]["bg2"] == "#445566" and "gradient" in got.changes[0].en
    plain = apply_ops(got.draft, [O.SetBackground(col="#ffffff")], [])
    m = plain.draft.to_json()["m"]
    assert m["bg"] == "#FFFFFF" and "bg2" not in m


def test_a_bad_gradient_colour_is_named() -> None:
    raw = Draft.empty().to_json()
    raw["m"]["bg2"] = "sunset"
    with pytest.raises(DraftError) as info:
        validate(Draft.from_json(raw, validate=False))
    assert (info.value.where, info.value.key) == ("m", "bg2")


def test_a_second_caption_at_the_top_says_it_goes_below_the_first() -> None:
    draft, assets = state("meme")
    turn = respond("add 'SECOND' at the top", draft, assets, FakeHistory())
    assert 'below "WHEN THE CODE COMPILES"' in turn.reply
    turn = respond("在底部加上“再来”", draft, assets, FakeHistory())
    assert "上方" in turn.reply
