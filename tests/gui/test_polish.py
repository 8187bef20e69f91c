"""What a person trips over on a real screen (found by using the app on an X server):
narrow chat bubbles, an invisible selection, a timeline that needs scrolling, English lane
names and Qt buttons in Chinese, a silent "Show in folder", "project.mp4", a restored project
that starts playing by itself, bare Yes / No, where the cursor is at launch, and media that
cannot be put on the timeline or taken off the list."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QMessageBox

from meme_desktop.api.models import Asset, SessionState
from meme_desktop.config import Settings, UiState
from meme_desktop.draft import Draft
from meme_desktop.draft.ops import AddMedia
from meme_desktop.ui import export_dialog, i18n, theme
from meme_desktop.ui.actions import SHORTCUTS, shortcuts_table
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.dialogs import ask_yes_no
from meme_desktop.ui.export_dialog import ExportProgress
from meme_desktop.ui.export_flow import export_name
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.media_bin import MediaBin
from meme_desktop.ui.preview import PreviewPanel
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_view import TrackView, segment_details

LONG = {
    "v": 1, "m": {"title": "project", "width": 1080, "height": 1920, "fps": 30},
    "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [
            {"id": "s1", "src": "abc", "st": 0, "d": 3000},
            {"id": "s2", "src": "def", "st": 3000, "d": 20000}]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            {"id": "s3", "src": "sfx:vine_boom", "st": 2000, "d": 1600}]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "s4", "txt": "When the code compiles", "st": 0, "d": 23000}]},
    ],
}


def test_user_bubble_is_as_wide_as_its_text(qtbot: Any) -> None:
    chat = ChatPanel()
    qtbot.addWidget(chat)
    chat.resize(380, 600)
    chat.show()
    qtbot.waitExposed(chat)
    short = chat.add_user("add a vine boom at 1s")
    qtbot.wait(20)
    metrics = short.label.fontMetrics()
    # one line, not a narrow column of three
    assert short.label.width() >= metrics.horizontalAdvance("add a vine boom at 1s")
    assert short.label.height() < 2 * metrics.lineSpacing()
    long = chat.add_user("put 'when the code compiles' on top, add a vine boom at 2s, "
                         "make it vertical, then export a 1080p MP4 for TikTok please")
    qtbot.wait(20)
    assert long.width() <= long.maximumWidth() <= chat.width()
    chat.resize(600, 600)  # a wider panel lets the bubbles grow with it
    qtbot.wait(20)
    assert long.maximumWidth() > 380 * 0.85


def _pixel(view: TrackView, x: float, y: float) -> QColor:
    image = QImage(int(view.scene().width()), int(view.scene().height()),
                   QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    view.scene().render(painter, QRectF(image.rect()), view.scene().sceneRect())
    painter.end()
    return image.pixelColor(int(x), int(y))


def show(model: SessionModel, raw: dict | None, highlight: bool = True) -> None:
    draft = Draft.from_json(raw) if raw else Draft.empty()
    model.set_state(SessionState("s", draft, task_name="project"), highlight)


def test_a_selected_segment_stands_out_even_when_just_changed(qtbot: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    show(model, None, highlight=False)
    show(model, LONG)  # everything is new: everything is outlined
    item = view.items_by_id["s3"]
    assert item.changed
    rect = item.rect()
    pal = theme.current_palette()
    edge = _pixel(view, rect.left() + 1, rect.center().y())
    assert edge == QColor(pal["changed"])
    item.setSelected(True)
    edge = _pixel(view, rect.left() + 1, rect.center().y())
    assert edge == QColor(pal["text"])


def test_lane_names_follow_the_interface_language(qtbot: Any) -> None:
    i18n.set_language("zh_CN")
    try:
        model = SessionModel()
        view = TrackView(model)
        qtbot.addWidget(view)
        draft = Draft.from_json(LONG)
        show(model, LONG)
        texts = {i.text() for i in view.scene().items() if isinstance(i, QGraphicsSimpleTextItem)}
        assert {"视频", "声音", "字幕"} <= texts
        assert "Video" not in texts
        track, seg = draft.find_segment("s3")  # type: ignore[misc]
        assert segment_details(seg, track, {}).startswith("声音: ")
    finally:
        i18n.set_language("en")


def test_the_timeline_fits_a_long_draft_until_the_user_zooms(qtbot: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    view.resize(600, 220)
    view.show()
    qtbot.waitExposed(view)
    show(model, LONG)
    end = view.items_by_id["s2"].rect().right()
    assert end <= view.viewport().width()  # 23 s in view, no scrolling to find the end
    assert view.scene().sceneRect().width() <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    view.zoom(2.0)  # a hand-picked zoom is kept across edits
    scale = view.px_per_s
    show(model, LONG)
    assert view.px_per_s == scale and not view.auto_fit
    view.zoom_to_fit()
    assert view.auto_fit and view.items_by_id["s2"].rect().right() <= view.viewport().width()


def test_show_in_folder_without_a_file_manager_says_where_the_file_is(
        qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(export_dialog, "show_in_folder", lambda _path: False)
    saved = tmp_path / "meme.mp4"
    saved.write_bytes(b"\0" * 2048)
    progress = ExportProgress(None, saved)
    qtbot.addWidget(progress)
    progress.show()
    progress.saved(saved)
    progress.folder_button.click()
    assert QGuiApplication.clipboard().text() == str(saved)
    assert str(saved) in progress.detail.text()
    assert progress.height() >= progress.sizeHint().height()  # the longer line is not cut off


def test_the_save_dialog_proposes_a_meaningful_name() -> None:
    untitled = SessionState("s", Draft.from_json(LONG), task_name="project")
    assert export_name(untitled) == "when the code compiles"
    titled = SessionState("s", Draft.from_json({**LONG, "m": {**LONG["m"], "title": "monday"}}),
                          task_name="project")
    assert export_name(titled) == "monday"
    empty = SessionState("s", Draft.empty(), task_name="project")
    assert export_name(empty) == "meme"
    assert export_name(None) == "meme"


def test_a_restored_preview_waits_and_shows_its_length(qtbot: Any, run: Any,
                                                       media_dir: Path) -> None:
    panel = PreviewPanel(SessionModel(), use_multimedia=False)
    qtbot.addWidget(panel)
    assert run(panel.load(media_dir / "cat clip.mp4", play=False))
    assert not panel.playing and panel.play_button.isEnabled()
    assert panel.frames.image is not None  # the first frame, not a black box
    assert panel.time_label.text().endswith("/ 0:02.0")
    run.idle(0.2)
    assert panel.position_ms == 0


def test_questions_name_their_buttons_by_what_they_do(qtbot: Any, run: Any) -> None:
    async def answer() -> bool:
        return await ask_yes_no(None, "Export running", "Stop it and quit?",
                                "Stop and quit", "Keep exporting")

    task = asyncio.ensure_future(answer())
    run.until(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                          for w in QApplication.topLevelWidgets()), timeout=5)
    box = next(w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.isVisible())
    yes = box.button(QMessageBox.StandardButton.Yes)
    no = box.button(QMessageBox.StandardButton.No)
    assert (yes.text(), no.text()) == ("Stop and quit", "Keep exporting")
    assert box.defaultButton() is no  # Enter does not throw the export away
    no.click()
    run.until(task.done, timeout=5)
    assert task.result() is False


def test_qt_buttons_follow_the_interface_language(qapp: QApplication) -> None:
    i18n.set_language("zh_CN")
    try:
        assert i18n.install_qt_translations(qapp)
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        i18n.set_language("en")
        assert not i18n.install_qt_translations(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_cursor_starts_in_the_chat_input(qtbot: Any, aloop: Any) -> None:
    window = MainWindow(Settings(), UiState())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.focusWidget() is window.chat.input


def test_media_items_go_on_the_timeline_and_refused_ones_can_be_dismissed(
        qtbot: Any, media_dir: Path) -> None:
    model = SessionModel()
    bin_ = MediaBin(model)
    qtbot.addWidget(bin_)
    bin_.show()
    sent: list[tuple[list[Any], str]] = []
    model.edit_requested.connect(lambda ops, label: sent.append((ops, label)))
    added = bin_.add_asset(Asset("h1", "doge.png", "image", width=400, height=300))
    bin_.add_files([media_dir / "notes.txt"])
    qtbot.waitUntil(lambda: not bin_.adding and len(bin_.items) == 2)
    refused = next(i for i in bin_.items.values() if i.state == "failed")
    bin_.use(refused)  # a refused file is not sent anywhere
    row = bin_._row_for(added.key)
    assert row is not None
    bin_.list.itemDoubleClicked.emit(row)
    assert sent == [([AddMedia(asset="h1")], "add media")]
    bin_.remove(refused.key)
    assert list(bin_.items) == [added.key] and bin_.list.count() == 1
    bin_.remove(added.key)
    assert bin_.empty_hint.isVisible() and not bin_.list.isVisible()


def test_at_its_smallest_the_window_still_fits_every_panel(qtbot: Any, aloop: Any) -> None:
    window = MainWindow(Settings(), UiState())
    qtbot.addWidget(window)
    window.resize(window.minimumSize())
    window.show()
    qtbot.waitExposed(window)
    need = window.minimumSizeHint()  # below this, panels are drawn over one another
    assert need.width() <= window.minimumWidth() and need.height() <= window.minimumHeight()
    center = window.preview.parentWidget()
    assert center.width() >= center.minimumWidth() >= 380  # the side panels gave way
    assert not window.media.list.horizontalScrollBar().isVisible()


def test_the_shortcut_list_is_a_table_that_lines_up() -> None:
    html = shortcuts_table()
    assert html.count("<tr>") == len(SHORTCUTS)
    assert "<b>Ctrl+Shift+Z</b></td><td>Redo</td>" in html
    assert "\t" not in html


def test_offline_names_the_failed_backend_and_what_to_do(qtbot: Any, run: Any) -> None:
    window = MainWindow(Settings(), UiState())
    qtbot.addWidget(window)
    window.status.set_backend("local")  # the engine worked; then Settings chose the cloud
    window.show_connect_error("Cannot reach the NemoVideo service.", "cloud")
    assert window.status.state == "offline"
    assert window.status.backend_label.text() == "NemoVideo cloud"
    assert "Reconnect (Ctrl+Shift+R)" in window.chat.texts()[-1]
    window.chat.submit("make it square")
    run.until(lambda: not window.chat.busy, timeout=5)
    last = window.chat.bubbles[-1]
    assert last.role == "error" and last.text().startswith("Not connected")
    assert last.retry_button is not None  # the message is not lost
