"""Held-out agent instructions, batch 14: what batches 1–13 did not cover — captions named by
what they say ("the text that says bruh", "the 'me' caption", "the one saying ALSO ME"),
corrections inside one message ("a boom at 2s, no wait, 3s", "red... actually blue"),
negations and limits ("don't touch the text", "only the top caption", "everything except the
music"), ordinals and counts ("the last two captions", "all sounds", "the first and third
caption"), the start and end of things ("start the music when the video starts", "end the text
1s before the end"), shares of the length ("the first half", "last 20%"), requests phrased as
questions ("can you make it louder?", 能不能…吗), British spellings and misspellings ("colour",
"centre", "captoin", "vidoe"), Chinese with numbers in words (十秒, 四秒半, 第三个) and mixed
Chinese/English captions, and requests it cannot do (CANNOT14: nothing changes, the reply
asks or offers). Written before anybody looked at what the reader handles; the first score,
before the reader was changed for them, is in docs/assistant.md ("How it is measured"). Rows
are (starting state, instruction, check), run by tests/unit/test_agent_unseen.py like the
earlier batches; ``python -m tests.bench.batch_score 14`` prints the score of each category.
"""

from __future__ import annotations

from tests.helpers.agent_states import SPAN, Row, W, cap, caps, fx, music, one, sfx, srcs, txt, vids

RED, YELLOW, WHITE, BLUE = "#FF0000", "#FFEB3B", "#FFFFFF", "#2979FF"
_TOP, _BOTTOM, _CM = "WHEN THE CODE COMPILES", "IT DOESN'T WORK", "ME AT 3AM"


def _starts(j: dict, name: str) -> list[int]:
    return [s["st"] for s in sfx(j, name)]


def _texts(j: dict) -> list[str]:
    return sorted(c["txt"] for c in caps(j))


def _cols(j: dict) -> dict[str, str]:
    return {c["txt"]: c["col"] for c in caps(j)}


def _end(seg: dict) -> int:
    return int(seg["st"] + seg["d"])


NAMED14: list[Row] = [
    ("meme", "make the text that says it doesn't work red",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (WHITE, RED)),
    ("trio", "delete the 'me' caption", lambda j: _texts(j) == ["ALSO ME", "bruh"]),
    ("trio", "make the one saying ALSO ME yellow",
     lambda j: _cols(j) == {"me": WHITE, "bruh": WHITE, "ALSO ME": YELLOW}),
    ("trio", "move the text that says bruh to the top",
     lambda j: [(c["txt"], c["pos"]) for c in caps(j)]
     == [("me", "top"), ("bruh", "top"), ("ALSO ME", "bottom")]),
    ("late", "change the caption that says bruh to 'BRO WHAT'",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("WAIT FOR IT", "BRO WHAT")
     and SPAN(cap(j, "bottom")) == (3000, 3000)),
    ("meme", "the when the code compiles one should be bigger",
     lambda j: cap(j, "top")["sz"] > 1.0 == cap(j, "bottom")["sz"]),
    ("trio", "make 'bruh' disappear at 2s",
     lambda j: SPAN(txt(j, "bruh")) == (0, 2000) and SPAN(txt(j, "me")) == (0, 6000)),
    ("late", "make the wait for it text yellow",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (YELLOW, WHITE)
     and _texts(j) == ["BRUH", "WAIT FOR IT"]),
    ("meme", "replace the it doesn't work caption with 'IT WORKS'",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == (_TOP, "IT WORKS")),
    ("trio", "把写着bruh的那个字幕删掉", lambda j: _texts(j) == ["ALSO ME", "me"]),
    ("trio", "“ALSO ME”那行改成红色",
     lambda j: _cols(j) == {"me": WHITE, "bruh": WHITE, "ALSO ME": RED}),
]

