"""The agent's turns beyond the draft effect: replies name every change with its numbers,
undo/redo go through the history, it asks instead of pretending, and it is fast and
deterministic."""

from __future__ import annotations

import pytest

from meme_desktop.draft import Draft, validate
from meme_desktop.engine.agent import AgentTurn, respond
from tests.helpers.agent_states import CLIP2, IMG, FakeHistory, state


def turn(start: str, text: str, history: FakeHistory | None = None) -> AgentTurn:
    draft, assets = state(start)
    return respond(text, draft, assets, history or FakeHistory())


@pytest.mark.parametrize(("start", "text", "words"), [
    ("clipmeme", "add a vine boom at 2s", ["vine boom", "2 s"]),
    ("img", "put 'WHEN THE CODE COMPILES' on top", ['"WHEN THE CODE COMPILES"', "top",
                                                    "cat.jpg", "0–5 s"]),
    ("clipmeme", "slow motion", ["0.5x", "12 s"]),
    ("clipmeme", "make it square", ["1080x1080"]),
    ("sounds", "turn the music down", ["30%"]),
    ("clipmeme", "cut the first 2 seconds", ["4 s", "2–6 s"]),
    ("meme", "remove the top text", ['"WHEN THE CODE COMPILES"']),
    ("clipmeme", "add lofi music", ["lofi", "0–6 s"]),
    ("clipmeme", "deep fry it", ["deep fry"]),
    ("clipmeme", "punch in at 2s", ["1.3x", "2 s"]),
    ("clipmeme", "在2秒加一个vine boom", ["2", "vine boom", "秒"]),
])
def test_reply_names_each_change(start: str, text: str, words: list[str]) -> None:
    t = turn(start, text)
    assert t.draft is not None
    for word in words:
        assert word in t.reply, (word, t.reply)
    lines = t.reply.split("\n")
    assert len(lines) == 1 and "Timeline (" not in t.reply     # issue 12: short replies
    assert 1 <= len(t.suggestions) <= 2                          # next steps are chips


def test_events_one_per_operation_with_names() -> None:
    t = turn("img", "put 'HI' on top, make it vertical and add a vine boom at 1s")
    names = [e.name for e in t.events]
    assert names == ["add_media", "add_caption", "add_sound"]   # already vertical: no event
    assert all(e.result.get("ok") for e in t.events)
    assert t.events[1].args["txt"] == "HI"
    t2 = turn("clipmeme", "make it landscape, add crickets at 1s")
    assert [e.name for e in t2.events] == ["set_canvas", "add_sound"]


def test_media_first_when_timeline_empty() -> None:
    t = turn("both", "add 'X' at the bottom")
    assert t.draft is not None
    assert [e.name for e in t.events] == ["add_media", "add_caption"]
    vids = t.draft.to_json()["t"][0]["sg"]
    assert vids[0]["src"] == "h_clip" and vids[0]["d"] == 6000   # the most recent upload


def test_undo_and_redo_use_history() -> None:
    draft, assets = state("meme")
    prev = Draft.from_json(draft.to_json())
    prev.tracks[1].segments.pop()
    t = respond("undo", draft, assets, FakeHistory(prev=prev))
    assert (t.history, t.draft) == (-1, None)
    assert t.reply == 'Undid: Added "IT DOESN\'T WORK" (0-5s).', t.reply
    t = respond("撤销", draft, assets, FakeHistory(prev=prev))
    assert t.history == -1 and "撤销" in t.reply
    t = respond("redo", draft, assets, FakeHistory(nxt=prev))
    assert (t.history, t.draft) == (1, None)
    t = respond("重做", draft, assets, FakeHistory(nxt=prev))
    assert t.history == 1


def test_nothing_to_undo_says_so() -> None:
    t = turn("meme", "undo that")
    assert (t.history, t.draft, t.events) == (0, None, [])
    assert "nothing to undo" in t.reply.lower()
    t = turn("meme", "redo")
    assert t.history == 0 and "redo" in t.reply.lower()


@pytest.mark.parametrize(("start", "text", "expect"), [
    ("none", "slow motion", "upload"),
    ("none", "use the image", "upload"),
    ("meme", "make it funnier", "vine boom"),
    ("meme", "blorp the snargle", "?"),
    ("none", "make it funnier", "vine boom"),
    ("img", "asdf qwerty", "?"),
    ("meme", "remove the music", "no music"),
    ("meme", "slow motion", "only"),            # a picture cannot change speed
    ("clipmeme", "change the bottom text to 'A'", "couldn't find"),
    ("meme", "make it vertical", "already"),
    ("meme", "change the caption to 'A'", "which caption"),
    ("clipmeme", "add a sound effect", "which sound"),
    ("meme", "move the vine boom to 3s", "no vine boom"),
    ("clipmeme", "make it 20 seconds", "slow them down"),
    ("meme", "让它更好笑", "vine boom"),
    ("wide", "make the video fill the screen", "already"),
    ("clipmeme", "less deep fried", "no such effect"),
    ("clipmeme", "add the audio I uploaded", "upload"),
    ("clipmeme", "make it shorter", "how long"),
    ("meme", "swap the order of the clips", "only one"),
    ("img", "slow motion", "only changes clips"),      # the picture is not left placed either
    ("img", "reverse it", "only works on clips"),
    ("meme", "boomerang", "only works on clips"),
    ("img", "status", "timeline (0 tracks)"),
    ("meme", "export it", "ready"),
    ("clipmeme", "add jazz music", "which one"),
    ("clipmeme", "add the bruh sound effect", "which sound"),
])
def test_cannot_act_asks_without_pretending(start: str, text: str, expect: str) -> None:
    t = turn(start, text)
    assert t.draft is None and t.events == [] and t.history == 0
    assert t.reply.strip()
    assert expect.lower() in t.reply.lower(), t.reply


