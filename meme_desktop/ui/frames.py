"""Frame decoding and a painting widget for the preview when Qt Multimedia is not available.

:func:`decode_frames` runs in a worker thread: it decodes a preview render with PyAV into small
``QImage`` frames (a fixed rate, longest side bounded) and never touches a widget.
:class:`FrameView` paints one image, fitted and centred on black, on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

MAX_FRAMES = 600


@dataclass
class FrameClip:
    """Decoded frames with their times (ms), and the clip length (ms)."""

    frames: list[tuple[int, QImage]]
    duration_ms: int

    def index_at(self, ms: int) -> int:
        """The last frame shown at or before ``ms`` (binary search)."""
        lo, hi = 0, len(self.frames) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.frames[mid][0] <= ms:
                lo = mid
            else:
                hi = mid - 1
        return max(0, lo)


def decode_frames(path: Path, max_side: int = 360, fps: float = 12.0) -> FrameClip:
    """Decode ``path`` into frames at about ``fps`` (worker thread). Raises ``av.FFmpegError``."""
    frames: list[tuple[int, QImage]] = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        duration = 0.0
        if stream.duration is not None and stream.time_base is not None:
            duration = float(stream.duration * stream.time_base)
        elif container.duration:
            duration = container.duration / 1_000_000
        if duration * fps > MAX_FRAMES:
            fps = MAX_FRAMES / duration
        step = 1.0 / fps
        next_t = 0.0
        last_t = 0.0
        for frame in container.decode(stream):
            t = float(frame.time or 0.0)
            last_t = t
            if t + 1e-6 < next_t:
                continue
            while next_t <= t + 1e-6:  # keep the average rate at ``fps``
                next_t += step
            w, h = frame.width, frame.height
            scale = min(1.0, max_side / max(w, h))
            tw, th = max(2, int(w * scale) // 2 * 2), max(2, int(h * scale) // 2 * 2)
            rgb = np.ascontiguousarray(
                frame.reformat(width=tw, height=th, format="rgb24").to_ndarray())
            img = QImage(rgb.data, tw, th, rgb.strides[0], QImage.Format.Format_RGB888).copy()
            frames.append((int(t * 1000), img))
    end_ms = int(max(duration, last_t + step) * 1000)
    return FrameClip(frames, end_ms)


class FrameView(QWidget):
    """Paints a QImage fitted inside the widget on a black background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.message = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(160, 160))

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#0d0d10"))
        if self.image is not None and not self.image.isNull():
            size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (self.width() - size.width()) / 2
            y = (self.height() - size.height()) / 2
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            p.drawImage(QRectF(x, y, size.width(), size.height()), self.image)
        if self.message:
            p.setPen(QColor("#c8c8d0"))
            p.drawText(self.rect().adjusted(16, 16, -16, -16),
                       Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        p.end()
