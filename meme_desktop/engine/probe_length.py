"""How long a clip or sound really is: the decodable end, measured cheaply near the claimed end.

Containers can promise more than they hold: an MP4 whose index survived a cut download, an MP3
whose Xing header counts frames that are gone, a Matroska header claiming an hour over one
second of data. :func:`measure_length` seeks to just before the claimed end and reads the
packets that follow to the end of the file (demuxing only; it decodes just until one frame of
the chosen stream comes out, skipping packets a seek cut in half). The latest packet end is
what the file holds there. When that falls short of the claim (or the seek landed past the
data), the whole file is demuxed from the start, still without decoding, to find the real end.

The result is the length to use (:class:`Length`): the claim when the data reaches it, the real
end when it does not (``shortened``), or :class:`TruncatedMediaError` when nothing at all
decodes. For a complete file this costs one seek and at most one group of pictures of packets.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import av

from meme_desktop.engine.errors import TruncatedMediaError

if TYPE_CHECKING:
    from av.audio.codeccontext import AudioCodecContext
    from av.video.codeccontext import VideoCodecContext

TAIL_WINDOW = 1.0  # seconds before the claimed end where the tail scan starts
MIN_TOLERANCE = 0.25  # a last packet this close to the claimed end counts as reaching it
MIN_REAL_SECONDS = 0.05  # less than this that decodes is no clip at all
MAX_DECODE_TRIES = 200  # packets fed to the decoder before giving up on a damaged stream


@dataclass(frozen=True)
class Length:
    """``seconds`` to use; ``claimed`` is what the header said (equal when nothing is missing)."""

    seconds: float
    claimed: float

    @property
    def shortened(self) -> bool:
        return self.seconds < self.claimed


@dataclass
class _Scan:
    ends: dict[int, float]  # stream index -> latest packet end (seconds from the file start)
    decoded: bool  # a frame of the chosen stream came out of the decoder
    packets: int  # packets of the chosen stream seen


def tolerance(claimed: float) -> float:
    return max(MIN_TOLERANCE, 0.01 * claimed)


def _scan(container: av.container.InputContainer, stream: av.stream.Stream,
          start: float | None) -> _Scan:
    """Demux from ``start`` seconds (None: from where the container is) to the end."""
    if start is not None and start > 0:
        assert stream.time_base is not None  # a demuxed stream always has one
        container.seek(int(start / stream.time_base) + (stream.start_time or 0), stream=stream,
                       backward=True, any_frame=False)
    origin = (container.start_time or 0) / av.time_base
    scan = _Scan({}, False, 0)
    tries = 0
    try:
        for packet in container.demux():
            if packet.pts is None or packet.size == 0 or packet.time_base is None:
                continue
            end = float((packet.pts + (packet.duration or 0)) * packet.time_base) - origin
            index = packet.stream.index
            scan.ends[index] = max(scan.ends.get(index, end), end)
            if index != stream.index:
                continue
            scan.packets += 1
            if not scan.decoded and tries < MAX_DECODE_TRIES:
                tries += 1
                # a packet cut in half by the seek, or a damaged one: try the next
                with contextlib.suppress(av.error.FFmpegError):
                    scan.decoded = bool(packet.decode())
    except av.error.FFmpegError:
        pass  # the data stops here (a cut file): what was read so far is what there is
    if not scan.decoded and scan.packets:
        with contextlib.suppress(av.error.FFmpegError):  # flush frames the decoder delayed
            # only video and audio streams are measured: their contexts decode
            codec = cast("VideoCodecContext | AudioCodecContext", stream.codec_context)
            scan.decoded = bool(codec.decode(None))
    return scan


def _end(scan: _Scan, stream: av.stream.Stream) -> float | None:
    """The stream's own end when its duration is known, else the latest end of any stream
    (the claim then came from the container, which counts every stream)."""
    if stream.duration is not None and stream.duration > 0:
        return scan.ends.get(stream.index)
    return max(scan.ends.values(), default=None)


def measure_length(path: Path, container: av.container.InputContainer,
                   stream: av.stream.Stream, claimed: float) -> Length:
    """The length of ``stream`` to use; raises :class:`TruncatedMediaError` if none decodes."""
    name = path.name
    try:
        tail = _scan(container, stream, max(0.0, claimed - TAIL_WINDOW))
    except av.error.FFmpegError:
        tail = _Scan({}, False, 0)  # the seek itself failed: scan the whole file instead
    end = _end(tail, stream)
    if end is not None and end >= claimed - tolerance(claimed):
        if not tail.decoded:
            raise TruncatedMediaError(name, "nothing decodes near the end")
        return Length(claimed, claimed)
    try:
        with av.open(str(path), metadata_errors="ignore") as again:
            full = _scan(again, again.streams[stream.index], None)
            end = _end(full, again.streams[stream.index])
    except av.error.FFmpegError as exc:
        raise TruncatedMediaError(name, f"cannot read it again: {exc}") from exc
    if end is None or end < MIN_REAL_SECONDS or not full.decoded:
        raise TruncatedMediaError(name, f"nothing decodes (claims {claimed:.3f} s)")
    return Length(min(claimed, end), claimed)
