"""Composition root: QApplication + qasync loop, the backend, the main window.

The window appears at once ("Connecting…"); the backend is built afterwards from the settings:
the embedded engine (a child process started by :class:`EngineLauncher`, restarted if it dies)
or the NemoVideo cloud (token from ``NEMO_TOKEN``, the keyring, or a free starter token). Only
this module knows that an embedded engine exists. It only builds and wires: the session
controller (:class:`~meme_desktop.ui.session.Session`, with its model) gets an attached
:class:`Assistant` and the connection's ups and downs; the window gets the session and a
``reconnect`` coroutine function. Nothing here reaches into the window's panels. A person's
own model (Settings › Assistant) reaches the engine child here too: the settings and the API
key (the keyring, or this run's memory: one :class:`ModelKeys` shared with the window) go into
its environment as ``MEME_DESKTOP_LLM_*``; local model servers are looked for in the background.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Callable
from typing import cast

import httpx
from PySide6.QtCore import QTimer

from meme_desktop.api.auth import CloudAuth, StaticToken, cloud_base_url
from meme_desktop.api.client import NemoClient
from meme_desktop.api.policy import Policy
from meme_desktop.assistant.messages import Context, user_message
from meme_desktop.assistant.service import Assistant
from meme_desktop.assistant.turn import Timing
from meme_desktop.cache_prune import prune_cache
from meme_desktop.config import Settings, UiState
from meme_desktop.launcher import EngineLauncher, Status
from meme_desktop.own_model import ModelFinder, ModelKeys, engine_env
from meme_desktop.ui.main_window import MainWindow
from meme_desktop.ui.session import Session
from meme_desktop.ui.theme import ThemeWatcher

log = logging.getLogger(__name__)


class Backend:
    """Builds (and rebuilds) the assistant the session talks to, from the settings."""

    def __init__(self, session: Session, settings: Settings,
                 model_keys: ModelKeys | None = None) -> None:
        self.session = session
        self.settings = settings
        self.model_keys = model_keys or ModelKeys()  # the same keys Settings › Assistant keeps
        self.launcher: EngineLauncher | None = None
        self.http: httpx.AsyncClient | None = None
        self.assistant: Assistant | None = None
        self._lock = asyncio.Lock()

    async def connect(self) -> None:
        """(Re)connect with the current settings and attach the project to the session."""
        async with self._lock:
            self.session.detach()
            self.session.connecting()
            await self._close()
            backend = "cloud" if self.settings.backend == "cloud" else "local"
            try:
                self.assistant = await self._build(backend)
                info = await self.assistant.connect()
            except Exception as exc:  # noqa: BLE001 - one sentence in the window, never a crash
                log.warning("could not connect: %s", type(exc).__name__)
                language = "zh" if self.settings.language.startswith("zh") else "en"
                self.session.connection_failed(
                    user_message(exc, Context(backend, language=language)), backend)
                return
            await self.session.attach(self.assistant, info)

    async def _build(self, backend: str) -> Assistant:
        self.http = httpx.AsyncClient(timeout=httpx.Timeout(120.0, connect=15.0))
        language = "zh" if self.settings.language.startswith("zh") else "en"
        if backend == "cloud":
            base = cloud_base_url(self.settings.cloud_url)
            client = NemoClient(self.http, base, CloudAuth(base), Policy(),
                                on_reachable=self.session.service_reached)
            return Assistant(client, "cloud", language=language)
        self.launcher = launcher = EngineLauncher(on_status=self._engine_status,
                                                  extra_env=await self._model_env())
        await launcher.start()
        client = NemoClient(self.http, lambda: launcher.base_url, StaticToken(launcher.token),
                            Policy.local(), on_disconnect=self._engine_lost)
        return Assistant(client, "local", language=language,
                         timing=Timing(recover_first=1.0, recover_every=2.0))

    async def _model_env(self) -> dict[str, str]:
        """Settings › Assistant for the engine child (``MEME_DESKTOP_LLM_*``), the API key
        read from the keyring (or this run's memory) and handed over in its environment."""
        url = self.settings.model_url
        key = await self.model_keys.get(url) if url else None
        return engine_env(self.settings, key)

    async def _engine_lost(self) -> None:
        """The client lost the engine: show it, let the launcher restart it."""
        if self.launcher is None:
            return
        self.session.connecting(reconnecting=True)
        await self.launcher.recover()
        self.session.connection_ready()

    def _engine_status(self, status: Status) -> None:
        if status == "restarting":
            self.session.connecting(reconnecting=True)
        elif status == "ready":
            self.session.connection_ready()
        elif status == "failed":
            self.session.model.set_connection("offline")

    async def _close(self) -> None:
        if self.assistant is not None:
            with contextlib.suppress(Exception):
                await self.assistant.close()
            self.assistant = None
        if self.launcher is not None:
            await self.launcher.stop()
            self.launcher = None
        if self.http is not None:
            await self.http.aclose()
            self.http = None

    async def close(self) -> None:
        async with self._lock:
            await self._close()


async def _main(settings: Settings, watcher: ThemeWatcher) -> int:
    session = Session()
    finder, keys = ModelFinder(), ModelKeys()  # a person's own model: Settings › Assistant
    window = MainWindow(settings, UiState.load(), session=session, model_finder=finder,
                        model_keys=keys)
    backend = Backend(session, settings, keys)
    window.set_reconnect(backend.connect)
    window.theme_chosen.connect(watcher.set_mode)
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    loop = asyncio.get_running_loop()
    ticker = _quit_on_signals(lambda: loop.call_soon_threadsafe(closed.set))
    window.show()
    connecting = asyncio.ensure_future(backend.connect())
    threading.Thread(target=prune_cache, args=("previews",), name="cache-prune",
                     daemon=True).start()  # previews of projects not opened for long
    finding = finder.detect_soon()  # local model servers, for Settings › Assistant
    await closed.wait()
    window.save_geometry()  # also when SIGTERM / Ctrl+C ended the app without a close event
    for task in (connecting, finding):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
    await backend.close()
    ticker.stop()
    return 0


def _quit_on_signals(quit_: Callable[[], object]) -> QTimer:
    """SIGTERM / Ctrl+C close the app cleanly (the engine child is stopped, not orphaned).

    Python runs signal handlers only when it gets control, which a Qt loop waiting in C++ never
    gives it; a cheap timer hands it control four times a second.
    """
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda _sig, _frame: quit_())
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    return ticker


def run_app(argv: list[str]) -> int:
    """Open the window and run until it is closed; the exit code."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from meme_desktop.ui.i18n import install_qt_translations, set_language
    from meme_desktop.ui.theme import app_icon

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    # instance() is typed as the QCoreApplication base; in this process it is a QApplication
    app = cast(QApplication, QApplication.instance() or QApplication(["meme-desktop", *argv]))
    app.setApplicationName("Meme Desktop")
    app.setDesktopFileName("io.github.memedesktop.MemeDesktop")  # the installed .desktop entry
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    settings = Settings.load()
    set_language(settings.language)
    install_qt_translations(app)
    watcher = ThemeWatcher(app, mode=settings.theme)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(_main(settings, watcher))
    finally:
        loop.close()
