"""Captions as handles on the preview, on the real engine with real mouse and key events: drag
one to place it (``xy``), drag a corner to resize it, double-click to retype it, Esc to cancel;
each is one undo step, and the preview shows it at once without a new render."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from meme_desktop.caption_geometry import caption_xy
from tests.gui.gestures import Mouse, caption, nothing_sent, one_step, project


def ready_canvas(window: Any, run: Any, media_dir: Path) -> Any:
    project(window, run, media_dir)
    canvas = window.preview.frames
    window.resize(1400, 900)
    run.until(lambda: window.session.previews.idle and window.session.previews.renders >= 1,
              timeout=90)
    hello = caption(window, "HELLO")
    canvas.set_time(500)  # HELLO shows from 0 to 1.5 s
    run.until(lambda: canvas.caption_box(hello) is not None, timeout=30)
    return canvas


def centre_of(canvas: Any, text: str) -> QPoint:
    box = canvas.to_widget(canvas.caption_box(caption(canvas_window(canvas), text))[0])
    return box.center().toPoint()


def canvas_window(canvas: Any) -> Any:
    return canvas.window()


def test_drag_a_caption_to_place_it_anywhere(window: Any, run: Any, media_dir: Path) -> None:
    canvas = ready_canvas(window, run, media_dir)
    renders = window.session.previews.renders
    mouse = Mouse(canvas)
    hello = caption(window, "HELLO")
    start = centre_of(canvas, "HELLO")
    before = canvas.caption_box(hello)[0]
    w, h = canvas.canvas_size()
    scale = canvas.canvas_rect().width() / w
    move = QPoint(int(w * 0.2 * scale), int(h * 0.4 * scale))
    mouse.drag(start, start + move, release=False)
    assert canvas.drag is not None and canvas.drag.xy is not None  # the picture follows
    assert window.model.selection == (hello.id,)
    one_step(window, run, lambda: mouse.release(start + move))
    placed = caption(window, "HELLO")
    xy = placed.xy
    assert xy is not None
    assert abs(xy[0] - (before.center().x() / w + 0.2)) < 0.01  # moved a fifth across
    assert abs(xy[1] - (before.center().y() / h + 0.4)) < 0.01  # and two fifths down
    assert window.model.history.undo_label == "move caption"
    # the next frame paints it there, from the renderer's own placement
    box, picture = canvas.caption_box(placed)
    x, y = caption_xy(placed.style, placed.pos, xy, w, h, picture.width, picture.height)
    assert (round(box.left()), round(box.top())) == (x, y)
    run.idle(0.6)
    assert window.session.previews.renders == renders  # no new render for a caption


def test_esc_cancels_a_caption_drag(window: Any, run: Any, media_dir: Path) -> None:
    canvas = ready_canvas(window, run, media_dir)
    mouse = Mouse(canvas)
    start = centre_of(canvas, "HELLO")

    def cancelled() -> None:
        window.preview.play()
        mouse.drag(start, start + QPoint(40, 90), release=False)
        assert canvas.drag is not None
        assert not window.preview.playing  # held: the caption stays on screen
        QTest.keyClick(canvas, Qt.Key.Key_Escape)
        assert canvas.drag is None
        mouse.release(start + QPoint(40, 90))

    nothing_sent(window, run, cancelled)
    assert caption(window, "HELLO").xy is None


def test_drag_a_corner_to_resize_and_double_click_to_retype(window: Any, run: Any,
                                                           media_dir: Path) -> None:
    canvas = ready_canvas(window, run, media_dir)
    mouse = Mouse(canvas)
    hello = caption(window, "HELLO")
    start = centre_of(canvas, "HELLO")
    mouse.press(start)  # a click selects it: its corners become handles
    mouse.release(start)
    assert window.model.selection == (hello.id,)
    box = canvas.to_widget(canvas.caption_box(hello)[0])
    corner = box.bottomRight().toPoint()
    assert canvas.hit(box.bottomRight())[2] == 2
    outward = QPoint(int(box.width() / 2), int(box.height() / 2))  # twice as far from the centre
    mouse.drag(corner, corner + outward, release=False)
    assert canvas.drag is not None and canvas.drag.size is not None and canvas.drag.size > 1.5
    one_step(window, run, lambda: mouse.release(corner + outward))
    resized = caption(window, "HELLO")
    assert 1.5 < resized.size <= 2.5 and window.model.history.undo_label == "resize caption"
    run.until(lambda: canvas.caption_box(resized) is not None
              and canvas.caption_box(resized)[1].height > box.height() / (
                  canvas.canvas_rect().width() / canvas.canvas_size()[0]) * 1.4, timeout=30)

    mouse.double_click(centre_of(canvas, "HELLO"))
    editor = canvas.editor
    assert editor is not None and editor.hasFocus()
    assert editor.textCursor().selectedText() == "HELLO"
    QTest.keyClicks(editor, "WHEN THE CODE COMPILES")
    one_step(window, run, lambda: QTest.keyClick(editor, Qt.Key.Key_Return))
    assert caption(window, "WHEN THE CODE COMPILES").id == hello.id
    assert window.model.history.undo_label == "retype caption"
    retyped = caption(window, "WHEN THE CODE COMPILES")
    run.until(lambda: canvas.caption_box(retyped) is not None, timeout=30)
