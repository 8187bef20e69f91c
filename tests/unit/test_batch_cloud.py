"""Several formats and a batch on a backend without the engine's extensions (the fake hosted
backend): one render job per format, files renamed together; a batch's files imported into
their new projects by URL, named after them, the person's own project and memory untouched."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.assistant import Assistant, Timing
from meme_desktop.assistant.batch import Batch, BatchItem, maker_request
from meme_desktop.assistant.exports import format_targets
from meme_desktop.assistant.memory import SessionMemory
from tests.helpers.fake_cloud import VIDEO, FakeCloud, fast_policy

pytestmark = pytest.mark.usefixtures("no_token_in_logs")


@pytest.fixture
async def assistant(cloud: FakeCloud) -> AsyncIterator[Assistant]:
    async with httpx.AsyncClient(timeout=10) as http:
        client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
        yield Assistant(client, "cloud", timing=Timing(still_working=60))


def _picture(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"\x89PNG" + name.encode() * 3000)
    return path


async def test_several_formats_are_one_job_each_and_renamed_together(
        cloud: FakeCloud, assistant: Assistant, tmp_path: Path) -> None:
    await assistant.connect()
    await assistant.upload([_picture(tmp_path, "cat.png")])
    [ev async for ev in assistant.send("top text hello")]
    targets = format_targets(tmp_path / "meme.mp4", ["vertical", "gif"], "fast")
    seen: list[float] = []
    paths = await assistant.export_formats(targets, seen.append)
    assert [p.name for p in paths] == ["meme-vertical.mp4", "meme.gif"]
    assert all(p.read_bytes() == VIDEO for p in paths)
    outputs = [job["body"]["output"] for job in cloud.jobs.values()]
    assert outputs == [{"format": "mp4", "quality": "fast", "preset": "vertical"},
                       {"format": "gif", "quality": "fast", "preset": "gif"}]
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cat.png", "meme-vertical.mp4",
                                                         "meme.gif"]


async def test_a_cancel_between_formats_leaves_none(cloud: FakeCloud, assistant: Assistant,
                                                    tmp_path: Path) -> None:
    await assistant.connect()
    await assistant.upload([_picture(tmp_path, "cat.png")])
    [ev async for ev in assistant.send("top text hello")]
    cloud.job_polls.extend([1, 10_000])  # the second format never finishes by itself
    targets = format_targets(tmp_path / "meme.mp4", ["vertical", "square"], "fast")
    task = asyncio.ensure_future(assistant.export_formats(targets))
    while len(cloud.jobs) < 2:  # the first format is done, the second is rendering
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cat.png"]  # no file, no .part
    assert list(cloud.jobs.values())[1]["cancelled"]


async def test_a_batch_imports_each_file_by_url_into_its_own_project(
        cloud: FakeCloud, assistant: Assistant, tmp_path: Path) -> None:
    info = await assistant.connect()
    outcomes = await assistant.upload([_picture(tmp_path, "cat.png"),
                                       _picture(tmp_path, "dog.png")])
    remembered = SessionMemory().get("cloud")
    folder = tmp_path / "memes"
    folder.mkdir()
    changes: list[tuple[str, str]] = []
    batch = Batch(assistant.fork(), [o.asset for o in outcomes if o.asset], folder,
                  [maker_request("mondays")], on_change=lambda i: changes.append(
                      (i.name, i.status)))
    items: list[BatchItem] = await batch.run()
    assert [(i.status, [p.name for p in i.files]) for i in items] == [
        ("saved", ["cat.mp4"]), ("saved", ["dog.mp4"])]
    assert items[0].message == "TURN THIS INTO A MEME ABOUT MONDAYS"  # the fake's caption
    assert cloud.uploads[-2:] == ["url:cat.png", "url:dog.png"]  # by URL, not sent again
    sessions = {i.session_id for i in items}
    assert len(sessions) == 2 and info.session_id not in sessions
    assert assistant.session_id == info.session_id  # the person's project stays open
    assert SessionMemory().get("cloud") == remembered  # and is the one reopened next time
    assert changes[:4] == [("cat.png", "making"), ("cat.png", "made"),
                           ("cat.png", "exporting"), ("cat.png", "saved")]
