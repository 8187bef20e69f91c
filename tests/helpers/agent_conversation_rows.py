"""Held-out conversations, batch 11 (2026-12-02): scripts of 2–4 turns where a later turn
leans on an earlier one — "make it red" after adding a caption, "louder" after a vine boom,
"shorter" / "use the 2nd one" / "add a vine boom" after a made meme, "again", "the other one
too", corrections ("no, I meant the bottom one", "不对，是下面那个") and references to what was
just added ("that sound", "the new caption", "刚才那个"). Half are in Chinese. They were written
before anybody looked at what the reader handles across turns; the first score is in
docs/assistant.md ("How it is measured").

Each row: the starting state (tests/helpers/agent_states.py), the turns said one after the other
in a ``Session`` (tests/helpers/maker_session.py: each turn sees the previous turn's draft, the
maker's memory and the undo history as in the engine), and a check of what came out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.helpers.agent_states import SPAN, W, cap, caps, sfx, txt

J = dict[str, Any]


@dataclass
class Seen:
    """What a conversation produced: the draft after every turn (``drafts[0]`` is the start,
    ``drafts[i]`` the draft after turn i), and every turn (``AgentTurn``)."""

    drafts: list[J]
    turns: list[Any]

    @property
    def j(self) -> J:
        return self.drafts[-1]

    @property
    def last(self) -> Any:
        return self.turns[-1]


Check = Callable[[Seen], bool]
Row = tuple[str, tuple[str, ...], Check]

_TOP, _BOTTOM, _CM = "WHEN THE CODE COMPILES", "IT DOESN'T WORK", "ME AT 3AM"
RED, YELLOW, BLUE, WHITE = "#FF0000", "#FFEB3B", "#2979FF", "#FFFFFF"


def texts(j: J) -> list[str]:
    return sorted(c["txt"] for c in caps(j))


def booms(j: J, name: str = "vine_boom") -> list[int]:
    return sorted(s["st"] for s in sfx(j, name))


def grew(text: str) -> Check:
    """The caption ``text`` is bigger after the last turn than after the one before."""
    return lambda s: txt(s.j, text)["sz"] > txt(s.drafts[-2], text)["sz"] > 1.0


def grew_pos(pos: str) -> Check:
    return lambda s: cap(s.j, pos)["sz"] > cap(s.drafts[-2], pos)["sz"] > 1.0


def meme(action: str, lang: str = "", topic: str = "") -> Check:
    """The last turn was the maker's ``action``; the captions are there."""
    def check(s: Seen) -> bool:
        m = s.last.meme
        return (m is not None and m.action == action and bool(caps(s.j))
                and (not lang or m.lang == lang)
                and (not topic or topic in " ".join(texts(s.j)).lower()))
    return check


def kept_captions(extra: Check) -> Check:
    """The made meme's captions are untouched by the last turn, and ``extra`` holds."""
    return lambda s: [(c["txt"], c["col"], c["pos"]) for c in caps(s.j)] == \
        [(c["txt"], c["col"], c["pos"]) for c in caps(s.drafts[-2])] and extra(s)


def same_as(turn: int) -> Check:
    """The final draft's captions are those after turn ``turn`` (1-based)."""
    return lambda s: texts(s.j) == texts(s.drafts[turn]) and bool(caps(s.j))


def undone_to(turn: int) -> Check:
    """The final draft is exactly the draft after turn ``turn``."""
    return lambda s: s.j == s.drafts[turn] and s.last.history < 0


def one_changed(text: str, other: str, key: str, value: Any) -> Check:
    """Caption ``text`` has ``key == value``; caption ``other`` kept the start's value."""
    return lambda s: txt(s.j, text)[key] == value and txt(s.j, other)[key] != value


M_EN = "make a meme about mondays"
M_ZH = "做一个关于上班的表情包"

