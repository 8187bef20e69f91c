"""Engine extensions of issue 15 over real loopback HTTP: a render job making several formats
(``output.formats``, each downloaded apart), media linked into another project without sending
the bytes again (``{"media": [...]}``), and the project row's ``media_own``."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import av
import httpx

from tests.helpers.engine_proc import (  # noqa: F401 (fixture)
    EngineProcess,
    engine_proc,
    running_engine,
)
from tests.helpers.media import make_image
from tests.integration.test_engine_api import new_session, upload, wait_job
from tests.integration.test_engine_curl import curl, curl_json


def _draft(asset: str) -> dict:
    return {"v": 1, "m": {"width": 160, "height": 120, "fps": 10}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": asset, "st": 0, "d": 1000}]},
        {"id": "x1", "tt": 7, "sg": [{"id": "s2", "txt": "HI", "st": 0, "d": 1000}]}]}


def _submit(c: httpx.Client, sid: str, job: str, output: object, draft: dict) -> httpx.Response:
    return c.post("/api/render/proxy/lambda",
                  json={"id": job, "sessionId": sid, "draft": draft, "output": output})


def _size(data: bytes) -> tuple[str, int, int]:
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        return container.format.name, stream.width, stream.height


def test_several_formats_from_one_job_each_downloaded(engine_proc: EngineProcess,  # noqa: F811
                                                      tmp_path: Path) -> None:
    c = engine_proc.client()
    sid = new_session(c)
    asset = upload(c, sid, make_image(tmp_path / "p.png", size="160x120")).json()["data"][
        "files"][0]["hash"]
    output = {"quality": "preview", "formats": [{"preset": "square"}, {"preset": "gif"},
                                                {"format": "mp4"}]}
    r = _submit(c, sid, "render_formats_1", output, _draft(asset))
    assert r.status_code == 200 and r.json()["data"]["status"] == "pending", r.text
    done = wait_job(c, "render_formats_1")
    assert done["status"] == "completed", done
    outputs = done["outputs"]
    assert [(o["index"], o["format"], o["preset"]) for o in outputs] == [
        (0, "mp4", "square"), (1, "gif", "gif"), (2, "mp4", None)]
    assert done["outputUrl"] == outputs[0]["url"]
    assert done["output"]["formats"][1] == {"format": "gif", "preset": "gif"}
    got = []
    for o in outputs:
        assert o["url"].endswith(f"/api/render/proxy/render_formats_1/download/{o['index']}")
        r = c.get(o["url"])
        assert r.status_code == 200
        got.append((r.headers["content-type"], _size(r.content)))
    assert got[0][0] == "video/mp4" and got[0][1][1] == got[0][1][2]  # square (preview: 540)
    assert got[1][0] == "image/gif" and got[1][1][0] == "gif"
    assert got[2][1][1:] == (160, 120)  # the draft's own canvas
    assert c.get("/api/render/proxy/render_formats_1/download").content == \
        c.get(outputs[0]["url"]).content
    assert c.get("/api/render/proxy/render_formats_1/download/3").status_code == 404
    assert c.get("/api/render/proxy/render_formats_1/download/x").status_code == 404
    folder = engine_proc.data_dir / "renders" / "multi" / "render_formats_1"
    assert sorted(p.name for p in folder.iterdir()) == ["0.mp4", "1.gif", "2.mp4"]
    # deleting the project removes every format's file and their folder
    assert c.delete(f"/api/sessions/{sid}").json()["data"]["renders_removed"] == 1
    assert not folder.exists()


def test_bad_formats_are_refused_with_the_place(engine_proc: EngineProcess,  # noqa: F811
                                                tmp_path: Path) -> None:
    c = engine_proc.client()
    sid = new_session(c)
    asset = upload(c, sid, make_image(tmp_path / "p.png", size="160x120")).json()["data"][
        "files"][0]["hash"]
    for n, (output, words) in enumerate([
            ({"formats": "square"}, "output.formats"),
            ({"formats": []}, "output.formats"),
            ({"formats": [{"preset": "square"}] * 9}, "1 to 8"),
            ({"formats": [{"preset": "square"}, {"preset": "tiny"}]}, "output.formats[1].preset"),
            ({"formats": [{"preset": "square"}, 3]}, "output.formats[1]"),
            ({"formats": [{"max_mb": -1}]}, "output.formats[0].max_mb"),
            ({"quality": "ultra", "formats": [{"preset": "square"}]}, "output.quality")]):
        r = _submit(c, sid, f"render_bad_{n}", output, _draft(asset))
        assert r.status_code == 400 and words in r.json()["message"], (output, r.text)


def test_media_are_linked_into_another_project(tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine", anonymous=True) as engine:
        c = engine.client()
        first, second = new_session(c), new_session(c)
        entry = upload(c, first, make_image(tmp_path / "cat.png")).json()["data"]["files"][0]
        r = c.post(f"/api/upload-video/nemo_agent/me/{second}",
                   json={"media": [{"hash": entry["hash"], "name": "../cat again.png"}]})
        assert r.status_code == 200, r.text
        linked = r.json()["data"]["files"][0]
        assert linked["hash"] == entry["hash"] and linked["filename"] == "cat again.png"
        assert linked["width"] == entry["width"] and linked["file_type"] == "image"
        infos = c.get(f"/api/state/nemo_agent/me/{second}/latest").json()["data"]["state"][
            "video_infos"]
        assert [i["hash"] for i in infos] == [entry["hash"]]
        rows = {row["session_id"]: row for row in c.get("/api/sessions").json()["data"][
            "sessions"]}
        assert rows[first]["media_own"] == 0 and rows[second]["media_own"] == 0  # shared
        assert c.post(f"/api/upload-video/nemo_agent/me/{second}",
                      json={"media": [{"hash": "0" * 64}]}).status_code == 404
        assert c.post(f"/api/upload-video/nemo_agent/me/{second}",
                      json={"media": "nope"}).status_code == 400
        # another user cannot link a file that is not theirs, even knowing its hash
        token = httpx.post(f"{engine.base_url}/api/auth/anonymous-token",
                           headers={"X-Client-Id": "someone-else"}).json()["data"]["token"]
        other = httpx.Client(base_url=engine.base_url,
                             headers={"Authorization": f"Bearer {token}"})
        theirs = new_session(other)
        r = other.post(f"/api/upload-video/nemo_agent/me/{theirs}",
                       json={"media": [{"hash": entry["hash"]}]})
        assert r.status_code == 404 and r.json()["code"] == 404
        c.delete(f"/api/sessions/{first}")
        rows = {row["session_id"]: row for row in c.get("/api/sessions").json()["data"][
            "sessions"]}
        assert rows[second]["media_own"] == 1  # now only this project uses it


def test_formats_and_media_link_with_curl(tmp_path: Path) -> None:
    """docs/protocol.md's curl examples: a job of three formats, each downloaded with curl,
    and a file linked into a second project by its hash."""
    with running_engine(tmp_path / "engine", token=None, anonymous=True) as engine:
        base = engine.base_url
        token = curl_json("-X", "POST", f"{base}/api/auth/anonymous-token",
                          "-H", "X-Client-Id: formats-by-curl")["data"]["token"]

        def session() -> str:
            return curl_json("-X", "POST", f"{base}/api/tasks/me/with-session/nemo_agent",
                             "-H", "Content-Type: application/json", "-d", "{}",
                             token=token)["data"]["session_id"]

        sid, sid2 = session(), session()
        image = make_image(tmp_path / "cat.png", size="160x120")
        h = curl_json("-X", "POST", f"{base}/api/upload-video/nemo_agent/me/{sid}",
                      "-F", f"files=@{image}", token=token)["data"]["files"][0]["hash"]
        body = {"id": "render_multi_1", "sessionId": sid, "draft": _draft(h),
                "output": {"quality": "preview", "formats": [
                    {"preset": "vertical"}, {"preset": "square"}, {"preset": "gif"}]}}
        submitted = curl_json("-X", "POST", f"{base}/api/render/proxy/lambda", "-H",
                              "Content-Type: application/json", "-d", json.dumps(body),
                              token=token)
        assert submitted["success"] is True
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status = curl_json(f"{base}/api/render/proxy/lambda/render_multi_1",
                               token=token)["data"]
            if status["status"] in ("completed", "failed"):
                break
            time.sleep(0.3)
        assert status["status"] == "completed", status
        names = ["meme-vertical.mp4", "meme-square.mp4", "meme.gif"]
        for n, name in enumerate(names):
            curl("-o", str(tmp_path / name), f"{base}/api/render/proxy/render_multi_1/download/"
                 f"{n}", token=token)
        shapes = [_size((tmp_path / name).read_bytes()) for name in names]
        assert shapes[0][1:] == (304, 540) and shapes[1][1:] == (540, 540)
        assert shapes[2][0] == "gif"
        linked = curl_json("-X", "POST", f"{base}/api/upload-video/nemo_agent/me/{sid2}",
                           "-H", "Content-Type: application/json", "-d", json.dumps(
                               {"media": [{"hash": h, "name": "cat.png"}],
                                "source_type": "media"}), token=token)
        assert linked["code"] == 0 and linked["data"]["files"][0]["filename"] == "cat.png"
