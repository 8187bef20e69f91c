"""The applier: typed operations on a draft, by segment id, all or nothing, one sentence each.

Includes the two bugs of the English-sentence gestures: captions that read the same and sounds
with the same name are edited by id, so the one meant is the one that changes."""

from __future__ import annotations

from typing import Any

import pytest

from meme_desktop.draft import ops as O
from meme_desktop.draft import validate
from meme_desktop.engine.agent.applier import apply_ops, say
from meme_desktop.engine.agent.types import Problem
from tests.helpers.ops_examples import ASSETS, EXAMPLES, sample


def run(*raw: dict[str, Any]):  # noqa: ANN201
    return apply_ops(sample(), O.ops_from_json(list(raw)), ASSETS)


def seg(j: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for t in j["t"] for s in t["sg"] if s["id"] == sid)


def ids(j: dict[str, Any], tt: int) -> list[str]:
    return [s["id"] for t in j["t"] if t["tt"] == tt for s in t["sg"]]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_operation_applies_with_a_sentence_in_both_languages(name: str) -> None:
    before = sample().to_json()
    applied = run(EXAMPLES[name])
    validate(applied.draft)
    assert applied.draft.to_json() != before, name
    change = applied.changes[0]
    assert change.en.endswith(".") and change.zh.endswith("。"), change
    assert sample().to_json() == before  # the input draft never changes


def test_deleting_the_top_of_two_identical_captions_keeps_the_bottom() -> None:
    j = run({"op": "delete_segment", "id": "s6"}).draft.to_json()
    texts = [(s["txt"], s["pos"]) for t in j["t"] if t["tt"] == 7 for s in t["sg"]]
    assert texts == [("SAME", "bottom")]


def test_moving_the_first_of_two_vine_booms_leaves_the_other() -> None:
    j = run({"op": "move_segment", "id": "s3", "st": 5000}).draft.to_json()
    assert (seg(j, "s3")["st"], seg(j, "s4")["st"]) == (5000, 3000)


def test_moving_a_caption_to_the_playhead_moves_it_and_adds_nothing() -> None:
    applied = run({"op": "move_segment", "id": "s7", "st": 2970})
    j = applied.draft.to_json()
    assert seg(j, "s7")["st"] == 2970 and len(ids(j, 7)) == 2
    assert applied.changes[0].en == 'Moved the caption "SAME" to 2.97–13.97 s.'


def test_moving_a_clip_changes_the_order() -> None:
    j = run({"op": "move_segment", "id": "s1", "st": 9000}).draft.to_json()
    assert ids(j, 0) == ["s2", "s1"]
    assert (seg(j, "s2")["st"], seg(j, "s1")["st"]) == (0, 5000)


def test_a_sound_effect_stays_inside_the_video() -> None:
    j = run({"op": "move_segment", "id": "s4", "st": 10500}).draft.to_json()
    assert seg(j, "s4")["st"] + seg(j, "s4")["d"] <= 11000


def test_trimming_the_left_edge_of_a_clip_moves_its_in_point() -> None:
    j = run({"op": "trim_segment", "id": "s1", "in": 1500, "d": 4500}).draft.to_json()
    assert (seg(j, "s1")["in"], seg(j, "s1")["d"], seg(j, "s2")["st"]) == (1500, 4500, 4500)


def test_a_clip_cannot_be_trimmed_past_its_source() -> None:
    applied = run({"op": "trim_segment", "id": "s1", "in": 2000, "d": 9000})
    assert seg(applied.draft.to_json(), "s1")["d"] == 4000
    assert "only 6 s long" in applied.changes[0].en


def test_split_then_edit_the_new_part_in_one_list() -> None:
    applied = run({"op": "split_segment", "id": "s1", "at": 2000},
                  {"op": "set_speed", "id": "s8", "sp": 2.0})
    j = applied.draft.to_json()
    assert (seg(j, "s1")["d"], seg(j, "s8")["in"], seg(j, "s8")["sp"]) == (2000, 2000, 2.0)
    assert seg(j, "s8")["d"] == 2000  # 4 s of source at 2x


