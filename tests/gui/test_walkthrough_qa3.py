"""What a third click-through of the real window found, kept fixed: the line under the
timeline says the colour a caption is painted in (a red caption is not "black text"); a media
item dragged to the timeline looks like itself and lets the lanes show through; the project
list says when a project was edited in words ("Today 12:23"), also on a system without a
language set; a caption retyped to nothing is removed (it used to come back silently); a bar
caption dragged on the preview is not shown twice; a narrow media bin cuts no word of its rows;
"Stop the export and quit?" goes away when the export ends while it is asked."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QPoint, Qt, QTime
from PySide6.QtGui import QColor, QDrag, QFontMetrics, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from meme_desktop.api.models import Asset, SessionState
from meme_desktop.config import Settings, UiState
from meme_desktop.draft import Draft
from meme_desktop.draft.colors import color_words, nearest_color
from meme_desktop.draft.ops import DeleteSegment, SetCaption
from meme_desktop.ui.caption_editor import retype_ops
from meme_desktop.ui.i18n import set_language
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.media_bin import MediaBin
from meme_desktop.ui.preview_canvas import PreviewCanvas
from meme_desktop.ui.project_dialog import edited_text
from meme_desktop.ui.session_model import ASSET_MIME, SessionModel
from meme_desktop.ui.track_items import segment_details
from tests.gui.gestures import Mouse, caption, one_step, open_caption_editor, project

CANVAS = {"w": 1080, "h": 1920, "fps": 30, "bg": "#000000"}


def caption_draft(style: str, color: str) -> Draft:
    return Draft.from_json({"v": 1, "d": 3000, "m": CANVAS, "t": [
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "c1", "txt": "when the code compiles", "st": 0, "d": 3000, "pos": "top",
             "sty": style, "col": color, "sz": 1.0}]}]})


def details(style: str, color: str) -> str:
    found = caption_draft(style, color).find_segment("c1")
    assert found is not None
    return segment_details(found[1], found[0], {})


@pytest.mark.parametrize(("style", "color", "words"), [
    ("bar", "#FF0000", "red text on a white bar"),
    ("bar", "#FFFFFF", "black text on a white bar"),  # a white bar paints light text black
    ("classic", "#FFFFFF", "white letters with a black outline"),
    ("classic", "#FFEB3B", "yellow letters with a black outline"),
    ("classic", "#F01010", "red letters with a black outline"),  # the nearest named colour
    ("plain", "#2979FF", "plain blue text"),
])
def test_the_details_say_the_colour_a_caption_is_painted_in(qapp: Any, style: str,
                                                             color: str, words: str) -> None:
    assert words in details(style, color)


def test_the_colour_is_said_in_chinese_too(qapp: Any) -> None:
    set_language("zh_CN")
    try:
        line = details("bar", "#FF0000")
    finally:
        set_language("en")
    assert "白色横条上的红色文字" in line and "black" not in line


def test_colour_names_are_one_table() -> None:
    assert nearest_color("#ff0000") == "#FF0000"
    assert nearest_color("#0000EE") == "#2979FF"
    assert nearest_color("red") is None and color_words("red") == "red"
    assert color_words("#FFD700", chinese=True) == "金色"


def _colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)}


def test_a_dragged_media_item_shows_itself_and_the_lane_under_it(qtbot: Any,
                                                                 monkeypatch: Any) -> None:
    bin_ = MediaBin(SessionModel())
    qtbot.addWidget(bin_)
    bin_.resize(300, 500)
    bin_.show()
    qtbot.waitExposed(bin_)
    bin_.add_asset(Asset("h1", "boom.mp3", "audio", duration=1.0))
    row = bin_.list.item(0)
    row.setSelected(True)
    dragged: list[QDrag] = []
    monkeypatch.setattr(QDrag, "exec", lambda drag, *a: dragged.append(drag) or
                        Qt.DropAction.CopyAction)
    bin_.list.startDrag(Qt.DropAction.CopyAction)
    assert len(dragged) == 1 and dragged[0].mimeData().hasFormat(ASSET_MIME)
    picture = dragged[0].pixmap().toImage()
    row_rect = bin_.list.visualItemRect(row)
    assert picture.width() >= row_rect.width() * 0.9  # the row itself, not a small icon
    assert len(_colours(picture)) > 20  # its icon and name, not an empty block of colour
    alphas = {picture.pixelColor(x, y).alpha() for x in range(0, picture.width(), 4)
              for y in range(0, picture.height(), 4)}
    assert max(alphas) < 255  # see-through: the lane it is dropped on stays visible


def test_the_project_list_says_when_in_words_a_person_reads(qapp: Any) -> None:
    now = QDateTime(QDate(2026, 11, 29), QTime(15, 0))

    def at(day: int, hour: int, minute: int) -> float:
        return QDateTime(QDate(2026, 11, day), QTime(hour, minute)).toSecsSinceEpoch()

    bare = QLocale.c()  # a system without a language set

    def said(seconds: float) -> str:  # CLDR puts a narrow space before "PM"
        return edited_text(seconds, now, bare).replace("\u202f", " ")

    assert said(at(29, 12, 23)) == "Today 12:23 PM"
    assert said(at(28, 18, 2)) == "Yesterday 6:02 PM"
    older = said(at(3, 9, 5))
    assert older == "11/3/26 9:05 AM" and "2026" not in older  # not "03 11 2026 09:05"
    set_language("zh_CN")
    try:
        chinese = [edited_text(at(29, 12, 23), now, bare), edited_text(at(3, 9, 5), now, bare)]
    finally:
        set_language("en")
    assert chinese == ["今天 12:23", "2026/11/3 09:05"]


def test_a_caption_retyped_to_nothing_is_removed_in_one_undo_step(window: Any, run: Any,
                                                                   media_dir: Path) -> None:
    project(window, run, media_dir)
    bye = caption(window, "BYE")
    editor = open_caption_editor(window, bye.id)
    assert editor is not None and editor.textCursor().selectedText() == "BYE"
    QTest.keyClick(editor, Qt.Key.Key_Backspace)  # the text was selected: now it is empty
    one_step(window, run, lambda: QTest.keyClick(editor, Qt.Key.Key_Return))
    assert [s.text for s in window.model.captions()] == ["HELLO"]
    assert window.model.history.undo_label == "delete caption"
    window.actions["undo"].trigger()  # Ctrl+Z brings it back
    run.until(lambda: [s.text for s in window.model.captions()] == ["HELLO", "BYE"])
    assert caption(window, "BYE").id == bye.id


def test_retyping_to_nothing_on_the_preview_removes_the_caption_too() -> None:
    assert retype_ops("c1", " \n ") == ([DeleteSegment(id="c1")], "delete caption")
    assert retype_ops("c1", "HI") == ([SetCaption(id="c1", txt="HI")], "retype caption")


def test_a_bar_caption_dragged_on_the_preview_is_not_shown_twice(qtbot: Any) -> None:
    """A top bar is part of the rendered frame (it moves the media): while it is dragged, its
    old place is veiled, so a person sees one caption moving, not the same caption twice."""
    model = SessionModel()
    canvas = PreviewCanvas(model)
    qtbot.addWidget(canvas)
    canvas.resize(400, 600)
    canvas.show()
    qtbot.waitExposed(canvas)
    model.set_state(SessionState("s", caption_draft("bar", "#FF0000"), task_name="p"))
    frame = QImage(1080, 1920, QImage.Format.Format_RGB32)
    frame.fill(QColor("#ffffff"))  # the rendered frame: white where the bar is baked in
    canvas.set_image(frame)
    canvas.set_time(1000)
    seg = model.captions()[0]
    canvas.caption_box(seg)  # no asyncio loop here: the first call draws the picture
    found = canvas.caption_box(seg)
    assert found is not None
    old = canvas.to_widget(found[0])
    spot = QPoint(int(old.center().x()), int(old.top()) + 3)
    start = old.center().toPoint()
    Mouse(canvas).drag(start, start + QPoint(0, 250), release=False)
    assert canvas.drag is not None
    shot = canvas.grab().toImage()
    assert shot.pixelColor(spot).lightness() < 100  # veiled, not a white bar still there
    Mouse(canvas).release(start + QPoint(0, 250))


def test_a_narrow_media_bin_shows_every_word_of_its_rows(qtbot: Any) -> None:
    """At the window's smallest the bin is narrow: "400×300" and "0:04" are not cut off at the
    right or the bottom of a row (the thumbnail gets smaller instead)."""
    bin_ = MediaBin(SessionModel())
    qtbot.addWidget(bin_)
    bin_.resize(300, 600)
    bin_.show()
    qtbot.waitExposed(bin_)
    bin_.add_asset(Asset("h1", "dancing cat.mp4", "video", width=320, height=180,
                         duration=4.0))
    bin_.add_asset(Asset("h2", "huge.png", "image", width=8000, height=8000))
    bin_.resize(160, 600)  # the bin at the window's smallest (900 × 560)
    viewport = bin_.list.viewport()
    qtbot.waitUntil(lambda: all(i.width() <= viewport.width() for i in bin_.items.values()))
    for item in bin_.items.values():
        label = item.details
        metrics = QFontMetrics(label.font())
        widest = max(metrics.horizontalAdvance(w) for w in label.text().split())
        assert widest <= label.width(), (label.text(), label.width())  # no word cut at the right
        needed = label.geometry().top() + label.heightForWidth(label.width())
        assert needed <= item.height(), label.text()  # no line cut at the bottom


def test_an_export_that_ends_while_quitting_is_asked_about_closes_the_question(
        qtbot: Any, aloop: Any) -> None:
    """Closing during an export asks "Stop it and quit?"; when the export ends (saved) while
    the question is open, it no longer stays on screen asking about an export that is over:
    it goes, and the window closes as the person asked."""
    win = MainWindow(Settings(), UiState())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    closed: list[bool] = []
    win.closed.connect(lambda: closed.append(True))
    running: asyncio.Future[list[Path]] = aloop.create_future()
    win.exports._task = running  # an export under way
    win.close()
    qtbot.waitUntil(lambda: question(win) is not None, timeout=5000)
    assert not closed
    running.set_result([])  # it ends: the file is saved
    win.exports.running_changed.emit(False)
    qtbot.waitUntil(lambda: bool(closed), timeout=5000)
    assert question(win) is None


def question(win: QWidget) -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible() and w.parent() is win]
    return boxes[0] if boxes else None
