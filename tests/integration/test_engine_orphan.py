"""An engine whose app was killed (SIGKILL: no chance to clean up) stops by itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="re-parenting is a POSIX notion")

PARENT = textwrap.dedent("""
    import os, subprocess, sys
    env = dict(os.environ, MEME_ENGINE_TOKEN="t0k", MEME_ENGINE_PARENT_PID=str(os.getpid()))
    child = subprocess.Popen(
        [sys.executable, "-m", "meme_desktop", "engine", "serve", "--port", "0",
         "--data-dir", sys.argv[1]],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True)
    ready = child.stdout.readline()
    print(child.pid, ready.strip(), flush=True)
    child.wait()
""")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still "exists": read its state
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def test_engine_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path / "engine")],
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    line = parent.stdout.readline().split()
    engine_pid = int(line[0])
    assert line[1] == "READY"
    assert _alive(engine_pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while _alive(engine_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    still_alive = _alive(engine_pid)
    if still_alive:  # never leave a stray engine behind, even when the test fails
        os.kill(engine_pid, signal.SIGKILL)
    assert not still_alive, "the orphaned engine kept running"
    assert "stopping" in (tmp_path / "engine" / "engine.log").read_text(encoding="utf-8")
