"""The draft contract of DESIGN.md section 3: round trips, validation, derived values, summary."""

from __future__ import annotations

import json

import pytest

from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Draft,
    DraftError,
    TextSegment,
    VideoSegment,
    describe_changes,
    timeline_summary,
)

DESIGN_EXAMPLE = {
    "v": 1, "d": 6000,
    "m": {"title": "monday", "width": 1080, "height": 1920, "fps": 30, "bg": "#000000"},
    "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [
            {"id": "s1", "src": "abc123", "st": 0, "d": 6000, "in": 0, "sp": 1.0, "rev": False,
             "fit": "blur", "vol": 100, "fx": [], "zm": [1.0, 1.15]}]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            {"id": "s2", "src": "sfx:vine_boom", "st": 2000, "d": 900, "in": 0, "vol": 100,
             "fi": 0, "fo": 0}]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "s3", "txt": "WHEN THE CODE COMPILES", "st": 0, "d": 6000, "pos": "top",
             "sty": "classic", "col": "#FFFFFF", "sz": 1.0}]},
    ],
}


def _example() -> dict:
    return json.loads(json.dumps(DESIGN_EXAMPLE))


def test_design_example_round_trips_exactly() -> None:
    draft = Draft.from_json(_example())
    assert draft.to_json() == DESIGN_EXAMPLE
    assert Draft.loads(draft.dumps()).to_json() == DESIGN_EXAMPLE


def test_typed_segments_and_readable_names() -> None:
    draft = Draft.from_json(_example())
    video, sound, caption = (t.segments[0] for t in draft.tracks)
    assert isinstance(video, VideoSegment) and video.fit == "blur" and video.zoom == [1.0, 1.15]
    assert isinstance(sound, AudioSegment) and sound.builtin == ("sfx", "vine_boom")
    assert isinstance(caption, TextSegment) and caption.text == "WHEN THE CODE COMPILES"
    assert sound.end == 2900


def test_unknown_keys_are_kept_at_every_level() -> None:
    raw = _example()
    raw["future"] = {"a": 1}
    raw["m"]["lut"] = "warm"
    raw["t"][0]["locked"] = True
    raw["t"][0]["sg"][0]["mask"] = [1, 2]
    out = Draft.from_json(raw).to_json()
    assert out["future"] == {"a": 1}
    assert out["m"]["lut"] == "warm"
    assert out["t"][0]["locked"] is True
    assert out["t"][0]["sg"][0]["mask"] == [1, 2]


def test_duration_is_derived_from_latest_end() -> None:
    raw = _example()
    raw["d"] = 1  # a stale total is corrected
    draft = Draft.from_json(raw)
    assert draft.duration == 6000
    draft.tracks[1].segments[0].start = 7000
    assert draft.to_json()["d"] == 7900


def test_defaults_fill_missing_keys() -> None:
    draft = Draft.from_json({"t": [{"id": "v1", "tt": 0, "sg": [{"id": "a", "src": "x", "d": 500}]}]})
    seg = draft.tracks[0].segments[0]
    assert (seg.start, seg.speed, seg.fit, seg.volume) == (0, 1.0, "cover", 100)
    assert (draft.meta.width, draft.meta.height, draft.meta.fps) == (1080, 1920, 30)


@pytest.mark.parametrize(
    ("path", "value", "where", "key"),
    [
        (("t", 0, "sg", 0, "fit"), "stretch", "track 'v1', segment 's1'", "fit"),
        (("t", 0, "sg", 0, "sp"), 0, "track 'v1', segment 's1'", "sp"),
        (("t", 0, "sg", 0, "zm"), [1.0], "track 'v1', segment 's1'", "zm"),
        (("t", 1, "sg", 0, "vol"), -5, "track 'a1', segment 's2'", "vol"),
        (("t", 1, "sg", 0, "d"), 0, "track 'a1', segment 's2'", "d"),
        (("t", 2, "sg", 0, "pos"), "left", "track 'x1', segment 's3'", "pos"),
        (("t", 2, "sg", 0, "col"), "white", "track 'x1', segment 's3'", "col"),
        (("t", 2, "sg", 0, "txt"), "   ", "track 'x1', segment 's3'", "txt"),
        (("t", 2, "sg", 0, "st"), -1, "track 'x1', segment 's3'", "st"),
        (("m", "width"), 1081, "m", "width"),
        (("m", "fps"), 0, "m", "fps"),
        (("t", 2, "tt"), 5, "track 'x1'", "tt"),
    ],
)
def test_validation_names_track_segment_and_key(path, value, where, key) -> None:
    raw = _example()
    node = raw
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    with pytest.raises(DraftError) as info:
        Draft.from_json(raw)
    assert info.value.where == where
    assert info.value.key == key
    assert where in str(info.value)


