"""The real app process: SIGTERM closes it cleanly and its engine child goes with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc (Linux)")


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry.name))
    return out


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigterm_closes_the_app_and_stops_its_engine(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               MEME_DESKTOP_DATA_DIR=str(tmp_path / "data"),
               MEME_DESKTOP_CONFIG_DIR=str(tmp_path / "config"))
    app = subprocess.Popen([sys.executable, "-m", "meme_desktop"], env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    engine = None
    try:
        deadline = time.monotonic() + 60
        while engine is None and time.monotonic() < deadline and app.poll() is None:
            engine = next((c for c in _children(app.pid) if "engine" in _cmdline(c)), None)
            time.sleep(0.2)
        assert engine is not None, "the app did not start its engine"
        # wait until the engine is ready (it writes its log once listening)
        log = tmp_path / "data" / "engine" / "engine.log"
        while time.monotonic() < deadline and "listening" not in (
                log.read_text(encoding="utf-8") if log.exists() else ""):
            time.sleep(0.2)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0
        deadline = time.monotonic() + 15
        while _alive(engine) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(engine), "the engine outlived the app"
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        if engine is not None and _alive(engine):
            os.kill(engine, signal.SIGKILL)
