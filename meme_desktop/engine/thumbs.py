"""Small picture helpers: EXIF orientation, frame to pixels at a size, PNG encoding, waveforms.

PNG bytes are produced with PyAV's ``png`` encoder, so no imaging library is needed. A frame
with see-through pixels (a sticker's PNG, a WebP with alpha) stays RGBA, scaled with its colours
premultiplied by alpha as Qt scales the window's own thumbnails, so the hidden colour of a
transparent pixel (often black) neither fills the corners nor rims the edges; an opaque frame
is RGB. The EXIF orientation of a JPEG (tag 0x0112, values 1-8) is read here from the file's
first bytes and turned into a display rotation plus a horizontal mirror, the form both the
thumbnails (numpy) and the renderer (ffmpeg ``transpose``/``hflip``/``vflip``) apply.
"""

from __future__ import annotations

import struct

import av
import numpy as np

from meme_desktop.frames import may_have_alpha, orient

# EXIF orientation -> (display rotation in degrees, counter-clockwise as FFmpeg's display
# matrix; mirrored left-right *after* rotating)
ORIENTATIONS: dict[int, tuple[int, bool]] = {
    1: (0, False), 2: (0, True), 3: (180, False), 4: (180, True),
    5: (270, True), 6: (270, False), 7: (90, True), 8: (90, False),
}


def _tiff_orientation(tiff: bytes) -> int:
    """Tag 0x0112 of IFD0 in a TIFF block (the body of an EXIF APP1 segment)."""
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return 1
    (ifd,) = struct.unpack(order + "I", tiff[4:8])
    if ifd + 2 > len(tiff):
        return 1
    (count,) = struct.unpack(order + "H", tiff[ifd:ifd + 2])
    for i in range(min(count, 512)):
        at = ifd + 2 + 12 * i
        if at + 12 > len(tiff):
            break
        tag, kind = struct.unpack(order + "HH", tiff[at:at + 4])
        if tag == 0x0112 and kind == 3:  # SHORT
            (value,) = struct.unpack(order + "H", tiff[at + 8:at + 10])
            return value if value in ORIENTATIONS else 1
    return 1


def exif_orientation(head: bytes) -> int:
    """The EXIF orientation (1-8) of a JPEG from its first bytes; 1 when there is none."""
    if head[:2] != b"\xff\xd8":
        return 1
    pos = 2
    while pos + 4 <= len(head) and head[pos] == 0xFF:
        marker = head[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker in (0xDA, 0xD9):  # image data starts: no EXIF after this point
            break
        (length,) = struct.unpack(">H", head[pos + 2:pos + 4])
        if marker == 0xE1 and head[pos + 4:pos + 10] == b"Exif\x00\x00":
            return _tiff_orientation(head[pos + 10:pos + 2 + length])
        pos += 2 + length
    return 1


def _fit(width: int, height: int, size: int) -> tuple[int, int]:
    """Width and height with the longest side equal to ``size`` (even numbers not needed)."""
    if width >= height:
        return size, max(1, round(height * size / width))
    return max(1, round(width * size / height)), size


def _premultiplied(rgba: np.ndarray) -> av.VideoFrame:
    """An RGBA frame of ``rgba`` with the colours multiplied by alpha (in bands of rows, so a
    big picture costs one extra copy and no wide temporaries)."""
    height, width = rgba.shape[:2]
    frame = av.VideoFrame(width, height, "rgba")
    plane = frame.planes[0]
    out = np.frombuffer(memoryview(plane), np.uint8).reshape(height, plane.line_size)[:, :width * 4]
    out = out.reshape(height, width, 4)
    for top in range(0, height, 256):
        band = rgba[top:top + 256]
        alpha = band[..., 3:].astype(np.uint16)
        out[top:top + 256, :, :3] = (band[..., :3] * alpha + 127) // 255
        out[top:top + 256, :, 3] = band[..., 3]
    return frame


def _unpremultiplied(rgba: np.ndarray) -> np.ndarray:
    """Straight (PNG) colours again from premultiplied RGBA; fully clear pixels become 0."""
    alpha = rgba[..., 3:].astype(np.uint32)
    rgb = (rgba[..., :3] * np.uint32(255) + alpha // 2) // np.maximum(alpha, 1)
    return np.dstack([np.minimum(rgb, 255).astype(np.uint8), rgba[..., 3]])


def frame_to_pixels(frame: av.VideoFrame, rotation: int, size: int,
                    mirrored: bool = False) -> np.ndarray:
    """The frame oriented for display, longest side ``size``: an RGBA array when some pixel
    is see-through, else RGB."""
    rotated = rotation in (90, 270)
    disp_w, disp_h = (frame.height, frame.width) if rotated else (frame.width, frame.height)
    out_w, out_h = _fit(disp_w, disp_h, size)
    scaled_w, scaled_h = (out_h, out_w) if rotated else (out_w, out_h)
    if may_have_alpha(frame):
        rgba = frame.to_ndarray(format="rgba")
        if int(rgba[..., 3].min()) < 255:
            small = _premultiplied(rgba).reformat(width=scaled_w, height=scaled_h)
            return orient(_unpremultiplied(small.to_ndarray()), rotation, mirrored)
        del rgba  # opaque after all: free the full-size copy before scaling
    rgb = frame.reformat(width=scaled_w, height=scaled_h, format="rgb24").to_ndarray()
    return orient(rgb, rotation, mirrored)


def encode_png(pixels: np.ndarray) -> bytes:
    """PNG bytes of an RGB (H, W, 3) or RGBA (H, W, 4) uint8 array."""
    height, width = pixels.shape[:2]
    fmt = "rgba" if pixels.shape[2] == 4 else "rgb24"
    codec = av.CodecContext.create("png", "w")
    codec.width = width
    codec.height = height
    codec.pix_fmt = fmt
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(pixels, dtype=np.uint8), format=fmt)
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
