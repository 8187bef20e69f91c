"""Decoded-frame helpers shared by the window and the engine's media helper (PyAV and numpy,
no Qt): a frame turned the way it is shown, whether its pixels can be see-through, and a
stream's frames decoded with their transparency.

Both sides make thumbnails from the same kinds of files (a phone clip stored sideways with a
display rotation, a sticker GIF, PNG-in-MOV or WebM with transparency), so both read them the
same way from here.

A VP8 or VP9 WebM keeps its alpha in a second, separately coded layer (the Matroska tag
``alpha_mode=1``); FFmpeg's own VP8/VP9 decoders ignore that layer and give opaque frames, while
libvpx's decoders (``libvpx``, ``libvpx-vp9``) decode it. :func:`alpha_decoder` names the
decoder such a stream needs, for PyAV here and for the ffmpeg binary's ``-c:v`` in a render.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

import av
import numpy as np

if TYPE_CHECKING:
    from av.video.codeccontext import VideoCodecContext

ALPHA_DECODERS = {"vp8": "libvpx", "vp9": "libvpx-vp9"}  # codec -> decoder keeping alpha


def orient(pixels: np.ndarray, rotation: int | None, mirrored: bool = False) -> np.ndarray:
    """The picture as it is shown: ``rotation`` is the counter-clockwise display rotation
    (FFmpeg's display-matrix sense), ``mirrored`` a horizontal flip (EXIF orientations)."""
    turns = {90: 1, 180: 2, 270: 3}.get(int(rotation or 0) % 360, 0)
    if turns:
        pixels = np.rot90(pixels, k=turns)
    if mirrored:
        pixels = pixels[:, ::-1]
    return np.ascontiguousarray(pixels)


def may_have_alpha(frame: av.VideoFrame) -> bool:
    """Whether the frame's pixel format can carry transparency (an alpha plane or a palette):
    a PNG or WebP sticker, a GIF, a PNG-in-MOV or QuickTime Animation clip, ProRes 4444."""
    fmt = frame.format
    return fmt.has_palette or any(c.is_alpha for c in fmt.components)


def alpha_decoder(stream: av.video.stream.VideoStream) -> str | None:
    """The decoder that keeps this stream's transparency when FFmpeg's default one drops it (a
    VP8/VP9 WebM with an alpha layer), else None."""
    codec = stream.codec_context.name if stream.codec_context is not None else ""
    tags = {str(k).lower(): str(v) for k, v in (stream.metadata or {}).items()}
    if codec in ALPHA_DECODERS and tags.get("alpha_mode") == "1":
        return ALPHA_DECODERS[codec] if ALPHA_DECODERS[codec] in av.codecs_available else None
    return None


def decode_video(container: av.container.InputContainer,
                 stream: av.video.stream.VideoStream) -> Iterator[av.VideoFrame]:
    """The stream's frames, transparency included (:func:`alpha_decoder`); raises
    ``av.FFmpegError`` like ``container.decode``."""
    name = alpha_decoder(stream)
    if name is None:
        yield from container.decode(stream)
        return
    decoder = cast("VideoCodecContext", av.CodecContext.create(name, "r"))
    for packet in container.demux(stream):
        yield from decoder.decode(packet)  # the last, empty packet flushes the decoder


def see_through(frame: av.VideoFrame, side: int = 512) -> bool:
    """Whether some part of the frame is at least partly transparent (not just a format that
    could be: a GIF always decodes to BGRA, many PNGs are RGBA and opaque). Checked on a copy
    at most ``side`` pixels wide, so a huge picture costs no more than a small one."""
    if not may_have_alpha(frame):
        return False
    scale = min(1.0, side / max(frame.width, frame.height, 1))
    small = frame.reformat(width=max(1, round(frame.width * scale)),
                           height=max(1, round(frame.height * scale)), format="rgba")
    return int(small.to_ndarray()[..., 3].min()) < 255
