"""Held-out agent instructions, batch 15: 40 everyday requests written in one go for stop 21
(captions, time, media, effects, sound, canvas, Chinese), scored before the reader was changed
(docs/assistant.md, "How it is measured"), plus the siblings of its two misses (FOUND15):
Chinese speed said as a multiple of itself (加速一倍 is twice as fast, 慢一倍 half) and a mood of
music (欢快, 轻快, *happier*, *cheerful*), whose 快 was read as "faster". SECOND15: a second 40,
written after the first were fixed (making memes, timing several things at once, captions,
sounds, the background), with the fixes for its misses: a background colour (*make the
background red* recoloured the captions), a time that leads several actions (*at 2s zoom in and
play an airhorn* put the airhorn at 0 s) and a clip's name as the meme's topic (dance.mp4 made
a meme about a cat). THIRD15: a third 40 (several clips, the media bin, caption looks, sound
levels, timing), with the fixes for three of its misses: *turn off the zoom* / *turn the zoom
off* / *disable the zoom* (read as "zoom in"), *make the top text say 'me' and the bottom say
'also me'* (added a second bottom caption), *end the video with a black screen* (turned the
caption black), *put a whoosh between the clips* (at 0 s, not at the cut), *lower everything*
("I'm not sure"; *make everything quieter* turned the music down only), *make the captions show
one after another* ("I'm not sure"), *make the text bold* / *make the captions fade in* ("I'm
not sure" / "there is no music to fade") and *make the bruh appear earlier* ("I'm not sure";
with "1 second" it cut the video to 1 s). Rows are (starting state, instruction, check), run by
tests/unit/test_agent_unseen.py like the earlier batches.
"""

from __future__ import annotations

from tests.helpers.agent_states import SPAN, Row, W, cap, caps, fx, music, one, sfx, vids

RED, YELLOW, WHITE = "#FF0000", "#FFEB3B", "#FFFFFF"
_TOP, _BOTTOM, _CM = "WHEN THE CODE COMPILES", "IT DOESN'T WORK", "ME AT 3AM"


def _music(j: dict) -> list[str]:
    return [m["src"] for m in music(j)]


def _speed(j: dict) -> float:
    return float(vids(j)[0].get("sp", 1.0))


def _bg(j: dict) -> tuple[str, str | None]:
    return j["m"].get("bg", "#000000"), j["m"].get("bg2")


def _cols(j: dict) -> set[str]:
    return {c["col"] for c in caps(j)}


