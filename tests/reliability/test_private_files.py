"""What is stored stays private (POSIX), and the engine's token stays out of the process list.

The engine's data folder and everything the engine writes into it (database, log, media,
thumbnails, renders) and into the cache (caption pictures) are 0700 folders / 0600 files, even
under a permissive umask and even where an older version left 0755 / 0644 behind. The app's
own folders are 0700 and its settings files 0600. ``engine serve --token T`` warns;
``--token-file`` keeps the token off the command line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from meme_desktop import config
from tests.helpers.engine_proc import engine_command, running_engine, start_engine
from tests.helpers.media import make_image
from tests.integration.test_engine_api import chat, new_session, upload, wait_job

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _loose(root: Path) -> list[str]:
    """Everything under ``root`` that others could read."""
    return [f"{p} {oct(_mode(p))}" for p in [root, *root.rglob("*")]
            if not p.is_symlink() and _mode(p) & 0o077]


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what most desktops use: 0755 folders, 0644 files by default
    try:
        yield
    finally:
        os.umask(old)


def test_everything_the_engine_writes_is_private(tmp_path: Path, open_umask: None,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("MEME_DESKTOP_CACHE_DIR", str(cache))
    with running_engine(tmp_path / "engine") as engine:
        client = engine.client()
        sid = new_session(client)
        entry = upload(client, sid, make_image(tmp_path / "p.png", size="64x48")).json()
        assert client.get(f"/media/{entry['data']['files'][0]['hash']}/thumbnail").is_success
        chat(client, sid, 'add "PRIVATE" at the top')
        r = client.post("/api/render/proxy/lambda", json={"id": "render_private",
                                                           "sessionId": sid,
                                                           "output": {"quality": "preview"}})
        assert r.status_code == 200 and wait_job(client, "render_private")["status"] == \
            "completed"
        data = engine.data_dir
        groups = [[data / "engine.db"], [data / "engine.log"], list((data / "media").rglob("*.*")),
                  list((data / "thumbs").glob("*.png")), list((data / "renders").glob("*.mp4")),
                  list((cache / "captions").glob("*.png"))]
        assert all(groups), groups  # one of each kind was written
        for path in (p for group in groups for p in group):
            assert _mode(path) == 0o600, f"{path} is {oct(_mode(path))}"
        assert _mode(data) == 0o700 and _mode(data / "media") == 0o700
        assert _mode(cache) == 0o700
        loose = [p for p in _loose(data) if "stderr.log" not in p]  # the test's own file
        assert loose == []


def test_an_older_readable_data_folder_is_tightened(tmp_path: Path, open_umask: None) -> None:
    data = tmp_path / "engine"
    (data / "media" / "ab").mkdir(parents=True)
    old_media = data / "media" / "ab" / "old.png"
    old_media.write_bytes(b"an old upload")
    for folder in (data, data / "media", data / "media" / "ab"):
        folder.chmod(0o755)
    old_media.chmod(0o644)
    with running_engine(data):
        assert _mode(old_media) == 0o600
        assert _mode(data) == _mode(data / "media") == _mode(data / "media" / "ab") == 0o700


def test_the_app_folders_and_settings_are_private(tmp_path: Path, open_umask: None,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"MEME_DESKTOP_{name}_DIR", str(tmp_path / name.lower() / "app"))
    existing = tmp_path / "config" / "app"
    existing.mkdir(parents=True, mode=0o755)
    existing.chmod(0o755)
    for folder in (config.data_dir(), config.config_dir(), config.cache_dir()):
        assert _mode(folder) == 0o700, folder
    old = config.Settings.path()
    old.write_text("{}")
    old.chmod(0o644)
    config.Settings(language="zh_CN").save()
    config.UiState(last_session_id="sess_x").save()
    assert _mode(config.Settings.path()) == _mode(config.UiState.path()) == 0o600
    assert config.Settings.load().language == "zh_CN"


def _serve(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MEME_ENGINE_TOKEN"}
    return subprocess.run(engine_command(*args, "--data-dir", str(tmp / "d")), env=env,
                          capture_output=True, text=True, timeout=60)


def test_token_on_the_command_line_warns_and_a_token_file_works(tmp_path: Path) -> None:
    secret = "file-token-" + os.urandom(6).hex()
    token_file = tmp_path / "token"
    token_file.write_text(secret + "\n")
    token_file.chmod(0o600)
    engine = start_engine(tmp_path / "with-file", token=None,
                          args=["--token-file", str(token_file)])
    try:
        engine.token = secret
        assert engine.client().get("/api/sessions").json()["code"] == 0
        cmdline = Path(f"/proc/{engine.proc.pid}/cmdline").read_bytes()
        assert secret.encode() not in cmdline
        assert "warning" not in engine.stderr()
    finally:
        engine.stop()
    warned = start_engine(tmp_path / "with-token", token=None, args=["--token", "visible-T"])
    try:
        assert "--token is visible" in warned.stderr() and "MEME_ENGINE_TOKEN" in \
            warned.stderr()
        assert "visible-T" not in warned.stderr()
    finally:
        warned.stop()
    empty = tmp_path / "empty"
    empty.write_text("\n")
    for args, phrase in ((["--token-file", str(empty)], "is empty"),
                         (["--token-file", str(tmp_path / "nope")], "cannot read"),
                         (["--token-file", str(token_file), "--token", "x"], "not both")):
        r = _serve(args, tmp_path)
        assert r.returncode == 2 and phrase in r.stderr and "Traceback" not in r.stderr
        assert r.stdout == ""


def test_help_documents_the_token_file() -> None:
    r = subprocess.run([sys.executable, "-m", "meme_desktop", "engine", "serve", "--help"],
                       capture_output=True, text=True, timeout=60)
    assert "--token-file" in r.stdout and "--public-url" in r.stdout
