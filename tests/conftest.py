"""Test-wide set-up: offscreen Qt, and every directory of the app inside a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.helpers.cloud_fixtures", "tests.helpers.keyring_memory"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SKILL_SOURCE", "tests")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ["LANGUAGE"] = "en"  # a first launch follows the system language: tests start in English


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets fresh data/config dirs; the cache (synthesised sounds) is shared."""
    base = tmp_path_factory.mktemp("app")
    monkeypatch.setenv("MEME_DESKTOP_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("MEME_DESKTOP_CONFIG_DIR", str(base / "config"))
    cache = Path(tmp_path_factory.getbasetemp()) / "shared-cache"
    monkeypatch.setenv("MEME_DESKTOP_CACHE_DIR", str(cache))
    monkeypatch.delenv("NEMO_TOKEN", raising=False)
    monkeypatch.delenv("NEMO_API_URL", raising=False)
    yield


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication(qapp):  # noqa: ANN001 - pytest-qt's fixture
    """One QApplication for the whole run, made before any test.

    Code under test may need a Qt application in this process (the caption renderer draws text
    with QtGui and makes a bare QGuiApplication when none exists). Widgets need a full
    QApplication, and Qt allows only one application object per process, so the full one is
    made first and everything shares it, whatever order the tests run in.
    """
    return qapp
