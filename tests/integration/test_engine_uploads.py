"""Uploads and URL import against the real engine: types by content, the 200 MB cap while
streaming, hostile names, broken multipart bodies, and URLs the engine must refuse."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_clip, make_image, truncate
from tests.integration.test_engine_api import new_session, upload


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine"),
                        args=["--debug-allow-private-urls"]) as eng:
        yield eng


@pytest.fixture(scope="module")
def strict_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    """Without the test knob: the real URL policy."""
    with running_engine(tmp_path_factory.mktemp("strict")) as eng:
        yield eng


def _tmp_empty(engine: EngineProcess) -> bool:
    return not any((engine.data_dir / "tmp").iterdir())


def test_unsupported_files_are_refused_with_the_accepted_list(engine: EngineProcess,
                                                              tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    fake = tmp_path / "fake.mp4"
    fake.write_text("this is only text pretending to be a video\n" * 20)
    for path in (notes, fake):
        r = upload(client, sid, path)
        body = r.json()
        assert r.status_code == 400 and body["code"] == 4001, body
        assert path.name in body["message"] and "mp4" in body["message"] and "png" in body["message"]
        assert body["data"]["files"] == []
    broken = truncate(make_clip(tmp_path / "full.mp4", seconds=2), tmp_path / "broken.mp4", 0.4)
    r = upload(client, sid, broken)
    assert r.json()["code"] not in (0, 4001) and "broken.mp4" in r.json()["message"]
    st = client.get(f"/api/state/nemo_agent/me/{sid}/latest").json()["data"]["state"]
    assert st["video_infos"] == []
    assert _tmp_empty(engine)


def test_type_is_decided_by_content(engine: EngineProcess, tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    png_as_jpg = make_image(tmp_path / "real.png", size="64x48")
    renamed = tmp_path / "photo.mp4"
    renamed.write_bytes(png_as_jpg.read_bytes())
    r = upload(client, sid, renamed)
    assert r.json()["code"] == 0, r.text
    info = r.json()["data"]["files"][0]
    assert info["file_type"] == "image" and (info["width"], info["height"]) == (64, 48)
    stored = list((engine.data_dir / "media").rglob(f"{info['hash']}.*"))
    assert [p.suffix for p in stored] == [".png"]


def test_hostile_file_name_stays_inside_the_store(engine: EngineProcess, tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    clip = make_clip(tmp_path / "c.mp4", seconds=1)
    r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                    files=[("files", ("../../x.mp4", clip.read_bytes())),
                           ("files", ("..\\..\\..\\evil\x00.mp4", clip.read_bytes()))])
    assert r.json()["code"] == 0, r.text
    names = [f["filename"] for f in r.json()["data"]["files"]]
    assert names[0] == "x.mp4" and "/" not in names[1] and "\\" not in names[1]
    root = engine.data_dir
    for folder in (root.parent, root.parent.parent, root):
        assert not (folder / "x.mp4").exists()
    media_files = [p for p in (root / "media").rglob("*") if p.is_file()]
    assert all(p.stem == r.json()["data"]["files"][0]["hash"] or len(p.stem) == 64
               for p in media_files)
    assert _tmp_empty(engine)


def test_201_mb_upload_is_refused_while_streaming(engine: EngineProcess) -> None:
    client = engine.client()
    sid = new_session(client)
    boundary = "zeroboundary"
    size = 201 * 1024 * 1024
    chunk = bytes(1024 * 1024)

    def body() -> Iterator[bytes]:
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
               f"filename=\"big.mp4\"\r\nContent-Type: video/mp4\r\n\r\n").encode()
        for _ in range(size // len(chunk)):
            yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post(f"/api/upload-video/nemo_agent/me/{sid}", content=body(),
                    headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert r.status_code == 413 and r.json()["code"] == 4002, r.text
    assert "big.mp4" in r.json()["message"] and "200 MB" in r.json()["message"]
    assert _tmp_empty(engine)
    assert not [p for p in (engine.data_dir / "media").rglob("*") if p.is_file()
                and p.stat().st_size > 100 * 1024 * 1024]
    status = Path(f"/proc/{engine.proc.pid}/status").read_text()
    peak_kb = int(next(ln for ln in status.splitlines() if ln.startswith("VmHWM")).split()[1])
    assert peak_kb < 400 * 1024, f"engine peaked at {peak_kb // 1024} MB"


def test_truncated_multipart_body_is_a_bad_request(engine: EngineProcess, tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    data = make_image(tmp_path / "a.png", size="32x32").read_bytes()
    raw = (b"--bnd\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\n"
           b"Content-Type: image/png\r\n\r\n" + data)  # no closing boundary
    r = client.post(f"/api/upload-video/nemo_agent/me/{sid}", content=raw,
                    headers={"Content-Type": "multipart/form-data; boundary=bnd"})
    assert r.status_code == 400 and r.json()["code"] == 400
    assert "incomplete" in r.json()["message"]
    assert _tmp_empty(engine)
    no_boundary = client.post(f"/api/upload-video/nemo_agent/me/{sid}", content=b"x",
                              headers={"Content-Type": "multipart/form-data"})
    assert no_boundary.status_code == 400


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/clip.mp4", "http://10.0.0.1/clip.mp4", "http://localhost/clip.mp4",
    "http://[::1]/x.mp4", "http://169.254.169.254/latest", "http://224.0.0.1/x.mp4",
    "file:///etc/passwd", "ftp://example.com/x.mp4", "http://[::ffff:10.0.0.1]/x.png",
])
def test_url_import_refuses_local_and_private_addresses(strict_engine: EngineProcess,
                                                        url: str) -> None:
    client = strict_engine.client(timeout=20)
    sid = new_session(client)
    r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                    json={"urls": [url], "source_type": "url"})
    assert r.status_code == 400 and r.json()["code"] == 400, r.text
    assert "Cannot import" in r.json()["message"]
    assert "not allowed" in r.json()["message"] or "only http" in r.json()["message"]


class _Files(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_url_import_downloads_and_probes(engine: EngineProcess, tmp_path: Path) -> None:
    make_clip(tmp_path / "remote.mp4", seconds=1)
    (tmp_path / "notmedia.png").write_text("<html>nope</html>")
    handler = lambda *a, **k: _Files(*a, directory=str(tmp_path), **k)  # noqa: E731
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        client = engine.client()
        sid = new_session(client)
        r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                        json={"urls": [f"{base}/remote.mp4"], "source_type": "url"})
        assert r.json()["code"] == 0, r.text
        f = r.json()["data"]["files"][0]
        assert f["filename"] == "remote.mp4" and f["file_type"] == "video"
        assert httpx.get(f["cdn_url"], headers=engine.headers).content == \
            (tmp_path / "remote.mp4").read_bytes()
        bad = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                          json={"urls": [f"{base}/notmedia.png"], "source_type": "url"})
        assert bad.json()["code"] == 4001
        missing = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                              json={"urls": [f"{base}/nothing.mp4"]})
        assert missing.status_code == 400 and "did not return" in missing.json()["message"]
    finally:
        httpd.shutdown()
