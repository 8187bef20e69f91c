"""The background colour: "make the background red", "white bg", "背景改成黑色", "a red to blue
gradient background". The colour shows where no picture covers the canvas; the resolver
(``resolve.set_background``) also lets it show around pictures that a blurred copy of
themselves would otherwise surround.

Not a background colour: background *music* or sound (read_sound), a *blurred* background
(a framing, read_canvas), removing the background (MISSING: what it can do instead), and a
caption's own background ("the caption background", 字幕背景: the caption readers).
"""

from __future__ import annotations

import re

from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.parse import Clause
from meme_desktop.engine.agent.rules.words import CAPTION_NOUN, Intent

_BACKGROUND = (r"\b(?:background|backdrop|bg)(?:\s+colou?r)?\b"
               r"(?!\s*(?:music|song|sound|audio|noise|track|beat|tune|bgm))|"
               r"背景(?:颜色|色)?(?![音乐声歌])|底色")
_NOT_COLOUR = (r"\bblur\w*|模糊|\btransparent\b|透明|\b(?:remove|delete|erase|cut out|get rid of)\b|"
               r"\b(?:captions?|texts?|titles?|subtitles?|words?)(?:'s)?\s+(?:background|bg)\b|"
               r"(?:字幕|文字|标题)(?:的)?(?:背景|底色)")  # a caption's own background
_GRADIENT = r"\bgradient\b|\bfade\s+from\b|渐变"


# words that may stand between the background and its colour: "background to red", "bg: red",
# "背景改成红色"; and between a colour and the background: "red background", "红色的背景"
_LINK_AFTER = (r"\s*(?:(?:colou?r|color)\s*)?(?:(?:to|into|as|=|:|is|be|should be|of|in)\s*)*"
               r"(?:a\s+|an\s+|the\s+)?|\s*(?:改成|换成|改为|换为|设为|设成|变成|调成|调为|用|成|为|是|：|:)?\s*")
_LINK_BEFORE = r"\s*(?:色|的)?\s*"


def _colours(cl: Clause) -> list[tuple[int, int, str]]:
    found = [(h.start, h.end, h.value) for h in lx.COLORS.find(cl.text)]
    found += [(m.start(), m.end(), lx.hex_color(m.group(0)))
              for m in re.finditer(lx.HEX_COLOR, cl.text, re.IGNORECASE)]
    return sorted(found)


def _next_to(cl: Clause, colours: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The colours right next to a background word ("white background with black text": white)."""
    near: list[tuple[int, int, str]] = []
    for bg in re.finditer(_BACKGROUND, cl.text):
        for start, end, value in colours:
            after = re.fullmatch(_LINK_AFTER, cl.text[bg.end():start]) if start >= bg.end() else None
            before = re.fullmatch(_LINK_BEFORE, cl.text[end:bg.start()]) if end <= bg.start() \
                else None
            if after or before:
                near.append((start, end, value))
    return sorted(set(near))


def read_background(cl: Clause) -> list[Intent]:
    """A background colour (or a two-colour gradient) asked for in the clause, else nothing."""
    if not cl.has(_BACKGROUND) or cl.has(_NOT_COLOUR):
        return []
    colours = _colours(cl)
    mine = _next_to(cl, colours)
    # "white background with black text": only the colour next to the background is its own
    if cl.has(CAPTION_NOUN) or mine and not cl.has(_GRADIENT):
        colours = mine
    if not colours:
        return []
    values = [value for _start, _end, value in colours]
    gradient = len(values) >= 2 and cl.has(_GRADIENT)
    for start, end, _value in reversed(colours):
        cl.blank(start, end)
    cl.take(_BACKGROUND)
    cl.take(_GRADIENT)
    return [Intent("set_background", {"col": values[0], "col2": values[1] if gradient else None})]
