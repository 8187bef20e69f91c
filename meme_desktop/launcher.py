"""The embedded engine as a child process: start, watch, restart, stop (no Qt).

The child is the same program with the ``engine serve`` sub-command, bound to 127.0.0.1 on a
free port (``--port 0``) with a random per-launch token handed over in its environment
(``MEME_ENGINE_TOKEN``, never on the command line). It prints ``READY http://HOST:PORT`` on
stdout when it listens. If it dies, :class:`EngineLauncher` starts it again (on the same port
when it can) and the session survives, because the engine keeps its state on disk under
``config.data_dir()/engine``. Everything is asyncio (``asyncio.create_subprocess_exec``), so
it runs the same under ``asyncio.run`` (CLI) and qasync (window).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Literal

from meme_desktop import config
from meme_desktop.api.errors import BackendUnavailableError
from meme_desktop.api.models import mask

log = logging.getLogger(__name__)
LIVENESS_WAIT = 1.0  # seconds a suspect engine gets to show that it has exited

Status = Literal["starting", "ready", "restarting", "stopped", "failed"]
READY_PREFIX = "READY "


def engine_command(host: str, port: int) -> list[str]:
    """How to run ``engine serve`` with this very program (frozen build or source)."""
    if getattr(sys, "frozen", False):
        base = [sys.executable]
    else:
        base = [sys.executable, "-m", "meme_desktop"]
    return [*base, "engine", "serve", "--host", host, "--port", str(port)]


class EngineLauncher:
    """Owns one engine child process; ``ensure_running()`` is safe to call at any time."""

    def __init__(self, host: str = "127.0.0.1", *, startup_timeout: float = 60.0,
                 max_restarts: int = 5, restart_window: float = 120.0,
                 on_status: Callable[[Status], None] | None = None,
                 extra_env: dict[str, str] | None = None,
                 extra_args: list[str] | None = None) -> None:
        self.host = host
        self.token = secrets.token_urlsafe(32)
        self.startup_timeout = startup_timeout
        self.max_restarts = max_restarts
        self.restart_window = restart_window
        self.on_status = on_status
        self.extra_env = dict(extra_env or {})
        self.extra_args = list(extra_args or [])  # e.g. the engine's --debug-* options in tests
        self.process: asyncio.subprocess.Process | None = None
        self.base_url = ""
        self.status: Status = "stopped"
        self.restarts = 0
        self.output: collections.deque[str] = collections.deque(maxlen=60)  # the child's last lines
        self._port = 0
        self._lock = asyncio.Lock()
        self._stopping = False
        self._watch: asyncio.Task[None] | None = None
        self._drains: list[asyncio.Task[None]] = []
        self._restart_times: collections.deque[float] = collections.deque()

    def __repr__(self) -> str:
        return f"EngineLauncher({self.base_url or 'not started'}, token={mask(self.token)})"

    # -- public ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None and \
            self.status == "ready"

    async def start(self) -> str:
        """Start the engine (if needed) and return its base URL."""
        self._stopping = False
        return await self.ensure_running()

    async def ensure_running(self) -> str:
        """The engine's base URL, restarting the engine first if it is not running."""
        async with self._lock:
            if self.running:
                return self.base_url
            if self._stopping:
                raise BackendUnavailableError("the engine is stopping")
            restarting = self.process is not None
            if restarting:
                self._count_restart()
            self._set_status("restarting" if restarting else "starting")
            try:
                await self._spawn(self._port)
            except BackendUnavailableError:
                if not self._port:
                    self._set_status("failed")
                    raise
                log.info("engine could not reuse port %d; trying a new one", self._port)
                await self._spawn(0)
            self._set_status("ready")
            return self.base_url

    async def recover(self) -> str:
        """After a connection failure: the engine's base URL once it surely runs again.

        A request can fail a moment before asyncio reaps a killed child, while the engine
        still looks "ready"; waiting briefly for its exit tells a dead engine (restarted here)
        from a live one that merely dropped a connection.
        """
        proc = self.process
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(proc.wait()), LIVENESS_WAIT)
        return await self.ensure_running()

    async def stop(self, grace: float = 5.0) -> None:
        """Stop the engine: terminate, then kill after ``grace`` seconds."""
        self._stopping = True
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            self._watch = None
        await self._kill(grace)
        self._set_status("stopped")

    async def __aenter__(self) -> EngineLauncher:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- internals -------------------------------------------------------------------------
    def _set_status(self, status: Status) -> None:
        self.status = status
        log.info("engine %s", status)
        if self.on_status is not None:
            try:
                self.on_status(status)
            except Exception:  # noqa: BLE001 - a UI callback must not break the launcher
                log.warning("engine status callback failed", exc_info=True)

    def _count_restart(self) -> None:
        now = time.monotonic()
        while self._restart_times and now - self._restart_times[0] > self.restart_window:
            self._restart_times.popleft()
        if len(self._restart_times) >= self.max_restarts:
            self._set_status("failed")
            raise BackendUnavailableError("the engine keeps stopping")
        self._restart_times.append(now)
        self.restarts += 1

    async def _spawn(self, port: int) -> None:
        await self._kill(1.0)
        env = {**os.environ, **self.extra_env, "MEME_ENGINE_TOKEN": self.token,
               "MEME_ENGINE_PARENT_PID": str(os.getpid()), "PYTHONUNBUFFERED": "1"}
        env.setdefault("MEME_DESKTOP_DATA_DIR", str(config.data_dir()))
        cmd = engine_command(self.host, port) + self.extra_args
        log.info("starting the engine: %s", " ".join(cmd[1:]))
        try:
            proc = await asyncio.create_subprocess_exec(
                *cmd, env=env, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
                # Windows: no console window for the engine (0 elsewhere)
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        except OSError as exc:
            raise BackendUnavailableError("cannot run the engine") from exc
        self.process = proc
        assert proc.stdout is not None and proc.stderr is not None
        self._drains = [asyncio.ensure_future(self._drain(proc.stderr))]
        try:
            url = await asyncio.wait_for(self._read_ready(proc), self.startup_timeout)
        except (TimeoutError, BackendUnavailableError) as exc:
            await self._kill(1.0)
            raise BackendUnavailableError("the engine did not start") from exc
        self.base_url = url.rstrip("/")
        self._port = int(url.rsplit(":", 1)[-1].split("/")[0])
        self._drains.append(asyncio.ensure_future(self._drain(proc.stdout)))
        self._watch = asyncio.ensure_future(self._watch_process(proc))

    async def _read_ready(self, proc: asyncio.subprocess.Process) -> str:
        assert proc.stdout is not None
        while True:
            raw = await proc.stdout.readline()
            if not raw:
                await proc.wait()
                raise BackendUnavailableError("the engine exited before it was ready")
            line = raw.decode("utf-8", "replace").strip()
            self.output.append(line)
            if line.startswith(READY_PREFIX):
                return line[len(READY_PREFIX):].strip()

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        """Keep reading the child's output so its pipes never fill; keep the last lines."""
        while raw := await stream.readline():
            self.output.append(raw.decode("utf-8", "replace").rstrip())

    async def _watch_process(self, proc: asyncio.subprocess.Process) -> None:
        code = await proc.wait()
        if self._stopping or proc is not self.process:
            return
        log.warning("the engine stopped (exit code %s); restarting it", code)
        self.status = "restarting"
        try:
            await self.ensure_running()
        except BackendUnavailableError:
            log.error("the engine could not be restarted")

    async def _kill(self, grace: float) -> None:
        proc, self.process = self.process, None
        if proc is not None and proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), grace)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await proc.wait()
        for task in self._drains:
            task.cancel()
        self._drains = []
