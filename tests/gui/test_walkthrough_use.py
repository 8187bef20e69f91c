"""What a walkthrough found wrong with using the window: a timeline that scrolls in a
1024×700 window while the chat sits empty, panels that forget their sizes, Tab jumping
around, Esc that does not cancel an export, a refused file that fills the bin, media that
cannot be taken out of it, a second playhead line, an amber outline that never goes."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsLineItem, QWidget

from meme_desktop.api.models import SessionState
from meme_desktop.config import Settings, UiState
from meme_desktop.draft import Draft
from meme_desktop.ui import media_bin, theme
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.media_bin import MediaBin
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_view import TrackView
from tests.gui.test_export import add_content, patched_dialogs  # noqa: F401 - fixture
from tests.gui.test_polish import LONG, show


def small_window(qtbot: Any, state: UiState | None = None) -> MainWindow:
    win = MainWindow(Settings(), state or UiState())
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(20)
    return win


def test_at_1024_by_700_every_lane_shows_and_the_centre_is_widest(qtbot: Any,
                                                                   aloop: Any) -> None:
    win = small_window(qtbot)
    show(win.model, LONG)  # three lanes, two of them holding overlapping captions
    qtbot.wait(50)
    view = win.track
    assert not view.verticalScrollBar().isVisible()
    assert not view.horizontalScrollBar().isVisible()
    assert view.content_height() <= view.viewport().height()
    center = win.panels.center
    assert center.width() >= 0.45 * win.width()
    assert center.width() > win.chat.width() and center.width() > win.media.width()
    assert win.preview.height() >= 200  # the preview keeps a useful size


def test_after_a_restart_the_timeline_still_grows_with_its_lanes(qtbot: Any,
                                                                 aloop: Any) -> None:
    """A split the person never dragged is the lanes', not theirs: a project with one lane
    before closing must not hide the captions of a three-lane project after the restart."""
    win = small_window(qtbot)
    one_lane = {**LONG, "t": LONG["t"][:1]}
    show(win.model, one_lane)
    qtbot.wait(50)
    win.save_geometry()
    again = small_window(qtbot, UiState.load())
    show(again.model, LONG)
    qtbot.wait(50)
    view = again.track
    assert not view.verticalScrollBar().isVisible()
    assert view.content_height() <= view.viewport().height()


def test_the_media_bin_folds_away_and_the_sizes_are_remembered(qtbot: Any, aloop: Any,
                                                                media_dir: Path) -> None:
    win = small_window(qtbot)
    center = win.panels.center.width()
    action = win.panels.media_action
    assert action.isChecked() and action.shortcut().toString() == "Ctrl+B"
    action.trigger()
    qtbot.wait(20)
    assert not win.media.isVisible() and win.panels.center.width() > center
    win.panels.center.setSizes([300, 260])
    win.panels.center.splitterMoved.emit(300, 1)  # the person dragged it
    win.save_geometry()
    again = small_window(qtbot, UiState.load())
    assert not again.media.isVisible() and not again.panels.media_action.isChecked()
    assert again.panels.center.sizes() == win.panels.center.sizes()
    again.model.import_files([media_dir / "notes.txt"])  # importing shows the bin again
    qtbot.wait(20)
    assert again.media.isVisible() and again.panels.media_action.isChecked()


def _tab_walk(win: MainWindow, qtbot: Any, key: Qt.Key, steps: int) -> list[QWidget]:
    seen = []
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), key)
        qtbot.wait(5)
        seen.append(QApplication.focusWidget())
    return seen


def test_tab_follows_the_layout_and_comes_back(qtbot: Any, aloop: Any) -> None:
    win = small_window(qtbot)
    win.model.set_attached(True)  # the chips work
    win.activateWindow()
    qtbot.waitActive(win)
    first = win.toolbar.widgetForAction(win.panels.media_action)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    regions = [win.toolbar, win.media, win.preview, win.timeline, win.chat]

    def region(w: QWidget) -> int:
        return next(i for i, r in enumerate(regions) if r is w or r.isAncestorOf(w))

    walk = _tab_walk(win, qtbot, Qt.Key.Key_Tab, 40)
    assert first in walk  # round the window and back to the start
    lap = [first, *walk[: walk.index(first)]]
    order = [region(w) for w in lap]
    assert order == sorted(order) and set(order) == {0, 1, 2, 3, 4}  # toolbar → … → chat
    chat = [w for w in lap if region(w) == 4]
    assert win.chat.chips[0] in chat and win.chat.input in chat
    assert chat.index(win.chat.chips[0]) < chat.index(win.chat.input) < \
        chat.index(win.chat.send_button)  # read from the top, Send last
    assert win.track in lap and win.media.import_button in lap
    assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in lap)
    back = _tab_walk(win, qtbot, Qt.Key.Key_Backtab, 3)
    assert back[0] is walk[-2] and back[1] is walk[-3]


def test_esc_in_the_progress_window_cancels_the_export(
        window: Any, run: Any, media_dir: Path, patched_dialogs: dict[str, Any]) -> None:  # noqa: F811
    add_content(window, run, media_dir)
    patched_dialogs["preset"] = "landscape"
    window.actions["export"].trigger()
    run.until(lambda: window.exports.progress is not None, timeout=10)
    progress = window.exports.progress
    run.until(lambda: QApplication.activeWindow() is progress, timeout=5)
    assert progress.isAncestorOf(QApplication.focusWidget())  # the keys go to it
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    run.until(lambda: progress.state != "running", timeout=60)
    assert progress.state == "cancelled"
    run.idle(0.3)
    assert not list(patched_dialogs["dest"].parent.iterdir()), "nothing written"


def test_a_refused_file_is_one_line_with_a_dismiss_button(qtbot: Any, aloop: Any,
                                                          media_dir: Path) -> None:
    model = SessionModel()
    bin_ = MediaBin(model)
    qtbot.addWidget(bin_)
    bin_.resize(240, 500)
    bin_.show()
    bin_.add_files([media_dir / "notes.txt"])
    qtbot.waitUntil(lambda: not bin_.adding and len(bin_.items) == 1)
    item = next(iter(bin_.items.values()))
    qtbot.wait(20)
    assert item.state == "failed" and item.height() <= 60
    assert item.error_label.isVisible() and "\n" not in item.error_label.text()
    assert item.error_label.fontMetrics().horizontalAdvance(item.error_label.text()) <= \
        item.error_label.width()
    assert "MP4" in item.toolTip()  # everything the door said, on hover
    assert item.dismiss.isVisible() and not item.thumb.width() > 32
    item.dismiss.click()
    qtbot.waitUntil(lambda: bin_.items == {})
    assert bin_.empty_hint.isVisible()


def test_removing_media_the_timeline_uses_asks_first(window: Any, run: Any, media_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window.media.add_files([media_dir / "doge.png", media_dir / "boom.mp3"])
    run.until(lambda: not window.session.uploading and len(window.media.items) == 2
              and all(i.state == "done" for i in window.media.items.values()), timeout=60)
    doge, boom = (next(i for i in window.media.items.values() if i.name == n)
                  for n in ("doge.png", "boom.mp3"))
    window.media.use(doge)
    run.until(lambda: window.media.uses(doge), timeout=30)
    answers: list[bool] = [False, True]
    asked: list[str] = []

    async def ask(parent: Any, title: str, text: str, yes: str = "", no: str = "") -> bool:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(media_bin, "ask_yes_no", ask)
    assert run(window.media.ask_remove(boom.key)) is True and not asked  # unused: no question
    assert run(window.media.ask_remove(doge.key)) is False  # "Keep it"
    assert "doge.png" in asked[0] and doge.key in window.media.items
    assert run(window.media.ask_remove(doge.key)) is True  # "Remove from both"
    run.until(lambda: not any(getattr(s, "src", "") == doge.asset.hash
                              for s in window.model.draft.segments()), timeout=30)
    assert window.media.items == {}
    run(window.session.refresh_state())  # the backend still has them: they stay out
    run.idle(0.2)
    assert window.media.items == {}
    assert sorted(UiState.load().hidden_media[window.model.state.session_id]) == sorted(
        [doge.asset.hash, boom.asset.hash])
    window.model.undo()  # the timeline edit is one undo step
    run.until(lambda: any(getattr(s, "src", "") == doge.asset.hash
                          for s in window.model.draft.segments()), timeout=30)


def test_one_playhead_line_after_scrolling_down(qtbot: Any, aloop: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    tracks = [{"id": f"x{i}", "tt": 7, "n": "Captions", "sg": [
        {"id": f"s{i}", "txt": f"caption {i}", "st": 0, "d": 6000}]} for i in range(6)]
    model.set_state(SessionState("s", Draft.from_json({**LONG, "t": tracks}),
                                 task_name="project"), False)
    model.set_playhead(1000)
    view.verticalScrollBar().setValue(60)
    model.set_playhead(3000)
    view.verticalScrollBar().setValue(20)
    model.set_playhead(4000)
    qtbot.wait(30)
    color = QColor(theme.current_palette()["playhead"])
    lines = [i for i in view.scene().items() if isinstance(i, QGraphicsLineItem)
             and i.pen().color() == color]
    assert len(lines) == 1 and abs(lines[0].line().x1() - view.x_of(4000)) < 1
    image = view.viewport().grab().toImage()
    columns = {x for x in range(image.width()) for y in range(30, image.height(), 7)
               if image.pixelColor(x, y) == color}
    assert columns and max(columns) - min(columns) <= 3  # one line, wherever one looks


def test_the_changed_outline_goes_at_the_next_turn_and_after_a_while(qtbot: Any,
                                                                    aloop: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    show(model, None, highlight=False)
    show(model, LONG)
    assert view.items_by_id["s3"].changed and view.changed_timer.isActive()
    model.set_busy(True)  # the next turn starts
    assert not any(i.changed for i in view.items_by_id.values())
    model.set_busy(False)
    changed = {**LONG, "t": [*LONG["t"][:2], {**LONG["t"][2], "sg": [
        {**LONG["t"][2]["sg"][0], "txt": "retyped"}]}]}
    view.changed_timer.setInterval(100)
    show(model, changed)
    assert [i for i, item in view.items_by_id.items() if item.changed] == ["s4"]
    qtbot.waitUntil(lambda: not view.items_by_id["s4"].changed, timeout=2000)
    assert view.changed_ids == set()
    _ = asyncio
