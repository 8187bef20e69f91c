"""Fault cases over real loopback HTTP against the fake hosted backend: broken and slow
streams, both event and render shapes, failed renders, slow downloads, cancel; and no token in
any log line, exception or repr during a full run."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import httpx
import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.api.render import RenderJob
from meme_desktop.api.sse import Heartbeat, TextChunk, ToolCall, ToolResult
from meme_desktop.assistant import Assistant, Timing
from meme_desktop.assistant.events import ErrorEvent, ExportOptions, Notice, TextDelta
from meme_desktop.assistant.messages import user_message
from tests.helpers.fake_cloud import (
    VIDEO,
    FakeCloud,
    FakeCloudServer,
    RecordingSleep,
    fast_policy,
)

pytestmark = pytest.mark.usefixtures("no_token_in_logs")


async def _turn(client: NemoClient, sid: str, text: str = "put hi on top") -> list[object]:
    return [ev async for ev in client.run_sse(sid, text)]


async def test_typed_stream_hides_nothing_and_ignores_unknown(cloud: FakeCloud,
                                                              client: NemoClient) -> None:
    sid = (await client.create_session()).session_id
    events = await _turn(client, sid)
    kinds = [type(ev) for ev in events]
    assert kinds.count(ToolCall) == 1 and kinds.count(ToolResult) == 1
    assert kinds.count(Heartbeat) == 3  # the three empty data: lines; comments are not events
    text = "".join(ev.text for ev in events if isinstance(ev, TextChunk))
    assert text == "Added the caption. Click Export to download it."


async def test_adk_stream_text_is_not_doubled(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.sse_mode = "adk"
    sid = (await client.create_session()).session_id
    events = await _turn(client, sid)
    text = "".join(ev.text for ev in events if isinstance(ev, TextChunk))
    assert text == "Added the caption."
    assert any(isinstance(ev, ToolCall) and ev.name == "noop" for ev in events)


async def test_stream_dropped_mid_turn_is_an_interruption(cloud: FakeCloud,
                                                          client: NemoClient) -> None:
    cloud.sse_mode = "drop"
    sid = (await client.create_session()).session_id
    seen: list[object] = []
    with pytest.raises(e.StreamInterruptedError) as info:
        async for ev in client.run_sse(sid, "x"):
            seen.append(ev)
    assert any(isinstance(ev, ToolCall) for ev in seen)  # what came before the drop was given
    assert "connection dropped" in user_message(info.value)


async def test_a_message_to_a_service_that_is_gone_says_so_at_once() -> None:
    """No connection at all: the message never left, so there is nothing to check for minutes
    ("checking what was done…"); one sentence says the service cannot be reached."""
    server, sleep = FakeCloudServer(), RecordingSleep()
    cloud = server.__enter__()
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url),
                                fast_policy(sleep))
            assistant = Assistant(client, "cloud", timing=Timing())  # the real 30 s, 60 s
            await assistant.connect()
            server.__exit__(None, None, None)  # the service goes away
            events = [ev async for ev in assistant.send("put hi on top")]
    finally:
        server.__exit__(None, None, None)
    errors = [ev.message for ev in events if isinstance(ev, ErrorEvent)]
    assert len(errors) == 1 and errors[0].startswith("Cannot reach the NemoVideo service")
    assert not [ev for ev in events if isinstance(ev, Notice) and "dropped" in ev.text]
    assert all(wait < 1 for wait in sleep.waits)  # no wait for a recovery


async def test_the_client_tells_whether_the_service_could_be_reached() -> None:
    """Every request tells ``on_reachable``: None when the service answered (an error answer
    too), the typed error when it could not be reached (REST calls and chat turns alike)."""
    server = FakeCloudServer()
    cloud = server.__enter__()
    seen: list[e.ConnectionFailedError | None] = []
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url),
                                fast_policy(transient_retries=0), on_reachable=seen.append)
            sid = (await client.create_session()).session_id
            cloud.script("state", 1002)
            with pytest.raises(e.SessionNotFoundError):
                await client.state(sid)
            assert seen and all(s is None for s in seen)  # answered, even with an error
            server.down()
            for call in (client.credits(), _turn(client, sid)):
                seen.clear()
                with pytest.raises(e.ConnectionFailedError):
                    await call
                assert seen and isinstance(seen[-1], e.ConnectionFailedError), seen
                assert not seen[-1].sent
            server.up()
            seen.clear()
            await _turn(client, sid)
            assert seen == [None]
    finally:
        server.__exit__(None, None, None)


async def test_heartbeats_only_time_out(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.sse_mode = "heartbeats"
    client.policy.sse_idle_limit = 0.4
    sid = (await client.create_session()).session_id
    beats = 0
    with pytest.raises(e.StreamTimeoutError) as info:
        async for ev in client.run_sse(sid, "x"):
            beats += isinstance(ev, Heartbeat)
    assert info.value.heartbeats_only and beats >= 3


async def test_total_limit_ends_a_turn(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.sse_mode = "heartbeats"
    client.policy.sse_idle_limit, client.policy.sse_total_limit = 5.0, 0.3
    sid = (await client.create_session()).session_id
    with pytest.raises(e.StreamTimeoutError) as info:
        await _turn(client, sid)
    assert not info.value.heartbeats_only


async def test_error_event_in_stream_is_typed(cloud: FakeCloud, client: NemoClient) -> None:
    cloud.sse_mode = "busy_error"
    sid = (await client.create_session()).session_id
    with pytest.raises(e.SessionBusyError):
        await _turn(client, sid)


async def test_1001_before_a_turn_renews_and_the_turn_runs(cloud: FakeCloud,
                                                           client: NemoClient) -> None:
    sid = (await client.create_session()).session_id
    cloud.script("sse", 1001, 401)
    events = await _turn(client, sid)
    assert any(isinstance(ev, TextChunk) for ev in events)
    assert len(cloud.client_ids) == 2


async def _render(cloud: FakeCloud, client: NemoClient, dest: Path,
                  progress: list[float] | None = None) -> RenderJob:
    sid = (await client.create_session()).session_id
    draft = {"v": 1, "d": 1000, "m": {}, "t": [{"id": "x1", "tt": 7, "sg": [
        {"id": "s1", "txt": "HI", "st": 0, "d": 1000}]}]}
    return RenderJob(client, sid, draft, {"format": "mp4", "quality": "high"}, dest,
                     progress.append if progress is not None else None)


@pytest.mark.parametrize("old_shape", [False, True])
async def test_render_polls_and_downloads_both_shapes(cloud: FakeCloud, client: NemoClient,
                                                      tmp_path: Path, old_shape: bool) -> None:
    cloud.old_shape = old_shape
    progress: list[float] = []
    job = await _render(cloud, client, tmp_path / "out.mp4", progress)
    path = await job.run()
    assert path.read_bytes() == VIDEO
    assert progress[-1] == 1.0 and progress == sorted(progress)
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left
    body = cloud.jobs[job.job_id]["body"]
    assert body["id"].startswith("render_") and body["sessionId"] and body["draft"]["t"]


async def test_failed_render_is_retried_once_with_a_new_id(cloud: FakeCloud, client: NemoClient,
                                                           tmp_path: Path) -> None:
    cloud.fail_renders = 1
    job = await _render(cloud, client, tmp_path / "out.mp4")
    await job.run()
    assert len(cloud.jobs) == 2 and job.job_id == list(cloud.jobs)[-1]
    cloud.fail_renders = 2
    job = await _render(cloud, client, tmp_path / "again.mp4")
    with pytest.raises(e.RenderFailedError) as info:
        await job.run()
    assert "failed twice" in user_message(info.value)
    assert not (tmp_path / "again.mp4").exists()


async def test_export_blocked_402_is_not_retried(cloud: FakeCloud, client: NemoClient,
                                                 tmp_path: Path) -> None:
    job = await _render(cloud, client, tmp_path / "out.mp4")
    cloud.script("render", status=402)
    with pytest.raises(e.ExportBlockedError) as info:
        await job.run()
    assert user_message(info.value) == "Register or upgrade your plan to unlock export."
    assert cloud.jobs == {}


async def test_slow_download_reports_progress_and_can_be_cancelled(
        cloud: FakeCloud, client: NemoClient, tmp_path: Path) -> None:
    cloud.slow_download = 0.15
    progress: list[float] = []
    job = await _render(cloud, client, tmp_path / "out.mp4", progress)
    task = asyncio.ensure_future(job.run())
    while not progress or progress[-1] < 0.96:
        await asyncio.sleep(0.02)
    await job.cancel()
    with pytest.raises(e.RenderCancelledError):
        await task
    assert list(tmp_path.iterdir()) == []  # the partial download was removed
    assert cloud.jobs[job.job_id]["cancelled"]


async def test_download_that_breaks_is_retried(cloud: FakeCloud, client: NemoClient,
                                               tmp_path: Path) -> None:
    cloud.script("download", status=503)
    job = await _render(cloud, client, tmp_path / "out.mp4")
    path = await job.run()
    assert path.read_bytes() == VIDEO


async def test_no_token_anywhere_during_a_full_run(cloud: FakeCloud, tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    img = tmp_path / "cat.png"
    img.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 2000)
    async with httpx.AsyncClient(timeout=10) as http:
        client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
        assistant = Assistant(client, "cloud", timing=Timing(recover_first=0, recover_every=0))
        info = await assistant.connect()
        outcomes = await assistant.upload([img, tmp_path / "missing.mov"])
        events = [ev async for ev in assistant.send("put hi on top")]
        cloud.script("credits", 1001, 401)  # force a renewal mid-run
        events += [ev async for ev in assistant.send("credits")]
        cloud.sse_mode = "drop"
        events += [ev async for ev in assistant.send("add a sound")]
        out = await assistant.export(tmp_path / "meme.mp4", ExportOptions())
        tokens = set(cloud.tokens)
    assert out.read_bytes() == VIDEO and outcomes[0].ok and not outcomes[1].ok
    assert any(isinstance(ev, TextDelta) for ev in events)
    assert not any(isinstance(ev, ErrorEvent) for ev in events)
    assert len(tokens) == 2
    everything = [r.getMessage() for r in caplog.records] + [repr(assistant), repr(client),
                                                             repr(client.auth), repr(info)]
    everything += [str(ev) for ev in events] + [o.error or "" for o in outcomes]
    for token in tokens:
        assert not any(token in line for line in everything)
    from meme_desktop import config

    files = [*tmp_path.rglob("*"), *config.config_dir().rglob("*"), *config.data_dir().rglob("*")]
    assert any(p.name == "client_id" for p in files)
    for path in files:
        if path.is_file():
            assert not any(t.encode() in path.read_bytes() for t in tokens)


async def test_the_no_password_store_notice_follows_the_language(cloud: FakeCloud) -> None:
    """This machine has no keyring: the one notice about it is in the window's language."""
    async with httpx.AsyncClient(timeout=10) as http:
        client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
        info = await Assistant(client, "cloud", language="zh_CN").connect()
    assert "你的系统没有密码存储，登录信息只保留到应用关闭。" in info.notices
    assert not [n for n in info.notices if "password store" in n]
