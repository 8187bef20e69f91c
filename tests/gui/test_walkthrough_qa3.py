"""What a third click-through of the real window found, kept fixed: the line under the
timeline says the colour a caption is painted in (a red caption is not "black text")."""

from __future__ import annotations

from typing import Any

import pytest

from meme_desktop.draft import Draft
from meme_desktop.draft.colors import color_words, nearest_color
from meme_desktop.ui.i18n import set_language
from meme_desktop.ui.track_items import segment_details

CANVAS = {"w": 1080, "h": 1920, "fps": 30, "bg": "#000000"}


def caption_draft(style: str, color: str) -> Draft:
    return Draft.from_json({"v": 1, "d": 3000, "m": CANVAS, "t": [
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "c1", "txt": "when the code compiles", "st": 0, "d": 3000, "pos": "top",
             "sty": style, "col": color, "sz": 1.0}]}]})


def details(style: str, color: str) -> str:
    found = caption_draft(style, color).find_segment("c1")
    assert found is not None
    return segment_details(found[1], found[0], {})


@pytest.mark.parametrize(("style", "color", "words"), [
    ("bar", "#FF0000", "red text on a white bar"),
    ("bar", "#FFFFFF", "black text on a white bar"),  # a white bar paints light text black
    ("classic", "#FFFFFF", "white letters with a black outline"),
    ("classic", "#FFEB3B", "yellow letters with a black outline"),
    ("classic", "#F01010", "red letters with a black outline"),  # the nearest named colour
    ("plain", "#2979FF", "plain blue text"),
])
def test_the_details_say_the_colour_a_caption_is_painted_in(qapp: Any, style: str,
                                                             color: str, words: str) -> None:
    assert words in details(style, color)


def test_the_colour_is_said_in_chinese_too(qapp: Any) -> None:
    set_language("zh_CN")
    try:
        line = details("bar", "#FF0000")
    finally:
        set_language("en")
    assert "白色横条上的红色文字" in line and "black" not in line


def test_colour_names_are_one_table() -> None:
    assert nearest_color("#ff0000") == "#FF0000"
    assert nearest_color("#0000EE") == "#2979FF"
    assert nearest_color("red") is None and color_words("red") == "red"
    assert color_words("#FFD700", chinese=True) == "金色"
