"""The arithmetic behind editing by hand, as tables: snapping, moving, trimming (a clip's
in-point, its source's length, the shortest segment), the volume handle, the operations each
gesture and key sends; what the preview video is rendered from; what Undo / Redo say; the
history call's answer; waveform peaks."""

from __future__ import annotations

import io
import wave

import numpy as np
import pytest

from meme_desktop.api.history import HistoryStep, media_path
from meme_desktop.api.models import Asset, History, SessionState
from meme_desktop.draft import AudioSegment, Draft, TextSegment, VideoSegment
from meme_desktop.draft import ops as O
from meme_desktop.ui.caption_overlay import BLANK, baked, video_draft, video_json
from meme_desktop.ui.media_art import Peaks, decode_peaks
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_gestures import (
    MIN_MS,
    Grab,
    delete_ops,
    drag_ops,
    drag_to,
    duplicate_ops,
    nudge_ops,
    snap,
    snap_points,
    split_ops,
    to_playhead_ops,
)

CAP = TextSegment(id="c1", start=1000, duration=2000, text="HI")
CLIP = VideoSegment(id="v1", start=0, duration=3000, src="clip", inpoint=500)
FAST = VideoSegment(id="v2", start=3000, duration=1000, src="clip", inpoint=0, speed=2.0)
BOOM = AudioSegment(id="a1", start=2000, duration=900, src="sfx:vine_boom", volume=100)


@pytest.mark.parametrize(("value", "points", "tol", "want"), [
    (1480, [0, 1500, 3000], 80, 1500),
    (1400, [0, 1500, 3000], 80, None),
    (40, [0, 90], 50, 0),            # the nearest wins
    (60, [0, 90], 50, 90),
    (1500, [], 80, None),
])
def test_snap(value: int, points: list[int], tol: int, want: int | None) -> None:
    assert snap(value, points, tol) == want


def test_snap_points_are_zero_the_playhead_and_other_edges() -> None:
    assert snap_points([CAP, CLIP, BOOM], 1700, {"c1"}) == [0, 1700, 2000, 2900, 3000]


@pytest.mark.parametrize(("kind", "delta", "free", "want"), [
    ("move", 480, False, (1500, 3500, 500, 1500)),   # start 1480 snaps to the playhead
    ("move", 480, True, (1480, 3480, 480, None)),    # the free key: no snapping
    ("move", -5000, True, (0, 2000, -1000, None)),   # nothing before 0
    ("move", 930, False, (2000, 4000, 1000, 2000)),  # start 1930 snaps to the boom
    ("left", 300, True, (1300, 3000, 0, None)),
    ("left", 1990, True, (3000 - MIN_MS, 3000, 0, None)),  # never shorter than MIN_MS
    ("left", -5000, True, (0, 3000, 0, None)),
    ("right", 460, False, (1000, 3460, 0, None)),   # 3460 is not near anything
    ("right", -80, False, (1000, 2900, 0, 2900)),   # 2920 snaps to the boom's end
    ("right", -5000, True, (1000, 1000 + MIN_MS, 0, None)),
])
def test_drag_to(kind: str, delta: int, free: bool,
                 want: tuple[int, int, int, int | None]) -> None:
    grab = Grab(kind, [CAP])  # type: ignore[arg-type]
    points = snap_points([CAP, CLIP, BOOM], 1500, {"c1"})
    land = drag_to(grab, delta, points, 80, free)
    assert (land.start, land.end, land.delta, land.guide) == want


