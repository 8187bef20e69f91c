"""Render jobs write the file type they say: the extension (and so the download's content type
and file name) follows the *resolved* format, and live progress is reported as 0..100."""

from __future__ import annotations

import io
import time
from pathlib import Path

import av

from meme_desktop.engine.jobs import RenderQueue, output_ext
from meme_desktop.engine.store import Store
from tests.helpers.engine_proc import EngineProcess, engine_proc  # noqa: F401 (fixture)
from tests.helpers.media import make_image
from tests.integration.test_engine_api import new_session, upload, wait_job


def _caption_draft(seconds: float = 1.0, width: int = 320, height: int = 180) -> dict:
    return {"v": 1, "m": {"title": "t", "width": width, "height": height, "fps": 15,
                          "bg": "#204080"},
            "t": [{"id": "x1", "tt": 7, "n": "Captions", "sg": [
                {"id": "s1", "txt": "HI", "st": 0, "d": int(seconds * 1000)}]}]}


def test_output_ext_follows_the_preset_format() -> None:
    assert output_ext({"format": "mp4", "preset": "gif"}) == "gif"
    assert output_ext({"format": "gif"}) == "gif"
    assert output_ext({"format": "mp4", "preset": "square"}) == "mp4"
    assert output_ext({"format": "webm"}) == "mp4"  # refused by the render itself
    assert output_ext({"format": "mp4", "preset": "nope"}) == "mp4"


def test_gif_preset_with_mp4_format_is_stored_and_run_as_gif(tmp_path: Path) -> None:
    """The queue itself (not only the HTTP route) resolves the format: a stored job with
    ``preset: gif`` and ``format: mp4`` writes a real GIF named ``.gif``; progress is 0..100."""
    store = Store(tmp_path / "store")
    queue = RenderQueue(store)
    queue.start()
    try:
        session = store.create_session("me", "p", "en")
        store.add_job("j1", session.session_id, "me", _caption_draft(),
                      {"format": "mp4", "preset": "gif", "quality": "preview"})
        store.add_job("j2", session.session_id, "me", _caption_draft(4.0, 1280, 720),
                      {"format": "mp4", "quality": "best"})
        queue.submit("j1")
        queue.submit("j2")
        seen: list[float] = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            value = queue.progress("j2")
            if value is not None:
                seen.append(value)
            job = store.job("j2")
            if job is not None and job.status in ("completed", "failed"):
                break
            time.sleep(0.02)
        gif, mp4 = store.job("j1"), store.job("j2")
        assert gif is not None and gif.status == "completed", gif
        assert mp4 is not None and mp4.status == "completed", mp4
        path = Path(gif.path or "")
        assert path.suffix == ".gif" and path.read_bytes()[:6] == b"GIF89a"
        with av.open(str(path)) as c:
            assert c.format.name == "gif"
        assert Path(mp4.path or "").suffix == ".mp4"
        assert mp4.progress == 100.0
        assert all(0.0 <= v <= 100.0 for v in seen)
        assert max(seen, default=0.0) > 1.0, seen  # a percentage, not a fraction
    finally:
        queue.stop()
        store.close()


def test_gif_preset_download_is_a_gif(engine_proc: EngineProcess,  # noqa: F811
                                      tmp_path: Path) -> None:
    client = engine_proc.client()
    sid = new_session(client)
    image = make_image(tmp_path / "pic.png", size="160x120")
    asset = upload(client, sid, image).json()["data"]["files"][0]["hash"]
    raw = _caption_draft()
    raw["t"].insert(0, {"id": "v1", "tt": 0, "n": "Video", "sg": [
        {"id": "s0", "src": asset, "st": 0, "d": 1000, "fit": "cover"}]})
    job_id = f"render_{time.time_ns()}"
    r = client.post("/api/render/proxy/lambda", json={
        "id": job_id, "sessionId": sid, "draft": raw,
        "output": {"format": "mp4", "preset": "gif", "quality": "preview"}})
    assert r.status_code == 200, r.text
    done = wait_job(client, job_id)
    assert done["status"] == "completed", done
    out = client.get(done["outputUrl"])
    assert out.status_code == 200
    assert out.headers["content-type"] == "image/gif"
    assert f"{job_id}.gif" in out.headers["content-disposition"]
    assert out.content[:6] == b"GIF89a"
    with av.open(io.BytesIO(out.content)) as c:
        frame = next(c.decode(video=0))
        assert (frame.width, frame.height) == (320, 180)
