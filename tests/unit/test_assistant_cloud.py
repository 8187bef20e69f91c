"""The Assistant against the fake hosted backend, faithful to the brief (issue 16): GUI phrases
become actions, a lost session keeps its media, a turn with no effect says so, drafts pass
through untouched, the 7-day token rule is said once, and Retry-After is honoured."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.assistant import Assistant, Timing
from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    ErrorEvent,
    ExportOptions,
    NoEffect,
    Notice,
    StateChanged,
    TextDelta,
)
from meme_desktop.assistant.turn import MAKING_CHANGE
from tests.helpers.fake_cloud import VIDEO, FakeCloud, fast_policy

pytestmark = pytest.mark.usefixtures("no_token_in_logs")

STICKERS = {"id": "k1", "tt": 9, "n": "Stickers", "sg": [
    {"id": "k1a", "st": 0, "d": 2000, "sticker": "party_parrot", "anim": {"loop": True}}]}


@pytest.fixture
async def assistant(cloud: FakeCloud) -> AsyncIterator[Assistant]:
    async with httpx.AsyncClient(timeout=10) as http:
        client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
        yield Assistant(client, "cloud", timing=Timing(still_working=60))


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "cat.png"
    path.write_bytes(b"\x89PNG" + b"cat" * 5000)
    return path


async def _send(assistant: Assistant, text: str) -> list[AssistantEvent]:
    return [ev async for ev in assistant.send(text)]


def _text(events: list[AssistantEvent]) -> str:
    return "".join(ev.text for ev in events if isinstance(ev, TextDelta))


# -- 1. GUI phrases ----------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["text", "adk"])
async def test_an_export_button_reply_becomes_the_export(cloud: FakeCloud, assistant: Assistant,
                                                         mode: str) -> None:
    cloud.sse_mode = mode  # adk: the reply arrives in 7-character partial pieces, then again
    await assistant.connect()
    cloud.replies.append("Done! Click the Export button to download your video.")
    events = await _send(assistant, "make it a meme")
    assert _text(events) == "Done!"
    assert events.count(ActionRequest("export")) == 1
    assert not any(isinstance(ev, NoEffect) for ev in events)


async def test_a_drag_reply_is_done_and_the_person_reads_what_moved(
        cloud: FakeCloud, assistant: Assistant, picture: Path) -> None:
    await assistant.connect()
    await assistant.upload([picture])
    cloud.effects.extend(["none", "move"])
    cloud.replies.extend(["You can drag the clip in the timeline to move it.", ""])
    events = await _send(assistant, "start the picture at 2 seconds")
    assert "drag" in cloud.messages[1].lower()  # the instruction went back over SSE
    assert Notice(MAKING_CHANGE) in events
    assert _text(events) == "Done. Moved cat.png to 2s."
    assert "drag" not in _text(events).lower()
    assert not any(isinstance(ev, NoEffect) for ev in events)


async def test_a_follow_up_reply_starts_its_own_paragraph(cloud: FakeCloud,
                                                          assistant: Assistant) -> None:
    await assistant.connect()
    cloud.replies.extend(["Added the caption. You can drag it in the timeline.", "Moved it."])
    events = await _send(assistant, "hi")
    assert _text(events) == "Added the caption.\nMoved it."


async def test_open_panel_and_preview_phrases_show_the_summary(cloud: FakeCloud,
                                                               assistant: Assistant) -> None:
    await assistant.connect()
    cloud.replies.append("All set. Open the captions panel to check. Or preview in timeline.")
    events = await _send(assistant, "add hi")
    assert _text(events) == 'All set.\nTimeline (1 track): 1. Caption: "ADD HI" (0-3s)'
    assert sum(isinstance(ev, StateChanged) for ev in events) >= 2  # the state was read again


async def test_a_quoted_caption_is_not_an_instruction(cloud: FakeCloud,
                                                      assistant: Assistant) -> None:
    await assistant.connect()
    reply = 'Added the caption "CLICK EXPORT TO DRAG YOUR SOUL" at the top.'
    cloud.replies.append(reply)
    events = await _send(assistant, 'put "click export to drag your soul" on top')
    assert _text(events) == reply
    assert not any(isinstance(ev, ActionRequest) for ev in events)
    assert len(cloud.messages) == 1  # no follow-up turn


async def test_a_request_for_a_file_opens_the_picker(cloud: FakeCloud,
                                                     assistant: Assistant) -> None:
    await assistant.connect()
    cloud.replies.append("I need a picture first. Drag your photo into the media bin.")
    events = await _send(assistant, "turn this image into a meme")
    assert ActionRequest("upload") in events and len(cloud.messages) == 1
    assert "media bin" not in _text(events)


# -- 2. a lost session keeps its media -------------------------------------------------------

async def test_a_1002_on_a_turn_rebuilds_the_project_and_says_what(
        cloud: FakeCloud, assistant: Assistant, picture: Path, tmp_path: Path) -> None:
    info = await assistant.connect()
    await assistant.upload([picture])
    await _send(assistant, "top text hello")
    cloud.lose_session_at_turn = 2
    events = await _send(assistant, "bottom text bye")
    assert assistant.session_id != info.session_id and info.session_id not in cloud.sessions
    notices = [ev.text for ev in events if isinstance(ev, Notice)]
    assert notices[0] == ("The service had lost this project, so I started a new one and "
                          "uploaded cat.png again and repeated 1 earlier instruction "
                          "(“top text hello”).")
    new = cloud.sessions[assistant.session_id]
    assert [i["filename"] for i in new["infos"]] == ["cat.png"]
    texts = [s.get("txt") for t in new["draft"]["t"] for s in t["sg"]]
    assert texts == [None, "TOP TEXT HELLO", "BOTTOM TEXT BYE"]
    assert cloud.messages == ["top text hello", "top text hello", "bottom text bye"]
    out = await assistant.export(tmp_path / "meme.mp4", ExportOptions())
    assert out.read_bytes() == VIDEO  # the fake fails a render whose picture is missing
    job = next(iter(cloud.jobs.values()))
    assert not job["missing"] and job["body"]["sessionId"] == assistant.session_id


async def test_a_file_gone_from_disk_comes_back_from_its_url_or_is_named(
        cloud: FakeCloud, assistant: Assistant, picture: Path, tmp_path: Path) -> None:
    other = tmp_path / "dog.png"
    other.write_bytes(b"\x89PNG" + b"dog" * 4000)
    await assistant.connect()
    await assistant.upload([picture, other])
    picture.unlink()
    other.write_bytes(b"\x89PNG changed")
    cloud.cdn.clear()  # and the service forgot the changed one's URL too
    cloud.cdn.update({i["hash"]: i for i in cloud.sessions[assistant.session_id]["infos"]
                      if i["filename"] == "cat.png"})
    cloud.lose_session_at_turn = 1
    events = await _send(assistant, "add hi")
    notice = next(ev.text for ev in events if isinstance(ev, Notice))
    assert "uploaded cat.png again" in notice
    assert "Not restored: dog.png (it has changed on this computer since)." in notice
    assert cloud.uploads[-1] == "url:cat.png"


async def test_a_lost_session_at_the_next_start_is_rebuilt_too(
        cloud: FakeCloud, assistant: Assistant, picture: Path) -> None:
    first = await assistant.connect()
    await assistant.upload([picture])
    del cloud.sessions[first.session_id]
    again = await assistant.connect()
    assert not again.restored and again.session_id != first.session_id
    assert any("uploaded cat.png again" in n for n in again.notices)
    assert [i["filename"] for i in cloud.sessions[again.session_id]["infos"]] == ["cat.png"]


# -- 3. a turn that changed nothing ----------------------------------------------------------

async def test_a_heartbeat_only_turn_has_no_effect_and_says_which(cloud: FakeCloud,
                                                                  assistant: Assistant) -> None:
    await assistant.connect()
    cloud.sse_mode = "idle"
    events = await _send(assistant, "make it funnier")
    (no_effect,) = [ev for ev in events if isinstance(ev, NoEffect)]
    assert no_effect.message == ("Nothing changed after “make it funnier”. Could you say it "
                                 "another way?")
    assert not no_effect.answered and _text(events) == ""
    cloud.sse_mode = "text"
    cloud.effects.append("none")
    cloud.replies.append("Which caption do you mean?")
    asked = await _send(assistant, "change the caption")
    assert [ev.answered for ev in asked if isinstance(ev, NoEffect)] == [True]
    cloud.effects.append("none")
    cloud.replies.append("Done, I made it funnier!")  # a hosted reply is not taken at its word
    claimed = await _send(assistant, "make it funnier")
    assert [ev.answered for ev in claimed if isinstance(ev, NoEffect)] == [False]


# -- 4. drafts pass through untouched --------------------------------------------------------

async def test_an_unknown_track_is_kept_and_exported_exactly(
        cloud: FakeCloud, assistant: Assistant, picture: Path, tmp_path: Path) -> None:
    cloud.extra_tracks = [STICKERS]
    await assistant.connect()
    await assistant.upload([picture])
    await _send(assistant, "hi")
    state = await assistant.state()
    assert not state.draft.is_empty and state.draft.unknown_tracks[0].name == "Stickers"
    assert "Stickers: k1a (0-2s)" in await assistant.summary()
    await assistant.export(tmp_path / "meme.mp4", ExportOptions())
    sent = next(iter(cloud.jobs.values()))["body"]["draft"]
    assert sent == cloud.sessions[assistant.session_id]["draft"]  # no key added, none lost
    media = next(t for t in sent["t"] if t["tt"] == 0)["sg"][0]
    assert set(media) == {"id", "src", "st", "d"}  # no sp / rev / vol / fx / zm added


# -- 5. the 7-day token rule -----------------------------------------------------------------

async def test_renewal_refused_by_the_7_day_rule_is_said_once_and_loses_nothing(
        cloud: FakeCloud, assistant: Assistant, picture: Path, tmp_path: Path) -> None:
    cloud.strict_tokens = True
    await assistant.connect()
    client_id = cloud.client_ids[0]
    cloud.revoke_on = "upload"
    second = tmp_path / "two.png"
    second.write_bytes(b"\x89PNG" + b"two" * 100)
    with pytest.raises(e.SignInUnavailableError) as info:
        await assistant.upload([picture, second])
    sentence = assistant.message_for(info.value)
    assert sentence.startswith("Your free NemoVideo sign-in has expired")
    assert "once every 7 days" in sentence and "the next in about 7 days" in sentence
    assert "Settings" in sentence and "register" in sentence and "busy" not in sentence
    assert cloud.client_ids == [client_id, client_id]  # one renewal try, same client id
    assert assistant.client.policy.sleep.waits == []  # type: ignore[attr-defined]
    events = await _send(assistant, "add hi")  # later calls: no new request, a short reminder
    assert [ev.message for ev in events if isinstance(ev, ErrorEvent)] == [
        "Still no free sign-in (one per 7 days): register or paste a token in Settings to go on."]
    assert cloud.client_ids == [client_id, client_id]


# -- Retry-After -----------------------------------------------------------------------------

async def test_retry_after_is_honoured_where_the_service_sends_it(
        cloud: FakeCloud, assistant: Assistant, tmp_path: Path) -> None:
    await assistant.connect()
    sleep = assistant.client.policy.sleep
    cloud.script("credits", status=429, headers={"Retry-After": "7"})
    await assistant.credits()
    cloud.script("state", status=503, headers={"Retry-After": "4"})
    await assistant.state()
    assert sleep.waits == [7, 4]  # type: ignore[attr-defined]
    cloud.script("credits", status=429, headers={"Retry-After": "86400"})
    with pytest.raises(e.RateLimitedError):
        await assistant.credits()  # a day is not worth waiting for: at once
    assert sleep.waits == [7, 4]  # type: ignore[attr-defined]
    await _send(assistant, "hi")
    cloud.render_polls = 1
    cloud.script("poll", status=503, headers={"Retry-After": "9"})
    await assistant.export(tmp_path / "x.mp4", ExportOptions())
    assert 9 in sleep.waits  # type: ignore[attr-defined]
