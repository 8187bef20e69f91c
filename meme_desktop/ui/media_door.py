"""The media bin's door: which files may be uploaded, decided before any upload starts.

It follows the protocol: video mp4 mov avi webm mkv; image jpg (jpeg) png gif webp; audio mp3
wav m4a aac; at most 200 MB a file. Only a ``stat`` happens here, so checking twenty dropped
files never stalls the window; the backend still checks the content (a mislabelled file is
refused on upload, on its own item).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from meme_desktop.api.upload import AUDIO_TYPES, IMAGE_TYPES, MAX_BYTES, VIDEO_TYPES
from meme_desktop.ui.i18n import tr

__all__ = ["ACCEPTED_TEXT", "KINDS", "MAX_BYTES", "DoorCheck", "check_file", "duration_text",
           "file_dialog_filter", "human_size"]

KINDS: dict[str, str] = {
    **dict.fromkeys(VIDEO_TYPES, "video"),
    **dict.fromkeys(IMAGE_TYPES, "image"),
    **dict.fromkeys(AUDIO_TYPES, "audio"),
}
ACCEPTED_TEXT = "MP4, MOV, AVI, WebM, MKV, JPG, PNG, GIF, WebP, MP3, WAV, M4A, AAC"


@dataclass(frozen=True)
class DoorCheck:
    """The verdict on one file: ``reason`` is None when the file may be uploaded."""

    path: Path
    kind: str = ""
    size: int = 0
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


def file_dialog_filter() -> str:
    """The name filter of the Import dialog (every accepted extension, then all files)."""
    patterns = " ".join(f"*.{ext}" for ext in KINDS)
    media, every = tr("Images, clips and sounds"), tr("All files")
    return f"{media} ({patterns});;{every} (*)"


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover


def check_file(path: Path) -> DoorCheck:
    """Refuse unsupported types, folders, missing, empty and oversized files, with the reason."""
    ext = path.suffix.lower().lstrip(".")
    kind = KINDS.get(ext, "")
    if not kind:
        shown = f".{ext}" if ext else tr("files without an extension")
        return DoorCheck(path, reason=tr("{ext} is not supported. Use {accepted}.",
                                         ext=shown, accepted=ACCEPTED_TEXT))
    try:
        st = os.stat(path)
    except OSError:
        return DoorCheck(path, kind, reason=tr("The file could not be found or opened."))
    if not path.is_file():
        return DoorCheck(path, kind, reason=tr("Folders cannot be imported; drop the files."))
    if st.st_size == 0:
        return DoorCheck(path, kind, reason=tr("The file is empty."))
    if st.st_size > MAX_BYTES:
        return DoorCheck(path, kind, st.st_size, reason=tr(
            "The file is {size}; the limit is 200 MB. Trim or compress it first.",
            size=human_size(st.st_size)))
    return DoorCheck(path, kind, st.st_size)


def duration_text(seconds: float) -> str:
    """``75.4`` → ``1:15``; ``3.2`` → ``0:03``."""
    total = int(round(seconds))
    return f"{total // 60}:{total % 60:02d}"
