"""Typed engine errors and the one place that turns them into sentences a person understands.

Every error carries a protocol ``code`` (DESIGN.md section 2: 4001 unsupported file, 4002 too
large, ...) and structured fields (the file name, the limit, ...). Nothing in the project looks
at an error's message text: callers branch on the class or ``code`` and show
:func:`user_message`.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from meme_desktop.draft.errors import DraftError

# protocol codes (DESIGN.md section 2)
CODE_UNSUPPORTED = 4001
CODE_TOO_LARGE = 4002
CODE_UNREADABLE = 4003
CODE_RENDER = 5001
CODE_DISK_FULL = 5007  # engine extension: no space left where the engine keeps its files

DISK_FULL_SENTENCE = ("There is no free space left on the disk where the app keeps its files. "
                      "Free some space, then try again.")

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
MAX_DIMENSION = 8192
MAX_PIXELS = 64_000_000  # ~ 8000 x 8000: anything bigger is a decompression bomb for us

ACCEPTED_EXTENSIONS = {
    "video": ("mp4", "mov", "avi", "webm", "mkv"),
    "image": ("jpg", "jpeg", "png", "gif", "webp"),
    "audio": ("mp3", "wav", "m4a", "aac"),
}


def accepted_types_sentence() -> str:
    """'video (mp4, mov, ...), image (...) or audio (...)' for messages."""
    parts = [f"{kind} ({', '.join(exts)})" for kind, exts in ACCEPTED_EXTENSIONS.items()]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


class EngineError(Exception):
    """Base of every typed engine error."""

    code: int = CODE_RENDER

    def __init__(self, detail: str = "") -> None:
        self.detail = detail  # technical detail for logs, never shown as the sentence
        super().__init__(detail or type(self).__name__)


# -- media ---------------------------------------------------------------------------------
class MediaError(EngineError):
    """A file the engine cannot use. ``name`` is the file name shown to the person."""

    code = CODE_UNREADABLE

    def __init__(self, name: str, detail: str = "") -> None:
        self.name = name
        super().__init__(detail)


class EmptyMediaError(MediaError):
    """A zero-byte file, or one with no picture and no sound."""


class TruncatedMediaError(MediaError):
    """A file that starts well but breaks off (an interrupted download or copy)."""


class UnsupportedMediaError(MediaError):
    """A type we do not accept (by extension or by content: a mislabelled file)."""

    code = CODE_UNSUPPORTED

    def __init__(self, name: str, detail: str = "", found: str = "") -> None:
        self.found = found  # what the content really is, when known ("text", "pdf", ...)
        super().__init__(name, detail)


class UnsupportedCodecError(MediaError):
    """A container we read whose picture or sound is in a codec we cannot decode."""

    code = CODE_UNSUPPORTED

    def __init__(self, name: str, kind: str, detail: str = "") -> None:
        self.kind = kind  # "video" or "audio"
        super().__init__(name, detail or f"no {kind} decoder")


class MediaTooLargeError(MediaError):
    """Bigger than the upload limit (200 MB)."""

    code = CODE_TOO_LARGE

    def __init__(self, name: str, size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
        self.size = size
        self.limit = limit
        super().__init__(name, f"{size} bytes > {limit}")


class UnreadableMediaError(MediaError):
    """Not decodable at all (garbage, encrypted, a codec we do not have)."""


class HugeDimensionsError(MediaError):
    """Width or height over the limit, or a decompression bomb."""

    code = CODE_TOO_LARGE

    def __init__(self, name: str, width: int, height: int, limit: int = MAX_DIMENSION) -> None:
        self.width = width
        self.height = height
        self.limit = limit
        super().__init__(name, f"{width}x{height} > {limit}")


# -- the store ---------------------------------------------------------------------------
class HelperError(EngineError):
    """The media helper (:mod:`meme_desktop.engine.helper`) crashed or hung during a call, so
    the call's work was not done."""


class HelperTimeoutError(HelperError):
    """The media helper did not answer in time and was killed (a hung decoder)."""


class HelperStartError(HelperError):
    """The media helper could not start at all (nothing can be probed or drawn)."""


class DatabaseUnusableError(EngineError):
    """``engine.db`` can neither be opened nor set aside (e.g. a read-only data folder)."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        super().__init__(detail or path)


# -- sounds --------------------------------------------------------------------------------
class UnknownSoundError(EngineError):
    """``sfx:NAME`` / ``music:NAME`` that is not in the built-in library."""

    code = CODE_UNSUPPORTED

    def __init__(self, src: str) -> None:
        self.src = src
        super().__init__(src)


# -- render --------------------------------------------------------------------------------
class RenderError(EngineError):
    """A render that could not finish."""

    code = CODE_RENDER


class MissingMediaError(RenderError):
    """A segment's source cannot be found (an asset hash or a file path)."""

    def __init__(self, src: str, segment: str = "") -> None:
        self.src = src
        self.segment = segment
        super().__init__(f"{segment}: {src}")


class RenderFailedError(RenderError):
    """ffmpeg failed; ``detail`` holds the tail of its log."""


class RenderCancelled(RenderError):
    """The person (or the engine shutting down) cancelled the render."""


class OutputNotWritableError(RenderError):
    """The target folder does not exist or cannot be written."""

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        super().__init__(detail or path)


class NoSpaceError(RenderError):
    """The disk the render was written to filled up (``folder``); nothing of it is kept."""

    code = CODE_DISK_FULL

    def __init__(self, folder: str, detail: str = "") -> None:
        self.folder = folder
        super().__init__(detail or folder)


