"""Where a still picture ends: JPEG, PNG and GIF structure walkers (no decoding, no library).

A picture is *complete* when its own structure reaches its end marker: the JPEG EOI after the
first scan, the PNG ``IEND`` chunk, the GIF trailer. Bytes after that marker do not matter: phone
"motion photos" append a whole MP4 to the JPEG, editors append metadata, and the decoders (PyAV
for probing, the ffmpeg binary for rendering) stop at the marker. Only a picture whose structure
runs past the end of the file (an interrupted download or copy) is incomplete.

The walkers read headers and chunk lengths with seeks, and search the JPEG's scan data through
a memory map, so a 200 MB file is never read into memory.
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import BinaryIO

JPEG_EOI = b"\xff\xd9"
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn carry no length


def _read(fh: BinaryIO, at: int, n: int) -> bytes:
    fh.seek(at)
    return fh.read(n)


def jpeg_complete(path: Path) -> bool:
    """True when an EOI marker follows the first scan (SOS).

    Inside entropy-coded data every 0xFF byte is followed by 0x00 or a restart marker, so the
    first ``FF D9`` after the scan header is the picture's end. An embedded EXIF thumbnail (with
    its own EOI) sits in APP1, before the scan, and is skipped with its segment.
    """
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        size = len(data)
        pos = 2
        while pos + 4 <= size:
            if data[pos] != 0xFF:
                return False
            marker = data[pos + 1]
            if marker == 0xFF:  # fill byte
                pos += 1
                continue
            if marker == 0xD9:
                return True
            if marker in _JPEG_STANDALONE or marker == 0xD8:
                pos += 2
                continue
            length = int.from_bytes(data[pos + 2:pos + 4], "big")
            if length < 2:
                return False
            if marker == 0xDA:  # start of scan: the end marker is somewhere after it
                return data.find(JPEG_EOI, pos + 2 + length) != -1
            pos += 2 + length
        return False


def png_complete(path: Path) -> bool:
    """True when the chunk chain from the signature reaches ``IEND`` inside the file."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        pos = 8
        while pos + 8 <= size:
            head = _read(fh, pos, 8)
            length = int.from_bytes(head[:4], "big")
            if head[4:8] == b"IEND":
                return pos + 12 <= size
            pos += 12 + length
        return False


def _skip_sub_blocks(fh: BinaryIO, pos: int, size: int) -> int:
    """The position after a chain of GIF data sub-blocks (ended by a zero-length block)."""
    while pos < size:
        (length,) = _read(fh, pos, 1) or b"\x00"
        pos += 1
        if length == 0:
            return pos
        pos += length
    return size + 1  # ran past the end


def _colour_table(flags: int) -> int:
    return 3 * (2 ** ((flags & 0x07) + 1)) if flags & 0x80 else 0


def gif_complete(path: Path) -> bool:
    """True when the block chain after the screen descriptor reaches the ``;`` trailer."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        screen = _read(fh, 6, 7)
        if len(screen) < 7:
            return False
        pos = 13 + _colour_table(screen[4])
        while pos < size:
            (kind,) = _read(fh, pos, 1)
            if kind == 0x3B:  # trailer
                return True
            if kind == 0x21:  # extension: label, then sub-blocks
                pos = _skip_sub_blocks(fh, pos + 2, size)
            elif kind == 0x2C:  # image descriptor, local colour table, LZW size, data
                desc = _read(fh, pos, 10)
                if len(desc) < 10:
                    return False
                pos = _skip_sub_blocks(fh, pos + 10 + _colour_table(desc[9]) + 1, size)
            else:
                return False
        return False


def still_complete(path: Path, family: str | None) -> bool:
    """Whether a still picture of ``family`` (``jpeg``, ``png``, ``gif``) reaches its end."""
    if family == "jpeg":
        return jpeg_complete(path)
    if family == "png":
        return png_complete(path)
    if family == "gif":
        return gif_complete(path)
    return True
