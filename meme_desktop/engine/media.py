"""Probe and thumbnail any accepted file with PyAV, with typed errors for bad input.

:func:`probe` answers what a file is (kind, duration, display size after rotation, frame rate,
rotation, sound, codec, container). Animated GIF and WebP count as video. Before anything is
decoded, the file is checked for the cheap failures: missing, zero bytes, over 200 MB, a type we
do not accept, content that is not media at all (a mislabelled text or PDF file), declared
dimensions over :data:`MAX_DIMENSION` or a pixel count that makes a decompression bomb.
A file that starts like real media but cannot be decoded to its end is *truncated*.

:func:`thumbnail` returns PNG bytes whose longest side is ``size`` (rotation applied; RGBA when
the picture has see-through pixels, so a sticker's transparent corners stay transparent).
"""

from __future__ import annotations

import contextlib
import logging
import struct
import subprocess
from pathlib import Path

import av
import numpy as np

from meme_desktop.config import ffmpeg_exe
from meme_desktop.engine.children import popen_options
from meme_desktop.engine.errors import (
    ACCEPTED_EXTENSIONS,
    MAX_DIMENSION,
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    EmptyMediaError,
    HugeDimensionsError,
    MediaError,
    MediaTooLargeError,
    TruncatedMediaError,
    UnreadableMediaError,
    UnsupportedCodecError,
    UnsupportedMediaError,
)
from meme_desktop.engine.mediainfo import MediaInfo
from meme_desktop.engine.probe_length import Length, measure_length
from meme_desktop.engine.stills import still_complete
from meme_desktop.engine.thumbs import (
    ORIENTATIONS,
    encode_png,
    exif_orientation,
    frame_to_pixels,
    waveform_png,
)
from meme_desktop.frames import alpha_decoder, decode_video, may_have_alpha, see_through

log = logging.getLogger("meme_desktop.engine.media")

ALL_EXTENSIONS = {ext for exts in ACCEPTED_EXTENSIONS.values() for ext in exts}

# content signatures: (offset, bytes) -> family name
_MEDIA_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", "mp4"), (0, b"\x1a\x45\xdf\xa3", "matroska"), (0, b"RIFF", "riff"),
    (0, b"GIF8", "gif"), (0, b"\x89PNG", "png"), (0, b"\xff\xd8\xff", "jpeg"),
    (0, b"ID3", "mp3"), (0, b"\xff\xfb", "mp3"), (0, b"\xff\xf3", "mp3"), (0, b"\xff\xf2", "mp3"),
    (0, b"\xff\xf1", "aac"), (0, b"\xff\xf9", "aac"), (4, b"moov", "mp4"), (4, b"mdat", "mp4"),
    (4, b"wide", "mp4"), (4, b"free", "mp4"),
)
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"), (b"\x7fELF", "a program"),
    (b"MZ", "a program"), (b"<?xml", "an XML document"), (b"<!DOCTYPE", "a web page"),
    (b"<html", "a web page"), (b"{", "a text file"), (b"\x1f\x8b", "a compressed archive"),
)


# decoder names PyAV reports -> the codec's own name
_CODEC_NAMES = {"mp3float": "mp3", "mp2float": "mp2", "aac_fixed": "aac"}


def _family(head: bytes) -> str | None:
    for offset, magic, family in _MEDIA_MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return family
    return None


def _not_media(head: bytes) -> str | None:
    """A description of what the content is, when it is clearly not media."""
    stripped = head.lstrip()
    for magic, what in _OTHER_MAGIC:
        if stripped[: len(magic)].lower() == magic.lower():
            return what
    sample = head[:512]
    if sample and all(32 <= b < 127 or b in (9, 10, 13) for b in sample):
        return "a text file"
    return None


