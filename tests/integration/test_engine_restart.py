"""Crash safety: the engine is killed with SIGKILL in the middle of a render and restarted on
the same data directory. Everything acknowledged before the kill is still there, finished
renders stay downloadable, and the interrupted render is rendered again."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.engine_proc import start_engine
from tests.helpers.media import make_audio, make_clip, make_image
from tests.integration.test_engine_api import chat, meme_draft, new_session, state, upload, wait_job


def test_sigkill_mid_render_then_restart(tmp_path: Path) -> None:
    data = tmp_path / "engine"
    token = "restart-token"
    image = make_image(tmp_path / "cat.png", size="320x240")
    clip = make_clip(tmp_path / "clip.mp4", seconds=1.5)
    audio = make_audio(tmp_path / "voice.m4a", seconds=1.0)

    eng = start_engine(data, token=token)
    try:
        client = eng.client()
        sid = new_session(client, "survivor")
        files = upload(client, sid, image, clip, audio).json()["data"]["files"]
        chat(client, sid, 'add "STILL HERE" at the top')
        before = state(client, sid)
        messages = client.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"]
        hashes = [f["hash"] for f in files]

        quick = meme_draft(*hashes)
        client.post("/api/render/proxy/lambda", json={
            "id": "render_done", "sessionId": sid, "draft": quick,
            "output": {"format": "mp4", "quality": "preview"}})
        assert wait_job(client, "render_done")["status"] == "completed"
        finished = client.get("/api/render/proxy/render_done/download").content

        slow = meme_draft(*hashes)
        slow["m"].update(width=1080, height=1920, fps=30)
        slow["t"][0]["sg"][0]["d"] = 8000
        for job_id, draft in (("render_slow", slow), ("render_queued", quick)):
            r = client.post("/api/render/proxy/lambda", json={
                "id": job_id, "sessionId": sid, "draft": draft,
                "output": {"format": "mp4", "quality": "high"}})
            assert r.json()["success"] is True
        assert wait_job(client, "render_slow", until=("processing",))["status"] == "processing"
    finally:
        eng.kill()  # SIGKILL: no shutdown code runs

    again = start_engine(data, token=token)
    try:
        client = again.client()
        sessions = client.get("/api/sessions").json()["data"]["sessions"]
        assert [s["session_id"] for s in sessions] == [sid]
        after = state(client, sid)
        assert after["state"]["draft"] == before["state"]["draft"]
        old_base, new_base = eng.base_url, again.base_url  # a new port after the restart
        assert json.loads(json.dumps(after["state"]["video_infos"]).replace(new_base, "")) == \
            json.loads(json.dumps(before["state"]["video_infos"]).replace(old_base, ""))
        assert after["history"] == before["history"]
        assert client.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"] == messages
        assert client.get("/api/render/proxy/render_done/download").content == finished
        for job_id in ("render_slow", "render_queued"):
            done = wait_job(client, job_id, timeout=180)
            assert done["status"] == "completed", done
            out = client.get(done["outputUrl"])
            assert out.status_code == 200 and out.content[4:8] == b"ftyp"
        assert "interrupted" in (data / "engine.log").read_text()
        # the engine keeps working normally after the restart
        chat(client, sid, 'add "AFTER" at the bottom')
        texts = [s.get("txt") for t in state(client, sid)["state"]["draft"]["t"] for s in t["sg"]]
        assert "STILL HERE" in texts and "AFTER" in texts
    finally:
        assert again.stop() == 0


def test_sigterm_mid_render_stops_cleanly_and_rerenders_on_start(tmp_path: Path) -> None:
    data = tmp_path / "engine"
    image = make_image(tmp_path / "cat.png", size="320x240")
    clip = make_clip(tmp_path / "clip.mp4", seconds=1.0)
    audio = make_audio(tmp_path / "tone.wav", seconds=1.0)
    eng = start_engine(data, token="t2")
    client = eng.client()
    sid = new_session(client)
    hashes = [f["hash"] for f in upload(client, sid, image, clip, audio).json()["data"]["files"]]
    slow = meme_draft(*hashes)
    slow["m"].update(width=1080, height=1920, fps=30)
    slow["t"][0]["sg"][0]["d"] = 8000
    client.post("/api/render/proxy/lambda", json={"id": "render_term", "sessionId": sid,
                                                  "draft": slow})
    wait_job(client, "render_term", until=("processing",))
    assert eng.stop(timeout=20) == 0
    assert not list((data / "renders").glob("*render_term*"))  # no final or partial file
    again = start_engine(data, token="t2")
    try:
        done = wait_job(again.client(), "render_term", timeout=180)
        assert done["status"] == "completed", done
    finally:
        again.stop()
