"""kill -9: ffmpeg does not outlive its engine; a damaged or lost database is noticed and said.

- A long render is running when the engine is killed: its ffmpeg must be gone at once (before,
  it rendered on for the rest of the job, ~15 s here, writing a file nobody owned).
- The engine is killed after real work, then ``engine.db`` is truncated, garbled or replaced by
  text. The next start must not print a traceback: it keeps the damaged file aside (renamed,
  byte for byte the same), starts a fresh database, says where the old one is (stderr and
  ``GET /api/sessions``), and works; the media files stay on disk.
- ``engine.db`` deleted while media remain: started fresh, and said.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.helpers.engine_proc import EngineProcess, start_engine
from tests.helpers.engine_watch import alive, ffmpeg_children, wait_gone
from tests.helpers.media import make_image
from tests.integration.test_engine_api import chat, new_session, state, upload

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")


def _kill(engine: EngineProcess) -> None:
    engine.proc.send_signal(signal.SIGKILL)
    engine.proc.wait(10)
    if engine.proc.stdout:
        engine.proc.stdout.close()


def test_ffmpeg_dies_with_a_killed_engine(tmp_path: Path) -> None:
    engine = start_engine(tmp_path / "engine")
    ffmpeg = 0
    try:
        client = engine.client()
        sid = new_session(client)
        long = {"v": 1, "m": {"title": "t", "width": 1080, "height": 1920, "fps": 30}, "t": [
            {"id": "x1", "tt": 7, "sg": [{"id": "c1", "st": 0, "d": 60_000, "txt": "LONG",
                                          "pos": "top"}]}]}
        r = client.post("/api/render/proxy/lambda", json={"id": "render_long", "sessionId": sid,
                                                           "draft": long,
                                                           "output": {"quality": "best"}})
        assert r.status_code == 200, r.text
        deadline = time.monotonic() + 60
        found: list[int] = []
        while not found and time.monotonic() < deadline:
            found = ffmpeg_children(engine.proc.pid)
            time.sleep(0.05)
        assert found, "the render never started ffmpeg"
        ffmpeg = found[0]
        time.sleep(0.5)  # well into the render
        assert alive(ffmpeg)
        _kill(engine)
        gone = wait_gone(ffmpeg, 3.0)
        assert gone, "ffmpeg kept rendering after its engine was killed"
    finally:
        if engine.proc.poll() is None:
            engine.stop()
        if ffmpeg and alive(ffmpeg):  # never leave a stray encoder behind
            os.kill(ffmpeg, signal.SIGKILL)
    # the job was interrupted, not lost: the next engine renders it again
    again = start_engine(tmp_path / "engine")
    try:
        job = again.client().get("/api/render/proxy/lambda/render_long").json()["data"]
        assert job["status"] in ("pending", "processing")
        again.client().post("/api/render/proxy/lambda/render_long/cancel")
    finally:
        again.stop()


def _work_then_crash(data_dir: Path, tmp: Path) -> tuple[str, Path]:
    """An engine makes a session with a picture and an edit, then is killed (kill -9).
    Returns the session and the stored media file."""
    engine = start_engine(data_dir)
    try:
        client = engine.client()
        sid = new_session(client)
        picture = make_image(tmp / "cat.png", size="64x48")
        asset = upload(client, sid, picture).json()["data"]["files"][0]["hash"]
        chat(client, sid, 'add "BEFORE THE CRASH" at the top')
        [stored] = (engine.data_dir / "media").rglob(f"{asset}.*")
    finally:
        _kill(engine)
    return sid, stored


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 3],
    "garbled header": lambda data: b"\x00garbled\xff" * 4 + data[40:],
    "text": lambda data: b"Dear diary, today the database became a text file.\n" * 20,
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_database_is_kept_aside_and_the_engine_starts_fresh(
        tmp_path: Path, kind: str) -> None:
    data_dir = tmp_path / "engine"
    sid, media = _work_then_crash(data_dir, tmp_path)
    db = data_dir / "engine.db"
    recovered = sqlite3.connect(db)  # SQLite recovers the killed engine's log into the file
    recovered.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    recovered.close()
    assert db.stat().st_size > 8192  # the sessions, the edit and the asset are in the file
    damaged = DAMAGE[kind](db.read_bytes())
    db.write_bytes(damaged)

    engine = start_engine(data_dir)
    try:
        err = engine.stderr()
        assert "Traceback" not in err
        [aside] = [p for p in data_dir.glob("engine.db.damaged-*")
                   if not p.name.endswith(("-wal", "-shm"))]
        assert aside.read_bytes() == damaged  # kept, byte for byte, never deleted
        assert f"kept as {aside}" in err and "damaged" in err
        client = engine.client()
        listed = client.get("/api/sessions").json()["data"]
        assert listed["sessions"] == []  # a fresh database ...
        assert any(str(aside) in notice for notice in listed["notices"])  # ... and said so
        assert media.is_file()  # the media stay on disk
        fresh = new_session(client)
        chat(client, fresh, 'add "AFTER" at the top')
        assert state(client, fresh)["state"]["draft"]["d"] > 0
        assert client.get(f"/api/state/nemo_agent/me/{sid}/latest").status_code == 404
    finally:
        engine.stop()
    again = start_engine(data_dir)  # the next start is clean and keeps the new work
    try:
        assert again.stderr().count("was damaged") == 1  # said once, at the start that saw it
        listed = again.client().get("/api/sessions").json()["data"]
        assert len(listed["sessions"]) == 1 and listed["notices"] == []
    finally:
        again.stop()


def test_a_deleted_database_with_media_left_is_noticed(tmp_path: Path) -> None:
    data_dir = tmp_path / "engine"
    _sid, media = _work_then_crash(data_dir, tmp_path)
    for name in ("engine.db", "engine.db-wal", "engine.db-shm"):
        (data_dir / name).unlink(missing_ok=True)
    engine = start_engine(data_dir)
    try:
        err = engine.stderr()
        assert "Traceback" not in err
        assert "missing or empty" in err and "1 media file" in err
        notices = engine.client().get("/api/sessions").json()["data"]["notices"]
        assert len(notices) == 1 and str(data_dir / "media") in notices[0]
        assert media.is_file()
    finally:
        engine.stop()