def _check_file(path: Path) -> bytes:
    """The cheap checks: exists, size, extension, content family. Returns the first bytes."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableMediaError(name, str(exc)) from exc
    if not path.is_file():
        raise UnreadableMediaError(name, "not a regular file")
    if size == 0:
        raise EmptyMediaError(name, "zero bytes")
    if size > MAX_UPLOAD_BYTES:
        raise MediaTooLargeError(name, size)
    ext = path.suffix.lower().lstrip(".")
    if ext not in ALL_EXTENSIONS:
        raise UnsupportedMediaError(name, f"extension {ext!r}")
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise UnreadableMediaError(name, str(exc)) from exc
    if _family(head) is None:
        other = _not_media(head)
        if other:
            raise UnsupportedMediaError(name, "content is not media", found=other)
    return head


def _check_dims(name: str, width: int, height: int) -> None:
    if width > MAX_DIMENSION or height > MAX_DIMENSION or width * height > MAX_PIXELS:
        raise HugeDimensionsError(name, width, height)


def _header_dims(head: bytes, family: str | None) -> tuple[int, int] | None:
    """Declared picture size from PNG / GIF / JPEG headers, read before any decoding."""
    if family == "png" and head[12:16] == b"IHDR":
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if family == "gif" and len(head) >= 10:
        return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    if family == "jpeg":
        pos = 2
        while pos + 9 < len(head) and head[pos] == 0xFF:
            marker = head[pos + 1]
            length = int.from_bytes(head[pos + 2:pos + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h = int.from_bytes(head[pos + 5:pos + 7], "big")
                w = int.from_bytes(head[pos + 7:pos + 9], "big")
                return w, h
            pos += 2 + length
    return None


def _webp_info(path: Path) -> tuple[int, int, int, float, bool] | None:
    """(width, height, frames, seconds, has alpha) of an animated WebP, None for a still or
    non-WebP.

    PyAV's bundled FFmpeg has no animated-WebP decoder, so the RIFF chunks are read here
    (the ffmpeg binary used for rendering does decode them).
    """
    data = path.read_bytes()
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP" or data[12:16] != b"VP8X":
        return None
    if not data[20] & 0x02:  # animation flag
        return None
    alpha = bool(data[20] & 0x10)
    width = 1 + int.from_bytes(data[24:27], "little")
    height = 1 + int.from_bytes(data[27:30], "little")
    pos, frames, millis = 12, 0, 0
    while pos + 8 <= len(data):
        tag = data[pos:pos + 4]
        (length,) = struct.unpack("<I", data[pos + 4:pos + 8])
        if tag == b"ANMF":
            if pos + 24 > len(data):
                break
            frames += 1
            millis += int.from_bytes(data[pos + 20:pos + 23], "little")
        pos += 8 + length + (length & 1)
    if pos > len(data) + 1 or frames == 0:
        raise TruncatedMediaError(path.name, "animated WebP cut short")
    return width, height, frames, millis / 1000.0, alpha


def probe(path: Path) -> MediaInfo:
    """Describe ``path``; raises a :class:`MediaError` subclass for anything unusable."""
    path = Path(path)
    try:
        return _probe(path)
    except MediaError:
        raise
    except Exception as exc:  # the boundary: whatever odd bytes make a parser throw
        log.warning("probing %s failed unexpectedly", path.name, exc_info=exc)
        raise UnreadableMediaError(path.name, f"{type(exc).__name__}: {exc}") from exc


def _probe(path: Path) -> MediaInfo:
    name = path.name
    head = _check_file(path)
    family = _family(head)
    dims = _header_dims(head, family)
    if dims:
        _check_dims(name, *dims)
    anim = _webp_info(path) if family == "riff" else None
    if anim:
        width, height, frames, seconds, alpha = anim
        _check_dims(name, width, height)
        fps = frames / seconds if seconds > 0 else 10.0
        return MediaInfo("video", seconds, width, height, round(fps, 3), 0, False, "webp",
                         "webp_pipe", alpha=alpha)
    try:
        container = av.open(str(path), metadata_errors="ignore")
    except av.error.FFmpegError as exc:
        if family is not None:
            raise TruncatedMediaError(name, str(exc)) from exc
        raise UnreadableMediaError(name, str(exc)) from exc
    exif = exif_orientation(head) if family == "jpeg" else None
    try:
        return _probe_open(path, container, family, exif)
    except MediaError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, OverflowError) as exc:
        if family is not None:
            raise TruncatedMediaError(name, str(exc)) from exc
        raise UnreadableMediaError(name, str(exc)) from exc
    finally:
        container.close()


def _probe_open(path: Path, container: av.container.InputContainer,
                family: str | None, exif: int | None = None) -> MediaInfo:
    name = path.name
    fmt = container.format.name
    vstreams = [s for s in container.streams.video
                if not (s.disposition & av.stream.Disposition.attached_pic)]
    # a clip's sound counts only if it can be decoded (else it renders silent, not failing)
    has_audio = any(a.codec_context is not None for a in container.streams.audio)
    if not vstreams:
        if not container.streams.audio:
            raise EmptyMediaError(name, "no video or audio stream")
        astream = container.streams.audio[0]
        if astream.codec_context is None:  # PyAV's FFmpeg has no decoder for it
            raise UnsupportedCodecError(name, "audio")
        duration = _duration(container, astream)
        if duration <= 0:
            raise EmptyMediaError(name, "audio of zero length")
        length = measure_length(path, container, astream, duration)
        return MediaInfo("audio", round(length.seconds, 3), 0, 0, 0.0, 0, True,
                         _CODEC_NAMES.get(astream.codec_context.name, astream.codec_context.name),
                         fmt, claimed_duration=_claimed(length))

    vs = vstreams[0]
    cc = vs.codec_context
    if cc is None:  # PyAV's FFmpeg has no decoder for it
        raise UnsupportedCodecError(name, "video")
    _check_dims(name, cc.width, cc.height)
    if cc.width <= 0 or cc.height <= 0:
        error = TruncatedMediaError if family is not None else UnreadableMediaError
        raise error(name, "no picture size")
    still_format = fmt.endswith("_pipe") or fmt in ("image2",)
    try:
        frame = _first_frame(container, vs, name)
    except TruncatedMediaError:
        if not vs.frames and not vs.duration and not container.duration:
            raise EmptyMediaError(name, "a video stream with no frames") from None
        raise
    rotation, mirrored = int(getattr(frame, "rotation", 0) or 0) % 360, False
    if exif is not None and exif != 1:  # the JPEG's EXIF tag, whatever FFmpeg makes of it
        rotation, mirrored = ORIENTATIONS[exif]
    width, height = (frame.height, frame.width) if rotation in (90, 270) else (frame.width,
                                                                               frame.height)
    _check_dims(name, width, height)
    is_gif = fmt == "gif"
    if still_format or (is_gif and _gif_frames(path) <= 1):
        if not still_complete(path, family):
            raise TruncatedMediaError(name, "image cut short")
        return MediaInfo("image", 0.0, width, height, 0.0, rotation, False, cc.name, fmt,
                         mirrored, alpha=see_through(frame))
    duration, claimed = _duration(container, vs), 0.0
    rate = vs.average_rate or vs.guessed_rate or vs.base_rate
    fps = float(rate) if rate else 0.0
    if is_gif:
        frames = _gif_frames(path)
        if duration <= 0:
            duration = frames / 10.0
        fps = frames / duration if duration > 0 else 10.0
        if not still_complete(path, family):
            raise TruncatedMediaError(name, "GIF cut short")
    elif duration <= 0:
        raise EmptyMediaError(name, "video of zero length")
    else:
        length = measure_length(path, container, vs, duration)
        duration, claimed = length.seconds, _claimed(length)
    # a GIF always decodes to BGRA: its first picture tells; other clips by their format
    decoder = alpha_decoder(vs) or ""
    alpha = see_through(frame) if is_gif else bool(decoder) or may_have_alpha(frame)
    return MediaInfo("video", round(duration, 3), width, height, round(fps, 3), rotation,
                     has_audio, cc.name, fmt, claimed_duration=claimed, alpha=alpha,
                     decoder=decoder)


def _claimed(length: Length) -> float:
    """``claimed_duration`` of :class:`MediaInfo`: the header's length when the data is shorter."""
    return round(length.claimed, 3) if length.shortened else 0.0


