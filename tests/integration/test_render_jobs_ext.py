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


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _settled(queue: RenderQueue, store: Store, job_id: str, statuses: tuple[str, ...],
             timeout: float = 60) -> None:
    """Wait until the job has one of ``statuses`` and its worker let go of it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = store.job(job_id)
        if job is not None and job.status in statuses and queue.progress(job_id) is None:
            time.sleep(0.2)  # the worker's last lines after the status change
            return
        time.sleep(0.02)
    raise AssertionError(f"{job_id} is {store.job(job_id)}")


def test_cancelled_and_failed_renders_leave_nothing_behind(tmp_path: Path) -> None:
    """A cancelled or failed render (one format or several, which get a folder of their own)
    leaves no folder and no partial file in the engine's data folder; the finished renders
    beside them stay."""
    store = Store(tmp_path / "store")
    queue = RenderQueue(store)
    queue.start()
    renders = store.root / "renders"
    kept = [renders / "render_old.mp4", renders / "multi" / "render_old" / "0.mp4"]
    for path in kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"a finished render")
    before = _tree(renders)
    formats = {"quality": "high", "formats": [{"format": "mp4", "preset": "square"},
                                              {"format": "gif", "preset": "gif"}]}
    try:
        sid = store.create_session("me", "p", "en").session_id
        for job_id, output in (("cut_many", formats),
                               ("cut_one", {"format": "mp4", "quality": "high"})):
            store.add_job(job_id, sid, "me", _caption_draft(30.0, 1280, 720), output)
            queue.submit(job_id)
            deadline = time.monotonic() + 60
            while (queue.progress(job_id) or 0.0) <= 0.0 and time.monotonic() < deadline:
                time.sleep(0.02)  # ffmpeg is writing
            assert queue.cancel(job_id)
            _settled(queue, store, job_id, ("cancelled",))
            assert _tree(renders) == before, job_id
        missing = _caption_draft()
        missing["t"].insert(0, {"id": "v1", "tt": 0, "sg": [
            {"id": "s0", "src": "0" * 64, "st": 0, "d": 1000}]})
        for job_id, output in (("bad_many", formats),
                               ("bad_one", {"format": "mp4", "quality": "preview"})):
            store.add_job(job_id, sid, "me", missing, output)
            queue.submit(job_id)
            _settled(queue, store, job_id, ("failed",))
            assert _tree(renders) == before, job_id
        assert all(p.read_bytes() == b"a finished render" for p in kept)
    finally:
        queue.stop()
        store.close()