def test_all_or_nothing_names_the_failing_operation() -> None:
    draft = sample()
    ops = O.ops_from_json([{"op": "delete_segment", "id": "s6"},
                           {"op": "move_segment", "id": "s99", "st": 0}])
    with pytest.raises(Problem) as info:
        apply_ops(draft, ops, ASSETS)
    assert (info.value.index, info.value.op) == (1, "move_segment")
    assert "s99" in info.value.en
    assert len(draft.segments(7)) == 2


@pytest.mark.parametrize(("raw", "words"), [
    ({"op": "set_caption", "id": "s3", "txt": "X"}, "is not a caption"),
    ({"op": "set_speed", "id": "s2", "sp": 2.0}, "Speed only changes clips"),
    ({"op": "reorder", "ids": ["s1"]}, "every picture and clip"),
    ({"op": "split_segment", "id": "s1", "at": 9000}, "split it at a time inside"),
    ({"op": "set_canvas", "width": 1081, "height": 1920}, "must be even"),
    ({"op": "add_media", "asset": "nope"}, "can't find that upload"),
    ({"op": "set_volume", "id": "s6", "vol": 10}, "no volume"),
])
def test_refusals_are_sentences(raw: dict[str, Any], words: str) -> None:
    with pytest.raises(Problem) as info:
        run(raw)
    assert words in info.value.en and info.value.zh


def test_consecutive_changes_of_a_kind_are_said_once() -> None:
    applied = run({"op": "set_caption", "id": "s6", "col": "#FF0000"},
                  {"op": "set_caption", "id": "s7", "col": "#FF0000"},
                  {"op": "add_sound", "name": "ding", "st": 1000},
                  {"op": "add_sound", "name": "ding", "st": 2000})
    assert say(applied.changes, False) == [
        'The captions "SAME" and "SAME" are now red.', "Added a ding at 1 and 2 s."]
    assert len(say(applied.changes, True)) == 2


def test_place_caption_keeps_pos_for_reading_and_null_clears_it() -> None:
    j = run({"op": "place_caption", "id": "s6", "xy": [0.2, 0.7]}).draft.to_json()
    assert seg(j, "s6")["xy"] == [0.2, 0.7] and seg(j, "s6")["pos"] == "top"
    back = run({"op": "place_caption", "id": "s6", "xy": [0.2, 0.7]},
               {"op": "place_caption", "id": "s6", "xy": None}).draft.to_json()
    assert "xy" not in seg(back, "s6")


def test_an_uploaded_sound_with_a_start_is_a_sound_not_music() -> None:
    j = run({"op": "add_media", "asset": "h_song", "st": 2000}).draft.to_json()
    new = [s for t in j["t"] if t["n"] == "Sound" for s in t["sg"] if s["src"] == "h_song"]
    assert new and new[0]["st"] == 2000 and new[0]["d"] == 4000
    music = run({"op": "add_media", "asset": "h_song"}).draft.to_json()
    assert [s["src"] for t in music["t"] if t["n"] == "Music" for s in t["sg"]] == ["h_song"]


def test_a_caption_added_under_one_of_several_lines_names_it_on_one_line() -> None:
    applied = run({"op": "add_caption", "txt": "nobody:\nme: thinking", "pos": "top"},
                  {"op": "add_caption", "txt": "when the code compiles", "pos": "top"})
    said = applied.changes[1]
    assert '(below "nobody: / me: thinking")' in said.en and "\n" not in said.en
    assert "“nobody: / me: thinking”" in said.zh


def test_a_caption_put_somewhere_by_hand_is_not_one_a_new_caption_goes_below() -> None:
    stacked = run({"op": "add_caption", "txt": "on top", "pos": "top"})
    assert '(below "SAME")' in stacked.changes[0].en
    applied = run({"op": "place_caption", "id": "s6", "xy": [0.5, 0.5]},
                  {"op": "add_caption", "txt": "on top", "pos": "top"})
    assert "below" not in applied.changes[1].en and "下方" not in applied.changes[1].zh
