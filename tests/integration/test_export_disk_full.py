"""A disk that fills up during an export is said in one sentence, at once, and loses nothing.

Where the engine keeps its files: the render job fails with its code (``errorCode`` 5007,
HTTP-level the same as an upload onto a full disk), the client raises ``DiskFullError`` without
rendering everything a second time, and the app says "no free space left" instead of "The
export failed twice". Where the person saves the video: a full folder is refused before
anything is rendered, and a download that fills it says there is not enough space there
instead of "Cannot write the video there"."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
import pytest

from meme_desktop.api import errors as e
from meme_desktop.api import render as api_render
from meme_desktop.api.auth import StaticToken
from meme_desktop.api.client import NemoClient
from meme_desktop.api.policy import Policy
from meme_desktop.api.render import RenderJob
from meme_desktop.assistant.messages import Context, user_message
from meme_desktop.config import ffmpeg_exe
from meme_desktop.engine.errors import DISK_FULL_SENTENCE
from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.small_disk import fill, small_disk
from tests.integration.test_engine_api import new_session

OUTPUT = {"format": "mp4", "quality": "high", "preset": "vertical"}


def _noise_clip(path: Path, seconds: float = 3.0) -> Path:
    """Moving noise: at 1080x1920 it makes megabytes a second, whatever the encoder does."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"color=size=320x180:rate=25:duration={seconds},noise=alls=100:allf=t+u",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                    str(path)], check=True)
    return path


def _draft(asset_hash: str, seconds: float = 3.0) -> dict:
    return {"v": 1, "m": {"title": "t", "width": 1080, "height": 1920, "fps": 25,
                          "bg": "#000000"},
            "t": [{"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": asset_hash, "st": 0,
                                                 "d": int(seconds * 1000)}]}]}


def _upload(engine: EngineProcess, clip: Path) -> tuple[str, str]:
    with engine.client() as http:
        sid = new_session(http)
        r = http.post(f"/api/upload-video/nemo_agent/me/{sid}",
                      files=[("files", (clip.name, clip.read_bytes()))])
        assert r.status_code == 200, r.text
        return sid, r.json()["data"]["files"][0]["hash"]


async def _export(engine: EngineProcess, sid: str, draft: dict, dest: Path,
                  submitted: list[str]) -> Path:
    async with httpx.AsyncClient() as http:
        client = NemoClient(http, engine.base_url, StaticToken(engine.token or ""),
                            Policy.local())
        job = RenderJob(client, sid, draft, OUTPUT, dest, on_submitted=submitted.append)
        return await job.run()


async def test_a_render_that_fills_the_engines_disk_fails_once_with_its_own_sentence(
        tmp_path: Path) -> None:
    clip = _noise_clip(tmp_path / "noise.mp4")
    with small_disk(tmp_path / "disk", "24m") as disk, \
            running_engine(disk / "engine") as engine:
        sid, asset = _upload(engine, clip)
        fill(disk, 400_000)  # the engine's database and the upload fit; the render does not
        submitted: list[str] = []
        with pytest.raises(e.DiskFullError) as caught:
            await _export(engine, sid, _draft(asset), tmp_path / "meme.mp4", submitted)
        assert len(submitted) == 1  # not rendered a second time: a full disk stays full
        ctx = Context(backend="local")
        assert user_message(caught.value, ctx) == DISK_FULL_SENTENCE
        with engine.client() as http:
            status = http.get(f"/api/render/proxy/lambda/{submitted[0]}").json()["data"]
            assert status["status"] == "failed" and status["errorCode"] == 5007
            assert status["error"] == DISK_FULL_SENTENCE
            assert http.get("/health").status_code == 200  # the engine goes on
        leftovers = [p.name for p in (disk / "engine" / "renders").rglob("*") if p.is_file()]
        assert leftovers == []  # nothing partial holds the little space there is
        assert not (tmp_path / "meme.mp4").exists()


async def test_a_full_save_folder_is_refused_before_rendering(tmp_path: Path) -> None:
    clip = _noise_clip(tmp_path / "noise.mp4", 1.0)
    with running_engine(tmp_path / "engine") as engine_proc, \
            small_disk(tmp_path / "usb", "1m") as usb:
        sid, asset = _upload(engine_proc, clip)
        fill(usb, 16_000)
        submitted: list[str] = []
        with pytest.raises(e.DestinationFullError) as caught:
            await _export(engine_proc, sid, _draft(asset, 1.0), usb / "meme.mp4", submitted)
        assert submitted == []  # said before a second of rendering
        assert user_message(caught.value) == ("There is not enough free space on that disk "
                                              "for the video. Free some space or choose "
                                              "another folder.")
        assert user_message(caught.value, Context(language="zh")).startswith("那个磁盘上没有")


async def test_a_download_that_fills_the_save_folder_says_so_and_leaves_nothing(
        tmp_path: Path) -> None:
    clip = _noise_clip(tmp_path / "noise.mp4")
    with running_engine(tmp_path / "engine") as engine_proc, \
            small_disk(tmp_path / "usb", "1m") as usb:
        sid, asset = _upload(engine_proc, clip)
        fill(usb, 200_000)  # more than "full", less than the video
        submitted: list[str] = []
        with pytest.raises(e.DestinationFullError):
            await _export(engine_proc, sid, _draft(asset), usb / "meme.mp4", submitted)
        assert len(submitted) == 1
        assert sorted(p.name for p in usb.iterdir()) == ["filler.bin"]  # no partial file


def test_the_status_of_a_failed_render_keeps_its_code() -> None:
    from meme_desktop.api.models import RenderStatus

    body = {"data": {"id": "r", "status": "failed", "error": "x", "errorCode": 5007}}
    status = RenderStatus.parse(body)
    assert status.error_code == 5007
    assert isinstance(e.failed_render_error(status.error, status.error_code, "r"),
                      e.DiskFullError)
    plain = RenderStatus.parse({"data": {"status": "failed", "errorCode": True}})
    assert plain.error_code is None
    assert isinstance(e.failed_render_error("x", None, "r"), e.RenderFailedError)
    assert isinstance(e.failed_render_error("x", 5001, "r"), e.RenderFailedError)
    assert isinstance(e.failed_render_error("x", 9999, "r"), e.RenderFailedError)
    assert api_render.FULL_BELOW == 64 * 1024
