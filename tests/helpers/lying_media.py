"""Media that lies about itself, made on the fly with ffmpeg (nothing is checked in).

Files whose headers promise more than their data holds (a cut MP4 whose index survived, a cut
MP3 whose Xing header counts every frame, a Matroska file claiming an hour over one second),
and the reverse: files that look odd but decode fine (a JPEG or PNG with bytes after its end
marker, as phone "motion photos" are; a GIF with a trailer of junk; FLAC inside a RIFF WAVE and
a bare FLAC stream named ``.wav``); and containers whose content no decoder here knows (a WAV
with an unknown format tag, an AVI with an unknown video fourcc). Each maker returns the path
it wrote.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

from meme_desktop.config import ffmpeg_exe


def _ff(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args],
                   check=True, stdin=subprocess.DEVNULL)


def faststart_clip(path: Path, seconds: float = 4.0, size: str = "160x90") -> Path:
    """An MP4 with its index (``moov``) first and a keyframe every second."""
    _ff("-f", "lavfi", "-i", f"testsrc2=size={size}:rate=25:duration={seconds}",
        "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}:sample_rate=48000",
        "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", "-movflags", "+faststart", str(path))
    return path


def cut(src: Path, dst: Path, keep: float) -> Path:
    """The first ``keep`` fraction of ``src``'s bytes (an interrupted download)."""
    data = src.read_bytes()
    dst.write_bytes(data[: int(len(data) * keep)])
    return dst


def truncated_mp4(path: Path, work: Path) -> Path:
    """A 4 s MP4 cut in half: the index at the front still promises 4 s."""
    return cut(faststart_clip(work / "whole.mp4"), path, 0.5)


def truncated_mp3(path: Path, work: Path) -> Path:
    """A 4 s MP3 (with a Xing header counting all its frames) cut to its first third."""
    whole = work / "whole.mp3"
    _ff("-f", "lavfi", "-i", "sine=frequency=330:duration=4:sample_rate=44100", str(whole))
    return cut(whole, path, 1 / 3)


def hour_mkv(path: Path, work: Path) -> Path:
    """A 1 s Matroska clip whose Segment Info says it lasts one hour."""
    one = work / "one.mkv"
    _ff("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1", "-c:v", "libx264",
        "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(one))
    data = bytearray(one.read_bytes())
    at = data.find(b"\x44\x89\x88")  # Duration element, an 8-byte float (milliseconds)
    assert at > 0, "no Duration element in the Matroska header"
    data[at + 3:at + 11] = struct.pack(">d", 3_600_000.0)
    path.write_bytes(bytes(data))
    return path


def motion_photo(path: Path, work: Path) -> Path:
    """A JPEG followed by a whole MP4, as phones write "motion photos"."""
    still = work / "still.jpg"
    _ff("-f", "lavfi", "-i", "color=c=0x3366cc:size=96x64", "-frames:v", "1", str(still))
    path.write_bytes(still.read_bytes() + faststart_clip(work / "motion.mp4", 1.0).read_bytes())
    return path


def png_with_tail(path: Path, work: Path) -> Path:
    """A PNG with metadata-like bytes after its IEND chunk."""
    still = work / "still.png"
    _ff("-f", "lavfi", "-i", "color=c=0xcc6633:size=96x64", "-frames:v", "1", str(still))
    path.write_bytes(still.read_bytes() + b"EDITOR-DATA\x00" * 200)
    return path


def gif_with_tail(path: Path, work: Path) -> Path:
    """An animated GIF with junk after its trailer."""
    anim = work / "anim.gif"
    _ff("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=1", str(anim))
    path.write_bytes(anim.read_bytes() + b"\x00junk" * 50)
    return path


def flac_in_riff(path: Path) -> Path:
    """A RIFF WAVE whose audio is FLAC (format tag 0xF1AC), named ``.wav``."""
    _ff("-f", "lavfi", "-i", "sine=frequency=550:duration=2:sample_rate=44100", "-c:a", "flac",
        str(path))
    assert path.read_bytes()[:4] == b"RIFF"
    return path


def bare_flac_as_wav(path: Path, work: Path) -> Path:
    """A plain FLAC stream renamed to ``.wav``."""
    flac = work / "tone.flac"
    _ff("-f", "lavfi", "-i", "sine=frequency=660:duration=2:sample_rate=44100", str(flac))
    path.write_bytes(flac.read_bytes())
    return path


def cut_jpeg(path: Path, work: Path) -> Path:
    """A JPEG cut in the middle of its scan: really incomplete."""
    still = work / "big.jpg"
    _ff("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", str(still))
    return cut(still, path, 0.6)


def cut_png(path: Path, work: Path) -> Path:
    """A PNG cut before its IEND chunk: really incomplete."""
    still = work / "big.png"
    _ff("-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", str(still))
    return cut(still, path, 0.6)


def unknown_codec_wav(path: Path) -> Path:
    """A well-formed WAV whose format tag (0x1234) no decoder knows."""
    samples = b"\x00\x01" * 8000
    fmt = struct.pack("<HHIIHH", 0x1234, 1, 8000, 16000, 2, 16)
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data"
            + struct.pack("<I", len(samples)) + samples)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def unknown_fourcc_avi(path: Path, work: Path) -> Path:
    """An AVI whose video stream names a codec (fourcc ``QQQQ``) no decoder knows."""
    avi = work / "xvid.avi"
    _ff("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=1", "-c:v", "mpeg4",
        "-vtag", "XVID", str(avi))
    path.write_bytes(avi.read_bytes().replace(b"XVID", b"QQQQ").replace(b"FMP4", b"QQQQ"))
    return path
