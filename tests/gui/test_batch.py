"""Make a meme from each, in the window, on the real engine with the built-in meme maker:
three files picked in the media bin → three projects → three videos in the folder, listed as
they finish, the open project untouched; Cancel mid-way keeps the finished ones and leaves no
partial file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import av
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from meme_desktop.ui.batch_dialog import BatchChoice, BatchDialog, BatchProgress, FolderDialog
from tests.helpers.media import make_image


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """BatchDialog.choose → a topic, the maker's own shape; FolderDialog.ask → tmp/memes."""
    seen: dict[str, Any] = {"folder": tmp_path / "memes", "quality": "preview", "preset": None}
    seen["folder"].mkdir()

    async def choose(cls: Any, parent: Any, count: int, preset: Any = None,
                     quality: str = "high") -> BatchChoice:
        seen["count"] = count
        return BatchChoice("mondays", seen["preset"], seen["quality"])

    async def ask(cls: Any, parent: Any, directory: str) -> Path:
        return seen["folder"]

    monkeypatch.setattr(BatchDialog, "choose", classmethod(choose))
    monkeypatch.setattr(FolderDialog, "ask", classmethod(ask))
    return seen


def _import_three(window: Any, run: Any, media_dir: Path, tmp_path: Path) -> list[Path]:
    files = [media_dir / "doge.png", media_dir / "cat clip.mp4",
             make_image(tmp_path / "office.jpg", size="320x240", color="0x228844")]
    window.media.add_files(files)
    run.until(lambda: len(window.media.items) == 3 and all(
        i.state == "done" for i in window.media.items.values()), timeout=60)
    return files


def _pick_all(window: Any) -> None:
    """Click the first item, Ctrl+click the others (real mouse events on the bin)."""
    view = window.media.list
    for n in range(view.count()):
        at = view.visualItemRect(view.item(n)).center()
        mods = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, at)


def _projects(window: Any) -> dict[str, dict]:
    rows = window.engine.client().get("/api/sessions").json()["data"]["sessions"]
    return {r["task_name"]: r for r in rows}