def test_a_clip_trims_within_its_source() -> None:
    left = Grab("left", [CLIP], has_inpoint=True, source_ms=4000)
    assert drag_to(left, -2000, [], 50, True).start == 0  # 500 ms of source before: to 0
    grab = Grab("left", [VideoSegment(id="v", start=1000, duration=2000, src="s", inpoint=300)],
                has_inpoint=True, source_ms=4000)
    assert drag_to(grab, -900, [], 50, True).start == 700  # only 300 ms before it
    right = Grab("right", [CLIP], has_inpoint=True, source_ms=4000)
    assert drag_to(right, 5000, [], 50, True).end == 3500  # 4000 - 500 of source left
    fast = Grab("right", [FAST], has_inpoint=True, source_ms=4000)
    assert drag_to(fast, 5000, [], 50, True).end == 5000  # 4 s of source at 2x = 2 s
    still = Grab("right", [VideoSegment(id="p", start=0, duration=1000, src="pic")])
    assert drag_to(still, 9000, [], 50, True).end == 10000  # a picture can last any time


def test_drag_ops_one_list_per_gesture() -> None:
    grab = Grab("left", [CLIP], has_inpoint=True, source_ms=4000)
    ops, label = drag_ops(grab, drag_to(grab, 400, [], 50, True))
    assert ops == [O.TrimSegment(id="v1", st=400, d=2600, inpoint=900)] and label == "trim clip"
    fast = Grab("left", [FAST], has_inpoint=True, source_ms=4000)
    ops, _ = drag_ops(fast, drag_to(fast, 200, [], 50, True))
    assert ops == [O.TrimSegment(id="v2", st=3200, d=800, inpoint=400)]  # 2x: 400 of source
    cap = Grab("left", [CAP])
    assert drag_ops(cap, drag_to(cap, 100, [], 50, True))[0] == [
        O.TrimSegment(id="c1", st=1100, d=1900)]  # a caption has no in-point
    right = Grab("right", [CAP])
    assert drag_ops(right, drag_to(right, 500, [], 50, True)) == (
        [O.TrimSegment(id="c1", d=2500)], "trim caption")
    both = Grab("move", [CAP, BOOM])
    ops, label = drag_ops(both, drag_to(both, 300, [], 50, True))
    assert ops == [O.MoveSegment(id="a1", st=2300), O.MoveSegment(id="c1", st=1300)]
    assert label == "move 2 segments"
    assert drag_ops(both, drag_to(both, 0, [], 50, True)) == ([], "")  # a click sends nothing
    vol = Grab("volume", [BOOM])
    assert drag_ops(vol, drag_to(vol, 0, [], 50, True, volume=150)) == (
        [O.SetVolume(id="a1", vol=150)], "set sound volume")
    assert drag_ops(vol, drag_to(vol, 0, [], 50, True, volume=100)) == ([], "")


def test_keyboard_commands() -> None:
    assert split_ops([CAP, CLIP, BOOM], 2500) == (
        [O.SplitSegment(id="c1", at=2500), O.SplitSegment(id="v1", at=2500),
         O.SplitSegment(id="a1", at=2500)], "split 3 segments")
    assert split_ops([CAP], 1010) == ([], "")  # at its very edge: nothing to split
    assert duplicate_ops([BOOM]) == ([O.DuplicateSegment(id="a1")], "duplicate sound")
    assert delete_ops([CAP, BOOM]) == ([O.DeleteSegment(id="c1"), O.DeleteSegment(id="a1")],
                                       "delete 2 segments")
    assert nudge_ops([CAP], -100) == ([O.MoveSegment(id="c1", st=900)], "move caption")
    assert nudge_ops([CLIP, CAP], -1000) == ([], "")  # the clip is at 0 already
    assert nudge_ops([CAP, BOOM], 1000)[0] == [O.MoveSegment(id="a1", st=3000),
                                              O.MoveSegment(id="c1", st=2000)]
    assert to_playhead_ops([BOOM], 500) == ([O.MoveSegment(id="a1", st=500)], "move sound")
    assert delete_ops([]) == ([], "")


def _draft(*text: dict, video_ms: int = 2000) -> Draft:
    return Draft.from_json({"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "t0", "tt": 0, "sg": [{"id": "p", "src": "pic", "st": 0, "d": video_ms}]},
        {"id": "t1", "tt": 7, "sg": list(text)}]})