def test_duplicate_segment_ids_are_refused() -> None:
    raw = _example()
    raw["t"][2]["sg"][0]["id"] = "s1"
    with pytest.raises(DraftError, match="same id"):
        Draft.from_json(raw)


def test_bad_json_text_is_a_draft_error() -> None:
    with pytest.raises(DraftError, match="not valid JSON"):
        Draft.loads("{not json")
    with pytest.raises(DraftError, match="not UTF-8"):       # bytes that are not text
        Draft.from_json(b"\x80abc")
    with pytest.raises(DraftError):
        Draft.loads("[1, 2]")


def test_track_for_creates_in_paint_order_and_new_ids_are_unique() -> None:
    draft = Draft.empty()
    text = draft.track_for(TT_TEXT)
    video = draft.track_for(TT_VIDEO)
    audio = draft.track_for(TT_AUDIO)
    assert [t.type for t in draft.tracks] == [TT_VIDEO, TT_AUDIO, TT_TEXT]
    assert draft.track_for(TT_TEXT) is text
    assert len({text.id, video.id, audio.id}) == 3
    text.segments.append(TextSegment(id=draft.new_id(), text="hi", duration=1000))
    assert draft.new_id() != text.segments[0].id
    assert draft.is_empty is False
    assert Draft.empty().is_empty is True


def test_timeline_summary_matches_design_format() -> None:
    draft = Draft.from_json(_example())
    assert timeline_summary(draft, {"abc123": "cat.jpg"}) == (
        'Timeline (3 tracks): 1. Video: cat.jpg (0-6s) 2. Sound: vine boom (2-2.9s, 100%) '
        '3. Caption: "WHEN THE CODE COMPILES" (0-6s)'
    )
    assert timeline_summary(Draft.empty()) == "Timeline (0 tracks): empty"


def test_describe_changes_lists_added_changed_removed() -> None:
    before = Draft.from_json(_example())
    after = before.copy()
    after.meta.width, after.meta.height = 1080, 1080
    after.tracks[2].segments[0].text = "NEW TEXT"
    del after.tracks[1].segments[0]
    after.tracks[1].segments.append(AudioSegment(id="s9", src="music:lofi", duration=6000, volume=35))
    changes = describe_changes(before, after)
    assert "Canvas is now 1080x1080." in changes
    assert 'Changed "NEW TEXT" (0-6s).' in changes
    assert "Removed vine boom." in changes
    assert "Added lofi (0-6s, 35%)." in changes


# -- pass-through: what the service sent goes back exactly (issue 16, point 4) -------------

SERVICE_DRAFT = {
    "d": 8000, "m": {"width": 1080, "height": 1920, "ratio": "9:16"},
    "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": "h1", "st": 0, "d": 5000,
                                      "trans": {"in": "fade"}}]},
        {"id": "k1", "tt": 9, "n": "Stickers", "locked": True, "sg": [
            {"id": "k1a", "st": 1000, "d": 7000, "sticker": "party_parrot", "xy": [0.2, 0.8]}]},
        {"id": "x1", "tt": 7, "sg": [{"id": "s3", "txt": "HI", "st": 0, "d": 3000}]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [{"id": "s2", "src": "sfx:ding", "st": 0,
                                                    "d": 500}]},
    ],
    "effects_v2": [{"kind": "glow"}],
}


def _service() -> dict:
    return json.loads(json.dumps(SERVICE_DRAFT))


def test_a_service_draft_goes_back_exactly_as_it_came() -> None:
    draft = Draft.from_json(_service(), validate=False)
    assert draft.to_json() == SERVICE_DRAFT
    assert Draft.loads(draft.dumps(), validate=False).to_json() == SERVICE_DRAFT
    assert draft.copy().to_json() == SERVICE_DRAFT
    # the typed classes still give their defaults to whoever reads them (renderer, agent)
    video = draft.tracks[0].segments[0]
    assert isinstance(video, VideoSegment)
    assert (video.speed, video.reverse, video.volume, video.effects, video.zoom, video.fit) == \
        (1.0, False, 100, [], [1.0, 1.0], "cover")
    caption = draft.tracks[2].segments[0]
    assert isinstance(caption, TextSegment) and (caption.pos, caption.style) == ("top", "classic")


