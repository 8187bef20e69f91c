"""The engine's happy path over real loopback HTTP: token, session, uploads, chat, state, render.

One engine subprocess (``meme-desktop engine serve``) serves the whole module; media are tiny
real files made with ffmpeg. Each step asserts what a client relies on.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import av
import httpx
import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_audio, make_clip, make_image, make_sticker


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("media")
    return {"image": make_image(d / "cat.png", size="320x240"),
            "clip": make_clip(d / "clip.mp4", seconds=1.5),
            "audio": make_audio(d / "tone.mp3", seconds=1.0)}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> EngineProcess:
    with running_engine(tmp_path_factory.mktemp("engine"), anonymous=True,
                        args=["--render-workers", "1"]) as eng:
        yield eng


def new_session(client: httpx.Client, name: str = "project") -> str:
    r = client.post("/api/tasks/me/with-session/nemo_agent",
                    json={"task_name": name, "language": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["code"] == 0
    assert body["data"]["session_id"] and body["data"]["task_id"]
    return body["data"]["session_id"]


def upload(client: httpx.Client, sid: str, *paths: Path) -> httpx.Response:
    files = [("files", (p.name, p.read_bytes())) for p in paths]
    return client.post(f"/api/upload-video/nemo_agent/me/{sid}", files=files)


def chat(client: httpx.Client, sid: str, text: str) -> list[dict[str, Any]]:
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": text}]}}
    events = []
    with client.stream("POST", "/run_sse", json=body,
                       headers={"Accept": "text/event-stream"}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        for line in r.iter_lines():
            if line.startswith("data:") and line[5:].strip():
                events.append(json.loads(line[5:]))
    return events


def state(client: httpx.Client, sid: str) -> dict[str, Any]:
    r = client.get(f"/api/state/nemo_agent/me/{sid}/latest")
    assert r.status_code == 200, r.text
    return r.json()["data"]


def wait_job(client: httpx.Client, job_id: str, until: tuple[str, ...] = ("completed", "failed"),
             timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(f"/api/render/proxy/lambda/{job_id}")
        assert r.status_code == 200 and r.json()["success"] is True
        data = r.json()["data"]
        if data["status"] in until:
            return data
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {data['status']}")


def meme_draft(image: str, clip: str, audio: str, caption: str = "HELLO") -> dict[str, Any]:
    return {"v": 1, "m": {"title": "t", "width": 320, "height": 568, "fps": 15},
            "t": [{"id": "v1", "tt": 0, "n": "Video", "sg": [
                      {"id": "s1", "src": image, "st": 0, "d": 1000, "fit": "cover"},
                      {"id": "s2", "src": clip, "st": 1000, "d": 1000, "fit": "blur"}]},
                  {"id": "a1", "tt": 1, "n": "Sound", "sg": [
                      {"id": "s3", "src": audio, "st": 0, "d": 1000}]},
                  {"id": "x1", "tt": 7, "n": "Captions", "sg": [
                      {"id": "s4", "txt": caption, "st": 0, "d": 2000, "pos": "top"}]}]}


def test_anonymous_token_session_uploads_chat_state(engine: EngineProcess,
                                                    media: dict[str, Path]) -> None:
    r = httpx.post(f"{engine.base_url}/api/auth/anonymous-token",
                   headers={"X-Client-Id": "client-happy-path"})
    assert r.status_code == 200
    tok = r.json()["data"]
    assert tok["token"] and tok["user_id"].startswith("user_") and tok["expires_at"]
    assert tok["token"] not in (engine.data_dir / "engine.db").read_bytes().decode("latin-1")
    anon = httpx.Client(base_url=engine.base_url, timeout=60,
                        headers={"Authorization": f"Bearer {tok['token']}"})
    sid = new_session(anon, "monday")

    r = upload(anon, sid, media["image"], media["clip"], media["audio"])
    assert r.status_code == 200, r.text
    files = r.json()["data"]["files"]
    assert [f["file_type"] for f in files] == ["image", "video", "audio"]
    assert r.json()["data"]["session_state_applied"] is True
    image, clip, audio = files
    assert (image["width"], image["height"]) == (320, 240)
    assert clip["duration"] == pytest.approx(1.5, abs=0.1) and clip["fps"] == pytest.approx(25)
    assert audio["duration"] == pytest.approx(1.0, abs=0.1)
    assert all(len(f["hash"]) == 64 for f in files)
    # the same bytes again: deduplicated, not a second asset
    again = upload(anon, sid, media["image"]).json()["data"]["files"]
    assert again[0]["hash"] == image["hash"]

    # cdn_url and thumbnails are served, with auth only
    media_r = anon.get(image["cdn_url"])
    assert media_r.status_code == 200 and media_r.content == media["image"].read_bytes()
    assert httpx.get(image["cdn_url"]).status_code == 401
    ranged = anon.get(clip["cdn_url"], headers={"Range": "bytes=4-11"})
    assert ranged.status_code == 206 and ranged.content == media["clip"].read_bytes()[4:12]
    thumb = anon.get(f"/media/{clip['hash']}/thumbnail", params={"size": 64})
    assert thumb.status_code == 200 and thumb.content[:4] == b"\x89PNG"

    events = chat(anon, sid, 'add "WHEN THE CODE COMPILES" at the top')
    texts = [e["content"] for e in events if e["type"] == "text"]
    assert texts, events
    assert any(e["type"] == "tool_call" for e in events)
    assert any(e["type"] == "tool_result" for e in events)

    st = state(anon, sid)
    assert st["session_id"] == sid and st["task_name"] == "monday" and st["task_id"]
    captions = [s["txt"] for t in st["state"]["draft"]["t"] if t["tt"] == 7 for s in t["sg"]]
    assert "WHEN THE CODE COMPILES" in captions
    assert [v["hash"] for v in st["state"]["video_infos"]] == [f["hash"] for f in files]
    assert st["state"]["canvas_config"]["width"] > 0
    assert "generated_media" in st["state"] and "video_analyses" in st["state"]

    msgs = anon.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"]
    assert [m["role"] for m in msgs] == ["user", "assistant"]
    assert msgs[1]["text"] == "".join(texts)
    sessions = anon.get("/api/sessions").json()["data"]["sessions"]
    assert [s["session_id"] for s in sessions] == [sid]

    # the launch token sees the anonymous user's session through its user id too
    admin = engine.client()
    assert admin.get(f"/api/state/nemo_agent/{tok['user_id']}/{sid}/latest").json()["code"] == 0

    bal = anon.get("/api/credits/balance/simple").json()["data"]
    assert bal["unmetered"] is True and bal["available"] > 0
    assert bal["total"] == bal["available"] + bal["frozen"]


def test_thumbnail_of_a_sticker_is_transparent_where_it_is(engine: EngineProcess,
                                                         tmp_path: Path) -> None:
    """What the window shows in place of its own thumbnail: a sticker's transparent corners
    come back transparent, not black (the media helper makes it, the engine caches it)."""
    client = engine.client()
    sid = new_session(client)
    r = upload(client, sid, make_sticker(tmp_path / "sticker.png", "200x160"))
    assert r.status_code == 200, r.text
    url = r.json()["data"]["files"][0]["thumbnail_url"].replace("size=256", "size=64")
    for _ in range(2):  # made, then served from the cache
        thumb = client.get(url)
        assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/png"
        with av.open(io.BytesIO(thumb.content)) as c:
            px = next(c.decode(video=0)).to_ndarray(format="rgba")
        assert px.shape == (51, 64, 4)
        assert (px[[0, 0, -1, -1], [0, -1, 0, -1], 3] == 0).all(), "black corners"
        assert (px[25, 32] == (255, 255, 255, 255)).all()


def test_undo_and_redo_are_exact(engine: EngineProcess) -> None:
    client = engine.client()
    sid = new_session(client)
    chat(client, sid, 'add "FIRST" at the top')
    first = state(client, sid)["state"]["draft"]
    chat(client, sid, 'add "SECOND" at the bottom')
    second = state(client, sid)["state"]["draft"]
    assert first != second
    chat(client, sid, "undo")
    assert state(client, sid)["state"]["draft"] == first
    chat(client, sid, "redo")
    assert state(client, sid)["state"]["draft"] == second
    chat(client, sid, "undo")
    chat(client, sid, 'add "THIRD" at the bottom')  # drops the redo branch
    after = state(client, sid)
    assert after["history"]["can_redo"] is False
    texts = [s["txt"] for t in after["state"]["draft"]["t"] for s in t["sg"] if "txt" in s]
    assert "SECOND" not in texts and "THIRD" in texts and "FIRST" in texts


def test_render_poll_download_with_range(engine: EngineProcess, media: dict[str, Path]) -> None:
    client = engine.client()
    sid = new_session(client)
    files = upload(client, sid, media["image"], media["clip"], media["audio"]).json()["data"]
    draft = meme_draft(*(f["hash"] for f in files["files"]))
    job_id = f"render_{time.time_ns()}"
    r = client.post("/api/render/proxy/lambda", json={
        "id": job_id, "sessionId": sid, "draft": draft,
        "output": {"format": "mp4", "quality": "preview"}})
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True, "data": {"id": job_id, "status": "pending",
                                                  "progress": 0}}
    dup = client.post("/api/render/proxy/lambda", json={"id": job_id, "sessionId": sid,
                                                          "draft": draft})
    assert dup.status_code == 409 and dup.json()["success"] is False

    done = wait_job(client, job_id)
    assert done["status"] == "completed", done
    assert done["progress"] == 100
    out = client.get(done["outputUrl"])
    assert out.status_code == 200 and out.headers["content-type"] == "video/mp4"
    assert out.content[4:8] == b"ftyp" and len(out.content) > 1000
    part = client.get(f"/api/render/proxy/{job_id}/download", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == out.content[:100]
    assert part.headers["content-range"].startswith("bytes 0-99/")
    gen = state(client, sid)["state"]["generated_media"]
    assert [g["id"] for g in gen] == [job_id]


def test_cancel_pending_and_running_renders(engine: EngineProcess,
                                            media: dict[str, Path]) -> None:
    client = engine.client()
    sid = new_session(client)
    files = upload(client, sid, media["image"], media["clip"], media["audio"]).json()["data"]
    long = meme_draft(*(f["hash"] for f in files["files"]))
    long["m"].update(width=1080, height=1920, fps=30)
    long["t"][0]["sg"][0]["d"] = 30000  # a 30 s high-quality render: long enough to cancel
    long["t"][2]["sg"][0]["d"] = 30000
    first, second = f"render_a{time.time_ns()}", f"render_b{time.time_ns()}"
    for job_id in (first, second):
        r = client.post("/api/render/proxy/lambda", json={
            "id": job_id, "sessionId": sid, "draft": long,
            "output": {"format": "mp4", "quality": "high"}})
        assert r.json()["success"] is True
    cancelled = client.post(f"/api/render/proxy/lambda/{second}/cancel").json()["data"]
    assert cancelled["cancelled"] is True and cancelled["status"] == "cancelled"
    wait_job(client, first, until=("processing", "completed"))
    r = client.post(f"/api/render/proxy/lambda/{first}/cancel")
    assert r.json()["data"]["cancelled"] is True
    assert wait_job(client, first, until=("cancelled",), timeout=30)["status"] == "cancelled"
    assert client.get(f"/api/render/proxy/{first}/download").status_code == 409
    time.sleep(0.5)
    assert not list((engine.data_dir / "renders").glob(f"{first}*"))
    assert wait_job(client, second, until=("cancelled",))["outputUrl"] is None


@pytest.mark.parametrize(("output", "kind"), [
    ({"format": "mp4", "quality": "preview", "preset": "square", "max_mb": 2}, "square"),
    ({"quality": "preview", "preset": "gif"}, "gif"),
])
def test_render_presets_and_size_cap(engine: EngineProcess, media: dict[str, Path],
                                     tmp_path: Path, output: dict[str, Any], kind: str) -> None:
    from meme_desktop.engine.media import probe

    client = engine.client()
    sid = new_session(client)
    files = upload(client, sid, media["image"], media["clip"], media["audio"]).json()["data"]
    job_id = f"render_{kind}_{time.time_ns()}"
    r = client.post("/api/render/proxy/lambda", json={
        "id": job_id, "sessionId": sid, "draft": meme_draft(*(f["hash"] for f in files["files"])),
        "output": output})
    assert r.json()["success"] is True, r.text
    done = wait_job(client, job_id)
    assert done["status"] == "completed", done
    got = client.get(done["outputUrl"])
    path = tmp_path / f"out.{'gif' if kind == 'gif' else 'mp4'}"
    path.write_bytes(got.content)
    info = probe(path)
    if kind == "gif":
        assert got.headers["content-type"] == "image/gif" and got.content[:4] == b"GIF8"
    else:
        assert info.width == info.height and len(got.content) <= 2 * 1024 * 1024
    bad = client.post("/api/render/proxy/lambda", json={
        "id": f"{job_id}_bad", "sessionId": sid, "output": {"preset": "nope"}})
    assert bad.status_code == 400 and "square" in bad.json()["message"]
