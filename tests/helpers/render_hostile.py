"""Hostile and broken media for the end-to-end refusal tests, made on the fly (nothing checked in).

:func:`hostile_files` writes each case into a folder and returns ``(upload name, path)`` pairs:
empty files, random bytes under media names, a truncated MP4, picture headers that promise a
decompression bomb, text posing as a JPEG, an MP4 whose video stream has no frames, a WAV with a
broken header, a PNG/MP4 polyglot and a file name full of separators and control characters.
"""

from __future__ import annotations

import random
import struct
import subprocess
import zlib
from pathlib import Path

from meme_desktop.config import ffmpeg_exe
from tests.helpers.media import make_audio, make_clip, make_gif, make_image, truncate

HOSTILE_NAME = ("../../..\\evil/" + "é" * 150 + "\x00\x01\x1b[31m\u202e\u200b名前"
                + "/..\\x" * 20 + ".mp4")
LONG_NAME = "é" * 200 + "\x07\t名前 😀.mp3"  # 200+ characters, a bell, a tab, CJK and emoji


def _ff(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args],
                   check=True, stdin=subprocess.DEVNULL)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def png_header(width: int, height: int) -> bytes:
    """A PNG signature and a valid IHDR chunk (8-bit RGB) declaring ``width`` x ``height``."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)


def bomb_png(path: Path, side: int = 50000) -> Path:
    """A tiny PNG whose header claims ``side`` x ``side`` (a decompression bomb)."""
    rows = zlib.compress(b"\x00" * 64, 9)
    path.write_bytes(png_header(side, side) + _chunk(b"IDAT", rows) + _chunk(b"IEND", b""))
    return path


def huge_gif(path: Path, work: Path) -> Path:
    """A real small GIF whose logical screen is patched to 65535 x 65535."""
    data = bytearray(make_gif(work / "small.gif", 0.3, "32x24").read_bytes())
    data[6:10] = struct.pack("<HH", 65535, 65535)
    path.write_bytes(bytes(data))
    return path


def frameless_mp4(path: Path, work: Path) -> Path:
    """An MP4 that declares an H.264 video stream but holds no frame (the ``ftyp`` and the
    empty ``moov`` of a fragmented MP4, without its fragments)."""
    frag = work / "frag.mp4"
    _ff("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "1", "-c:v", "libx264",
        "-movflags", "frag_keyframe+empty_moov", str(frag))
    data, pos, kept = frag.read_bytes(), 0, b""
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] in (b"ftyp", b"moov"):
            kept += data[pos:pos + size]
        pos += max(size, 8)
    path.write_bytes(kept)
    return path


def corrupt_wav(path: Path, work: Path) -> Path:
    """A real WAV whose ``fmt`` chunk says 0 channels, 0 Hz and 3 bits per sample."""
    data = bytearray(make_audio(work / "tone.wav", 0.5).read_bytes())
    at = data.find(b"fmt ")
    data[at + 10:at + 12] = struct.pack("<H", 0)  # channels
    data[at + 12:at + 16] = struct.pack("<I", 0)  # sample rate
    data[at + 22:at + 24] = struct.pack("<H", 3)  # bits per sample
    path.write_bytes(bytes(data))
    return path


def hostile_files(folder: Path) -> list[tuple[str, Path]]:
    """Every hostile case as (the name it is uploaded under, its file)."""
    work = folder / "work"
    work.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(20261125)
    cases: list[tuple[str, Path]] = []

    def add(name: str, path: Path) -> None:
        cases.append((name, path))

    empty = folder / "empty.mp4"
    empty.write_bytes(b"")
    add("empty.mp4", empty)
    for ext in ("mp4", "png", "mp3"):
        junk = folder / f"random.{ext}"
        junk.write_bytes(rnd.randbytes(6000))
        add(junk.name, junk)
    clip = make_clip(work / "clip.mp4", 1.0, "160x90")
    add("cut.mp4", truncate(clip, folder / "cut.mp4", 0.35))
    add("bomb.png", bomb_png(folder / "bomb.png"))
    add("screen.gif", huge_gif(folder / "screen.gif", work))
    text = folder / "photo.jpg"
    text.write_text("Dear diary, today I renamed a text file to .jpg.\n" * 40, encoding="utf-8")
    add(text.name, text)
    add("noframes.mp4", frameless_mp4(folder / "noframes.mp4", work))
    add("broken.wav", corrupt_wav(folder / "broken.wav", work))
    poly = folder / "poly.mp4"
    poly.write_bytes(png_header(64, 48) + clip.read_bytes())
    add("poly.mp4", poly)
    poly_png = folder / "poly.png"
    poly_png.write_bytes(poly.read_bytes())
    add("poly.png", poly_png)
    named = folder / "named.bin"
    named.write_bytes(rnd.randbytes(3000))
    add(HOSTILE_NAME, named)
    add(LONG_NAME, named)
    return cases


def good_image(folder: Path) -> Path:
    """A picture that must keep working while the hostile ones are refused."""
    return make_image(folder / "good.png", size="96x64")
