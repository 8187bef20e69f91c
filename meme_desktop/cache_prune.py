"""Keep the app's caches bounded: the files used longest ago go first.

``config.cache_dir()`` holds what can be made again: caption pictures and sheets the engine
draws (``captions/``, named by their content, reused across renders and projects) and the
window's preview renders (``previews/``, one per project, rendered again when a project is
edited). Without a limit both grow with every caption ever typed and every project ever opened.

:func:`prune` deletes the least recently used files of one folder until it holds at most its
limit. "Used" is the file's modification time: a caption picture found in the cache is
:func:`touch`-ed when a render reuses it, and a preview is rewritten by every preview render.
Files used within the last hour are never deleted, whatever the size, so a render that has
just looked a picture up still finds it. The engine prunes ``captions/`` when it starts and
the window prunes ``previews/`` when it opens, each in a background thread; nothing waits.
Built-in sounds (``sounds/``, a few fixed files) are not pruned.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from meme_desktop.config import cache_dir

log = logging.getLogger(__name__)

MB = 1024 * 1024
LIMITS = {"captions": 64 * MB, "previews": 256 * MB}  # folder of cache_dir() -> bytes kept
SPARE_SECONDS = 3600.0  # files used more recently than this are kept, whatever the size


@dataclass(frozen=True)
class Pruned:
    """What one :func:`prune` did."""

    removed: int  # files deleted
    freed: int  # bytes they held
    kept: int  # bytes left in the folder


def touch(path: Path) -> None:
    """Mark a cached file as just used (its modification time), so pruning keeps it longer."""
    with contextlib.suppress(OSError):  # gone or read-only: it is made again when missing
        os.utime(path)


def prune(folder: Path, max_bytes: int, spare_seconds: float = SPARE_SECONDS,
          now: float | None = None) -> Pruned:
    """Delete the least recently used files directly in ``folder`` until the rest hold at most
    ``max_bytes``, never one used in the last ``spare_seconds``. A missing folder, or a file
    another process deletes meanwhile, is not an error."""
    now = time.time() if now is None else now
    files: list[tuple[float, int, Path]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    if entry.is_file(follow_symlinks=False):
                        stat = entry.stat(follow_symlinks=False)
                        files.append((stat.st_mtime, stat.st_size, Path(entry.path)))
                except OSError:
                    continue
    except (FileNotFoundError, NotADirectoryError):
        return Pruned(0, 0, 0)
    total = sum(size for _used, size, _path in files)
    removed = freed = 0
    for used, size, path in sorted(files):  # least recently used first
        if total <= max_bytes or used > now - spare_seconds:
            break
        try:
            path.unlink()
        except FileNotFoundError:
            pass  # someone else removed it: its bytes are gone all the same
        except OSError as exc:
            log.warning("could not remove %s from the cache: %s", path.name, exc.strerror)
            continue
        else:
            removed += 1
            freed += size
        total -= size
    return Pruned(removed, freed, total)


def prune_cache(name: str) -> Pruned:
    """:func:`prune` the cache folder ``name`` (a key of :data:`LIMITS`) to its limit; logs what
    it freed and never raises (a cache that cannot be tidied is no reason to stop)."""
    try:
        done = prune(cache_dir() / name, LIMITS[name])
    except OSError as exc:
        log.warning("could not tidy the %s cache: %s", name, exc)
        return Pruned(0, 0, 0)
    if done.removed:
        log.info("cache %s: removed %d old files (%.1f MB), %.1f MB kept", name, done.removed,
                 done.freed / MB, done.kept / MB)
    return done
