"""Panels on their own (no backend): track view, door checks, chat input, dialogs, i18n."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from meme_desktop.api.models import Asset, Credits, SessionState
from meme_desktop.config import Settings
from meme_desktop.draft import Draft
from meme_desktop.draft.ops import DeleteSegment, MoveSegment
from meme_desktop.ui import i18n, theme
from meme_desktop.ui.chat_panel import STARTERS, ChatPanel, scrub
from meme_desktop.ui.dialogs import with_extension
from meme_desktop.ui.export_dialog import PRESETS, ExportDialog, choice_for
from meme_desktop.ui.media_door import MAX_BYTES, check_file
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.settings_dialog import SettingsDialog
from meme_desktop.ui.status import StatusBar
from meme_desktop.ui.track_gestures import to_playhead_ops
from meme_desktop.ui.track_view import SegmentItem, TrackView, pack_rows

DRAFT = {
    "v": 1, "m": {"title": "monday", "width": 1080, "height": 1920, "fps": 30},
    "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [
            {"id": "s1", "src": "abc123", "st": 0, "d": 6000}]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            {"id": "s2", "src": "sfx:vine_boom", "st": 2000, "d": 900}]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "s3", "txt": "WHEN THE CODE COMPILES", "st": 0, "d": 6000},
            {"id": "s4", "txt": "BOTTOM TEXT", "st": 1000, "d": 2000}]},
    ],
}


def show(model: SessionModel, raw: dict, highlight: bool = False,
         assets: tuple[Asset, ...] = (Asset("abc123", "cat.jpg", "image"),)) -> None:
    model.set_state(SessionState("s", Draft.from_json(raw), list(assets)), highlight)


def test_track_view_draws_lanes_segments_and_labels(qtbot: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    show(model, DRAFT)
    items = view.items_by_id
    assert set(items) == {"s1", "s2", "s3", "s4"}
    assert items["s1"].label == "cat.jpg"
    assert items["s2"].label == "vine boom"
    assert items["s3"].label == "WHEN THE CODE COMPILES"
    # to scale: 6 s is three times as wide as 2 s, and 2 s starts 2 s in
    assert abs(items["s1"].rect().width() - 3 * items["s4"].rect().width()) < 1e-6
    assert abs(items["s2"].rect().left() - view._x(2000)) < 1e-6
    # coloured by type; overlapping captions sit on two rows of the same lane
    pal = theme.current_palette()
    assert items["s1"].color == QColor(pal["video"])
    assert items["s2"].color == QColor(pal["audio"])
    assert items["s3"].color == QColor(pal["caption"])
    assert items["s3"].rect().top() != items["s4"].rect().top()
    assert not any(i.changed for i in items.values())


def test_track_view_highlights_changes_zoom_and_playhead(qtbot: Any) -> None:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    show(model, DRAFT)
    changed = Draft.from_json(DRAFT)
    changed.find_segment("s4")[1].text = "NEW TEXT"
    show(model, changed.to_json(), highlight=True)
    assert {k for k, i in view.items_by_id.items() if i.changed} == {"s4"}
    width = view.items_by_id["s1"].rect().width()
    view.zoom(2.0)
    assert abs(view.items_by_id["s1"].rect().width() - 2 * width) < 1e-6
    model.set_playhead(2500)
    assert view._playhead is not None and abs(view._playhead.line().x1() - view._x(2500)) < 1e-6


def test_context_actions_become_typed_operations(qtbot: Any) -> None:
    from meme_desktop.ui.timeline_panel import DetailsLine

    model = SessionModel()
    view = TrackView(model)
    details = DetailsLine(model)
    qtbot.addWidget(view)
    qtbot.addWidget(details)
    show(model, DRAFT)
    sent: list[tuple[list[Any], str]] = []
    model.edit_requested.connect(lambda ops, label: sent.append((ops, label)))
    view.items_by_id["s3"].setSelected(True)
    assert model.selection == ("s3",) and "WHEN THE CODE COMPILES" in details.text()
    view.delete_action.trigger()
    view.scene().clearSelection()
    assert "Select a segment" in details.text()
    view.items_by_id["s2"].setSelected(True)
    model.set_playhead(3000)
    view.move_action.trigger()
    assert sent == [([DeleteSegment(id="s3")], "delete caption"),
                    ([MoveSegment(id="s2", st=3000)], "move sound")]
    seg = Draft.from_json(DRAFT).find_segment("s1")[1]
    assert to_playhead_ops([seg], 1500) == ([MoveSegment(id="s1", st=1500)], "move clip")
    assert isinstance(view.items_by_id["s1"], SegmentItem)


def test_pack_rows_stacks_only_overlaps() -> None:
    draft = Draft.from_json(DRAFT)
    rows, n = pack_rows(draft.tracks[2].segments)
    assert n == 2 and rows == {"s3": 0, "s4": 1}
    rows, n = pack_rows(draft.tracks[0].segments)
    assert n == 1


def test_door_refuses_with_reasons(tmp_path: Path) -> None:
    ok = tmp_path / "a.png"
    ok.write_bytes(b"x")
    assert check_file(ok).ok and check_file(ok).kind == "image"
    txt = tmp_path / "a.txt"
    txt.write_text("x")
    assert ".txt is not supported" in (check_file(txt).reason or "")
    empty = tmp_path / "e.mp4"
    empty.write_bytes(b"")
    assert check_file(empty).reason == "The file is empty."
    big = tmp_path / "big.mov"
    with big.open("wb") as f:  # sparse: no real 200 MB written
        f.truncate(MAX_BYTES + 1)
    assert "limit is 200 MB" in (check_file(big).reason or "")
    assert check_file(tmp_path / "missing.mp4").reason
    folder = tmp_path / "dir.mp4"
    folder.mkdir()
    assert "Folders" in (check_file(folder).reason or "")
    assert os.path.getsize(big) > MAX_BYTES


def test_chat_input_enter_sends_shift_enter_adds_line(qtbot: Any, run: Any) -> None:
    panel = ChatPanel()
    qtbot.addWidget(panel)
    sent: list[str] = []
    panel.input.submitted.connect(sent.append)
    qtbot.keyClicks(panel.input, "first line")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(panel.input, "second")
    assert panel.input.toPlainText() == "first line\nsecond"
    assert sent == []
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    assert sent == ["first line\nsecond"]
    assert panel.input.toPlainText() == ""
    assert [c.text() for c in panel.chips] == list(STARTERS)
    assert "Share your images or clips" in panel.texts()[0]
    # with no backend yet, the message is shown and answered with a retry, not lost
    run.until(lambda: not panel.busy)
    assert panel.texts()[1:] == ["first line\nsecond", "Not connected yet. Please wait a moment."]
    assert panel.bubbles[-1].retry_button is not None


def test_scrub_hides_tokens_and_ids() -> None:
    token = "Zx81kP0aQ7_vT2LmN9cR4sW6yB3dF5gH8jK1"
    assert token not in scrub(f"your token is {token} ok")
    assert "Bearer" not in scrub("Authorization: Bearer abc.def")
    assert scrub("Added the caption at 2s.") == "Added the caption at 2s."


def test_export_choices_and_extension(qtbot: Any) -> None:
    keys = [p.key for p in PRESETS]
    assert keys == ["vertical", "square", "feed", "landscape", "gif", "discord", "whatsapp"]
    gif = choice_for("gif", "high")
    assert gif.ext == "gif" and gif.options.format == "gif"
    discord = choice_for("discord", "fast")
    assert discord.options.max_mb == 10 and discord.ext == "mp4"
    dialog = ExportDialog(None, "whatsapp", "best")
    qtbot.addWidget(dialog)
    choice = dialog.choice()
    assert (choice.preset, choice.quality, choice.options.max_mb) == ("whatsapp", "best", 16)
    assert with_extension(Path("/x/meme"), "mp4") == Path("/x/meme.mp4")
    assert with_extension(Path("/x/meme.MP4"), "mp4") == Path("/x/meme.MP4")
    assert with_extension(Path("/x/meme.mov"), "gif") == Path("/x/meme.mov.gif")


def test_settings_dialog_returns_plain_data(qtbot: Any) -> None:
    dialog = SettingsDialog(None, Settings(), signed_in=False)
    qtbot.addWidget(dialog)
    assert not dialog.url.isEnabled()
    dialog.cloud.setChecked(True)
    dialog.url.setText("https://render.example.com/")
    dialog.token.setText("  secret-token  ")
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    result = dialog.result_data()
    assert result.backend == "cloud" and result.cloud_url == "https://render.example.com"
    assert result.token == "secret-token" and result.language == "zh_CN"
    assert "secret" not in repr(dialog.account_state.text())
    dialog.url.setText("ftp://nope")
    dialog._on_ok()
    assert dialog.url_error.isVisibleTo(dialog) and dialog.result() == 0


def test_chinese_table_and_status_bar(qtbot: Any) -> None:
    try:
        i18n.set_language("zh_CN")
        assert i18n.tr("Export…") != "Export…"
        assert i18n.tr("Connecting…") == "正在连接…"
        assert "3" in i18n.tr("Uploading… {pct}%", pct=3)
    finally:
        i18n.set_language("en")
    bar = StatusBar()
    qtbot.addWidget(bar)
    assert bar.text() == "Connecting…"
    bar.set_state("ready")
    bar.set_backend("cloud", anonymous=True)
    bar.set_credits(Credits(available=1234, total=1234))
    assert bar.text() == "Ready | NemoVideo cloud · starter account | Credits: 1,234"


def test_ctrl_wheel_zooms_the_timeline(qtbot: Any) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    view.show()
    show(model, DRAFT)
    before = view.px_per_s

    def wheel(delta: int, modifiers: Qt.KeyboardModifier) -> None:
        pos = QPointF(view.viewport().rect().center())
        event = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(0, 0),
                            QPoint(0, delta), Qt.MouseButton.NoButton, modifiers,
                            Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view.viewport(), event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_s == before * 1.25
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert view.px_per_s == before * 1.25 * 0.8 * 0.8
    zoomed = view.px_per_s
    wheel(-120, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls, it does not zoom
    assert view.px_per_s == zoomed


def test_the_caption_editor_shows_every_line_of_a_long_caption(qtbot: Any) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    from meme_desktop.ui.caption_editor import CaptionEditor

    room = QWidget()
    room.resize(400, 300)
    qtbot.addWidget(room)
    room.show()
    text = "nobody:\nmy cat at 3am:\nme pretending to sleep through the noise it makes"
    slot = QRect(40, 20, 220, 24)          # the caption's box on a small preview
    editor = CaptionEditor(room, "c1", text, slot)
    line = editor.fontMetrics().lineSpacing()
    assert editor.height() >= 4 * line      # three lines, one of them wrapping
    assert editor.y() >= 0 and editor.geometry().bottom() <= room.height()
    assert editor.verticalScrollBar().maximum() == 0      # nothing hidden behind a scroll bar
    short = CaptionEditor(room, "c2", "HI", QRect(40, 200, 220, 40))
    assert short.geometry() == QRect(38, 198, 224, 44)     # a caption that fits keeps its box
