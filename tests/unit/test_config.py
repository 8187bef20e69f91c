"""Directories honour their overrides; settings load defaults and survive bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from meme_desktop import config


def test_dirs_follow_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MEME_DESKTOP_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("MEME_DESKTOP_CONFIG_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("MEME_DESKTOP_CACHE_DIR", str(tmp_path / "k"))
    assert config.data_dir() == tmp_path / "d" and (tmp_path / "d").is_dir()
    assert config.config_dir() == tmp_path / "c"
    assert config.cache_dir() == tmp_path / "k"


def test_settings_round_trip_and_defaults(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEME_DESKTOP_CONFIG_DIR", str(tmp_path))
    assert config.Settings.load().backend == "local"
    s = config.Settings.load()
    s.backend = "cloud"
    s.save()
    assert config.Settings.load().backend == "cloud"
    assert not any(p.suffix == ".tmp" for p in tmp_path.iterdir())


def test_corrupt_or_mistyped_settings_fall_back_to_defaults(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MEME_DESKTOP_CONFIG_DIR", str(tmp_path))
    config.Settings.path().write_text("{broken", encoding="utf-8")
    assert config.Settings.load() == config.Settings()
    config.Settings.path().write_text('{"backend": 5, "language": "zh_CN"}', encoding="utf-8")
    loaded = config.Settings.load()
    assert loaded.backend == "local" and loaded.language == "zh_CN"


def test_resources_and_ffmpeg_are_found(monkeypatch, tmp_path: Path) -> None:
    assert config.resources_dir().name == "resources"
    assert Path(config.ffmpeg_exe()).exists()
    monkeypatch.setenv("MEME_DESKTOP_FFMPEG", str(tmp_path / "ff"))
    assert config.ffmpeg_exe() == str(tmp_path / "ff")


@pytest.mark.parametrize(("env", "want"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"),
    ({"LANGUAGE": "zh_TW:zh", "LANG": "en_US.UTF-8"}, "zh_CN"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_a_first_launch_speaks_the_system_language(env: dict[str, str], want: str) -> None:
    from meme_desktop.config import system_language

    assert system_language(env) == want
