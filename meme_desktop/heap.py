"""Give freed memory back to the system after big one-off work (glibc's ``malloc_trim``).

Probing a 1080p clip, drawing a thumbnail or a caption allocates tens of megabytes that are
freed a moment later; glibc keeps such memory in its arenas (one per thread that allocated),
so a process's resident size stays at its high-water mark. :func:`release` asks glibc to
return what is free. The engine calls it right before ffmpeg starts (so the engine is at its
smallest while ffmpeg, the biggest process, runs) and after uploads, thumbnails and renders;
the window calls it when an export starts (:mod:`meme_desktop.ui.export_memory`). A no-op
where ``malloc_trim`` does not exist (macOS, Windows, musl).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


_TRIM = _malloc_trim()


def release() -> None:
    """Return the heap's free memory to the system (best effort, a few milliseconds)."""
    if _TRIM is not None:
        with contextlib.suppress(OSError):
            _TRIM(0)
