"""The engine process holds no PyAV, numpy or Qt: its media helper does that work, and is
stopped while an export encodes (issue 14, export memory; meme_desktop/engine/helper.py).

A real engine (``engine serve``) does real work: an upload probed and thumbnailed, a meme made
by the maker (captions laid out), a sound added, a preview and a 1080x1920 export rendered
(captions drawn). Afterwards the engine has mapped none of those libraries; while the export's
ffmpeg runs there is no helper, and it is back once the export is done. A killed engine takes
its helper with it.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.helpers.engine_proc import start_engine
from tests.helpers.engine_watch import (
    alive,
    ffmpeg_children,
    helper_children,
    mapped_libraries,
    wait_gone,
)
from tests.helpers.media import make_image
from tests.integration.test_engine_api import chat, new_session, state, upload, wait_job

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")

HEAVY = ("libQt6", "libavcodec", "libavformat", "_multiarray_umath", "QtGui")


def _wait_for(condition, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_the_engine_holds_no_media_libraries_and_pauses_its_helper_for_an_export(
        tmp_path: Path) -> None:
    engine = start_engine(tmp_path / "engine")
    try:
        client = engine.client()
        sid = new_session(client)
        image = make_image(tmp_path / "cat.png", "640x480")
        files = upload(client, sid, image).json()["data"]["files"]
        thumb = client.get(files[0]["thumbnail_url"])
        assert thumb.status_code == 200 and thumb.content.startswith(b"\x89PNG")
        chat(client, sid, "turn this into a meme about mondays")
        chat(client, sid, "add a vine boom at 1s")
        draft = state(client, sid)["state"]["draft"]
        assert any(seg.get("txt") for track in draft["t"] for seg in track["sg"])
        assert _wait_for(lambda: bool(helper_children(engine.proc.pid)))
        long = {**draft, "m": {**draft["m"], "width": 1080, "height": 1920}}
        for track in long["t"]:
            for seg in track["sg"]:
                seg["d"] = 12_000
        r = client.post("/api/render/proxy/lambda", json={
            "id": "render_export", "sessionId": sid, "draft": long,
            "output": {"quality": "fast", "preset": "vertical"}})
        assert r.status_code == 200, r.text
        assert _wait_for(lambda: bool(ffmpeg_children(engine.proc.pid)), 60)
        seen_encoding = 0
        while ffmpeg_children(engine.proc.pid):
            assert helper_children(engine.proc.pid) == [], "the helper ran during the encode"
            seen_encoding += 1
            time.sleep(0.05)
        assert seen_encoding >= 3
        job = wait_job(client, "render_export")
        assert job["status"] == "completed", job
        assert _wait_for(lambda: bool(helper_children(engine.proc.pid))), "not started again"
        loaded = mapped_libraries(engine.proc.pid)
        assert not [name for name in loaded if name.startswith(HEAVY)], sorted(loaded)
    finally:
        engine.stop()


def test_a_killed_engine_takes_its_helper_with_it(tmp_path: Path) -> None:
    engine = start_engine(tmp_path / "engine")
    helpers: list[int] = []
    try:
        assert _wait_for(lambda: bool(helper_children(engine.proc.pid)))
        helpers = helper_children(engine.proc.pid)
        engine.proc.send_signal(signal.SIGKILL)
        engine.proc.wait(10)
        assert wait_gone(helpers[0], 5.0), "the helper outlived its engine"
    finally:
        if engine.proc.poll() is None:
            engine.stop()
        for pid in helpers:
            if alive(pid):
                import os

                os.kill(pid, signal.SIGKILL)
