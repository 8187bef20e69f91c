"""Helpers for render tests: flat test pictures and PyAV-based checks of rendered files."""

from __future__ import annotations

import json
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
