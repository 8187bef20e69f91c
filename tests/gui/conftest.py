"""GUI test set-up: a qasync loop inside pytest-qt, a window on the real engine, a heartbeat.

The pattern: one ``qasync.QEventLoop(qapp, already_running=True)`` for the session, made the
running asyncio loop for each GUI test only, so ``asyncSlot``s and ``asyncio.ensure_future`` schedule onto Qt's event
dispatcher; the test then spins Qt with ``qtbot.waitUntil`` (which also runs the asyncio
callbacks, timers and socket notifiers). :func:`run` drives one coroutine to its end that way.
At teardown every task left is cancelled and the running-loop marker is cleared, so async
tests elsewhere (pytest-asyncio) get a clean slate.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from meme_desktop.api.auth import StaticToken
from meme_desktop.api.client import NemoClient
from meme_desktop.api.policy import Policy
from meme_desktop.assistant.service import Assistant
from meme_desktop.assistant.turn import Timing
from meme_desktop.config import Settings, UiState
from meme_desktop.ui.theme import ThemeWatcher
from tests.helpers.engine_proc import EngineProcess, engine_proc  # noqa: F401 - fixture
from tests.helpers.media import make_audio, make_clip, make_image


@pytest.fixture(scope="session")
def _qasync_loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """One qasync loop for the whole GUI session (never closed: qasync's ``stop()`` calls
    ``QApplication.exit()``, after which every later Qt event loop would return at once)."""
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp, already_running=True)
    executor = qasync.QThreadExecutor(4)
    loop.set_default_executor(executor)
    asyncio.events._set_running_loop(None)  # marked running only inside a GUI test
    yield loop
    executor.shutdown(wait=True)


@pytest.fixture
def aloop(qapp: QApplication, qtbot: Any,
          _qasync_loop: qasync.QEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    """The qasync loop, marked as the running asyncio loop for this test only."""
    ThemeWatcher(qapp, force_dark=False)
    loop = _qasync_loop
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    yield loop
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        with contextlib.suppress(Exception):  # pytest-qt's TimeoutError
            qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=5000)
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


class Runner:
    """Drives coroutines on the qasync loop by spinning Qt (``qtbot.waitUntil``)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot

    def __call__(self, coro: Coroutine[Any, Any, Any], timeout: float = 60.0) -> Any:
        task = asyncio.ensure_future(coro)
        self.qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    def until(self, condition: Any, timeout: float = 30.0) -> None:
        self.qtbot.waitUntil(lambda: bool(condition()), timeout=int(timeout * 1000))

    def idle(self, seconds: float) -> None:
        self.qtbot.wait(int(seconds * 1000))


@pytest.fixture
def run(aloop: asyncio.AbstractEventLoop, qtbot: Any) -> Runner:
    return Runner(qtbot)


class Heartbeat:
    """A 5 ms QTimer on the UI thread, measuring two things between ticks:

    - ``max_gap``: wall-clock time (what a person feels; on a loaded 2-core machine it also
      includes time the OS gave to other processes, e.g. ffmpeg encoding on both cores);
    - ``max_busy``: CPU time the UI thread itself spent between two ticks (a stall caused
      by the app: work done on the UI thread instead of returning to the event loop).
    """

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.start_values()

    def start_values(self) -> None:
        self.last = self.last_cpu = self.started = 0.0
        self.max_gap = self.max_busy = 0.0
        self.ticks = 0
        self.gaps: list[tuple[float, float]] = []  # (gap, seconds since start), longest first

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if self.last:
            gap = now - self.last
            self.max_gap = max(self.max_gap, gap)
            self.max_busy = max(self.max_busy, cpu - self.last_cpu)
            if gap > 0.02:
                self.gaps.append((gap, now - self.started))
                self.gaps.sort(reverse=True)
                del self.gaps[5:]
        self.last, self.last_cpu = now, cpu
        self.ticks += 1

    def start(self) -> Heartbeat:
        self.start_values()
        self.started = time.perf_counter()
        self.timer.start()
        return self

    def stop(self) -> float:
        self.timer.stop()
        return self.max_gap

    def report(self, what: str) -> str:
        return (f"\n{what}: max UI gap {self.max_gap * 1000:.1f} ms wall-clock, "
                f"max UI-thread busy {self.max_busy * 1000:.1f} ms; longest gaps (ms at s): "
                f"{[(round(g * 1000), round(t, 2)) for g, t in self.gaps]}")

    def check(self, limit: float = 0.050, wall_limit: float = 0.5) -> None:
        """The UI thread never works more than ``limit`` at a stretch; wall-clock gaps stay
        under ``wall_limit`` even on a busy machine."""
        assert self.ticks > 20, "the heartbeat did not run"
        assert self.max_busy < limit, f"the UI thread was busy for {self.max_busy * 1000:.0f} ms"
        assert self.max_gap < wall_limit, f"the UI stalled for {self.max_gap * 1000:.0f} ms"


@pytest.fixture
def heartbeat() -> Iterator[Heartbeat]:
    beat = Heartbeat()
    yield beat
    beat.timer.stop()


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny real media shared by the GUI tests (made once)."""
    folder = tmp_path_factory.mktemp("gui-media")
    make_clip(folder / "cat clip.mp4", seconds=2.0)
    make_image(folder / "doge.png")
    make_audio(folder / "boom.mp3", seconds=1.0)
    (folder / "notes.txt").write_text("not media", encoding="utf-8")
    (folder / "broken.mp4").write_bytes(b"this is not a video at all" * 40)
    return folder


def make_assistant(engine: EngineProcess, http: httpx.AsyncClient) -> Assistant:
    client = NemoClient(http, engine.base_url, StaticToken(engine.token or ""), Policy.local())
    return Assistant(client, "local", timing=Timing(recover_first=0.5, recover_every=1.0))


@pytest.fixture
def window(qtbot: Any, run: Runner, engine_proc: EngineProcess) -> Iterator[Any]:  # noqa: F811
    """The main window, shown, attached to an assistant on a real engine subprocess."""
    from meme_desktop.ui.main_window import MainWindow

    win = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    http = httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=10.0))
    assistant = make_assistant(engine_proc, http)
    info = run(assistant.connect())
    run(win.session.attach(assistant, info))
    win.engine = engine_proc  # for tests that need the token or the process
    yield win
    win.exports.ui_state.pending_exports.clear()
    win._closing_confirmed = True
    win.close()
    run(http.aclose())
