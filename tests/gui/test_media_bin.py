"""The media bin on the real engine: drops, door refusals, backend refusals, 20 files at once."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from meme_desktop.ui.media_bin import MAX_BYTES


def drop_files(widget: QWidget, paths: list[Path]) -> bool:
    """Send a real drag-enter + drop with file URLs, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()
    enter = QDragEnterEvent(QPoint(center), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(center), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def test_drop_adds_items_with_thumbnails(window: Any, run: Any, media_dir: Path) -> None:
    files = [media_dir / "cat clip.mp4", media_dir / "doge.png", media_dir / "boom.mp3"]
    assert drop_files(window.media, files)
    run.until(lambda: len(window.media.items) == 3)
    items = list(window.media.items.values())
    assert [i.name for i in items] == ["cat clip.mp4", "doge.png", "boom.mp3"]
    run.until(lambda: all(i.state == "done" and i.has_thumbnail for i in items), timeout=60)
    details = {i.name: i.details.text() for i in items}
    assert details["cat clip.mp4"] == "video · 0:02 · 320×180"
    assert details["doge.png"] == "image · 400×300"
    assert details["boom.mp3"].startswith("audio · 0:01")
    assert all(not i.progress.isVisible() for i in items)
    # the backend knows them: the session's assets list has the three names
    state = run(window.session.assistant.state())
    assert {"cat clip.mp4", "doge.png", "boom.mp3"} <= {a.name for a in state.assets}


def test_refused_files_say_why_and_the_others_go_on(window: Any, run: Any, media_dir: Path,
                                                    tmp_path: Path) -> None:
    big = tmp_path / "huge.mp4"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1024)  # sparse: over the limit without writing 200 MB
    files = [media_dir / "notes.txt", big, media_dir / "broken.mp4", media_dir / "doge.png"]
    assert drop_files(window.media, files)
    run.until(lambda: len(window.media.items) == 4)
    by_name = {i.name: i for i in window.media.items.values()}
    # refused at the door at once, before any upload
    assert by_name["notes.txt"].state == "failed"
    assert ".txt is not supported" in by_name["notes.txt"].error
    assert by_name["huge.mp4"].state == "failed"
    assert "limit is 200 MB" in by_name["huge.mp4"].error
    # one short line says why; the tooltip has all of it
    assert by_name["notes.txt"].error_label.text() == ".txt is not supported."
    assert by_name["notes.txt"].error in by_name["notes.txt"].toolTip()
    # the mislabelled file is refused by the backend, on its own item; the image goes on
    run.until(lambda: by_name["broken.mp4"].state == "failed"
              and by_name["doge.png"].state == "done", timeout=60)
    assert by_name["broken.mp4"].error and "broken.mp4:" not in by_name["broken.mp4"].error
    # the card's line does not spend its room on the name shown just above it
    shown = by_name["broken.mp4"].error_label.text()
    assert "broken.mp4" not in shown and shown[:1].isupper(), shown
    assert by_name["doge.png"].details.text() == "image · 400×300"


def test_twenty_files_never_stall_the_ui(window: Any, run: Any, media_dir: Path,
                                         tmp_path: Path, heartbeat: Any) -> None:
    files = []
    for i in range(20):
        src = media_dir / ("cat clip.mp4" if i % 2 else "doge.png")
        dst = tmp_path / f"file{i:02d}{src.suffix}"
        shutil.copy(src, dst)
        files.append(dst)
    heartbeat.start()
    assert drop_files(window.media, files)
    run.until(lambda: len(window.media.items) == 20)
    items = list(window.media.items.values())
    run.until(lambda: all(i.state == "done" and i.has_thumbnail for i in items), timeout=120)
    run.until(lambda: not window.session.uploading, timeout=30)
    heartbeat.stop()
    print(heartbeat.report("importing 20 files"))
    heartbeat.check()
