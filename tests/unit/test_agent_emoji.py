"""Emoji as captions: typed (*add 💀💀 on top*), named (*add a skull emoji*, *加一个笑哭表情*),
never taken from a message they only decorate (*add a vine boom 🔥*); a laugh or an emoji on
its own is a reaction that changes nothing. And the renderer draws them in colour."""

from __future__ import annotations

import pytest

from meme_desktop.caption_art import caption_image
from meme_desktop.draft import TextSegment
from meme_desktop.engine.agent import respond
from tests.helpers.agent_states import FakeHistory, state


def _new_captions(start: str, text: str) -> list[tuple[str, str]]:
    draft, assets = state(start)
    before = {s.id for s in draft.segments(7)}
    turn = respond(text, draft, assets, FakeHistory())
    if turn.draft is None:
        return []
    return [(s.text, s.pos) for s in turn.draft.segments(7)
            if isinstance(s, TextSegment) and s.id not in before]


@pytest.mark.parametrize(("text", "want"), [
    ("emoji 😂 at the bottom", [("😂", "bottom")]),
    ("add 💀💀💀 on top", [("💀💀💀", "top")]),
    ("add a skull emoji at the bottom", [("💀", "bottom")]),
    ("put a fire emoji in the middle", [("🔥", "center")]),
    ("add the thinking emoji at 2s", [("🤔", "bottom")]),
    ("加一个笑哭表情", [("😂", "bottom")]),
    ("add a vine boom 🔥", []),
])
def test_emoji_captions(text: str, want: list[tuple[str, str]]) -> None:
    assert _new_captions("clipmeme", text) == want


def test_a_decorating_emoji_leaves_the_rest_of_the_message_alone() -> None:
    draft, assets = state("clipmeme")
    turn = respond("add a vine boom 🔥", draft, assets, FakeHistory())
    assert turn.draft is not None
    assert [s.src for s in turn.draft.segments(1)] == ["sfx:vine_boom"]


@pytest.mark.parametrize("text", ["😂", "lol 😂😂", "lmao", "哈哈哈", "💀💀"])
def test_a_reaction_changes_nothing(text: str) -> None:
    draft, assets = state("clipmeme")
    turn = respond(text, draft, assets, FakeHistory())
    assert turn.draft is None and turn.history == 0
    assert "?" in turn.reply or "？" in turn.reply


def test_an_emoji_caption_is_drawn_in_colour() -> None:
    image = caption_image("😂", "classic", "bottom", "#FFFFFF", 1.0, 1080, 1920, 48)
    colours = {image.pixelColor(x, y).name() for y in range(0, image.height(), 3)
               for x in range(0, image.width(), 3) if image.pixelColor(x, y).alpha() == 255}
    coloured = [c for c in colours if len({c[1:3], c[3:5], c[5:7]}) > 1]
    assert len(coloured) > 20, "no colour emoji font: install fonts-noto-color-emoji"
