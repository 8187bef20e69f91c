"""Non-blocking dialog helpers: open a dialog with ``open()`` and await its result.

A modal ``exec()`` inside a coroutine would nest an event loop under qasync; instead
:func:`await_dialog` opens the dialog (window-modal) and resolves a future from its
``finished`` signal. :func:`ask_yes_no` and :func:`ask_save_path` build on it. Every dialog's
classmethod that tests patch returns plain data.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QDialog, QFileDialog, QListWidget, QMessageBox, QWidget

from meme_desktop.ui.i18n import tr


async def await_dialog(dialog: QDialog) -> int:
    """Open ``dialog`` and wait (without blocking the loop) until it closes; its result code."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(code: int) -> None:
        if not future.done():
            future.set_result(code)

    dialog.finished.connect(done)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(done)


def show_every_row(rows: QListWidget) -> int:
    """Make a short list tall enough to show all of its rows without scrolling, in any
    language and at any scale (a row's height follows its font; two lines of Chinese are
    taller than two of English); the height it needs. Call it once the list is shown."""
    rows.doItemsLayout()
    rows.scrollToTop()
    if rows.count() == 0:
        return rows.minimumHeight()
    first = rows.visualItemRect(rows.item(0))
    last = rows.visualItemRect(rows.item(rows.count() - 1))
    chrome = rows.height() - rows.viewport().height()  # frame, padding
    need = last.bottom() - first.top() + 1 + 2 * max(0, first.top()) + chrome + 2
    if need > rows.height():
        rows.setMinimumHeight(need)
    return need


def roomy(dialog: QFileDialog) -> QFileDialog:
    """Qt's own file dialog (used where the desktop offers none) opens so small that names,
    sizes and dates are cut off; give it room."""
    dialog.resize(max(dialog.width(), 820), max(dialog.height(), 520))
    return dialog


async def ask_yes_no(parent: QWidget | None, title: str, text: str,
                     yes_text: str = "", no_text: str = "",
                     moot: SignalInstance | None = None) -> bool:
    """A question; ``yes_text`` / ``no_text`` name the buttons by what they do ("Stop and
    quit" / "Keep exporting") instead of a bare Yes / No. "No" is the default. When ``moot``
    fires the question no longer needs asking ("Stop the export?" once it has ended): the box
    closes by itself and the answer is yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    for button, label in ((QMessageBox.StandardButton.Yes, yes_text),
                          (QMessageBox.StandardButton.No, no_text)):
        if label:
            box.button(button).setText(label)
    settled = False

    def settle(*_args: object) -> None:
        nonlocal settled
        settled = True
        box.done(QMessageBox.StandardButton.Yes)

    if moot is not None:
        moot.connect(settle)
    try:
        await await_dialog(box)
        return settled or box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
    finally:
        if moot is not None:
            moot.disconnect(settle)
        box.deleteLater()


async def inform(parent: QWidget | None, title: str, text: str, rich: bool = False) -> None:
    """A message with OK; ``rich`` text is HTML (e.g. a table that lines up)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    if rich:
        box.setTextFormat(Qt.TextFormat.RichText)
    try:
        await await_dialog(box)
    finally:
        box.deleteLater()


def with_extension(path: Path, ext: str) -> Path:
    """``meme`` → ``meme.mp4``; a wrong extension gets the right one appended."""
    if path.suffix.lower() == f".{ext}":
        return path
    return path.with_name(path.name + f".{ext}")


class SaveDialog:
    """The native save dialog, as plain data: ``await SaveDialog.ask(...) -> Path | None``."""

    @classmethod
    async def ask(cls, parent: QWidget | None, directory: str, suggested: str,
                  ext: str) -> Path | None:
        dialog = roomy(QFileDialog(parent, tr("Export video")))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix(ext)
        label = tr("GIF animation") if ext == "gif" else tr("MP4 video")
        dialog.setNameFilter(f"{label} (*.{ext})")
        if directory and Path(directory).is_dir():
            dialog.setDirectory(directory)
        dialog.selectFile(f"{suggested}.{ext}")
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            files = dialog.selectedFiles()
        finally:
            dialog.deleteLater()
        if not files:
            return None
        chosen = Path(files[0])
        path = with_extension(chosen, ext)
        # the dialog confirmed overwriting what it showed; confirm a name we changed ourselves
        if path != chosen and path.exists() and not await ask_yes_no(
                parent, tr("Replace file?"),
                tr("{name} already exists. Replace it?", name=path.name)):
            return None
        return path


class ImportDialog:
    """The file picker for Ctrl+O, as plain data: ``await ImportDialog.ask(...) -> [Path]``."""

    @classmethod
    async def ask(cls, parent: QWidget | None, directory: str, name_filter: str) -> list[Path]:
        dialog = roomy(QFileDialog(parent, tr("Import media")))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilter(name_filter)
        if directory and Path(directory).is_dir():
            dialog.setDirectory(directory)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return []
            return [Path(f) for f in dialog.selectedFiles()]
        finally:
            dialog.deleteLater()
