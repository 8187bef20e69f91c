"""What a person clicking through the window noticed, kept fixed: starters that cannot apply
look it, every focused control shows its ring, a narrow chat or media bin never cuts its
contents off, a caption of several lines reads on one line on the timeline, a dragged caption
is not said to be "at the top", and the preview stacks captions that share a place as the
export does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from meme_desktop.api.models import Asset, SessionState
from meme_desktop.assistant.events import Chip
from meme_desktop.caption_geometry import caption_xy
from meme_desktop.draft import Draft, TextSegment, segment_label
from meme_desktop.engine.render.captions import CaptionSpec, Placed
from meme_desktop.engine.render.job import stack
from meme_desktop.ui import theme
from meme_desktop.ui.caption_overlay import stack_offset
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.media_bin import MediaBin
from meme_desktop.ui.media_items import BinItem
from meme_desktop.ui.preview_canvas import PreviewCanvas
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_items import segment_details
from meme_desktop.ui.track_view import TrackView

TWO_LINES = "nobody:\nmy cat: exists"


def styled(qapp: Any) -> None:
    theme.ThemeWatcher(qapp, force_dark=False)  # the app's stylesheet, light


def test_a_starter_that_cannot_apply_looks_disabled(qapp: Any, qtbot: Any) -> None:
    styled(qapp)
    enabled, disabled = QPushButton("export 1080p MP4"), QPushButton("export 1080p MP4")
    for button in (enabled, disabled):
        button.setObjectName("chip")
        qtbot.addWidget(button)
        button.show()
    disabled.setEnabled(False)
    colours = [{b.grab().toImage().pixelColor(x, y).name()
                for x in range(b.width()) for y in range(b.height())} for b in (enabled, disabled)]
    chip_text = theme.current_palette()["chipText"]
    assert chip_text in colours[0] and chip_text not in colours[1]


def test_the_dismiss_button_of_a_refused_file_shows_its_focus_ring(qapp: Any,
                                                                   qtbot: Any) -> None:
    styled(qapp)
    item = BinItem("notes.txt")
    qtbot.addWidget(item)
    item.set_failed(".txt is not supported. Use MP4, PNG or MP3.")
    item.show()
    qtbot.waitExposed(item)
    item.activateWindow()
    plain = item.dismiss.grab().toImage()
    item.dismiss.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(item.dismiss.hasFocus)
    ring = item.dismiss.grab().toImage()
    focus = theme.current_palette()["focus"]
    assert _edge_has(ring, focus) and not _edge_has(plain, focus)


def _edge_has(image: QImage, colour: str) -> bool:
    y = image.height() // 2
    return any(image.pixelColor(x, y).name() == colour for x in range(3))


def test_a_narrow_chat_never_cuts_its_messages_off(qtbot: Any) -> None:
    chat = ChatPanel()
    qtbot.addWidget(chat)
    chat.resize(460, 600)
    chat.show()
    qtbot.waitExposed(chat)
    chat.add_user("put 'when the code compiles' on top, add a vine boom at 2s, make it vertical")
    chat.begin_reply()
    chat.append_reply("Added the caption at the top. Added a vine boom at 2 s.")
    chat.add_choices([Chip("add lofi music at 40%", "add lofi music at 40%", True, "")])
    chat.resize(240, 600)  # the chat at the window's smallest
    scroll = chat._scroll
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    for bubble in chat.bubbles:
        assert bubble.mapTo(scroll.viewport(), bubble.rect().topRight()).x() \
            < scroll.viewport().width()


def test_media_rows_follow_a_narrower_bin(qtbot: Any) -> None:
    bin_ = MediaBin(SessionModel())
    qtbot.addWidget(bin_)
    bin_.resize(300, 500)
    bin_.show()
    qtbot.waitExposed(bin_)
    bin_.add_asset(Asset("h1", "a-clip-with-a-long-name.mp4", "video", width=640, height=360,
                         duration=4.0))
    bin_.resize(180, 500)  # the bin at the window's smallest
    viewport = bin_.list.viewport()
    qtbot.waitUntil(lambda: all(i.width() <= viewport.width() for i in bin_.items.values()))
    item = next(iter(bin_.items.values()))
    assert item.name_label.text().count("…") == 1  # the name is elided, not cut


CAPTIONS = {
    "v": 1, "m": {"title": "p", "width": 1080, "height": 1920, "fps": 30},
    "t": [{"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": "abc", "st": 0, "d": 5000}]},
          {"id": "x1", "tt": 7, "sg": [
              {"id": "c1", "txt": TWO_LINES, "st": 0, "d": 5000, "pos": "top", "sty": "bar"},
              {"id": "c2", "txt": "when the code compiles", "st": 0, "d": 5000, "pos": "top"},
              {"id": "c3", "txt": "moved", "st": 0, "d": 5000, "pos": "top",
               "xy": [0.5, 0.5]}]}],
}


def test_a_caption_of_several_lines_reads_on_one_line(qtbot: Any) -> None:
    draft = Draft.from_json(CAPTIONS)
    two = draft.find_segment("c1")[1]  # type: ignore[index]
    assert isinstance(two, TextSegment)
    assert segment_label(two) == '"nobody: / my cat: exists"'
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    model.set_state(SessionState("s", draft, task_name="p"))
    block = view.items_by_id["c1"]
    assert block.label == "nobody: / my cat: exists"
    track = draft.tracks[1]
    assert "\n" not in segment_details(two, track, {})
    moved = draft.find_segment("c3")[1]  # type: ignore[index]
    assert isinstance(moved, TextSegment)
    assert "at the top" not in segment_details(moved, track, {})
    assert "where you put it" in segment_details(moved, track, {})


def test_the_preview_stacks_captions_at_one_place_as_the_export_does(qtbot: Any) -> None:
    draft = Draft.from_json(CAPTIONS)
    model = SessionModel()
    canvas = PreviewCanvas(model)
    qtbot.addWidget(canvas)
    canvas.resize(400, 600)
    model.set_state(SessionState("s", draft, task_name="p"))
    canvas.set_time(1000)
    segs = model.captions()
    for seg in segs:  # no asyncio loop here: the first call draws the pictures
        canvas.caption_box(seg)
    boxes = {}
    for seg in segs:
        found = canvas.caption_box(seg)
        assert found is not None
        boxes[seg.id] = found[0]
    # the renderer's own stacking of the same pictures
    w, h = canvas.canvas_size()
    placed = []
    for seg in segs:
        box = boxes[seg.id]
        x, y = caption_xy(seg.style, seg.pos, seg.xy, w, h, round(box.width()),
                          round(box.height()))
        spec = CaptionSpec(seg.text, seg.style, seg.pos, seg.color, seg.size, w, h)
        placed.append((Placed(spec, Path("unused.png"), x, y, round(box.width()),
                              round(box.height()), seg.xy is not None),
                       seg.start / 1000, seg.end / 1000))
    rendered = stack(placed, h)
    for seg, (p, _a, _b) in zip(segs, rendered, strict=True):
        assert round(boxes[seg.id].top()) == p.y, seg.text
    assert boxes["c2"].top() >= boxes["c1"].bottom() - 1  # below the bar, not over it


def test_stack_offset_moves_only_captions_sharing_a_place_and_a_time() -> None:
    def cap(i: str, pos: str, st: int, d: int, xy: Any = None) -> TextSegment:
        return TextSegment(id=i, start=st, duration=d, text=i, pos=pos,
                           extra={"xy": list(xy)} if xy else {})

    a, b = cap("a", "bottom", 0, 2000), cap("b", "bottom", 1000, 2000)
    later, top = cap("c", "bottom", 2500, 1000), cap("d", "top", 0, 3000)
    free = cap("e", "bottom", 0, 3000, (0.5, 0.5))
    every = [a, b, later, top, free]

    def height(seg: TextSegment) -> float:
        return 100.0

    assert stack_offset(a, every, height) == 0
    assert stack_offset(b, every, height) == -100  # at the bottom it goes up
    assert stack_offset(later, every, height) == -100  # only b is still on screen
    assert stack_offset(top, every, height) == 0
    assert stack_offset(free, every, height) == 0
