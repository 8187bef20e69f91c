"""Importing media by link, through the protocol client, against the real engine."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.auth import StaticToken
from meme_desktop.api.client import NemoClient
from meme_desktop.api.policy import Policy
from meme_desktop.assistant.messages import Context, user_message
from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_image


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small web server on loopback holding one picture and one text file."""
    root = tmp_path_factory.mktemp("site")
    make_image(root / "doge.png", size="200x150")
    (root / "readme.txt").write_text("not a picture\n" * 10)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


async def _client(engine: EngineProcess, http: httpx.AsyncClient) -> tuple[NemoClient, str]:
    assert engine.token
    client = NemoClient(http, engine.base_url, StaticToken(engine.token), Policy.local())
    session = await client.create_session()
    return client, session.session_id


async def test_a_link_becomes_an_asset(site: str, tmp_path: Path) -> None:
    # the test knob lets this engine fetch from loopback, where the test's web server lives
    with running_engine(tmp_path / "engine", args=["--debug-allow-private-urls"]) as engine:
        async with httpx.AsyncClient(timeout=30) as http:
            client, sid = await _client(engine, http)
            result = await client.upload_urls(sid, [f"{site}/doge.png"])
            assert [(a.name, a.kind, a.width, a.height) for a in result.files] == [
                ("doge.png", "image", 200, 150)]
            state = await client.state(sid)
            assert [a.hash for a in state.assets] == [result.files[0].hash]
            with pytest.raises(e.UnsupportedFileError) as info:
                await client.upload_urls(sid, [f"{site}/readme.txt"])
            assert "readme.txt" in user_message(info.value, Context("local"))


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "http://10.0.0.1/x.png",
                                 "file:///etc/passwd", "ftp://example.com/x.png"])
async def test_local_private_and_odd_links_are_refused(url: str, tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine") as engine:
        async with httpx.AsyncClient(timeout=30) as http:
            client, sid = await _client(engine, http)
            with pytest.raises(e.ApiError) as info:
                await client.upload_urls(sid, [url])
            assert not isinstance(info.value, (e.ConnectionFailedError, e.ServerError)), info.value
            sentence = user_message(info.value, Context("local"))
            assert sentence.startswith("Cannot import ") and url.rsplit("/", 1)[-1] in sentence
            state = await client.state(sid)
            assert not state.assets