def _duration(container: av.container.InputContainer, stream: av.stream.Stream) -> float:
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
        if seconds > 0:
            return seconds
    if container.duration is not None:
        return container.duration / av.time_base
    return 0.0


def _first_frame(container: av.container.InputContainer, stream: av.VideoStream,
                 name: str, alpha: bool = False) -> av.VideoFrame:
    """The next frame; with ``alpha``, through the decoder that keeps a WebM's alpha layer
    (:func:`~meme_desktop.frames.decode_video`: its own decoder, so not before a probe goes
    on decoding with the stream's)."""
    for frame in decode_video(container, stream) if alpha else container.decode(stream):
        return frame
    raise TruncatedMediaError(name, "no frame could be decoded")


def _gif_frames(path: Path) -> int:
    """Number of frames in a GIF, counted by demuxing packets (no decoding)."""
    with av.open(str(path), metadata_errors="ignore") as c:
        return sum(1 for p in c.demux(c.streams.video[0]) if p.size)


def thumbnail(path: Path, size: int = 256) -> bytes:
    """A PNG whose longest side is ``size``: a frame for pictures, a waveform for sound."""
    path = Path(path)
    info = probe(path)
    try:
        return _thumbnail(path, info, size)
    except MediaError:
        raise
    except Exception as exc:  # the boundary: a decoder surprise is an unreadable file
        log.warning("thumbnail of %s failed unexpectedly", path.name, exc_info=exc)
        raise UnreadableMediaError(path.name, f"{type(exc).__name__}: {exc}") from exc


