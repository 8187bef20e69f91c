"""The chat's input line: Enter sends, Shift+Enter adds a line; files dropped on it are
imported (``files_dropped``), never pasted as their names; Ctrl+Z / Ctrl+Shift+Z in an empty
input are left to the window (they undo and redo the project, not the typing).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from meme_desktop.ui.i18n import tr


def _dropped_files(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] \
        if mime.hasUrls() else []


class ChatInput(QPlainTextEdit):
    """Multi-line input: Enter submits, Shift+Enter inserts a new line."""

    submitted = Signal(str)
    files_dropped = Signal(list)  # paths: import them (never paste their names)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # short enough for a narrow chat (three lines of hint would be cut off); the keys
        # are in the tooltip and in Help › Keyboard shortcuts
        self.setPlaceholderText(tr("Describe your meme…"))
        self.setToolTip(tr("Enter sends, Shift+Enter starts a new line"))
        self.setTabChangesFocus(True)
        self.setFixedHeight(72)
        self.setAccessibleName(tr("Message"))

    def event(self, event: QEvent) -> bool:
        """In an empty input, undo / redo belong to the project: let the window's shortcut
        have them (a text editor otherwise claims them for its own typing)."""
        if event.type() == QEvent.Type.ShortcutOverride and not self.toPlainText() and \
                isinstance(event, QKeyEvent) and (
                    event.matches(QKeySequence.StandardKey.Undo)
                    or event.matches(QKeySequence.StandardKey.Redo)
                    # the stubs lack QKeySequence.__getitem__ (Qt's operator[]), which exists
                    or event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0]  # type: ignore[index]
                    .toCombined()):
            event.ignore()
            return True
        return super().event(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_files(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if _dropped_files(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = _dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
            return
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        text = self.toPlainText().strip()
        if text:
            self.clear()
            self.submitted.emit(text)
