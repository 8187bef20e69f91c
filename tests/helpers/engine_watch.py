"""Watching an engine's processes from /proc: its ffmpeg children, whether a pid still lives.

Linux only (the tests that use it are about process lifetimes, which /proc shows directly).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, already dead but not reaped, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (from every thread's ``children`` list)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _children_whose(pid: int, wanted: Callable[[list[bytes]], bool]) -> list[int]:
    """The children of ``pid`` whose command line (split at NULs) is ``wanted``."""
    out = []
    for child in children(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmdline and wanted(cmdline):
            out.append(child)
    return out


def ffmpeg_children(pid: int) -> list[int]:
    """The rendering ffmpeg children of ``pid`` (``-progress``: not a ``-version`` check)."""
    return _children_whose(pid, lambda cmd: b"ffmpeg" in cmd[0] and b"-progress" in cmd)


def wait_gone(pid: int, seconds: float) -> bool:
    """Poll until ``pid`` is gone; True if it went within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return not alive(pid)


def helper_children(pid: int) -> list[int]:
    """The engine's media helper (``meme-desktop engine helper``) among ``pid``'s children."""
    return [child for child in _children_whose(pid, lambda cmd: cmd[-3:] == [b"engine",
                                                                          b"helper", b""])
            if alive(child)]


def mapped_libraries(pid: int) -> set[str]:
    """The file names of every shared object ``pid`` has mapped."""
    names = set()
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 6 and ".so" in parts[5]:
            names.add(parts[5].rsplit("/", 1)[-1])
    return names