def test_the_preview_video_leaves_out_the_captions_the_preview_paints() -> None:
    top = {"id": "a", "txt": "TOP", "st": 0, "d": 2000}
    bar = {"id": "b", "txt": "nobody:", "st": 0, "d": 1000, "sty": "bar", "pos": "top"}
    placed_bar = {**bar, "id": "c", "xy": [0.5, 0.5]}
    draft = _draft(top, bar, placed_bar)
    assert [baked(s) for s in draft.segments(7)] == [False, True, False]  # type: ignore[arg-type]
    raw = video_json(draft)
    assert [s["id"] for t in raw["t"] if t["tt"] == 7 for s in t["sg"]] == ["b"]
    assert draft.to_json()["t"][1]["sg"][0]["txt"] == "TOP"  # the draft itself is untouched
    longer = _draft({"id": "a", "txt": "LATE", "st": 1000, "d": 4000})
    made = video_draft(longer)  # a caption past the video: a blank keeps the length
    assert made.duration == longer.duration == 5000
    blank = made.segments(7)[0]
    assert isinstance(blank, TextSegment) and blank.text == BLANK and blank.text.strip()
    assert video_json(_draft(top)) == video_json(_draft({**top, "txt": "RETYPED"}))
    assert video_json(_draft(top)) != video_json(_draft(top, video_ms=3000))


def test_undo_and_redo_say_what_and_grey_out(qapp: object) -> None:
    model = SessionModel()
    assert not model.can_step(-1)  # nothing attached
    model.set_attached(True, history_known=True)
    state = SessionState("s", _draft(), [Asset("pic", "pic.png", "image")],
                         history=History(3, True, False, "move caption", ""))
    seen: list[object] = []
    model.history_changed.connect(seen.append)
    model.set_state(state)
    assert seen and model.can_step(-1) and not model.can_step(1)
    assert model.step_tip(-1) == "Undo: move caption"
    assert model.step_tip(1) == "Redo the last undone edit"
    model.set_attached(True, history_known=False)  # the cloud: always offered, no label
    assert model.can_step(1) and model.step_tip(-1) == "Undo the last edit"
    model.select(["p", "gone"])
    model.set_state(SessionState("s", _draft(), []))
    assert model.selection == ("p",)  # what is gone is no longer selected
    assert model.kind_of("pic") == "" and model.source_ms("pic") is None


def test_history_answer_and_media_paths() -> None:
    step = HistoryStep.parse({"state": {"state": {"draft": {}}, "history": {
        "version": 2, "can_undo": True}}, "moved": True, "label": "move caption"}, "s")
    assert step.moved and step.label == "move caption" and step.state.history.version == 2
    assert HistoryStep.parse({}).moved is False
    assert media_path("sfx:vine_boom") == "/api/sounds/sfx/vine_boom"
    assert media_path("music:lofi") == "/api/sounds/music/lofi"
    assert media_path("ab12") == "/media/ab12"


def test_peaks_of_a_sound_and_their_window() -> None:
    rate = 8000
    t = np.arange(rate) / rate
    tone = (np.sin(2 * np.pi * 440 * t) * np.where(t < 0.5, 0.8, 0.2) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(tone.tobytes())
    peaks = decode_peaks(buf.getvalue())
    assert 95 <= peaks.values.size <= 101 and peaks.values.max() == 1.0
    assert peaks.values[10:40].mean() > 0.9 and 0.15 < peaks.values[60:90].mean() < 0.35
    window = Peaks(np.linspace(0, 1, 100, dtype=np.float32)).window(500, 1000, 10)
    assert window.size == 10 and window[0] == pytest.approx(50 / 99) and window[-1] == 0.0
    looped = Peaks(np.linspace(0, 1, 100, dtype=np.float32), loop=True).window(500, 1000, 10)
    assert looped[-1] == pytest.approx(40 / 99)  # music starts again: 1.4 s is 0.4 s in
