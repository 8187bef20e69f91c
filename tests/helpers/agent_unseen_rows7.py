"""Held-out agent instructions, batch 12: what earlier batches did not cover —
other words for a caption (text, words, title, subtitle, label, "the writing"), caption styling
(outline, font size, all caps, lowercase), speed and time words (slow mo, 2x, end at 5s, cut
the first second), volume and fades, a sound placed relative to something else ("when the
bottom text appears", "when the second clip starts"), canvas words, questions about the state
("how long is it?"), politeness and filler, typos and missing spaces, long compound sentences
with three edits, Chinese and mixed Chinese / English. Written before anybody looked at what
the reader handles; the first score, before the reader was changed for them, is in
docs/assistant.md ("How it is measured"). Rows are (starting state, instruction, check), run by
tests/unit/test_agent_unseen.py like the earlier batches; QUESTIONS12 rows check the reply of a
question (nothing may change), CANNOT12 rows must ask or offer options and change nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.helpers.agent_states import SPAN, Row, W, cap, caps, fx, music, one, sfx, txt, vids

RED, YELLOW, BLUE, WHITE = "#FF0000", "#FFEB3B", "#2979FF", "#FFFFFF"
_TOP, _BOTTOM = "WHEN THE CODE COMPILES", "IT DOESN'T WORK"


def _ends(j: dict, name: str) -> list[int]:
    return [s["st"] + s["d"] for s in sfx(j, name)]


def _starts(j: dict, name: str) -> list[int]:
    return [s["st"] for s in sfx(j, name)]


CAPTIONS12: list[Row] = [
    ("clipmeme", "change the text to 'me at 5am'", lambda j: one(j)["txt"] == "me at 5am"),
    ("clipmeme", "make the words yellow", lambda j: one(j)["col"] == YELLOW),
    ("img", "add a title that says 'monday mood'",
     lambda j: cap(j, "top")["txt"] == "monday mood" and len(vids(j)) == 1),
    ("clipmeme", "add a subtitle saying 'he doesn't know'",
     lambda j: cap(j, "bottom")["txt"] == "he doesn't know" and cap(j, "top")["txt"] == "ME AT 3AM"),
    ("meme", "change the label at the bottom to 'nope'",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == (_TOP, "nope")),
    ("meme", "change the title to 'friday'",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("friday", _BOTTOM)),
    ("clipmeme", "make the writing bigger", lambda j: one(j)["sz"] > 1.0),
    ("clipmeme", "delete the words", lambda j: caps(j) == [] and len(vids(j)) == 1),
    ("clipmeme", "add a second line at the bottom: 'and it shows'",
     lambda j: cap(j, "bottom")["txt"] == "and it shows" and cap(j, "top")["txt"] == "ME AT 3AM"),
    ("clipmeme", "the text should be smaller and in the middle",
     lambda j: one(j)["sz"] < 1.0 and one(j)["pos"] == "center"),
    ("meme", "make all the writing blue", lambda j: [c["col"] for c in caps(j)] == [BLUE, BLUE]),
    ("clipmeme", "make the text lowercase", lambda j: one(j)["txt"] == "me at 3am"),
    ("styled", "all caps pls", lambda j: one(j)["txt"] == "ME AT 3AM"),
    ("styled", "white text with a black outline",
     lambda j: (one(j)["sty"], one(j)["col"]) == ("classic", WHITE)),
    ("styled", "put an outline around the letters", lambda j: one(j)["sty"] == "classic"),
    ("styled", "bigger font", lambda j: one(j)["sz"] > 0.8),
    ("meme", "make the font of the top text smaller",
     lambda j: cap(j, "top")["sz"] < 1.0 == cap(j, "bottom")["sz"]),
    ("clipmeme", "put the text at the bottom of the screen", lambda j: one(j)["pos"] == "bottom"),
]

TIME12: list[Row] = [
    ("clipmeme", "slow mo pls", lambda j: vids(j)[0]["sp"] == 0.5 and j["d"] == 12000),
    ("clipmeme", "2x", lambda j: vids(j)[0]["sp"] == 2.0 and j["d"] == 3000),
    ("clipmeme", "make it play in reverse", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "loop it 3 times", lambda j: len(vids(j)) == 3 and j["d"] == 18000),
    ("clipmeme", "cut the first second",
     lambda j: [(v["in"], v["d"]) for v in vids(j)] == [(1000, 5000)] and j["d"] == 5000),
    ("clipmeme", "make it end at 5s",
     lambda j: [(v["in"], v["d"]) for v in vids(j)] == [(0, 5000)] and j["d"] == 5000),
    ("clipmeme", "speed it up to 1.5x", lambda j: vids(j)[0]["sp"] == 1.5 and j["d"] == 4000),
    ("clipmeme", "play it at half speed", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "slow motion for the first 2 seconds",
     lambda j: [v["sp"] for v in vids(j)] == [0.5, 1.0]),
    ("two_clips", "make the whole thing 8 seconds", lambda j: j["d"] == 8000),
]

SOUND12: list[Row] = [
    ("sounds", "turn the music down a bit",
     lambda j: 0 < music(j)[0]["vol"] < 100 and sfx(j)[0]["vol"] == 100),
    ("sounds", "music to 10%", lambda j: music(j)[0]["vol"] == 10),
    ("sounds", "make the vine boom louder", lambda j: sfx(j)[0]["vol"] > 100 == music(j)[0]["vol"]),
    ("sounds", "fade in the music at the start", lambda j: music(j)[0]["fi"] > 0),
    ("sounds", "fade the music out at the end for 3 secs", lambda j: music(j)[0]["fo"] == 3000),
    ("late", "add a vine boom when the bottom text appears",
     lambda j: _starts(j, "vine_boom") == [3000]),
    ("late", "ding when 'BRUH' shows up", lambda j: _starts(j, "ding") == [3000]),
    ("clipmeme", "add an airhorn at the very end", lambda j: _ends(j, "airhorn") == [6000]),
    ("two_clips", "record scratch when the second clip starts",
     lambda j: _starts(j, "record_scratch") == [6000]),
    ("sounds", "boom at 4s instead", lambda j: _starts(j, "vine_boom") == [4000]),
    ("clipmeme", "crickets at the end", lambda j: _ends(j, "crickets") == [6000]),
    ("clipmeme", "lower the clip's volume to 40%", lambda j: vids(j)[0]["vol"] == 40),
]

CANVAS12: list[Row] = [
    ("wide", "9:16 pls", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "square for instagram", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "16:9", lambda j: W(j) == (1920, 1080)),
    ("wide", "portrait mode", lambda j: W(j) == (1080, 1920)),
    ("wide", "for tiktok", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "can u make it insta square", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "make it landscape for youtube", lambda j: W(j) == (1920, 1080)),
]

POLITE12: list[Row] = [
    ("clipmeme", "could you maybe make the caption red", lambda j: one(j)["col"] == RED),
    ("clipmeme", "pls make it black n white thx", lambda j: fx(j) == [["grayscale"]]),
    ("clipmeme", "can u pls add a vineboom at 2s", lambda j: _starts(j, "vine_boom") == [2000]),
    ("clipmeme", "airhorn at3s", lambda j: _starts(j, "airhorn") == [3000]),
    ("clipmeme", "mkae the captoin bigger", lambda j: one(j)["sz"] > 1.0),
    ("clipmeme", "slowmotion", lambda j: vids(j)[0]["sp"] == 0.5),
    ("meme", "would you mind making the bottom text yellow, thx",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (WHITE, YELLOW)),
    ("clipmeme", "hey could you put 'bro really' at the bottom pls ty",
     lambda j: cap(j, "bottom")["txt"] == "bro really" and cap(j, "top")["txt"] == "ME AT 3AM"),
    ("clipmeme", "plz revrse it", lambda j: vids(j)[0]["rev"] is True),
    ("sounds", "remvoe the music", lambda j: music(j) == [] and len(sfx(j)) == 1),
]

COMPOUND12: list[Row] = [
    ("clip", "use the clip, put 'me at the gym' on top and add a vine boom at 2s",
     lambda j: cap(j, "top")["txt"] == "me at the gym" and _starts(j, "vine_boom") == [2000]
     and len(vids(j)) == 1),
    ("clipmeme", "make the caption yellow, slow it down and add phonk",
     lambda j: one(j)["col"] == YELLOW and vids(j)[0]["sp"] == 0.5
     and [m["src"] for m in music(j)] == ["music:phonk"]),
    ("img", "add 'monday' on top, 'again' at the bottom and make it square",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("monday", "again")
     and W(j) == (1080, 1080)),
    ("clipmeme", "reverse it, make it black and white and add a record scratch at the end",
     lambda j: vids(j)[0]["rev"] is True and fx(j) == [["grayscale"]]
     and _ends(j, "record_scratch") == [6000]),
    ("sounds", "turn the music down to 30%, move the boom to 1s and make the text red",
     lambda j: music(j)[0]["vol"] == 30 and _starts(j, "vine_boom") == [1000]
     and one(j)["col"] == RED),
    ("wide", "make it vertical, add 'POV: it's 3am' at the bottom and mute it",
     lambda j: W(j) == (1080, 1920) and cap(j, "bottom")["txt"] == "POV: it's 3am"
     and vids(j)[0]["vol"] == 0),
    ("clipmeme", "cut it to 4 seconds then add 'the end' in the last second and a ding at 3s",
     lambda j: j["d"] == 4000 and SPAN(txt(j, "the end")) == (3000, 1000)
     and _starts(j, "ding") == [3000]),
]

ZH12: list[Row] = [
    ("clipmeme", "把文字改成黄色", lambda j: one(j)["col"] == YELLOW),
    ("clipmeme", "字体大一点", lambda j: one(j)["sz"] > 1.0),
    ("clipmeme", "慢放", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "2倍速播放", lambda j: vids(j)[0]["sp"] == 2.0 and j["d"] == 3000),
    ("clipmeme", "循环三次", lambda j: len(vids(j)) == 3),
    ("clipmeme", "剪掉第一秒", lambda j: [(v["in"], v["d"]) for v in vids(j)] == [(1000, 5000)]),
    ("wide", "改成9:16", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "做成正方形的，发ins", lambda j: W(j) == (1080, 1080)),
    ("sounds", "音乐音量调到一半", lambda j: music(j)[0]["vol"] == 50 and sfx(j)[0]["vol"] == 100),
    ("sounds", "把音乐淡出", lambda j: music(j)[0]["fo"] > 0),
    ("clipmeme", "在结尾加个airhorn", lambda j: _ends(j, "airhorn") == [6000]),
    ("clipmeme", "标题改成“周五快乐”", lambda j: one(j)["txt"] == "周五快乐"),
    ("clipmeme", "把字幕放到底部，然后在2秒加个vine boom",
     lambda j: one(j)["pos"] == "bottom" and _starts(j, "vine_boom") == [2000]),
    ("meme", "下面的字改成小写",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == (_TOP, _BOTTOM.lower())),
    ("clipmeme", "视频倒放，然后静音", lambda j: vids(j)[0]["rev"] is True and vids(j)[0]["vol"] == 0),
    ("wide", "帮我改成竖屏 for tiktok", lambda j: W(j) == (1080, 1920)),
    ("late", "底部字幕出现的时候加一个vine boom", lambda j: _starts(j, "vine_boom") == [3000]),
]

# found while fixing the batch (siblings of its misses; not part of its first score)
FOUND12: list[Row] = [
    ("meme", "make the top text lowercase and red",
     lambda j: (cap(j, "top")["txt"], cap(j, "top")["col"], cap(j, "bottom")["col"])
     == (_TOP.lower(), RED, WHITE)),
    ("late", "add a boing when the top text disappears", lambda j: _ends(j, "boing") == [6000]),
    ("two_clips", "whoosh as soon as the 2nd clip starts", lambda j: _starts(j, "whoosh") == [6000]),
    ("late", "当底部字幕出现时加一个ding", lambda j: _starts(j, "ding") == [3000]),
    ("clipmeme", "plz delte the caption", lambda j: caps(j) == [] and len(vids(j)) == 1),
    ("clipmeme", "the video should stop at 4s", lambda j: j["d"] == 4000),
    ("slow", "even slower", lambda j: vids(j)[0]["sp"] == 0.25),
]

FRESH12: list[Row] = (CAPTIONS12 + TIME12 + SOUND12 + CANVAS12 + POLITE12 + COMPOUND12 + ZH12
                      + FOUND12)


def _says(*patterns: str) -> Callable[[str], bool]:
    """The reply (lowercased) matches every pattern."""
    return lambda reply: all(re.search(p, reply.lower()) for p in patterns)


# questions about the state: answered from the draft, nothing changed
QUESTIONS12: list[tuple[str, str, Callable[[str], bool]]] = [
    ("clipmeme", "how long is it?", _says(r"\b6(\.0)? ?(s\b|sec|秒)")),
    ("meme", "what's on the timeline?", _says("when the code compiles", "it doesn't work")),
    ("clipmeme", "which sounds do you have?", _says("vine boom", "air horn", "rimshot")),
    ("sounds", "what music is on it", _says("lofi")),
    ("clipmeme", "视频多长？", _says(r"6 ?秒|\b6(\.0)? ?s\b")),
    ("meme", "what does the top text say", _says("when the code compiles")),
    ("clipmeme", "what music can i use", _says("lofi", "phonk", "chiptune")),
]

# the app has no op for these (no freeze frame, no transitions, no bold font, no masks)
CANNOT12: list[tuple[str, str]] = [
    ("clipmeme", "freeze at 2s"), ("clipmeme", "定格在2秒"), ("clipmeme", "use a bold font pls"),
    ("two_clips", "add a transition between the clips"), ("meme", "make the cat's eyes glow"),
    ("meme", "could you maybe make it pop more?"),
]

__all__ = ["CANNOT12", "FRESH12", "QUESTIONS12"]