FRESH15: list[Row] = [
    ("meme", "swap the captions around",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == (_BOTTOM, _TOP)),
    ("meme", "can the bottom one be yellow and the top one stay white",
     lambda j: (cap(j, "bottom")["col"], cap(j, "top")["col"]) == (YELLOW, WHITE)),
    ("meme", "shrink both captions a little", lambda j: all(c["sz"] < 1.0 for c in caps(j))),
    ("meme", "put a boom sound right at the start",
     lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [0]),
    ("meme", "add some chill background music", lambda j: _music(j) == ["music:lofi"]),
    ("meme", "make it last 8 seconds", lambda j: j["d"] == 8000),
    ("meme", "make the picture fill the screen", lambda j: vids(j)[0]["fit"] == "cover"),
    ("meme", "make this square for instagram", lambda j: W(j) == (1080, 1080)),
    ("meme", "the top text should only show for the first 2 seconds",
     lambda j: SPAN(cap(j, "top")) == (0, 2000) and SPAN(cap(j, "bottom")) == (0, 5000)),
    ("clipmeme", "trim the first second off the clip",
     lambda j: vids(j)[0]["in"] == 1000 and vids(j)[0]["d"] == 5000),
    ("clipmeme", "play the clip backwards", lambda j: vids(j)[0].get("rev") is True),
    ("clipmeme", "double the speed", lambda j: _speed(j) == 2.0 and j["d"] == 3000),
    ("clipmeme", "mute the clip", lambda j: vids(j)[0]["vol"] == 0),
    ("clipmeme", "add 'wait for it' at the bottom from 3s",
     lambda j: SPAN(cap(j, "bottom")) == (3000, 3000) and cap(j, "bottom")["txt"] == "wait for it"),
    ("clipmeme", "put the caption in the middle and make it huge",
     lambda j: one(j)["pos"] == "center" and one(j)["sz"] > 1.25),
    ("clipmeme", "cut it down to 4 seconds", lambda j: j["d"] == 4000),
    ("clipmeme", "slow zoom in on the clip",
     lambda j: vids(j)[0]["zm"][0] == 1.0 < vids(j)[0]["zm"][1] <= 1.3),
    ("clipmeme", "deep fry it a bit", lambda j: fx(j) == [["deepfry"]]),
    ("clipmeme", "make it black & white", lambda j: fx(j) == [["grayscale"]]),
    ("sounds", "turn the music down", lambda j: 0 < music(j)[0]["vol"] < 100),
    ("sounds", "louder boom", lambda j: sfx(j, "vine_boom")[0]["vol"] > 100),
    ("sounds", "move the boom to 4 seconds",
     lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [4000]),
    ("sounds", "get rid of the music", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("sounds", "fade the music out at the end", lambda j: music(j)[0]["fo"] > 0),
    ("trio", "delete the middle caption",
     lambda j: sorted(c["txt"] for c in caps(j)) == ["ALSO ME", "me"]),
    ("trio", "make all captions bold red", lambda j: {c["col"] for c in caps(j)} == {RED}),
    ("meme", "把上面的字改成“周五快乐”",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("周五快乐", _BOTTOM)),
    # the two misses of the first score
    ("clipmeme", "视频加速一倍", lambda j: _speed(j) == 2.0 and j["d"] == 3000),
    ("sounds", "背景音乐换成欢快一点的",
     lambda j: _music(j) == ["music:chiptune"] and _speed(j) == 1.0),
]

FOUND15: list[Row] = [
    ("clipmeme", "快一倍", lambda j: _speed(j) == 2.0),
    ("clipmeme", "慢一倍", lambda j: _speed(j) == 0.5 and j["d"] == 12000),
    ("clipmeme", "播放速度提高一倍", lambda j: _speed(j) == 2.0),
    ("clipmeme", "速度放慢一倍", lambda j: _speed(j) == 0.5),
    ("clipmeme", "视频快一点", lambda j: _speed(j) == 1.5),
    ("meme", "加一段欢快的背景音乐", lambda j: _music(j) == ["music:chiptune"]),
    ("sounds", "换一首轻快的音乐", lambda j: _music(j) == ["music:chiptune"] and _speed(j) == 1.0),
    ("sounds", "change the music to something happier", lambda j: _music(j) == ["music:chiptune"]),
    ("meme", "add cheerful music", lambda j: _music(j) == ["music:chiptune"]),
    ("meme", "音量提高一倍", lambda j: _speed(j) == 1.0),
]

SECOND15: list[Row] = [
    ("clipmeme", "at 2s zoom in and play an airhorn",
     lambda j: [s["st"] for s in sfx(j, "airhorn")] == [2000] and vids(j)[1]["st"] == 2000
     and vids(j)[1]["zm"][0] > 1.0),
    ("clipmeme", "at 2 seconds add an airhorn and a zoom",
     lambda j: [s["st"] for s in sfx(j, "airhorn")] == [2000] and vids(j)[1]["st"] == 2000),
    ("clipmeme", "at 3s add a boom and shake",
     lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [3000]
     and [v["st"] for v in vids(j) if "shake" in v.get("fx", [])] == [3000]),
    ("meme", "make the background red",
     lambda j: _bg(j) == (RED, None) and _cols(j) == {WHITE} and vids(j)[0]["fit"] == "contain"),
    ("meme", "背景改成红色", lambda j: _bg(j) == (RED, None) and _cols(j) == {WHITE}),
    ("meme", "white background with black text",
     lambda j: _bg(j) == (WHITE, None) and _cols(j) == {"#000000"}),
    ("meme", "make the text red and the background white",
     lambda j: _bg(j) == (WHITE, None) and _cols(j) == {RED}),
    ("meme", "gradient background from purple to pink",
     lambda j: _bg(j) == ("#9C27B0", "#FF69B4")),
    ("clip", "make a funny video with this",
     lambda j: any("danc" in c["txt"].lower() for c in caps(j))),
    ("clip", "做个搞笑视频", lambda j: any("舞" in c["txt"] for c in caps(j))),
    ("clipmeme", "make the caption appear at 1s and disappear at 5s",
     lambda j: SPAN(one(j)) == (1000, 4000)),
    ("clipmeme", "caption says 'bro what' instead", lambda j: one(j)["txt"] == "bro what"),
    ("clipmeme", "add a second caption 'nah' at the bottom for the last 2 seconds",
     lambda j: SPAN(cap(j, "bottom")) == (4000, 2000) and cap(j, "top")["txt"] == _CM),
    ("clipmeme", "change the caption colour to pink", lambda j: one(j)["col"] == "#FF69B4"),
    ("clipmeme", "make it landscape", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "loop it 3 times", lambda j: j["d"] == 18000 and len(vids(j)) == 3),
    ("sounds", "make the boom twice as loud", lambda j: sfx(j, "vine_boom")[0]["vol"] == 200),
    ("sounds", "swap the boom for an airhorn",
     lambda j: sfx(j, "vine_boom") == [] and [s["st"] for s in sfx(j, "airhorn")] == [2000]),
    ("sounds", "音乐小声一点", lambda j: 0 < music(j)[0]["vol"] < 100),
    ("sounds", "把音效删了", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("trio", "move 'bruh' to the top",
     lambda j: [c["pos"] for c in caps(j) if c["txt"] == "bruh"] == ["top"]),
    ("meme", "add a vine boom when the bottom text appears",
     lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [0]),
    # a miss fixed late: the music was turned up instead of fading in
    ("clipmeme", "add suspense music that gets louder",
     lambda j: [(m["src"], m["vol"], m["fi"]) for m in music(j)] == [("music:suspense", 100, 2000)]),
]

FOUND15B: list[Row] = [
    ("sounds", "make the music build up", lambda j: music(j)[0]["fi"] > 0 and music(j)[0]["vol"] == 100),
    ("sounds", "let the music slowly get louder", lambda j: music(j)[0]["fi"] > 0),
    ("meme", "add some background music", lambda j: _bg(j) == ("#000000", None) and music(j)),
    ("meme", "make the caption background yellow", lambda j: _bg(j) == ("#000000", None)),
    ("meme", "white bg with black text pls",
     lambda j: _bg(j) == (WHITE, None) and _cols(j) == {"#000000"}),
    ("meme", "make the background #112233", lambda j: _bg(j) == ("#112233", None)),
    ("none", "make the background red", lambda j: _bg(j) == (RED, None)),
    ("meme", "加点背景音乐", lambda j: _bg(j) == ("#000000", None) and music(j)),
    ("clipmeme", "在2秒放大并加一个气笛",
     lambda j: vids(j)[1]["st"] == 2000 and [s["st"] for s in sfx(j, "airhorn")] == [2000]),
]

THIRD15: list[Row] = [
    ("two_clips", "swap the two clips", lambda j: [v["src"] for v in vids(j)] == ["h_clip2", "h_clip"]),
    ("two_clips", "delete the second clip", lambda j: [v["src"] for v in vids(j)] == ["h_clip"]),
    ("two_clips", "mute the second video", lambda j: [v["vol"] for v in vids(j)] == [100, 0]),
    ("bin", "use both clips", lambda j: [v["src"] for v in vids(j)] == ["h_clip", "h_clip2"]),
    ("bin", "put all my pictures in a slideshow",
     lambda j: [v["src"] for v in vids(j)] == ["h_img", "h_img2"]),
    ("binmeme", "replace the picture with the clip",
     lambda j: [v["src"] for v in vids(j)] == ["h_clip"] and one(j)["txt"] == "ME"),
    ("binmeme", "add the other picture after this one",
     lambda j: [(v["src"], v["st"]) for v in vids(j)] == [("h_img", 0), ("h_img2", 5000)]),
    ("styled", "make the caption all caps", lambda j: one(j)["txt"] == "ME AT 3AM"),
    ("meme", "put the top caption in a white bar",
     lambda j: cap(j, "top")["sty"] == "bar" and cap(j, "bottom")["sty"] == "classic"),
    ("sounds", "make the music start at 2 seconds", lambda j: music(j)[0]["st"] == 2000),
    ("sounds", "the boom is too loud", lambda j: sfx(j, "vine_boom")[0]["vol"] < 100),
    ("sounds", "make the boom quieter and the music louder",
     lambda j: sfx(j, "vine_boom")[0]["vol"] < 100 < music(j)[0]["vol"]),
    ("trio", "move all captions 1 second later",
     lambda j: sorted(c["st"] for c in caps(j)) == [1000, 1000, 4000]),
    ("slow", "back to normal speed", lambda j: _speed(j) == 1.0 and j["d"] == 6000),
    ("fried", "remove all effects", lambda j: fx(j) == [[]]),
    ("meme", "把字幕变成黄色的", lambda j: _cols(j) == {YELLOW}),
    ("meme", "字体大一点", lambda j: all(c["sz"] > 1.0 for c in caps(j))),
    ("clipmeme", "视频倒放", lambda j: vids(j)[0].get("rev") is True),
    ("clipmeme", "第3秒加个音效 vine boom", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [3000]),
    ("meme", "做成方形的", lambda j: W(j) == (1080, 1080)),
    ("sounds", "把音乐换成史诗的", lambda j: _music(j) == ["music:epic"]),
    # seven of its misses, fixed
    ("late", "make the bruh appear earlier",
     lambda j: [(c["txt"], c["st"]) for c in caps(j)] == [("WAIT FOR IT", 0), ("BRUH", 2500)]),
    ("trio", "make the captions show one after another",
     lambda j: [(c["txt"], c["st"], c["d"]) for c in caps(j)] == [
         ("me", 0, 6000), ("bruh", 2000, 4000), ("ALSO ME", 4000, 2000)]),
    ("sounds", "lower everything",
     lambda j: (vids(j)[0]["vol"], sfx(j)[0]["vol"], music(j)[0]["vol"]) == (50, 50, 30)),
    ("two_clips", "put a whoosh between the clips",
     lambda j: [s["st"] for s in sfx(j, "whoosh")] == [6000]),
    ("wide", "turn off the zoom", lambda j: vids(j)[0]["zm"] == [1.0, 1.0]),
    ("meme", "make the top text say 'me' and the bottom say 'also me'",
     lambda j: [(c["pos"], c["txt"]) for c in caps(j)] == [("top", "me"), ("bottom", "also me")]),
]

FOUND15C: list[Row] = [
    ("late", "make the bruh appear 1 second earlier",
     lambda j: j["d"] == 6000 and [c["st"] for c in caps(j)] == [0, 2000]),
    ("late", "make bruh show up later", lambda j: [c["st"] for c in caps(j)] == [0, 3500]),
    ("late", "ding when bruh shows up", lambda j: [s["st"] for s in sfx(j, "ding")] == [3000]),
    ("meme", "show the captions one by one",
     lambda j: [(c["st"], c["d"]) for c in caps(j)] == [(0, 5000), (2500, 2500)]),
    ("meme", "字幕依次出现", lambda j: [c["st"] for c in caps(j)] == [0, 2500]),
    ("trio", "make all captions bold red", lambda j: _cols(j) == {RED}),
    ("sounds", "make everything quieter",
     lambda j: vids(j)[0]["vol"] < 100 and sfx(j)[0]["vol"] < 100 and music(j)[0]["vol"] < 100),
    ("sounds", "turn everything down", lambda j: sfx(j)[0]["vol"] < 100 > music(j)[0]["vol"]),
    ("sounds", "everything louder",
     lambda j: min(vids(j)[0]["vol"], sfx(j)[0]["vol"], music(j)[0]["vol"]) > 100),
    ("sounds", "所有声音小一点", lambda j: sfx(j)[0]["vol"] < 100 and vids(j)[0]["vol"] < 100),
    ("sounds", "mute everything",
     lambda j: (vids(j)[0]["vol"], sfx(j)[0]["vol"], music(j)[0]["vol"]) == (0, 0, 0)),
    ("two_clips", "add a boom where the clips change",
     lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [6000]),
    ("two_clips", "在两个视频之间加一个whoosh", lambda j: [s["st"] for s in sfx(j, "whoosh")] == [6000]),
    ("wide", "turn the zoom off", lambda j: vids(j)[0]["zm"] == [1.0, 1.0]),
    ("wide", "disable the zoom", lambda j: vids(j)[0]["zm"] == [1.0, 1.0]),
    ("meme", "the bottom should say 'also me'",
     lambda j: [c["txt"] for c in caps(j)] == [_TOP, "also me"]),
    ("meme", "make the bottom say 'also me'",
     lambda j: [c["txt"] for c in caps(j)] == [_TOP, "also me"]),
    ("img", "make the bottom say 'hi'", lambda j: [(c["pos"], c["txt"]) for c in caps(j)] == [
        ("bottom", "hi")]),
]

# nothing changes and the reply says what it can do instead (it used to turn the caption black)
CANNOT15: list[tuple[str, str]] = [
    ("clipmeme", "end the video with a black screen"), ("clipmeme", "fade to black at the end"),
    ("clipmeme", "黑屏结尾"),
    # captions have no bold switch and no fade: the answer says so and offers what there is
    ("meme", "make the text bold"), ("meme", "make the captions fade in"),
    ("meme", "fade out the text at the end"), ("meme", "字幕加粗"),
    # something that is not on the timeline, shifted: never read as the video's new length
    ("late", "make the dog appear 1 second earlier"),
]

__all__ = ["CANNOT15", "FOUND15", "FOUND15B", "FOUND15C", "FRESH15", "SECOND15", "THIRD15"]
