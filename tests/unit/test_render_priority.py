"""The encoder runs below normal priority, so the window stays quick while it uses every core."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from meme_desktop.engine.render import process

pytestmark = pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX priorities")


def _ffmpeg_children() -> list[int]:
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmd = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == me and b"ffmpeg" in cmd:
            found.append(int(entry.name))
    return found


def test_ffmpeg_is_reniced_while_it_renders(tmp_path: Path) -> None:
    seen: list[int] = []

    def on_progress(_fraction: float) -> None:
        for pid in _ffmpeg_children():
            with contextlib.suppress(OSError):
                seen.append(os.getpriority(os.PRIO_PROCESS, pid))

    base = os.getpriority(os.PRIO_PROCESS, 0)
    # -re: read the input at its own rate, so ffmpeg runs 2 s (and reports progress several
    # times) whatever the machine's speed, at almost no CPU cost
    process.run_ffmpeg(["-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2",
                        "-c:v", "libx264", "-preset", "ultrafast", str(tmp_path / "o.mp4")],
                       total=2.0, progress=on_progress)
    assert (tmp_path / "o.mp4").stat().st_size > 0
    assert seen, "no progress was reported while ffmpeg ran"
    assert all(p >= max(base, process.RENDER_NICENESS) for p in seen)
