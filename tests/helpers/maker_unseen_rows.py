"""Held-out phrasings for the meme maker (issue 12), written BEFORE the maker's readers were
built and never tuned on: how people ask for a meme, for a variant of the one they got, for a
picture to be generated, and which explicit wishes must win. Each row: the starting state
(tests/helpers/agent_states.py), the turns said before (a made meme to vary), the message, and
what must come out. ``tests/unit/test_maker_unseen.py`` scores them and reports the hit rate;
the first score (before any tuning on these rows) is recorded in docs/assistant.md.

A check receives the turn (``AgentTurn``; ``turn.meme`` is the maker's record of what it made,
or None) and the new draft's wire JSON (None when nothing changed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.helpers.agent_states import caps, sfx, vids

J = dict[str, Any]
Check = Callable[[Any, J | None], bool]
Row = tuple[str, tuple[str, ...], str, Check]


def _text(j: J | None) -> str:
    return " ".join(c["txt"] for c in caps(j)).lower() if j else ""


def made(action: str = "make", topic: str | tuple[str, ...] = (), fmt: str = "",
         lang: str = "", src: str = "", media: bool = True) -> Check:
    """A finished meme: captions written, the record says what was done."""
    topics = (topic,) if isinstance(topic, str) else topic

    def check(turn: Any, j: J | None) -> bool:
        meme = turn.meme
        if meme is None or j is None or meme.action != action or not caps(j):
            return False
        if topics and not any(t in _text(j) for t in topics):
            return False
        if fmt and meme.format != fmt:
            return False
        if lang and meme.lang != lang:
            return False
        if src and src not in [v["src"] for v in vids(j)]:
            return False
        return not media or bool(vids(j)) or meme.format in ("text_plain", "text_gradient")
    return check


def generate_answer(turn: Any, j: J | None) -> bool:
    """Pictures are not generated offline: said plainly, nothing changed, offers given."""
    low = turn.reply.lower()
    return j is None and ("settings" in low or "设置" in low) and bool(turn.suggestions)


def quoted_only(text: str) -> Check:
    def check(turn: Any, j: J | None) -> bool:
        return j is not None and [c["txt"] for c in caps(j)] == [text]
    return check


MADE = ("turn this into a meme",)
MADE_ZH = ("把这张图做成表情包",)

MAKE: list[Row] = [
    ("img", (), "turn this into a meme", made()),
    ("img", (), "make this a meme", made()),
    ("img", (), "meme this", made()),
    ("img", (), "can you make a meme out of this pic", made()),
    ("img", (), "make it a meme pls", made()),
    ("img", (), "turn my photo into something funny", made()),
    ("img", (), "caption this", made()),
    ("img", (), "write a caption for this", made()),
    ("img", (), "give this a funny caption", made()),
    ("img", (), "surprise me", made()),
    ("img", (), "do something funny with this", made()),
    ("img", (), "make a meme about mondays", made(topic="monday")),
    ("img", (), "meme about my cat", made(topic="cat")),
    ("img", (), "make a gym meme", made(topic="gym")),
    ("img", (), "a meme about exams please", made(topic="exam")),
    ("img", (), "make a funny video about work", made(topic="work")),
    ("clip", (), "create a meme with this clip about traffic", made(topic="traffic", src="h_clip")),
    ("img", (), "make a pov meme about school", made(topic="school", fmt="pov")),
    ("img", (), "expectation vs reality meme about cooking", made(topic="cook", fmt="expectation_reality")),
    ("img", (), "deep fried meme of this", made(fmt="deep_fried")),
    ("img", (), "sad meme about rain", made(topic="rain", fmt="sad")),
    ("none", (), "make a meme about procrastination", made(topic="procrastinat", media=False)),
    ("none", (), "meme about wifi", made(topic="wifi", media=False)),
    ("none", (), "make a text meme about pizza", made(topic="pizza", media=False)),
    ("img", (), "ok make me a meme about coffee addiction", made(topic="coffee")),
    ("img", (), "memeify this about my landlord", made(topic="landlord")),
    ("clip", (), "turn this video into a meme", made(src="h_clip")),
    ("img", (), "i want a meme about the weekend", made(topic="weekend")),
    ("img", (), "make a relatable meme about being broke", made(topic=("broke", "money"))),
    ("img", (), "something about dogs", made(topic="dog")),
    ("img", (), "把这张图做成表情包", made(lang="zh")),
    ("img", (), "做个表情包", made(lang="zh")),
    ("img", (), "帮我配个文案", made(lang="zh")),
    ("img", (), "做一个关于上班的表情包", made(topic="上班", lang="zh")),
    ("img", (), "来个关于猫的梗图", made(topic="猫", lang="zh")),
    ("img", (), "随便做一个", made(lang="zh")),
    ("clip", (), "用这个视频做个搞笑视频", made(lang="zh", src="h_clip")),
    ("img", (), "做个健身的表情包", made(topic="健身", lang="zh")),
    ("none", (), "做一个关于考试的梗", made(topic="考试", lang="zh", media=False)),
    ("img", (), "给这张图配一句搞笑的话", made(lang="zh")),
]

VARIANTS: list[Row] = [
    ("img", MADE, "another one", made("another")),
    ("img", MADE, "one more", made("another")),
    ("img", MADE, "try another", made("another")),
    ("img", MADE, "gimme another", made("another")),
    ("img", MADE, "new caption", made("another")),
    ("img", MADE, "different caption pls", made("another")),
    ("img", MADE, "nah, another one", made("another")),
    ("img", MADE, "next", made("another")),
    ("img", MADE, "funnier", made("funnier")),
    ("img", MADE, "make it funnier", made("funnier")),
    ("img", MADE, "that's not funny, make it funnier", made("funnier")),
    ("img", MADE, "shorter", made("shorter")),
    ("img", MADE, "make the caption shorter", made("shorter")),
    ("img", MADE, "too long, shorter pls", made("shorter")),
    ("img", MADE, "different format", made("format")),
    ("img", MADE, "try another format", made("format")),
    ("img", MADE, "use a different template", made("format")),
    ("img", MADE, "in chinese", made("language", lang="zh")),
    ("img", MADE, "make it chinese", made("language", lang="zh")),
    ("img", MADE, "用中文", made("language", lang="zh")),
    ("img", MADE_ZH, "in english", made("language", lang="en")),
    ("img", MADE_ZH, "english please", made("language", lang="en")),
    ("img", MADE_ZH, "换成英文", made("language", lang="en")),
    ("img", MADE, "keep the caption, change the sound", made("sound")),
    ("img", MADE, "different sound", made("sound")),
    ("img", MADE, "change the sound effect", made("sound")),
    ("img", MADE_ZH, "换一个", made("another", lang="zh")),
    ("img", MADE_ZH, "再来一个", made("another", lang="zh")),
    ("img", MADE_ZH, "换个文案", made("another", lang="zh")),
    ("img", MADE_ZH, "更搞笑一点", made("funnier", lang="zh")),
    ("img", MADE_ZH, "短一点", made("shorter", lang="zh")),
    ("img", MADE_ZH, "换个格式", made("format", lang="zh")),
    ("img", MADE_ZH, "文案不变，换个音效", made("sound", lang="zh")),
    ("img", MADE, "use the second one", made("pick")),
    ("img", MADE, "option 2", made("pick")),
    ("img", MADE_ZH, "用第二个", made("pick", lang="zh")),
]

GENERATE: list[Row] = [
    ("none", (), "generate my images or clips", generate_answer),
    ("none", (), "can you generate a picture of a cat", generate_answer),
    ("img", (), "generate a video of a dancing dog", generate_answer),
    ("none", (), "生成我的图片或视频", generate_answer),
    ("none", (), "帮我生成一张图片", generate_answer),
]


def _airhorn_only(turn: Any, j: J | None) -> bool:
    return j is not None and bool(caps(j)) and [s["src"] for s in sfx(j)] == ["sfx:airhorn"]


def _square(turn: Any, j: J | None) -> bool:
    return j is not None and bool(caps(j)) and (j["m"]["width"], j["m"]["height"]) == (1080, 1080)


WISHES: list[Row] = [
    ("img", (), "turn this into a meme with the caption 'MONDAY AGAIN'", quoted_only("MONDAY AGAIN")),
    ("both", (), "turn this image into a meme", made(src="h_img")),
    ("both", (), "turn this image into a meme video with impact font captions and a trending sound",
     made(src="h_img")),
    ("img", (), "make a meme about dogs with an air horn", _airhorn_only),
    ("img", (), "make a square meme about tea", _square),
    ("img", (), "make a pov meme", made(fmt="pov")),
    ("img", (), "把这张图做成表情包，文案是“周一又来了”", quoted_only("周一又来了")),
]

# A second batch (2026-11-29), typed in a probe of requests not seen before: 12 of 18 passed
# before the readers were changed; the six that failed were "something funny about X" inside a
# longer sentence, "a meme where ...", "as a meme", "a good caption for this", "roast my
# friend" and "make it relatable".
LATER: list[Row] = [
    ("img", (), "i need something funny about cats ignoring their owners", made(topic="cat")),
    ("img", (), "make something funny about my boss", made(topic="boss")),
    ("img", (), "a meme where my cat judges me", made()),
    ("clip", (), "meme of me on a monday", made(topic="monday")),
    ("img", (), "this but as a meme about taxes", made(topic="tax")),
    ("img", (), "what would be a good caption for this", made()),
    ("img", (), "i want to roast my friend with this picture", made()),
    ("img", (), "make it relatable for programmers", made()),
    ("img", (), "can u make this pic funny", made()),
    ("img", (), "caption this for me about being broke", made(topic="broke")),
    ("img", (), "meme this about college", made(topic="college")),
    ("clip", (), "put a funny caption on this video", made()),
    ("both", (), "meme about my dog", made(topic="dog")),
    ("img", (), "write a caption about gym motivation", made()),
    ("img", (), "帮我配个文案", made()),
    ("img", (), "用这张图做个关于加班的梗", made(topic="加班")),
    ("img", (), "来个关于猫的搞笑视频", made(topic="猫")),
    ("clip", (), "make a tiktok style meme out of this clip", made()),
]


def _no_but(check: Check) -> Check:
    """Made, and nothing in the topic was read as an instruction ("too fast" is no speed)."""
    return lambda turn, j: check(turn, j) and "But:" not in turn.reply and "但是" not in turn.reply


# the words of the topic's clause describe the meme; they are not edits
TOPIC_CLAUSE: list[Row] = [
    ("img", (), "make a meme about the weekend going by too fast", _no_but(made(topic="weekend"))),
    ("img", (), "make a meme about my phone being loud at night", _no_but(made())),
    ("img", (), "meme about my boss asking me to stay late", _no_but(made(topic="boss"))),
]

def _format(fmt: str) -> Check:
    """A variant in the named format (a format change keeps the meme's topic)."""
    def check(turn: Any, j: J | None) -> bool:
        meme = turn.meme
        return (meme is not None and j is not None and bool(caps(j)) and meme.format == fmt
                and meme.action in ("format", "make"))
    return check


# Batch 10 (2026-12-01), typed the way people type (slang, typos, emoji, mixed languages) and
# written before anybody looked at what the maker reads; its first score is in
# docs/assistant.md.
BATCH10: list[Row] = [
    ("img", (), "turn this into a meme about mondays pls", made(topic="monday")),
    ("img", (), "yo make this a meme abt my ex", made()),
    ("clip", (), "meme this clip, something about gym bros", made(topic="gym", src="h_clip")),
    ("img", (), "make a meme abt finals week 😭", made(topic=("final", "exam"))),
    ("clip", (), "make a sad meme out of this vid about my grades", made(fmt="sad", src="h_clip")),
    ("both", (), "use the video for the meme, about traffic", made(topic="traffic", src="h_clip")),
    ("none", (), "text only meme about mondays", made(topic="monday", media=False)),
    ("img", (), "帮我把这个做成meme，关于周一的", made(lang="zh")),
    ("img", (), "做个关于减肥的梗图 要搞笑一点", made(topic="减肥", lang="zh")),
    ("img", MADE, "another", made("another")),
    ("img", MADE, "nah try again", made("another")),
    ("img", MADE, "lol not that, something else", made("another")),
    ("img", MADE, "make it even funnier", made("funnier")),
    ("img", MADE, "way too long, make it shorter", made("shorter")),
    ("img", MADE, "make it a pov one instead", _format("pov")),
    ("img", MADE, "diff template pls", made("format")),
    ("img", MADE, "use the 2nd one", made("pick")),
    ("img", MADE, "i like the first suggestion better", made("pick")),
    ("img", MADE, "can u do it in chinese", made("language", lang="zh")),
    ("img", MADE_ZH, "英文版", made("language", lang="en")),
    # "not funny, another one": a new caption either way (debatable which variant; both fit)
    ("img", MADE_ZH, "不好笑，换一个",
     lambda t, j: made("another", lang="zh")(t, j) or made("funnier", lang="zh")(t, j)),
    ("img", MADE_ZH, "用第一个", made("pick", lang="zh")),
    ("img", MADE, "keep the text but change the sound", made("sound")),
]

# Batch 12: new topics and moods, politeness, mixed Chinese and English; written
# before anybody looked at what the maker reads; its first score is in docs/assistant.md.
BATCH12: list[Row] = [
    ("img", (), "make a meme about my plants dying", made(topic="plant")),
    ("img", (), "meme about group projects pls", made(topic="project")),
    ("img", (), "a wholesome meme about my grandma", made(topic="grandma")),
    ("clip", (), "make this clip a dramatic meme about the last slice of pizza",
     made(topic="pizza", src="h_clip")),
    ("none", (), "text meme about leg day", made(topic="leg day", media=False)),
    ("img", (), "could you maybe turn this into a meme about deadlines, thx", made(topic="deadline")),
    ("img", (), "make a meme abt my wifi being slow", made(topic="wifi")),
    ("img", (), "meme about my cat knocking stuff off the table", made(topic="cat")),
    ("img", (), "做一个关于外卖的表情包", made(topic="外卖", lang="zh")),
    ("img", (), "来个关于堵车的梗", made(topic="堵车", lang="zh")),
    ("img", (), "帮我做个meme，关于考试周", made(topic="考试", lang="zh")),
    ("img", (), "spooky meme about my basement", made(topic="basement")),
    ("img", MADE, "hmm try a different one", made("another")),
    ("img", MADE, "make it way shorter pls", made("shorter")),
    ("img", MADE_ZH, "换个模板吧", made("format", lang="zh")),
    ("img", MADE, "sad version pls", _format("sad")),
    ("img", MADE_ZH, "再搞笑一点呗", made("funnier", lang="zh")),
]


def _and(check: Check, extra: Callable[[J], bool]) -> Check:
    """Made (``check``) and the draft also has what was asked alongside (``extra``)."""
    return lambda turn, j: check(turn, j) and j is not None and extra(j)


def _ends_with(name: str) -> Callable[[J], bool]:
    return lambda j: [s["st"] + s["d"] for s in sfx(j, name)][-1:] == [j["d"]]


def _only(src: str) -> Callable[[J], bool]:
    return lambda j: [v["src"] for v in vids(j)] == [src]


# Batch 13: formats by name (with and without a topic), a meme and edits in one message, media
# named by file or kind among several uploads, Traditional Chinese and Cantonese; written
# before anybody looked at what the maker reads; its first score is in docs/assistant.md.
BATCH13: list[Row] = [
    ("img", (), "POV meme", made(fmt="pov")),
    ("img", (), "nobody: meme about the gym", made(fmt="nobody_me", topic="gym")),
    # the lexicon knows an alarm as part of mornings: a caption about mornings is on topic
    ("img", (), "do a 'me when' meme about my alarm", made(fmt="me_when", topic=("alarm", "morning"))),
    ("img", (), "expectation vs reality", made(fmt="expectation_reality")),
    ("img", (), "drake meme about homework", made(topic="homework")),
    ("img", (), "wait for it meme about my cat", made(fmt="wait_for_it", topic="cat")),
    ("img", (), "make a 'be like' meme about mondays", made(fmt="be_like", topic="monday")),
    ("img", (), "me when meme", made(fmt="me_when")),
    ("img", (), "做个“当你…的时候”的梗，关于加班", made(fmt="zh_dangni", topic="加班")),
    ("img", (), "來個關於考試的梗圖", made(topic="考", lang="zh")),
    ("img", (), "幫我整個meme", made(lang="zh")),
    ("img", (), "make a meme about exams and make it square with a boom at the end",
     _and(made(topic="exam"), lambda j: (j["m"]["width"], j["m"]["height"]) == (1080, 1080)
          and _ends_with("vine_boom")(j))),
    ("clip", (), "meme this clip about my commute, slow it down and add an airhorn at 2s",
     _and(made(topic="commute", src="h_clip"), lambda j: vids(j)[0]["sp"] == 0.5
          and 2000 in [s["st"] for s in sfx(j, "airhorn")])),
    ("img", (), "make a meme about coffee with the text in red",
     _and(made(topic="coffee"), lambda j: all(c["col"] == "#FF0000" for c in caps(j)))),
    ("bin", (), "make a meme with dog.png about walks",
     _and(made(topic="walk"), _only("h_img2"))),
    ("bin", (), "meme using the mp4", _and(made(), _only("h_clip"))),
    ("img", MADE, "make it a nobody: one", _format("nobody_me")),
    ("bin", (), "用第二張圖做個表情包", _and(made(lang="zh"), _only("h_img2"))),
]

# Batch 14: a meme for an audience or a platform, asked as a question, corrected inside the
# message, misspelt, mixed Chinese and English; written before anybody looked at what the maker
# reads; its first score is in docs/assistant.md.
BATCH14: list[Row] = [
    ("img", (), "a meme for my gaming discord about lag", _no_but(made(topic=("lag", "ping")))),
    ("img", (), "linkedin-style cringe meme", _no_but(made())),
    ("img", (), "make a meme for my coworkers about meetings", made(topic="meeting")),
    ("img", (), "meme for instagram about summer", made(topic="summer")),
    ("img", (), "can you make a meme about my cat?", made(topic="cat")),
    ("img", (), "could you turn this into a meme for my group chat", _no_but(made())),
    ("img", (), "a tiktok meme about school",
     _and(made(topic="school"), lambda j: (j["m"]["width"], j["m"]["height"]) == (1080, 1920))),
    ("img", (), "make a meme for my mom about texting", made(topic="text")),
    ("img", (), "能不能帮我做个关于期末考试的表情包吗", made(topic=("期末", "考"), lang="zh")),
    ("img", (), "给我的游戏群做个关于掉线的梗图", made(topic=("掉线", "网", "卡"), lang="zh")),
    ("img", (), "make a meme with the caption 'me vs 周一'", quoted_only("me vs 周一")),
    ("img", (), "make a meme about mondays, no wait, about fridays", made(topic="friday")),
    ("img", MADE, "could you try another one?", made("another")),
    ("img", (), "make a meme about hte gym", made(topic="gym")),
]

ROWS: list[Row] = (MAKE + VARIANTS + GENERATE + WISHES + LATER + TOPIC_CLAUSE + BATCH10
                   + BATCH12 + BATCH13 + BATCH14)
