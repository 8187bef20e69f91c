"""Thumbnails for the media bin, made off the UI thread.

:func:`make_thumbnail` runs in a worker thread (``loop.run_in_executor``): it decodes one frame
with PyAV (clips, GIFs) or Qt's image reader (stills) and returns a scaled ``QImage``, which is
safe to build outside the GUI thread. It never touches a widget; the bin turns the image into
a pixmap on the UI thread. Audio gets a drawn placeholder.
"""

from __future__ import annotations

import logging
from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter

log = logging.getLogger(__name__)

THUMB = 96


def _scaled(img: QImage, size: int) -> QImage:
    return img.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio,
                      Qt.TransformationMode.SmoothTransformation)


def _video_frame(path: Path, size: int) -> QImage | None:
    with av.open(str(path)) as container:
        if not container.streams.video:
            return None
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            rgb = np.ascontiguousarray(frame.to_ndarray(format="rgb24"))
            h, w = rgb.shape[:2]
            img = QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888)
            return _scaled(img, size).copy()
    return None


def placeholder(kind: str, size: int = THUMB) -> QImage:
    """A tile with a symbol, for audio or for a file whose frame could not be read."""
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor("#00000000"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor({"audio": "#2bb673", "video": "#4f8ff7"}.get(kind, "#9a9aa8")))
    p.drawRoundedRect(QRectF(4, 4, size - 8, size - 8), 12, 12)
    p.setPen(QColor("#ffffff"))
    font = QFont()
    font.setPixelSize(size // 2)
    p.setFont(font)
    p.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter,
               {"audio": "♪", "video": "▶"}.get(kind, "?"))
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
        img = _video_frame(path, size)
        if img is not None:
            return img
    except (av.FFmpegError, OSError, ValueError) as exc:
        log.info("no thumbnail for %s: %s", path.name, type(exc).__name__)
    return placeholder(kind or "video", size)


def image_from_bytes(data: bytes, size: int = THUMB) -> QImage | None:
    """A thumbnail from encoded bytes (a backend's thumbnail answer)."""
    img = QImage()
    if not img.loadFromData(data):
        return None
    return _scaled(img, size) if max(img.width(), img.height()) > size else img
