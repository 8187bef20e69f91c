"""Held-out agent instructions, batch 8 (issue 12): written before the reader was changed for
them, about what the issue names as dropped today — an instruction about "it" / "the clip"
while the upload is not on the timeline yet, a length or a position inside a compound sentence,
and the direction of a zoom. Rows are (starting state, instruction, check); run by
tests/unit/test_agent_unseen.py. The first score is recorded in docs/assistant.md.
"""

from __future__ import annotations

from tests.helpers.agent_states import Row, cap, caps, one, sfx, srcs, vids

FRESH6: list[Row] = [
    # "it" / "the clip" before anything is on the timeline: place it first, then apply
    ("clip", "mute it", lambda j: srcs(j) == ["h_clip"] and vids(j)[0]["vol"] == 0),
    ("clip", "mute the clip", lambda j: vids(j)[0]["vol"] == 0),
    ("clip", "turn the clip's sound off", lambda j: vids(j)[0]["vol"] == 0),
    ("clip", "lower the volume of the video", lambda j: vids(j)[0]["vol"] == 50),
    ("clip", "make it quieter", lambda j: vids(j)[0]["vol"] == 50),
    ("clip", "slow it down", lambda j: vids(j)[0]["sp"] == 0.5),
    ("clip", "zoom into it", lambda j: vids(j)[0]["zm"] == [1.0, 1.3]),
    ("both", "mute the clip", lambda j: srcs(j) == ["h_clip"] and vids(j)[0]["vol"] == 0),
    ("clip", "静音", lambda j: vids(j)[0]["vol"] == 0),
    ("clip", "把视频静音", lambda j: vids(j)[0]["vol"] == 0),
    # a length inside a compound sentence
    ("clip", "add 'X' on top and make it 4 seconds long",
     lambda j: j["d"] == 4000 and cap(j, "top")["txt"] == "X"),
    ("img", "make it 3 seconds long, add a vine boom at 1s",
     lambda j: j["d"] == 3000 and [s["st"] for s in sfx(j)] == [1000]),
    ("clip", "mute it and make it 3 seconds long", lambda j: j["d"] == 3000 and vids(j)[0]["vol"] == 0),
    ("clip", "make the video 5 seconds long and add a boom at the end",
     lambda j: j["d"] == 5000 and len(sfx(j)) == 1),
    ("img", "put 'A' at the top, 'B' at the bottom and make it 4 seconds",
     lambda j: j["d"] == 4000 and len(caps(j)) == 2),
    # a position inside a compound sentence
    ("clip", "add 'hi' in the middle of the screen and a boom",
     lambda j: cap(j, "center")["txt"] == "hi" and len(sfx(j)) == 1),
    ("img", "put 'LOL' in the middle of the picture", lambda j: cap(j, "center")["txt"] == "LOL"),
    ("clip", "make it 4 seconds long and add 'X' in the middle of the screen",
     lambda j: j["d"] == 4000 and cap(j, "center")["txt"] == "X"),
    ("img", "write 'yes' at the very bottom of the image and zoom in",
     lambda j: cap(j, "bottom")["txt"] == "yes" and vids(j)[0]["zm"] == [1.0, 1.3]),
    ("img", "在画面中间加上“好”，再加一个叮", lambda j: cap(j, "center")["txt"] == "好" and len(sfx(j)) == 1),
    # the direction of a zoom
    ("clip", "Ken Burns out", lambda j: vids(j)[0]["zm"][0] > vids(j)[0]["zm"][1]),
    ("clip", "slow zoom out", lambda j: vids(j)[0]["zm"][0] > vids(j)[0]["zm"][1]),
    ("img", "zoom out slowly", lambda j: vids(j)[0]["zm"][0] > vids(j)[0]["zm"][1]),
    ("img", "ken burns zoom out please", lambda j: vids(j)[0]["zm"][0] > vids(j)[0]["zm"][1]),
    ("clip", "gentle zoom out", lambda j: vids(j)[0]["zm"][0] > vids(j)[0]["zm"][1]),
    ("img", "缓慢缩小", lambda j: vids(j)[0]["zm"][0] > vids(j)[0]["zm"][1]),
    ("img", "ken burns in", lambda j: vids(j)[0]["zm"][0] < vids(j)[0]["zm"][1]),
    # a second caption at a place that already has one
    ("meme", "add 'SECOND' at the top", lambda j: len(caps(j)) == 3 and one_at_top_is(j, "SECOND")),
]


def one_at_top_is(j: dict, text: str) -> bool:
    return any(c["txt"] == text and c["pos"] == "top" for c in caps(j))


# the parts of a compound request that were not done must be said (checked on the reply)
PARTLY: list[tuple[str, str, str]] = [
    ("img", "在顶部加上“你好”，加一个音效", "音效"),
    ("img", "add 'hi' on top and add a sound effect", "sound"),
    ("img", "add 'hi' on top and blorp the snargle", "blorp the snargle"),
    ("clipmeme", "make it red and add a cat meow", "meow"),
]

__all__ = ["FRESH6", "PARTLY", "one"]
