"""Media that lies, over real HTTP: used at the length that really decodes (and said so), odd
but sound files accepted, really broken ones refused for the right reason.

The corpus is made by ffmpeg in the test (tests/helpers/lying_media.py). Before the fix, the
cut MP4, the cut MP3 and the "one hour" MKV were accepted at their claimed lengths (a one-hour
timeline whose render froze on the last frame), the motion photo, the PNG and GIF with bytes
after their end and FLAC inside a .wav were refused as "incomplete or damaged", and so was a
WAV in a codec nobody decodes (an AVI with an unknown video codec even answered 500).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import av
import httpx
import pytest

from tests.helpers import lying_media as lm
from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.integration.test_engine_api import chat, new_session, state, upload, wait_job


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine")) as eng:
        yield eng


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("lying")
    work = d / "work"
    work.mkdir()
    return {
        "cut.mp4": lm.truncated_mp4(d / "cut.mp4", work),
        "cut.mp3": lm.truncated_mp3(d / "cut.mp3", work),
        "hour.mkv": lm.hour_mkv(d / "hour.mkv", work),
        "motion.jpg": lm.motion_photo(d / "motion.jpg", work),
        "tail.png": lm.png_with_tail(d / "tail.png", work),
        "tail.gif": lm.gif_with_tail(d / "tail.gif", work),
        "riff-flac.wav": lm.flac_in_riff(d / "riff-flac.wav"),
        "bare-flac.wav": lm.bare_flac_as_wav(d / "bare-flac.wav", work),
        "half.jpg": lm.cut_jpeg(d / "half.jpg", work),
        "half.png": lm.cut_png(d / "half.png", work),
        "odd.wav": lm.unknown_codec_wav(d / "odd.wav"),
        "odd.avi": lm.unknown_fourcc_avi(d / "odd.avi", work),
    }


def _one(client: httpx.Client, sid: str, path: Path) -> httpx.Response:
    return upload(client, sid, path)


def _render(client: httpx.Client, sid: str, job_id: str, tmp: Path) -> Path:
    r = client.post("/api/render/proxy/lambda", json={"id": job_id, "sessionId": sid,
                                                       "output": {"quality": "preview"}})
    assert r.status_code == 200, r.text
    done = wait_job(client, job_id)
    assert done["status"] == "completed", done
    out = tmp / f"{job_id}.mp4"
    out.write_bytes(client.get(f"/api/render/proxy/{job_id}/download").content)
    return out


def _length(path: Path) -> float:
    with av.open(str(path)) as c:
        return float(c.duration or 0) / av.time_base


@pytest.mark.parametrize(("name", "real", "claimed"), [
    ("cut.mp4", 2.0, 4.0), ("cut.mp3", 1.33, 4.0), ("hour.mkv", 1.0, 3600.0)])
def test_media_shorter_than_its_header_is_used_at_its_real_length(
        engine: EngineProcess, corpus: dict[str, Path], name: str, real: float,
        claimed: float) -> None:
    client = engine.client()
    sid = new_session(client)
    r = _one(client, sid, corpus[name])
    assert r.status_code == 200 and r.json()["code"] == 0, r.text
    [entry] = r.json()["data"]["files"]
    assert entry["duration"] == pytest.approx(real, abs=0.25), entry
    assert entry["claimed_duration"] == pytest.approx(claimed, abs=0.1), entry
    notice = entry["notice"]
    assert name in notice and "incomplete" in notice and "Traceback" not in notice
    listed = state(client, sid)["state"]["video_infos"]
    assert listed[0]["duration"] == entry["duration"] and listed[0]["notice"] == notice


def test_a_one_hour_header_over_one_second_makes_a_one_second_meme(
        engine: EngineProcess, corpus: dict[str, Path], tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    assert _one(client, sid, corpus["hour.mkv"]).json()["code"] == 0
    chat(client, sid, "use the clip")
    draft = state(client, sid)["state"]["draft"]
    assert 900 <= draft["d"] <= 1100, json.dumps(draft)  # not 3,600,000 ms
    out = _render(client, sid, "render_hour_mkv", tmp_path)
    assert _length(out) == pytest.approx(1.0, abs=0.15)


def test_a_cut_mp4_renders_without_a_frozen_tail(engine: EngineProcess,
                                                 corpus: dict[str, Path],
                                                 tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    assert _one(client, sid, corpus["cut.mp4"]).json()["code"] == 0
    chat(client, sid, "use the clip")
    assert state(client, sid)["state"]["draft"]["d"] <= 2300
    out = _render(client, sid, "render_cut_mp4", tmp_path)
    assert _length(out) == pytest.approx(2.0, abs=0.3)


@pytest.mark.parametrize(("name", "kind"), [
    ("motion.jpg", "image"), ("tail.png", "image"), ("tail.gif", "video"),
    ("riff-flac.wav", "audio"), ("bare-flac.wav", "audio")])
def test_odd_but_sound_files_are_accepted(engine: EngineProcess, corpus: dict[str, Path],
                                          name: str, kind: str) -> None:
    client = engine.client()
    sid = new_session(client)
    r = _one(client, sid, corpus[name])
    assert r.status_code == 200 and r.json()["code"] == 0, r.text
    [entry] = r.json()["data"]["files"]
    assert entry["file_type"] == kind and "notice" not in entry
    if kind == "audio":
        assert entry["duration"] == pytest.approx(2.0, abs=0.1)
    thumb = client.get(f"/media/{entry['hash']}/thumbnail?size=64")
    assert thumb.status_code == 200 and thumb.content[:4] == b"\x89PNG"


def test_motion_photo_and_flac_wav_render(engine: EngineProcess, corpus: dict[str, Path],
                                          tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    files = upload(client, sid, corpus["motion.jpg"], corpus["riff-flac.wav"]).json()
    assert files["code"] == 0, files
    photo, sound = (f["hash"] for f in files["data"]["files"])
    draft = {"v": 1, "m": {"title": "t", "width": 160, "height": 120, "fps": 15}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": photo, "st": 0, "d": 1500}]},
        {"id": "a1", "tt": 1, "sg": [{"id": "s2", "src": sound, "st": 0, "d": 1500}]}]}
    r = client.post("/api/render/proxy/lambda", json={"id": "render_motion", "sessionId": sid,
                                                       "draft": draft,
                                                       "output": {"quality": "preview"}})
    assert r.status_code == 200, r.text
    assert wait_job(client, "render_motion")["status"] == "completed"
    out = tmp_path / "motion.mp4"
    out.write_bytes(client.get("/api/render/proxy/render_motion/download").content)
    with av.open(str(out)) as c:
        assert c.streams.video[0].codec_context.width == 160
        loud = max(float(abs(f.to_ndarray()).max()) for f in c.decode(audio=0))
    assert loud > 0.05  # the FLAC sound is really in the mix
    assert _length(out) == pytest.approx(1.5, abs=0.15)


@pytest.mark.parametrize("name", ["half.jpg", "half.png"])
def test_really_cut_pictures_are_refused_as_incomplete(engine: EngineProcess,
                                                       corpus: dict[str, Path],
                                                       name: str) -> None:
    client = engine.client()
    sid = new_session(client)
    r = _one(client, sid, corpus[name])
    body = r.json()
    assert r.status_code == 400 and body["code"] == 4003, body
    assert name in body["message"] and "incomplete" in body["message"]
    assert engine.proc.poll() is None


@pytest.mark.parametrize(("name", "what"), [("odd.wav", "sound"), ("odd.avi", "picture")])
def test_a_codec_nobody_decodes_is_named_as_such(engine: EngineProcess, corpus: dict[str, Path],
                                                 name: str, what: str) -> None:
    """Not "incomplete or damaged" (the file is whole) and never a 500: the right reason."""
    client = engine.client()
    sid = new_session(client)
    r = _one(client, sid, corpus[name])
    body = r.json()
    assert r.status_code == 400 and body["code"] == 4001, body
    assert f"kind of {what} this app cannot decode" in body["message"], body["message"]
    assert "incomplete" not in body["message"]
