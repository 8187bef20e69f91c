"""Render options, named presets and quality settings, resolved into one output plan.

A preset sets the canvas size (overriding the draft's ``m.width``/``m.height``; media are
re-fitted by their ``fit``), and may set a size cap or the GIF format. A quality picks the x264
preset and CRF; ``preview`` also shrinks the canvas to about 540 px on its long side. The thread
counts of the encoder and of the clip decoders are chosen here too: they decide most of
ffmpeg's memory (docs/render.md, "Memory").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

from meme_desktop.engine.errors import BadPresetError

MB = 1024 * 1024
MAX_CAP_MB = 4096  # the largest size cap ("fit in N MB") accepted anywhere
MAX_FORMATS = 8  # outputs of one render (``render.multi``: each an encoder and a filter chain)


def encoder_threads() -> int:
    """x264 threads: the core count (x264's own default, 1.5x the cores, holds more frames)."""
    return max(1, min(os.cpu_count() or 2, 16))


SLICED_UP_TO_CORES = 2  # measured here (docs/performance.md "Fourth round"); above it, unmeasured


def x264_params(threads: int | None = None) -> str:
    """x264's threading, which decides most of its memory (docs/render.md, "Memory").

    On up to :data:`SLICED_UP_TO_CORES` cores: slice threads (each picture cut into ``threads``
    slices encoded side by side; x264's own count, 1.5 a core, by default) and B-frames that
    are never references (``b-pyramid=none``). No pictures wait for other frame threads and
    fewer stay as references: at 1080x1920 about 50 MB less than frame threads, and 3 % faster
    on 2 cores, for 3 % more bytes at the same CRF (0.13 dB). Above: ``threads`` frame threads
    (:func:`encoder_threads`; several frames at once scale further on more cores), one
    lookahead thread and a one-frame buffer between the lookahead and the encoder
    (``sync-lookahead``; x264's own choice, bframes + 1, holds about 20 MB more). Several
    encoders in one pass share the cores (``threads``)."""
    cores = os.cpu_count() or 2
    if cores <= SLICED_UP_TO_CORES:
        return f"threads={threads or max(1, cores * 3 // 2)}:sliced-threads=1:b-pyramid=none"
    return f"threads={threads or encoder_threads()}:lookahead_threads=1:sync-lookahead=1"


def decoder_threads() -> int:
    """Threads per clip decoder: one on a 2-core machine (a 1080p decode keeps far ahead of
    the encoder, and every decoder thread holds its own frames), two above that."""
    return 1 if (os.cpu_count() or 2) <= 2 else 2


@dataclass
class RenderOptions:
    """What the person asked for (see docs/architecture.md)."""

    format: Literal["mp4", "gif"] = "mp4"
    quality: Literal["preview", "fast", "high", "best"] = "high"
    preset: str | None = None  # see PRESETS
    max_bytes: int | None = None  # size cap for MP4


@dataclass(frozen=True)
class Preset:
    width: int | None  # None: keep the draft's canvas
    height: int | None
    max_bytes: int | None = None
    format: str | None = None
    long_side: int | None = None  # scale the draft's canvas so its long side is at most this


PRESETS: dict[str, Preset] = {
    "vertical": Preset(1080, 1920),
    "tiktok": Preset(1080, 1920),
    "reels": Preset(1080, 1920),
    "shorts": Preset(1080, 1920),
    "square": Preset(1080, 1080),
    "feed": Preset(1080, 1350),
    "landscape": Preset(1920, 1080),
    "discord": Preset(None, None, max_bytes=10 * MB, long_side=1280),
    "whatsapp": Preset(None, None, max_bytes=16 * MB, long_side=1280),
    "gif": Preset(None, None, format="gif", long_side=480),
}


@dataclass(frozen=True)
class Quality:
    x264_preset: str
    crf: int
    audio_kbps: int


QUALITIES: dict[str, Quality] = {
    "preview": Quality("ultrafast", 28, 96),
    "fast": Quality("veryfast", 24, 128),
    "high": Quality("veryfast", 20, 160),
    "best": Quality("medium", 18, 192),
}
FORMATS = ("mp4", "gif")
PREVIEW_LONG_SIDE = 540
GIF_MAX_FPS = 15


@dataclass(frozen=True)
class OutputPlan:
    """The resolved output: canvas, rate, format, encoder settings and size cap."""

    width: int
    height: int
    fps: float
    format: str
    quality: Quality
    max_bytes: int | None


def _even(x: float) -> int:
    return max(2, int(round(x / 2)) * 2)


def _shrink(width: int, height: int, long_side: int) -> tuple[int, int]:
    scale = min(1.0, long_side / max(width, height))
    return _even(width * scale), _even(height * scale)


def output_format(options: RenderOptions) -> str:
    """The format the render writes: a preset's own format (``gif``) wins over ``format``."""
    preset = PRESETS.get(options.preset.lower()) if options.preset else None
    if preset is not None and preset.format:
        return preset.format
    return options.format


def resolve(options: RenderOptions, canvas_w: int, canvas_h: int, fps: float) -> OutputPlan:
    """Combine the draft's canvas with the options; raises :class:`BadPresetError`."""
    if options.quality not in QUALITIES:
        raise BadPresetError("quality", str(options.quality), tuple(QUALITIES))
    fmt = options.format
    if fmt not in FORMATS:
        raise BadPresetError("format", str(fmt), FORMATS)
    width, height, max_bytes = _even(canvas_w), _even(canvas_h), options.max_bytes
    if options.preset:
        preset = PRESETS.get(options.preset.lower())
        if preset is None:
            raise BadPresetError("preset", options.preset, tuple(PRESETS))
        if preset.width and preset.height:
            width, height = preset.width, preset.height
        if preset.long_side:
            width, height = _shrink(width, height, preset.long_side)
        if preset.format:
            fmt = preset.format  # type: ignore[assignment]
        if preset.max_bytes and not max_bytes:
            max_bytes = preset.max_bytes
    if options.quality == "preview":
        width, height = _shrink(width, height, PREVIEW_LONG_SIDE)
    if fmt == "gif":
        fps = min(fps, GIF_MAX_FPS)
        max_bytes = None
    if max_bytes is not None and max_bytes <= 0:
        raise BadPresetError("size limit", str(max_bytes), ("a positive number of MB",))
    return OutputPlan(width, height, float(fps), fmt, QUALITIES[options.quality], max_bytes)
