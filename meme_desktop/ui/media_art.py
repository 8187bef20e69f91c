"""Thumbnails of pictures and clips and waveforms of sounds, for the timeline's segments.

Asked for by the track view while it paints (:meth:`MediaArt.thumbnail`, :meth:`MediaArt.peaks`):
a missing one is fetched from the backend (``/media/<hash>/thumbnail``; the file itself, or a
built-in sound, for a waveform), decoded in a worker thread (PyAV for audio, Qt's image reader
for thumbnails) and cached; ``changed`` then asks the view to paint again. Each source is
fetched once per session, a failure included. Workers never touch a widget.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import av
import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from meme_desktop.ui.imaging import image_from_bytes

log = logging.getLogger(__name__)
PEAKS_PER_S = 100
THUMB_PX = 96

Fetch = Callable[[str], Awaitable[bytes | None]]


@dataclass(frozen=True)
class Peaks:
    """The loudest sample of every 1/``rate`` s of a sound, from 0 to 1."""

    values: np.ndarray
    rate: int = PEAKS_PER_S
    loop: bool = False  # built-in music loops to any length

    def window(self, start_ms: int, length_ms: int, columns: int) -> np.ndarray:
        """``columns`` peaks covering ``start_ms`` .. ``start_ms + length_ms`` of the source
        (zero past its end, or from its start again for a loop)."""
        if columns <= 0 or self.values.size == 0:
            return np.zeros(max(0, columns), np.float32)
        at = start_ms / 1000 * self.rate + np.arange(columns) * (
            length_ms / 1000 * self.rate / columns)
        idx = at.astype(np.int64)
        if self.loop:
            return self.values[idx % self.values.size].astype(np.float32)
        out = self.values[np.clip(idx, 0, self.values.size - 1)]
        return np.where(idx < self.values.size, out, 0.0).astype(np.float32)


def decode_peaks(data: bytes, rate: int = PEAKS_PER_S) -> Peaks:
    """Peaks of an encoded sound or clip's audio (worker thread); raises ``av.FFmpegError``."""
    chunks: list[np.ndarray] = []
    with av.open(io.BytesIO(data), mode="r") as container:
        if not container.streams.audio:
            return Peaks(np.zeros(0, np.float32), rate)
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate * 80)
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(np.abs(out.to_ndarray().reshape(-1)))
        for out in resampler.resample(None):
            chunks.append(np.abs(out.to_ndarray().reshape(-1)))
    samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    n = samples.size // 80
    if n == 0:
        return Peaks(np.zeros(0, np.float32), rate)
    peaks = samples[: n * 80].reshape(n, 80).max(axis=1)
    top = float(peaks.max()) or 1.0
    return Peaks((peaks / top).astype(np.float32), rate)


class MediaArt(QObject):
    """The cache; ``fetch_thumbnail(hash)`` / ``fetch_media(src)`` come from the controller."""

    changed = Signal()

    def __init__(self, fetch_thumbnail: Fetch | None = None, fetch_media: Fetch | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fetch_thumbnail = fetch_thumbnail
        self.fetch_media = fetch_media
        self._thumbs: dict[str, QImage | None] = {}
        self._tiles: dict[tuple[str, int], QPixmap] = {}  # thumbnails at a block's height
        self._peaks: dict[str, Peaks | None] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def clear(self) -> None:
        for task in self._tasks:
            task.cancel()
        self._thumbs.clear()
        self._tiles.clear()
        self._peaks.clear()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def thumbnail(self, asset: str) -> QImage | None:
        if asset not in self._thumbs:
            self._thumbs[asset] = None
            self._start(self._load_thumbnail(asset))
        return self._thumbs[asset]

    def tile(self, asset: str, height: int) -> QPixmap | None:
        """The thumbnail scaled to ``height`` once (UI thread: painting reuses it)."""
        found = self._tiles.get((asset, height))
        if found is None:
            image = self.thumbnail(asset)
            if image is None or image.isNull() or height <= 0:
                return None
            found = QPixmap.fromImage(image.scaledToHeight(
                height, Qt.TransformationMode.SmoothTransformation))
            self._tiles[(asset, height)] = found
        return found

    def peaks(self, src: str) -> Peaks | None:
        if src not in self._peaks:
            self._peaks[src] = None
            self._start(self._load_peaks(src))
        return self._peaks[src]

    def _start(self, coro: Coroutine[Any, Any, None]) -> None:
        try:
            task = asyncio.get_running_loop().create_task(coro)
        except RuntimeError:  # no loop: nothing to fetch with
            coro.close()
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _load_thumbnail(self, asset: str) -> None:
        if self.fetch_thumbnail is None:
            return
        data = await self.fetch_thumbnail(asset)
        if data:
            image = await asyncio.to_thread(image_from_bytes, data, THUMB_PX)
            if image is not None:
                self._thumbs[asset] = image
                self.changed.emit()

    async def _load_peaks(self, src: str) -> None:
        if self.fetch_media is None:
            return
        data = await self.fetch_media(src)
        if not data:
            return
        try:
            peaks = await asyncio.to_thread(decode_peaks, data)
        except (av.FFmpegError, ValueError) as exc:
            log.info("no waveform for a sound: %s", type(exc).__name__)
            return
        self._peaks[src] = Peaks(peaks.values, peaks.rate, src.startswith("music:"))
        self.changed.emit()
