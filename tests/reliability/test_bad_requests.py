"""Every bad request gets a clear 4xx, never a 500; the engine lives on and nothing is lost.

The corpus (tests/helpers/bad_requests.py) is sent to one real engine over loopback HTTP, after
a session with a picture, a chat edit and a finished render has been made. Each answer must be
the expected status and protocol code with one readable sentence (no traceback) and
``X-Content-Type-Options: nosniff``. Afterwards the engine still answers, its log holds no
unexpected error, and the session (draft, media, transcript, renders) is exactly as before.
Also here: a kept-alive connection survives refusals and even a server fault, and a 100 MB
body is refused before it is read (the engine's memory does not grow with it).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers.bad_requests import SESSION, Case, bad_requests
from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_image
from tests.helpers.raw_http import RawConnection
from tests.integration.test_engine_api import chat, new_session, state, upload, wait_job

CASES = bad_requests()


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine"), anonymous=True) as eng:
        yield eng


@pytest.fixture(scope="module")
def project(engine: EngineProcess, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A session with a picture, an edit and a finished render; and its snapshot."""
    client = engine.client()
    sid = new_session(client)
    picture = make_image(tmp_path_factory.mktemp("media") / "cat.png", size="96x64")
    asset = upload(client, sid, picture).json()["data"]["files"][0]["hash"]
    chat(client, sid, 'add "STILL HERE" at the top')
    r = client.post("/api/render/proxy/lambda", json={"id": "render_keep", "sessionId": sid,
                                                       "output": {"quality": "preview"}})
    assert r.status_code == 200, r.text
    assert wait_job(client, "render_keep")["status"] == "completed"
    return {"sid": sid, "hash": asset, "job": "render_keep", "before": snapshot(client, sid)}


def snapshot(client: httpx.Client, sid: str) -> dict[str, Any]:
    st = state(client, sid)
    return {"draft": st["state"]["draft"], "files": st["state"]["video_infos"],
            "renders": [g["id"] for g in st["state"]["generated_media"]],
            "history": st["history"],
            "messages": client.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"],
            "download": client.get("/api/render/proxy/render_keep/download").content}


def _fill(text: str, project: dict[str, Any]) -> str:
    for key in ("sid", "hash", "job"):
        text = text.replace("{" + key + "}", project[key])
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_request_gets_a_clear_4xx(engine: EngineProcess, project: dict[str, Any],
                                      case: Case) -> None:
    headers = dict(engine.headers if case.auth else {})
    headers.update(case.headers)
    body = _fill(case.body.decode("latin-1"), project).encode("latin-1")
    with httpx.Client(base_url=engine.base_url, timeout=60) as client:
        r = client.request(case.method, _fill(case.path, project), content=body or None,
                           headers=headers)
    assert r.status_code == case.status, r.text[:500]
    assert 400 <= r.status_code < 500
    assert r.headers.get("x-content-type-options") == "nosniff"
    answer = r.json()
    message = answer["message"]
    assert message and len(message) < 400 and "Traceback" not in message, message
    if case.code is not None:
        assert answer["code"] == case.code, answer
    if case.contains:
        assert case.contains in message, message
    if case.path.startswith("/api/render/proxy"):
        assert answer["success"] is False and answer["error"] == message


def test_the_engine_lives_on_and_nothing_was_lost(engine: EngineProcess,
                                                  project: dict[str, Any]) -> None:
    client = engine.client()
    assert engine.proc.poll() is None
    assert client.get("/health").json()["data"]["status"] == "ok"
    assert snapshot(client, project["sid"]) == project["before"]
    assert "Traceback" not in engine.stderr()  # no request reached the last-resort handler
    assert "unexpected error" not in engine.stderr()
    # and it still works: a new edit is saved
    chat(client, project["sid"], 'add "AND STILL WORKING" at the bottom')
    draft = state(client, project["sid"])["state"]["draft"]
    texts = [seg.get("txt") for track in draft["t"] for seg in track["sg"]]
    assert "STILL HERE" in texts and "AND STILL WORKING" in texts


def test_refusals_keep_the_connection(engine: EngineProcess, project: dict[str, Any]) -> None:
    """Every refusal is answered on the same kept-alive connection, which stays usable."""
    auth = {"Authorization": f"Bearer {engine.token}"}
    with RawConnection(engine.base_url) as conn:
        for body in (b'{"task_name": "\\ud800"}', b'{"task_name": NaN}', b"[" * 5000,
                     b'{"task_name": "ok"}'):
            r = conn.request("POST", SESSION, {**auth, "Content-Type": "application/json"},
                             body)
            assert r.status_code in (200, 400), r.body
            assert conn.alive()
        max_mb = (f'{{"id": "render_nan", "sessionId": "{project["sid"]}", '
                  '"output": {"max_mb": NaN}}').encode()
        r = conn.request("POST", "/api/render/proxy/lambda",
                         {**auth, "Content-Type": "application/json"}, max_mb)
        assert r.status_code == 400 and r.json()["success"] is False
        r = conn.request("GET", "/api/render/proxy/lambda/render_nan", auth)
        assert r.status_code == 404  # never stored: status and cancel cannot fail forever
        assert conn.request("GET", "/health").status_code == 200


def test_a_server_fault_answers_500_and_keeps_the_connection(
        engine: EngineProcess, project: dict[str, Any]) -> None:
    """Not client input, a broken store: the thumbnail cache folder replaced by a file. The
    answer is a JSON 500 and the same connection serves the next request."""
    thumbs = engine.data_dir / "thumbs"
    saved = engine.data_dir / "thumbs.saved"
    thumbs.rename(saved)
    thumbs.write_text("not a folder")
    try:
        auth = {"Authorization": f"Bearer {engine.token}"}
        with RawConnection(engine.base_url) as conn:
            r = conn.request("GET", f"/media/{project['hash']}/thumbnail?size=77", auth)
            assert r.status_code == 500 and r.json()["message"], r.body
            assert r.headers.get("x-content-type-options") == "nosniff"
            assert conn.alive()
            again = conn.request("GET", "/api/sessions", auth)
            assert again.status_code == 200 and again.json()["code"] == 0
    finally:
        thumbs.unlink()
        saved.rename(thumbs)


def _rss_peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_a_100_mb_body_is_refused_before_it_is_read(engine: EngineProcess) -> None:
    auth = {"Authorization": f"Bearer {engine.token}", "Content-Type": "application/json"}
    before = _rss_peak_kb(engine.proc.pid)
    size = 100 * 1024 * 1024
    with RawConnection(engine.base_url) as conn:  # declared length: answered at once
        conn.send_head("POST", SESSION, {**auth, "Content-Length": str(size)})
        conn.sock.sendall(b'{"task_name": "' + b"x" * 65536)
        r = conn.read_response()
        assert r.status_code == 413 and r.json()["code"] == 413
    with RawConnection(engine.base_url) as conn:  # chunked: read only up to the limit
        conn.send_head("POST", SESSION, {**auth, "Transfer-Encoding": "chunked"})
        chunk = b"x" * (1024 * 1024)
        sent, answered = 0, None
        started = time.monotonic()
        while sent < size and time.monotonic() - started < 60:
            try:
                conn.sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break  # the server answered and closed: it stopped reading
            sent += len(chunk)
            if sent >= 4 * 1024 * 1024:
                break
        answered = conn.read_response()
        assert answered.status_code == 413
    assert engine.proc.poll() is None
    grown_mb = (_rss_peak_kb(engine.proc.pid) - before) / 1024
    assert grown_mb < 30, f"the engine's peak memory grew by {grown_mb:.0f} MB"
