"""Held-out agent instructions, batch 9 (2026-11-29): typed in a probe of everyday edits in
both languages before the reader was changed for them. Of these 30, 26 were done right before
the change; the four misses were a small nudge (*move the top caption down a bit* jumped to the
bottom, *往下移一点* was not understood), an emoji caption (*emoji 😂 at the bottom*) and
*交换两个视频的顺序* (swap the two clips' order). Rows are (starting state, instruction,
check); run by tests/unit/test_agent_unseen.py.
"""

from __future__ import annotations

from tests.helpers.agent_states import Row, cap, caps, music, sfx, srcs, vids

FRESH7: list[Row] = [
    ("meme", "make the font bigger on the bottom one", lambda j: cap(j, "bottom")["sz"] == 1.25),
    ("meme", "move the top caption down a bit",
     lambda j: cap(j, "top")["txt"] == "WHEN THE CODE COMPILES" and 0.1 < cap(j, "top")["xy"][1] < 0.3),
    ("meme", "把顶部字幕往下移一点", lambda j: 0.1 < cap(j, "top")["xy"][1] < 0.3),
    ("meme", "put the text in the middle", lambda j: {c["pos"] for c in caps(j)} == {"center"}),
    ("meme", "show the bottom text only after 2 seconds", lambda j: cap(j, "bottom")["st"] == 2000),
    ("meme", "delete the bottom caption", lambda j: [c["pos"] for c in caps(j)] == ["top"]),
    ("meme", "make the whole thing 8 seconds", lambda j: j["d"] == 8000),
    ("meme", "emoji 😂 at the bottom",
     lambda j: [c["txt"] for c in caps(j) if c["pos"] == "bottom"][-1:] == ["😂"] or
     any(c["txt"] == "😂" and c["pos"] == "bottom" for c in caps(j))),
    ("meme", "make it landscape", lambda j: (j["m"]["width"], j["m"]["height"]) == (1920, 1080)),
    ("clipmeme", "play it backwards", lambda j: vids(j)[0].get("rev") is True),
    ("clipmeme", "speed it up 2x", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "crop it to a square",
     lambda j: (j["m"]["width"], j["m"]["height"]) == (1080, 1080) and vids(j)[0]["fit"] == "cover"),
    ("clipmeme", "add black bars", lambda j: vids(j)[0]["fit"] == "contain"),
    ("clipmeme", "make the caption appear at 1s and disappear at 4s",
     lambda j: (cap(j, "top")["st"], cap(j, "top")["d"]) == (1000, 3000)),
    ("clipmeme", "make the caption red and bigger and put it at the bottom",
     lambda j: (cap(j, "bottom")["col"], cap(j, "bottom")["sz"]) == ("#FF0000", 1.25)),
    ("clipmeme", "2倍速", lambda j: vids(j)[0]["sp"] == 2.0),
    ("clipmeme", "把视频变成黑白的", lambda j: vids(j)[0]["fx"] == ["grayscale"]),
    ("clipmeme", "静音", lambda j: vids(j)[0]["vol"] == 0),
    ("clipmeme", "画面抖动一下", lambda j: vids(j)[0]["fx"] == ["shake"]),
    ("two_clips", "put the second clip first", lambda j: srcs(j) == ["h_clip2", "h_clip"]),
    ("two_clips", "remove the first clip", lambda j: srcs(j) == ["h_clip2"]),
    ("two_clips", "交换两个视频的顺序", lambda j: srcs(j) == ["h_clip2", "h_clip"]),
    ("two_clips", "删掉第二个视频", lambda j: srcs(j) == ["h_clip"]),
    ("sounds", "the boom is too loud", lambda j: sfx(j)[0]["vol"] == 50),
    ("sounds", "turn down the music", lambda j: music(j)[0]["vol"] < 100),
    ("sounds", "get rid of the vine boom", lambda j: sfx(j) == [] and len(music(j)) == 1),
    ("sounds", "move the vine boom to 4s", lambda j: sfx(j)[0]["st"] == 4000),
    ("sounds", "去掉所有声音", lambda j: sfx(j) == [] and music(j) == []),
    ("img", "在上面写“当代码一次编译通过”，下面写“然后它崩了”",
     lambda j: (cap(j, "top")["txt"], cap(j, "bottom")["txt"]) == ("当代码一次编译通过", "然后它崩了")),
    ("meme", "视频改成正方形", lambda j: (j["m"]["width"], j["m"]["height"]) == (1080, 1080)),
]

__all__ = ["FRESH7"]