def test_three_files_make_three_projects_and_three_videos(
        window: Any, run: Any, media_dir: Path, tmp_path: Path, answers: dict[str, Any],
        heartbeat: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _import_three(window, run, media_dir, tmp_path)
    own = window.session.assistant.session_id
    draft_before = window.track.draft.to_json()
    _pick_all(window)
    button = window.media.batch_button
    assert button.isVisible() and button.text() == "Make a meme from each (3)"
    heartbeat.start()
    shown: list[str] = []
    real = BatchProgress.set_item

    def set_item(self: BatchProgress, index: int, item: Any) -> None:
        real(self, index, item)
        shown.append(self.list.item(index).text())

    monkeypatch.setattr(BatchProgress, "set_item", set_item)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    run.until(lambda: window.batches.progress is not None, timeout=10)
    progress = window.batches.progress
    run.until(lambda: progress.state != "running", timeout=180)
    heartbeat.stop()
    print(heartbeat.report("batch"))
    folder: Path = answers["folder"]
    assert answers["count"] == 3
    assert sorted(p.name for p in folder.iterdir()) == ["cat clip.mp4", "doge.mp4",
                                                       "office.mp4"]
    for video in folder.iterdir():
        with av.open(str(video)) as container:
            assert container.duration and container.streams.video[0].width > 0
    assert progress.title.text() == "Made 3 of 3 memes"
    lines = [progress.list.item(n).text() for n in range(3)]
    assert lines[0].startswith("doge.png — saved as doge.mp4: “") and lines[0].endswith("”")
    assert lines[2].startswith("office.jpg — saved as office.mp4: “")
    made = [i.message for i in window.batches.batch.items]
    assert len(set(made)) == 3, made  # one topic, three different jokes
    # listed as they finish: each file made, saved, and only then the next one started
    steps = [line.split(" — ")[0] + " " + line.split(" — ")[1].split(":")[0] for line in shown]
    assert steps == [f"{n} {s}" for n in ("doge.png", "cat clip.mp4", "office.jpg")
                     for s in ("making the meme…", "made", "made, saving…", "saved as "
                               + {"doge.png": "doge.mp4", "cat clip.mp4": "cat clip.mp4",
                                  "office.jpg": "office.mp4"}[n])]
    projects = _projects(window)
    for name in ("doge", "cat clip", "office"):  # a project each, named after its file
        assert projects[name]["segments"] >= 2 and projects[name]["assets"] == 1
    assert window.session.assistant.session_id == own  # the open project is untouched
    assert window.track.draft.to_json() == draft_before
    assert window.chat.texts()[-1] == f"Made 3 of 3 memes in {folder}."
    run.until(lambda: {"doge", "cat clip", "office"} <= {
        r.display_name for r in window.projects.recent}, timeout=20)
    assert progress.folder_button.isVisible()
    heartbeat.check(wall_limit=1.0)


def test_cancel_mid_way_keeps_the_finished_ones_and_no_partial_file(
        window: Any, run: Any, media_dir: Path, tmp_path: Path,
        answers: dict[str, Any]) -> None:
    answers["quality"], answers["preset"] = "best", "vertical"  # long enough to stop
    _import_three(window, run, media_dir, tmp_path)
    _pick_all(window)
    window.media.batch_button.click()
    run.until(lambda: window.batches.batch is not None
              and window.batches.batch.items[1].status == "exporting", timeout=180)
    progress = window.batches.progress
    assert progress.list.item(0).text().startswith("doge.png — saved as doge.mp4: “")
    run.until(lambda: QApplication.focusWidget() is progress.cancel_button, timeout=5)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # Esc cancels at once
    run.until(lambda: progress.state == "cancelled", timeout=60)
    folder: Path = answers["folder"]
    run.until(lambda: sorted(p.name for p in folder.iterdir()) == ["doge.mp4"], timeout=20)
    assert [i.status for i in window.batches.batch.items] == ["saved", "cancelled",
                                                               "cancelled"]
    assert progress.title.text() == "Stopped: 1 of 3 memes saved"
    assert progress.list.item(1).text() == "cat clip.mp4 — cancelled"
    assert window.chat.texts()[-1] == f"Stopped the batch: 1 of 3 memes saved in {folder}."
    with av.open(str(folder / "doge.mp4")) as container:
        assert container.streams.video[0].height == 1920
    jobs = window.engine.data_dir / "renders"
    run.until(lambda: not list(jobs.glob("**/*.part*")), timeout=20)  # nor on the engine


def test_the_batch_button_shows_for_several_pictures_or_clips(window: Any, run: Any,
                                                             media_dir: Path) -> None:
    window.media.add_files([media_dir / "doge.png", media_dir / "boom.mp3"])
    run.until(lambda: len(window.media.items) == 2 and all(
        i.state == "done" for i in window.media.items.values()), timeout=60)
    _pick_all(window)
    assert [a.kind for a in window.media.batch_assets()] == ["image"]  # not the sound
    assert not window.media.batch_button.isVisible()


def test_selected_media_look_selected(window: Any, run: Any, media_dir: Path) -> None:
    """The rows' frames cover the list's highlight, so each frame shows it itself."""
    window.media.add_files([media_dir / "doge.png", media_dir / "cat clip.mp4"])
    run.until(lambda: len(window.media.items) == 2 and all(
        i.state == "done" for i in window.media.items.values()), timeout=60)
    view = window.media.list

    def colour(n: int) -> Any:
        widget = view.itemWidget(view.item(n))
        return widget.grab().toImage().pixelColor(widget.width() - 6, widget.height() // 2)

    plain = colour(0)
    at = view.visualItemRect(view.item(0)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     at)
    assert colour(0) != plain and colour(1) == plain  # only the clicked one is highlighted
    _pick_all(window)
    assert colour(0) == colour(1) != plain and window.media.batch_button.isVisible()
    view.clearSelection()
    assert colour(0) == colour(1) == plain