def test_an_edited_key_is_written_and_a_key_set_back_to_its_default_is_not() -> None:
    draft = Draft.from_json(_service(), validate=False)
    video = draft.tracks[0].segments[0]
    assert isinstance(video, VideoSegment)
    video.speed = 2.0
    video.effects.append("sepia")
    out = draft.to_json()["t"][0]["sg"][0]
    assert out["sp"] == 2.0 and out["fx"] == ["sepia"] and "rev" not in out and "zm" not in out
    video.speed = 1.0
    video.effects.clear()
    assert draft.to_json() == SERVICE_DRAFT


def test_a_draft_made_in_code_writes_every_key() -> None:
    draft = Draft.empty()
    draft.track_for(TT_VIDEO).segments.append(VideoSegment(id="s1", src="h", duration=1000))
    seg = draft.to_json()["t"][0]["sg"][0]
    assert set(seg) == {"id", "st", "d", "src", "in", "sp", "rev", "fit", "vol", "fx", "zm"}
    assert set(draft.to_json()) == {"v", "d", "m", "t"}


def test_an_unknown_track_type_is_kept_shown_and_refused_only_by_validation() -> None:
    draft = Draft.from_json(_service(), validate=False)
    assert not draft.is_empty and draft.duration == 8000
    (stickers,) = draft.unknown_tracks
    assert stickers.type == 9 and stickers.segments[0].extra["sticker"] == "party_parrot"
    assert timeline_summary(draft, {"h1": "cat.jpg"}) == (
        "Timeline (4 tracks): 1. Video: cat.jpg (0-5s) 2. Stickers: k1a (1-8s) "
        '3. Caption: "HI" (0-3s) 4. Sound: ding (0-0.5s, 100%)')
    with pytest.raises(DraftError) as info:
        Draft.from_json(_service())
    assert (info.value.where, info.value.key) == ("track 'k1'", "tt")
    assert "9" in str(info.value)


def test_the_total_length_is_kept_while_the_timeline_keeps_its_length() -> None:
    raw = _service()
    raw["d"] = 7999  # the service counts it its own way
    draft = Draft.from_json(raw, validate=False)
    assert draft.to_json()["d"] == 7999 and draft.duration == 8000
    draft.tracks[1].segments[0].duration = 9000
    assert draft.to_json()["d"] == 10000


@pytest.mark.parametrize(("patch", "where", "key"), [
    ({"t": [{"id": "v1", "tt": 0, "sg": []}, "junk"]}, "track 2", ""),
    ({"t": [{"id": "v1", "tt": 0, "sg": [None, {"id": "a", "src": "h", "d": 5}]}]},
     "track 'v1', segment 1", ""),
    ({"t": [{"id": "v1", "tt": 0, "sg": "nope"}]}, "track 'v1'", "sg"),
    ({"m": "square"}, "m", ""),
    ({"t": {"v1": {}}}, "draft", "t"),
])
def test_parts_the_model_cannot_read_are_kept_and_refused_by_validation(
        patch: dict, where: str, key: str) -> None:
    raw = {**_service(), **patch}
    assert Draft.from_json(raw, validate=False).to_json() == raw
    with pytest.raises(DraftError) as info:
        Draft.from_json(raw)
    assert (info.value.where, info.value.key) == (where, key)


def test_a_move_is_described_as_a_move() -> None:
    before = Draft.from_json(_example())
    after = before.copy()
    after.tracks[1].segments[0].start = 3000
    assert describe_changes(before, after) == ["Moved vine boom to 3s."]


def test_a_draft_with_only_an_unknown_track_is_ready_for_export() -> None:
    draft = Draft.from_json({"t": [SERVICE_DRAFT["t"][1]]}, validate=False)
    assert not draft.is_empty and draft.duration == 8000
    assert timeline_summary(draft) == "Timeline (1 track): 1. Stickers: k1a (1-8s)"


def test_the_timeline_summary_in_chinese() -> None:
    from meme_desktop.draft import timeline_summary

    draft = Draft.from_json({"v": 1, "m": {}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": "h", "st": 0, "d": 5000, "sp": 2.0}]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            {"id": "s2", "src": "sfx:vine_boom", "st": 2000, "d": 1600, "vol": 80}]},
        {"id": "x1", "tt": 7, "sg": [{"id": "s3", "txt": "你好", "st": 0, "d": 5000}]}]})
    assert timeline_summary(draft, {"h": "cat.jpg"}, zh=True) == (
        "时间线（3 条轨道）：1. 视频：cat.jpg（0-5秒，2倍速） 2. 音效：vine boom（2-3.6秒，80%） "
        "3. 字幕：\"你好\"（0-5秒）")
    assert timeline_summary(Draft.empty(), zh=True) == "时间线（0 条轨道）：空"
