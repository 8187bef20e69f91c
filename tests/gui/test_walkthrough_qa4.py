"""What a fourth click-through of the real window found with real-life media and failures,
kept fixed: a phone clip filmed upright (stored sideways with a rotation) shows an upright
thumbnail in the media bin; "turn this into a meme" with only a song in the bin makes the meme
with that song (it used to be left out for stock music); the same file imported twice is one
item in the bin (it used to be two, the same media); a file imported into a full bin is scrolled
into view (it used to land out of sight at the bottom, as if nothing happened); an export cut
off by a crash of the app is reported and its render stopped (the engine used to render it
again nobody waiting for it, holding the preview back for minutes); the "Saved" window of one
project's export goes away when another project opens (it used to stay over the new one); why
there is no preview is readable on a vertical picture (it was one line, cut off after "No
preview: The export failed t")."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListWidgetItem

from meme_desktop.api.render import new_job_id
from meme_desktop.config import ffmpeg_exe
from meme_desktop.ui.export_dialog import ExportProgress
from tests.helpers.media import make_audio, make_clip, make_image


def phone_clip(folder: Path) -> Path:
    """A 1080x1920 phone clip as phones store it: 1920x1080 frames and a 90° display rotation."""
    wide = make_clip(folder / "wide.mp4", seconds=1.0, size="320x180")
    upright = folder / "phone clip.mp4"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                    "-display_rotation", "90", "-i", str(wide), "-c", "copy", str(upright)],
                   check=True, stdin=subprocess.DEVNULL)
    return upright


def test_a_phone_clip_filmed_upright_has_an_upright_thumbnail(
        window: Any, run: Any, tmp_path: Path) -> None:
    clip = phone_clip(tmp_path)
    window.media.add_files([clip])
    run.until(lambda: len(window.media.items) == 1)
    item = next(iter(window.media.items.values()))
    run.until(lambda: item.state == "done" and item.has_thumbnail, timeout=60)
    assert item.details.text() == "video · 0:01 · 180×320"
    image = item._image
    assert image is not None
    assert image.height() > image.width(), "the thumbnail lies on its side"


def test_a_meme_from_a_song_alone_plays_that_song(
        window: Any, run: Any, tmp_path: Path) -> None:
    song = make_audio(tmp_path / "my song.mp3", seconds=5.0)
    window.media.add_files([song])
    item = next(iter(window.media.items.values()))
    run.until(lambda: item.state == "done", timeout=60)
    window.send_text("turn this into a meme")
    run.until(lambda: window.model.draft.segments(7), timeout=30)
    sources = [s.src for s in window.model.draft.segments(1)]
    assert item.asset.hash in sources, f"the song is not in the meme: {sources}"
    assert not any(src.startswith("music:") for src in sources)


def test_the_same_file_imported_twice_is_one_item(window: Any, run: Any, tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "cat clip.mp4", seconds=1.0)
    window.media.add_files([clip])
    run.until(lambda: [i.state for i in window.media.items.values()] == ["done"], timeout=60)
    first = next(iter(window.media.items))
    window.media.add_files([clip, clip])
    run.until(lambda: not window.session.uploads.running and not window.media.adding
              and all(i.state == "done" for i in window.media.items.values()), timeout=60)
    run.idle(0.3)
    assert list(window.media.items) == [first]
    assert window.media.list.count() == 1
    assert window.media.list.currentRow() == 0  # the item it already was is shown


def test_a_file_imported_into_a_full_bin_is_scrolled_into_view(
        window: Any, run: Any, tmp_path: Path) -> None:
    picture = make_image(tmp_path / "pic.png", size="64x48")
    many = []
    for i in range(15):
        many.append(tmp_path / f"pic {i:02d}.png")
        many[-1].write_bytes(picture.read_bytes())
    window.media.add_files(many)
    run.until(lambda: len(window.media.items) == 15 and not window.media.adding)
    bin_list = window.media.list
    bin_list.scrollToTop()
    run.idle(0.1)

    def shown(row: QListWidgetItem) -> bool:
        return bin_list.viewport().rect().intersects(bin_list.visualItemRect(row))

    assert not shown(bin_list.item(14)), "the bin is too tall for this test"
    window.media.add_files([make_clip(tmp_path / "new clip.mp4", seconds=1.0)])
    run.until(lambda: len(window.media.items) == 16 and not window.media.adding)
    run.idle(0.1)
    assert shown(bin_list.item(15)), "the new file is out of sight"
    run.until(lambda: not window.session.uploads.running, timeout=60)


def _clip_on_timeline(window: Any, run: Any, tmp_path: Path, seconds: float) -> Any:
    """A generated clip added to the bin, uploaded and put on the timeline; its bin item."""
    window.media.add_files([make_clip(tmp_path / "cat clip.mp4", seconds=seconds)])
    item = next(iter(window.media.items.values()))
    run.until(lambda: item.state == "done", timeout=60)
    window.media.use(item)
    run.until(lambda: window.model.draft.segments(0), timeout=30)
    return item


def test_an_export_cut_off_by_a_crash_is_not_rendered_again_for_nobody(
        window: Any, run: Any, tmp_path: Path) -> None:
    _clip_on_timeline(window, run, tmp_path, 20.0)
    assistant = window.session.assistant
    client = assistant.client
    # what the engine does after the app was killed mid-export: it renders the job again
    job = new_job_id()
    run(client.submit_render(job, assistant.session_id, window.model.draft.to_json(),
                             {"format": "mp4", "quality": "best"}))
    window.exports.ui_state.pending_exports.append({"dest": str(tmp_path / "lost.mp4"),
                                                    "job": job})
    assert window.exports.report_pending() == 1
    assert any("lost.mp4" in t and "interrupted" in t for t in window.chat.texts())
    run.until(lambda: run(client.render_status(job)).status == "cancelled", timeout=30)


def test_the_saved_window_goes_when_another_project_opens(
        window: Any, run: Any, tmp_path: Path) -> None:
    done = ExportProgress(window, tmp_path / "meme.mp4")
    window.exports.progress = done
    done.present()
    done.saved(tmp_path / "meme.mp4")
    assert done.isVisible()
    run(window.projects.new_project())
    assert not done.isVisible(), "the last project's export is still shown"
    running = ExportProgress(window, tmp_path / "other.mp4")
    window.exports.progress = running
    running.present()
    run(window.projects.new_project())
    assert running.isVisible(), "a running export keeps its window"
    running.saved(tmp_path / "other.mp4")
    running.accept()


def test_why_there_is_no_preview_is_not_cut_off(window: Any, run: Any, tmp_path: Path) -> None:
    _clip_on_timeline(window, run, tmp_path, 1.0)
    canvas = window.preview.frames
    why = ("No preview: Lost the connection to the built-in engine; it is being restarted. "
           "Try again.")
    window.preview.set_busy(why)
    canvas.repaint()
    box = canvas.message_box
    assert box is not None and canvas.canvas_rect().contains(box)
    room = box.adjusted(6, 0, -6, 0).toRect()
    needed = QFontMetrics(canvas.font()).boundingRect(
        QRect(0, 0, room.width(), 10_000), int(Qt.TextFlag.TextWordWrap), why)
    assert needed.height() > QFontMetrics(canvas.font()).height(), "it fits one line anyway"
    assert needed.height() <= box.height(), "the sentence is cut off"


def test_a_failed_preview_speaks_of_the_preview_not_of_an_export(
        window: Any, run: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """A preview render that fails used to say "No preview: The export failed twice…",
    though nobody exported; it names the timeline instead (English and Chinese)."""
    from meme_desktop.api.errors import RenderFailedError
    from meme_desktop.ui import i18n

    item = _clip_on_timeline(window, run, tmp_path, 1.0)
    previews = window.session.previews
    run.until(lambda: previews.idle, timeout=60)

    async def failing(*_args: Any, **_kw: Any) -> None:
        raise RenderFailedError("render failed twice")

    monkeypatch.setattr(window.session.assistant, "preview", failing)
    said: list[str] = []
    previews.rendering.connect(said.append)
    for language, expected in (("en", "No preview: this timeline could not be rendered"),
                               ("zh_CN", "这条时间线无法渲染")):
        i18n.set_language(language)
        try:
            said.clear()
            previews.reset()
            window.media.use(item)
            run.until(lambda want=expected: any(want in s for s in said), timeout=30)
        finally:
            i18n.set_language("en")
        assert not any("export" in s.lower() or "导出" in s for s in said)
        run.until(lambda: previews.idle, timeout=30)
