"""The timeline model (DESIGN.md section 3): pure Python, no Qt, no I/O, no project imports."""

from meme_desktop.draft.errors import DraftError, OpError
from meme_desktop.draft.model import (
    EFFECTS,
    FITS,
    MUSIC_NAMES,
    POSITIONS,
    SFX_NAMES,
    STYLES,
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Draft,
    Meta,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
)
from meme_desktop.draft.summary import (
    describe_changes,
    one_line,
    seconds,
    segment_label,
    timeline_summary,
    unknown_track_label,
)
from meme_desktop.draft.validate import is_color, validate

__all__ = [
    "EFFECTS", "FITS", "MUSIC_NAMES", "POSITIONS", "SFX_NAMES", "STYLES", "TT_AUDIO", "TT_TEXT",
    "TT_VIDEO", "AudioSegment", "Draft", "DraftError", "Meta", "Segment", "TextSegment", "Track",
    "OpError", "VideoSegment", "describe_changes", "is_color", "one_line", "seconds",
    "segment_label", "timeline_summary", "unknown_track_label", "validate",
]
