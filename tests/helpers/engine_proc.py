"""Start the real engine as a subprocess (``meme-desktop engine serve``) for tests.

``start_engine(data_dir)`` launches ``python -m meme_desktop engine serve --port 0`` with a
token in ``MEME_ENGINE_TOKEN``, waits for the ``READY http://HOST:PORT`` line and returns an
:class:`EngineProcess` (base URL, token, data dir, the process). ``engine_proc`` is a pytest
fixture around it (import it into a test module: ``from tests.helpers.engine_proc import
engine_proc``). stderr goes to ``<data dir>/stderr.log`` so a full pipe never blocks the engine.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

AUTO = "auto"


@dataclass
class EngineProcess:
    """A running engine subprocess."""

    base_url: str
    token: str | None
    data_dir: Path
    proc: subprocess.Popen[str]

    @property
    def headers(self) -> dict[str, str]:
        headers = {"X-Skill-Source": "tests", "X-Skill-Version": "1", "X-Skill-Platform": "test"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def client(self, timeout: float = 60.0) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers=self.headers, timeout=timeout)

    def stderr(self) -> str:
        path = self.data_dir / "stderr.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM and wait; returns the exit status (killed if it does not stop in time)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdout:
            self.proc.stdout.close()
        return int(self.proc.returncode)

    def kill(self) -> None:
        """SIGKILL: the engine gets no chance to clean up (a crash)."""
        self.proc.kill()
        self.proc.wait(10)
        if self.proc.stdout:
            self.proc.stdout.close()


def engine_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "meme_desktop", "engine", "serve", *args]


def start_engine(data_dir: Path, token: str | None = AUTO, args: Sequence[str] = (),
                 anonymous: bool = False, timeout: float = 30.0) -> EngineProcess:
    """Start the engine on a free loopback port; raise if it is not READY within ``timeout``.

    ``token``: a random one by default; ``None`` for no launch token (needs ``anonymous``).
    The app's own directories default to folders inside ``data_dir`` unless already set.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    if token == AUTO:
        token = "test-" + secrets.token_urlsafe(16)
    env = dict(os.environ)
    for name in ("DATA", "CONFIG", "CACHE"):
        env.setdefault(f"MEME_DESKTOP_{name}_DIR", str(data_dir.parent / f"app-{name.lower()}"))
    env.pop("MEME_ENGINE_TOKEN", None)
    if token:
        env["MEME_ENGINE_TOKEN"] = token
    cmd = engine_command("--port", "0", "--data-dir", str(data_dir), *args)
    if anonymous:
        cmd.append("--allow-anonymous")
    with (data_dir / "stderr.log").open("ab") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err,
                                stdin=subprocess.DEVNULL, text=True, env=env)
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    line = box[0].strip() if box else ""
    if not line.startswith("READY "):
        proc.kill()
        proc.wait(5)
        log = (data_dir / "stderr.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"engine did not start (stdout {line!r}); stderr:\n{log}")
    return EngineProcess(line.split(" ", 1)[1], token, data_dir, proc)


@contextmanager
def running_engine(data_dir: Path, **kwargs) -> Iterator[EngineProcess]:
    engine = start_engine(data_dir, **kwargs)
    try:
        yield engine
    finally:
        engine.stop()


@pytest.fixture
def engine_proc(tmp_path: Path) -> Iterator[EngineProcess]:
    """A fresh engine (own data dir, random token) for one test."""
    with running_engine(tmp_path / "engine") as engine:
        yield engine
