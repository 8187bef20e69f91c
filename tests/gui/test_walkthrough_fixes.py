"""What a person clicking through the window noticed, kept fixed: starters that cannot apply
look it, every focused control shows its ring, a narrow chat or media bin never cuts its
contents off, a caption of several lines reads on one line on the timeline, a dragged caption
is not said to be "at the top", and the preview stacks captions that share a place as the
export does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

from meme_desktop.ui import theme
from meme_desktop.ui.media_items import BinItem

TWO_LINES = "nobody:\nmy cat: exists"


def styled(qapp: Any) -> None:
    theme.ThemeWatcher(qapp, force_dark=False)  # the app's stylesheet, light


def test_a_starter_that_cannot_apply_looks_disabled(qapp: Any, qtbot: Any) -> None:
    styled(qapp)
    enabled, disabled = QPushButton("export 1080p MP4"), QPushButton("export 1080p MP4")
    for button in (enabled, disabled):
        button.setObjectName("chip")
        qtbot.addWidget(button)
        button.show()
    disabled.setEnabled(False)
    colours = [{b.grab().toImage().pixelColor(x, y).name()
                for x in range(b.width()) for y in range(b.height())} for b in (enabled, disabled)]
    chip_text = theme.current_palette()["chipText"]
    assert chip_text in colours[0] and chip_text not in colours[1]


def test_the_dismiss_button_of_a_refused_file_shows_its_focus_ring(qapp: Any,
                                                                   qtbot: Any) -> None:
    styled(qapp)
    item = BinItem("notes.txt")
    qtbot.addWidget(item)
    item.set_failed(".txt is not supported. Use MP4, PNG or MP3.")
    item.show()
    qtbot.waitExposed(item)
    item.activateWindow()
    plain = item.dismiss.grab().toImage()
    item.dismiss.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(item.dismiss.hasFocus)
    ring = item.dismiss.grab().toImage()
    focus = theme.current_palette()["focus"]
    assert _edge_has(ring, focus) and not _edge_has(plain, focus)


def _edge_has(image: QImage, colour: str) -> bool:
    y = image.height() // 2
    return any(image.pixelColor(x, y).name() == colour for x in range(3))
