"""Error paths of the engine: tokens, anonymous-token rules, unknown sessions, malformed
requests, and the start-up refusals of ``meme-desktop engine serve``."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.engine_proc import EngineProcess, engine_command, running_engine
from tests.integration.test_engine_api import new_session


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine"), anonymous=True) as eng:
        yield eng


def test_no_token_and_bad_token_are_1001(engine: EngineProcess) -> None:
    sid = new_session(engine.client())
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        r = httpx.get(f"{engine.base_url}/api/state/nemo_agent/me/{sid}/latest", headers=headers)
        assert r.status_code == 401 and r.json()["code"] == 1001 and r.json()["message"]
        proxy = httpx.get(f"{engine.base_url}/api/render/proxy/lambda/render_x", headers=headers)
        assert proxy.status_code == 401
        assert proxy.json()["success"] is False and proxy.json()["code"] == 1001
    stream = httpx.post(f"{engine.base_url}/run_sse", json={"session_id": sid})
    assert stream.status_code == 401 and stream.json()["code"] == 1001


def test_anonymous_token_rules_and_expiry(engine: EngineProcess) -> None:
    url = f"{engine.base_url}/api/auth/anonymous-token"
    missing = httpx.post(url)
    assert missing.status_code == 400 and "X-Client-Id" in missing.json()["message"]
    first = httpx.post(url, headers={"X-Client-Id": "c-expiry"})
    assert first.status_code == 200
    token = first.json()["data"]["token"]
    again = httpx.post(url, headers={"X-Client-Id": "c-expiry"})
    assert again.status_code == 429 and again.json()["code"] == 429
    auth = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{engine.base_url}/api/sessions", headers=auth).json()["code"] == 0

    # age the token by 7 days in the database (another process, as the clock would)
    db = sqlite3.connect(engine.data_dir / "engine.db", timeout=10)
    with db:
        db.execute("UPDATE tokens SET created_at = created_at - 604801, "
                   "expires_at = expires_at - 604801 WHERE client_id = 'c-expiry'")
        stored = [r[0] for r in db.execute("SELECT token_hash FROM tokens")]
    db.close()
    assert token not in stored  # only the hash is kept
    expired = httpx.get(f"{engine.base_url}/api/sessions", headers=auth)
    assert expired.status_code == 401 and expired.json()["code"] == 1001
    assert "expired" in expired.json()["message"]
    renewed = httpx.post(url, headers={"X-Client-Id": "c-expiry"})
    assert renewed.status_code == 200
    assert renewed.json()["data"]["user_id"] == first.json()["data"]["user_id"]


def test_anonymous_users_cannot_see_each_other(engine: EngineProcess) -> None:
    url = f"{engine.base_url}/api/auth/anonymous-token"
    a, b = (httpx.post(url, headers={"X-Client-Id": c}).json()["data"] for c in ("ca", "cb"))
    client_a = httpx.Client(base_url=engine.base_url,
                            headers={"Authorization": f"Bearer {a['token']}"})
    client_b = httpx.Client(base_url=engine.base_url,
                            headers={"Authorization": f"Bearer {b['token']}"})
    sid = new_session(client_a)
    r = client_b.get(f"/api/state/nemo_agent/me/{sid}/latest")
    assert r.status_code == 404 and r.json()["code"] == 1002
    assert client_b.get("/api/sessions").json()["data"]["sessions"] == []


def test_unknown_session_is_1002_everywhere(engine: EngineProcess) -> None:
    client = engine.client()
    calls = [
        client.get("/api/state/nemo_agent/me/sess_nope/latest"),
        client.post("/api/upload-video/nemo_agent/me/sess_nope", files=[("files", ("a.png", b"x"))]),
        client.post("/run_sse", json={"app_name": "nemo_agent", "user_id": "me",
                                      "session_id": "sess_nope",
                                      "new_message": {"parts": [{"text": "hi"}]}}),
        client.get("/api/sessions/sess_nope/messages"),
    ]
    for r in calls:
        assert r.status_code == 404 and r.json()["code"] == 1002 and "sess_nope" in r.json()["message"]
    proxy = client.post("/api/render/proxy/lambda", json={"id": "render_1", "sessionId": "nope",
                                                          "draft": {"t": []}})
    assert proxy.json()["success"] is False and proxy.json()["code"] == 1002
    sid = new_session(client)
    wrong_user = client.get(f"/api/state/nemo_agent/someone_else/{sid}/latest")
    assert wrong_user.json()["code"] == 1002
    assert client.get(f"/api/state/nemo_agent/local/{sid}/latest").json()["code"] == 0


def test_malformed_json_and_bad_bodies_are_400(engine: EngineProcess) -> None:
    client = engine.client()
    sid = new_session(client)
    for path in ("/api/tasks/me/with-session/nemo_agent", "/run_sse", "/api/render/proxy/lambda"):
        r = client.post(path, content=b'{"task_name": "x",', headers={"Content-Type":
                                                                     "application/json"})
        assert r.status_code == 400 and r.json()["code"] == 400
        assert "not valid JSON" in r.json()["message"]
    no_text = client.post("/run_sse", json={"session_id": sid, "new_message": {"parts": []}})
    assert no_text.status_code == 400
    bad_draft = client.post("/api/render/proxy/lambda", json={
        "id": "render_bad", "sessionId": sid,
        "draft": {"t": [{"id": "v1", "tt": 0, "sg": [{"id": "s1", "st": -5, "d": "x"}]}]}})
    assert bad_draft.status_code == 400 and "s1" in bad_draft.json()["message"]
    bad_id = client.post("/api/render/proxy/lambda", json={"id": "../../etc", "sessionId": sid})
    assert bad_id.status_code == 400
    empty = client.post("/api/render/proxy/lambda", json={"id": "render_empty", "sessionId": sid})
    assert empty.status_code == 400 and "empty" in empty.json()["message"]
    unknown_job = client.get("/api/render/proxy/lambda/render_none")
    assert unknown_job.status_code == 404 and unknown_job.json()["success"] is False
    nowhere = client.get("/api/nowhere")
    assert nowhere.status_code == 404 and nowhere.json()["message"]


def _serve(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "MEME_ENGINE_TOKEN"}
    full_env.update(env or {})
    return subprocess.run(engine_command(*args), capture_output=True, text=True, timeout=60,
                          env=full_env)


def test_serve_refuses_unsafe_setups(tmp_path: Path) -> None:
    no_token = _serve(["--data-dir", str(tmp_path)])
    assert no_token.returncode == 2 and no_token.stdout == ""
    assert "--allow-anonymous" in no_token.stderr
    public = _serve(["--host", "0.0.0.0", "--allow-anonymous", "--data-dir", str(tmp_path)])
    assert public.returncode == 2 and "not loopback" in public.stderr


def test_one_engine_per_data_dir(engine: EngineProcess) -> None:
    second = _serve(["--data-dir", str(engine.data_dir)], env={"MEME_ENGINE_TOKEN": "x"})
    assert second.returncode == 2 and "already using" in second.stderr
    assert engine.client().get("/api/sessions").json()["code"] == 0  # the first one is fine


def test_sigterm_stops_cleanly_and_token_from_env_works(tmp_path: Path) -> None:
    with running_engine(tmp_path / "eng") as eng:
        assert eng.client().get("/api/sessions").json()["code"] == 0
        assert eng.proc.stdout is not None
        started = time.monotonic()
        eng.proc.send_signal(signal.SIGTERM)
        assert eng.proc.wait(10) == 0 and time.monotonic() - started < 10
        assert eng.proc.stdout.read() == ""  # READY was the one and only stdout line
        assert eng.stop() == 0
        assert eng.token not in eng.stderr()
        log = (tmp_path / "eng" / "engine.log").read_text()
        assert "engine stopped" in log and eng.token not in log


def test_version_of_cli_mentions_engine(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "meme_desktop", "engine", "serve", "--help"],
                       capture_output=True, text=True, timeout=60)
    assert "--allow-anonymous" in r.stdout and "--debug" not in r.stdout