def _samples(path: Path) -> np.ndarray:
    """Every sample that decodes (damaged packets are skipped), flattened."""
    chunks: list[np.ndarray] = []
    with av.open(str(path), metadata_errors="ignore") as c:
        for packet in c.demux(audio=0):
            with contextlib.suppress(av.error.FFmpegError):
                chunks += [f.to_ndarray().astype(np.float32).reshape(-1)
                           for f in packet.decode()]
    return np.concatenate(chunks) if chunks else np.zeros(1, np.float32)


def _thumbnail(path: Path, info: MediaInfo, size: int) -> bytes:
    if info.kind == "audio":
        return waveform_png(_samples(path), size)
    if info.codec == "webp" and info.container == "webp_pipe" and info.kind == "video":
        return _ffmpeg_thumbnail(path, size)
    with av.open(str(path), metadata_errors="ignore") as c:
        vs = c.streams.video[0]
        if info.kind == "video" and info.duration > 1.0:
            assert vs.time_base is not None  # a demuxed stream always has one
            c.seek(int(min(1.0, info.duration * 0.1) / vs.time_base) + (vs.start_time or 0),
                   stream=vs)
        frame = _first_frame(c, vs, path.name, alpha=True)
        pixels = frame_to_pixels(frame, info.rotation, size, info.mirrored)
    return encode_png(pixels)


def _ffmpeg_thumbnail(path: Path, size: int) -> bytes:
    """Thumbnail through the ffmpeg binary (formats PyAV's FFmpeg cannot decode); RGBA, scaled
    premultiplied like :func:`~meme_desktop.engine.thumbs.frame_to_pixels`."""
    scale = f"scale='if(gt(iw,ih),{size},-1)':'if(gt(iw,ih),-1,{size})'"
    vf = f"format=rgba,premultiply=inplace=1,{scale},unpremultiply=inplace=1"
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-frames:v", "1",
                           "-vf", vf, "-f", "image2pipe", "-c:v", "png", "-"],
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
                          **popen_options())
    if proc.returncode != 0 or not proc.stdout:
        raise UnreadableMediaError(path.name, proc.stderr.decode(errors="replace")[-300:])
    return proc.stdout
