"""The meme maker in conversation: a finished meme in one turn, every variant command, the
alternatives as chips, explicit wishes that always win, memory from the transcript, the caption
source seam, and determinism."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from meme_desktop.draft import validate
from meme_desktop.engine.agent import MakerMemory, respond
from meme_desktop.engine.agent.maker import Candidate, Maker, TemplateWriter, WriteRequest
from meme_desktop.engine.agent.maker.library import library
from meme_desktop.engine.agent.maker.scorer import norm
from meme_desktop.engine.agent.maker.topics import mentions
from tests.helpers.agent_states import CLIP, IMG, FakeHistory, caps, music, sfx, state, vids
from tests.helpers.maker_session import Session

J = dict[str, Any]


def made(s: Session, text: str) -> Any:
    turn = s.say(text)
    assert turn.meme is not None and turn.draft is not None, turn.reply
    validate(turn.draft)
    return turn


def test_turn_this_into_a_meme_is_finished_in_one_turn() -> None:
    turn = made(Session("img"), "turn this into a meme")
    j = turn.draft.to_json()
    assert [v["src"] for v in vids(j)][:1] == ["h_img"] and caps(j) and sfx(j) + music(j)
    first, second = turn.reply.split("\n")
    assert turn.meme.captions[0].split("\n")[0] in first
    assert all(any(a.split("\n")[0][:12] in second for a in alt) for alt in turn.meme.alternatives)
    assert [c.label for c in turn.suggestions] == [" / ".join(" ".join(t.split()) for t in alt)
                                                   for alt in turn.meme.alternatives]


def test_make_a_meme_about_x_with_nothing_uploaded_is_a_text_meme() -> None:
    turn = made(Session("none"), "make a meme about mondays")
    j = turn.draft.to_json()
    assert not vids(j) and caps(j) and turn.meme.format in ("text_plain", "text_gradient")
    assert mentions(turn.meme.captions[0], library().topic("monday"))  # type: ignore[arg-type]
    assert "plain background" in turn.reply


VARIANT_ROWS: list[tuple[str, str, str, Callable[[Any, Any], bool]]] = [
    # before (made in English unless Chinese), command, action, check(before, after)
    ("en", "another one", "another",
     lambda a, b: b.meme.format == a.meme.format and b.meme.captions != a.meme.captions),
    ("en", "funnier", "funnier", lambda a, b: b.meme.captions != a.meme.captions),
    ("en", "shorter", "shorter",
     lambda a, b: sum(map(len, b.meme.captions)) < sum(map(len, a.meme.captions))),
    ("en", "different format", "format", lambda a, b: b.meme.format != a.meme.format),
    ("en", "in chinese", "language",
     lambda a, b: b.meme.lang == "zh" and any("\u4e00" <= ch <= "\u9fff" for ch in b.meme.captions[0])),
    ("zh", "in english", "language",
     lambda a, b: b.meme.lang == "en" and b.meme.captions[0].isascii()),
    ("en", "keep the caption, change the sound", "sound",
     lambda a, b: b.meme.captions == a.meme.captions and b.meme.sounds != a.meme.sounds),
    ("en", "use the second one", "pick", lambda a, b: b.meme.captions == a.meme.alternatives[1]),
    ("zh", "换一个", "another", lambda a, b: b.meme.captions != a.meme.captions),
    ("zh", "更搞笑一点", "funnier", lambda a, b: b.meme.captions != a.meme.captions),
    ("zh", "短一点", "shorter",
     lambda a, b: sum(map(len, b.meme.captions)) < sum(map(len, a.meme.captions))),
    ("zh", "换个格式", "format", lambda a, b: b.meme.format != a.meme.format),
    ("zh", "文案不变，换个音效", "sound", lambda a, b: b.meme.captions == a.meme.captions),
    ("zh", "用第一个", "pick", lambda a, b: b.meme.captions == a.meme.alternatives[0]),
]


@pytest.mark.parametrize(("lang", "command", "action", "check"), VARIANT_ROWS,
                         ids=[f"{r[0]}-{r[1]}" for r in VARIANT_ROWS])
def test_variant_commands(lang: str, command: str, action: str,
                          check: Callable[[Any, Any], bool]) -> None:
    s = Session("img")
    before = made(s, "make a meme about my boss" if lang == "en" else "做一个关于老板的表情包")
    after = made(s, command)
    assert after.meme.action == action, after.reply
    assert check(before, after), (before.meme, after.meme)
    assert after.meme.topic_id == before.meme.topic_id
    assert [c["txt"] for c in caps(after.draft.to_json())] == after.meme.captions


def test_a_chip_applies_its_alternative_with_one_click() -> None:
    s = Session("img")
    first = made(s, "make a meme about coffee")
    chip = first.suggestions[1]
    picked = made(s, chip.text)                       # what the chip sends
    assert picked.meme.action == "pick"
    assert picked.meme.captions == first.meme.alternatives[1]
    assert [e.name for e in picked.events] == ["set_caption"] * len(first.meme.captions)
    zh = Session("img")
    first = made(zh, "做一个关于咖啡的表情包")
    assert made(zh, first.suggestions[0].text).meme.captions == first.meme.alternatives[0]


@pytest.mark.parametrize(("lang", "ask", "again"), [
    ("en", "turn this into a meme", "another one"), ("zh", "把这张图做成表情包", "再来一个")])
def test_ten_more_give_ten_different_captions(lang: str, ask: str, again: str) -> None:
    s = Session("img")
    seen = [norm(" ".join(made(s, ask).meme.captions))]
    for _ in range(10):
        turn = made(s, again)
        seen.append(norm(" ".join(turn.meme.captions)))
    assert len(set(seen)) == 11, seen
    offered = [norm(" ".join(a)) for t in s.transcript for e in t["events"]
               if e.get("type") == "suggestions" for a in e["meme"]["alternatives"]]
    assert not set(seen[1:]) & set(offered[:1])     # never what was already on screen


def test_another_one_after_a_hand_edit_keeps_the_edit() -> None:
    s = Session("img")
    made(s, "make a meme about coffee")
    s.say("add a vine boom at 1s")
    turn = made(s, "another one")
    j = turn.draft.to_json()
    assert 1000 in [x["st"] for x in sfx(j)]
    assert {e.name for e in turn.events} == {"set_caption"}


def test_a_new_format_rebuilds_on_what_was_there_before() -> None:
    s = Session("img")
    made(s, "make a deep fried meme about coffee")
    turn = made(s, "different format")
    j = turn.draft.to_json()
    assert [v["src"] for v in vids(j)][:1] == ["h_img"]
    assert "deepfry" not in vids(j)[0]["fx"] and len(caps(j)) == len(turn.meme.captions)
    assert turn.events[0].name == "add_media"       # built again on the empty timeline


def test_memory_is_the_transcript() -> None:
    s = Session("img")
    first = made(s, "make a meme about coffee")
    again = Session("img")
    again.transcript, again.draft = list(s.transcript), s.draft    # an engine restart
    turn = made(again, "another one")
    assert turn.meme.captions not in [first.meme.captions, *first.meme.alternatives]
    assert MakerMemory.from_messages([{"role": "assistant", "events": [
        {"type": "suggestions", "meme": {"bad": 1}}, "junk", {"type": "suggestions"}]}]).records == []


WISH_ROWS: list[tuple[str, str, Callable[[J], bool]]] = [
    ("img", "turn this into a meme with the caption 'MONDAY AGAIN'",
     lambda j: [c["txt"] for c in caps(j)] == ["MONDAY AGAIN"]),
    ("img", "meme this: top text 'ME' bottom text 'ALSO ME'",
     lambda j: [(c["pos"], c["txt"]) for c in caps(j)] == [("top", "ME"), ("bottom", "ALSO ME")]),
    ("both", "turn this image into a meme", lambda j: vids(j)[0]["src"] == "h_img"),
    ("both", "turn this image into a meme video with Impact font captions and a trending sound",
     lambda j: vids(j)[0]["src"] == "h_img" and all(c["sty"] == "classic" for c in caps(j))
     and len(music(j)) == 1 and music(j)[0]["vol"] == 100),
    ("both", "make a meme with the clip", lambda j: vids(j)[0]["src"] == "h_clip"),
    ("img", "make a meme about dogs with an air horn at 2s",
     lambda j: [(s["src"], s["st"]) for s in sfx(j)] == [("sfx:airhorn", 2000)]),
    ("img", "make a square meme about tea", lambda j: (j["m"]["width"], j["m"]["height"]) == (1080, 1080)),
    ("img", "make a landscape pov meme", lambda j: (j["m"]["width"], j["m"]["height"]) == (1920, 1080)),
    ("img", "make a 3 second meme about cats", lambda j: j["d"] == 3000),
    ("clip", "turn it into a meme in slow motion", lambda j: vids(j)[0]["sp"] == 0.5),
    ("img", "make a meme about exams with lofi music",
     lambda j: [m["src"] for m in music(j)] == ["music:lofi"]),
    ("img", "把这张图做成表情包，文案是“周一又来了”", lambda j: [c["txt"] for c in caps(j)] == ["周一又来了"]),
    ("both", "把这张图做成表情包，竖屏", lambda j: vids(j)[0]["src"] == "h_img"),
]


@pytest.mark.parametrize(("start", "text", "check"), WISH_ROWS, ids=[r[1] for r in WISH_ROWS])
def test_explicit_wishes_win(start: str, text: str, check: Callable[[J], bool]) -> None:
    turn = made(Session(start), text)
    assert check(turn.draft.to_json()), (turn.reply, turn.draft.to_json())


def test_wishes_are_kept_by_every_variant() -> None:
    s = Session("both")
    made(s, "make a square pov meme about cats with an air horn")
    for command in ("another one", "funnier", "shorter"):
        j = made(s, command).draft.to_json()
        assert (j["m"]["width"], j["m"]["height"]) == (1080, 1080)
        assert [x["src"] for x in sfx(j)] == ["sfx:airhorn"]
    assert made(s, "another one").meme.format == "pov"


def test_a_quoted_caption_gets_no_alternatives_and_no_extra_caption() -> None:
    turn = made(Session("img"), "caption this: 'I AM THE CAPTION'")
    assert [c["txt"] for c in caps(turn.draft.to_json())] == ["I AM THE CAPTION"]
    assert turn.meme.alternatives == [] and turn.suggestions == []
    assert len(turn.reply.split("\n")) == 1


@pytest.mark.parametrize("text", ["generate my images or clips", "生成我的图片或视频",
                                  "can you create a video of a cat"])
def test_generating_pictures_is_answered_plainly_with_offers(text: str) -> None:
    for start in ("none", "img"):
        turn = Session(start).say(text)
        assert turn.draft is None and turn.events == [] and turn.meme is None
        assert "Settings" in turn.reply or "设置" in turn.reply
        assert 2 <= len(turn.suggestions) <= 3
        assert any(c.text in ("upload", "上传") for c in turn.suggestions)


def test_reply_language_follows_the_message_else_the_interface() -> None:
    s = Session("img", language="zh")
    turn = made(s, "turn this into a meme")
    assert turn.meme.lang == "en" and turn.reply.startswith("Made")
    turn = made(s, "👍 2")                       # no words: the interface language
    assert turn.meme.action == "pick" and "换成了" in turn.reply
    draft, assets = state("img")
    assert "添加" in respond("'HI' 👍", draft, assets, FakeHistory(), language="zh").reply


class ShoutingSource:
    """A caption source as a language model would be: it proposes, the scorer decides."""

    def candidates(self, request: WriteRequest) -> list[Candidate]:
        n = len(request.fmt.slots)
        topical = tuple([f"{request.topic.np['en']} IS MY WHOLE LIFE"] * n)
        too_long = tuple(["word " * 90] * n)
        elsewhere = tuple(["a caption about nothing at all"] * n)
        return [Candidate(too_long, "model:0", source="model"),
                Candidate(elsewhere, "model:1", source="model"),
                Candidate(topical, "model:2", source="model")]


def test_a_caption_source_is_ranked_by_the_same_scorer() -> None:
    maker = Maker([ShoutingSource(), TemplateWriter()])
    draft, assets = state("img")
    turn = maker.turn("make a meme about coffee", draft, assets, MakerMemory(), False)
    assert turn is not None and turn.meme is not None
    shown = [turn.meme.captions, *turn.meme.alternatives]
    assert not any("word word" in " ".join(c) for c in shown)          # does not fit: dropped
    assert not any("nothing at all" in " ".join(c) for c in shown[:1])  # does not name coffee
    only_model = Maker([ShoutingSource()]).turn("make a meme about coffee", draft, assets,
                                                MakerMemory(), False)
    assert only_model is not None and only_model.meme is not None
    assert "IS MY WHOLE LIFE" in only_model.meme.captions[0]


def test_the_same_session_is_made_the_same_way() -> None:
    def run() -> list[Any]:
        s = Session("both")
        return [(t.reply, t.draft.dumps() if t.draft else None) for t in
                (s.say("turn this into a meme"), s.say("another one"), s.say("different format"),
                 s.say("in chinese"), s.say("change the sound"))]
    assert run() == run()


def test_make_it_funny_on_a_meme_made_by_hand_still_offers_options() -> None:
    draft, assets = state("meme")
    turn = respond("make it funnier", draft, assets, FakeHistory())
    assert turn.draft is None and "vine boom" in turn.reply
    assert Session("none").say("make it funny").meme is None


def test_clip_and_image_both_uploaded_the_image_is_named() -> None:
    s = Session("none", assets=[IMG, CLIP])          # the clip came later
    turn = made(s, "caption this image")
    assert vids(turn.draft.to_json())[0]["src"] == "h_img"


@pytest.mark.parametrize(("first", "then", "topic"), [
    ("turn this into a meme", "another one about dogs", "dog"),
    ("make a meme about coffee", "same but about work", "work"),
    ("make a meme about coffee", "make it about my boss", "boss"),
    ("make a meme about coffee", "one about the gym", "gym"),
    ("把这张图做成表情包", "再来一个关于狗的", "dog"),
    ("把这张图做成表情包", "换成关于上班的", "work"),
])
def test_a_new_topic_for_the_next_meme(first: str, then: str, topic: str) -> None:
    s = Session("img")
    made(s, first)
    turn = made(s, then)
    assert turn.meme.action == "make" and turn.meme.topic_id == topic


def test_edits_after_a_meme_are_still_edits() -> None:
    s = Session("img")
    made(s, "make a meme about coffee")
    for text, op in (("add a vine boom at 2s", "add_sound"), ("make it vertical", None),
                     ("make the captions red", "set_caption")):
        turn = s.say(text)
        assert turn.meme is None, text
        assert op is None or op in [e.name for e in turn.events], (text, turn.reply)


def test_a_meme_on_a_meme_made_by_hand_says_it_replaces_its_captions() -> None:
    turn = made(Session("meme"), "turn this into a meme")
    assert "replaces the captions" in turn.reply
    assert "WHEN THE CODE COMPILES" not in [c["txt"] for c in caps(turn.draft.to_json())]


def test_a_record_whose_segments_are_gone_falls_back_safely() -> None:
    """A transcript record naming segments that no longer exist (edited by hand, or an old
    session): variants still work, and nothing crashes."""
    s = Session("img")
    made(s, "make a meme about coffee")
    s.say("remove all captions")
    turn = made(s, "another one")
    assert [c["txt"] for c in caps(turn.draft.to_json())] == turn.meme.captions
    s.say("start over")
    turn = s.say("different format")
    assert turn.reply and (turn.draft is None or turn.meme is not None)


class QuotingSource:
    """A caption source whose lines come with quotes of their own (as a model's often do)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def candidates(self, request: WriteRequest) -> list[Candidate]:
        n = len(request.fmt.slots)
        return [Candidate(tuple([line] * n), f"model{i}:0", source="model")
                for i, line in enumerate(self.lines)]


@pytest.mark.parametrize(("zh", "lines", "shown"), [
    (False, ['"COFFEE IS MY WHOLE LIFE"', '“COFFEE FIRST, THEN FEELINGS”', '""COFFEE O\'CLOCK""'],
     ["COFFEE IS MY WHOLE LIFE", "COFFEE FIRST, THEN FEELINGS", "COFFEE O'CLOCK"]),
    (True, ["「咖啡就是我的命」", "“先喝咖啡再说话”", "『「咖啡续命」』"],
     ["咖啡就是我的命", "先喝咖啡再说话", "咖啡续命"]),
])
def test_captions_with_their_own_quotes_are_quoted_once(zh: bool, lines: list[str],
                                                        shown: list[str]) -> None:
    topic = "咖啡" if zh else "coffee"
    draft, assets = state("img")
    turn = Maker([QuotingSource(lines)]).turn(
        f"做一个关于{topic}的表情包" if zh else f"make a meme about {topic}", draft, assets,
        MakerMemory(language="zh" if zh else "en"), zh)
    assert turn is not None and turn.meme is not None
    made, others = turn.reply.split("\n")
    assert others.startswith("其他文案：" if zh else "Other ideas: ")
    for text in shown:  # each idea once, between the reply's own pair of quotes
        assert f"“{text}”" in turn.reply
    doubled = re.compile(r'[“「『][“「『"]|[”」』"][”」』]|"[”」』]|[“「『]"')
    assert not doubled.search(turn.reply), turn.reply
    assert sum(f"“{text}”" in others for text in shown) == 2   # the two alternatives
    pick = turn.suggestions[0].text  # a chip still names its alternative
    slots = len(turn.meme.alternatives[0])
    assert pick.count("“") == pick.count("”") == slots and not doubled.search(pick)
