"""The style guide's static checks, run as part of the suite (and so by .ci/run): ruff and mypy
must both pass on the package (configuration in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=240, check=False)


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", "meme_desktop", "tests")
    assert done.returncode == 0, f"ruff found problems:\n{done.stdout}{done.stderr}"


def test_mypy_is_clean() -> None:
    done = _run("mypy", "meme_desktop")
    assert done.returncode == 0, f"mypy found problems:\n{done.stdout}{done.stderr}"
