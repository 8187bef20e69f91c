"""Child processes that live no longer than the engine: ffmpeg and the caption helper.

A render's ffmpeg must not outlive the engine that started it (a ``kill -9``, a crash, the app
killing its engine): orphaned, it would keep a core busy and write a file nobody owns.

- **Linux**: the child asks the kernel for ``SIGKILL`` when its parent dies
  (``prctl(PR_SET_PDEATHSIG)``, called between ``fork`` and ``exec``), then checks that the
  parent did not die before the request took effect. The signal follows the *thread* that
  started the child, so children are started from threads that wait for them (render workers,
  the request's worker thread), never from short-lived ones.
- **other POSIX** (macOS): no parent-death signal exists; the child gets its own process group
  so a stop can take it down with everything it started, and renders are stopped by the engine
  on a clean shutdown as before.
- **Windows**: the child is put in a job object with ``KILL_ON_JOB_CLOSE``; the job's handle
  belongs to the engine, so when the engine ends for any reason Windows ends the child.
  Best effort: if the job cannot be made the child runs as before.

:func:`popen_options` gives the ``subprocess.Popen`` keyword arguments; :func:`adopt` ties an
already started child to the job object on Windows (no-op elsewhere).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any

PR_SET_PDEATHSIG = 1


def creation_flags() -> int:
    """``CREATE_NO_WINDOW`` on Windows (ffmpeg started from a windowed app must not flash a
    console), 0 elsewhere (POSIX refuses anything else)."""
    if sys.platform == "win32":
        return int(getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000))
    return 0


def _linux_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        prctl: Callable[..., int] = libc.prctl
    except (OSError, AttributeError):
        return None
    return prctl


_PRCTL = _linux_prctl()  # looked up once, before any fork: the child only calls it


def _die_with(parent: int) -> Callable[[], None]:
    """The ``preexec_fn`` run in the child: death signal, then make sure the parent lives."""

    def preexec() -> None:
        if _PRCTL is not None:
            _PRCTL(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != parent:  # the parent died between fork and prctl
            os._exit(1)

    return preexec


def popen_options() -> dict[str, Any]:
    """Keyword arguments for ``subprocess.Popen`` / ``run`` of a child tied to this process."""
    if sys.platform == "win32":
        return {"creationflags": creation_flags()}
    if _PRCTL is not None:
        return {"preexec_fn": _die_with(os.getpid())}
    return {"start_new_session": True}


class _WindowsJob:
    """One job object for the engine's lifetime; children assigned to it die with it."""

    def __init__(self) -> None:
        self.handle: int | None = None
        with contextlib.suppress(Exception):  # best effort: never block a render on this
            self.handle = self._create()

    @staticmethod
    def _create() -> int | None:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        job = kernel32.CreateJobObjectW(None, None)
        if not job:
            return None

        class _Basic(ctypes.Structure):
            _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64),
                        ("PerJobUserTimeLimit", ctypes.c_int64),
                        ("LimitFlags", ctypes.c_uint32),
                        ("MinimumWorkingSetSize", ctypes.c_size_t),
                        ("MaximumWorkingSetSize", ctypes.c_size_t),
                        ("ActiveProcessLimit", ctypes.c_uint32),
                        ("Affinity", ctypes.c_size_t),
                        ("PriorityClass", ctypes.c_uint32),
                        ("SchedulingClass", ctypes.c_uint32)]

        class _Extended(ctypes.Structure):
            _fields_ = [("Basic", _Basic), ("Io", ctypes.c_uint64 * 6),
                        ("ProcessMemoryLimit", ctypes.c_size_t),
                        ("JobMemoryLimit", ctypes.c_size_t),
                        ("PeakProcessMemoryUsed", ctypes.c_size_t),
                        ("PeakJobMemoryUsed", ctypes.c_size_t)]

        info = _Extended()
        info.Basic.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
        ok = kernel32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info))
        return int(job) if ok else None

    def assign(self, proc: subprocess.Popen[Any]) -> None:
        if self.handle is None:
            return
        with contextlib.suppress(Exception):
            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
            kernel32.AssignProcessToJobObject(self.handle, int(proc._handle))  # type: ignore[attr-defined]


_JOB: _WindowsJob | None = None


def adopt(proc: subprocess.Popen[Any]) -> None:
    """Windows: put ``proc`` in the engine's kill-on-close job object (no-op elsewhere)."""
    global _JOB
    if sys.platform != "win32":
        return
    if _JOB is None:
        _JOB = _WindowsJob()
    _JOB.assign(proc)
