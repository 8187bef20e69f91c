"""The engine's media helper: a child process that does the work needing PyAV, numpy or Qt.

Probing an upload, drawing a thumbnail, synthesising a built-in sound, drawing the caption
pictures and laying out the maker's captions need PyAV, numpy and QtGui, about 60 MB of
libraries and their caches. Loaded in the engine itself they would stay for good, also
while ffmpeg encodes an export, the moment the whole app uses the most memory (DESIGN.md
section 5, "export memory"). So the engine process that ``engine serve`` runs never imports
them: it installs a :class:`Helper` (:func:`install`) and its modules call :func:`run` with
the dotted name of a function. The helper (``meme-desktop engine helper``,
:mod:`meme_desktop.engine.helper_main`) runs the function and sends back its result or its
typed error. Around a full-size encode the engine stops the helper and starts it again once
ffmpeg is done (:func:`encoding`), so during the encode only the lean engine and ffmpeg are
there.

Without an installed helper (the command line, the tests that call the engine's modules
directly) :func:`run` calls the function in this process, exactly as before.

A call made while the helper is paused starts it again (an upload during an export is
probed; only the maker's text measurements take their estimate instead, see
:mod:`meme_desktop.engine.agent.maker.fit`). Calls are serialised (one at a time, each well under a second: probes, thumbnails, caption
pictures). The helper reads its requests from a pipe, so it ends when the engine ends, even
after a ``kill -9``. A helper that crashes (a hostile file crashing a decoder) or hangs past
the timeout is killed and the call raises :class:`HelperError`; the engine keeps running and
the next call starts a new helper.

Wire format: each message is a 4-byte big-endian length and a pickle. The request is
``(target, args)``; the answer ``("ok", value)`` or ``("error", module, class name, args,
attributes, text)``. Only the engine talks to its own child over an anonymous pipe, so
unpickling its answers trusts nothing outside the engine.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import IO, Any

from meme_desktop.engine import children
from meme_desktop.engine.errors import HelperError, HelperStartError, HelperTimeoutError

log = logging.getLogger(__name__)

CALL_TIMEOUT = 120.0  # seconds; a probe or a batch of captions takes well under one
START_TIMEOUT = 60.0
_HEADER = struct.Struct(">I")
_OWN = "meme_desktop."  # error classes of the project's modules (and builtins) are rebuilt


def helper_command() -> list[str]:
    """How to start the helper with this very program (a frozen build accepts ``-m`` too,
    packaging/entry.py)."""
    return [sys.executable, "-m", "meme_desktop", "engine", "helper"]


def write_message(stream: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    """The next message, or EOFError when the other side has gone."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the other side closed the pipe")
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other side closed the pipe mid-message")
    return pickle.loads(data)


def call_locally(target: str, args: tuple[Any, ...]) -> Any:
    """Run ``module:function`` in this process."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(*args)


def error_answer(exc: BaseException) -> tuple[Any, ...]:
    cls = type(exc)
    try:
        attrs = dict(vars(exc))
        pickle.dumps((exc.args, attrs))
    except Exception:  # an attribute that does not travel: send the text only
        attrs, args = {}, (str(exc),)
    else:
        args = exc.args
    return ("error", cls.__module__, cls.__qualname__, args, attrs, f"{cls.__name__}: {exc}")


def _rebuild(module: str, qualname: str, args: tuple[Any, ...], attrs: dict[str, Any],
             text: str) -> BaseException:
    """The helper's exception as the same class here when that class is light to import."""
    if module == "builtins" or module.startswith(_OWN):
        try:
            cls = importlib.import_module(module)
            for part in qualname.split("."):
                cls = getattr(cls, part)
            if isinstance(cls, type) and issubclass(cls, Exception):
                exc = cls.__new__(cls)
                exc.args = args
                exc.__dict__.update(attrs)
                return exc
        except Exception:  # noqa: S110 - fall through to the generic error below
            pass
    return HelperError(text)


