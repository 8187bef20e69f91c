"""Helpers for the gesture tests: a project on the real engine, real mouse and key events.

:func:`project` uploads a clip, a picture and a sound and lays out a timeline through the
window's own session (one ``POST /api/ops``). :func:`one_step` performs a gesture and waits
until the engine confirmed it and the view settled, then checks it made exactly ONE new
version (one undo step). :class:`Mouse` sends QTest press / move / release events to a widget
(with modifiers on every event, as a real mouse does while a key is held).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from meme_desktop.draft import Segment, TextSegment
from meme_desktop.draft import ops as O

Mods = Qt.KeyboardModifier
NO = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def project(window: Any, run: Any, media_dir: Path) -> dict[str, str]:
    """Upload the test media and make: picture 0–2 s, clip after it, a caption "HELLO"
    0–1.5 s at the top, "BYE" 2.5–3.5 s at the bottom, a vine boom at 1 s. Returns the
    asset hashes by file name."""
    window.media.add_files([media_dir / "doge.png", media_dir / "cat clip.mp4",
                            media_dir / "boom.mp3"])
    run.until(lambda: not window.session.uploading and len(window.model.assets) == 3,
              timeout=60)
    hashes = {a.name: h for h, a in window.model.assets.items()}
    ops = [O.AddMedia(asset=hashes["doge.png"], d=2000), O.AddMedia(asset=hashes["cat clip.mp4"]),
           O.AddCaption(txt="HELLO", pos="top", st=0, d=1500),
           O.AddCaption(txt="BYE", pos="bottom", st=2500, d=1000),
           O.AddSound(sound="vine_boom", st=1000)]
    one_step(window, run, lambda: window.model.edit(ops, "set up"))
    view = window.track
    view.auto_fit = False
    view.px_per_s = 100.0  # 1 px = 10 ms: easy arithmetic
    view.redraw()
    return hashes


def version(window: Any) -> int:
    return window.model.history.version


def one_step(window: Any, run: Any, gesture: Callable[[], object], timeout: float = 30) -> int:
    """Do ``gesture``; wait for the engine's answer; assert it made exactly one version."""
    before, done = version(window), window.session.edits_done
    gesture()
    run.until(lambda: window.session.edits_done > done and not window.model.busy, timeout)
    assert version(window) == before + 1, "one gesture, one undo step"
    return version(window)


def nothing_sent(window: Any, run: Any, gesture: Callable[[], object]) -> None:
    """Do ``gesture``; make sure no edit reached the engine."""
    before, done = version(window), window.session.edits_done
    sent: list[object] = []
    window.model.edit_requested.connect(lambda ops, label: sent.append(ops))
    gesture()
    run.idle(0.3)
    assert sent == [] and window.session.edits_done == done and version(window) == before


def seg(window: Any, seg_id: str) -> Segment:
    found = window.model.find(seg_id)
    assert found is not None, seg_id
    return found[1]


def caption(window: Any, text: str) -> TextSegment:
    return next(s for s in window.model.captions() if s.text == text)


class Mouse:
    """Real mouse events on one widget (a view's viewport, the preview canvas)."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget

    def _send(self, kind: QMouseEvent.Type, pos: QPoint, button: Qt.MouseButton,
              buttons: Qt.MouseButton, mods: Qt.KeyboardModifier) -> None:
        local = QPointF(pos)
        event = QMouseEvent(kind, local, QPointF(self.widget.mapToGlobal(pos)), button, buttons,
                            mods)
        QApplication.sendEvent(self.widget, event)

    def press(self, pos: QPoint, mods: Qt.KeyboardModifier = NO) -> None:
        QTest.mouseMove(self.widget, pos)
        QTest.mousePress(self.widget, LEFT, mods, pos)

    def move(self, pos: QPoint, mods: Qt.KeyboardModifier = NO, held: bool = True) -> None:
        self._send(QMouseEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton,
                   LEFT if held else Qt.MouseButton.NoButton, mods)

    def release(self, pos: QPoint, mods: Qt.KeyboardModifier = NO) -> None:
        QTest.mouseRelease(self.widget, LEFT, mods, pos)

    def drag(self, start: QPoint, end: QPoint, mods: Qt.KeyboardModifier = NO,
             steps: int = 6, release: bool = True) -> None:
        """Press at ``start``, move to ``end`` in ``steps`` (modifiers held throughout)."""
        self.press(start, mods)
        for i in range(1, steps + 1):
            self.move(start + (end - start) * i / steps, mods)
        if release:
            self.release(end, mods)

    def double_click(self, pos: QPoint) -> None:
        QTest.mouseDClick(self.widget, LEFT, NO, pos)


def block_point(view: Any, seg_id: str, where: str = "middle", dx: float = 0) -> QPoint:
    """A viewport point on a segment block: its ``middle``, ``left`` or ``right`` edge."""
    item = view.items_by_id[seg_id]
    r = item.mapRectToScene(item.rect())
    x = {"middle": r.center().x(), "left": r.left() + 2, "right": r.right() - 2}[where] + dx
    return view.mapFromScene(QPointF(x, r.center().y() + 6))


def open_caption_editor(window: Any, seg_id: str) -> Any:
    """Double-click a caption's block on the timeline; the in-place editor it opens (or None)."""
    view = window.track
    Mouse(view.viewport()).double_click(block_point(view, seg_id))
    return view.commands.editor