def is_disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` is the system saying the disk (or the person's quota) is full."""
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


class SizeCapError(RenderError):
    """The video cannot fit into the requested size, even at the lowest sensible quality."""

    def __init__(self, max_bytes: int, got: int) -> None:
        self.max_bytes = max_bytes
        self.got = got
        super().__init__(f"{got} bytes > {max_bytes}")


class NothingToRenderError(RenderError):
    """The draft has no segment (or zero length): there is nothing to export yet."""


class BadPresetError(RenderError):
    """An unknown preset, quality or format name."""

    code = CODE_UNSUPPORTED

    def __init__(self, what: str, value: str, choices: tuple[str, ...]) -> None:
        self.what = what
        self.value = value
        self.choices = choices
        super().__init__(f"{what} {value!r}")


# -- notices (not errors: the file is used, and the person is told something) -------------
@dataclass(frozen=True)
class ShortenedMediaNotice:
    """A clip or sound whose header promises more than its data holds; it is used at the
    length that really decodes (``seconds``) instead of the header's (``claimed``)."""

    name: str
    seconds: float
    claimed: float


def _clock(seconds: float) -> str:
    """'1.5 s' under a minute, else 'm:ss' / 'h:mm:ss'."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = int(round(seconds))
    h, m, s = whole // 3600, whole // 60 % 60, whole % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass(frozen=True)
class DatabaseReplacedNotice:
    """``engine.db`` was damaged: it was renamed to ``aside`` and a fresh one started."""

    path: str
    aside: str


@dataclass(frozen=True)
class DatabaseLostNotice:
    """``engine.db`` was missing or empty while ``count`` media files remained in ``media``."""

    path: str
    media: str
    count: int


Notice = ShortenedMediaNotice | DatabaseReplacedNotice | DatabaseLostNotice


def notice_message(notice: Notice) -> str:
    """The sentence for a notice (kept beside :func:`user_message`: one place for sentences)."""
    if isinstance(notice, DatabaseReplacedNotice):
        return (f"The engine's database {notice.path} was damaged; it was kept as "
                f"{notice.aside} (nothing was deleted) and a new, empty one was started.")
    if isinstance(notice, DatabaseLostNotice):
        return (f"The engine's database {notice.path} was missing or empty, but {notice.count} "
                f"media file(s) from before are still in {notice.media}; earlier projects "
                "cannot be reopened, and those files were left in place.")
    return (f"“{notice.name}” says it is {_clock(notice.claimed)} long, but only "
            f"{_clock(notice.seconds)} of it could be read (it is probably incomplete); "
            f"it is used at {_clock(notice.seconds)}.")


@dataclass(frozen=True)
class _Mb:
    n: int

    def __str__(self) -> str:
        mb = self.n / (1024 * 1024)
        return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


def user_message(exc: BaseException) -> str:
    """One clear sentence for any engine (or draft) error; the only place sentences live."""
    if isinstance(exc, EmptyMediaError):
        return f"“{exc.name}” is empty: it has no picture or sound to use."
    if isinstance(exc, TruncatedMediaError):
        return f"“{exc.name}” is incomplete or damaged (maybe an interrupted download); please use a complete copy."
    if isinstance(exc, UnsupportedCodecError):
        what = "picture" if exc.kind == "video" else "sound"
        return (f"“{exc.name}” is stored in a kind of {what} this app cannot decode; "
                "convert it to a common format (H.264 MP4, MP3, WAV or AAC) first.")
    if isinstance(exc, UnsupportedMediaError):
        what = f" (it looks like {exc.found})" if exc.found else ""
        return f"“{exc.name}” is not a supported file{what}; use {accepted_types_sentence()}."
    if isinstance(exc, MediaTooLargeError):
        return (f"“{exc.name}” is {_Mb(exc.size)}, over the {_Mb(exc.limit)} limit; "
                "trim or compress it first.")
    if isinstance(exc, HugeDimensionsError):
        return (f"“{exc.name}” is {exc.width}×{exc.height} pixels, too big to edit "
                f"(at most {exc.limit} pixels a side); resize it first.")
    if isinstance(exc, UnreadableMediaError | MediaError):
        return f"“{exc.name}” could not be read as a picture, video or sound."
    if isinstance(exc, UnknownSoundError):
        return f"There is no built-in sound called “{exc.src}”."
    if isinstance(exc, MissingMediaError):
        return f"A file used in the video is missing ({exc.src}); add it again and retry."
    if isinstance(exc, RenderCancelled):
        return "The export was cancelled."
    if isinstance(exc, OutputNotWritableError):
        return f"Cannot write the video to {exc.path}: choose a folder you can write to."
    if isinstance(exc, NoSpaceError):
        return DISK_FULL_SENTENCE
    if isinstance(exc, SizeCapError):
        return (f"The video cannot fit in {_Mb(exc.max_bytes)} even at low quality; "
                "shorten it or choose a bigger limit.")
    if isinstance(exc, NothingToRenderError):
        return "The video is empty: add a picture, clip, sound or caption first."
    if isinstance(exc, BadPresetError):
        return f"Unknown {exc.what} “{exc.value}”; choose one of {', '.join(exc.choices)}."
    if isinstance(exc, RenderFailedError | RenderError):
        return "The video could not be rendered; please try again or change the edit."
    if isinstance(exc, DraftError):
        return f"The edit is not valid: {exc}."
    if isinstance(exc, HelperStartError):
        return ("The engine's media helper could not start, so files cannot be read or drawn "
                "right now; restart the app.")
    if isinstance(exc, DatabaseUnusableError):
        return (f"The engine's database {exc.path} cannot be opened or moved aside; check that "
                "its folder is writable.")
    return "Something went wrong in the engine; please try again."
