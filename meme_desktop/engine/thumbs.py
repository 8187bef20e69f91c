"""Small picture helpers for thumbnails: frame to RGB at a size, PNG encoding, waveforms.

PNG bytes are produced with PyAV's ``png`` encoder, so no imaging library is needed.
"""

from __future__ import annotations

import av
import numpy as np


def _fit(width: int, height: int, size: int) -> tuple[int, int]:
    """Width and height with the longest side equal to ``size`` (even numbers not needed)."""
    if width >= height:
        return size, max(1, round(height * size / width))
    return max(1, round(width * size / height)), size


def frame_to_rgb(frame: av.VideoFrame, rotation: int, size: int) -> np.ndarray:
    """The frame as an RGB array, rotated for display, longest side ``size``."""
    rotated = rotation in (90, 270)
    disp_w, disp_h = (frame.height, frame.width) if rotated else (frame.width, frame.height)
    out_w, out_h = _fit(disp_w, disp_h, size)
    scaled_w, scaled_h = (out_h, out_w) if rotated else (out_w, out_h)
    rgb = frame.reformat(width=scaled_w, height=scaled_h, format="rgb24").to_ndarray()
    # frame.rotation is counter-clockwise display rotation (FFmpeg's display matrix sense)
    turns = {90: 1, 180: 2, 270: 3}.get(rotation, 0)
    if turns:
        rgb = np.ascontiguousarray(np.rot90(rgb, k=turns))
    return rgb


def encode_png(rgb: np.ndarray) -> bytes:
    """PNG bytes of an RGB (H, W, 3) uint8 array."""
    height, width = rgb.shape[:2]
    codec = av.CodecContext.create("png", "w")
    codec.width = width
    codec.height = height
    codec.pix_fmt = "rgb24"
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb, dtype=np.uint8), format="rgb24")
    packets = list(codec.encode(frame)) + list(codec.encode(None))
    return b"".join(bytes(p) for p in packets)


def waveform_png(signal: np.ndarray, size: int) -> bytes:
    """A simple waveform picture (size x size/2) of a mono or interleaved signal."""
    width, height = size, max(2, size // 2)
    img = np.full((height, width, 3), (32, 36, 48), dtype=np.uint8)
    if signal.size:
        peak = float(np.max(np.abs(signal))) or 1.0
        chunks = np.array_split(np.abs(signal) / peak, width)
        mid = height // 2
        for x, chunk in enumerate(chunks):
            amp = float(chunk.max()) if chunk.size else 0.0
            half = max(1, int(amp * (height // 2 - 2)))
            img[mid - half:mid + half, x] = (120, 200, 255)
    return encode_png(img)
