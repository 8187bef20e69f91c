"""Run one ffmpeg process: progress from ``-progress pipe:1``, cancel, atomic output.

:func:`run_ffmpeg` reports the fraction done, 0.0-1.0 (``out_time`` against the known total), stops the
process when the cancel event is set (terminate, then kill after a grace period) and raises
typed errors. :func:`atomic_target` gives a temporary file beside the target that is renamed
over it only when the render succeeded; a failed or cancelled render leaves no partial file.
ffmpeg is tied to the engine's lifetime (:mod:`meme_desktop.engine.children`): a killed engine
takes its running ffmpeg with it. A filter graph too long for one command-line argument (Linux
refuses any argument over 128 KB; Windows a whole command line over 32 K characters) goes to
ffmpeg in a script file (``-/filter_complex FILE``, ffmpeg 7 and later) instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from meme_desktop.config import ffmpeg_exe
from meme_desktop.engine.children import adopt, creation_flags, popen_options
from meme_desktop.engine.errors import (
    NoSpaceError,
    OutputNotWritableError,
    RenderCancelled,
    RenderFailedError,
    is_disk_full,
)

Progress = Callable[[float], None]
GRACE_SECONDS = 1.0
STALL_SECONDS = 120.0  # no progress line for this long: ffmpeg is stuck, stop it


RENDER_NICENESS = 10
GRAPH_INLINE_LIMIT = 16_000  # characters of filter graph passed inline; longer: a script file
MIN_FREE_BYTES = 1 << 20  # less than this left beside a failed render: the disk filled up


def _below_normal_priority() -> int:
    """Windows: start the encoder below normal priority (0 elsewhere; see _lower_priority)."""
    if sys.platform == "win32":
        return int(getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0x00004000))
    return 0


def _lower_priority(pid: int) -> None:
    """POSIX: renice the encoder so the window and chat stay quick while it uses every core.

    On a 2-core machine a normal-priority x264 encode doubles chat-edit latency; niced, the
    export takes no longer (nothing else wants the CPU most of the time).
    """
    setpriority = getattr(os, "setpriority", None)
    if setpriority is not None:
        with contextlib.suppress(OSError):
            setpriority(os.PRIO_PROCESS, pid, RENDER_NICENESS)


def _parse_time(key: str, value: str) -> float | None:
    """Seconds from ``out_time_us`` / ``out_time_ms`` (both microseconds) / ``out_time``."""
    try:
        if key in ("out_time_us", "out_time_ms"):
            return int(value) / 1_000_000
        if key == "out_time":
            h, m, s = value.split(":")
            return int(h) * 3600 + int(m) * 60 + float(s)
    except ValueError:
        return None
    return None


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_ffmpeg(args: list[str], total: float, progress: Progress | None = None,
               cancel: threading.Event | None = None, span: tuple[float, float] = (0.0, 1.0),
               ) -> None:
    """Run ``ffmpeg args``; progress (a fraction 0..1) is reported within ``span``."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
           "-progress", "pipe:1", "-nostats", *args]
    if cancel is not None and cancel.is_set():
        raise RenderCancelled("cancelled before start")
    options = popen_options()
    if sys.platform == "win32":
        options["creationflags"] = creation_flags() | _below_normal_priority()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, **options)
    except OSError as exc:
        raise RenderFailedError(f"cannot start ffmpeg: {exc}") from exc
    adopt(proc)
    _lower_priority(proc.pid)
    errors: deque[str] = deque(maxlen=40)
    last_line = [time.monotonic()]

    def read_errors() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            errors.append(raw.decode("utf-8", "replace").rstrip())

    def read_progress() -> None:
        assert proc.stdout is not None
        low, high = span
        for raw in proc.stdout:
            last_line[0] = time.monotonic()
            key, _, value = raw.decode("ascii", "replace").strip().partition("=")
            seconds = _parse_time(key, value)
            if seconds is not None and progress is not None and total > 0:
                frac = min(1.0, max(0.0, seconds / total))
                progress(round(low + (high - low) * frac, 4))

    readers = [threading.Thread(target=read_errors, daemon=True),
               threading.Thread(target=read_progress, daemon=True)]
    for t in readers:
        t.start()
    cancelled = stalled = False
    try:
        while proc.poll() is None:
            if cancel is not None and cancel.wait(0.1):
                cancelled = True
                _stop(proc)
                break
            if cancel is None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(0.2)
            if time.monotonic() - last_line[0] > STALL_SECONDS:
                stalled = True
                _stop(proc)
                break
    finally:
        if proc.poll() is None:  # an exception (KeyboardInterrupt) while waiting
            _stop(proc)
        for t in readers:
            t.join(2.0)
    if cancelled:
        raise RenderCancelled("cancelled")
    if stalled:
        raise RenderFailedError(f"ffmpeg made no progress for {STALL_SECONDS:.0f} s")
    if proc.returncode != 0:
        raise RenderFailedError("\n".join(errors) or f"ffmpeg exited with {proc.returncode}")


@contextlib.contextmanager
def graph_arguments(graph: str | Sequence[str], folder: Path) -> Iterator[list[str]]:
    """``-filter_complex GRAPH``, or for a long graph ``-/filter_complex FILE`` with the graph
    written to a hidden file in ``folder`` (removed afterwards). Several graphs (one pass making
    several formats) each get their own option; they stay inline while all of them together
    are within the limit."""
    graphs = [graph] if isinstance(graph, str) else list(graph)
    scripts: list[Path] = []
    args: list[str] = []
    inline = 0
    try:
        for text in graphs:
            if inline + len(text) <= GRAPH_INLINE_LIMIT:
                inline += len(text)
                args += ["-filter_complex", text]
                continue
            script = folder / f".graph.{uuid.uuid4().hex[:8]}.txt"
            try:
                script.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise OutputNotWritableError(str(folder), str(exc)) from exc
            scripts.append(script)
            args += ["-/filter_complex", str(script)]
        yield args
    finally:
        for script in scripts:
            with contextlib.suppress(OSError):
                script.unlink()


def check_writable(target: Path) -> None:
    """Raise :class:`OutputNotWritableError` unless ``target`` can be created or replaced."""
    folder = target.parent
    if target.is_dir():
        raise OutputNotWritableError(str(target), "target is a folder")
    if not folder.is_dir():
        raise OutputNotWritableError(str(target), "folder does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputNotWritableError(str(target), "folder not writable")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputNotWritableError(str(target), "file not writable")


def _little_space_left(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < MIN_FREE_BYTES
    except OSError:
        return False


@contextlib.contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success only.

    A render that failed because the disk filled up (checked while its partial file still
    holds the space) is a :class:`NoSpaceError`, not an ffmpeg failure."""
    check_writable(target)
    tmp = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.part{target.suffix}")
    try:
        yield tmp
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise RenderFailedError("ffmpeg wrote no output")
        try:
            os.replace(tmp, target)
        except OSError as exc:
            if is_disk_full(exc):
                raise NoSpaceError(str(target.parent), str(exc)) from exc
            raise OutputNotWritableError(str(target), str(exc)) from exc
    except RenderFailedError as exc:
        if _little_space_left(target.parent):
            raise NoSpaceError(str(target.parent), exc.detail) from exc
        raise
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
