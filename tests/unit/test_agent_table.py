"""Table-driven test of the offline agent: instructions (English and Chinese) and the exact
effect each must have on the draft. Each row: starting state, instruction, check of the result
(the new draft's wire JSON). Run directly against ``respond``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from meme_desktop.draft import Draft, validate
from meme_desktop.engine.agent import respond
from tests.helpers.agent_states import FakeHistory, cap, caps, music, sfx, state, vids

J = dict[str, Any]
W = lambda j: (j["m"]["width"], j["m"]["height"])  # noqa: E731


def one_cap(j: J) -> J:
    assert len(caps(j)) == 1, caps(j)
    return caps(j)[0]


def new_cap(j: J, text: str) -> J:
    found = [c for c in caps(j) if c["txt"] == text]
    assert len(found) == 1, caps(j)
    return found[0]


CAPTIONS: list[tuple[str, str, Callable[[J], bool]]] = [
    ("img", "put 'WHEN THE CODE COMPILES' on top",
     lambda j: new_cap(j, "WHEN THE CODE COMPILES")["pos"] == "top"
     and vids(j)[0]["src"] == "h_img" and vids(j)[0]["d"] == 5000
     and new_cap(j, "WHEN THE CODE COMPILES")["d"] == 5000),
    ("img", 'add "hello there" at the bottom', lambda j: cap(j, "bottom")["txt"] == "hello there"),
    ("img", "add “smart quotes” in the middle", lambda j: cap(j, "center")["txt"] == "smart quotes"),
    ("img", "add 「日本語」 at the top", lambda j: cap(j, "top")["txt"] == "日本語"),
    ("img", "add 『double corner』 at the bottom", lambda j: cap(j, "bottom")["txt"] == "double corner"),
    ("img", "add ‘curly single’ on top", lambda j: cap(j, "top")["txt"] == "curly single"),
    ("img", "caption: nobody expects it", lambda j: one_cap(j)["txt"] == "nobody expects it"),
    ("img", "top text: when the wifi drops", lambda j: cap(j, "top")["txt"] == "when the wifi drops"),
    ("img", "top text: me, bottom text: also me",
     lambda j: cap(j, "top")["txt"] == "me" and cap(j, "bottom")["txt"] == "also me"),
    ("img", "add a caption that says hello world", lambda j: one_cap(j)["txt"] == "hello world"),
    ("img", "add 'A' at the top and 'B' at the bottom",
     lambda j: cap(j, "top")["txt"] == "A" and cap(j, "bottom")["txt"] == "B"),
    ("img", "top text 'A' bottom text 'B'",
     lambda j: cap(j, "top")["txt"] == "A" and cap(j, "bottom")["txt"] == "B"),
    ("img", "add 'A' and 'B'", lambda j: cap(j, "top")["txt"] == "A" and cap(j, "bottom")["txt"] == "B"),
    ("img", "add 'ONE', 'TWO' and 'THREE'",
     lambda j: {c["pos"] for c in caps(j)} == {"top", "bottom", "center"}),
    ("img", "'I CAN'T EVEN' at the top", lambda j: cap(j, "top")["txt"] == "I CAN'T EVEN"),
    ("img", "add 'hi, there' at the top", lambda j: cap(j, "top")["txt"] == "hi, there"),
    ("img", "add 'this and that' on top", lambda j: cap(j, "top")["txt"] == "this and that"),
    ("img", "add 'X' in impact font", lambda j: one_cap(j)["sty"] == "classic"),
    ("img", "add 'X' as a caption bar", lambda j: one_cap(j)["sty"] == "bar"),
    ("img", "modern meme style 'X'", lambda j: one_cap(j)["sty"] == "bar" and one_cap(j)["pos"] == "top"),
    ("img", "add 'X' as a subtitle", lambda j: one_cap(j)["sty"] == "subtitle" and one_cap(j)["pos"] == "bottom"),
    ("img", "add 'X' in plain text", lambda j: one_cap(j)["sty"] == "plain"),
    ("img", "add 'X' in red", lambda j: one_cap(j)["col"] == "#FF0000"),
    ("img", "add 'X' in yellow at the bottom", lambda j: cap(j, "bottom")["col"] == "#FFEB3B"),
    ("img", "add 'X' in #00ff00", lambda j: one_cap(j)["col"] == "#00FF00"),
    ("img", "add big 'X'", lambda j: one_cap(j)["sz"] == 1.25),
    ("img", "add 'X' smaller", lambda j: one_cap(j)["sz"] == 0.8),
    ("img", "add 'X' at 3s", lambda j: one_cap(j)["st"] == 3000 and one_cap(j)["d"] == 2000),
    ("clip", "add 'X' at 2s", lambda j: one_cap(j)["st"] == 2000 and one_cap(j)["d"] == 4000),
    ("img", "add 'X' from 1 to 2.5 seconds", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (1000, 1500)),
    ("img", "add 'X' for 2 seconds", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (0, 2000)),
    ("img", "add 'X' at 1s for 2 seconds", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (1000, 2000)),
    ("img", "add 'X' for the first 2 seconds", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (0, 2000)),
    ("img", "add 'X' for the last 2 seconds", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (3000, 2000)),
    ("clip", "add 'X' between 1 and 3 seconds", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (1000, 2000)),
    ("none", "add 'HELLO' on top", lambda j: cap(j, "top")["d"] == 5000 and not vids(j)),
    ("clip", "add 'X'", lambda j: one_cap(j)["d"] == 6000 and one_cap(j)["pos"] == "top"),
    ("meme", "add 'MIDDLE'", lambda j: new_cap(j, "MIDDLE")["pos"] == "center"),
    ("clipmeme", "add 'SECOND'", lambda j: new_cap(j, "SECOND")["pos"] == "bottom"),
    ("img", "add 'X' at the top in red and make it bigger",
     lambda j: one_cap(j)["col"] == "#FF0000" and one_cap(j)["sz"] == 1.25),
    # editing existing captions
    ("meme", "change the top text to 'NEW'", lambda j: cap(j, "top")["txt"] == "NEW"
     and cap(j, "bottom")["txt"] == "IT DOESN'T WORK"),
    ("meme", "make the bottom text say 'NOPE'", lambda j: cap(j, "bottom")["txt"] == "NOPE"),
    ("meme", "replace 'WHEN THE CODE COMPILES' with 'WHEN IT RUNS'",
     lambda j: cap(j, "top")["txt"] == "WHEN IT RUNS"),
    ("meme", "change 'IT DOESN'T WORK' to 'IT WORKS'", lambda j: cap(j, "bottom")["txt"] == "IT WORKS"),
    ("meme", "make the top text red", lambda j: cap(j, "top")["col"] == "#FF0000"
     and cap(j, "bottom")["col"] == "#FFFFFF"),
    ("meme", "make the bottom caption blue", lambda j: cap(j, "bottom")["col"] == "#2979FF"),
    ("meme", "make all captions yellow", lambda j: all(c["col"] == "#FFEB3B" for c in caps(j))),
    ("meme", "make the text bigger", lambda j: all(c["sz"] == 1.25 for c in caps(j))),
    ("meme", "make the top text smaller", lambda j: cap(j, "top")["sz"] == 0.8),
    ("meme", "make the top text much bigger", lambda j: cap(j, "top")["sz"] == 1.5),
    ("meme", "move the top text to the middle", lambda j: {c["pos"] for c in caps(j)} == {"center", "bottom"}),
    ("meme", "move the bottom text to the top",
     lambda j: [c["pos"] for c in caps(j)] == ["top", "top"]),
    ("meme", "put the top text at the bottom",
     lambda j: new_cap(j, "WHEN THE CODE COMPILES")["pos"] == "bottom"),
    ("meme", "make the top text a caption bar", lambda j: cap(j, "top")["sty"] == "bar"),
    ("meme", "use subtitle style for all captions", lambda j: all(c["sty"] == "subtitle" for c in caps(j))),
    ("meme", "make the captions plain", lambda j: all(c["sty"] == "plain" for c in caps(j))),
    ("meme", "remove the top text", lambda j: [c["pos"] for c in caps(j)] == ["bottom"]),
    ("meme", "delete the bottom caption", lambda j: [c["pos"] for c in caps(j)] == ["top"]),
    ("meme", "remove 'IT DOESN'T WORK'", lambda j: [c["txt"] for c in caps(j)] == ["WHEN THE CODE COMPILES"]),
    ("meme", "remove all captions", lambda j: caps(j) == []),
    ("meme", "remove all text", lambda j: caps(j) == []),
    ("meme", "show the top text only for the first 2 seconds",
     lambda j: (cap(j, "top")["st"], cap(j, "top")["d"]) == (0, 2000)),
    ("meme", "move the bottom text to 2s", lambda j: cap(j, "bottom")["st"] == 2000),
    ("meme", "bottom text from 1 to 3 seconds", lambda j: (cap(j, "bottom")["st"], cap(j, "bottom")["d"]) == (1000, 2000)),
    ("clipmeme", "make it red", lambda j: one_cap(j)["col"] == "#FF0000"),
    ("clipmeme", "change the caption to 'ME AT 4AM'", lambda j: one_cap(j)["txt"] == "ME AT 4AM"),
    ("clipmeme", "make the caption orange and move it to the bottom",
     lambda j: one_cap(j)["col"] == "#FF9800" and one_cap(j)["pos"] == "bottom"),
    # Chinese
    ("img", "在顶部加上“你好世界”", lambda j: cap(j, "top")["txt"] == "你好世界"),
    ("img", "底部字幕「下班了」", lambda j: cap(j, "bottom")["txt"] == "下班了"),
    ("img", "中间加字幕“哈哈”", lambda j: cap(j, "center")["txt"] == "哈哈"),
    ("img", "加字幕“周一”，红色", lambda j: one_cap(j)["col"] == "#FF0000"),
    ("img", "在3秒加上“来了”", lambda j: one_cap(j)["st"] == 3000),
    ("img", "前2秒显示“开始”", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (0, 2000)),
    ("meme", "把顶部字幕改成“新的”", lambda j: cap(j, "top")["txt"] == "新的"),
    ("meme", "顶部字幕改成黄色", lambda j: cap(j, "top")["col"] == "#FFEB3B"),
    ("meme", "字幕大一点", lambda j: all(c["sz"] == 1.25 for c in caps(j))),
    ("meme", "删除底部字幕", lambda j: [c["pos"] for c in caps(j)] == ["top"]),
    ("meme", "去掉所有字幕", lambda j: caps(j) == []),
    ("meme", "把底部字幕移到顶部", lambda j: [c["pos"] for c in caps(j)] == ["top", "top"]),
    ("img", "顶部加上“上班”、底部加上“下班”",
     lambda j: cap(j, "top")["txt"] == "上班" and cap(j, "bottom")["txt"] == "下班"),
]

CANVAS: list[tuple[str, str, Callable[[J], bool]]] = [
    ("wide", "make it vertical", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "make it square", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "1:1 please", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "4:5 for instagram feed", lambda j: W(j) == (1080, 1350)),
    ("clipmeme", "make it landscape", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "16:9 for youtube", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "horizontal", lambda j: W(j) == (1920, 1080)),
    ("wide", "for tiktok", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "make it widescreen", lambda j: W(j) == (1920, 1080)),
    ("clipmeme", "format it for instagram", lambda j: W(j) == (1080, 1350)),
    ("clipmeme", "square, crop to fill", lambda j: W(j) == (1080, 1080) and vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "square with black bars", lambda j: W(j) == (1080, 1080) and vids(j)[0]["fit"] == "contain"),
    ("clipmeme", "square with a blurred background", lambda j: W(j) == (1080, 1080) and vids(j)[0]["fit"] == "blur"),
    ("clipmeme", "don't crop it", lambda j: vids(j)[0]["fit"] == "contain"),
    ("clipmeme", "fill the frame", lambda j: vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "no black bars", lambda j: vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "letterbox it", lambda j: vids(j)[0]["fit"] == "contain"),
    ("img", "make it square", lambda j: W(j) == (1080, 1080) and vids(j)[0]["src"] == "h_img"),
    ("clipmeme", "改成正方形", lambda j: W(j) == (1080, 1080)),
    ("clipmeme", "横屏", lambda j: W(j) == (1920, 1080)),
    ("wide", "竖屏，模糊背景", lambda j: W(j) == (1080, 1920) and vids(j)[0]["fit"] == "blur"),
    ("clipmeme", "铺满画面", lambda j: vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "不要裁剪", lambda j: vids(j)[0]["fit"] == "contain"),
    ("wide", "make it 9:16 for reels", lambda j: W(j) == (1080, 1920)),
    ("clipmeme", "youtube shorts format, then square", lambda j: W(j) == (1080, 1080)),
]

MEDIA: list[tuple[str, str, Callable[[J], bool]]] = [
    ("img", "use this image", lambda j: [v["src"] for v in vids(j)] == ["h_img"] and vids(j)[0]["d"] == 5000),
    ("clip", "use the clip", lambda j: vids(j)[0]["d"] == 6000 and vids(j)[0]["src"] == "h_clip"),
    ("both", "use it", lambda j: [v["src"] for v in vids(j)] == ["h_clip"]),
    ("both", "add cat.jpg", lambda j: [v["src"] for v in vids(j)] == ["h_img"]),
    ("both", "use dance.mp4", lambda j: [v["src"] for v in vids(j)] == ["h_clip"]),
    ("both", "use both", lambda j: [v["src"] for v in vids(j)] == ["h_img", "h_clip"]),
    ("both", "the image first for 2 seconds, then the clip",
     lambda j: [(v["src"], v["st"], v["d"]) for v in vids(j)] == [("h_img", 0, 2000), ("h_clip", 2000, 6000)]),
    ("both", "start with the clip, then the image for 3 seconds",
     lambda j: [(v["src"], v["d"]) for v in vids(j)] == [("h_clip", 6000), ("h_img", 3000)]),
    ("two_clips", "put the second clip first",
     lambda j: [v["src"] for v in vids(j)] == ["h_clip2", "h_clip"] and vids(j)[1]["st"] == 4000),
    ("two_clips", "remove the second clip", lambda j: [v["src"] for v in vids(j)] == ["h_clip"]),
    ("two_clips", "delete fail.mov", lambda j: [v["src"] for v in vids(j)] == ["h_clip"]),
    ("img", "make a 3 second video", lambda j: vids(j)[0]["d"] == 3000),
    ("img", "make it 8 seconds", lambda j: vids(j)[0]["d"] == 8000),
    ("meme", "make it 8 seconds long", lambda j: vids(j)[0]["d"] == 8000 and all(c["d"] == 8000 for c in caps(j))),
    ("meme", "make it 3 seconds", lambda j: vids(j)[0]["d"] == 3000 and all(c["d"] == 3000 for c in caps(j))),
    ("meme", "show the image for 2 seconds", lambda j: vids(j)[0]["d"] == 2000),
    ("clipmeme", "keep only the first 4 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (0, 4000)
     and one_cap(j)["d"] == 4000),
    ("clipmeme", "the first 4 seconds", lambda j: vids(j)[0]["d"] == 4000),
    ("clipmeme", "cut the first 2 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (2000, 4000)),
    ("clipmeme", "cut the last 2 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (0, 4000)),
    ("clipmeme", "trim it from 3s to 6s", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (3000, 3000)),
    ("clipmeme", "use the clip from 1s to 4s", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (1000, 3000)),
    ("clipmeme", "only keep the last 2 seconds", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (4000, 2000)),
    ("clipmeme", "只要前3秒", lambda j: vids(j)[0]["d"] == 3000),
    ("clipmeme", "剪掉前2秒", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (2000, 4000)),
    ("clipmeme", "去掉最后1秒", lambda j: vids(j)[0]["d"] == 5000),
    ("clipmeme", "zoom in", lambda j: vids(j)[0]["zm"] == [1.0, 1.3]),
    ("clipmeme", "zoom out", lambda j: vids(j)[0]["zm"] == [1.3, 1.0]),
    ("clipmeme", "ken burns effect", lambda j: vids(j)[0]["zm"] == [1.0, 1.15]),
    ("clipmeme", "slow zoom", lambda j: vids(j)[0]["zm"] == [1.0, 1.15]),
    ("clipmeme", "zoom in 2x", lambda j: vids(j)[0]["zm"] == [1.0, 2.0]),
    ("clipmeme", "punch in at 2s", lambda j: [(v["st"], v["zm"]) for v in vids(j)] == [(0, [1.0, 1.0]), (2000, [1.3, 1.3])]
     and vids(j)[1]["in"] == 2000),
    ("clipmeme", "zoom in at 3 seconds", lambda j: vids(j)[1]["st"] == 3000 and vids(j)[1]["zm"] == [1.3, 1.3]),
    ("clipmeme", "放大", lambda j: vids(j)[0]["zm"] == [1.0, 1.3]),
    ("img", "zoom in", lambda j: vids(j)[0]["zm"] == [1.0, 1.3] and vids(j)[0]["src"] == "h_img"),
    ("wide", "no zoom", lambda j: vids(j)[0]["zm"] == [1.0, 1.0]),
]

TRICKS: list[tuple[str, str, Callable[[J], bool]]] = [
    ("clipmeme", "slow motion", lambda j: (vids(j)[0]["sp"], vids(j)[0]["d"]) == (0.5, 12000)
     and one_cap(j)["d"] == 12000),
    ("clipmeme", "slow it down", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "slow-mo", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "make it 2x faster", lambda j: (vids(j)[0]["sp"], vids(j)[0]["d"]) == (2.0, 3000)),
    ("clipmeme", "3 times faster", lambda j: vids(j)[0]["sp"] == 3.0 and vids(j)[0]["d"] == 2000),
    ("clipmeme", "speed it up", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "a bit faster", lambda j: vids(j)[0]["sp"] == 1.5),
    ("clipmeme", "50% speed", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "play at 200% speed", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "half speed", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "super slow motion", lambda j: vids(j)[0]["sp"] == 0.25 and vids(j)[0]["d"] == 24000),
    ("clipmeme", "2 times slower", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "0.5x", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "reverse it", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "play it backwards", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "boomerang", lambda j: [(v["rev"], v["st"], v["d"]) for v in vids(j)] == [(False, 0, 6000), (True, 6000, 6000)]
     and one_cap(j)["d"] == 12000),
    ("clipmeme", "loop it 3 times", lambda j: len(vids(j)) == 3 and vids(j)[2]["st"] == 12000),
    ("clipmeme", "loop it twice", lambda j: len(vids(j)) == 2),
    ("clipmeme", "repeat the clip 2 times", lambda j: len(vids(j)) == 2),
    ("clipmeme", "slow motion from 2 to 4 seconds",
     lambda j: [(v["st"], v["d"], v["sp"]) for v in vids(j)] == [(0, 2000, 1.0), (2000, 4000, 0.5), (6000, 2000, 1.0)]),
    ("clip", "slow motion", lambda j: vids(j)[0]["sp"] == 0.5 and vids(j)[0]["src"] == "h_clip"),
    ("clipmeme", "慢动作", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "2倍速", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "两倍速", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "加速", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "倒放", lambda j: vids(j)[0]["rev"] is True),
    ("clipmeme", "循环3次", lambda j: len(vids(j)) == 3),
    ("clipmeme", "slow motion, then reverse it", lambda j: vids(j)[0]["sp"] == 0.5 and vids(j)[0]["rev"]),
    ("two_clips", "slow down the second clip", lambda j: vids(j)[1]["sp"] == 0.5 and vids(j)[0]["sp"] == 1.0),
    ("two_clips", "reverse the first clip", lambda j: vids(j)[0]["rev"] and not vids(j)[1]["rev"]),
]

EFFECTS: list[tuple[str, str, Callable[[J], bool]]] = [
    ("clipmeme", "deep fry it", lambda j: vids(j)[0]["fx"] == ["deepfry"]),
    ("clipmeme", "make it deep fried", lambda j: vids(j)[0]["fx"] == ["deepfry"]),
    ("clipmeme", "make it black and white", lambda j: vids(j)[0]["fx"] == ["grayscale"]),
    ("clipmeme", "grayscale", lambda j: vids(j)[0]["fx"] == ["grayscale"]),
    ("clipmeme", "make it look old", lambda j: vids(j)[0]["fx"] == ["sepia"]),
    ("clipmeme", "sepia filter", lambda j: vids(j)[0]["fx"] == ["sepia"]),
    ("clipmeme", "add camera shake", lambda j: vids(j)[0]["fx"] == ["shake"]),
    ("clipmeme", "deep fry and shake", lambda j: vids(j)[0]["fx"] == ["deepfry", "shake"]),
    ("clipmeme", "黑白", lambda j: vids(j)[0]["fx"] == ["grayscale"]),
    ("clipmeme", "加抖动效果", lambda j: vids(j)[0]["fx"] == ["shake"]),
    ("clipmeme", "复古一点", lambda j: vids(j)[0]["fx"] == ["sepia"]),
    ("img", "deep fry this image", lambda j: vids(j)[0]["fx"] == ["deepfry"] and vids(j)[0]["src"] == "h_img"),
    ("two_clips", "make the second clip black and white",
     lambda j: vids(j)[1]["fx"] == ["grayscale"] and vids(j)[0]["fx"] == []),
]

SOUND: list[tuple[str, str, Callable[[J], bool]]] = [
    ("clipmeme", "add a vine boom at 2s", lambda j: [(s["st"], s["d"]) for s in sfx(j, "vine_boom")] == [(2000, 1600)]),
    ("clipmeme", "vine boom at 2 and 4 seconds", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [2000, 4000]),
    ("clipmeme", "add a boom at the end", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [4400]),
    ("clipmeme", "add a vine boom at the start", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [0]),
    ("clipmeme", "air horn at 1s", lambda j: [s["st"] for s in sfx(j, "airhorn")] == [1000]),
    ("clipmeme", "add an airhorn", lambda j: len(sfx(j, "airhorn")) == 1),
    ("clipmeme", "record scratch at 0.5s", lambda j: [s["st"] for s in sfx(j, "record_scratch")] == [500]),
    ("clipmeme", "add a scratch", lambda j: len(sfx(j, "record_scratch")) == 1),
    ("clipmeme", "ba dum tss at the end", lambda j: sfx(j, "rimshot")[0]["st"] == 4000),
    ("clipmeme", "sad trombone at the end", lambda j: sfx(j, "sad_trombone")[0]["st"] == 2900),
    ("clipmeme", "womp womp", lambda j: len(sfx(j, "sad_trombone")) == 1),
    ("clipmeme", "drum roll at the start", lambda j: sfx(j, "drumroll")[0]["st"] == 0),
    ("clipmeme", "add crickets at 3s", lambda j: sfx(j, "crickets")[0]["st"] == 3000),
    ("clipmeme", "ding at 1.5s", lambda j: sfx(j, "ding")[0]["st"] == 1500),
    ("clipmeme", "add a whoosh at 2s", lambda j: sfx(j, "whoosh")[0]["st"] == 2000),
    ("clipmeme", "boing at 4s", lambda j: sfx(j, "boing")[0]["st"] == 4000),
    ("clipmeme", "vine boom at 2s at 50% volume", lambda j: sfx(j, "vine_boom")[0]["vol"] == 50),
    ("clipmeme", "add a vine boom at 1s and an air horn at 3s",
     lambda j: sfx(j, "vine_boom")[0]["st"] == 1000 and sfx(j, "airhorn")[0]["st"] == 3000),
    ("clipmeme", "在2秒加一个vine boom", lambda j: sfx(j, "vine_boom")[0]["st"] == 2000),
    ("clipmeme", "结尾加喇叭音效", lambda j: sfx(j, "airhorn")[0]["st"] == 4000),
    ("clipmeme", "开头加叮的音效", lambda j: sfx(j, "ding")[0]["st"] == 0),
    ("img", "add a vine boom at 1s", lambda j: sfx(j, "vine_boom")[0]["st"] == 1000 and vids(j)[0]["src"] == "h_img"),
    ("sounds", "move the vine boom to 4s", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [4000]),
    ("sounds", "move the boom to the end", lambda j: [s["st"] for s in sfx(j, "vine_boom")] == [5100]),
    ("sounds", "remove the vine boom", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "删除vine boom音效", lambda j: sfx(j) == []),
    ("sounds", "make the vine boom 150%", lambda j: sfx(j, "vine_boom")[0]["vol"] == 150),
    ("sounds", "sound effects at 50%", lambda j: sfx(j, "vine_boom")[0]["vol"] == 50),
    # music
    ("clipmeme", "add lofi music", lambda j: [(m["src"], m["st"], m["d"]) for m in music(j)] == [("music:lofi", 0, 6000)]),
    ("clipmeme", "add some chill music", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "phonk", lambda j: music(j)[0]["src"] == "music:phonk"),
    ("clipmeme", "hype music", lambda j: music(j)[0]["src"] == "music:phonk"),
    ("clipmeme", "8-bit music", lambda j: music(j)[0]["src"] == "music:chiptune"),
    ("clipmeme", "chiptune background", lambda j: music(j)[0]["src"] == "music:chiptune"),
    ("clipmeme", "epic music", lambda j: music(j)[0]["src"] == "music:epic"),
    ("clipmeme", "tense music", lambda j: music(j)[0]["src"] == "music:suspense"),
    ("clipmeme", "suspense music at 40%", lambda j: (music(j)[0]["src"], music(j)[0]["vol"]) == ("music:suspense", 40)),
    ("clipmeme", "add a trending sound", lambda j: music(j)[0]["src"] == "music:phonk" and music(j)[0]["d"] == 6000),
    ("sounds", "use my song as background music", lambda j: [(m["src"], m["d"]) for m in music(j)] == [("h_song", 6000)]),
    ("sounds", "add song.mp3", lambda j: [m["src"] for m in music(j)] == ["h_song"]),
    ("sounds", "switch the music to epic", lambda j: [m["src"] for m in music(j)] == ["music:epic"]),
    ("sounds", "turn the music down", lambda j: music(j)[0]["vol"] == 30),
    ("sounds", "music volume 20%", lambda j: music(j)[0]["vol"] == 20),
    ("sounds", "set the music to 60 percent", lambda j: music(j)[0]["vol"] == 60),
    ("sounds", "music louder", lambda j: music(j)[0]["vol"] == 150),
    ("sounds", "mute the original audio", lambda j: vids(j)[0]["vol"] == 0 and music(j)[0]["vol"] == 100),
    ("sounds", "mute the clip", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "mute the music", lambda j: music(j)[0]["vol"] == 0 and vids(j)[0]["vol"] == 100),
    ("sounds", "original audio at 50%", lambda j: vids(j)[0]["vol"] == 50),
    ("sounds", "fade out the music", lambda j: music(j)[0]["fo"] == 2000),
    ("sounds", "fade in the music over 3 seconds", lambda j: music(j)[0]["fi"] == 3000),
    ("sounds", "fade the music in and out", lambda j: (music(j)[0]["fi"], music(j)[0]["fo"]) == (2000, 2000)),
    ("sounds", "remove the music", lambda j: music(j) == [] and len(sfx(j)) == 1),
    ("sounds", "no music", lambda j: music(j) == []),
    ("sounds", "remove all sounds", lambda j: music(j) == [] and sfx(j) == []),
    ("sounds", "背景音乐音量调到30%", lambda j: music(j)[0]["vol"] == 30),
    ("sounds", "音乐小声一点", lambda j: music(j)[0]["vol"] == 30),
    ("sounds", "静音原声", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "静音", lambda j: vids(j)[0]["vol"] == 0),
    ("sounds", "去掉背景音乐", lambda j: music(j) == []),
    ("sounds", "音乐淡出", lambda j: music(j)[0]["fo"] == 2000),
    ("clipmeme", "加背景音乐 lofi", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "加一首轻松的背景音乐", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "背景音乐用史诗风格", lambda j: music(j)[0]["src"] == "music:epic"),
    ("clipmeme", "加热门音乐", lambda j: music(j)[0]["src"] == "music:phonk"),
    ("clipmeme", "lofi music at 30% and fade it out",
     lambda j: music(j)[0]["vol"] == 30 and music(j)[0]["fo"] == 2000),
]

COMPOUND: list[tuple[str, str, Callable[[J], bool]]] = [
    ("img", "put 'MONDAY' on top, make it vertical and add a vine boom at 1s",
     lambda j: cap(j, "top")["txt"] == "MONDAY" and W(j) == (1080, 1920) and sfx(j)[0]["st"] == 1000),
    ("clip", "slow motion, black and white, and add 'NOIR' at the bottom",
     lambda j: vids(j)[0]["sp"] == 0.5 and vids(j)[0]["fx"] == ["grayscale"] and cap(j, "bottom")["d"] == 12000),
    ("clip", "make it square then add epic music then add 'EPIC' on top",
     lambda j: W(j) == (1080, 1080) and music(j)[0]["src"] == "music:epic" and cap(j, "top")["txt"] == "EPIC"),
    ("both", "use both, deep fry it and add a vine boom at the end",
     lambda j: len(vids(j)) == 2 and all(v["fx"] == ["deepfry"] for v in vids(j)) and sfx(j)[0]["st"] == 9400),
    ("img", "竖屏，顶部加上“周一”，然后加 vine boom",
     lambda j: W(j) == (1080, 1920) and cap(j, "top")["txt"] == "周一" and len(sfx(j)) == 1),
    ("clip", "慢动作、倒放",
     lambda j: vids(j)[0]["sp"] == 0.5 and vids(j)[0]["rev"] is True),
    ("clipmeme", "make the caption red; add crickets at 2s",
     lambda j: one_cap(j)["col"] == "#FF0000" and sfx(j, "crickets")[0]["st"] == 2000),
    ("meme", "make the top text red and the bottom text yellow",
     lambda j: cap(j, "top")["col"] == "#FF0000" and cap(j, "bottom")["col"] == "#FFEB3B"),
    ("clipmeme", "cut the first 2 seconds and make it vertical",
     lambda j: vids(j)[0]["in"] == 2000 and W(j) == (1080, 1920)),
    ("img", "a 4 second video with 'HELLO' at the top",
     lambda j: vids(j)[0]["d"] == 4000 and cap(j, "top")["d"] == 4000),
]

MORE: list[tuple[str, str, Callable[[J], bool]]] = [
    ("img", "put the words 'big mood' under the picture", lambda j: cap(j, "bottom")["txt"] == "big mood"),
    ("img", "add a dramatic boom when it ends", lambda j: sfx(j, "vine_boom")[0]["st"] == 3400),
    ("img", "add the vine boom 0.5 seconds after the start", lambda j: sfx(j, "vine_boom")[0]["st"] == 500),
    ("img", "add a ding 2 seconds in", lambda j: sfx(j, "ding")[0]["st"] == 2000),
    ("img", "add 'X', make it 2 seconds long", lambda j: one_cap(j)["d"] == 2000 and vids(j)[0]["d"] == 5000),
    ("img", "add 'X' and move it to the bottom", lambda j: one_cap(j)["pos"] == "bottom"),
    ("img", "add a vine boom and then move it to 2s", lambda j: [s["st"] for s in sfx(j)] == [2000]),
    ("meme", "swap the top and bottom text",
     lambda j: cap(j, "top")["txt"] == "IT DOESN'T WORK" and cap(j, "bottom")["txt"] == "WHEN THE CODE COMPILES"),
    ("meme", "put both captions in the middle", lambda j: all(c["pos"] == "center" for c in caps(j))),
    ("meme", "the top text is too small", lambda j: cap(j, "top")["sz"] == 1.25),
    ("meme", "the bottom text is too big", lambda j: cap(j, "bottom")["sz"] == 0.8),
    ("meme", "can you make the first caption yellow",
     lambda j: cap(j, "top")["col"] == "#FFEB3B" and cap(j, "bottom")["col"] == "#FFFFFF"),
    ("meme", "make the second caption say 'B'", lambda j: cap(j, "bottom")["txt"] == "B"),
    ("meme", "remove the caption 'WHEN THE CODE COMPILES'", lambda j: [c["pos"] for c in caps(j)] == ["bottom"]),
    ("meme", "update the bottom text: it finally works", lambda j: cap(j, "bottom")["txt"] == "it finally works"),
    ("meme", "change all text to 'X'", lambda j: [c["txt"] for c in caps(j)] == ["X", "X"]),
    ("meme", "delete everything", lambda j: all(not t["sg"] for t in j["t"])),
    ("clipmeme", "make the caption disappear at 4s", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (0, 4000)),
    ("clipmeme", "add 'Y' from 1s until 3s", lambda j: (new_cap(j, "Y")["st"], new_cap(j, "Y")["d"]) == (1000, 2000)),
    ("clipmeme", "add 'X' when the clip ends", lambda j: (new_cap(j, "X")["st"], new_cap(j, "X")["d"]) == (4000, 2000)),
    ("clipmeme", "字幕4秒消失", lambda j: one_cap(j)["d"] == 4000),
    ("clipmeme", "speed it up by 1.5x", lambda j: vids(j)[0]["sp"] == 1.5 and vids(j)[0]["d"] == 4000),
    ("clipmeme", "make it play twice as fast", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "make it 25% slower", lambda j: vids(j)[0]["sp"] == 0.75 and vids(j)[0]["d"] == 8000),
    ("clipmeme", "trim to 3 seconds", lambda j: vids(j)[0]["d"] == 3000),
    ("clipmeme", "cut off the end after 4 seconds", lambda j: vids(j)[0]["d"] == 4000),
    ("clipmeme", "slow motion for the last 2 seconds",
     lambda j: [(v["st"], v["d"], v["sp"]) for v in vids(j)] == [(0, 4000, 1.0), (4000, 4000, 0.5)]),
    ("clipmeme", "视频前3秒慢动作", lambda j: [(v["d"], v["sp"]) for v in vids(j)] == [(6000, 0.5), (3000, 1.0)]),
    ("clipmeme", "慢放两倍", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "字幕改成红色，放大一点", lambda j: one_cap(j)["col"] == "#FF0000" and one_cap(j)["sz"] == 1.25
     and vids(j)[0]["zm"] == [1.0, 1.0]),
    ("clipmeme", "make the whole thing black and white and shake it at 2s",
     lambda j: [(v["st"], v["fx"]) for v in vids(j)] == [(0, ["grayscale"]), (2000, ["grayscale", "shake"]),
                                                         (3000, ["grayscale"])]),
    ("clipmeme", "deep fry the last 2 seconds", lambda j: [v["fx"] for v in vids(j)] == [[], ["deepfry"]]),
    ("clipmeme", "lower the volume of the clip", lambda j: vids(j)[0]["vol"] == 50 and not music(j)),
    ("clipmeme", "turn off the sound", lambda j: vids(j)[0]["vol"] == 0),
    ("clipmeme", "put an air horn every second", lambda j: [s["st"] for s in sfx(j)] == [0, 1000, 2000, 3000, 4000]),
    ("clipmeme", "add a boom at 1s, 3s and 5s", lambda j: [s["st"] for s in sfx(j)] == [1000, 3000, 5000]),
    ("clipmeme", "add sad music", lambda j: music(j)[0]["src"] == "music:lofi"),
    ("clipmeme", "add dramatic music", lambda j: music(j)[0]["src"] == "music:epic"),
    ("both", "show the photo for 4 seconds then play the clip in slow motion",
     lambda j: [(v["src"], v["d"], v["sp"]) for v in vids(j)] == [("h_img", 4000, 1.0), ("h_clip", 12000, 0.5)]),
    ("both", "use the image with 'HELLO' on top", lambda j: [v["src"] for v in vids(j)] == ["h_img"]
     and cap(j, "top")["txt"] == "HELLO"),
    ("both", "put the clip first and then the image for 3 seconds",
     lambda j: [(v["src"], v["d"]) for v in vids(j)] == [("h_clip", 6000), ("h_img", 3000)]),
    ("two_clips", "swap the order of the clips", lambda j: [v["src"] for v in vids(j)] == ["h_clip2", "h_clip"]),
    ("two_clips", "put fail.mov before dance.mp4", lambda j: [v["src"] for v in vids(j)] == ["h_clip2", "h_clip"]),
    ("two_clips", "make the first clip 3 seconds",
     lambda j: [(v["src"], v["st"], v["d"]) for v in vids(j)] == [("h_clip", 0, 3000), ("h_clip2", 3000, 4000)]),
    ("two_clips", "mute the second clip", lambda j: [v["vol"] for v in vids(j)] == [100, 0]),
    ("two_clips", "add 'END' on the second clip", lambda j: (one_cap(j)["st"], one_cap(j)["d"]) == (6000, 4000)),
    ("two_clips", "调换顺序", lambda j: [v["src"] for v in vids(j)] == ["h_clip2", "h_clip"]),
    ("sounds", "I don't like the music", lambda j: [m["src"] for m in music(j)] == ["music:phonk"]),
    ("sounds", "change the music", lambda j: [m["src"] for m in music(j)] == ["music:phonk"]),
    ("sounds", "换一首背景音乐", lambda j: [m["src"] for m in music(j)] == ["music:phonk"]),
    ("sounds", "make the music quieter and the vine boom louder",
     lambda j: music(j)[0]["vol"] == 30 and sfx(j)[0]["vol"] == 150 and len(sfx(j)) == 1),
    ("sounds", "the boom is too loud", lambda j: sfx(j)[0]["vol"] == 50 and len(sfx(j)) == 1),
    ("sounds", "start the music at 2s", lambda j: (music(j)[0]["st"], music(j)[0]["d"]) == (2000, 4000)),
    ("sounds", "replace the vine boom with an air horn",
     lambda j: [(s["src"], s["st"], s["d"]) for s in sfx(j)] == [("sfx:airhorn", 2000, 2000)]),
    ("sounds", "remove the sound effects", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "play song.mp3 at 50%", lambda j: [(m["src"], m["vol"]) for m in music(j)] == [("h_song", 50)]),
    ("sounds", "add another vine boom at 4s", lambda j: [s["st"] for s in sfx(j)] == [2000, 4000]),
    ("sounds", "vine boom volume 200%", lambda j: sfx(j)[0]["vol"] == 200),
    ("sounds", "make it 3 seconds", lambda j: j["d"] == 3000 and music(j)[0]["d"] == 3000
     and one_cap(j)["d"] == 3000),
    ("sounds", "cut the first 4 seconds", lambda j: j["d"] == 2000 and sfx(j)[0]["st"] + sfx(j)[0]["d"] <= 2000),
    ("both", "add 'X' on top of the image", lambda j: [v["src"] for v in vids(j)] == ["h_img"]),
    ("both", "add 'Y' to the clip", lambda j: [v["src"] for v in vids(j)] == ["h_clip"]),
    ("both", "add phonk at 2s", lambda j: (music(j)[0]["st"], music(j)[0]["d"]) == (2000, 4000)),
    ("meme", "make the top text red, bigger and move it to the middle",
     lambda j: new_cap(j, "WHEN THE CODE COMPILES")["pos"] == "center"
     and new_cap(j, "WHEN THE CODE COMPILES")["col"] == "#FF0000"
     and new_cap(j, "WHEN THE CODE COMPILES")["sz"] == 1.25),
    ("meme", "move the top text to the middle and make it red",
     lambda j: new_cap(j, "WHEN THE CODE COMPILES")["col"] == "#FF0000"
     and cap(j, "bottom")["col"] == "#FFFFFF"),
    ("meme", "add 'X' on top and make it red and bigger",
     lambda j: new_cap(j, "X")["col"] == "#FF0000" and new_cap(j, "X")["sz"] == 1.25),
    ("meme", "undo the caption", lambda j: caps(j) == []),
    ("wide", "for instagram stories", lambda j: W(j) == (1080, 1920)),
]

CHINESE: list[tuple[str, str, Callable[[J], bool]]] = [
    ("img", "用这张图做个表情包，上面写“打工人”，下面写“打工魂”",
     lambda j: cap(j, "top")["txt"] == "打工人" and cap(j, "bottom")["txt"] == "打工魂"
     and vids(j)[0]["src"] == "h_img"),
    ("img", "加个爆炸音效", lambda j: len(sfx(j, "vine_boom")) == 1),
    ("img", "配乐要燃一点", lambda j: music(j)[0]["src"] == "music:phonk"),
    ("img", "做成9比16的", lambda j: W(j) == (1080, 1920) and vids(j)[0]["src"] == "h_img"),
    ("img", "图片显示3秒", lambda j: vids(j)[0]["d"] == 3000),
    ("img", "加一个白底标题栏“当你周一上班”", lambda j: one_cap(j)["sty"] == "bar" and one_cap(j)["pos"] == "top"),
    ("img", "在图片下方写着“真的吗”", lambda j: cap(j, "bottom")["txt"] == "真的吗"),
    ("clipmeme", "把速度调慢", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "快进两倍", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "视频倒过来放", lambda j: vids(j)[0]["rev"] is True and len(vids(j)) == 1),
    ("clipmeme", "前面2秒剪掉", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (2000, 4000)),
    ("clipmeme", "只保留2到4秒", lambda j: (vids(j)[0]["in"], vids(j)[0]["d"]) == (2000, 2000)),
    ("clipmeme", "静音并加上lofi音乐", lambda j: vids(j)[0]["vol"] == 0 and music(j)[0]["vol"] == 100),
    ("clipmeme", "在视频结尾加一个叮", lambda j: sfx(j, "ding")[0]["st"] == 4000),
    ("clipmeme", "把字幕换成“周五下班”", lambda j: one_cap(j)["txt"] == "周五下班"),
    ("clipmeme", "字幕放中间", lambda j: one_cap(j)["pos"] == "center"),
    ("clipmeme", "把顶部的字删掉", lambda j: caps(j) == []),
    ("clipmeme", "加个抖动特效在2秒", lambda j: [v["fx"] for v in vids(j)] == [[], ["shake"], []]),
    ("clipmeme", "改成正方形，铺满", lambda j: W(j) == (1080, 1080) and vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "加速到3倍", lambda j: vids(j)[0]["sp"] == 3.0),
    ("clipmeme", "百分之五十的速度", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clipmeme", "在1秒和3秒加叮", lambda j: [s["st"] for s in sfx(j, "ding")] == [1000, 3000]),
    ("clipmeme", "把视频剪成4秒", lambda j: vids(j)[0]["d"] == 4000),
    ("clipmeme", "整个视频5秒", lambda j: vids(j)[0]["d"] == 5000),
    ("clipmeme", "加史诗背景音乐，音量百分之四十", lambda j: (music(j)[0]["src"], music(j)[0]["vol"]) == ("music:epic", 40)),
    ("clipmeme", "加8位游戏音乐", lambda j: music(j)[0]["src"] == "music:chiptune"),
    ("clipmeme", "加悬疑音乐", lambda j: music(j)[0]["src"] == "music:suspense"),
    ("clipmeme", "来回播放", lambda j: [v["rev"] for v in vids(j)] == [False, True]),
    ("clipmeme", "缓慢放大", lambda j: vids(j)[0]["zm"] == [1.0, 1.15]),
    ("clipmeme", "拉远", lambda j: vids(j)[0]["zm"] == [1.3, 1.0]),
    ("sounds", "把vine boom移到4秒", lambda j: sfx(j, "vine_boom")[0]["st"] == 4000),
    ("sounds", "背景音乐换成phonk", lambda j: [m["src"] for m in music(j)] == ["music:phonk"]),
    ("sounds", "音效音量50%", lambda j: sfx(j)[0]["vol"] == 50),
    ("sounds", "音乐淡入3秒", lambda j: music(j)[0]["fi"] == 3000),
    ("sounds", "删掉所有音效", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("two_clips", "第二个视频慢动作", lambda j: [v["sp"] for v in vids(j)] == [1.0, 0.5]),
    ("two_clips", "删除第一个视频", lambda j: [v["src"] for v in vids(j)] == ["h_clip2"]),
]

TABLE = CAPTIONS + CANVAS + MEDIA + TRICKS + EFFECTS + SOUND + COMPOUND + MORE + CHINESE


def run(name: str, text: str) -> tuple[Draft, Any]:
    draft, assets = state(name)
    before = draft.to_json()
    turn = respond(text, draft, assets, FakeHistory(Draft.empty()))
    assert draft.to_json() == before, "the agent must not change its input draft"
    return draft, turn


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 200
    assert sum(1 for _, t, _ in TABLE if any("\u4e00" <= ch <= "\u9fff" for ch in t)) >= 40


@pytest.mark.parametrize(("start", "text", "check"), TABLE, ids=[t for _, t, _ in TABLE])
def test_instruction(start: str, text: str, check: Callable[[J], bool]) -> None:
    _, turn = run(start, text)
    assert turn.draft is not None, turn.reply
    validate(turn.draft)
    j = turn.draft.to_json()
    assert j.get("custom", {"keep": True}) == {"keep": True}, "unknown keys are kept"
    assert j["d"] == max((s["st"] + s["d"] for t in j["t"] for s in t["sg"]), default=0)
    assert check(j), (turn.reply, j)
    assert turn.events and turn.history == 0
    assert "Timeline (" in turn.reply
