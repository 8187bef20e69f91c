"""The timeline edited by hand, on the real engine, with real mouse and key events: each
gesture is one ops call and one undo step; snapping (and moving freely with the modifier),
trimming a clip's in-point, a drag cancelled with Esc, the keyboard commands and the menu."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from meme_desktop.draft import TT_AUDIO, TT_VIDEO, AudioSegment, VideoSegment
from meme_desktop.draft import ops as O
from meme_desktop.ui.track_view import FREE_KEY
from tests.gui.gestures import (
    Mouse,
    block_point,
    caption,
    nothing_sent,
    one_step,
    open_caption_editor,
    project,
    seg,
)


def clip_of(window: Any, hashes: dict[str, str]) -> VideoSegment:
    return next(s for s in window.model.draft.segments(TT_VIDEO)
                if isinstance(s, VideoSegment) and s.src == hashes["cat clip.mp4"])


def test_drag_moves_a_caption_snapping_to_the_playhead_or_freely(window: Any, run: Any,
                                                                  media_dir: Path) -> None:
    project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    window.model.seek(1700)
    hello = caption(window, "HELLO")
    start = block_point(view, hello.id)
    mouse.drag(start, start + QPoint(168, 0), release=False)  # 1680 ms: 20 ms from the playhead
    assert view.landing is not None and view.landing.start == 1700  # snapped
    assert view._guide.isVisible() and abs(view._guide.line().x1() - view.x_of(1700)) < 0.5
    assert view._tip.isVisible() and "Start 1.7 s" in view._tip.text.text()
    assert "Length 1.5 s" in view._tip.text.text()
    assert view.items_by_id[hello.id].pos().x() == 170  # the block follows, nothing asked yet
    one_step(window, run, lambda: mouse.release(start + QPoint(168, 0)))
    assert (caption(window, "HELLO").start, caption(window, "HELLO").duration) == (1700, 1500)
    assert window.model.history.undo_label == "move caption"

    hello = caption(window, "HELLO")  # the same drag with the "free" key: no snapping
    start = block_point(view, hello.id)
    mouse.drag(start, start + QPoint(-168, 0), mods=FREE_KEY, release=False)
    assert view.landing is not None and view.landing.start == 20 and not view._guide.isVisible()
    one_step(window, run, lambda: mouse.release(start + QPoint(-168, 0), FREE_KEY))
    assert caption(window, "HELLO").start == 20

    window.actions["undo"].trigger()  # Ctrl+Z goes back one gesture at a time
    run.until(lambda: caption(window, "HELLO").start == 1700 and not window.model.busy)
    window.actions["redo"].trigger()
    run.until(lambda: caption(window, "HELLO").start == 20 and not window.model.busy)


def test_esc_cancels_a_drag_and_nothing_changes(window: Any, run: Any, media_dir: Path) -> None:
    project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    bye = caption(window, "BYE")
    start = block_point(view, bye.id)
    before = window.model.draft.to_json()

    def cancelled_drag() -> None:
        mouse.drag(start, start + QPoint(60, 0), release=False)
        assert view.items_by_id[bye.id].pos().x() == 60
        QTest.keyClick(view, Qt.Key.Key_Escape)
        assert view.items_by_id[bye.id].pos().x() == 0 and not view._tip.isVisible()
        mouse.release(start + QPoint(60, 0))

    nothing_sent(window, run, cancelled_drag)
    assert window.model.draft.to_json() == before

    boom = window.model.draft.segments(TT_AUDIO)[0]  # a trim, cancelled the same way
    edge = block_point(view, boom.id, "right")
    nothing_sent(window, run, lambda: (mouse.drag(edge, edge + QPoint(40, 0), release=False),
                                       QTest.keyClick(view, Qt.Key.Key_Escape),
                                       mouse.release(edge + QPoint(40, 0))))
    assert seg(window, boom.id).duration == boom.duration


def test_trimming_a_clips_left_edge_moves_its_in_point(window: Any, run: Any,
                                                       media_dir: Path) -> None:
    hashes = project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    clip = clip_of(window, hashes)
    assert (clip.start, clip.inpoint) == (2000, 0)
    edge = block_point(view, clip.id, "left")
    mouse.drag(edge, edge + QPoint(50, 0), mods=FREE_KEY, release=False)
    assert view.landing is not None and (view.landing.start, view.landing.end) == (
        2500, clip.end)
    assert "Length" in view._tip.text.text()
    one_step(window, run, lambda: mouse.release(edge + QPoint(50, 0), FREE_KEY))
    clip = clip_of(window, hashes)
    # the pictures and clips stay packed: it still starts after the picture, 0.5 s in
    assert (clip.start, clip.inpoint) == (2000, 500)
    assert abs(clip.duration - (2000 - 500)) <= 40
    assert window.model.history.undo_label == "trim clip"

    edge = block_point(view, clip.id, "left")  # the source has nothing before 0
    mouse.drag(edge, edge + QPoint(-200, 0), mods=FREE_KEY, release=False)
    assert view.landing is not None and view.landing.start == clip.start - 500
    QTest.keyClick(view, Qt.Key.Key_Escape)
    mouse.release(edge + QPoint(-200, 0))


def test_a_right_edge_snaps_to_the_next_caption(window: Any, run: Any, media_dir: Path) -> None:
    project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    hello = caption(window, "HELLO")
    edge = block_point(view, hello.id, "right")
    mouse.drag(edge, edge + QPoint(96, 0), release=False)  # 2460 ms, 40 ms before "BYE"
    assert view.landing is not None and view.landing.end == 2500 and view._guide.isVisible()
    one_step(window, run, lambda: mouse.release(edge + QPoint(96, 0)))
    hello = caption(window, "HELLO")
    assert (hello.start, hello.end) == (0, 2500)


def test_keyboard_commands_are_one_step_each(window: Any, run: Any, media_dir: Path) -> None:
    hashes = project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    bye = caption(window, "BYE")
    mouse.press(block_point(view, bye.id))
    mouse.release(block_point(view, bye.id))
    assert window.model.selection == (bye.id,) and view.hasFocus()
    assert "BYE" in window.details.text()
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_Right))
    assert caption(window, "BYE").start == 2600
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_Left,
                                                 Qt.KeyboardModifier.ShiftModifier))
    assert caption(window, "BYE").start == 1600
    assert window.model.history.undo_label == "move caption"

    clip = clip_of(window, hashes)
    view.scene().clearSelection()
    view.items_by_id[clip.id].setSelected(True)
    window.model.seek(3000)
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_S))
    clips = [s for s in window.model.draft.segments(TT_VIDEO) if s.src == hashes["cat clip.mp4"]]
    assert sorted((s.start, s.end) for s in clips) == [(2000, 3000), (3000, 4000)]
    assert window.model.history.undo_label == "split clip"

    boom = window.model.draft.segments(TT_AUDIO)[0]
    view.items_by_id[boom.id].setSelected(True)
    view.items_by_id[clips[0].id].setSelected(False)
    view.items_by_id[clips[1].id].setSelected(False)
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_D,
                                                 Qt.KeyboardModifier.ControlModifier))
    assert len(window.model.draft.segments(TT_AUDIO)) == 2
    new = next(s for s in window.model.draft.segments(TT_AUDIO) if s.id != boom.id)
    assert new.start == boom.end
    view.scene().clearSelection()
    view.items_by_id[new.id].setSelected(True)
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_Backspace))
    assert [s.id for s in window.model.draft.segments(TT_AUDIO)] == [boom.id]
    view.items_by_id[boom.id].setSelected(True)
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_Delete))
    assert window.model.draft.segments(TT_AUDIO) == []
    assert window.model.history.undo_label == "delete sound"


def test_multi_select_with_ctrl_click_and_a_rubber_band(window: Any, run: Any,
                                                        media_dir: Path) -> None:
    project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    hello, bye = caption(window, "HELLO"), caption(window, "BYE")
    mouse.press(block_point(view, hello.id))
    mouse.release(block_point(view, hello.id))
    ctrl = Qt.KeyboardModifier.ControlModifier
    mouse.press(block_point(view, bye.id), ctrl)
    mouse.release(block_point(view, bye.id), ctrl)
    assert set(window.model.selection) == {hello.id, bye.id}
    assert "2 segments selected" in window.details.text()
    one_step(window, run, lambda: QTest.keyClick(view, Qt.Key.Key_Right))  # both, one step
    assert (caption(window, "HELLO").start, caption(window, "BYE").start) == (100, 2600)
    assert window.model.history.undo_label == "move 2 captions"

    mouse.press(block_point(view, bye.id), ctrl)  # Ctrl-click again takes one out
    mouse.release(block_point(view, bye.id), ctrl)
    assert window.model.selection == (hello.id,)
    shift = Qt.KeyboardModifier.ShiftModifier
    boom = window.model.draft.segments(TT_AUDIO)[0]
    mouse.press(block_point(view, boom.id), shift)  # Shift-click adds one
    mouse.release(block_point(view, boom.id), shift)
    assert set(window.model.selection) == {hello.id, boom.id}

    hello, bye = caption(window, "HELLO"), caption(window, "BYE")  # a band over both captions
    lane_y = view.items_by_id[hello.id].mapRectToScene(view.items_by_id[hello.id].rect())
    top_left = view.mapFromScene(QPointF(view.x_of(50), lane_y.top() - 2))
    bottom_right = view.mapFromScene(QPointF(view.x_of(4000), lane_y.bottom() + 40))
    empty = view.mapFromScene(QPointF(view.x_of(4200), lane_y.center().y()))
    mouse.press(empty)  # a click on empty lane clears the selection
    mouse.release(empty)
    assert window.model.selection == ()
    mouse.drag(top_left, bottom_right, steps=8)
    assert set(window.model.selection) >= {hello.id, bye.id}


def test_the_menu_shows_every_command_with_its_shortcut(window: Any, run: Any,
                                                        media_dir: Path) -> None:
    project(window, run, media_dir)
    view = window.track
    boom = window.model.draft.segments(TT_AUDIO)[0]
    view.items_by_id[boom.id].setSelected(True)
    menu = QMenu()
    view.commands.fill_menu(menu, view.items_by_id[boom.id])
    shown = {a.text(): a.shortcut().toString() for a in menu.actions() if a.text()}
    assert shown["Split at playhead"] == "S" and shown["Duplicate"] == "Ctrl+D"
    assert shown["Delete"] == QKeySequence(QKeySequence.StandardKey.Delete).toString()
    assert shown["Nudge left"] == "Left" and shown["Nudge right 1 s"] == "Shift+Right"
    assert shown["Move to playhead"] == "M" and "Volume…" in shown
    assert [a.toString() for a in view.commands.delete_action.shortcuts()][-1] == "Backspace"
    one_step(window, run, view.commands.duplicate_action.trigger)  # the menu's own action
    assert len(window.model.draft.segments(TT_AUDIO)) == 2


def test_retype_a_caption_in_place_on_the_timeline(window: Any, run: Any,
                                                   media_dir: Path) -> None:
    project(window, run, media_dir)
    hello = caption(window, "HELLO")
    editor = open_caption_editor(window, hello.id)
    assert editor is not None and editor.isVisible() and editor.hasFocus()
    assert editor.textCursor().selectedText() == "HELLO"  # selected: typing replaces it
    QTest.keyClicks(editor, "WHEN IT")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClicks(editor, "COMPILES")
    assert editor.toPlainText() == "WHEN IT\nCOMPILES"
    one_step(window, run, lambda: QTest.keyClick(editor, Qt.Key.Key_Return))
    assert caption(window, "WHEN IT\nCOMPILES").id == hello.id
    assert window.model.history.undo_label == "retype caption"

    editor = open_caption_editor(window, hello.id)  # Esc: nothing changes
    assert editor is not None
    QTest.keyClicks(editor, "NOPE")
    nothing_sent(window, run, lambda: QTest.keyClick(editor, Qt.Key.Key_Escape))
    assert not shiboken6.isValid(editor) or not editor.isVisible()  # closed (and deleted)
    assert caption(window, "WHEN IT\nCOMPILES").id == hello.id


def test_a_sounds_volume_by_its_handle_and_its_slider(window: Any, run: Any,
                                                      media_dir: Path) -> None:
    project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    boom = window.model.draft.segments(TT_AUDIO)[0]
    item = view.items_by_id[boom.id]
    r = item.mapRectToScene(item.rect())
    line = view.mapFromScene(QPointF(r.center().x(), item.volume_y()))
    assert view.zone(item, view.mapToScene(line)) == "volume"
    up = int((r.height() - 8) / 4)  # a quarter of the height: +50 %
    mouse.drag(line, line - QPoint(0, up), release=False)
    assert view.landing is not None and 140 <= view.landing.volume <= 160
    assert "Volume" in view._tip.text.text()
    one_step(window, run, lambda: mouse.release(line - QPoint(0, up)))
    vol = seg(window, boom.id)
    assert isinstance(vol, AudioSegment) and 140 <= vol.volume <= 160
    assert window.model.history.undo_label == "set sound volume"

    mouse.double_click(block_point(view, boom.id, dx=-10))  # the popup slider
    popup = view.commands.popup
    assert popup is not None and popup.isVisible()
    popup.slider.setValue(40)
    one_step(window, run, lambda: QTest.keyClick(popup.slider, Qt.Key.Key_Return))
    vol = seg(window, boom.id)
    assert isinstance(vol, AudioSegment) and vol.volume == 40


def test_the_free_key_follows_the_platform() -> None:
    expected = Qt.KeyboardModifier.AltModifier if sys.platform == "darwin" \
        else Qt.KeyboardModifier.ShiftModifier
    assert expected == FREE_KEY


def test_a_refused_gesture_puts_the_block_back(window: Any, run: Any, media_dir: Path) -> None:
    """The engine refuses a move of a caption that is gone (deleted elsewhere): the chat says
    why, and the block does not stay where it was dropped."""
    project(window, run, media_dir)
    view, mouse = window.track, Mouse(window.track.viewport())
    hello = caption(window, "HELLO")
    assistant = window.session.assistant
    run(assistant.client.apply_ops(assistant.session_id, [O.DeleteSegment(id=hello.id)]))
    start = block_point(view, hello.id)
    said, done = len(window.chat.texts()), window.session.edits_done
    mouse.drag(start, start + QPoint(120, 0))
    run.until(lambda: window.session.edits_done > done and not window.model.busy)
    assert view.items_by_id[hello.id].pos().x() == 0
    assert len(window.chat.texts()) == said + 1 and window.chat.bubbles[-1].role == "error"
