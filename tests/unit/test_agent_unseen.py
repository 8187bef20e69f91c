"""Held-out evaluation of the offline agent: instructions typed the way people really type
(lowercase, "pls", emoji, "2 sec", "00:02", full-width punctuation, Chinese and mixed), each
with the exact draft effect it must have. Written separately from test_agent_table.py so the
agent is measured on phrasings it was not tuned on. Rows: (starting state, text, check)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from meme_desktop.draft import Draft, validate
from meme_desktop.engine.agent import AgentTurn, respond
from tests.helpers.agent_states import FakeHistory, cap, caps, music, segs, sfx, state, vids

J = dict[str, Any]
Row = tuple[str, str, Callable[[J], bool]]
W = lambda j: (j["m"]["width"], j["m"]["height"])  # noqa: E731
SPAN = lambda c: (c["st"], c["d"])  # noqa: E731


def one(j: J) -> J:
    assert len(caps(j)) == 1, caps(j)
    return caps(j)[0]


def txt(j: J, text: str) -> J:
    found = [c for c in caps(j) if c["txt"] == text]
    assert len(found) == 1, caps(j)
    return found[0]


def srcs(j: J) -> list[str]:
    return [v["src"] for v in vids(j)]


def fx(j: J) -> list[list[str]]:
    return [v["fx"] for v in vids(j)]


CAPTIONS: list[Row] = [
    ("img", "can you put 'monday again' at the top pls", lambda j: cap(j, "top")["txt"] == "monday again"),
    ("img", 'make the text say "i am once again asking"', lambda j: one(j)["txt"] == "i am once again asking"),
    ("img", "top text: me explaining the bug bottom text: the bug",
     lambda j: cap(j, "top")["txt"] == "me explaining the bug" and cap(j, "bottom")["txt"] == "the bug"),
    ("img", "top text when u wake up bottom text its monday",
     lambda j: cap(j, "top")["txt"] == "when u wake up" and cap(j, "bottom")["txt"] == "its monday"),
    ("img", "add caption top: hello bottom: goodbye",
     lambda j: cap(j, "top")["txt"] == "hello" and cap(j, "bottom")["txt"] == "goodbye"),
    ("img", "i want it to say “no thoughts head empty”", lambda j: one(j)["txt"] == "no thoughts head empty"),
    ("img", "caption it ‘bruh moment’ 😂", lambda j: one(j)["txt"] == "bruh moment"),
    ("img", "put 「好耶」 in the middle", lambda j: cap(j, "center")["txt"] == "好耶"),
    ("img", "『wait what』 at the bottom pls", lambda j: cap(j, "bottom")["txt"] == "wait what"),
    ("img", "write 'POV: you forgot' on the bottom", lambda j: cap(j, "bottom")["txt"] == "POV: you forgot"),
    ("img", "add text that says it is what it is", lambda j: one(j)["txt"] == "it is what it is"),
    ("img", "add 'this is fine' 🔥", lambda j: one(j)["txt"] == "this is fine"),
    ("img", "stick 'lol' at the top in yellow", lambda j: cap(j, "top")["col"] == "#FFEB3B"),
    ("img", "add 'X' in impact", lambda j: one(j)["sty"] == "classic"),
    ("img", "add 'X' modern meme style", lambda j: one(j)["sty"] == "bar"),
    ("img", "add 'X' like subtitles", lambda j: one(j)["sty"] == "subtitle"),
    ("img", "add 'X' with no outline", lambda j: one(j)["sty"] == "plain"),
    ("img", "add 'X' in pink", lambda j: one(j)["col"] == "#FF69B4"),
    ("img", "add 'X' color #ff00aa", lambda j: one(j)["col"] == "#FF00AA"),
    ("img", "add 'X' and make it huge", lambda j: one(j)["sz"] > 1.0),
    ("img", "add 'X' at 2 sec", lambda j: one(j)["st"] == 2000),
    ("img", "add 'X' at 2.5 seconds", lambda j: one(j)["st"] == 2500),
    ("img", "add 'X' at 00:02", lambda j: one(j)["st"] == 2000),
    ("img", "add 'X' from 1s to 3s", lambda j: SPAN(one(j)) == (1000, 2000)),
    ("img", "add 'X' from 0:01 to 0:03", lambda j: SPAN(one(j)) == (1000, 2000)),
    ("img", "add 'X' for 3 secs", lambda j: SPAN(one(j)) == (0, 3000)),
    ("img", "add 'X' for the first 1.5 seconds", lambda j: SPAN(one(j)) == (0, 1500)),
    ("img", "add 'X' during the last second", lambda j: SPAN(one(j)) == (4000, 1000)),
    ("img", "top 'A', bottom 'B'", lambda j: cap(j, "top")["txt"] == "A" and cap(j, "bottom")["txt"] == "B"),
    ("img", "put 'A' up top and 'B' down below",
     lambda j: cap(j, "top")["txt"] == "A" and cap(j, "bottom")["txt"] == "B"),
    ("img", "add 'A' at the top, 'B' in the middle and 'C' at the bottom",
     lambda j: [cap(j, p)["txt"] for p in ("top", "center", "bottom")] == ["A", "B", "C"]),
    ("meme", "change the bottom caption to 'it works on my machine'",
     lambda j: cap(j, "bottom")["txt"] == "it works on my machine" and cap(j, "top")["txt"] == "WHEN THE CODE COMPILES"),
    ("meme", "change the top one to 'hi'", lambda j: cap(j, "top")["txt"] == "hi"),
    ("meme", "the top text should say 'hello'", lambda j: cap(j, "top")["txt"] == "hello"),
    ("clipmeme", "make the caption yellow", lambda j: one(j)["col"] == "#FFEB3B"),
    ("meme", "make the captions yellow", lambda j: all(c["col"] == "#FFEB3B" for c in caps(j))),
    ("meme", "make the top text #00ffff", lambda j: cap(j, "top")["col"] == "#00FFFF"),
    ("meme", "bottom text in green pls", lambda j: cap(j, "bottom")["col"] == "#00C853" and len(caps(j)) == 2),
    ("meme", "make the bottom text a bit smaller", lambda j: cap(j, "bottom")["sz"] == 0.8),
    ("meme", "move the bottom caption to the middle", lambda j: cap(j, "center")["txt"] == "IT DOESN'T WORK"),
    ("meme", "switch the top and bottom text", lambda j: cap(j, "top")["txt"] == "IT DOESN'T WORK"),
    ("meme", "get rid of the top text", lambda j: [c["pos"] for c in caps(j)] == ["bottom"]),
    ("meme", "delete 'WHEN THE CODE COMPILES'", lambda j: [c["txt"] for c in caps(j)] == ["IT DOESN'T WORK"]),
    ("meme", "clear all the captions", lambda j: caps(j) == []),
    ("meme", "make the top text modern meme style", lambda j: cap(j, "top")["sty"] == "bar"),
    ("meme", "make all the text plain", lambda j: all(c["sty"] == "plain" for c in caps(j))),
    ("clipmeme", "make the caption disappear after 2 seconds", lambda j: SPAN(one(j)) == (0, 2000)),
    ("clipmeme", "show the caption from 2s to 4s", lambda j: SPAN(one(j)) == (2000, 2000)),
    ("clipmeme", "caption only for the last 2 sec", lambda j: SPAN(one(j)) == (4000, 2000)),
    ("clipmeme", "move the caption to the bottom", lambda j: one(j)["pos"] == "bottom"),
    ("clipmeme", "change 'ME AT 3AM' to 'ME AT 5AM'", lambda j: one(j)["txt"] == "ME AT 5AM"),
    ("clipmeme", "add 'part 2' at 4s", lambda j: SPAN(txt(j, "part 2")) == (4000, 2000)),
    ("clipmeme", "make the caption red and bigger", lambda j: (one(j)["col"], one(j)["sz"]) == ("#FF0000", 1.25)),
    ("clipmeme", "also add 'bottom words' at the bottom", lambda j: len(caps(j)) == 2
     and cap(j, "bottom")["txt"] == "bottom words"),
    ("img", "在顶部加上字幕“打工人”", lambda j: cap(j, "top")["txt"] == "打工人"),
    ("img", "底部加字幕：今天不上班", lambda j: cap(j, "bottom")["txt"] == "今天不上班"),
    ("img", "加一句「我太难了」在中间", lambda j: cap(j, "center")["txt"] == "我太难了"),
    ("img", "上面写‘周一’下面写‘又来了’", lambda j: cap(j, "top")["txt"] == "周一" and cap(j, "bottom")["txt"] == "又来了"),
    ("meme", "把底部字幕改成“改好了”", lambda j: cap(j, "bottom")["txt"] == "改好了"),
    ("meme", "所有字幕改成红色", lambda j: all(c["col"] == "#FF0000" for c in caps(j))),
    ("meme", "去掉顶部字幕", lambda j: [c["pos"] for c in caps(j)] == ["bottom"]),
    ("meme", "清空字幕", lambda j: caps(j) == []),
    ("meme", "顶部字幕小一点", lambda j: cap(j, "top")["sz"] == 0.8),
    ("img", "加字幕“你好”，黄色，放在底部", lambda j: (cap(j, "bottom")["txt"], cap(j, "bottom")["col"]) == ("你好", "#FFEB3B")),
    ("img", "在2秒的时候显示“来了”", lambda j: one(j)["st"] == 2000),
    ("img", "加上“hello”字幕在top", lambda j: cap(j, "top")["txt"] == "hello"),
    ("clipmeme", "字幕从1秒到3秒显示", lambda j: SPAN(one(j)) == (1000, 2000)),
]

CANVAS: list[Row] = [
    ("wide", "make it tiktok size", lambda j: W(j) == (1080, 1920)),
    ("wide", "insta story pls", lambda j: W(j) == (1080, 1920)),
    ("wide", "can u make it portrait", lambda j: W(j) == (1080, 1920)),
    ("wide", "vertical for shorts 📱", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "square pls", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "instagram post size", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "ig feed format", lambda j: W(j) == (1080, 1350)),
    ("clipmeme", "4 by 5 please", lambda j: W(j) == (1080, 1350)),
    ("clipmeme", "landscape for youtube pls", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "改成16：9", lambda j: W(j) == (1920, 1080)),
    ("wide", "把视频变成竖屏", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "改成方形的", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "crop it to fill the screen", lambda j: vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "zoom to fill", lambda j: vids(j)[0]["fit"] == "cover" and vids(j)[0]["zm"] == [1.0, 1.0]),
    ("wide", "show the whole video, no cropping", lambda j: vids(j)[0]["fit"] == "contain"),
    ("wide", "blurry background instead", lambda j: vids(j)[0]["fit"] == "blur"),
    ("wide", "make it vertical with black bars", lambda j: W(j) == (1080, 1920) and vids(j)[0]["fit"] == "contain"),
    ("wide", "竖屏，加黑边", lambda j: W(j) == (1080, 1920) and vids(j)[0]["fit"] == "contain"),
    ("wide", "reels format, fill the screen", lambda j: W(j) == (1080, 1920) and vids(j)[0]["fit"] == "cover"),
]

MEDIA: list[Row] = [
    ("img", "use my pic", lambda j: srcs(j) == ["h_img"] and vids(j)[0]["d"] == 5000),
    ("img", "use it", lambda j: srcs(j) == ["h_img"]),
    ("clip", "put the video in", lambda j: srcs(j) == ["h_clip"] and vids(j)[0]["d"] == 6000),
    ("both", "use the picture", lambda j: srcs(j) == ["h_img"]),
    ("both", "add the video", lambda j: srcs(j) == ["h_clip"]),
    ("both", "use both of them", lambda j: srcs(j) == ["h_img", "h_clip"]),
    ("both", "use cat.jpg and dance.mp4", lambda j: srcs(j) == ["h_img", "h_clip"]),
    ("both", "clip first then the pic", lambda j: srcs(j) == ["h_clip", "h_img"]),
    ("two_clips", "swap the clips", lambda j: srcs(j) == ["h_clip2", "h_clip"]),
    ("two_clips", "put fail.mov first", lambda j: srcs(j) == ["h_clip2", "h_clip"]),
    ("two_clips", "get rid of the first clip", lambda j: srcs(j) == ["h_clip2"] and vids(j)[0]["st"] == 0),
    ("two_clips", "delete the last clip", lambda j: srcs(j) == ["h_clip"]),
    ("img", "make it 4 sec long", lambda j: vids(j)[0]["d"] == 4000),
    ("img", "show the pic for 2.5s", lambda j: vids(j)[0]["d"] == 2500),
    ("meme", "make the whole thing 7 seconds", lambda j: vids(j)[0]["d"] == 7000 and all(c["d"] == 7000 for c in caps(j))),
    ("clipmeme", "trim to 3 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (0, 3000)),
    ("clipmeme", "only the first 3 sec", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (0, 3000)),
    ("clipmeme", "cut off the first second", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (1000, 5000)),
    ("clipmeme", "chop the last 1.5 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (0, 4500)),
    ("clipmeme", "just keep 2s to 5s", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (2000, 3000)),
    ("clipmeme", "trim it 1-4s", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (1000, 3000)),
    ("clipmeme", "zoom in slowly", lambda j: vids(j)[0]["zm"][1] > vids(j)[0]["zm"][0] == 1.0),
    ("clipmeme", "punch in at 3 sec", lambda j: [(v["st"], v["zm"]) for v in vids(j)] == [(0, [1.0, 1.0]), (3000, [1.3, 1.3])]),
    ("clipmeme", "zoom in on it at 00:02", lambda j: vids(j)[1]["st"] == 2000 and vids(j)[1]["zm"] == [1.3, 1.3]),
    ("wide", "no zoom pls", lambda j: vids(j)[0]["zm"] == [1.0, 1.0]),
    ("clipmeme", "ken burns it", lambda j: vids(j)[0]["zm"] == [1.0, 1.15]),
    ("img", "slow zoom on the pic", lambda j: vids(j)[0]["zm"] == [1.0, 1.15] and srcs(j) == ["h_img"]),
    ("clipmeme", "视频只要前4秒", lambda j: vids(j)[0]["d"] == 4000),
    ("img", "图片显示2秒就行", lambda j: vids(j)[0]["d"] == 2000),
    ("two_clips", "两个视频调换顺序", lambda j: srcs(j) == ["h_clip2", "h_clip"]),
]

TRICKS: list[Row] = [
    ("clipmeme", "half speed", lambda j: (vids(j)[0]["sp"], vids(j)[0]["d"]) == (0.5, 12000)),
    ("clipmeme", "speed it up 2x", lambda j: (vids(j)[0]["sp"], vids(j)[0]["d"]) == (2.0, 3000)),
    ("clipmeme", "make it go 3x faster", lambda j: vids(j)[0]["sp"] == 3.0),
    ("clipmeme", "slowmo pls", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "slow-mo", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "super slow motion", lambda j: vids(j)[0]["sp"] == 0.25),
    ("clipmeme", "play at 150% speed", lambda j: vids(j)[0]["sp"] == 1.5),
    ("clipmeme", "1.5x speed", lambda j: vids(j)[0]["sp"] == 1.5),
    ("clipmeme", "speed x2", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "double the speed", lambda j: vids(j)[0]["sp"] == 2.0),
    ("slow", "normal speed again pls", lambda j: (vids(j)[0]["sp"], vids(j)[0]["d"]) == (1.0, 6000)),
    ("clipmeme", "play it backwards", lambda j: vids(j)[0]["rev"] is True and len(vids(j)) == 1),
    ("clipmeme", "reverse the video", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "boomerang it", lambda j: [v["rev"] for v in vids(j)] == [False, True]),
    ("clipmeme", "loop 3x", lambda j: len(vids(j)) == 3),
    ("clipmeme", "slow motion for the last 2 secs",
     lambda j: [v["sp"] for v in vids(j)] == [1.0, 0.5] and vids(j)[1]["st"] == 4000),
    ("clipmeme", "速度调到两倍", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "帮我倒放一下", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "0.5倍速", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "慢放", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "循环两次", lambda j: len(vids(j)) == 2),
]

SOUND: list[Row] = [
    ("clipmeme", "slap a vine boom on it at 2 sec", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [2000]),
    ("clipmeme", "vine boom @ 2s", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [2000]),
    ("clipmeme", "add an air horn at the end", lambda j: sfx(j, "airhorn")[0]["st"] == 4000),
    ("clipmeme", "airhorn at the start", lambda j: sfx(j, "airhorn")[0]["st"] == 0),
    ("clipmeme", "record scratch at 1.5 seconds", lambda j: sfx(j, "record_scratch")[0]["st"] == 1500),
    ("clipmeme", "ba dum tss at the end", lambda j: sfx(j, "rimshot")[0]["st"] == 4000),
    ("clipmeme", "womp womp at 3s", lambda j: sfx(j, "sad_trombone")[0]["st"] in (2900, 3000)),
    ("clipmeme", "drumroll at the beginning", lambda j: sfx(j, "drumroll")[0]["st"] == 0),
    ("clipmeme", "cricket noises at 2", lambda j: sfx(j, "crickets")[0]["st"] == 2000),
    ("clipmeme", "a ding at 00:01", lambda j: sfx(j, "ding")[0]["st"] == 1000),
    ("clipmeme", "whoosh at 0.5s", lambda j: sfx(j, "whoosh")[0]["st"] == 500),
    ("clipmeme", "boing sound at 4 sec", lambda j: sfx(j, "boing")[0]["st"] == 4000),
    ("clipmeme", "vine boom at 1s and 3s", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [1000, 3000]),
    ("clipmeme", "add a boom at 2s at half volume", lambda j: sfx(j, "vine_boom")[0]["vol"] == 50),
    ("clipmeme", "put some lofi behind it at like 30%", lambda j: (music(j)[0]["src"], music(j)[0]["vol"]) == ("music:lofi", 30)),
    ("clipmeme", "add chill music", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "hype music pls", lambda j: music(j)[0]["src"] == "music:phonk"),
    ("clipmeme", "some 8 bit music", lambda j: music(j)[0]["src"] == "music:chiptune"),
    ("clipmeme", "epic music 🎵", lambda j: music(j)[0]["src"] == "music:epic"),
    ("clipmeme", "creepy music", lambda j: music(j)[0]["src"] == "music:suspense"),
    ("clipmeme", "add a trending sound", lambda j: len(music(j)) == 1 and music(j)[0]["src"].startswith("music:")),
    ("meme", "use my song as bgm", lambda j: [m["src"] for m in music(j)] == ["h_song"]),
    ("meme", "add song.mp3", lambda j: [m["src"] for m in music(j)] == ["h_song"]),
    ("sounds", "music quieter pls", lambda j: 0 < music(j)[0]["vol"] < 100),
    ("sounds", "lower the music to 20%", lambda j: music(j)[0]["vol"] == 20),
    ("sounds", "make the bgm 50% volume", lambda j: music(j)[0]["vol"] == 50),
    ("clipmeme", "mute the clip", lambda j: vids(j)[0]["vol"] == 0),
    ("clipmeme", "turn off the original sound", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "fade out the music", lambda j: music(j)[0]["fo"] > 0),
    ("sounds", "fade the music in over 2 seconds", lambda j: music(j)[0]["fi"] == 2000),
    ("sounds", "move the boom to 4s", lambda j: sfx(j, "vine_boom")[0]["st"] == 4000),
    ("sounds", "get rid of the sound effects", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "remove the music", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("sounds", "swap the vine boom for an air horn", lambda j: len(sfx(j, "airhorn")) == 1 and sfx(j, "vine_boom") == []),
    ("sounds", "the boom is way too loud", lambda j: sfx(j, "vine_boom")[0]["vol"] < 100),
    ("sounds", "change the music to phonk", lambda j: [m["src"] for m in music(j)] == ["music:phonk"]),
    ("sounds", "背景音乐小一点", lambda j: 0 < music(j)[0]["vol"] < 100),
    ("clipmeme", "在2秒加个叮", lambda j: sfx(j, "ding")[0]["st"] == 2000),
    ("clipmeme", "结尾加一个悲伤长号", lambda j: sfx(j, "sad_trombone")[0]["st"] == 2900),
    ("clipmeme", "开头加个嗖", lambda j: sfx(j, "whoosh")[0]["st"] == 0),
    ("clipmeme", "加点轻松的背景音乐", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "原声静音", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "去掉背景音乐", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("sounds", "背景音乐淡出2秒", lambda j: music(j)[0]["fo"] == 2000),
]

EFFECTS: list[Row] = [
    ("clipmeme", "deep fry it lol", lambda j: fx(j) == [["deepfry"]]),
    ("clipmeme", "make it deep fried", lambda j: fx(j) == [["deepfry"]]),
    ("clipmeme", "b&w pls", lambda j: fx(j) == [["grayscale"]]),
    ("clipmeme", "make it black n white", lambda j: fx(j) == [["grayscale"]]),
    ("clipmeme", "make it look old", lambda j: fx(j) == [["sepia"]]),
    ("clipmeme", "add a shake effect at 2s", lambda j: fx(j) == [[], ["shake"], []] and vids(j)[1]["st"] == 2000),
    ("clipmeme", "screen shake", lambda j: fx(j) == [["shake"]]),
    ("clipmeme", "deep fry the last 2 seconds", lambda j: fx(j) == [[], ["deepfry"]] and vids(j)[1]["st"] == 4000),
    ("fried", "remove the deep fry", lambda j: fx(j) == [["grayscale"]]),
    ("fried", "no effects", lambda j: fx(j) == [[]]),
    ("fried", "remove all filters", lambda j: fx(j) == [[]]),
    ("clipmeme", "黑白滤镜", lambda j: fx(j) == [["grayscale"]]),
    ("clipmeme", "加个复古滤镜", lambda j: fx(j) == [["sepia"]]),
    ("clipmeme", "grayscale + shake", lambda j: sorted(fx(j)[0]) == ["grayscale", "shake"]),
]

COMPOUND: list[Row] = [
    ("img", "put 'monday' on top, make it vertical, and add a vine boom at 2s",
     lambda j: cap(j, "top")["txt"] == "monday" and sfx(j, "vine_boom")[0]["st"] == 2000),
    ("clipmeme", "make it square and add lofi at 20%", lambda j: W(j) == (1080, 1080) and music(j)[0]["vol"] == 20),
    ("clipmeme", "slow mo then reverse", lambda j: (vids(j)[0]["sp"], vids(j)[0]["rev"]) == (0.5, True)),
    ("img", "top text 'A' bottom text 'B' then deep fry it",
     lambda j: cap(j, "bottom")["txt"] == "B" and fx(j) == [["deepfry"]]),
    ("wide", "tiktok size, black and white, and mute it",
     lambda j: W(j) == (1080, 1920) and fx(j) == [["grayscale"]] and vids(j)[0]["vol"] == 0),
    ("clipmeme", "cut the first 2 seconds and add a ding at the end",
     lambda j: vids(j)[0]["in"] == 2000 and sfx(j, "ding")[0]["st"] == 2000),
    ("img", "加字幕“周一”在顶部，然后在1秒加个叮",
     lambda j: cap(j, "top")["txt"] == "周一" and sfx(j, "ding")[0]["st"] == 1000),
    ("wide", "vertical + deep fry + air horn at 1s",
     lambda j: W(j) == (1080, 1920) and fx(j) == [["deepfry"]] and sfx(j, "airhorn")[0]["st"] == 1000),
    ("img", "make it square then add 'hi' at the bottom in yellow",
     lambda j: W(j) == (1080, 1080) and cap(j, "bottom")["col"] == "#FFEB3B"),
    ("clipmeme", "mute the original and put phonk on it",
     lambda j: vids(j)[0]["vol"] == 0 and music(j)[0]["src"] == "music:phonk"),
    ("img", "用这张图，竖屏，底部写“绷不住了”",
     lambda j: W(j) == (1080, 1920) and cap(j, "bottom")["txt"] == "绷不住了"),
    ("clipmeme", "倒放，然后加个vine boom在3秒",
     lambda j: vids(j)[0]["rev"] is True and sfx(j, "vine_boom")[0]["st"] == 3000),
    ("sounds", "remove everything", lambda j: segs(j, 0) == segs(j, 1) == segs(j, 7) == []),
    ("sounds", "start over", lambda j: segs(j, 0) == segs(j, 1) == segs(j, 7) == []),
    ("sounds", "全部清空", lambda j: segs(j, 0) == segs(j, 1) == segs(j, 7) == []),
]

MORE: list[Row] = [
    ("img", "put hello world on top", lambda j: cap(j, "top")["txt"] == "hello world"),
    ("img", "caption that says 'yeet'", lambda j: one(j)["txt"] == "yeet"),
    ("img", "text: big mood", lambda j: one(j)["txt"] == "big mood"),
    ("img", "add the text 'ok boomer' to the bottom", lambda j: cap(j, "bottom")["txt"] == "ok boomer"),
    ("img", "i want 'gg' in the middle in red", lambda j: (cap(j, "center")["txt"], cap(j, "center")["col"]) == ("gg", "#FF0000")),
    ("img", "Add 'X' At The Top", lambda j: cap(j, "top")["txt"] == "X"),
    ("img", "ADD 'X' AT THE BOTTOM", lambda j: cap(j, "bottom")["txt"] == "X"),
    ("img", "add 'X' at the botom", lambda j: cap(j, "bottom")["txt"] == "X"),
    ("img", "add 'X' in the centre", lambda j: cap(j, "center")["txt"] == "X"),
    ("meme", "make the top caption say 'new'", lambda j: cap(j, "top")["txt"] == "new"),
    ("meme", "rename the bottom text to 'b'", lambda j: cap(j, "bottom")["txt"] == "b"),
    ("meme", "make the text red", lambda j: all(c["col"] == "#FF0000" for c in caps(j))),
    ("meme", "bigger text pls", lambda j: all(c["sz"] == 1.25 for c in caps(j))),
    ("meme", "make the font smaller", lambda j: all(c["sz"] == 0.8 for c in caps(j))),
    ("meme", "top text blue bottom text red",
     lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == ("#2979FF", "#FF0000")),
    ("meme", "put the bottom text up top", lambda j: [c["pos"] for c in caps(j)] == ["top", "top"]),
    ("meme", "remove the bottom one", lambda j: [c["pos"] for c in caps(j)] == ["top"]),
    ("meme", "delete the captions", lambda j: caps(j) == []),
    ("clipmeme", "caption from 00:01 to 00:04", lambda j: SPAN(one(j)) == (1000, 3000)),
    ("clipmeme", "show the text for only 2 seconds", lambda j: SPAN(one(j)) == (0, 2000)),
    ("clipmeme", "hide the caption after 3s", lambda j: SPAN(one(j)) == (0, 3000)),
    ("clipmeme", "change the text to 'new text' and make it yellow",
     lambda j: (one(j)["txt"], one(j)["col"]) == ("new text", "#FFEB3B")),
    ("clipmeme", "caption in #FFF000", lambda j: one(j)["col"] == "#FFF000"),
    ("img", "add 'X' at 1.5s for 2 sec", lambda j: SPAN(one(j)) == (1500, 2000)),
    ("img", "add 'X' 3 seconds in", lambda j: one(j)["st"] == 3000),
    ("img", "add 'X' at two seconds", lambda j: one(j)["st"] == 2000),
    ("img", "add 'X' after 2 seconds", lambda j: one(j)["st"] == 2000),
    ("img", "add 'X' at 2000ms", lambda j: one(j)["st"] == 2000),
    ("img", "加个标题“周末愉快”", lambda j: one(j)["txt"] == "周末愉快"),
    ("img", "在下面加一行字：吃了吗", lambda j: cap(j, "bottom")["txt"] == "吃了吗"),
    ("img", "中间写上「无语」，蓝色", lambda j: (cap(j, "center")["txt"], cap(j, "center")["col"]) == ("无语", "#2979FF")),
    ("meme", "上面的字改成“早上好”", lambda j: cap(j, "top")["txt"] == "早上好"),
    ("meme", "下面的字删掉", lambda j: [c["pos"] for c in caps(j)] == ["top"]),
    ("meme", "字幕都变成黄色", lambda j: all(c["col"] == "#FFEB3B" for c in caps(j))),
    ("meme", "把字幕调大", lambda j: all(c["sz"] == 1.25 for c in caps(j))),
    ("clipmeme", "字幕在第2秒出现", lambda j: one(j)["st"] == 2000),
    ("img", "在2.5秒加上“啊”", lambda j: one(j)["st"] == 2500),
    ("img", "两秒后显示“嗯”", lambda j: one(j)["st"] == 2000),
    ("wide", "9x16", lambda j: W(j) == (1080, 1920)),
    ("wide", "make it fit tiktok", lambda j: W(j) == (1080, 1920)),
    ("wide", "phone format", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "yt format", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "make it a square video", lambda j: W(j) == (1080, 1080)),
    ("wide", "抖音尺寸", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "横过来", lambda j: W(j) == (1920, 1080)),
    ("both", "use the jpg", lambda j: srcs(j) == ["h_img"]),
    ("both", "use the mp4", lambda j: srcs(j) == ["h_clip"]),
    ("both", "just the image", lambda j: srcs(j) == ["h_img"]),
    ("two_clips", "move the first clip to the end", lambda j: srcs(j) == ["h_clip2", "h_clip"]),
    ("two_clips", "remove dance.mp4", lambda j: srcs(j) == ["h_clip2"]),
    ("img", "make the video 6s", lambda j: vids(j)[0]["d"] == 6000),
    ("clipmeme", "cut it down to 4 seconds", lambda j: vids(j)[0]["d"] == 4000),
    ("clipmeme", "make it shorter, like 3 seconds", lambda j: vids(j)[0]["d"] == 3000),
    ("clipmeme", "remove the first 2.5s", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (2500, 3500)),
    ("clipmeme", "start from 00:02", lambda j: vids(j)[0]["in"] == 2000),
    ("clipmeme", "zoom in a lot", lambda j: vids(j)[0]["zm"][1] > 1.3),
    ("clipmeme", "zoom in 1.5x", lambda j: vids(j)[0]["zm"] == [1.0, 1.5]),
    ("clipmeme", "删掉前面1秒", lambda j: vids(j)[0]["in"] == 1000),
    ("clipmeme", "截取1秒到3秒", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (1000, 2000)),
    ("clipmeme", "make it faster", lambda j: vids(j)[0]["sp"] > 1.0),
    ("clipmeme", "slow it down", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "speed up pls", lambda j: vids(j)[0]["sp"] > 1.0),
    ("clipmeme", "2x", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "0.5x", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "run it backwards", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "loop it 4 times", lambda j: len(vids(j)) == 4),
    ("clipmeme", "repeat it twice", lambda j: len(vids(j)) == 2),
    ("clipmeme", "slow mo between 1s and 3s", lambda j: [v["sp"] for v in vids(j)] == [1.0, 0.5, 1.0]),
    ("slow", "regular speed", lambda j: vids(j)[0]["sp"] == 1.0),
    ("clipmeme", "三倍速", lambda j: vids(j)[0]["sp"] == 3.0),
    ("clipmeme", "放慢一半", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "重复三次", lambda j: len(vids(j)) == 3),
    ("clipmeme", "boom at 2", lambda j: sfx(j, "vine_boom")[0]["st"] == 2000),
    ("clipmeme", "add vine boom 2 seconds in", lambda j: sfx(j, "vine_boom")[0]["st"] == 2000),
    ("clipmeme", "vineboom at 1s", lambda j: sfx(j, "vine_boom")[0]["st"] == 1000),
    ("clipmeme", "air horn at 1s, 2s and 3s", lambda j: [s["st"] for s in sfx(j, "airhorn")] == [1000, 2000, 3000]),
    ("clipmeme", "add a ding sound effect at the very end", lambda j: sfx(j, "ding")[0]["st"] == 4000),
    ("clipmeme", "add dramatic music", lambda j: music(j)[0]["src"] == "music:epic" and sfx(j) == []),
    ("clipmeme", "lofi at 25% volume", lambda j: (music(j)[0]["src"], music(j)[0]["vol"]) == ("music:lofi", 25)),
    ("sounds", "bgm 10%", lambda j: music(j)[0]["vol"] == 10),
    ("sounds", "music off", lambda j: music(j) == [] or music(j)[0]["vol"] == 0),
    ("sounds", "lower the boom volume to 40%", lambda j: sfx(j, "vine_boom")[0]["vol"] == 40),
    ("sounds", "remove the boom", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "delete all sounds", lambda j: sfx(j) == [] and music(j) == []),
    ("sounds", "put the vine boom at the end", lambda j: sfx(j, "vine_boom")[0]["st"] + sfx(j, "vine_boom")[0]["d"] == 6000),
    ("sounds", "fade music out over 1.5s", lambda j: music(j)[0]["fo"] == 1500),
    ("clipmeme", "mute it", lambda j: vids(j)[0]["vol"] == 0),
    ("clipmeme", "no sound pls", lambda j: vids(j)[0]["vol"] == 0),
    ("clipmeme", "加个vine boom在2秒", lambda j: sfx(j, "vine_boom")[0]["st"] == 2000),
    ("clipmeme", "第3秒加喇叭", lambda j: sfx(j, "airhorn")[0]["st"] == 3000),
    ("clipmeme", "加一个咚的音效在1.5秒", lambda j: sfx(j, "vine_boom")[0]["st"] == 1500),
    ("clipmeme", "加点悬疑的音乐，小声一点", lambda j: music(j)[0]["src"] == "music:suspense" and music(j)[0]["vol"] < 100),
    ("sounds", "音效删了", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "把音乐关掉", lambda j: music(j) == [] or music(j)[0]["vol"] == 0),
    ("meme", "用我上传的歌当背景音乐", lambda j: [m["src"] for m in music(j)] == ["h_song"]),
    ("clipmeme", "fry it", lambda j: fx(j) == [["deepfry"]]),
    ("clipmeme", "sepia filter", lambda j: fx(j) == [["sepia"]]),
    ("clipmeme", "vintage look pls", lambda j: fx(j) == [["sepia"]]),
    ("clipmeme", "shake it at 3s", lambda j: fx(j) == [[], ["shake"], []] and vids(j)[1]["st"] == 3000),
    ("fried", "remove the b&w", lambda j: fx(j) == [["deepfry"]]),
    ("fried", "clear the effects", lambda j: fx(j) == [[]]),
    ("clipmeme", "油炸效果", lambda j: fx(j) == [["deepfry"]]),
    ("fried", "去掉滤镜", lambda j: fx(j) == [[]]),
    ("img", "top text 'me' bottom text 'also me', tiktok size, add a vine boom at the end",
     lambda j: cap(j, "bottom")["txt"] == "also me" and W(j) == (1080, 1920) and sfx(j, "vine_boom")[0]["st"] == 3400),
    ("clipmeme", "2x speed and add crickets at 1s", lambda j: vids(j)[0]["sp"] == 2.0 and sfx(j, "crickets")[0]["st"] == 1000),
    ("clipmeme", "mute it and add lofi", lambda j: vids(j)[0]["vol"] == 0 and music(j)[0]["src"] == "music:lofi"),
    ("img", "在顶部加“上班”，底部加“下班”，再加个黑白滤镜",
     lambda j: cap(j, "bottom")["txt"] == "下班" and fx(j) == [["grayscale"]]),
    ("clipmeme", "make it b&w, add 'RIP' at the bottom", lambda j: fx(j) == [["grayscale"]] and cap(j, "bottom")["txt"] == "RIP"),
]

# a third batch, written after the fixes for the first two and measured before touching the
# agent again: the honest estimate for phrasings nobody tuned on
FRESH: list[Row] = [
    ("img", "can u add a caption saying 'me rn'", lambda j: one(j)["txt"] == "me rn"),
    ("img", "'when the bass drops' top text", lambda j: cap(j, "top")["txt"] == "when the bass drops"),
    ("img", "bottom caption 'gg ez'", lambda j: cap(j, "bottom")["txt"] == "gg ez"),
    ("img", "headline 'BREAKING NEWS' at the top", lambda j: cap(j, "top")["txt"] == "BREAKING NEWS"),
    ("img", "put the words 'nah' in the middle", lambda j: cap(j, "center")["txt"] == "nah"),
    ("img", "add 'X' at the top, yellow, big", lambda j: (cap(j, "top")["col"], cap(j, "top")["sz"] > 1) == ("#FFEB3B", True)),
    ("img", "add 'X' at the top with a caption bar", lambda j: (cap(j, "top")["sty"]) == "bar"),
    ("img", "add 'X' at the bottom as subtitles", lambda j: cap(j, "bottom")["sty"] == "subtitle"),
    ("img", "add 'X' in orange impact font", lambda j: (one(j)["sty"], one(j)["col"]) == ("classic", "#FF9800")),
    ("img", "add 'X' in gold", lambda j: one(j)["col"] == "#FFD700"),
    ("img", "add 'X' from 2 to 4s", lambda j: SPAN(one(j)) == (2000, 2000)),
    ("img", "add 'X' at 1 sec till 3 sec", lambda j: SPAN(one(j)) == (1000, 2000)),
    ("img", "add 'X' for 1 second at 3s", lambda j: SPAN(one(j)) == (3000, 1000)),
    ("img", "add 'X' in the last 2 seconds", lambda j: SPAN(one(j)) == (3000, 2000)),
    ("img", "add 'X' for the first two seconds", lambda j: SPAN(one(j)) == (0, 2000)),
    ("meme", "top caption -> 'yo'", lambda j: cap(j, "top")["txt"] == "yo" and len(caps(j)) == 2),
    ("meme", "change top text to yo", lambda j: cap(j, "top")["txt"] == "yo" and len(caps(j)) == 2),
    ("meme", "make the top text white and the bottom text yellow", lambda j: cap(j, "bottom")["col"] == "#FFEB3B"),
    ("meme", "make both captions red", lambda j: all(c["col"] == "#FF0000" for c in caps(j))),
    ("meme", "text smaller pls", lambda j: all(c["sz"] == 0.8 for c in caps(j))),
    ("meme", "delete the first caption", lambda j: [c["pos"] for c in caps(j)] == ["bottom"]),
    ("meme", "remove the last caption", lambda j: [c["pos"] for c in caps(j)] == ["top"]),
    ("meme", "swap the captions", lambda j: cap(j, "top")["txt"] == "IT DOESN'T WORK"),
    ("clipmeme", "caption should disappear at 2s", lambda j: SPAN(one(j)) == (0, 2000)),
    ("clipmeme", "make the caption appear at 1s", lambda j: one(j)["st"] == 1000 and one(j)["st"] + one(j)["d"] == 6000),
    ("clipmeme", "make the caption pop up at the 3 second mark", lambda j: one(j)["st"] == 3000),
    ("clipmeme", "put the caption in a white bar", lambda j: one(j)["sty"] == "bar"),
    ("clipmeme", "make the text bright red", lambda j: one(j)["col"] == "#FF0000"),
    ("clipmeme", "caption font bigger", lambda j: one(j)["sz"] == 1.25),
    ("img", "加个字幕：周五快乐", lambda j: one(j)["txt"] == "周五快乐"),
    ("img", "顶部写“开工大吉”，底部写“发财”", lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("开工大吉", "发财")),
    ("img", "在中间加上『离谱』", lambda j: cap(j, "center")["txt"] == "离谱"),
    ("meme", "把上面的字幕改成蓝色", lambda j: (cap(j, "top")["col"], cap(j, "bottom")["col"]) == ("#2979FF", "#FFFFFF")),
    ("meme", "下面的字幕换成“算了”", lambda j: cap(j, "bottom")["txt"] == "算了"),
    ("meme", "字幕调小一点", lambda j: all(c["sz"] == 0.8 for c in caps(j))),
    ("clipmeme", "字幕3秒后消失", lambda j: SPAN(one(j)) == (0, 3000)),
    ("img", "加字幕“嘿”，持续2秒", lambda j: SPAN(one(j)) == (0, 2000)),
    ("img", "1秒到4秒显示“好”", lambda j: SPAN(one(j)) == (1000, 3000)),
    ("wide", "make it fit for instagram reels", lambda j: W(j) == (1080, 1920)),
    ("wide", "i need this vertical pls", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "yt size", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "square video for insta post", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "make it wide screen", lambda j: W(j) == (1920, 1080)),
    ("wide", "don't cut anything off", lambda j: vids(j)[0]["fit"] == "contain"),
    ("wide", "改成抖音的尺寸", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "变成横版视频", lambda j: W(j) == (1920, 1080)),
    ("img", "use the photo i uploaded", lambda j: srcs(j) == ["h_img"]),
    ("clip", "use my video pls", lambda j: srcs(j) == ["h_clip"]),
    ("both", "put the clip after the image", lambda j: srcs(j) == ["h_img", "h_clip"]),
    ("both", "image then video", lambda j: srcs(j) == ["h_img", "h_clip"]),
    ("two_clips", "reverse the order", lambda j: srcs(j) == ["h_clip2", "h_clip"] and not any(v["rev"] for v in vids(j))),
    ("two_clips", "drop the second video", lambda j: srcs(j) == ["h_clip"]),
    ("img", "make it last 3 seconds", lambda j: vids(j)[0]["d"] == 3000),
    ("clipmeme", "shorten it to 2 seconds", lambda j: vids(j)[0]["d"] == 2000),
    ("clipmeme", "cut everything after 4 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (0, 4000)),
    ("clipmeme", "remove the first 1 sec", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (1000, 5000)),
    ("clipmeme", "use only 1s-3s", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (1000, 2000)),
    ("clipmeme", "zoom into it", lambda j: vids(j)[0]["zm"] == [1.0, 1.3]),
    ("clipmeme", "slight zoom", lambda j: 1.0 < vids(j)[0]["zm"][1] <= 1.2),
    ("clipmeme", "zoom in on it at 2.5 s", lambda j: vids(j)[1]["st"] == 2500 and vids(j)[1]["zm"][0] > 1),
    ("clipmeme", "把视频缩短到3秒", lambda j: vids(j)[0]["d"] == 3000),
    ("clipmeme", "从第2秒开始播放", lambda j: vids(j)[0]["in"] == 2000),
    ("clipmeme", "speed up by 2x", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "make it 4x speed", lambda j: vids(j)[0]["sp"] == 4.0),
    ("clipmeme", "75% speed", lambda j: vids(j)[0]["sp"] == 0.75),
    ("clipmeme", "slowmotion", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "play it in reverse", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "make it a boomerang", lambda j: [v["rev"] for v in vids(j)] == [False, True]),
    ("clipmeme", "loop it 2x", lambda j: len(vids(j)) == 2),
    ("slow", "undo the slow motion", lambda j: vids(j)[0]["sp"] == 1.0),
    ("clipmeme", "speed up the last 2 seconds", lambda j: [v["sp"] for v in vids(j)] == [1.0, 2.0]),
    ("clipmeme", "播放速度1.5倍", lambda j: vids(j)[0]["sp"] == 1.5),
    ("clipmeme", "反过来播放", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "循环播放3遍", lambda j: len(vids(j)) == 3),
    ("clipmeme", "add a vine boom right at the start", lambda j: sfx(j, "vine_boom")[0]["st"] == 0),
    ("clipmeme", "play an air horn at 1 sec", lambda j: sfx(j, "airhorn")[0]["st"] == 1000),
    ("clipmeme", "scratch sound at 2s", lambda j: sfx(j, "record_scratch")[0]["st"] == 2000),
    ("clipmeme", "rimshot at the end pls", lambda j: sfx(j, "rimshot")[0]["st"] == 4000),
    ("clipmeme", "sad trombone sound at the end", lambda j: sfx(j, "sad_trombone")[0]["st"] == 2900),
    ("clipmeme", "drum roll at 0:01", lambda j: sfx(j, "drumroll")[0]["st"] == 1000),
    ("clipmeme", "crickets at 3s", lambda j: sfx(j, "crickets")[0]["st"] == 3000),
    ("clipmeme", "ding ding at 2", lambda j: sfx(j, "ding")[0]["st"] == 2000),
    ("clipmeme", "whoosh sound effect at the start", lambda j: sfx(j, "whoosh")[0]["st"] == 0),
    ("clipmeme", "boing at 1s and 2s", lambda j: [s["st"] for s in sfx(j, "boing")] == [1000, 2000]),
    ("clipmeme", "vine boom at 2s at 30% volume", lambda j: sfx(j, "vine_boom")[0]["vol"] == 30),
    ("clipmeme", "add phonk at 40%", lambda j: (music(j)[0]["src"], music(j)[0]["vol"]) == ("music:phonk", 40)),
    ("clipmeme", "lofi beats", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "background music, something epic", lambda j: [m["src"] for m in music(j)] == ["music:epic"]),
    ("clipmeme", "add suspense music that fades in", lambda j: music(j)[0]["src"] == "music:suspense" and music(j)[0]["fi"] > 0),
    ("sounds", "turn the bgm down", lambda j: 0 < music(j)[0]["vol"] < 100),
    ("sounds", "music volume 15", lambda j: music(j)[0]["vol"] == 15),
    ("sounds", "make the vine boom quieter", lambda j: 0 < sfx(j, "vine_boom")[0]["vol"] < 100),
    ("sounds", "move the vine boom to 1.5 seconds", lambda j: sfx(j, "vine_boom")[0]["st"] == 1500),
    ("sounds", "replace the music with epic music", lambda j: [m["src"] for m in music(j)] == ["music:epic"]),
    ("sounds", "remove the vine boom", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "no music", lambda j: music(j) == [] or music(j)[0]["vol"] == 0),
    ("sounds", "mute the music", lambda j: music(j) == [] or music(j)[0]["vol"] == 0),
    ("clipmeme", "mute the video's audio", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "fade in and out the music", lambda j: music(j)[0]["fi"] > 0 and music(j)[0]["fo"] > 0),
    ("sounds", "把音效调小", lambda j: 0 < sfx(j)[0]["vol"] < 100),
    ("sounds", "背景音乐调到20%", lambda j: music(j)[0]["vol"] == 20),
    ("clipmeme", "在结尾加个喇叭", lambda j: sfx(j, "airhorn")[0]["st"] == 4000),
    ("clipmeme", "加个蟋蟀声在2秒", lambda j: sfx(j, "crickets")[0]["st"] == 2000),
    ("meme", "背景音乐用我的歌", lambda j: [m["src"] for m in music(j)] == ["h_song"]),
    ("clipmeme", "make it deepfried af", lambda j: fx(j) == [["deepfry"]]),
    ("clipmeme", "add a black and white filter", lambda j: fx(j) == [["grayscale"]]),
    ("clipmeme", "give it an old film look", lambda j: fx(j) == [["sepia"]]),
    ("clipmeme", "shake the screen at 1s", lambda j: fx(j) == [[], ["shake"], []] and vids(j)[1]["st"] == 1000),
    ("clipmeme", "deep fry the first 2 seconds", lambda j: fx(j) == [["deepfry"], []]),
    ("fried", "remove the black and white", lambda j: fx(j) == [["deepfry"]]),
    ("fried", "get rid of all effects", lambda j: fx(j) == [[]]),
    ("clipmeme", "加抖动效果", lambda j: fx(j) == [["shake"]]),
    ("fried", "去掉油炸", lambda j: fx(j) == [["grayscale"]]),
    ("img", "make it square, add 'mood' at the bottom and some lofi",
     lambda j: W(j) == (1080, 1080) and cap(j, "bottom")["txt"] == "mood" and music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "speed it up 2x and add a boing at 1s", lambda j: vids(j)[0]["sp"] == 2.0 and sfx(j, "boing")[0]["st"] == 1000),
    ("wide", "vertical, blurred background, add 'wow' on top",
     lambda j: W(j) == (1080, 1920) and vids(j)[0]["fit"] == "blur" and txt(j, "wow")["pos"] == "top"),
    ("clipmeme", "mute it, add epic music and a vine boom at the end",
     lambda j: vids(j)[0]["vol"] == 0 and music(j)[0]["src"] == "music:epic" and sfx(j, "vine_boom")[0]["st"] == 4400),
    ("img", "用这张图做成竖屏，加上“周一”和“又是周一”",
     lambda j: W(j) == (1080, 1920) and (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("周一", "又是周一")),
    ("clipmeme", "先倒放再加速两倍", lambda j: vids(j)[0]["rev"] is True and vids(j)[0]["sp"] == 2.0),
]

TABLE = CAPTIONS + CANVAS + MEDIA + TRICKS + SOUND + EFFECTS + COMPOUND + MORE + FRESH

HISTORY: list[tuple[str, int]] = [
    ("undo", -1), ("undo pls", -1), ("oops undo that", -1), ("go back one step", -1),
    ("ctrl z", -1), ("撤销", -1), ("撤回上一步", -1), ("redo", 1), ("redo that", 1), ("重做", 1),
    ("undo the last thing", -1), ("nvm undo", -1), ("返回上一步", -1), ("redo pls", 1),
    ("undo it", -1), ("go back", -1), ("redo it", 1), ("撤销一下", -1), ("重做一下", 1), ("undo!!", -1),
]

SUGGEST = ("vine boom", "deep fry", "zoom", "punch", "air horn", "slow", "shake", "caption",
           "music", "音效", "油炸", "放大", "字幕")
CANNOT: list[tuple[str, str]] = [
    ("none", "use my video"), ("none", "speed it up"), ("none", "zoom in pls"),
    ("meme", "asdfgh"), ("meme", "make it more funny"), ("meme", "can u make this better"),
    ("meme", "idk make it cool"), ("meme", "让它更搞笑一点"), ("clipmeme", "add the wilhelm scream"),
    ("clipmeme", "add some jazz"), ("clipmeme", "2秒的时候加一个音效"),
    ("meme", "make the caption say 'x'"), ("none", "make it black and white"), ("img", "???"),
    ("meme", "make it viral"), ("meme", "更有趣一点"), ("clipmeme", "add country music"),
    ("meme", "change the text to 'x'"), ("none", "put it in slow mo"), ("meme", "make it better lol"),
    ("meme", "lmao"), ("meme", "what can you do"), ("clipmeme", "add a bruh sound"),
    ("clipmeme", "add k-pop music"), ("meme", "做得更好玩一点"),
]


def run(start: str, text: str, history: FakeHistory | None = None) -> AgentTurn:
    draft, assets = state(start)
    before = draft.to_json()
    turn = respond(text, draft, assets, history or FakeHistory(Draft.empty()))
    assert draft.to_json() == before, "the agent must not change its input draft"
    return turn


def test_set_is_large_and_bilingual() -> None:
    assert len(TABLE) + len(HISTORY) + len(CANNOT) >= 150
    assert sum(1 for _, t, _ in TABLE if any("\u4e00" <= ch <= "\u9fff" for ch in t)) >= 30


@pytest.mark.parametrize(("start", "text", "check"), TABLE, ids=[t for _, t, _ in TABLE])
def test_unseen_instruction(start: str, text: str, check: Callable[[J], bool]) -> None:
    turn = run(start, text)
    assert turn.draft is not None, turn.reply
    validate(turn.draft)
    j = turn.draft.to_json()
    assert j["d"] == max((s["st"] + s["d"] for t in j["t"] for s in t["sg"]), default=0)
    assert check(j), (turn.reply, j)
    assert turn.events and turn.history == 0
    assert "Timeline (" in turn.reply or "时间线" in turn.reply


@pytest.mark.parametrize(("text", "step"), HISTORY, ids=[t for t, _ in HISTORY])
def test_unseen_history(text: str, step: int) -> None:
    other = state("img")[0]
    hist = FakeHistory(prev=other) if step < 0 else FakeHistory(nxt=other)
    turn = run("meme", text, hist)
    assert (turn.history, turn.draft) == (step, None), turn.reply


@pytest.mark.parametrize(("start", "text"), CANNOT, ids=[t for _, t in CANNOT])
def test_unseen_cannot_act(start: str, text: str) -> None:
    turn = run(start, text)
    assert turn.draft is None and turn.events == [] and turn.history == 0
    reply = turn.reply.lower()
    offers = sum(1 for word in SUGGEST if word in reply)
    assert "?" in reply or "？" in reply or "upload" in reply or "上传" in reply or offers >= 2, reply
    if any(w in text for w in ("funny", "搞笑", "better", "cool", "viral", "有趣", "好玩")):
        assert offers >= 2, reply


def test_unseen_is_fast_and_deterministic() -> None:
    worst = 0.0
    for start, text, _ in TABLE:
        draft, assets = state(start)
        spent = []
        for _ in range(3):      # the best of three: the cost, not a scheduler hiccup
            t0 = time.perf_counter()
            first = respond(text, draft, assets, FakeHistory())
            spent.append(time.perf_counter() - t0)
        worst = max(worst, min(spent))
        again = respond(text, draft, assets, FakeHistory())
        assert first.reply == again.reply
        assert (first.draft is None) == (again.draft is None)
        if first.draft is not None and again.draft is not None:
            assert first.draft.to_json() == again.draft.to_json()
    assert worst < 0.02, worst
