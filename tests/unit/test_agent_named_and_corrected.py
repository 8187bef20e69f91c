"""Two message rewrites the reader relies on, checked on their own: a message that corrects
itself ("a boom at 2s, no wait, 3s") read as the request it ends up being, and a caption named
by what it says ("the text that says bruh") written as its number."""

from __future__ import annotations

import pytest

from meme_desktop.engine.agent.rules.corrections import corrected
from meme_desktop.engine.agent.rules.named import name_captions


@pytest.mark.parametrize(("said", "meant"), [
    ("add a boom at 2s, no wait, 3s", "add a boom at 3s"),
    ("make it red... actually blue", "make it blue"),
    ("put 'NO' at the bottom, i mean 'YES'", "put 'YES' at the bottom"),
    ("make a meme about mondays, no wait, about fridays", "make a meme about fridays"),
    ("把上面的字改成红色，不对，蓝色", "把上面的字改成蓝色"),
    ("add 'I MEAN IT' on top", "add 'I MEAN IT' on top"),               # a caption's own words
    ("no, I meant the bottom one", "no, I meant the bottom one"),       # corrects the turn before
    ("wait for it meme about my cat", "wait for it meme about my cat"),  # a format's name
])
def test_a_correction_takes_the_place_of_what_it_corrects(said: str, meant: str) -> None:
    assert " ".join(corrected(said).split()) == meant


CAPS = ["me", "bruh", "ALSO ME"]


@pytest.mark.parametrize(("said", "meant"), [
    ("delete the 'me' caption", "delete caption #1"),
    ("make the one saying ALSO ME yellow", "make caption #3 yellow"),
    ("move the text that says bruh to the top", "move caption #2 to the top"),
    ("make 'bruh' disappear at 2s", "make caption #2 disappear at 2s"),
    ("把写着bruh的那个字幕删掉", "把 caption #2 删掉"),
    ("add 'bruh' at the bottom", "add 'bruh' at the bottom"),           # a new caption
    ("add a caption that says me", "add a caption that says me"),
    ("change the top text to 'me'", "change the top text to 'me'"),     # a new text
])
def test_a_caption_named_by_its_words_becomes_its_number(said: str, meant: str) -> None:
    assert " ".join(name_captions(said, CAPS).split()) == meant