CORRECT14: list[Row] = [
    ("clipmeme", "add a boom at 2s, no wait, 3s", lambda j: _starts(j, "vine_boom") == [3000]),
    ("clipmeme", "make it red... actually blue", lambda j: one(j)["col"] == BLUE),
    ("meme", "make the top text red, sorry i mean the bottom text",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (WHITE, RED)),
    ("clipmeme", "add an airhorn at 1s oops i meant 4s", lambda j: _starts(j, "airhorn") == [4000]),
    ("wide", "make it square, no actually vertical", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "slow it down to half speed, no wait, make it 0.75x",
     lambda j: vids(j)[0]["sp"] == 0.75),
    ("clipmeme", "put 'NO' at the bottom, i mean 'YES'",
     lambda j: [(c["txt"], c["pos"]) for c in caps(j)] == [(_CM, "top"), ("YES", "bottom")]),
    ("clipmeme", "三秒加个vine boom，不对，四秒", lambda j: _starts(j, "vine_boom") == [4000]),
    ("meme", "把上面的字改成红色，不对，蓝色",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (BLUE, WHITE)),
]

LIMITS14: list[Row] = [
    ("clipmeme", "don't touch the text, just make the video shorter",
     lambda j: 0 < j["d"] < 6000 and one(j)["txt"] == _CM and one(j)["col"] == WHITE),
    ("meme", "only the top caption should be red",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == (RED, WHITE)),
    ("sounds", "mute everything except the music",
     lambda j: vids(j)[0]["vol"] == 0 and all(s["vol"] == 0 for s in sfx(j))
     and [m["vol"] for m in music(j)] == [100]),
    ("trio", "make every caption except the bruh one yellow",
     lambda j: _cols(j) == {"me": YELLOW, "bruh": WHITE, "ALSO ME": YELLOW}),
    ("sounds", "remove the sound effects but keep the music",
     lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("meme", "don't change the bottom text, make the top one bigger",
     lambda j: cap(j, "top")["sz"] > 1.0 == cap(j, "bottom")["sz"]),
    ("clipmeme", "no music, just a vine boom at 2s",
     lambda j: _starts(j, "vine_boom") == [2000] and music(j) == []),
    ("trio", "delete all the captions except the top one", lambda j: _texts(j) == ["me"]),
    ("wide", "make it square but leave everything else as is",
     lambda j: W(j) == (1080, 1080) and one(j)["txt"] == "WIDE" and vids(j)[0]["zm"] == [1.0, 1.3]),
    ("sounds", "只把音乐关小一点，别的不要动",
     lambda j: 0 < music(j)[0]["vol"] < 100 and sfx(j)[0]["vol"] == 100 and vids(j)[0]["vol"] == 100),
]

COUNT14: list[Row] = [
    ("trio", "delete the last two captions", lambda j: _texts(j) == ["me"]),
    ("trio", "make all sounds quieter",
     lambda j: len(sfx(j)) == 2 and all(0 < s["vol"] < 100 for s in sfx(j))),
    ("two_clips", "mute every clip", lambda j: [v["vol"] for v in vids(j)] == [0, 0]),
    ("trio", "make the first and third caption red",
     lambda j: _cols(j) == {"me": RED, "bruh": WHITE, "ALSO ME": RED}),
    ("trio", "make the second caption blue",
     lambda j: _cols(j) == {"me": WHITE, "bruh": BLUE, "ALSO ME": WHITE}),
    ("trio", "remove the second sound",
     lambda j: _starts(j, "vine_boom") == [1000] and _starts(j, "airhorn") == []),
    ("trio", "make both sound effects louder",
     lambda j: len(sfx(j)) == 2 and all(s["vol"] > 100 for s in sfx(j))
     and music(j)[0]["vol"] == 100),
    ("two_clips", "speed up both clips", lambda j: len(vids(j)) == 2 and all(v["sp"] > 1 for v in vids(j))),
    ("trio", "delete the first caption", lambda j: _texts(j) == ["ALSO ME", "bruh"]),
    ("two_clips", "make the last clip black and white",
     lambda j: srcs(j) == ["h_clip", "h_clip2"] and fx(j)[0] == [] and "grayscale" in fx(j)[1]),
    ("trio", "第三个字幕改成黄色",
     lambda j: _cols(j) == {"me": WHITE, "bruh": WHITE, "ALSO ME": YELLOW}),
]

STARTEND14: list[Row] = [
    ("offbeat", "start the music when the video starts", lambda j: music(j)[0]["st"] == 0),
    ("offbeat", "end the text 1s before the end", lambda j: SPAN(one(j)) == (1000, 4000)),
    ("offbeat", "make the caption start at the beginning", lambda j: SPAN(one(j)) == (0, 6000)),
    ("clipmeme", "add a record scratch when the video ends",
     lambda j: [_end(s) for s in sfx(j, "record_scratch")] == [6000]),
    ("late", "make the bruh caption start when the video starts",
     lambda j: SPAN(txt(j, "BRUH")) == (0, 6000)),
    ("clipmeme", "the caption should end 2 seconds before the video ends",
     lambda j: SPAN(one(j)) == (0, 4000)),
    ("two_clips", "airhorn when the first clip ends", lambda j: _starts(j, "airhorn") == [6000]),
    ("offbeat", "音乐从视频开始的时候就放", lambda j: music(j)[0]["st"] == 0),
    ("clipmeme", "视频结束前一秒加个vine boom", lambda j: _starts(j, "vine_boom") == [5000]),
]

FRACTION14: list[Row] = [
    ("clipmeme", "show the caption only for the first half", lambda j: SPAN(one(j)) == (0, 3000)),
    ("clipmeme", "caption only during the last 20%", lambda j: SPAN(one(j)) == (4800, 1200)),
    ("clipmeme", "keep only the first half of the clip",
     lambda j: [(v["in"], v["d"]) for v in vids(j)] == [(0, 3000)]),
    # the row's own mistake: "at 75%" after a sound is its volume in the app's own words ("add
    # lofi music at 40%"); either reading is accepted
    ("clipmeme", "add an airhorn at 75%", lambda j: _starts(j, "airhorn") == [4500]
     or [s["vol"] for s in sfx(j, "airhorn")] == [75]),
    ("clipmeme", "cut the last third", lambda j: [(v["in"], v["d"]) for v in vids(j)] == [(0, 4000)]),
    ("sounds", "music at a quarter volume",
     lambda j: music(j)[0]["vol"] == 25 and sfx(j)[0]["vol"] == 100),
    ("clipmeme", "前一半显示字幕", lambda j: SPAN(one(j)) == (0, 3000)),
    ("clipmeme", "vine boom at the midpoint", lambda j: _starts(j, "vine_boom") == [3000]),
]

QUESTION14: list[Row] = [
    ("sounds", "can you make the music louder?",
     lambda j: music(j)[0]["vol"] > 100 and sfx(j)[0]["vol"] == 100),
    ("meme", "could the text be bigger?", lambda j: all(c["sz"] > 1.0 for c in caps(j))),
    ("clipmeme", "is it possible to add music?", lambda j: len(music(j)) == 1),
    ("clipmeme", "would it be possible to make it black and white?",
     lambda j: "grayscale" in fx(j)[0]),
    ("meme", "can u move the bottom text to the middle?",
     lambda j: [(c["txt"], c["pos"]) for c in caps(j)] == [(_TOP, "top"), (_BOTTOM, "center")]),
    ("clipmeme", "why is the caption white? make it yellow", lambda j: one(j)["col"] == YELLOW),
    ("wide", "can we do vertical instead?", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "能不能把字幕变大一点吗", lambda j: one(j)["sz"] > 1.0),
    ("clipmeme", "可以加个airhorn吗？", lambda j: len(sfx(j, "airhorn")) == 1),
    ("sounds", "能把音乐去掉吗", lambda j: music(j) == [] and len(sfx(j)) == 1),
]

SPELL14: list[Row] = [
    ("clipmeme", "change the colour of the captoin to red", lambda j: one(j)["col"] == RED),
    ("clipmeme", "centre the caption", lambda j: one(j)["pos"] == "center"),
    ("clipmeme", "make the vidoe slower", lambda j: 0 < vids(j)[0]["sp"] < 1.0),
    ("clipmeme", "make it greyscale", lambda j: "grayscale" in fx(j)[0]),
    ("sounds", "remove the musci", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("clipmeme", "ad a vine bom at 2s", lambda j: _starts(j, "vine_boom") == [2000]),
    ("styled", "capitalise the caption", lambda j: one(j)["txt"] == "ME AT 3AM"),
    ("clipmeme", "put the caption in the centre and make it bigger",
     lambda j: one(j)["pos"] == "center" and one(j)["sz"] > 1.0),
    ("clipmeme", "reverse the vidoe", lambda j: vids(j)[0]["rev"] is True),
]

ZH14: list[Row] = [
    ("img", "图片显示十秒", lambda j: [(v["src"], v["st"], v["d"]) for v in vids(j)]
     == [("h_img", 0, 10000)]),
    ("trio", "第三个字幕删掉", lambda j: _texts(j) == ["bruh", "me"]),
    ("clipmeme", "在四秒半加一个ding", lambda j: _starts(j, "ding") == [4500]),
    ("clipmeme", "字幕从一秒到三秒", lambda j: SPAN(one(j)) == (1000, 2000)),
    ("two_clips", "把第二个视频静音", lambda j: [v["vol"] for v in vids(j)] == [100, 0]),
    ("clipmeme", "在底部加上“我emo了”",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == (_CM, "我emo了")),
    ("clipmeme", "把字幕改成“周一 again”", lambda j: one(j)["txt"] == "周一 again"),
    ("clipmeme", "零点五倍速", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "一秒半的时候加个whoosh", lambda j: _starts(j, "whoosh") == [1500]),
    ("trio", "把第一个音效往后移一秒",
     lambda j: _starts(j, "vine_boom") == [2000] and _starts(j, "airhorn") == [4000]),
]

AREAS14: dict[str, list[Row]] = {
    "named captions": NAMED14, "corrections": CORRECT14, "negations/limits": LIMITS14,
    "ordinals/counts": COUNT14, "start/end": STARTEND14, "fractions": FRACTION14,
    "questions": QUESTION14, "spelling": SPELL14, "chinese numbers": ZH14,
}
FRESH14: list[Row] = [row for rows in AREAS14.values() for row in rows]

# siblings found while fixing batch 14 (not part of its score): the first one muted the boom
FOUND14: list[Row] = [
    ("sounds", "mute everything but the boom",
     lambda j: vids(j)[0]["vol"] == 0 and music(j)[0]["vol"] == 0 and sfx(j)[0]["vol"] == 100),
    ("trio", "make all captions except the 'me' one red",
     lambda j: _cols(j) == {"me": WHITE, "bruh": RED, "ALSO ME": RED}),
    ("trio", "make the 2nd and 3rd caption blue",
     lambda j: _cols(j) == {"me": WHITE, "bruh": BLUE, "ALSO ME": BLUE}),
    ("clipmeme", "show the caption for the second half only", lambda j: SPAN(one(j)) == (3000, 3000)),
    ("clipmeme", "add 'bruh' at 1s, i mean 2s",
     lambda j: SPAN(txt(j, "bruh"))[0] == 2000 and len(caps(j)) == 2),
]

# nothing the app can do as asked (or nothing of that name is there): it asks or offers
CANNOT14: list[tuple[str, str]] = [
    ("meme", "can you make the text glow?"), ("clipmeme", "add a green screen effect"),
    ("clipmeme", "make my voice sound like a chipmunk"), ("trio", "make the text that says hello red"),
    ("clipmeme", "remove the background of the video"), ("trio", "delete the fourth caption"),
    ("clipmeme", "能不能把背景去掉吗"),
]

# still open after batch 14 was fixed (expected failures, with the reason): "make the video
# shorter" says no amount, and the reader asks how long (as it does for "make it shorter")
# instead of guessing one; the row expects a shorter video
OPEN14: set[str] = {LIMITS14[0][1]}

__all__ = ["AREAS14", "CANNOT14", "FOUND14", "FRESH14", "OPEN14"]
