"""Save PNGs of the window's main states for the README and docs, in both themes and both
interface languages::

    python tests/gui/screenshots.py OUT [--language en|zh_CN|both] [--theme light|dark|both]

Runs the real app (embedded engine child process, offscreen Qt) in a temporary data folder,
once per language and theme, each in its own process (the language is chosen before any
widget exists). English in the light theme goes into OUT itself: ``01-empty.png``,
``02-after-drop.png``, ``03-after-edit.png``, ``04-exporting.png``, ``06-timeline-drag.png``
(a caption dragged on the timeline: the snapping guide and the tooltip),
``07-preview-retype.png`` (a caption being retyped on the preview) and
``08-preview-drag.png`` (a caption dragged on the preview), ``09-projects.png`` (File › Open
project…: the project list with thumbnails) and ``10-batch.png`` ("Make a meme from each" on
two files picked in the media bin, mid-way). The other three go into ``OUT/dark/``,
``OUT/zh_CN/`` and ``OUT/zh_CN-dark/``, with the README's four (01–04) and 09–10; in Chinese
the chat is written in Chinese. The gestures are real mouse and key events. Nothing is
patched except the dialogs that ask (the export flow's and the batch's: their classmethods
return plain data, as in the tests) and the preview, which plays its decoded frames instead of Qt Multimedia's (their
timing is steadier for a still picture). With Pillow installed the PNGs are reduced to 256
colours (a quarter of the size); without it they are saved as Qt writes them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
_TMP = Path(tempfile.mkdtemp(prefix="meme-shots-"))
for _name in ("DATA", "CONFIG", "CACHE"):
    os.environ[f"MEME_DESKTOP_{_name}_DIR"] = str(_TMP / _name.lower())

import qasync  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from meme_desktop.app import Backend  # noqa: E402
from meme_desktop.config import Settings, UiState  # noqa: E402
from meme_desktop.ui import i18n, preview, theme  # noqa: E402
from meme_desktop.ui.dialogs import SaveDialog  # noqa: E402
from meme_desktop.ui.export_dialog import ExportDialog, choice_for  # noqa: E402
from meme_desktop.ui.main_window import MainWindow  # noqa: E402
from tests.helpers.media import make_clip, make_image  # noqa: E402

SIZE = (1280, 800)
# what the person types, in the interface's language; the first caption is selected in 03
SAYS = {
    "en": ('add the caption "WHEN THE CODE COMPILES" on top',
           'add "ON THE FIRST TRY" at the bottom', "add a vine boom at 2s"),
    "zh_CN": ("在顶部加字幕“代码一次编译通过”", "在底部加字幕“第一次就成功”",
              "在 2 秒加一个 vine boom 音效"),
}
FOLDERS = {("en", False): "", ("en", True): "dark", ("zh_CN", False): "zh_CN",
           ("zh_CN", True): "zh_CN-dark"}
preview.PreviewPanel.__init__.__defaults__ = (None, False)  # frames, not a video surface


async def until(condition: object, timeout: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():  # type: ignore[operator]
        if loop.time() > end:
            if timeout < 5:  # a short wait is a "no later than", not a requirement
                return
            raise TimeoutError("the window did not reach the expected state")
        await asyncio.sleep(0.01)


def save(window: QWidget, path: Path, dialog: QWidget | None = None) -> None:
    shot: QPixmap = window.grab()
    if dialog is not None:  # a separate top-level window: paint it centred over the shot
        over = dialog.grab()
        p = QPainter(shot)
        x, y = (shot.width() - over.width()) // 2, (shot.height() - over.height()) // 2
        p.fillRect(x + 4, y + 6, over.width(), over.height(), QColor(0, 0, 0, 60))  # shadow
        p.drawPixmap(QPoint(x, y), over)
        p.setPen(QColor(theme.current_palette()["border"]))
        p.drawRect(x, y, over.width() - 1, over.height() - 1)
        p.end()
    shot.save(str(path))
    try:  # 256 colours: a screenshot of flat panels loses nothing visible, 3-4× smaller
        from PIL import Image
    except ImportError:
        pass
    else:
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT,
                                                  dither=Image.Dither.NONE)
        small.save(path, optimize=True)
    print("saved", path, f"{path.stat().st_size // 1024} KB")


async def make_media(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    loop = asyncio.get_running_loop()
    clip = await loop.run_in_executor(None, make_clip, folder / "office cat.mp4", 3.0, "640x360")
    img = await loop.run_in_executor(None, make_image, folder / "doge.png", "480x480", "0xd9a441")
    notes = folder / "notes.txt"
    notes.write_text("not a meme", encoding="utf-8")
    return [clip, img, notes]


async def gestures(window: MainWindow, out: Path) -> None:
    """Mid-drag on the timeline, retyping and dragging on the preview (real mouse and keys)."""
    from tests.gui.gestures import Mouse, block_point

    view = window.track
    bottom = next(s for s in window.model.captions() if s.text == "ON THE FIRST TRY")
    window.model.seek(2000)
    mouse = Mouse(view.viewport())
    start = block_point(view, bottom.id, dx=-view.items_by_id[bottom.id].rect().width() / 4)
    to = view.x_of(2000) - view.x_of(bottom.start) - 3  # just short of the playhead: it snaps
    mouse.drag(start, start + QPoint(int(to), 0), release=False)
    await asyncio.sleep(0.2)
    save(window, out / "06-timeline-drag.png")
    QTest.keyClick(view, Qt.Key.Key_Escape)
    mouse.release(start + QPoint(int(to), 0))

    window.preview.seek(1500)
    canvas = window.preview.frames
    top = next(s for s in window.model.captions() if s.text == "WHEN THE CODE COMPILES")
    await until(lambda: canvas.caption_box(top) is not None, timeout=30)
    box = canvas.to_widget(canvas.caption_box(top)[0])
    Mouse(canvas).double_click(box.center().toPoint())
    editor = canvas.editor
    if editor is not None:
        QTest.keyClicks(editor, "WHEN IT COMPILES")
        await asyncio.sleep(0.2)
        save(window, out / "07-preview-retype.png")
        QTest.keyClick(editor, Qt.Key.Key_Escape)
    await asyncio.sleep(0.1)
    mouse = Mouse(canvas)
    centre = box.center().toPoint()
    mouse.press(centre)
    mouse.release(centre)
    mouse.drag(centre, centre + QPoint(0, int(box.height() * 2.5)), release=False)
    await asyncio.sleep(0.2)
    save(window, out / "08-preview-drag.png")
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    mouse.release(centre + QPoint(0, int(box.height() * 2.5)))
    window.model.select(())
    _ = QPointF  # noqa: F841


async def projects_and_batch(window: MainWindow, out: Path, language: str) -> None:
    """The batch progress mid-way (two files picked in the bin), then the project list."""
    from meme_desktop.ui.batch_dialog import BatchChoice, BatchDialog, FolderDialog

    async def choose(cls: object, *args: object, **kw: object) -> BatchChoice:
        return BatchChoice("周一" if language.startswith("zh") else "mondays", "square", "fast")

    async def ask(cls: object, *args: object, **kw: object) -> Path:
        folder = _TMP / "memes"
        folder.mkdir(exist_ok=True)
        return folder

    BatchDialog.choose = classmethod(choose)  # type: ignore[method-assign,assignment]
    FolderDialog.ask = classmethod(ask)  # type: ignore[method-assign,assignment]
    view = window.media.list
    for n in range(view.count()):
        at = view.visualItemRect(view.item(n)).center()
        mods = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, at)
    await asyncio.sleep(0.2)
    QTest.mouseClick(window.media.batch_button, Qt.MouseButton.LeftButton)
    await until(lambda: window.batches.batch is not None
                and window.batches.batch.items[0].status == "saved", timeout=120)
    await until(lambda: window.batches.progress.bar.value() >= 600, timeout=2)
    save(window, out / "10-batch.png", window.batches.progress)
    await until(lambda: not window.batches.running, timeout=120)
    window.batches.progress.close()

    task = asyncio.ensure_future(window.projects.show_list())
    await until(lambda: window.projects.dialog is not None, timeout=30)
    dialog = window.projects.dialog
    await until(lambda: all(not dialog.table.item(r, 0).icon().isNull()
                            for r in range(dialog.table.rowCount())), timeout=3)
    await asyncio.sleep(0.2)
    save(window, out / "09-projects.png", dialog)
    dialog.reject()
    await task


async def main(out: Path, language: str, dark: bool) -> None:
    """One language in one theme: the README's four states; in English and light, also the
    gestures of docs/ui.md."""
    full = (language, dark) == ("en", False)
    out.mkdir(parents=True, exist_ok=True)
    settings = Settings.load()
    settings.language = language
    window = MainWindow(settings, UiState.load())
    window.preview.note.setText("")  # the frame player explains itself; not in a screenshot
    backend = Backend(window.session, window.settings)
    window.set_reconnect(backend.connect)
    window.resize(*SIZE)
    window.show()
    try:
        await backend.connect()
        await asyncio.sleep(0.3)
        save(window, out / "01-empty.png")

        files = await make_media(_TMP / "media")
        window.add_files(files)
        await until(lambda: len(window.media.items) == 3 and not window.session.uploading
                    and all(i.has_thumbnail or i.state == "failed"
                            for i in window.media.items.values()))
        await asyncio.sleep(0.3)
        save(window, out / "02-after-drop.png")

        for text in SAYS[language]:
            window.chat.submit(text)
            await until(lambda: not window.chat.busy)
        await until(lambda: window.session.previews.renders > 0
                    and window.session.previews.idle, timeout=60)
        await asyncio.sleep(0.3)
        window.preview.pause()
        window.preview.seek(min(1500, window.preview.duration_ms))
        captions = window.model.captions()
        if captions:
            window.model.select((captions[0].id,))
        await asyncio.sleep(0.2)
        save(window, out / "03-after-edit.png")
        if full:
            await gestures(window, out)

        async def choose(cls: object, *args: object, **kw: object) -> object:
            return choice_for("vertical", "best")

        async def ask(cls: object, *args: object, **kw: object) -> Path:
            return _TMP / "office cat meme.mp4"

        ExportDialog.choose = classmethod(choose)  # type: ignore[method-assign,assignment]
        SaveDialog.ask = classmethod(ask)  # type: ignore[method-assign,assignment]
        task = asyncio.ensure_future(window.exports.run())
        await until(lambda: window.exports.progress is not None, timeout=60)
        await until(lambda: window.exports.progress.state != "running"
                    or window.exports.progress.bar.value() >= 300, timeout=1.5)
        save(window, out / "04-exporting.png", window.exports.progress)
        await task
        await projects_and_batch(window, out, language)
    finally:
        window._closing_confirmed = True
        window.close()
        await backend.close()


def one(out: Path, language: str, dark: bool) -> None:
    """Run :func:`main` in this process (a fresh app: the language is set before any widget)."""
    app = QApplication(["meme-desktop"])
    app.setQuitOnLastWindowClosed(False)
    i18n.set_language(language)
    i18n.install_qt_translations(app)
    theme.apply(app, dark=dark)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(main(out / FOLDERS[language, dark], language, dark))
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide may crash while collecting at exit


def every(out: Path, languages: list[str], themes: list[bool]) -> int:
    """Each language in each theme, one child process each; the number that failed."""
    failed = 0
    for language in languages:
        for dark in themes:
            print(f"-- {language}, {'dark' if dark else 'light'}", flush=True)
            done = subprocess.run([sys.executable, __file__, str(out), "--one", language,
                                   "dark" if dark else "light"], check=False)
            failed += done.returncode != 0
    return failed


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshots for the README and docs.")
    parser.add_argument("out", nargs="?", default="docs/screenshots", type=Path)
    parser.add_argument("--language", choices=("en", "zh_CN", "both"), default="both")
    parser.add_argument("--theme", choices=("light", "dark", "both"), default="both")
    parser.add_argument("--one", nargs=2, metavar=("LANGUAGE", "THEME"),
                        help="one language and theme in this process (what each child runs)")
    args = parser.parse_args()
    if args.one:
        one(args.out, args.one[0], args.one[1] == "dark")
    langs = ["en", "zh_CN"] if args.language == "both" else [args.language]
    shades = [False, True] if args.theme == "both" else [args.theme == "dark"]
    sys.exit(1 if every(args.out, langs, shades) else 0)
