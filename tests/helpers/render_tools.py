"""Helpers for render tests: flat test pictures and PyAV-based checks of rendered files."""

from __future__ import annotations

import json
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

from meme_desktop.config import ffmpeg_exe


def make_flat_image(path: Path, size: str = "320x240", color: str = "0x2040c0") -> Path:
    """A single-colour still (so caption pixels are easy to find)."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c={color}:size={size}", "-frames:v", "1", str(path)],
                   check=True, stdin=subprocess.DEVNULL)
    return path


def write_draft(path: Path, draft: dict[str, Any]) -> Path:
    path.write_text(json.dumps(draft), encoding="utf-8")
    return path


def draft(width: int, height: int, fps: int = 25, video: list | None = None,
          audio: list | None = None, text: list | None = None, bg: str = "#000000") -> dict:
    """A draft dict in the wire format, with one track per non-empty list."""
    tracks = []
    for tid, tt, segs in (("v1", 0, video), ("a1", 1, audio), ("x1", 7, text)):
        if segs:
            tracks.append({"id": tid, "tt": tt, "sg": segs})
    return {"v": 1, "m": {"title": "t", "width": width, "height": height, "fps": fps, "bg": bg},
            "t": tracks}


@dataclass
class Streams:
    container: str
    duration: float
    width: int
    height: int
    fps: float
    video_codec: str
    profile: str
    pix_fmt: str
    frames: int
    audio_codec: str | None
    sample_rate: int | None
    channels: int | None


def streams(path: Path) -> Streams:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        frames = sum(1 for _ in c.demux(v) if _.size)
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        a = c.streams.audio[0] if c.streams.audio else None
        dur = float(v.duration * v.time_base) if v.duration else c.duration / av.time_base
        return Streams(c.format.name, dur, v.codec_context.width, v.codec_context.height,
                       float(v.average_rate or 0), v.codec_context.name,
                       str(v.codec_context.profile), v.codec_context.pix_fmt or "",
                       frames, a.codec_context.name if a else None,
                       a.codec_context.sample_rate if a else None,
                       a.codec_context.channels if a else None)


def frame_at(path: Path, seconds: float) -> np.ndarray:
    """The RGB frame shown at ``seconds``."""
    best = None
    with av.open(str(path)) as c:
        for frame in c.decode(video=0):
            if frame.time is not None and frame.time > seconds + 1e-3:
                break
            best = frame
    assert best is not None
    return best.to_ndarray(format="rgb24")


def audio_mono(path: Path) -> tuple[np.ndarray, int]:
    """The audio track as mono float samples and its rate."""
    chunks = []
    rate = 48000
    with av.open(str(path)) as c:
        for frame in c.decode(audio=0):
            rate = frame.sample_rate
            data = frame.to_ndarray().astype(np.float64)
            if frame.format.is_planar:
                chunks.append(data.mean(axis=0))
            else:
                chunks.append(data.reshape(-1, len(frame.layout.channels)).mean(axis=1))
    return (np.concatenate(chunks) if chunks else np.zeros(0)), rate


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2))) if x.size else 0.0


def top_level_atoms(path: Path) -> list[str]:
    """The MP4's top-level box names in file order (to check moov before mdat)."""
    data = path.read_bytes()
    pos, names = 0, []
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        names.append(data[pos + 4:pos + 8].decode("latin-1"))
        if size == 1:
            size = int.from_bytes(data[pos + 8:pos + 16], "big")
        if size < 8:
            break
        pos += size
    return names


def gif_loop_count(path: Path) -> int | None:
    """The NETSCAPE2.0 loop count (0 = forever), None when the GIF does not loop."""
    data = path.read_bytes()
    at = data.find(b"NETSCAPE2.0")
    if at < 0:
        return None
    return int.from_bytes(data[at + 13:at + 15], "little")


# -- EXIF orientation test pictures ------------------------------------------------------------
QUADRANTS = np.array([[[0, 0, 255], [255, 0, 0]], [[0, 255, 0], [255, 255, 255]]], np.uint8)
"""The stored picture of :func:`make_exif_jpeg`, as 2x2 colours: blue, red / green, white."""

# EXIF orientation -> how the stored picture must be turned for display (the EXIF spec)
EXIF_DISPLAY = {
    1: lambda a: a, 2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
    5: lambda a: a.transpose(1, 0, 2), 6: lambda a: np.rot90(a, -1),
    7: lambda a: a[::-1, ::-1].transpose(1, 0, 2), 8: lambda a: np.rot90(a, 1),
}


def exif_app1(orientation: int, big_endian: bool = True) -> bytes:
    """A JPEG APP1 segment holding an EXIF block with only the orientation tag (0x0112)."""
    o = ">" if big_endian else "<"
    tiff = ((b"MM" if big_endian else b"II") + struct.pack(o + "HI", 42, 8)
            + struct.pack(o + "H", 1) + struct.pack(o + "HHIHH", 0x0112, 3, 1, orientation, 0)
            + struct.pack(o + "I", 0))
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def make_exif_jpeg(path: Path, orientation: int, width: int = 128, height: int = 64,
                   big_endian: bool = True) -> Path:
    """A JPEG stored as ``width`` x ``height`` quadrants (:data:`QUADRANTS`) with an EXIF
    orientation tag written right after SOI, like a phone camera does."""
    w2, h2 = width // 2, height // 2
    vf = (f"color=c=white:size={width}x{height},"
          f"drawbox=x=0:y=0:w={w2}:h={h2}:color=0x0000ff:t=fill,"
          f"drawbox=x={w2}:y=0:w={w2}:h={h2}:color=0xff0000:t=fill,"
          f"drawbox=x=0:y={h2}:w={w2}:h={h2}:color=0x00ff00:t=fill")
    plain = subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", vf, "-frames:v",
                            "1", "-q:v", "2", "-f", "image2pipe", "-c:v", "mjpeg", "-"],
                           check=True, capture_output=True, stdin=subprocess.DEVNULL).stdout
    path.write_bytes(plain[:2] + exif_app1(orientation, big_endian) + plain[2:])
    return path


def quadrant_colors(rgb: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The colours at the centres of the four quadrants of ``box`` (x, y, w, h) as 2x2x3."""
    x, y, w, h = box
    out = np.zeros((2, 2, 3), np.int32)
    for i in range(2):
        for j in range(2):
            out[i, j] = rgb[int(y + (i + 0.5) * h / 2), int(x + (j + 0.5) * w / 2)]
    return out
