"""The command line never prints a traceback: every bad input is one sentence and an exit code.

``meme-desktop render`` with a size cap that is not a number of megabytes (``nan``, ``inf``,
``1e308``, 0), a draft nested 800 levels deep, a draft over the size limits, and a draft with a
lone surrogate in a caption. And ``meme-desktop ops check`` with a list nested 5,000 deep. (A damaged
``engine.db`` under ``engine serve`` is in test_kill9.py; token options in
test_private_files.py.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.bad_requests import caption, draft_with


def _render(tmp: Path, draft: object | str, *extra: str) -> subprocess.CompletedProcess[str]:
    path = tmp / "draft.json"
    path.write_text(draft if isinstance(draft, str) else json.dumps(draft), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "meme_desktop", "render", str(path), "-o",
                           str(tmp / "out.mp4"), "--quiet", *extra],
                          capture_output=True, text=True, timeout=120)


def _one_sentence(r: subprocess.CompletedProcess[str], code: int, phrase: str) -> None:
    assert r.returncode == code, r.stderr
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and phrase in lines[0], r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "0", "-3"])
def test_render_max_mb_that_is_not_a_size(tmp_path: Path, value: str) -> None:
    r = _render(tmp_path, draft_with([caption(1)]), f"--max-mb={value}")
    _one_sentence(r, 2, "--max-mb must be a number of megabytes")
    assert not (tmp_path / "out.mp4").exists()


def test_render_draft_nested_800_deep(tmp_path: Path) -> None:
    deep = "1"
    for _ in range(800):
        deep = '{"k": ' + deep + "}"
    text = json.dumps(draft_with([caption(1)]))[:-1] + ', "future": ' + deep + "}"
    _one_sentence(_render(tmp_path, text), 2, "nested more than 64 levels")


def test_render_draft_over_the_limits(tmp_path: Path) -> None:
    r = _render(tmp_path, draft_with([caption(i) for i in range(10_000)]))
    _one_sentence(r, 1, "at most 200 segments")


def test_render_draft_with_a_lone_surrogate(tmp_path: Path) -> None:
    text = json.dumps(draft_with([caption(1, "\ud800")]))  # written as the \\ud800 escape
    _one_sentence(_render(tmp_path, text), 2, "not valid Unicode")


def test_a_good_size_cap_still_renders(tmp_path: Path) -> None:
    r = _render(tmp_path, draft_with([caption(1)]), "--max-mb", "8")
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()).stat().st_size <= 8 * 1024 * 1024


def test_ops_check_of_a_list_nested_5000_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 5000 + "]" * 5000)
    r = subprocess.run([sys.executable, "-m", "meme_desktop", "ops", "check", str(path)],
                       capture_output=True, text=True, timeout=120)
    _one_sentence(r, 1, "nested too deeply")
