"""Give freed memory back to the system after big one-off work (glibc's ``malloc_trim``).

Probing a 1080p clip, drawing a thumbnail or a caption allocates tens of megabytes that are
freed a moment later; glibc keeps such memory in its arenas (one per thread that allocated),
so a process's resident size stays at its high-water mark. :func:`release` asks glibc to
return what is free. The engine calls it right before ffmpeg starts (so the engine is at its
smallest while ffmpeg, the biggest process, runs) and after uploads, thumbnails and renders;
the window calls it when an export starts (:mod:`meme_desktop.ui.export_memory`).

:func:`configure`, called first thing by every entry point (``cli.main``: the window, the engine
and the command line), sets glibc's allocator up for a long-running multi-threaded Python
process: at most two arenas (glibc's default is eight per core, and each worker thread that
allocates keeps its own arena's free pages), and a fixed 128 KiB threshold above which blocks
are mapped on their own and go back to the system when freed (by default the threshold
grows with every big block freed, so decoded frames and images end up in the heap and stay
there). Together about 40 MB less for the window while exporting (docs/performance.md,
"Memory"). Both are no-ops where glibc is not the C library (macOS, Windows, musl).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import sys
from collections.abc import Callable


def _glibc() -> ctypes.CDLL | None:
    """The C library when it is glibc (musl has the same names but other semantics)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "gnu_get_libc_version") else None


_LIBC = _glibc()
_TRIM: Callable[[int], int] | None = getattr(_LIBC, "malloc_trim", None)
_MALLOPT: Callable[[int, int], int] | None = getattr(_LIBC, "mallopt", None)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers (malloc.h)
M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD = 128 * 1024


def configure() -> bool:
    """Limit glibc's arenas and fix its mmap threshold (see the module docstring); call it
    before the process starts threads. True when the allocator took both settings."""
    if _MALLOPT is None:
        return False
    arenas = _MALLOPT(M_ARENA_MAX, ARENAS)
    threshold = _MALLOPT(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    return bool(arenas) and bool(threshold)


def release() -> None:
    """Return the heap's free memory to the system (best effort, a few milliseconds)."""
    if _TRIM is not None:
        with contextlib.suppress(OSError):
            _TRIM(0)