def test_partial_success_reports_both() -> None:
    t = turn("meme", "add a vine boom at 1s and slow motion")
    assert t.draft is not None and [e.name for e in t.events] == ["add_sound"]
    assert "vine boom" in t.reply and "only" in t.reply.lower()


def test_small_talk_and_help() -> None:
    for text in ("hi", "hello!", "thanks", "what can you do?", "你好"):
        t = turn("img", text)
        assert t.draft is None and t.events == [] and t.reply


def test_chinese_reply_for_chinese_text() -> None:
    t = turn("img", "在顶部加上“你好”")
    assert "顶部" in t.reply and "字幕" in t.reply


def test_deterministic_and_input_untouched() -> None:
    draft, assets = state("sounds")
    before = draft.dumps()
    a = respond("add a trending sound, vine boom at 3s", draft, assets, FakeHistory())
    b = respond("add a trending sound, vine boom at 3s", draft, assets, FakeHistory())
    assert a.draft is not None and b.draft is not None
    assert a.draft.dumps() == b.draft.dumps() and a.reply == b.reply
    assert draft.dumps() == before


def test_sound_lengths_match_the_sound_library() -> None:
    from meme_desktop.engine.agent.applier.names import SFX_MS
    from meme_desktop.engine.sounds import SFX, sound_duration

    assert set(SFX_MS) == set(SFX)
    for name, ms in SFX_MS.items():
        assert abs(sound_duration(f"sfx:{name}") * 1000 - ms) < 50, name


def test_chain_of_turns_stays_valid() -> None:
    draft, assets = Draft.empty(), [IMG]
    for text in ["use this image", "add 'TOP' on top", "add 'BOTTOM' at the bottom",
                 "make it square", "zoom in", "vine boom at 1s", "phonk at 50%",
                 "make it 7 seconds", "remove the top text", "deep fry it", "fade out the music",
                 "make all captions yellow", "punch in at 3s", "remove all effects"]:
        t = respond(text, draft, assets, FakeHistory())
        assert t.draft is not None, (text, t.reply)
        validate(t.draft)
        draft = t.draft
    j = draft.to_json()
    assert j["d"] == 7000 and j["m"]["width"] == 1080 and j["m"]["height"] == 1080


@pytest.mark.parametrize("start", ["none", "img", "both", "two_clips", "meme", "sounds", "wide"])
def test_every_instruction_in_every_state_is_safe(start: str) -> None:
    """Any instruction in any state: no crash, a reply, a valid draft or no change at all."""
    from tests.unit.test_agent_table import TABLE

    for _, text, _ in TABLE:
        draft, assets = state(start)
        t = respond(text, draft, assets, FakeHistory(Draft.empty()))
        assert t.reply.strip(), text
        if t.draft is None:
            assert t.events == [], text
        else:
            validate(t.draft)
            assert t.events, text
            assert t.draft.to_json() != draft.to_json(), text


@pytest.mark.parametrize(("text", "start", "length", "cut"), [
    ("add a vine boom at 2s", 2000, 1600, False),        # fits inside the 6 s clip
    ("add a vine boom at 5s", 5000, 1000, True),         # cut where the clip ends
    ("add a vine boom at 5.9s", 4400, 1600, False),      # too close to the end: moved back
    ("add a vine boom at 9s", 4400, 1600, False),        # past the end: moved back
])
def test_sound_effects_stay_inside_the_video(text: str, start: int, length: int,
                                              cut: bool) -> None:
    """A sound past the last picture would leave black frames at the end of the export."""
    t = turn("clipmeme", text)
    assert t.draft is not None
    boom = [s for s in t.draft.segments(1) if s.src == "sfx:vine_boom"]
    assert [(s.start, s.duration) for s in boom] == [(start, length)]
    assert t.draft.duration == 6000
    assert ("cut where the video ends" in t.reply) is cut


def test_moving_a_sound_keeps_it_inside_the_video() -> None:
    t = turn("sounds", "move the vine boom to 5.5s")
    assert t.draft is not None and t.draft.duration == 6000
    boom = [s for s in t.draft.segments(1) if s.src == "sfx:vine_boom"]
    assert [(s.start, s.end) for s in boom] == [(5500, 6000)]


@pytest.mark.parametrize("text", [
    "replace the video with fail.mov", "use fail.mov instead", "use fail.mov instead of dance.mp4",
    "swap the clip for fail.mov", "change the clip to fail.mov", "把视频换成 fail.mov",
    "用 fail.mov 替换视频",
])
def test_replacing_the_clip_keeps_the_meme_around_it(text: str) -> None:
    draft, assets = state("clipmeme")
    t = respond(text, draft, [*assets, CLIP2], FakeHistory())
    assert t.draft is not None, t.reply
    assert [(s.src, s.start, s.duration) for s in t.draft.segments(0)] == [("h_clip2", 0, 4000)]
    caption = t.draft.segments(7)[0]
    assert (caption.text, caption.start, caption.end) == ("ME AT 3AM", 0, 4000)  # follows it
    assert "fail.mov" in t.reply and "dance.mp4" in t.reply
    assert [e.name for e in t.events] == ["replace_media"]


def test_replacing_with_a_file_that_was_not_uploaded_asks() -> None:
    draft, assets = state("clipmeme")
    t = respond("replace the video with long.mp4", draft, [*assets, CLIP2], FakeHistory())
    assert t.draft is None and t.events == []
    assert "can't find" in t.reply
