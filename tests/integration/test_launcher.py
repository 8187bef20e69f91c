"""The embedded-engine launcher with the real engine: start, token hand-over, restart after a
kill (during a chat turn and during an export) with nothing lost, and stop."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import av
import httpx
import pytest

from meme_desktop.api import NemoClient, Policy, StaticToken
from meme_desktop.assistant import Assistant, Timing
from meme_desktop.assistant.events import (
    ErrorEvent,
    ExportOptions,
    Notice,
    StateChanged,
    TextDelta,
)
from meme_desktop.assistant.turn import DROPPED
from meme_desktop.launcher import EngineLauncher
from tests.helpers.media import make_image


@pytest.fixture
async def launcher() -> AsyncIterator[EngineLauncher]:
    statuses: list[str] = []
    eng = EngineLauncher(on_status=statuses.append, extra_args=["--debug-turn-delay", "1.5"])
    eng.statuses = statuses  # type: ignore[attr-defined]
    await eng.start()
    try:
        yield eng
    finally:
        await eng.stop()


@pytest.fixture
async def assistant(launcher: EngineLauncher) -> AsyncIterator[Assistant]:
    async with httpx.AsyncClient(timeout=60) as http:
        client = NemoClient(http, lambda: launcher.base_url, StaticToken(launcher.token),
                            Policy.local(), on_disconnect=launcher.recover)
        yield Assistant(client, "local", timing=Timing(recover_first=0.5, recover_every=1.0))


def _kill(launcher: EngineLauncher) -> int:
    assert launcher.process is not None
    pid = launcher.process.pid
    os.kill(pid, signal.SIGKILL)
    return pid


async def test_start_hands_the_token_over_in_the_environment_only(
        launcher: EngineLauncher) -> None:
    assert launcher.base_url.startswith("http://127.0.0.1:")
    assert launcher.process is not None
    pid = launcher.process.pid
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    environ = Path(f"/proc/{pid}/environ").read_bytes()
    assert launcher.token.encode() not in cmdline
    assert f"MEME_ENGINE_TOKEN={launcher.token}".encode() in environ
    assert launcher.token not in repr(launcher)
    async with httpx.AsyncClient() as http:
        ok = await http.get(launcher.base_url + "/api/credits/balance/simple",
                            headers={"Authorization": f"Bearer {launcher.token}"})
        refused = await http.get(launcher.base_url + "/api/credits/balance/simple",
                                 headers={"Authorization": "Bearer nope"})
    assert ok.status_code == 200 and refused.status_code != 200
    assert launcher.statuses == ["starting", "ready"]  # type: ignore[attr-defined]


async def test_killed_engine_is_restarted_and_the_session_survives(
        launcher: EngineLauncher, assistant: Assistant, tmp_path: Path) -> None:
    info = await assistant.connect()
    image = make_image(tmp_path / "cat.png", size="320x180")
    assert (await assistant.upload([image]))[0].ok
    old_pid, old_url = _kill(launcher), launcher.base_url
    for _ in range(200):  # the watcher notices and restarts on its own
        if launcher.running and launcher.process and launcher.process.pid != old_pid:
            break
        await asyncio.sleep(0.05)
    assert launcher.running and launcher.base_url == old_url  # same port when it can
    assert launcher.statuses[-2:] == ["restarting", "ready"]  # type: ignore[attr-defined]
    state = await assistant.state()
    assert state.session_id == info.session_id and [a.name for a in state.assets] == ["cat.png"]


async def test_engine_killed_during_a_turn_then_the_turn_is_retried(
        launcher: EngineLauncher, assistant: Assistant, tmp_path: Path) -> None:
    await assistant.connect()
    assert (await assistant.upload([make_image(tmp_path / "cat.png", size="320x180")]))[0].ok

    async def kill_soon() -> None:
        await asyncio.sleep(0.6)  # the turn is in its 1.5 s of work
        _kill(launcher)

    killer = asyncio.ensure_future(kill_soon())
    events = [ev async for ev in assistant.send('put "MONDAY" on top')]
    await killer
    text = "".join(ev.text for ev in events if isinstance(ev, TextDelta))
    errors = [ev for ev in events if isinstance(ev, ErrorEvent)]
    # the engine died before saving the edit: the person is told and offered a retry
    assert Notice(DROPPED) in events and "MONDAY" not in text
    assert errors and errors[0].retryable and "not applied" in errors[0].message, events
    events = [ev async for ev in assistant.send('put "MONDAY" on top')]
    assert not any(isinstance(ev, ErrorEvent) for ev in events)
    state = await assistant.state()
    assert any(getattr(s, "text", "").upper() == "MONDAY" for s in state.draft.segments())
    assert [a.name for a in state.assets] == ["cat.png"]
    assert any(isinstance(ev, StateChanged) for ev in events)


async def test_engine_killed_during_an_export_still_writes_the_file(
        launcher: EngineLauncher, assistant: Assistant, tmp_path: Path) -> None:
    await assistant.connect()
    assert (await assistant.upload([make_image(tmp_path / "cat.png", size="320x180")]))[0].ok
    async for _ev in assistant.send('put "EXPORT ME" on top'):
        pass
    progress: list[float] = []
    submitted: list[str] = []
    dest = tmp_path / "out" / "meme.mp4"
    dest.parent.mkdir()
    task = asyncio.ensure_future(assistant.export(dest, ExportOptions(quality="high"),
                                                  progress.append, submitted.append))
    while not submitted:
        await asyncio.sleep(0.01)
    _kill(launcher)
    path = await asyncio.wait_for(task, 120)
    assert path == dest and [p.name for p in dest.parent.iterdir()] == ["meme.mp4"]
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
    assert frames > 0 and progress[-1] == 1.0


async def test_stop_terminates_the_engine() -> None:
    eng = EngineLauncher()
    await eng.start()
    proc = eng.process
    assert proc is not None
    await eng.stop()
    assert proc.returncode is not None and eng.status == "stopped" and not eng.running


async def test_restore_history_thumbnail_and_preview(launcher: EngineLauncher,
                                                     assistant: Assistant,
                                                     tmp_path: Path) -> None:
    first = await assistant.connect()
    assert (await assistant.upload([make_image(tmp_path / "cat.png", size="320x180")]))[0].ok
    async for _ev in assistant.send('put "RESTORED" on top'):
        pass
    # a new assistant (the next start of the app) reopens the same project with its chat
    again = Assistant(assistant.client, "local")
    info = await again.connect()
    assert info.restored and info.session_id == first.session_id
    assert [m.role for m in info.history][:2] == ["user", "assistant"]
    assert info.history[0].text == 'put "RESTORED" on top'
    state = await again.state()
    png = await again.client.thumbnail(state.assets[0].hash, 64)
    assert png.startswith(b"\x89PNG")
    preview = await again.preview()
    assert preview is not None and preview.is_file()
    with av.open(str(preview)) as container:
        assert container.streams.video[0].codec_context.width > 0
    fresh = await again.new_project()
    assert fresh.session_id != first.session_id and not fresh.restored
    assert (await again.state()).draft.is_empty


def test_launcher_works_under_qasync(qapp: object) -> None:
    import qasync

    async def main() -> list[str]:
        statuses: list[str] = []
        eng = EngineLauncher(on_status=statuses.append)
        await eng.start()
        _kill(eng)
        for _ in range(300):
            await asyncio.sleep(0.05)
            if statuses[-1] == "ready" and len(statuses) == 4:
                break
        assert await eng.ensure_running() == eng.base_url
        await eng.stop()
        return statuses

    loop = qasync.QEventLoop(qapp)
    try:
        statuses = loop.run_until_complete(main())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    assert statuses == ["starting", "ready", "restarting", "ready", "stopped"]


async def test_the_engine_token_is_not_written_to_disk(launcher: EngineLauncher,
                                                       assistant: Assistant,
                                                       tmp_path: Path) -> None:
    from meme_desktop import config

    await assistant.connect()
    assert (await assistant.upload([make_image(tmp_path / "cat.png", size="320x180")]))[0].ok
    async for _ev in assistant.send('put "NO LEAKS" on top'):
        pass
    await launcher.stop()  # flush the engine's logs
    files = [p for d in (config.data_dir(), config.config_dir(), config.cache_dir())
             for p in d.rglob("*") if p.is_file()]
    assert files
    token = launcher.token.encode()
    assert not [p for p in files if token in p.read_bytes()]
    assert not any(launcher.token in line for line in launcher.output)


async def test_recover_restarts_an_engine_killed_a_moment_ago(launcher: EngineLauncher) -> None:
    """The client's request fails before asyncio has reaped the killed child: the launcher still
    looks ready, and ``recover`` must not trust that (this race once made an export fail)."""
    old = _kill(launcher)
    assert launcher.process is not None and launcher.process.returncode is None  # not reaped yet
    base = await launcher.recover()
    assert launcher.process is not None and launcher.process.pid != old
    async with httpx.AsyncClient() as http:
        ok = await http.get(base + "/api/credits/balance/simple",
                            headers={"Authorization": f"Bearer {launcher.token}"})
    assert ok.status_code == 200


async def test_recover_keeps_a_live_engine(launcher: EngineLauncher) -> None:
    assert launcher.process is not None
    pid = launcher.process.pid
    assert await launcher.recover() == launcher.base_url
    assert launcher.process.pid == pid and launcher.restarts == 0
