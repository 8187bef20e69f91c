"""Retyping a caption in place (on the timeline or on the preview), and a sound's volume slider.

:class:`CaptionEditor` opens over the caption with its text selected: Enter commits, Shift+Enter
makes a new line, Esc cancels (nothing changes), and clicking elsewhere commits. It says what
happened with ``committed(text)`` / ``cancelled()``; the panel that opened it turns a commit into
a ``set_caption`` operation (a caption retyped to nothing is deleted). :class:`VolumePopup` is a small slider that pops up over a sound
and sends its value once, on release.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QSlider, QWidget

from meme_desktop.draft.ops import DeleteSegment, Op, SetCaption
from meme_desktop.ui.i18n import tr


def retype_ops(seg_id: str, text: str) -> tuple[list[Op], str]:
    """What a caption retyped in place sends: its new text, or, retyped to nothing, the
    caption removed (as Delete would; one undo step brings it back)."""
    if not text.strip():
        return [DeleteSegment(id=seg_id)], "delete caption"
    return [SetCaption(id=seg_id, txt=text)], "retype caption"


class CaptionEditor(QPlainTextEdit):
    """An in-place editor for one caption's text."""

    committed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, seg_id: str, text: str, rect: QRect) -> None:
        super().__init__(parent)
        self.seg_id = seg_id
        self.original = text
        self.done = False
        self.setObjectName("captionEditor")
        self.setAccessibleName(tr("Caption text"))
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlainText(text)
        self.selectAll()
        self.setGeometry(rect.adjusted(-2, -2, 2, 2))
        self.show()
        self._grow_to_fit()
        self.raise_()
        self.setFocus(Qt.FocusReason.MouseFocusReason)

    def _grow_to_fit(self) -> None:
        """Grow a line at a time (inside the parent) until every wrapped line shows: a
        three-line caption on a small preview is not retyped through a two-line slot."""
        room = self.parentWidget()
        if room is None:
            return
        bar = self.verticalScrollBar()
        while bar.maximum() > 0 and self.height() < room.height():
            grown = self.geometry().adjusted(0, 0, 0, self.fontMetrics().lineSpacing())
            grown.moveTop(max(0, min(grown.top(), room.height() - grown.height())))
            before = self.height()
            self.setGeometry(grown)
            if self.height() <= before:     # held at its maximum: nothing more to gain
                break

    def text(self) -> str:
        return self.toPlainText()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                self._grow_to_fit()
            else:
                self.finish(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # not for its own context menu
            self.finish(True)

    def finish(self, commit: bool) -> None:
        """Close the editor; commit a changed text (an empty one too: the caption is then
        removed), else cancel."""
        if self.done:
            return
        self.done = True
        text = self.text().strip("\n")
        self.hide()
        if commit and text != self.original and (text.strip() or self.original.strip()):
            self.committed.emit(text)
        else:
            self.cancelled.emit()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)
        self.deleteLater()


class VolumePopup(QFrame):
    """A slider from 0 to 200% over a sound; ``chosen(volume)`` once, when released."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget, volume: int) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("volumePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 200)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setValue(volume)
        self.slider.setMinimumWidth(160)
        self.slider.setAccessibleName(tr("Volume"))
        self.value = QLabel(f"{volume}%")
        self.value.setMinimumWidth(44)
        self.start = volume
        self.slider.valueChanged.connect(lambda v: self.value.setText(f"{v}%"))
        self.slider.sliderReleased.connect(self._send)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(QLabel(tr("Volume")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)

    def popup(self, at: QPoint) -> None:
        self.adjustSize()
        self.move(at)
        self.show()
        self.slider.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._send()
            return
        super().keyPressEvent(event)

    def _send(self) -> None:
        if self.slider.value() != self.start:
            self.start = self.slider.value()
            self.chosen.emit(self.start)
        self.close()
