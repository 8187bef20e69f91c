"""Editing by hand, everywhere in the window: Undo / Redo that say what they do and grey out,
Ctrl+Z from an empty chat box, files dropped on the chat box imported (not pasted), the media
bin and the timeline highlighted under a drag, a media-bin item dropped on a lane at a time,
thumbnails and waveforms on the segments, and on the hosted backend one sentence a gesture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import numpy as np
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QPainter,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.assistant.service import Assistant
from meme_desktop.config import Settings, UiState
from meme_desktop.draft import TT_AUDIO, AudioSegment
from meme_desktop.ui.main_window import MainWindow
from tests.gui.gestures import caption, one_step, project, version
from tests.helpers.fake_cloud import FakeCloud, fast_policy

MOVE = Qt.DropAction.CopyAction


def files_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_over(widget: QWidget, mime: QMimeData, pos: QPoint) -> tuple[bool, bool]:
    """Enter and move over ``widget`` with ``mime``: (entered accepted, move accepted)."""
    enter = QDragEnterEvent(pos, MOVE, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(pos, MOVE, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0))
    QApplication.sendEvent(widget, move)
    return enter.isAccepted(), move.isAccepted()


def drop(widget: QWidget, mime: QMimeData, pos: QPoint) -> bool:
    event = QDropEvent(QPointF(pos), MOVE, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier(0))
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_undo_redo_grey_out_say_what_and_work_from_an_empty_chat_box(
        window: Any, run: Any, media_dir: Path) -> None:
    undo, redo = window.actions["undo"], window.actions["redo"]
    assert not undo.isEnabled() and not redo.isEnabled()  # a new project: nothing yet
    project(window, run, media_dir)
    assert undo.isEnabled() and not redo.isEnabled()
    assert undo.toolTip() == "Undo: set up (Ctrl+Z)"
    hello = caption(window, "HELLO")
    window.track.items_by_id[hello.id].setSelected(True)
    window.track.setFocus()
    one_step(window, run, lambda: QTest.keyClick(window.track, Qt.Key.Key_Right))
    assert undo.toolTip() == "Undo: move caption (Ctrl+Z)"

    chat = window.chat.input
    chat.setFocus()
    said = len(window.chat.texts())
    before = version(window)
    QTest.keyClick(chat, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    run.until(lambda: version(window) == before - 1 and not window.model.busy)
    assert caption(window, "HELLO").start == 0
    assert redo.isEnabled() and redo.toolTip().startswith("Redo: move caption")
    QTest.keyClick(chat, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    run.until(lambda: version(window) == before and not window.model.busy)
    assert caption(window, "HELLO").start == 100 and not redo.isEnabled()
    assert len(window.chat.texts()) == said  # no chat turn: the history endpoint did it

    QTest.keyClicks(chat, "typo")  # with text in the box, Ctrl+Z undoes the typing only
    QTest.keyClick(chat, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    run.idle(0.3)
    assert version(window) == before and chat.toPlainText() != "typo"


def test_drops_highlight_import_and_land_on_a_lane(window: Any, run: Any,
                                                    media_dir: Path) -> None:
    hashes = project(window, run, media_dir)
    media, view = window.media, window.track
    mime = files_mime(media_dir / "doge.png")
    assert drag_over(media, mime, QPoint(20, 60)) == (True, True)
    assert media.property("dropTarget") is True  # highlighted while something is over it
    QApplication.sendEvent(media, QDragLeaveEvent())
    assert media.property("dropTarget") is False
    assert drag_over(view.viewport(), mime, QPoint(200, 60))[0]
    assert view.property("dropTarget") is True
    QApplication.sendEvent(view.viewport(), QDragLeaveEvent())
    assert view.property("dropTarget") is False

    count = len(media.items)  # a file dropped on the chat box is imported, not pasted
    assert drag_over(window.chat.input.viewport(), mime, QPoint(10, 10)) == (True, True)
    assert drop(window.chat.input.viewport(), mime, QPoint(10, 10))
    run.until(lambda: len(media.items) == count + 1, timeout=10)
    assert window.chat.input.toPlainText() == ""

    row = next(media.list.item(i) for i in range(media.list.count())
               if media.items[media.list.item(i).data(Qt.ItemDataRole.UserRole)].name
               == "boom.mp3")
    item_mime = media.list.mimeData([row])
    sound_lane = next((top, h) for track, top, h in view.lanes if track.type == TT_AUDIO)
    at = view.mapFromScene(QPointF(view.x_of(2500), sound_lane[0] + sound_lane[1] / 2))
    video_lane = view.lanes[0]
    wrong = view.mapFromScene(QPointF(view.x_of(2500), video_lane[1] + 5))
    assert drag_over(view.viewport(), item_mime, wrong) == (True, False)  # a sound: not there
    assert drag_over(view.viewport(), item_mime, at) == (True, True)
    assert view._guide.isVisible()
    one_step(window, run, lambda: drop(view.viewport(), item_mime, at))
    dropped = [s for s in window.model.draft.segments(TT_AUDIO)
               if isinstance(s, AudioSegment) and s.src == hashes["boom.mp3"]]
    assert [s.start for s in dropped] == [2500]
    assert window.model.history.undo_label == "add media"
    assert view.property("dropTarget") is False


def test_segments_show_thumbnails_and_waveforms_made_off_the_ui_thread(
        window: Any, run: Any, media_dir: Path, heartbeat: Any) -> None:
    heartbeat.start()
    hashes = project(window, run, media_dir)
    art, view = window.session.art, window.track
    run.until(lambda: art.thumbnail(hashes["doge.png"]) is not None
              and art.thumbnail(hashes["cat clip.mp4"]) is not None
              and art.peaks("sfx:vine_boom") is not None, timeout=30)
    heartbeat.stop()
    heartbeat.check()  # decoding and drawing happened in workers: no stall over 50 ms
    peaks = art.peaks("sfx:vine_boom")
    assert peaks is not None and peaks.values.size > 20 and peaks.values.max() == 1.0
    assert peaks.values[:5].max() > 0.3  # a vine boom starts loud
    boom = window.model.draft.segments(TT_AUDIO)[0]
    item = view.items_by_id[boom.id]
    image = QImage(int(item.rect().width()), int(item.rect().height()),
                   QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.translate(-item.rect().left(), -item.rect().top())
    item.paint(painter, None)  # type: ignore[arg-type]
    painter.end()
    bits = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    assert bits.std() > 10  # bars and a line over the fill, not a flat block
    thumb = art.thumbnail(hashes["cat clip.mp4"])
    assert thumb is not None and max(thumb.width(), thumb.height()) <= 96


def test_on_the_hosted_backend_a_gesture_is_one_chat_sentence(
        qtbot: Any, run: Any, cloud: FakeCloud) -> None:
    win = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    http = httpx.AsyncClient(timeout=10)
    try:
        assistant = Assistant(NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url),
                                         fast_policy()), "cloud")
        run(win.session.attach(assistant, run(assistant.connect())))
        assert win.actions["undo"].isEnabled()  # the cloud says nothing about its history
        cloud.replies.extend(["Added the caption.", "Removed it.", "Undone."])
        win.chat.submit("hello")  # the fake cloud adds a caption saying what it was told
        run.until(lambda: not win.chat.busy and win.model.captions(), timeout=20)
        cap = win.model.captions()[0]
        win.track.items_by_id[cap.id].setSelected(True)
        win.track.setFocus()
        QTest.keyClick(win.track, Qt.Key.Key_Delete)
        run.until(lambda: not win.chat.busy and len(cloud.messages) == 2, timeout=20)
        assert cloud.messages[-1] == f'Remove the top caption "{cap.text}".'
        assert f'Remove the top caption "{cap.text}".' in win.chat.texts()  # shown as said
        win.actions["undo"].trigger()
        run.until(lambda: not win.chat.busy and len(cloud.messages) == 3, timeout=20)
        assert cloud.messages[-1] == "undo"
    finally:
        win._closing_confirmed = True
        win.close()
        run(http.aclose())
