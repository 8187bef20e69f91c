"""What a media file is (:class:`MediaInfo`), apart from the probe that finds it out.

The probe (:mod:`meme_desktop.engine.media`) needs PyAV and numpy, which the engine's own
process does not load (they run in its media helper, :mod:`meme_desktop.engine.helper`); the
engine, the render graph and the uploads only need the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["video", "image", "audio"]


@dataclass(frozen=True)
class MediaInfo:
    """What a media file is, as the engine and the agent need it."""

    kind: Kind
    duration: float  # seconds; 0.0 for still images
    width: int  # display size, after rotation; 0 for audio
    height: int
    fps: float  # 0.0 for stills and audio
    rotation: int  # display rotation in degrees (metadata or a JPEG's EXIF orientation)
    has_audio: bool
    codec: str  # e.g. "h264", "png", "aac"
    container: str  # e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    mirrored: bool = False  # EXIF orientations 2, 4, 5, 7: flipped left-right after rotating
    claimed_duration: float = 0.0  # what the header promised, when more than ``duration`` holds
    alpha: bool = False  # some pixels are see-through: laid on the background colour in a render
    decoder: str = ""  # the decoder a render must use ("libvpx-vp9": a WebM's alpha layer)


__all__ = ["Kind", "MediaInfo"]
