"""Small real media for tests, made with ffmpeg's lavfi sources (no files are checked in)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from meme_desktop.config import ffmpeg_exe


def _ffmpeg(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args],
                   check=True, stdin=subprocess.DEVNULL)


def make_clip(path: Path, seconds: float = 2.0, size: str = "320x180", fps: int = 25,
              audio: bool = True, tone: int = 440) -> Path:
    """A test-pattern clip (H.264 + AAC in MP4, or whatever the suffix asks for)."""
    args = ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={fps}:duration={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}:sample_rate=48000"]
    args += ["-pix_fmt", "yuv420p", "-shortest"]
    if path.suffix.lower() in (".mp4", ".mov", ".mkv"):
        args += ["-c:v", "libx264", "-preset", "ultrafast"]
        if audio:
            args += ["-c:a", "aac"]
    _ffmpeg(*args, str(path))
    return path


def make_meme_source(folder: Path, seconds: int = 10, fps: int = 30) -> Path:
    """The benchmarks' source (``source.mp4``): a 1920x1080 test pattern with a tone, H.264 at
    CRF 18 (``render_bench`` and ``app_bench``; here so that the app benchmark does not import
    the engine's modules into the window's process it measures)."""
    src = folder / "source.mp4"
    _ffmpeg("-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate={fps}:duration={seconds}",
            "-f", "lavfi", "-i", f"sine=frequency=330:duration={seconds}:sample_rate=48000",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-shortest", str(src))
    return src


def make_image(path: Path, size: str = "400x300", color: str = "0x3366cc") -> Path:
    """A still image (PNG, JPEG or WebP by suffix) with a gradient so it is not flat."""
    _ffmpeg("-f", "lavfi", "-i", f"color=c={color}:size={size},geq=r='X/W*255':g='Y/H*255':b=128",
            "-frames:v", "1", str(path))
    return path


def make_sticker(path: Path, size: str = "200x160", kind: str = "rgba") -> Path:
    """A sticker: an opaque white disc on see-through pixels whose hidden colour is black (as
    many editors store it). ``kind``: ``rgba``, ``gray`` (grey + alpha) or ``palette`` (a
    palette with a transparent entry) for PNG; WebP (still, or animated with ``.anim.webp``),
    an animated GIF (a palette whatever ``kind`` says), a MOV clip of RGBA PNG frames or a
    VP9 WebM with an alpha layer by suffix."""
    disc = r"255*lte(hypot(X-W/2\,Y-H/2)\,0.35*min(W\,H))"
    chain = f"format=rgba,geq=r='{disc}':g='{disc}':b='{disc}':a='{disc}'"
    if kind == "palette" or path.suffix == ".gif":
        chain += (",split[a][b];[a]palettegen=reserve_transparent=1[p];"
                  "[b][p]paletteuse=alpha_threshold=128")
    elif kind == "gray":
        chain += ",format=ya8"
    args = ["-f", "lavfi", "-i", f"color=c=black:size={size}:rate=5:duration=1", "-vf", chain]
    if path.name.endswith(".anim.webp"):
        args += ["-c:v", "libwebp_anim", "-pix_fmt", "yuva420p", "-loop", "0"]
    elif path.suffix == ".webp":
        args += ["-frames:v", "1", "-c:v", "libwebp", "-pix_fmt", "yuva420p"]
    elif path.suffix == ".mov":
        args += ["-c:v", "png", "-pix_fmt", "rgba"]
    elif path.suffix == ".webm":
        args += ["-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-auto-alt-ref", "0",
                 "-deadline", "realtime", "-b:v", "400k"]
    elif path.suffix != ".gif":
        args += ["-frames:v", "1"]
    _ffmpeg(*args, str(path))
    return path


def make_gif(path: Path, seconds: float = 1.0, size: str = "120x90") -> Path:
    """An animated GIF (counts as video)."""
    _ffmpeg("-f", "lavfi", "-i", f"testsrc=size={size}:rate=10:duration={seconds}", str(path))
    return path


def make_audio(path: Path, seconds: float = 2.0, tone: int = 330) -> Path:
    """A sine tone (MP3, WAV, M4A by suffix)."""
    _ffmpeg("-f", "lavfi", "-i", f"sine=frequency={tone}:duration={seconds}:sample_rate=44100",
            str(path))
    return path


def truncate(src: Path, dst: Path, keep: float = 0.3) -> Path:
    """A copy of ``src`` cut to ``keep`` of its bytes (a broken download)."""
    data = src.read_bytes()
    dst.write_bytes(data[: max(1, int(len(data) * keep))])
    return dst
