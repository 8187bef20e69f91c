"""Requests the built-in assistant answers with a pointer instead of an edit: a GIF or a size
limit (an Export choice), translating captions (it cannot), a sound it does not have (it
names the ten it has). Nothing on the timeline changes, and the answer is in the person's
language."""

from __future__ import annotations

import pytest

from meme_desktop.engine.agent import respond
from meme_desktop.engine.agent.applier.names import sfx_name
from meme_desktop.engine.sounds import list_sfx
from tests.helpers.agent_states import FakeHistory, state

CASES = [
    ("meme", "make it a gif", "export", "gif"),
    ("meme", "can I get this as a GIF?", "export", "gif"),
    ("meme", "i need it under 8mb for discord", "export", "discord"),
    ("meme", "做成动图", "导出", "gif"),
    ("meme", "translate the captions to chinese", "translate", "caption"),
    ("meme", "把字幕翻译成英文", "翻译", "字幕"),
    ("clipmeme", "add a bruh sound at the end", "vine boom", "boing"),
    ("meme", "change the font to something else", "caption bar", "subtitles"),
    ("clipmeme", "add a filter", "deep fry", "sepia"),
    ("clipmeme", "what effects do you have", "shake", "punch-in"),
    ("clipmeme", "加个滤镜", "油炸", "黑白"),
    ("meme", "换个字体", "标题栏", "字幕条"),
    ("clipmeme", "加一个哈哈哈的音效", "vine boom", "导入"),
]


@pytest.mark.parametrize(("start", "text", "word1", "word2"), CASES, ids=[c[1] for c in CASES])
def test_pointer_answers_change_nothing(start: str, text: str, word1: str, word2: str) -> None:
    draft, assets = state(start)
    turn = respond(text, draft, assets, FakeHistory())
    assert turn.draft is None and turn.history == 0
    reply = turn.reply.lower()
    assert word1 in reply and word2 in reply, reply


@pytest.mark.parametrize("text", ["add the bruh sound effect", "add a bruh sound at the end"])
def test_the_sound_list_names_every_built_in_effect(text: str) -> None:
    draft, assets = state("clipmeme")
    reply = respond(text, draft, assets, FakeHistory()).reply
    for name in list_sfx():
        assert sfx_name(name) in reply, name


def test_a_known_sound_is_still_added() -> None:
    draft, assets = state("clipmeme")
    turn = respond("add a rimshot sound at the end", draft, assets, FakeHistory())
    assert turn.draft is not None
    assert [s.src for s in turn.draft.segments(1)] == ["sfx:rimshot"]


@pytest.mark.parametrize(("start", "text"), [
    ("meme", "make it funnier"), ("meme", "make it spooky"), ("clipmeme", "make it sadder"),
    ("meme", "更可爱一点"), ("clipmeme", "make it more chaotic"), ("meme", "make it 3:4"),
    ("clipmeme", "make it more dramatic"), ("clipmeme", "让它更搞笑一点"),
])
def test_every_option_offered_is_a_chip_that_works(start: str, text: str) -> None:
    """A question with options comes with one chip per option; tapping one makes that edit."""
    draft, assets = state(start)
    turn = respond(text, draft, assets, FakeHistory())
    assert turn.draft is None and len(turn.suggestions) >= 3, turn.reply
    for n, chip in enumerate(turn.suggestions, 1):
        assert chip.text in turn.reply and f"{n}" in turn.reply
        tapped = respond(chip.text, draft, assets, FakeHistory())
        assert tapped.draft is not None, (chip.text, tapped.reply)


@pytest.mark.parametrize(("start", "text", "chips"), [
    ("meme", "move it to the middle",
     ["move the top caption to the middle", "move the bottom caption to the middle"]),
    ("meme", "put it back at the top", ["put the bottom caption back at the top"]),
    ("meme", "delete it", ["delete the top caption", "delete the bottom caption",
                           "delete the picture"]),
    ("clipmeme", "delete it", ["delete the top caption", "delete the clip"]),
    ("meme", "把它移到中间", ["把顶部字幕移到中间", "把底部字幕移到中间"]),
])
def test_an_it_with_nothing_before_asks_which_one(start: str, text: str,
                                                  chips: list[str]) -> None:
    """"Move it to the middle" as a first message: it asks which one, naming the captions by
    their text, and each chip says the same with it named (a place is a caption's)."""
    draft, assets = state(start)
    turn = respond(text, draft, assets, FakeHistory())
    assert turn.draft is None and "?" in turn.reply.replace("？", "?")
    assert [c.text for c in turn.suggestions] == chips
    for chip in turn.suggestions:
        assert respond(chip.text, draft, assets, FakeHistory()).draft is not None, chip.text


@pytest.mark.parametrize(("start", "text"), [("meme", "move it to the middle"),
                                             ("meme", "make it funnier"), ("meme", "把它移到中间"),
                                             ("img", "turn this into a meme")])
def test_the_window_never_reads_a_reply_as_a_gesture_to_replay(start: str, text: str) -> None:
    """The client turns a hosted backend's "click …" / "drag …" into actions; the built-in
    assistant's own questions must not look like that ("Tap one below" once sent the last
    request again)."""
    from meme_desktop.assistant.replies import ReplyFilter

    draft, assets = state(start)
    reader = ReplyFilter()
    reader.feed(respond(text, draft, assets, FakeHistory()).reply)
    reader.finish()
    assert [a.action for a in reader.actions() if a.action == "edit"] == []


def test_an_it_that_no_target_would_help_is_not_asked_about() -> None:
    draft, assets = state("meme")
    turn = respond("now make it spin", draft, assets, FakeHistory())
    assert "Which one" not in turn.reply and turn.draft is None
