"""Pictures made off the UI thread: media-bin thumbnails and the preview's frames.

:func:`make_thumbnail` and :func:`decode_frames` run in worker threads
(``loop.run_in_executor``): they decode with PyAV (clips, GIFs) or Qt's image reader (stills)
and return ``QImage`` objects, which are safe to build outside the GUI thread. A thumbnail of a
GIF or clip with see-through pixels stays transparent (RGBA scaled premultiplied, as the
engine's), an opaque one is RGB. They never touch a widget; the panels turn the images into
pixels on the UI thread. :class:`FrameView` paints one image, fitted and centred on black (the
preview when Qt Multimedia is not available).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from meme_desktop.frames import decode_video, may_have_alpha, orient
from meme_desktop.ui import icons

log = logging.getLogger(__name__)

THUMB = 96
MAX_FRAMES = 600


def _scaled(img: QImage, size: int) -> QImage:
    return img.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.SmoothTransformation)


def _frame_image(frame: av.VideoFrame, size: int) -> QImage:
    """The frame, upright, longest side at most ``size``: RGBA premultiplied when some pixel is
    see-through (so smooth scaling blends no hidden colour into the corners or the edges), else
    RGB."""
    if may_have_alpha(frame):
        rgba = orient(frame.to_ndarray(format="rgba"), frame.rotation)
        if int(rgba[..., 3].min()) < 255:
            h, w = rgba.shape[:2]
            img = QImage(rgba.data, w, h, rgba.strides[0], QImage.Format.Format_RGBA8888)
            return _scaled(img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied), size)
        del rgba  # opaque after all: free the full-size copy before the RGB one
    rgb = orient(frame.to_ndarray(format="rgb24"), frame.rotation)
    h, w = rgb.shape[:2]
    img = QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888)
    return _scaled(img, size).copy()  # its own pixels: ``rgb`` goes away


def _video_frame(path: Path, size: int) -> QImage | None:
    with av.open(str(path)) as container:
        if not container.streams.video:
            return None
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in decode_video(container, stream):  # a WebM's alpha layer too
            return _frame_image(frame, size)
    return None


def placeholder(kind: str, size: int = THUMB) -> QImage:
    """A tile with the kind's icon (of the app's one icon set), for audio or for a file whose
    frame could not be read."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor("#00000000"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor({"audio": "#2bb673", "video": "#4f8ff7"}.get(kind, "#9a9aa8")))
    p.drawRoundedRect(QRectF(4, 4, size - 8, size - 8), 12, 12)
    mark = size // 2
    p.drawImage(QRectF((size - mark) / 2, (size - mark) / 2, mark, mark),
                icons.picture(kind if kind in ("audio", "video", "image") else "alert",
                              "#ffffff", mark * 2))
    p.end()
    return img


def make_thumbnail(path: Path, kind: str, size: int = THUMB) -> QImage:
    """A thumbnail of the file at ``path`` (worker thread; never raises)."""
    if kind == "audio":
        return placeholder("audio", size)
    try:
        if kind == "image" and path.suffix.lower() != ".gif":
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            src = reader.size()
            if src.isValid() and max(src.width(), src.height()) > size:
                reader.setScaledSize(src.scaled(QSize(size, size),
                                                Qt.AspectRatioMode.KeepAspectRatio))
            img = reader.read()
            if not img.isNull():
                return img
        frame = _video_frame(path, size)
        if frame is not None:
            return frame
    except (av.FFmpegError, OSError, ValueError) as exc:
        log.info("no thumbnail for %s: %s", path.name, type(exc).__name__)
    return placeholder(kind or "video", size)


def image_from_bytes(data: bytes, size: int = THUMB) -> QImage | None:
    """A thumbnail from encoded bytes (a backend's thumbnail answer)."""
    img = QImage()
    if not img.loadFromData(data):
        return None
    return _scaled(img, size) if max(img.width(), img.height()) > size else img


# -- preview frames ----------------------------------------------------------------------



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
