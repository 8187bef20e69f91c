"""Captions named by what they say.

People point at a caption with its own words: *the text that says bruh*, *the one saying ALSO
ME*, *the 'me' caption*, *the when the code compiles one*, *make 'bruh' disappear at 2s*,
*写着bruh的那个字幕*, *“ALSO ME”那行*. :func:`name_captions` finds such a reference to a caption
that is on the timeline and writes it as that caption's number (*caption #2*, in the order
:func:`caption_order` gives, the one ``select_captions`` counts in), so every reader that knows
"the second caption" knows it. Words that add a caption (*add 'bruh' on top*) or give a new
text (*change it to 'me'*) are left alone. Deterministic, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from meme_desktop.draft import Draft, TextSegment

_RANK = ["top", "center", "bottom"]


def caption_order(draft: Draft) -> list[TextSegment]:
    """The captions in the order people count them: by start, then from top to bottom."""
    caps = [s for s in draft.segments(7) if isinstance(s, TextSegment)]
    return sorted(caps, key=lambda c: (c.start, _RANK.index(c.pos) if c.pos in _RANK else 3))


_NOUN = r"(?:captions?|texts?|lines?|ones?|subtitles?|titles?|labels?|words?|writing|bit|part)"
_OPEN, _CLOSE = "'\"“‘「『", "'\"”’」』"
# "the text that says", "the one saying", "the caption reading", "the line with"
_SAYS = (rf"(?:\bthe\s+)?(?:{_NOUN}\s+)?(?:(?:that|which|where\s+it)\s+)?"
         r"(?:says|said|saying|reads|reading|with(?:\s+the\s+(?:text|words))?)\s+")
_SAYS_ZH = r"(?:写着|写的是|写有|显示着?|内容是)"
_AFTER_ZH = r"(?:的)?(?:那个|那行|那条|那句|这行|这个|这条)?(?:字幕|文字|字|话)?"
# verbs whose object is an existing caption (never one that adds a caption)
_OBJECT = (r"\b(?:make|move|delete|remove|hide|shift|turn|resize|recolou?r|colou?r|get\s+rid\s+of|"
           r"drop|kill|lose|fade|shrink|enlarge|center|centre|nudge|drag|retime|trim|shorten|"
           r"lengthen|extend|bold)\s+$|把\s*$|将\s*$")
_ADDING = re.compile(r"\b(?:add|put|write|type|insert|append|say|says|caption|text)\b\s*$|"
                     r"\b(?:add|put|write|type|insert)\b[^,，;；.]*$|[加写放添]\S{0,3}$",
                     re.IGNORECASE)


def _body(text: str) -> str:
    """A caption's words as a pattern: any run of spaces, any case."""
    return r"\s+".join(re.escape(w) for w in text.split())


def _spot(text: str) -> str:
    """The caption's words, bare or in quotes, not as part of longer words."""
    body = _body(text)
    left = r"(?<![A-Za-z0-9'\"“‘「『])" if re.match(r"[A-Za-z0-9]", text) else ""
    right = r"(?![A-Za-z0-9'\"”’」』])" if re.search(r"[A-Za-z0-9]$", text) else \
        r"(?!['\"”’」』])"
    return rf"(?:[{_OPEN}]\s*{body}\s*[{_CLOSE}]|{left}{body}{right})"


def _quoted(text: str) -> str:
    return rf"[{_OPEN}]\s*{_body(text)}\s*[{_CLOSE}]"


def name_captions(text: str, captions: Sequence[str]) -> str:
    """``text`` with each reference to one of ``captions`` (in counting order) by its words
    replaced by ``caption #n``."""
    counts: dict[str, int] = {}
    for c in captions:
        counts[c.lower().strip()] = counts.get(c.lower().strip(), 0) + 1
    order = sorted(((i, c) for i, c in enumerate(captions) if len(c.strip()) >= 1
                    and counts[c.lower().strip()] == 1), key=lambda ic: -len(ic[1]))
    marks: dict[str, int] = {}
    for i, cap in order:
        spot = _spot(cap.strip())
        mark = f"\x00{i}\x00"
        patterns = [
            rf"{_SAYS}{spot}",                              # "the text that says bruh"
            rf"{_SAYS_ZH}\s*{spot}\s*{_AFTER_ZH}",           # 写着bruh的那个字幕
            rf"(?:\bthe\s+)?{spot}\s+{_NOUN}\b",             # "the 'me' caption"
            # "make the bruh appear earlier": its words, then what a caption does on screen
            rf"(?:\bthe\s+)?{spot}(?=\s+(?:to\s+)?(?:appear|show|come|pop|disappear|vanish|"
            r"fade|stay|go\s+away)\w*\b)",
            rf"{spot}\s*(?:的)?(?:那个|那行|那条|那句|这行|这条)(?:字幕|文字|字|话)?"
            r"|" + rf"{_quoted(cap.strip())}\s*(?:字幕|文字)",    # “ALSO ME”那行
        ]
        for rx in patterns:
            text = _sub_unless_adding(rx, text, mark)
        # a quoted caption as the object of a verb that changes one: "make 'bruh' disappear"
        for m in reversed(list(re.finditer(_quoted(cap.strip()), text, re.IGNORECASE))):
            if re.search(_OBJECT, text[:m.start()], re.IGNORECASE):
                text = text[:m.start()] + mark + text[m.end():]
        marks[mark] = i
    for mark, i in marks.items():
        text = text.replace(mark, f" caption #{i + 1} ")
    return text


def _sub_unless_adding(rx: str, text: str, mark: str) -> str:
    out, pos = [], 0
    for m in re.finditer(rx, text, re.IGNORECASE):
        head = text[max(0, m.start() - 40):m.start()]
        clause = re.split(r"[,，;；.!?。！？]|\band\b|\bthen\b", head)[-1]
        if _ADDING.search(clause) and not re.search(r"\b(?:change|replace|make|move|delete|"
                                                    r"remove)\b", clause, re.IGNORECASE):
            continue        # "add 'bruh' text at the bottom": a new caption, not that one
        out.append(text[pos:m.start()] + mark)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


__all__ = ["caption_order", "name_captions"]
