"""The offline agent over real loopback HTTP: uploads, chat turns in English and Chinese, the
saved draft, the streamed tool events and reply, undo, and a real render of what it made."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_audio, make_clip, make_image
from tests.integration.test_engine_api import chat, new_session, state, upload, wait_job


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("agent-engine"),
                        args=["--render-workers", "1"]) as eng:
        yield eng


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("agent-media")
    return {"image": make_image(d / "cat.png", size="320x240"),
            "clip": make_clip(d / "dance.mp4", seconds=2.0),
            "audio": make_audio(d / "song.mp3", seconds=1.0)}


def _draft(engine: EngineProcess, sid: str) -> dict[str, Any]:
    return state(engine.client(), sid)["state"]["draft"]


def _segs(draft: dict[str, Any], tt: int) -> list[dict[str, Any]]:
    return [s for t in draft["t"] if t["tt"] == tt for s in t["sg"]]


def _turn(engine: EngineProcess, sid: str, text: str) -> tuple[list[dict[str, Any]], str]:
    events = chat(engine.client(), sid, text)
    calls = [e for e in events if e["type"] == "tool_call"]
    results = [e for e in events if e["type"] == "tool_result"]
    assert [c["name"] for c in calls] == [r["name"] for r in results]
    reply = "".join(e["content"] for e in events if e["type"] == "text")
    assert reply.strip()
    return calls, reply


def test_a_meme_made_by_chatting(engine: EngineProcess, media: dict[str, Path]) -> None:
    sid = new_session(engine.client())
    calls, reply = _turn(engine, sid, "make it funnier")        # nothing uploaded yet
    assert calls == [] and "upload" in reply.lower() or "vine boom" in reply
    files = upload(engine.client(), sid, media["image"], media["clip"],
                   media["audio"]).json()["data"]["files"]
    image, clip, song = (f["hash"] for f in files)

    calls, reply = _turn(engine, sid, "put 'WHEN THE CODE COMPILES' on top")
    assert [c["name"] for c in calls] == ["add_media", "add_caption"]
    draft = _draft(engine, sid)
    assert [v["src"] for v in _segs(draft, 0)] == [clip]          # the most recent picture/clip
    assert _segs(draft, 7)[0]["txt"] == "WHEN THE CODE COMPILES"
    assert "dance.mp4" in reply and "Timeline (" not in reply     # short: the track view shows it

    calls, reply = _turn(engine, sid, "the image first for 1 second, then the clip, "
                                      "make it square and add a vine boom at 1s")
    # the clip already follows the picture once the picture moves first: no event for it
    assert [c["name"] for c in calls] == ["add_media", "set_canvas", "add_sound"]
    draft = _draft(engine, sid)
    assert [(v["src"], v["st"], v["d"]) for v in _segs(draft, 0)] == [(image, 0, 1000),
                                                                       (clip, 1000, 2000)]
    assert (draft["m"]["width"], draft["m"]["height"]) == (1080, 1080)
    assert _segs(draft, 7)[0]["d"] == 3000                       # the caption followed the video
    assert "vine boom at 1 s" in reply

    _turn(engine, sid, "背景音乐用我的歌，音量30%，原声静音")
    draft = _draft(engine, sid)
    songs = [s for s in _segs(draft, 1) if s["src"] == song]
    assert len(songs) == 1 and songs[0]["vol"] == 30 and songs[0]["d"] == 1000
    assert all(v["vol"] == 0 for v in _segs(draft, 0))

    before_undo = _draft(engine, sid)
    calls, reply = _turn(engine, sid, "deep fry it")
    assert all(v["fx"] == ["deepfry"] for v in _segs(_draft(engine, sid), 0))
    _turn(engine, sid, "undo")
    assert _draft(engine, sid) == before_undo

    job_id = f"render_agent_{time.time_ns()}"
    r = engine.client().post("/api/render/proxy/lambda", json={
        "id": job_id, "sessionId": sid, "draft": _draft(engine, sid),
        "output": {"format": "mp4", "quality": "preview"}})
    assert r.json()["success"] is True
    done = wait_job(engine.client(), job_id)
    assert done["status"] == "completed", done


def test_tricks_render(engine: EngineProcess, media: dict[str, Path]) -> None:
    sid = new_session(engine.client())
    upload(engine.client(), sid, media["clip"])
    _turn(engine, sid, "boomerang, then slow motion from 0.5 to 1 seconds, punch in at 3s, "
                       "black and white, add 'REWIND' at the bottom, record scratch at the end")
    draft = _draft(engine, sid)
    vids = _segs(draft, 0)
    assert len(vids) >= 3 and any(v["rev"] for v in vids) and any(v["sp"] == 0.5 for v in vids)
    assert all("grayscale" in v["fx"] for v in vids)
    job_id = f"render_tricks_{time.time_ns()}"
    engine.client().post("/api/render/proxy/lambda", json={
        "id": job_id, "sessionId": sid, "draft": draft,
        "output": {"format": "mp4", "quality": "preview"}})
    assert wait_job(engine.client(), job_id)["status"] == "completed"
