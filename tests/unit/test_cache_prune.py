"""The caches stay bounded: the least recently used files go first, recent ones never, and a
caption picture a render reuses counts as used (docs/performance.md, "Caches")."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from meme_desktop import cache_prune
from meme_desktop.cache_prune import MB, prune, prune_cache, touch
from meme_desktop.engine.render.captions import CaptionSpec

HOUR = 3600.0


def _file(folder: Path, name: str, size: int, age: float) -> Path:
    path = folder / name
    with path.open("wb") as fh:
        fh.truncate(size)  # sparse: the size counts, the disk is not filled
    used = time.time() - age
    os.utime(path, (used, used))
    return path


def test_the_least_recently_used_files_go_until_the_folder_fits(tmp_path: Path) -> None:
    oldest = _file(tmp_path, "a.png", 4 * MB, 30 * HOUR)
    older = _file(tmp_path, "b.png", 4 * MB, 20 * HOUR)
    newer = _file(tmp_path, "c.png", 4 * MB, 10 * HOUR)
    newest = _file(tmp_path, "d.png", 4 * MB, 2 * HOUR)
    done = prune(tmp_path, 9 * MB)
    assert (done.removed, done.freed, done.kept) == (2, 8 * MB, 8 * MB)
    assert not oldest.exists() and not older.exists() and newer.exists() and newest.exists()


def test_files_used_in_the_last_hour_stay_whatever_the_size(tmp_path: Path) -> None:
    old = _file(tmp_path, "old.mp4", 10 * MB, 5 * HOUR)
    recent = [_file(tmp_path, f"r{i}.mp4", 10 * MB, 60.0 * i) for i in range(3)]
    done = prune(tmp_path, 5 * MB)
    assert not old.exists() and all(p.exists() for p in recent)
    assert done.kept == 30 * MB  # over the limit, but nothing left is old enough to go


def test_a_folder_under_its_limit_or_missing_is_left_alone(tmp_path: Path) -> None:
    kept = _file(tmp_path, "a.png", MB, 100 * HOUR)
    assert prune(tmp_path, 2 * MB).removed == 0 and kept.exists()
    assert prune(tmp_path / "never-made", MB) == cache_prune.Pruned(0, 0, 0)
    sub = tmp_path / "sub"
    sub.mkdir()  # folders inside are not the cache's files
    assert prune(tmp_path, 0, spare_seconds=0).removed == 1 and sub.exists()


def test_touch_marks_a_file_as_used_and_ignores_one_that_is_gone(tmp_path: Path) -> None:
    path = _file(tmp_path, "a.png", 10, 50 * HOUR)
    touch(path)
    assert time.time() - path.stat().st_mtime < 60
    touch(tmp_path / "gone.png")  # no error


def test_a_caption_picture_found_in_the_cache_counts_as_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEME_DESKTOP_CACHE_DIR", str(tmp_path))
    spec = CaptionSpec("WHEN IT COMPILES", "classic", "top", "#FFFFFF", 1.0, 1080, 1920)
    path = spec.path()
    _file(path.parent, path.name, 1000, 50 * HOUR)
    assert spec.path() == path and time.time() - path.stat().st_mtime < 60


def test_prune_cache_uses_the_cache_folder_and_its_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEME_DESKTOP_CACHE_DIR", str(tmp_path))
    monkeypatch.setitem(cache_prune.LIMITS, "previews", 3 * MB)
    folder = tmp_path / "previews"
    folder.mkdir()
    gone = _file(folder, "p1.mp4", 2 * MB, 48 * HOUR)
    kept = _file(folder, "p2.mp4", 2 * MB, 24 * HOUR)
    assert prune_cache("previews").removed == 1
    assert not gone.exists() and kept.exists()