CAPTIONS_EN: list[Row] = [
    ("clipmeme", ("add 'bruh' at the bottom", "make it red"), one_changed("bruh", _CM, "col", RED)),
    ("clipmeme", ("add 'bruh' at the bottom", "bigger"),
     lambda s: txt(s.j, "bruh")["sz"] > 1.0 == txt(s.j, _CM)["sz"]),
    ("clipmeme", ("add 'bruh' at the bottom", "make it bigger", "a bit more"), grew("bruh")),
    ("clipmeme", ("add 'bruh' at the bottom", "now move it to the middle"),
     lambda s: txt(s.j, "bruh")["pos"] == "center" and txt(s.j, _CM)["pos"] == "top"),
    ("clipmeme", ("add 'bruh' at the bottom", "make it red", "actually undo that"),
     lambda s: txt(s.j, "bruh")["col"] == WHITE and s.last.history < 0),
    ("meme", ("make the top text red", "and the bottom one too"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (RED, RED)),
    ("meme", ("make the top text yellow", "same for the other caption"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (YELLOW, YELLOW)),
    ("meme", ("make the top text bigger", "do that again"), grew_pos("top")),
    ("meme", ("make the top text blue", "no, I meant the bottom one"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (WHITE, BLUE)),
    ("meme", ("change the top text to 'monday'", "make it red"),
     one_changed("monday", _BOTTOM, "col", RED)),
    ("clip", ("add 'hello' on top", "add 'goodbye'", "make the new caption yellow"),
     one_changed("goodbye", "hello", "col", YELLOW)),
    ("clipmeme", ("add 'wait for it' in the middle", "make it only show for the first 2 seconds"),
     lambda s: SPAN(txt(s.j, "wait for it")) == (0, 2000) and SPAN(txt(s.j, _CM)) == (0, 6000)),
    ("clipmeme", ("add 'bruh' at the bottom", "remove it"), lambda s: texts(s.j) == [_CM]),
    ("meme", ("remove the bottom text", "undo"), lambda s: texts(s.j) == sorted([_TOP, _BOTTOM])),
    ("clipmeme", ("add 'bruh' at the bottom", "make that one yellow too"),
     one_changed("bruh", _CM, "col", YELLOW)),
    ("meme", ("make the bottom text smaller", "even smaller"),
     lambda s: cap(s.j, "bottom")["sz"] < cap(s.drafts[1], "bottom")["sz"] < 1.0
     and cap(s.j, "top")["sz"] == 1.0),
]

SOUND_EN: list[Row] = [
    ("clipmeme", ("add a vine boom", "move it to 3s"), lambda s: booms(s.j) == [3000]),
    ("clipmeme", ("add a vine boom at 1s", "louder"),
     lambda s: [x["vol"] for x in sfx(s.j, "vine_boom")][0] > 100 and booms(s.j) == [1000]),
    ("clipmeme", ("add a vine boom at 1s", "another one at the end"),
     lambda s: len(booms(s.j)) == 2 and booms(s.j)[0] == 1000 and booms(s.j)[1] >= 4000),
    ("clipmeme", ("add an air horn at 2s", "make that sound quieter"),
     lambda s: [x["vol"] for x in sfx(s.j, "airhorn")][0] < 100),
    ("clipmeme", ("add a vine boom at 2s", "actually make it an air horn"),
     lambda s: booms(s.j) == [] and booms(s.j, "airhorn") == [2000]),
    ("sounds", ("add an air horn at 4s", "remove that sound"),
     lambda s: booms(s.j, "airhorn") == [] and booms(s.j) == [2000]),
    ("clipmeme", ("add a vine boom at 1s", "again at 4s"), lambda s: booms(s.j) == [1000, 4000]),
    ("clipmeme", ("add a record scratch at 2s", "a bit later"),
     lambda s: len(booms(s.j, "record_scratch")) == 1 and booms(s.j, "record_scratch")[0] > 2000),
]

MAKER_EN: list[Row] = [
    ("img", ("make a meme about cats", "too long"), meme("shorter")),
    ("img", (M_EN, "use the 2nd one"), meme("pick")),
    ("img", (M_EN, "now in chinese"), meme("language", lang="zh")),
    ("img", (M_EN, "add a vine boom"), kept_captions(lambda s: len(booms(s.j))
                                                     > len(booms(s.drafts[1])))),
    ("img", (M_EN, "make it vertical"), kept_captions(lambda s: W(s.j) == (1080, 1920))),
    ("img", (M_EN, "different sound"), meme("sound")),
    ("img", (M_EN, "another one about cats"), meme("make", topic="cat")),
    ("img", (M_EN, "change the top text to 'why'"),
     lambda s: "why" in texts(s.j) and len(caps(s.j)) == len(caps(s.drafts[1]))),
    ("img", (M_EN, "make all the text red"),
     lambda s: bool(caps(s.j)) and all(c["col"] == RED for c in caps(s.j))),
    ("img", (M_EN, "add a vine boom at the end", "undo"), undone_to(1)),
    ("img", (M_EN, "another one", "go back to the first one"), same_as(1)),
    ("img", ("turn this into a meme", "make it shorter", "add 'lol' in the middle"),
     lambda s: cap(s.j, "center")["txt"] == "lol" and len(caps(s.j)) == len(caps(s.drafts[2])) + 1),
    ("img", (M_EN, "make the caption bigger"),
     lambda s: bool(caps(s.j)) and any(c["sz"] > 1.0 for c in caps(s.j))),
    ("img", (M_EN, "nah, do it about school"), meme("make", topic="school")),
]

CAPTIONS_ZH: list[Row] = [
    ("clipmeme", ("在底部加上“好家伙”", "改成红色"), one_changed("好家伙", _CM, "col", RED)),
    ("clipmeme", ("在底部加上“好家伙”", "大一点"),
     lambda s: txt(s.j, "好家伙")["sz"] > 1.0 == txt(s.j, _CM)["sz"]),
    ("clipmeme", ("在底部加上“好家伙”", "放大一点", "再大一点"), grew("好家伙")),
    ("clipmeme", ("在底部加上“好家伙”", "移到中间"),
     lambda s: txt(s.j, "好家伙")["pos"] == "center" and txt(s.j, _CM)["pos"] == "top"),
    ("clipmeme", ("在底部加上“好家伙”", "把它改成黄色", "撤销"),
     lambda s: txt(s.j, "好家伙")["col"] == WHITE and s.last.history < 0),
    ("meme", ("把上面的字改成红色", "下面的也是"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (RED, RED)),
    ("meme", ("把顶部字幕改成黄色", "另一个也一样"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (YELLOW, YELLOW)),
    ("meme", ("把上面的字放大一点", "再来一次"), grew_pos("top")),
    ("meme", ("把上面的字改成蓝色", "不对，是下面那个"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (WHITE, BLUE)),
    ("meme", ("把顶部字幕改成“周一”", "改成红色"), one_changed("周一", _BOTTOM, "col", RED)),
    ("clip", ("在顶部加上“你好”", "再加一个“再见”", "把新的字幕改成黄色"),
     one_changed("再见", "你好", "col", YELLOW)),
    ("clipmeme", ("在中间加上“等一下”", "只显示前2秒"),
     lambda s: SPAN(txt(s.j, "等一下")) == (0, 2000) and SPAN(txt(s.j, _CM)) == (0, 6000)),
    ("clipmeme", ("在底部加上“好家伙”", "把刚才那个删掉"), lambda s: texts(s.j) == [_CM]),
    ("meme", ("删除底部字幕", "撤销"), lambda s: texts(s.j) == sorted([_TOP, _BOTTOM])),
    ("clipmeme", ("在底部加上“好家伙”", "这个也改成黄色"), one_changed("好家伙", _CM, "col", YELLOW)),
    ("meme", ("下面的字小一点", "再小一点"),
     lambda s: cap(s.j, "bottom")["sz"] < cap(s.drafts[1], "bottom")["sz"] < 1.0
     and cap(s.j, "top")["sz"] == 1.0),
]

SOUND_ZH: list[Row] = [
    ("clipmeme", ("加一个vine boom", "移到3秒"), lambda s: booms(s.j) == [3000]),
    ("clipmeme", ("1秒加一个vine boom", "声音大一点"),
     lambda s: [x["vol"] for x in sfx(s.j, "vine_boom")][0] > 100 and booms(s.j) == [1000]),
    ("clipmeme", ("1秒加一个vine boom", "结尾再加一个"),
     lambda s: len(booms(s.j)) == 2 and booms(s.j)[0] == 1000 and booms(s.j)[1] >= 4000),
    ("clipmeme", ("2秒加一个air horn", "那个音效小声一点"),
     lambda s: [x["vol"] for x in sfx(s.j, "airhorn")][0] < 100),
    ("clipmeme", ("在2秒加一个vine boom", "换成air horn"),
     lambda s: booms(s.j) == [] and booms(s.j, "airhorn") == [2000]),
    ("sounds", ("4秒加一个air horn", "把刚才那个音效删掉"),
     lambda s: booms(s.j, "airhorn") == [] and booms(s.j) == [2000]),
    ("clipmeme", ("1秒加一个vine boom", "4秒也加一个"), lambda s: booms(s.j) == [1000, 4000]),
]

MAKER_ZH: list[Row] = [
    ("img", (M_ZH, "短一点"), meme("shorter")),
    ("img", (M_ZH, "用第二个"), meme("pick")),
    ("img", (M_ZH, "换成英文"), meme("language", lang="en")),
    ("img", (M_ZH, "加一个vine boom"), kept_captions(lambda s: len(booms(s.j))
                                                    > len(booms(s.drafts[1])))),
    ("img", (M_ZH, "改成竖屏"), kept_captions(lambda s: W(s.j) == (1080, 1920))),
    ("img", (M_ZH, "换个音效"), meme("sound")),
    ("img", (M_ZH, "再来一个关于猫的"), meme("make", topic="猫")),
    ("img", (M_ZH, "把所有字幕改成红色"),
     lambda s: bool(caps(s.j)) and all(c["col"] == RED for c in caps(s.j))),
    ("img", ("把这张图做成表情包", "结尾加一个vine boom", "撤销"), undone_to(1)),
    ("img", (M_ZH, "换一个", "还是第一个好"), same_as(1)),
    ("img", ("把这张图做成表情包", "短一点", "在中间加上“哈哈”"),
     lambda s: cap(s.j, "center")["txt"] == "哈哈" and len(caps(s.j)) == len(caps(s.drafts[2])) + 1),
    ("img", ("做一个关于猫的表情包", "顶部文字改成“喵”"),
     lambda s: "喵" in texts(s.j) and len(caps(s.j)) == len(caps(s.drafts[1]))),
    ("img", (M_ZH, "字大一点"), lambda s: bool(caps(s.j)) and any(c["sz"] > 1.0 for c in caps(s.j))),
    ("img", (M_ZH, "不要这个，换成关于学校的"), meme("make", topic="学校")),
]


def speed(s: Seen) -> float:
    return float(next(sg["sp"] for t in s.j["t"] if t["tt"] == 0 for sg in t["sg"]))


def music_vol(j: J) -> int:
    return int(next(sg["vol"] for t in j["t"] if t["tt"] == 1 for sg in t["sg"]
                    if sg["src"].startswith("music:")))


# Batch 12: going back to an earlier meme of the session, two changes to what was
# just added, "even slower" / "a bit more" after a speed or a level, and a reference that must
# survive an undo. Written before anybody looked at the reader; first score in docs/assistant.md.
BATCH12: list[Row] = [
    ("img", (M_EN, "another one", "the previous one was better"), same_as(1)),
    ("img", (M_EN, "another one", "another one", "go back to the first one"), same_as(1)),
    ("img", (M_EN, "another one", "nah the first was better"), same_as(1)),
    ("img", ("make a meme about cats", "换成中文", "shorter"), meme("shorter", lang="zh")),
    ("clipmeme", ("add 'bruh' at the bottom", "make it yellow and bigger"),
     lambda s: (txt(s.j, "bruh")["col"], txt(s.j, _CM)["col"]) == (YELLOW, WHITE)
     and txt(s.j, "bruh")["sz"] > 1.0 == txt(s.j, _CM)["sz"]),
    ("clipmeme", ("add a whoosh at 1s", "make it quieter", "move it to the end"),
     lambda s: [(x["vol"] < 100, x["st"] + x["d"]) for x in sfx(s.j, "whoosh")] == [(True, 6000)]),
    ("clipmeme", ("slow it down", "even slower"), lambda s: 0 < speed(s) < 0.5),
    ("sounds", ("背景音乐小声一点", "再小一点"),
     lambda s: 0 < music_vol(s.j) < music_vol(s.drafts[1]) < 100),
    ("clipmeme", ("add a title 'day 1 of coding'", "make it smaller", "move it to the bottom"),
     lambda s: (txt(s.j, "day 1 of coding")["pos"], txt(s.j, _CM)["pos"]) == ("bottom", "top")
     and txt(s.j, "day 1 of coding")["sz"] < 1.0 == txt(s.j, _CM)["sz"]),
    ("clipmeme", ("add 'lol' in the middle", "make it red", "undo", "make it blue instead"),
     one_changed("lol", _CM, "col", BLUE)),
    ("img", (M_ZH, "换一个", "还是上一个好"), same_as(1)),
    ("img", (M_ZH, "换一个", "换一个", "回到第一个"), same_as(1)),
    ("clipmeme", ("在底部加上“绝了”", "改成黄色，再大一点"),
     lambda s: (txt(s.j, "绝了")["col"], txt(s.j, _CM)["col"]) == (YELLOW, WHITE)
     and txt(s.j, "绝了")["sz"] > 1.0 == txt(s.j, _CM)["sz"]),
    ("clipmeme", ("3秒加一个vine boom", "小声一点", "移到结尾"),
     lambda s: [(x["vol"] < 100, x["st"] + x["d"]) for x in sfx(s.j, "vine_boom")] == [(True, 6000)]),
    ("clipmeme", ("慢动作", "再慢一点"), lambda s: 0 < speed(s) < 0.5),
]

# found while fixing batch 12 ("even quieter" after "quieter" said of a new sound)
FOUND12: list[Row] = [
    ("clipmeme", ("add a vine boom at 1s", "quieter", "even quieter"),
     lambda s: 0 < sfx(s.j, "vine_boom")[0]["vol"] < sfx(s.drafts[2], "vine_boom")[0]["vol"] < 100),
    ("clipmeme", ("1秒加一个vine boom", "小声一点", "再小一点"),
     lambda s: 0 < sfx(s.j, "vine_boom")[0]["vol"] < sfx(s.drafts[2], "vine_boom")[0]["vol"] < 100),
]

def unchanged(s: Seen) -> bool:
    """The last turn changed nothing (a greeting, a thanks)."""
    return s.j == s.drafts[-2] and s.last.history == 0


def srcs_of(j: J) -> list[str]:
    return [v["src"] for v in sorted((sg for t in j["t"] if t["tt"] == 0 for sg in t["sg"]),
                                     key=lambda v: v["st"])]


def _green(col: str) -> bool:
    r, g, b = (int(col.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return g >= 200 and r < 150 and b < 150


def _clip_took_over(s: Seen, text: str) -> bool:
    """One of the bin's two clips (either: "the clip" does not say which) replaced the picture,
    and the caption ``text`` follows the clip's length."""
    lengths = {"h_clip": 6000, "h_clip2": 4000}
    got = srcs_of(s.j)
    return len(got) == 1 and got[0] in lengths and SPAN(txt(s.j, text)) == (0, lengths[got[0]])


# Batch 13: conversations that mix the maker and edits, media named among several uploads,
# relative edits ("a bit later", "twice as loud", "half as loud"), greetings and thanks in the
# middle, Traditional Chinese and Cantonese. Written before anybody looked at the reader;
# first score in docs/assistant.md.
BATCH13: list[Row] = [
    ("img", (M_EN, "make it square", "another one"),
     lambda s: meme("another")(s) and W(s.j) == (1080, 1080)),
    ("img", ("turn this into a meme", "add a vine boom at the end", "shorter"),
     lambda s: meme("shorter")(s) and len(booms(s.j)) > len(booms(s.drafts[1]))),
    ("bin", ("use dog.png", "put 'good boy' on top", "now swap the picture for the clip"),
     lambda s: _clip_took_over(s, "good boy")),
    ("clipmeme", ("add a boom at 2s", "a bit later", "twice as loud"),
     lambda s: len(sfx(s.j, "vine_boom")) == 1 and sfx(s.j, "vine_boom")[0]["st"] > 2000
     and sfx(s.j, "vine_boom")[0]["vol"] > 100),
    ("meme", ("刪除上面的字", "下面嘅都刪埋"), lambda s: caps(s.j) == []),
    ("img", ("make a pov meme about school", "make the text yellow", "use the 2nd one"),
     lambda s: meme("pick")(s) and all(c["col"] == YELLOW for c in caps(s.j))),
    ("img", ("hi", M_EN, "thanks!"),
     lambda s: unchanged(s) and bool(caps(s.j)) and s.drafts[1] == s.drafts[0]),
    ("clip", ("use the clip", "add 'me' on top", "make it neon green", "thanks"),
     lambda s: unchanged(s) and _green(txt(s.j, "me")["col"])),
    ("sounds", ("swap the boom for an airhorn", "move it to 4s"),
     lambda s: booms(s.j, "airhorn") == [4000] and booms(s.j) == []),
    ("img", ("make a meme about exams and make it vertical", "now add a boom at 1s"),
     lambda s: W(s.j) == (1080, 1920) and 1000 in booms(s.j) and bool(caps(s.j))),
    ("clipmeme", ("add 'wait' in the middle", "make it last half a second"),
     lambda s: SPAN(txt(s.j, "wait")) == (0, 500) and SPAN(txt(s.j, _CM)) == (0, 6000)),
    ("sounds", ("music half as loud", "even quieter"),
     lambda s: music_vol(s.drafts[1]) == 50 and 0 < music_vol(s.j) < 50),
    ("meme", ("把上面的字改成#00ff00", "下面的也一样"),
     lambda s: [c["col"].upper() for c in (cap(s.j, "top"), cap(s.j, "bottom"))]
     == ["#00FF00", "#00FF00"]),
    ("bin", ("make a meme with the cat picture", "use the other picture instead"),
     lambda s: srcs_of(s.j) == ["h_img2"] and texts(s.j) == texts(s.drafts[1])),
    ("img", ("做一个关于猫的表情包", "改成正方形", "再来一个"),
     lambda s: meme("another", lang="zh")(s) and W(s.j) == (1080, 1080)),
    ("img", ("幫我做個關於返工嘅meme", "字大啲"),
     lambda s: bool(caps(s.drafts[1])) and any(c["sz"] > 1.0 for c in caps(s.j))),
    ("clipmeme", ("加一個airhorn喺2秒", "遲少少"),
     lambda s: len(booms(s.j, "airhorn")) == 1 and booms(s.j, "airhorn")[0] > 2000),
    ("clipmeme", ("在底部加上“绝了”", "晚一秒出现"),
     lambda s: SPAN(txt(s.j, "绝了")) == (1000, 5000) and SPAN(txt(s.j, _CM)) == (0, 6000)),
    ("img", ("你好", "做一个关于考试的表情包", "谢谢"),
     lambda s: unchanged(s) and bool(caps(s.j)) and s.drafts[1] == s.drafts[0]),
    ("two_clips", ("删掉fail.mov", "结尾加个airhorn"),
     lambda s: srcs_of(s.j) == ["h_clip"]
     and [x["st"] + x["d"] for x in sfx(s.j, "airhorn")] == [6000]),
    ("sounds", ("把vine boom换成airhorn", "大声一倍"),
     lambda s: booms(s.j) == [] and [x["vol"] for x in sfx(s.j, "airhorn")] == [200]),
    ("bin", ("用dog.png", "上面加「乖狗狗」", "換成影片"),
     lambda s: _clip_took_over(s, "乖狗狗")),
    ("img", ("做一个pov的梗，关于上学", "字幕改成黄色", "用第二个"),
     lambda s: meme("pick")(s) and all(c["col"] == YELLOW for c in caps(s.j))),
    ("sounds", ("音乐小声一半", "再小一点"),
     lambda s: music_vol(s.drafts[1]) == 50 and 0 < music_vol(s.j) < 50),
]

# Batch 14: conversations that name captions by what they say, correct themselves ("no wait,
# 2s", "不对，三秒"), ask as questions, limit a change ("only show it for the first half"),
# count ("both sound effects", "第一个视频") and mix the maker with edits. Written before
# anybody looked at the reader; first score in docs/assistant.md.
BATCH14: list[Row] = [
    ("clipmeme", ("add 'bruh' at the bottom", "make the bruh one red", "now the me at 3am one blue"),
     lambda s: (txt(s.j, "bruh")["col"], txt(s.j, _CM)["col"]) == (RED, BLUE)),
    ("img", ("put 'ME' on top and 'ALSO ME' at the bottom", "make the 'me' caption yellow",
             "and the other one red"),
     lambda s: (txt(s.j, "ME")["col"], txt(s.j, "ALSO ME")["col"]) == (YELLOW, RED)),
    ("img", (M_EN, "add a boom at 1s, no wait, 2s", "could you make it louder?"),
     lambda s: bool(caps(s.j)) and booms(s.j) == [2000] and sfx(s.j, "vine_boom")[0]["vol"] > 100),
    ("clipmeme", ("add 'wait' in the middle", "only show it for the first half",
                  "actually make it the last half"),
     lambda s: SPAN(txt(s.j, "wait")) == (3000, 3000) and SPAN(txt(s.j, _CM)) == (0, 6000)),
    ("sounds", ("add an airhorn at the end", "make both sound effects quieter"),
     lambda s: len(sfx(s.j)) == 2 and all(0 < x["vol"] < 100 for x in sfx(s.j))
     and music_vol(s.j) == 100),
    ("img", ("做一个关于猫的表情包", "能不能把字幕改成红色吗", "再来一个"),
     lambda s: meme("another", lang="zh")(s) and all(c["col"] == RED for c in caps(s.j))),
    ("meme", ("把写着it doesn't work的字幕改成黄色", "上面的也一样"),
     lambda s: (cap(s.j, "top")["col"], cap(s.j, "bottom")["col"]) == (YELLOW, YELLOW)),
    ("clipmeme", ("在两秒半加一个vine boom", "不对，三秒", "大声一点"),
     lambda s: booms(s.j) == [3000] and sfx(s.j, "vine_boom")[0]["vol"] > 100),
    ("two_clips", ("在第二个视频开始的时候加个airhorn", "第一个视频静音"),
     lambda s: booms(s.j, "airhorn") == [6000] and [v["vol"] for v in _vids(s.j)] == [0, 100]),
    ("img", ("帮我做个关于加班的梗图，发朋友圈的", "字幕居中", "换个格式"),
     meme("format", lang="zh")),
    ("bin", ("use dog.png", "add 'good boy' on top", "make the good boy text bigger",
             "can you make it a square?"),
     lambda s: W(s.j) == (1080, 1080) and txt(s.j, "good boy")["sz"] > 1.0
     and srcs_of(s.j) == ["h_img2"]),
    ("img", ("make a meme for my gaming discord about lag", "in chinese", "能不能短一点"),
     meme("shorter", lang="zh")),
    ("late", ("delete the bruh caption", "actually no, keep it and make it red instead"),
     lambda s: txt(s.j, "BRUH")["col"] == RED and txt(s.j, "WAIT FOR IT")["col"] == WHITE),
    ("clipmeme", ("视频只要前一半", "在结尾加个ding"),
     lambda s: s.j["d"] == 3000 and [x["st"] + x["d"] for x in sfx(s.j, "ding")] == [3000]),
    ("img", ("在上面写“我”，下面写“也是我”", "把写着“我”的那行改成蓝色", "字大一点"),
     lambda s: (txt(s.j, "我")["col"], txt(s.j, "也是我")["col"]) == (BLUE, WHITE)
     and txt(s.j, "我")["sz"] > 1.0 == txt(s.j, "也是我")["sz"]),
]


def _vids(j: J) -> list[J]:
    return sorted((x for t in j["t"] if t["tt"] == 0 for x in t["sg"]), key=lambda x: x["st"])


AREAS: dict[str, list[Row]] = {
    "captions": CAPTIONS_EN + CAPTIONS_ZH + [BATCH12[i] for i in (4, 8, 9, 12)]
    + [BATCH13[i] for i in (4, 10, 12, 17)] + [BATCH14[i] for i in (0, 1, 3, 6, 12, 14)],
    "sound": SOUND_EN + SOUND_ZH + [BATCH12[i] for i in (5, 7, 13)] + FOUND12
    + [BATCH13[i] for i in (3, 8, 11, 16, 19, 20, 23)] + [BATCH14[i] for i in (4, 7)],
    "media": [BATCH12[i] for i in (6, 14)] + [BATCH13[i] for i in (2, 13, 21)]
    + [BATCH14[i] for i in (8, 10, 13)],
    "maker": MAKER_EN + MAKER_ZH + [BATCH12[i] for i in (0, 1, 2, 3, 10, 11)]
    + [BATCH13[i] for i in (0, 1, 5, 6, 7, 9, 14, 15, 18, 22)] + [BATCH14[i] for i in (2, 5, 9, 11)],
}
ROWS: list[Row] = [row for rows in AREAS.values() for row in rows]
