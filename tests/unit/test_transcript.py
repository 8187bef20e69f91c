"""A cloud project's chat is kept on this computer (the hosted service cannot give it back):
reopening the project shows it again, a lost session rebuilt keeps it, nothing is written for
the embedded engine (which keeps the chat itself) or for a batch, and the files stay private,
bounded and readable after a crash in the middle of a write."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.api.models import ChatMessage
from meme_desktop.assistant import Assistant, Timing
from meme_desktop.assistant import transcript as transcript_mod
from meme_desktop.assistant.events import AssistantEvent, TextDelta
from meme_desktop.assistant.transcript import NoTranscript, Transcript
from tests.helpers.fake_cloud import FakeCloud, fast_policy

pytestmark = pytest.mark.usefixtures("no_token_in_logs")

U, A = "user", "assistant"


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


def _assistant(cloud: FakeCloud, http: httpx.AsyncClient) -> Assistant:
    client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
    return Assistant(client, "cloud", timing=Timing(still_working=60))


async def _send(assistant: Assistant, text: str) -> list[AssistantEvent]:
    return [ev async for ev in assistant.send(text)]


async def test_a_cloud_project_reopens_with_its_chat(cloud: FakeCloud,
                                                     http: httpx.AsyncClient) -> None:
    first = _assistant(cloud, http)
    info = await first.connect()
    assert info.history == ()
    cloud.replies.extend(["Added the caption.", "Made it red."])
    events = await _send(first, "top text hello")
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "Added the caption."
    await _send(first, "make it red")
    again = await _assistant(cloud, http).connect()  # the next start of the app
    assert again.restored and again.session_id == info.session_id
    assert again.history == (ChatMessage(U, "top text hello"),
                             ChatMessage(A, "Added the caption."),
                             ChatMessage(U, "make it red"), ChatMessage(A, "Made it red."))


async def test_a_lost_session_rebuilt_keeps_the_chat(cloud: FakeCloud,
                                                     http: httpx.AsyncClient) -> None:
    assistant = _assistant(cloud, http)
    first = await assistant.connect()
    cloud.replies.extend(["One.", "Two.", "Three."])
    await _send(assistant, "top text hello")
    cloud.lose_session_at_turn = 2
    await _send(assistant, "bottom text bye")
    assert assistant.session_id != first.session_id
    again = await _assistant(cloud, http).connect()
    assert again.session_id == assistant.session_id
    assert [m.text for m in again.history if m.role == U] == ["top text hello",
                                                               "bottom text bye"]


async def test_a_batch_beside_the_project_keeps_no_chat(cloud: FakeCloud,
                                                        http: httpx.AsyncClient) -> None:
    forked = _assistant(cloud, http).fork()
    await forked.connect(restore=False)
    await _send(forked, "top text hello")
    assert isinstance(forked.transcript, NoTranscript)
    assert not (Transcript().folder.exists() and any(Transcript().folder.iterdir()))


def test_the_local_engine_keeps_its_own_chat(http: httpx.AsyncClient) -> None:
    client = NemoClient(http, "http://127.0.0.1:9", CloudAuth("http://127.0.0.1:9"),
                        fast_policy())
    assert isinstance(Assistant(client, "local").transcript, NoTranscript)


def test_the_file_is_private_and_keyed_by_backend_and_session(tmp_path: Path) -> None:
    kept = Transcript(tmp_path / "chats")
    kept.append("cloud", "s/../1", [ChatMessage(U, "hi"), ChatMessage(A, "")])
    path = kept.path("cloud", "s/../1")
    assert path.parent == tmp_path / "chats" and path.name.endswith(".jsonl")
    assert kept.path("local", "s/../1") != path != kept.path("cloud", "s2")
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert kept.read("cloud", "s/../1") == (ChatMessage(U, "hi"),)  # empty replies are not kept
    assert kept.read("cloud", "never") == ()


def test_a_line_cut_short_is_skipped_and_the_chat_stays_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transcript_mod, "MAX_MESSAGES", 5)
    kept = Transcript(tmp_path)
    kept.append("cloud", "s", [ChatMessage(U, "first")])
    with kept.path("cloud", "s").open("a", encoding="utf-8") as fh:
        fh.write('{"role": "user", "te')  # a crash in the middle of a write
    kept.append("cloud", "s", [ChatMessage(A, "second")])
    assert [m.text for m in kept.read("cloud", "s")] == ["first", "second"]
    for i in range(12):
        kept.append("cloud", "s", [ChatMessage(U, f"m{i}")])
    lines = kept.path("cloud", "s").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 10  # cut back to the newest 5 once it reached twice that
    assert [m.text for m in kept.read("cloud", "s")] == [f"m{i}" for i in range(7, 12)]