class Helper:
    """One helper process, started on first use (or by :meth:`start`) and again after a stop."""

    def __init__(self, timeout: float = CALL_TIMEOUT, command: list[str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.timeout = timeout
        self.command = command or helper_command()
        self.env = env
        self.starts = 0  # how many helper processes were started (tests, logs)
        self.paused = False  # stopped for an encode: measurements use their estimate
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def call(self, target: str, *args: Any, timeout: float | None = None) -> Any:
        """Run ``module:function(*args)`` in the helper; its errors are raised here. A helper
        found dead is replaced and the call sent once more (every call is idempotent); one that
        dies twice on it, or does not answer in time, raises :class:`HelperError`."""
        with self._lock:
            for attempt in (1, 2):
                proc = self._ensure()
                try:
                    answer = self._exchange(proc, (target, args), timeout or self.timeout)
                    break
                except HelperTimeoutError:
                    raise  # sending it again would only wait as long again
                except HelperError:
                    if attempt == 2:
                        raise
        if answer[0] == "ok":
            return answer[1]
        raise _rebuild(*answer[1:])

    def start(self) -> None:
        """Start the helper now (it imports its libraries while nobody waits for them)."""
        with self._lock:
            self._ensure()

    def start_in_background(self) -> None:
        threading.Thread(target=self._start_quietly, name="helper-start", daemon=True).start()

    def stop(self) -> None:
        """End the helper (it finishes the call under way first); the next call starts one."""
        proc = self._take()
        if proc is not None:
            _end(proc)

    def pause(self) -> None:
        """Stop for an encode; :meth:`resume` starts it again (a call meanwhile starts it too).

        No call is under way once the lock is ours and the helper keeps nothing (its files
        are written whole or not at all), so it is killed rather than asked to wind down:
        ffmpeg starts at once and the memory is back before ffmpeg's own has grown."""
        self.paused = True
        proc = self._take()
        if proc is not None:
            proc.kill()
            threading.Thread(target=_end, args=(proc,), name="helper-reap", daemon=True).start()

    def resume(self) -> None:
        self.paused = False
        if self.pid is None:
            self.start_in_background()

    def _take(self) -> subprocess.Popen[bytes] | None:
        """The running helper, no longer ours (waits for a call under way to finish)."""
        with self._lock:
            proc, self._proc = self._proc, None
        return proc

    def _start_quietly(self) -> None:
        try:
            self.start()
        except HelperStartError:
            log.warning("the media helper could not start; it is tried again on first use")

    def _ensure(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        env = dict(self.env if self.env is not None else os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    env=env, creationflags=children.creation_flags())
        except OSError as exc:
            raise HelperStartError(f"cannot start the media helper: {exc}") from exc
        children.adopt(proc)
        self.starts += 1
        try:
            self._exchange(proc, None, START_TIMEOUT)  # its "ready" once its imports are done
        except HelperError as exc:
            raise HelperStartError(f"the media helper did not start: {exc.detail}") from exc
        self._proc = proc
        log.info("media helper started (pid %s)", proc.pid)
        return proc

    def _exchange(self, proc: subprocess.Popen[bytes], request: object,
                  timeout: float) -> Any:
        """Send ``request`` (None: only wait for the ready message) and read the answer; a
        helper that does not answer within ``timeout`` is killed."""
        assert proc.stdin is not None and proc.stdout is not None
        timer = threading.Timer(timeout, proc.kill)
        timer.daemon = True
        timer.start()
        try:
            if request is not None:
                write_message(proc.stdin, request)
            return read_message(proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self._proc = None
            _end(proc)
            if not timer.is_alive():
                raise HelperTimeoutError(f"the media helper did not answer in time ({exc})") \
                    from exc
            raise HelperError(f"the media helper stopped ({exc})") from exc
        finally:
            timer.cancel()


def _end(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


_installed: Helper | None = None


def install(helper: Helper | None) -> Helper | None:
    """Route :func:`run` through ``helper`` (None: back to this process); returns the old one."""
    global _installed
    previous, _installed = _installed, helper
    return previous


def installed() -> Helper | None:
    return _installed


def run(target: str, *args: Any) -> Any:
    """``module:function(*args)`` in the installed helper, or here when none is installed."""
    helper = _installed
    if helper is None:
        return call_locally(target, args)
    return helper.call(target, *args)


FULL_SIZE_PIXELS = 1280 * 720  # encodes at least this big stop the helper while they run


@contextlib.contextmanager
def encoding(width: int, height: int) -> Iterator[bool]:
    """Around ffmpeg encoding a ``width`` x ``height`` picture: a big one (an export; previews
    are small and frequent) stops the helper for its duration and starts it again after.
    Yields whether the helper was paused."""
    helper = _installed
    if helper is None or width * height < FULL_SIZE_PIXELS:
        yield False
        return
    helper.pause()
    try:
        yield True
    finally:
        helper.resume()
