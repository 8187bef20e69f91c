"""Hostile and broken files against the real engine, end to end over HTTP.

Every bad file must be refused with a protocol code (4001 unsupported, 4002 too large, 4003
unreadable) and one human sentence naming the (sanitised) file: no traceback, no path of the
server, no control characters. After each refusal the engine is still alive and the media and
the draft uploaded before it are untouched. A render whose asset file vanished from the store
fails with a reason, and the engine keeps serving.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx

from tests.helpers.engine_proc import EngineProcess, engine_proc  # noqa: F401 (fixture)
from tests.helpers.render_hostile import HOSTILE_NAME, LONG_NAME, good_image, hostile_files
from tests.integration.test_engine_api import chat, new_session, state, wait_job

REFUSAL_CODES = (4001, 4002, 4003)
_LEAKS = re.compile(r"Traceback|File \"|Error\(|Exception|/tmp/|/root/|/home/|site-packages|"
                    r"\\\\|[\x00-\x1f\x7f]")


def _clean_message(message: str, engine: EngineProcess) -> None:
    assert message and len(message) < 400, message
    assert not _LEAKS.search(message), message
    assert str(engine.data_dir) not in message and "media/" not in message, message


def _snapshot(client: httpx.Client, sid: str, asset: str) -> tuple[dict, bytes, bytes]:
    """The session's draft, the good file's bytes and its thumbnail."""
    draft = state(client, sid)["state"]["draft"]
    media = client.get(f"/media/{asset}")
    thumb = client.get(f"/media/{asset}/thumbnail?size=64")
    assert media.status_code == 200 and thumb.status_code == 200
    assert thumb.content[:8] == b"\x89PNG\r\n\x1a\n"
    return draft, media.content, thumb.content


def _alive(engine: EngineProcess, client: httpx.Client) -> None:
    assert engine.proc.poll() is None, engine.stderr()[-2000:]
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["data"]["status"] == "ok"


def test_hostile_uploads_are_refused_and_nothing_else_breaks(
        engine_proc: EngineProcess, tmp_path: Path) -> None:  # noqa: F811
    engine = engine_proc
    client = engine.client()
    sid = new_session(client)
    good = good_image(tmp_path)
    first = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                        files=[("files", ("good.png", good.read_bytes()))])
    assert first.json()["code"] == 0, first.text
    asset = first.json()["data"]["files"][0]["hash"]
    chat(client, sid, 'add "STILL HERE" at the top')
    before = _snapshot(client, sid, asset)
    assert before[1] == good.read_bytes()
    assert any("txt" in s for t in before[0]["t"] for s in t["sg"])  # the draft has content

    cases = hostile_files(tmp_path / "hostile")
    assert len(cases) >= 14
    for name, path in cases:
        r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                        files=[("files", (name, path.read_bytes()))])
        body = r.json()
        where = f"{name[:40]!r}: {body}"
        assert r.status_code in (400, 413), where
        assert body["code"] in REFUSAL_CODES, where
        _clean_message(body["message"], engine)
        [rejected] = body["data"]["rejected"]
        assert rejected["code"] == body["code"] and rejected["message"] == body["message"]
        assert body["data"]["files"] == []
        shown = rejected["filename"]
        assert "/" not in shown and "\\" not in shown and len(shown) <= 120, where
        assert not re.search(r"[\x00-\x1f\x7f]", shown), where
        if name == LONG_NAME:  # shortened and cleaned, but still recognisable
            assert shown.startswith("ééé") and shown.endswith(".mp3"), where
            assert shown in body["message"], where
        elif name != HOSTILE_NAME:
            assert name in body["message"], where  # the person sees which file it was
        _alive(engine, client)
        assert _snapshot(client, sid, asset) == before, where

    # the specific answers: the bomb headers are "too large", text is "not supported"
    by_name, messages = {}, {}
    for name, path in cases:
        r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                        files=[("files", (name, path.read_bytes()))])
        by_name[name], messages[name] = r.json()["code"], r.json()["message"]
    assert by_name["bomb.png"] == 4002 and by_name["screen.gif"] == 4002
    assert by_name["photo.jpg"] == 4001 and by_name["empty.mp4"] == 4003
    assert by_name["cut.mp4"] == 4003 and by_name["noframes.mp4"] == 4003
    assert "empty" in messages["noframes.mp4"] and "empty" in messages["empty.mp4"]
    st = state(client, sid)["state"]
    assert [f["hash"] for f in st["video_infos"]] == [asset]  # nothing bad was stored
    assert not any((engine.data_dir / "tmp").iterdir())  # and nothing was left staged
    stored = [p for p in (engine.data_dir / "media").rglob("*") if p.is_file()]
    assert [p.stem for p in stored] == [asset]


def test_render_with_a_deleted_asset_fails_with_a_reason(
        engine_proc: EngineProcess, tmp_path: Path) -> None:  # noqa: F811
    engine = engine_proc
    client = engine.client()
    sid = new_session(client)
    good = good_image(tmp_path)
    r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                    files=[("files", ("holiday.png", good.read_bytes()))])
    asset = r.json()["data"]["files"][0]["hash"]
    draft = {"v": 1, "m": {"title": "t", "width": 160, "height": 120, "fps": 10},
             "t": [{"id": "v1", "tt": 0, "n": "Video", "sg": [
                 {"id": "s1", "src": asset, "st": 0, "d": 1000, "fit": "cover"}]}]}
    for stored in (engine.data_dir / "media").rglob(f"{asset}.*"):
        stored.unlink()
    job_id = f"render_{time.time_ns()}"
    submitted = client.post("/api/render/proxy/lambda", json={
        "id": job_id, "sessionId": sid, "draft": draft,
        "output": {"format": "mp4", "quality": "preview"}})
    assert submitted.status_code == 200, submitted.text
    done = wait_job(client, job_id)
    assert done["status"] == "failed", done
    _clean_message(done["error"], engine)
    assert "missing" in done["error"] and "holiday.png" in done["error"], done["error"]
    assert asset not in done["error"]  # the person's file name, not the store's hash
    _alive(engine, client)
    # the engine still renders: the same draft with the file uploaded again works
    again = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                        files=[("files", ("holiday.png", good.read_bytes()))])
    assert again.json()["code"] == 0, again.text
    job2 = f"render_{time.time_ns()}"
    client.post("/api/render/proxy/lambda", json={"id": job2, "sessionId": sid,
                                                   "draft": draft,
                                                   "output": {"quality": "preview"}})
    assert wait_job(client, job2)["status"] == "completed"
    assert "Traceback" not in engine.stderr()
