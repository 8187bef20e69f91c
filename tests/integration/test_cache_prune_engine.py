"""The engine tidies its caption cache when it starts (in the background): old pictures over
the limit go, recent ones stay, and the engine answers meanwhile."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from meme_desktop.cache_prune import MB
from tests.helpers.engine_proc import running_engine

HOUR = 3600.0


def _sparse(path: Path, size: int, age: float) -> Path:
    with path.open("wb") as fh:
        fh.truncate(size)
    used = time.time() - age
    os.utime(path, (used, used))
    return path


def test_the_engine_prunes_old_caption_pictures_when_it_starts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    captions = cache / "captions"
    captions.mkdir(parents=True)
    old = [_sparse(captions / f"cap-old{i}.png", 30 * MB, (10 + i) * 24 * HOUR) for i in range(3)]
    recent = _sparse(captions / "cap-recent.png", 30 * MB, 60.0)
    monkeypatch.setenv("MEME_DESKTOP_CACHE_DIR", str(cache))
    with running_engine(tmp_path / "engine") as engine:
        with engine.client() as http:
            assert http.get("/health").status_code == 200
        deadline = time.monotonic() + 15
        while sum(p.exists() for p in old) > 1 and time.monotonic() < deadline:
            time.sleep(0.1)
    # 120 MB against a 64 MB limit: the two least recently used go, the third old one and the
    # recent one (60 MB together) stay
    assert [p.exists() for p in old] == [True, False, False] and recent.exists()
