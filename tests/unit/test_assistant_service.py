"""The Assistant against the fake hosted backend: sessions, turns and their rules, uploads,
exports and the error events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.assistant import Assistant, Timing
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    ErrorEvent,
    ExportOptions,
    NothingToExportError,
    Notice,
    StateChanged,
    TextDelta,
    TurnDone,
)
from meme_desktop.assistant.memory import SessionMemory
from meme_desktop.assistant.messages import STILL_WORKING
from tests.helpers.fake_cloud import VIDEO, FakeCloud, fast_policy

pytestmark = pytest.mark.usefixtures("no_token_in_logs")


@pytest.fixture
async def assistant(cloud: FakeCloud) -> AsyncIterator[Assistant]:
    async with httpx.AsyncClient(timeout=10) as http:
        client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
        yield Assistant(client, "cloud", timing=Timing(still_working=0.1, recover_first=30,
                                                       recover_every=60, recover_tries=5))


async def _send(assistant: Assistant, text: str) -> list[AssistantEvent]:
    return [ev async for ev in assistant.send(text)]


def _text(events: list[AssistantEvent]) -> str:
    return "".join(ev.text for ev in events if isinstance(ev, TextDelta))


async def test_connect_creates_then_restores_the_session(cloud: FakeCloud,
                                                         assistant: Assistant) -> None:
    info = await assistant.connect()
    assert info.backend == "cloud" and not info.restored and info.anonymous
    assert info.credits is not None and info.credits.available == 100
    assert info.notices  # no keyring on this machine: told once
    assert SessionMemory().get("cloud") == info.session_id
    again = await assistant.connect()
    assert again.restored and again.session_id == info.session_id and again.notices == ()
    fresh = await assistant.new_project()
    assert fresh.session_id != info.session_id and len(cloud.sessions) == 2


async def test_a_lost_session_is_replaced_and_reported(cloud: FakeCloud,
                                                       assistant: Assistant) -> None:
    info = await assistant.connect()
    del cloud.sessions[info.session_id]
    events = await _send(assistant, "put hi on top")
    assert assistant.session_id != info.session_id
    assert Notice("That project no longer exists, so I started a new one.") in events
    assert "Added the caption" in _text(events)
    assert isinstance(events[-1], TurnDone)


async def test_turn_text_translation_and_state(assistant: Assistant) -> None:
    await assistant.connect()
    events = await _send(assistant, "put hi on top")
    assert _text(events) == "Added the caption."  # "Click Export to download it." is not shown
    assert ActionRequest("export") in events  # it became the export action
    changed = [ev for ev in events if isinstance(ev, StateChanged)]
    assert changed and changed[0].state.draft.segments()[0].text == "PUT HI ON TOP"
    assert not any(isinstance(ev, ErrorEvent) for ev in events)


async def test_drag_instructions_become_a_chat_turn(cloud: FakeCloud,
                                                    assistant: Assistant) -> None:
    await assistant.connect()
    cloud.replies.extend(["Drag the caption to the bottom of the frame.", "Moved it."])
    events = await _send(assistant, "caption at the bottom")
    assert len(cloud.messages) == 2
    assert "Drag the caption to the bottom of the frame." in cloud.messages[1]
    # the instruction itself is never shown; the follow-up reply is its own paragraph
    assert _text(events) == 'Done. Added "CAPTION AT THE BOTTOM" (0-3s).\nMoved it.'


async def test_panel_and_timeline_phrases_show_the_summary(cloud: FakeCloud,
                                                           assistant: Assistant) -> None:
    await assistant.connect()
    cloud.replies.append("Open the captions panel to check. 打开预览。")
    events = await _send(assistant, "add hi")
    assert _text(events) == 'Timeline (1 track): 1. Caption: "ADD HI" (0-3s)'
    assert len(cloud.messages) == 1


async def test_silent_turn_says_what_changed(cloud: FakeCloud, assistant: Assistant) -> None:
    cloud.sse_mode = "silent"
    await assistant.connect()
    events = await _send(assistant, "when monday hits")
    assert _text(events) == 'Done. Added "WHEN MONDAY HITS" (0-3s).'
    assert any(isinstance(ev, StateChanged) for ev in events)


async def test_still_working_every_interval_of_heartbeats(cloud: FakeCloud,
                                                          assistant: Assistant) -> None:
    cloud.sse_mode = "heartbeats"
    assistant.client.policy.sse_idle_limit = 0.8
    await assistant.connect()
    events = await _send(assistant, "make it epic")
    notices = [ev for ev in events if ev == Notice(STILL_WORKING)]
    assert 3 <= len(notices) <= 8  # one per 0.1 s of heartbeats, not one per heartbeat
    errors = [ev for ev in events if isinstance(ev, ErrorEvent)]
    assert errors and errors[0].retryable and "too long" in errors[0].message


async def test_dropped_turn_recovers_by_reading_the_state(cloud: FakeCloud,
                                                          assistant: Assistant) -> None:
    cloud.sse_mode = "drop"
    await assistant.connect()
    events = await _send(assistant, "put hi on top")
    assert _text(events) == 'Reconnected. The edit went through: Added "PUT HI ON TOP" (0-3s).'
    assert any(isinstance(ev, StateChanged) for ev in events)
    assert not any(isinstance(ev, ErrorEvent) for ev in events)
    assert assistant.client.policy.sleep.waits == [30]  # type: ignore[attr-defined]


async def test_recovery_waits_30_then_60_and_offers_a_retry(cloud: FakeCloud,
                                                            assistant: Assistant) -> None:
    await assistant.connect()
    cloud.sse_mode = "drop"
    sleep = assistant.client.policy.sleep
    before = await assistant.state()
    for _ in range(40):
        cloud.script("state", status=503)
    events = [ev async for ev in assistant._turns.recover(before)]
    waits = [w for w in sleep.waits if w >= 30]  # type: ignore[attr-defined]
    assert waits == [30, 60, 60, 60, 60]
    assert events == [ErrorEvent("Still can't reach the backend. Try again in a moment.",
                                 retryable=True)]


async def test_routing_skips_the_chat_turn(cloud: FakeCloud, assistant: Assistant) -> None:
    await assistant.connect()
    assert await _send(assistant, "export") == [ActionRequest("export"), TurnDone()]
    assert await _send(assistant, "上传") == [ActionRequest("upload"), TurnDone()]
    credits = await _send(assistant, "积分")
    assert _text(credits) == "You have 100 credits available."
    status = await _send(assistant, "show tracks")
    assert _text(status) == "Timeline (0 tracks): empty"
    assert not any(r.path == "/run_sse" for r in cloud.requests)


async def test_upload_outcomes(cloud: FakeCloud, assistant: Assistant, tmp_path: Path) -> None:
    await assistant.connect()
    good = tmp_path / "cat.png"
    good.write_bytes(b"\x89PNG" + b"x" * 300_000)
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    seen: list[tuple[str, float]] = []
    outcomes = await assistant.upload([good, bad, tmp_path / "gone.mp4"],
                                      lambda p, f: seen.append((p.name, f)))
    assert outcomes[0].ok and outcomes[0].asset is not None
    assert outcomes[0].asset.name == "cat.png"
    assert outcomes[1].error is not None and "not supported" in outcomes[1].error
    assert outcomes[2].error is not None and "missing" in outcomes[2].error
    assert cloud.uploads == ["cat.png"]
    fractions = [f for name, f in seen if name == "cat.png"]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and len(fractions) > 3
    cloud.script("upload", 4002)
    refused = await assistant.upload([good])
    assert refused[0].error is not None and "Trim it or compress it" in refused[0].error


async def test_export(cloud: FakeCloud, assistant: Assistant, tmp_path: Path) -> None:
    await assistant.connect()
    with pytest.raises(NothingToExportError):
        await assistant.export(tmp_path / "x.mp4", ExportOptions())
    await _send(assistant, "put hi on top")
    progress: list[float] = []
    path = await assistant.export(tmp_path / "meme.mp4",
                                  ExportOptions(preset="square", max_mb=8), progress.append)
    assert path.read_bytes() == VIDEO and progress[-1] == 1.0
    body = next(iter(cloud.jobs.values()))["body"]
    assert body["output"] == {"format": "mp4", "quality": "high", "preset": "square",
                              "max_mb": 8}
    assert body["draft"]["t"][0]["sg"][0]["txt"] == "PUT HI ON TOP"


async def test_export_resumes_a_job_submitted_before_a_restart(cloud: FakeCloud,
                                                               assistant: Assistant,
                                                               tmp_path: Path) -> None:
    await assistant.connect()
    await _send(assistant, "put hi on top")
    state = await assistant.state()
    await assistant.client.submit_render("render_earlier", assistant.session_id,
                                         state.draft.to_json(), {"format": "mp4"})
    path = await assistant.export(tmp_path / "resumed.mp4", resume_id="render_earlier")
    assert path.read_bytes() == VIDEO
    assert list(cloud.jobs) == ["render_earlier"]  # nothing was submitted again


async def test_cancel_export(cloud: FakeCloud, assistant: Assistant, tmp_path: Path) -> None:
    import asyncio

    from meme_desktop.api.errors import RenderCancelledError

    await assistant.connect()
    await _send(assistant, "put hi on top")
    cloud.render_polls = 10_000  # never finishes by itself
    submitted: list[str] = []
    task = asyncio.ensure_future(assistant.export(tmp_path / "x.mp4", None, None,
                                                  submitted.append))
    while not submitted:
        await asyncio.sleep(0.01)
    await assistant.cancel_export()
    with pytest.raises(RenderCancelledError) as info:
        await task
    assert cloud.jobs[submitted[0]]["cancelled"]
    assert assistant.message_for(info.value) == "Export cancelled."
    assert list(tmp_path.iterdir()) == []


async def test_a_reply_asking_for_a_file_is_not_sent_back_as_an_edit(
        cloud: FakeCloud, assistant: Assistant) -> None:
    """"Drag your photo into the media bin" wants a file from the person: the assistant says how
    to add one, and does not ask the backend to "make that change" in a second turn."""
    await assistant.connect()
    cloud.replies.append("I need a picture first. Drag your photo into the media bin.")
    events = await _send(assistant, "turn this image into a meme")
    assert ActionRequest("upload") in events  # the file picker
    assert _text(events) == "I need a picture first."
    assert cloud.messages == ["turn this image into a meme"]


async def test_a_gesture_on_the_hosted_backend_is_one_precise_sentence(
        assistant: Assistant, cloud: FakeCloud) -> None:
    """The hosted backend has no ops endpoint: deleting the top of two identical captions and
    moving the first of two vine booms become one chat sentence naming each exactly."""
    from meme_desktop.assistant.events import Echo
    from meme_desktop.draft.ops import DeleteSegment, MoveSegment

    await assistant.connect()
    sid = assistant.session_id
    cloud.sessions[sid]["draft"] = {"v": 1, "d": 6000, "m": {"width": 1080, "height": 1920},
                                    "t": [
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            {"id": "s1", "src": "sfx:vine_boom", "st": 1000, "d": 1600},
            {"id": "s2", "src": "sfx:vine_boom", "st": 3000, "d": 1600}]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            {"id": "s3", "txt": "SAME", "st": 0, "d": 6000, "pos": "top"},
            {"id": "s4", "txt": "SAME", "st": 0, "d": 6000, "pos": "bottom"}]}]}
    await assistant.state()
    assert not assistant.has_ops
    events = [ev async for ev in assistant.edit(
        [DeleteSegment(id="s3"), MoveSegment(id="s1", st=2500)], "delete and move")]
    sentence = 'Remove the top caption "SAME", then move the vine boom at 1s to start at 2.5s.'
    assert [ev.text for ev in events if isinstance(ev, Echo)] == [sentence]
    assert cloud.messages[-1] == sentence
    assert isinstance(events[-1], TurnDone)
    assert not any(r.path.startswith("/api/ops") for r in cloud.requests)
