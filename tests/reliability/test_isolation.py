"""Other people's files and jobs are out of reach; the web cannot reach the engine at all.

Two anonymous users share one engine. Whatever B sends (a render draft naming A's picture by
its hash, media and thumbnail links, A's render id), B gets exactly the answer a made-up hash or
id gets, so B cannot even learn that A's file exists. A job that names A's picture but reached
the queue without the submit check (written into the database directly) fails at render time
as "missing". Web rules: foreign ``Host`` names (DNS rebinding) and ``Origin`` values are
refused even for the anonymous-token call, loopback names are answered, anonymous tokens are
limited per network address, absolute URLs never come from the ``Host`` header, and every
answer carries ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine, start_engine
from tests.helpers.media import make_image
from tests.integration.test_engine_api import new_session, upload, wait_job

TOKEN_URL = "/api/auth/anonymous-token"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine"), anonymous=True) as eng:
        yield eng


def _user(engine: EngineProcess, client_id: str) -> httpx.Client:
    r = httpx.post(f"{engine.base_url}{TOKEN_URL}", headers={"X-Client-Id": client_id})
    assert r.status_code == 200, r.text
    return httpx.Client(base_url=engine.base_url, timeout=60,
                        headers={"Authorization": f"Bearer {r.json()['data']['token']}"})


def _draft(src: str) -> dict:
    return {"v": 1, "m": {"title": "t", "width": 160, "height": 120, "fps": 15}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": src, "st": 0, "d": 500}]}]}


def _answer(r: httpx.Response) -> tuple[int, int, str]:
    body = r.json()
    return r.status_code, body["code"], body["message"]


@pytest.fixture(scope="module")
def two_users(engine: EngineProcess, tmp_path_factory: pytest.TempPathFactory) -> dict:
    a, b = _user(engine, "isolation-a"), _user(engine, "isolation-b")
    sid_a, sid_b = new_session(a), new_session(b)
    private = make_image(tmp_path_factory.mktemp("a") / "private.png", size="80x60")
    secret = upload(a, sid_a, private).json()["data"]["files"][0]["hash"]
    r = a.post("/api/render/proxy/lambda", json={"id": "render_of_a", "sessionId": sid_a,
                                                  "draft": _draft(secret),
                                                  "output": {"quality": "preview"}})
    assert r.status_code == 200 and wait_job(a, "render_of_a")["status"] == "completed"
    return {"a": a, "b": b, "sid_a": sid_a, "sid_b": sid_b, "secret": secret}


def test_b_cannot_render_a_s_picture_nor_learn_it_exists(two_users: dict) -> None:
    b, sid_b, secret = two_users["b"], two_users["sid_b"], two_users["secret"]
    made_up = secrets.token_hex(32)
    answers = []
    for src in (secret, made_up):
        r = b.post("/api/render/proxy/lambda", json={"id": f"render_b_{src[:8]}",
                                                      "sessionId": sid_b, "draft": _draft(src),
                                                      "output": {"quality": "preview"}})
        answers.append(_answer(r))
    assert answers[0] == answers[1]
    assert answers[0][0] == 400 and "not in your projects" in answers[0][2]
    # the owner still renders it
    a = two_users["a"]
    r = a.post("/api/render/proxy/lambda", json={"id": "render_a_again",
                                                  "sessionId": two_users["sid_a"],
                                                  "draft": _draft(secret),
                                                  "output": {"quality": "preview"}})
    assert r.status_code == 200 and wait_job(a, "render_a_again")["status"] == "completed"


def test_b_cannot_reach_a_s_media_or_jobs(two_users: dict) -> None:
    b, secret = two_users["b"], two_users["secret"]
    made_up = secrets.token_hex(32)
    for path in ("/media/{h}", "/media/{h}/thumbnail?size=64"):
        mine, invented = (b.get(path.format(h=h)) for h in (secret, made_up))
        assert mine.status_code == invented.status_code == 404
        assert mine.json() == invented.json()
    for method, path in (("GET", "/api/render/proxy/lambda/{j}"),
                         ("POST", "/api/render/proxy/lambda/{j}/cancel"),
                         ("GET", "/api/render/proxy/{j}/download")):
        theirs = b.request(method, path.format(j="render_of_a"))
        nobody = b.request(method, path.format(j="render_of_nobody"))
        assert theirs.status_code == nobody.status_code == 404
        assert _answer(theirs)[1] == _answer(nobody)[1] == 404
    a = two_users["a"]
    assert a.get("/api/render/proxy/render_of_a/download").status_code == 200
    assert a.get(f"/media/{secret}").status_code == 200


def test_a_queued_job_naming_another_users_file_fails_as_missing(tmp_path: Path) -> None:
    data_dir = tmp_path / "engine"
    engine = start_engine(data_dir, anonymous=True)
    try:
        a, b = _user(engine, "queue-a"), _user(engine, "queue-b")
        sid_a, sid_b = new_session(a), new_session(b)
        picture = make_image(tmp_path / "mine.png", size="80x60")
        secret = upload(a, sid_a, picture).json()["data"]["files"][0]["hash"]
        user_b = b.get("/api/sessions").json()["data"]["sessions"][0]["user_id"]
    finally:
        engine.stop()
    db = sqlite3.connect(data_dir / "engine.db")  # a job the submit check never saw
    with db:
        db.execute("INSERT INTO jobs (id, session_id, user_id, draft, output, status, "
                   "created_at, updated_at) VALUES (?,?,?,?,?,'pending',?,?)",
                   ("render_sneaky", sid_b, user_b, json.dumps(_draft(secret)),
                    json.dumps({"format": "mp4", "quality": "preview"}), time.time(),
                    time.time()))
    db.close()
    with running_engine(data_dir, anonymous=True) as again:
        admin = again.client()
        done = wait_job(admin, "render_sneaky")
        assert done["status"] == "failed" and "missing" in done["error"], done
        assert "mine.png" not in done["error"]  # nothing about the file is told


def test_foreign_names_are_refused_and_loopback_names_answered(engine: EngineProcess) -> None:
    port = engine.base_url.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost", f"[::1]:{port}"):
        r = httpx.get(f"{engine.base_url}/health", headers={"Host": host})
        assert r.status_code == 200, host
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example",
                 "localhost.evil.example", "10.0.0.5"):
        r = httpx.post(f"{engine.base_url}{TOKEN_URL}",
                       headers={"Host": host, "X-Client-Id": f"rebind-{host}"})
        assert r.status_code == 403 and r.json()["code"] == 403, host
    own = httpx.get(f"{engine.base_url}/health",
                    headers={"Origin": f"http://127.0.0.1:{port}"})
    assert own.status_code == 200
    for origin in ("https://evil.example", "null", f"http://127.0.0.1:{int(port) + 1}",
                   "file://"):
        r = httpx.get(f"{engine.base_url}/health", headers={"Origin": origin})
        assert r.status_code == 403, origin


def test_urls_in_answers_never_come_from_the_host_header(two_users: dict,
                                                         engine: EngineProcess) -> None:
    a = two_users["a"]
    port = engine.base_url.rsplit(":", 1)[1]
    r = a.get(f"/api/state/nemo_agent/me/{two_users['sid_a']}/latest",
              headers={"Host": f"localhost:{port}"})
    data = r.json()["data"]["state"]
    urls = [f["cdn_url"] for f in data["video_infos"]] + [g["url"] for g in
                                                           data["generated_media"]]
    assert urls and all(u.startswith(f"http://127.0.0.1:{port}/") for u in urls), urls


def test_a_public_url_is_the_base_and_an_accepted_name(tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine",
                        args=["--public-url", "http://render-box.example:8765"]) as eng:
        client = eng.client()
        sid = new_session(client)
        picture = make_image(tmp_path / "p.png", size="32x32")
        entry = upload(client, sid, picture).json()["data"]["files"][0]
        assert entry["cdn_url"].startswith("http://render-box.example:8765/media/")
        boxed = client.get("/api/sessions", headers={"Host": "render-box.example:8765"})
        assert boxed.status_code == 200
        assert client.get("/api/sessions", headers={"Host": "other.example"}).status_code == 403


def test_anonymous_tokens_are_limited_per_address(tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine", anonymous=True) as eng:
        codes = [httpx.post(f"{eng.base_url}{TOKEN_URL}",
                            headers={"X-Client-Id": f"invented-{n}"}).status_code
                 for n in range(12)]
        assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]
        r = httpx.post(f"{eng.base_url}{TOKEN_URL}", headers={"X-Client-Id": "one-more"})
        assert r.status_code == 429 and "network address" in r.json()["message"]


def test_every_answer_says_nosniff(two_users: dict) -> None:
    a, secret = two_users["a"], two_users["secret"]
    for path in (f"/media/{secret}", f"/media/{secret}/thumbnail?size=32",
                 "/api/render/proxy/render_of_a/download", "/api/sessions", "/health",
                 "/api/nowhere"):
        r = a.get(path)
        assert r.headers.get("x-content-type-options") == "nosniff", path
    assert a.get(f"/media/{secret}").headers["content-type"] == "image/png"
