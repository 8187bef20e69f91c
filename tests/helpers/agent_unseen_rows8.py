"""Held-out agent instructions, batch 13: what batches 1–12 did not cover — long rambling
messages with the instruction somewhere in the middle, media named by file name or kind ("use
dog.png", "the mp4", "the second picture") with several uploads in the bin, quantities in
words ("two and a half seconds", "half a second", "a quarter of the way in", 三秒半), relative
edits ("a little later", "a bit earlier", "twice as long", "half as loud"), removing and
replacing ("get rid of the text", "swap the boom for an airhorn"), colour and style names
(hex codes, "neon green", "impact font", "tiktok style captions"), Traditional Chinese and
Cantonese, greetings and thanks (GREET13: nothing changes, the reply is kind) and requests it
cannot do (CANNOT13: nothing changes, the reply asks or offers). Written before anybody looked
at what the reader handles; the first score, before the reader was changed for them, is in
docs/assistant.md ("How it is measured"). Rows are (starting state, instruction, check), run by
tests/unit/test_agent_unseen.py like the earlier batches; ``python -m tests.bench.batch_score 13``
prints the score of each category.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.helpers.agent_states import SPAN, Row, W, cap, caps, fx, music, one, sfx, srcs, vids

RED, YELLOW, WHITE = "#FF0000", "#FFEB3B", "#FFFFFF"
_TOP, _BOTTOM = "WHEN THE CODE COMPILES", "IT DOESN'T WORK"


def _starts(j: dict, name: str) -> list[int]:
    return [s["st"] for s in sfx(j, name)]


def rgb(col: str) -> tuple[int, int, int]:
    h = col.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def greenish(col: str) -> bool:
    r, g, b = rgb(col)
    return g >= 200 and r < 150 and b < 150


def pinkish(col: str) -> bool:
    r, g, b = rgb(col)
    return r >= 200 and g < 150 and b >= 80


def orangeish(col: str) -> bool:
    r, g, b = rgb(col)
    return r >= 200 and 80 <= g < 200 and b < 80


def purpleish(col: str) -> bool:
    r, g, b = rgb(col)
    return r >= 80 and b >= 120 and g < r and g < b


def _placed(j: dict) -> list[tuple[str, int, int]]:
    return [(v["src"], v["st"], v["d"]) for v in vids(j)]


RAMBLE13: list[Row] = [
    ("img", "ok so i have this pic of my cat and i want like, the classic meme look, white text "
            "top and bottom, top says ME and bottom says ALSO ME",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("ME", "ALSO ME")
     and all((c["sty"], c["col"]) == ("classic", WHITE) for c in caps(j)) and srcs(j) == ["h_img"]),
    ("clipmeme", "so basically my friend sent me this and i think it would be way funnier if you "
                 "slowed it down, like half speed, idk what do you think",
     lambda j: vids(j)[0]["sp"] == 0.5 and one(j)["txt"] == "ME AT 3AM"),
    ("clipmeme", "hmm ok the caption is kinda hard to read on this background, could you make it "
                 "yellow maybe? thanks a lot", lambda j: one(j)["col"] == YELLOW),
    ("clip", "alright here's the thing, i uploaded a clip of my brother falling off his bike and "
             "i need a vine boom right when he hits the ground which is at about 3 seconds",
     lambda j: _starts(j, "vine_boom") == [3000] and srcs(j) == ["h_clip"]),
    ("meme", "not sure if this is possible but the bottom text, the one that says it doesn't "
             "work, can it be red instead of white",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (WHITE, RED)),
    ("wide", "i'm posting this on tiktok later tonight so it needs to be vertical... oh and also "
             "mute the original sound because there's people talking in the background",
     lambda j: W(j) == (1080, 1920) and vids(j)[0]["vol"] == 0),
    ("sounds", "the music is honestly way too loud compared to everything else, can you turn it "
               "down to like 20 percent",
     lambda j: music(j)[0]["vol"] == 20 and sfx(j)[0]["vol"] == 100),
    ("img", "so my sister is obsessed with her cat lol and her birthday is tomorrow, put 'HAPPY "
            "BIRTHDAY QUEEN' at the bottom, she'll love it",
     lambda j: [(c["txt"], c["pos"]) for c in caps(j)] == [("HAPPY BIRTHDAY QUEEN", "bottom")]),
    ("clipmeme", "ok last thing i promise: the caption should disappear after 2 seconds",
     lambda j: SPAN(one(j)) == (0, 2000)),
]

MEDIA13: list[Row] = [
    ("bin", "use dog.png", lambda j: _placed(j) == [("h_img2", 0, 5000)]),
    ("bin", "use the mp4", lambda j: srcs(j) == ["h_clip"] and j["d"] == 6000),
    ("bin", "use the second picture", lambda j: srcs(j) == ["h_img2"]),
    ("bin", "put the mov on the timeline", lambda j: srcs(j) == ["h_clip2"] and j["d"] == 4000),
    ("binmeme", "add the audio file as background music",
     lambda j: [m["src"] for m in music(j)] == ["h_song"] and srcs(j) == ["h_img"]),
    ("bin", "use the cat picture and the fail clip", lambda j: srcs(j) == ["h_img", "h_clip2"]),
    ("bin", "use the first clip", lambda j: srcs(j) == ["h_clip"]),
    ("bin", "start with dog.png for 2 seconds then the dance video",
     lambda j: _placed(j) == [("h_img2", 0, 2000), ("h_clip", 2000, 6000)]),
    ("binmeme", "replace the picture with the clip",
     lambda j: srcs(j) == ["h_clip"] and j["d"] == 6000 and SPAN(one(j)) == (0, 6000)),
    ("binmeme", "swap cat.jpg for dog.png",
     lambda j: _placed(j) == [("h_img2", 0, 5000)] and one(j)["txt"] == "ME"),
    ("bin", "use both pictures", lambda j: srcs(j) == ["h_img", "h_img2"]),
    ("two_clips", "delete fail.mov", lambda j: srcs(j) == ["h_clip"] and j["d"] == 6000),
    ("binmeme", "use song.mp3 as the music",
     lambda j: [m["src"] for m in music(j)] == ["h_song"] and srcs(j) == ["h_img"]),
    ("binmeme", "put the video after the picture", lambda j: srcs(j) == ["h_img", "h_clip"]),
]

QUANT13: list[Row] = [
    ("clipmeme", "add a vine boom at two and a half seconds",
     lambda j: _starts(j, "vine_boom") == [2500]),
    ("clipmeme", "make the caption last half a second", lambda j: SPAN(one(j)) == (0, 500)),
    ("clipmeme", "airhorn a quarter of the way in", lambda j: _starts(j, "airhorn") == [1500]),
    ("clipmeme", "三秒半加一个vine boom", lambda j: _starts(j, "vine_boom") == [3500]),
    ("clipmeme", "ding one second in", lambda j: _starts(j, "ding") == [1000]),
    ("clipmeme", "make it four seconds long", lambda j: j["d"] == 4000),
    ("clipmeme", "cut the first half second",
     lambda j: [(v["in"], v["d"]) for v in vids(j)] == [(500, 5500)]),
    ("clipmeme", "make the caption show up after a second and a half",
     lambda j: SPAN(one(j)) == (1500, 4500)),
    ("clipmeme", "两秒半的时候加个ding", lambda j: _starts(j, "ding") == [2500]),
    ("clipmeme", "record scratch three quarters of the way through",
     lambda j: _starts(j, "record_scratch") == [4500]),
    ("img", "use the picture for eight seconds", lambda j: _placed(j) == [("h_img", 0, 8000)]),
    ("clipmeme", "字幕显示两秒", lambda j: SPAN(one(j)) == (0, 2000)),
]

RELATIVE13: list[Row] = [
    ("sounds", "move the boom a little later",
     lambda j: len(_starts(j, "vine_boom")) == 1 and 2000 < _starts(j, "vine_boom")[0] <= 3000),
    ("sounds", "the vine boom a bit earlier",
     lambda j: len(_starts(j, "vine_boom")) == 1 and 1000 <= _starts(j, "vine_boom")[0] < 2000),
    ("sounds", "make the music half as loud",
     lambda j: music(j)[0]["vol"] == 50 and sfx(j)[0]["vol"] == 100),
    ("sounds", "make the boom twice as loud",
     lambda j: sfx(j)[0]["vol"] == 200 and music(j)[0]["vol"] == 100),
    ("meme", "make it twice as long",
     lambda j: j["d"] == 10000 and [c["d"] for c in caps(j)] == [10000, 10000]),
    ("clipmeme", "make the text a little bigger", lambda j: 1.0 < one(j)["sz"] <= 1.3),
    ("slow", "a bit faster", lambda j: 0.5 < vids(j)[0]["sp"] <= 1.0),
    ("meme", "make it a second shorter", lambda j: j["d"] == 4000),
    ("sounds", "music a bit quieter",
     lambda j: 0 < music(j)[0]["vol"] < 100 and sfx(j)[0]["vol"] == 100),
    ("late", "make the bottom text appear a second earlier",
     lambda j: SPAN(cap(j, "bottom")) == (2000, 4000) and SPAN(cap(j, "top")) == (0, 6000)),
]

REPLACE13: list[Row] = [
    ("clipmeme", "get rid of the text", lambda j: caps(j) == [] and len(vids(j)) == 1),
    ("sounds", "swap the boom for an airhorn",
     lambda j: _starts(j, "airhorn") == [2000] and _starts(j, "vine_boom") == []),
    ("sounds", "replace the lofi with phonk", lambda j: [m["src"] for m in music(j)] == ["music:phonk"]),
    ("fried", "take off the deep fry", lambda j: fx(j) == [["grayscale"]]),
    ("sounds", "no more music", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("meme", "change the bottom line to say 'it works???'",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == (_TOP, "it works???")),
    ("wide", "lose the zoom", lambda j: vids(j)[0]["zm"] == [1.0, 1.0]),
    ("sounds", "kill the sound effect", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "remove everything except the video",
     lambda j: caps(j) == [] and sfx(j) == [] and music(j) == [] and srcs(j) == ["h_clip"]),
]

STYLE13: list[Row] = [
    ("clipmeme", "make the caption #ff00ff", lambda j: one(j)["col"].upper() == "#FF00FF"),
    ("clipmeme", "neon green text", lambda j: greenish(one(j)["col"])),
    ("styled", "impact font please", lambda j: one(j)["sty"] == "classic"),
    ("styled", "tiktok style captions",
     lambda j: one(j)["sty"] in ("subtitle", "bar") and W(j) == (1080, 1920)),
    ("clipmeme", "make the text hot pink", lambda j: pinkish(one(j)["col"])),
    ("clipmeme", "put the caption on a white bar with black text", lambda j: one(j)["sty"] == "bar"),
    ("meme", "make the top text orange and the bottom text purple",
     lambda j: orangeish(cap(j, "top")["col"]) and purpleish(cap(j, "bottom")["col"])),
    ("clipmeme", "text colour #0ff", lambda j: one(j)["col"].upper() == "#00FFFF"),
]

ZH13: list[Row] = [
    ("clipmeme", "把字幕改成紅色", lambda j: one(j)["col"] == RED),
    ("clipmeme", "加一個vine boom喺3秒", lambda j: _starts(j, "vine_boom") == [3000]),
    ("clipmeme", "將影片變成慢動作", lambda j: vids(j)[0]["sp"] == 0.5),
    ("meme", "刪除底部字幕", lambda j: [c["txt"] for c in caps(j)] == [_TOP]),
    ("clipmeme", "字幕大啲", lambda j: one(j)["sz"] > 1.0),
    ("wide", "幫我轉成直向影片", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "幫我靜音佢", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "背景音樂細聲啲", lambda j: 0 < music(j)[0]["vol"] < 100 and sfx(j)[0]["vol"] == 100),
    ("clipmeme", "喺底部加「收工啦」",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("ME AT 3AM", "收工啦")),
    ("clipmeme", "幫我倒轉播放", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "影片剪到4秒", lambda j: j["d"] == 4000),
    ("sounds", "唔要音樂", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("meme", "將上面嘅字改成「放假啦」",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("放假啦", _BOTTOM)),
]

# left open after batch 13 (a caption named by what it says inside a long sentence) and fixed
# with batch 14 (rules/named.py); kept so the scorer of batch 14 can count it
OPEN13: set[str] = set()
NAMED13 = {RAMBLE13[4][1]}

AREAS13: dict[str, list[Row]] = {
    "rambling": RAMBLE13, "media": MEDIA13, "quantities": QUANT13, "relative": RELATIVE13,
    "remove/replace": REPLACE13, "colour/style": STYLE13, "traditional/cantonese": ZH13,
}
FRESH13: list[Row] = [row for rows in AREAS13.values() for row in rows]

_UNKIND = ("not sure", "understand", "didn't get", "没听懂", "不明白", "没明白", "不太懂", "无法")


def kind(reply: str) -> bool:
    """A reply to a greeting or thanks: some words, none of them saying it did not understand."""
    low = reply.lower()
    return bool(low.strip()) and not any(w in low for w in _UNKIND)


# greetings, thanks and bare reactions: nothing changes and the reply is kind
GREET13: list[tuple[str, str, Callable[[str], bool]]] = [
    ("meme", "hi", kind), ("meme", "thanks!", kind), ("meme", "谢谢", kind),
    ("clipmeme", "thank you so much this is perfect", kind), ("none", "hello", kind),
    ("meme", "多謝", kind), ("meme", "👍", kind), ("img", "good morning", kind),
    ("meme", "你好", kind), ("meme", "ok cool", kind), ("clipmeme", "🙏", kind),
    ("meme", "唔該晒", kind),
]

# nothing the app can do as asked: it must ask or offer, and change nothing
CANNOT13: list[tuple[str, str]] = [
    ("meme", "..."), ("meme", "make the text rainbow"), ("none", "use dog.jpg"),
    ("bin", "use the third picture"), ("bin", "use the gif"),
    ("clipmeme", "add text to speech saying hello"), ("clipmeme", "auto generate subtitles"),
    ("meme", "put my face on the cat"),
]

__all__ = ["AREAS13", "CANNOT13", "FRESH13", "GREET13", "NAMED13", "OPEN13"]
