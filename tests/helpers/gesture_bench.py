"""Editing by hand, timed (``tests/bench/app_bench.py``; DESIGN.md section 5):

- **frame time while dragging**: a 30-segment timeline (10 pictures, 10 captions, 10 sounds,
  with thumbnails and waveforms), a caption dragged along its lane by real mouse-move events;
  one frame = the move event handled + a synchronous repaint of the view, target < 16 ms;
- **release → engine confirmed → view settled**: from the release event of a drag to the
  track view redrawn from the engine's answer (``POST /api/ops`` on the local engine) and
  painted, target < 100 ms.
"""

from __future__ import annotations

import asyncio
import statistics
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from meme_desktop.draft import ops as O
from tests.helpers.perf_probes import Row, now, percentile, until

LEFT = Qt.MouseButton.LeftButton


def _mouse(widget: Any, kind: QMouseEvent.Type, pos: QPoint, button: Qt.MouseButton,
           buttons: Qt.MouseButton) -> None:
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


async def thirty_segments(window: Any, media: Path) -> None:
    """A fresh project holding 30 segments, the art of each loaded."""
    from tests.helpers.media import make_image

    session, model = window.session, window.model
    await session.new_project()
    window.add_files([make_image(media / "bench picture.png", size="480x480")])
    await until(lambda: not session.uploading and len(model.assets) == 1, 60)
    picture = next(iter(model.assets))
    ops: list[O.Op] = [O.AddMedia(asset=picture, d=1500) for _ in range(10)]
    ops += [O.AddCaption(txt=f"CAPTION {i}", st=i * 1500, d=1200, pos="top") for i in range(10)]
    ops += [O.AddSound(sound="vine_boom", st=i * 1500 + 300) for i in range(10)]
    done = session.edits_done
    model.edit(ops, "thirty segments")
    await until(lambda: session.edits_done > done and not model.busy, 60)
    assert len(model.draft.segments()) == 30, len(model.draft.segments())
    window.track.viewport().repaint()
    await until(lambda: not session.art.busy, 60)


async def release_and_settle(window: Any, at: QPoint) -> float:
    """Release the mouse; seconds until the view was redrawn from the engine's answer and
    painted."""
    view, session = window.track, window.session
    viewport = view.viewport()
    done = session.edits_done
    drawn: list[float] = []
    redraw = view.redraw

    def timed_redraw() -> None:
        redraw()
        viewport.repaint()
        drawn.append(now())

    view.redraw = timed_redraw  # type: ignore[method-assign]
    t0 = now()
    _mouse(viewport, QMouseEvent.Type.MouseButtonRelease, at, LEFT, Qt.MouseButton.NoButton)
    try:
        await until(lambda: session.edits_done > done and bool(drawn), 30)
    finally:
        del view.redraw
    return drawn[0] - t0


async def bench_gestures(window: Any, media: Path, drags: int = 12) -> list[Row]:
    await thirty_segments(window, media)
    view, model = window.track, window.model
    viewport = view.viewport()
    frames: list[float] = []
    settle: list[float] = []
    for n in range(drags):
        cap = sorted(model.captions(), key=lambda s: s.start)[n % 10]
        item = view.items_by_id[cap.id]
        r = item.mapRectToScene(item.rect())
        start = view.mapFromScene(QPointF(r.center().x(), r.center().y() + 4))
        _mouse(viewport, QMouseEvent.Type.MouseButtonPress, start, LEFT, LEFT)
        step = 1 if n % 2 == 0 else -1
        for i in range(1, 61):  # one second of mouse moves at 60 Hz
            pos = start + QPoint(step * i, 0)
            t0 = now()
            _mouse(viewport, QMouseEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, LEFT)
            viewport.repaint()
            frames.append(now() - t0)
        await asyncio.sleep(0.05)  # let the previews and art settle between gestures
        settle.append(await release_and_settle(window, start + QPoint(step * 60, 0)))
        await asyncio.sleep(0.3)
    med, p90 = statistics.median(frames), percentile(frames, 0.9)
    s_med, s_p90 = statistics.median(settle), percentile(settle, 0.9)
    return [
        Row("drag a segment, 30-segment timeline (a frame)", "< 16 ms",
            f"median {med * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms, max {max(frames) * 1000:.1f}"
            f" ms ({len(frames)} frames)", p90 < 0.016),
        Row("drag release → engine confirmed → view settled", "< 100 ms",
            f"median {s_med * 1000:.0f} ms, p90 {s_p90 * 1000:.0f} ms, max "
            f"{max(settle) * 1000:.0f} ms ({len(settle)} drags)", s_p90 < 0.100),
    ]
