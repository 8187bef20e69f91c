"""The meme maker over real loopback HTTP: a finished meme in one turn, streamed as typed
operations, the reply, then one ``suggestions`` event with the alternatives (chips) and the
maker's record; the window's client turns that event into chips; the session's memory of what
was made survives an engine restart, so "another one" still never repeats."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from meme_desktop.api import NemoClient, Policy, StaticToken
from meme_desktop.assistant.events import Choices, TextDelta
from meme_desktop.assistant.service import Assistant
from meme_desktop.assistant.turn import Timing
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.maker.scorer import shown_key
from tests.helpers.engine_proc import start_engine
from tests.helpers.media import make_clip, make_image
from tests.integration.test_engine_api import chat, new_session, state, upload


def _segs(draft: dict[str, Any], tt: int) -> list[dict[str, Any]]:
    return [s for t in draft["t"] if t["tt"] == tt for s in t["sg"]]


def _made(events: list[dict[str, Any]]) -> dict[str, Any]:
    kinds = [e["type"] for e in events]
    assert kinds[-1] == "suggestions" and kinds.count("suggestions") == 1, kinds
    first_text = kinds.index("text")
    assert all(k in ("tool_call", "tool_result") for k in kinds[:first_text])
    O.ops_from_json([{"op": e["name"], **e["args"]} for e in events if e["type"] == "tool_call"])
    return events[-1]


def test_a_meme_in_one_turn_remembered_across_a_restart(tmp_path: Path) -> None:
    data = tmp_path / "engine"
    image = make_image(tmp_path / "gym_selfie.png", size="320x240")
    clip = make_clip(tmp_path / "later.mp4", seconds=2.0)
    eng = start_engine(data, token="maker-token")
    try:
        c = eng.client()
        sid = new_session(c)
        files = upload(c, sid, image, clip).json()["data"]["files"]
        image_hash = files[0]["hash"]
        event = _made(chat(c, sid, "turn this image into a meme video with Impact font "
                                   "captions and a trending sound"))
        meme = event["meme"]
        draft = state(c, sid)["state"]["draft"]
        assert _segs(draft, 0)[0]["src"] == image_hash          # the image, not the later clip
        assert [s["txt"] for s in _segs(draft, 7)] == meme["captions"]
        assert all(s["sty"] == "classic" for s in _segs(draft, 7))
        assert meme["topic_id"] in ("gym", "selfie")             # from the file's name
        assert [i["label"] for i in event["items"]] == [" / ".join(" ".join(t.split()) for t in a)
                                                        for a in meme["alternatives"]]
        seen = {shown_key(meme["captions"]), *(shown_key(a) for a in meme["alternatives"])}
        nxt = _made(chat(c, sid, "another one"))["meme"]
        assert shown_key(nxt["captions"]) not in seen
        seen |= {shown_key(nxt["captions"]), *(shown_key(a) for a in nxt["alternatives"])}
    finally:
        eng.kill()
    again = start_engine(data, token="maker-token")
    try:
        c = again.client()
        after = _made(chat(c, sid, "another one"))["meme"]
        assert shown_key(after["captions"]) not in seen          # memory survived the restart
        chip_text = _made(chat(c, sid, "another one"))["items"][0]["text"]
        picked = _made(chat(c, sid, chip_text))["meme"]
        assert picked["action"] == "pick"
        assert [s["txt"] for s in _segs(state(c, sid)["state"]["draft"], 7)] == picked["captions"]
    finally:
        again.stop()


def test_the_client_turns_the_event_into_chips(tmp_path: Path) -> None:
    image = make_image(tmp_path / "coffee.png", size="320x240")

    async def scenario() -> tuple[list[Any], str]:
        eng = start_engine(tmp_path / "engine", token="chips-token")
        try:
            async with httpx.AsyncClient(timeout=60) as http:
                client = NemoClient(http, eng.base_url, StaticToken("chips-token"), Policy.local())
                assistant = Assistant(client, "local", timing=Timing())
                await assistant.connect()
                await assistant.upload([image], lambda _p, _f: None)
                events = [e async for e in assistant.send("make a meme about coffee")]
                text = "".join(e.text for e in events if isinstance(e, TextDelta))
                return events, text
        finally:
            eng.stop()

    events, text = asyncio.run(scenario())
    choices = [e for e in events if isinstance(e, Choices)]
    assert len(choices) == 1 and len(choices[0].chips) == 2
    assert all(chip.text.startswith("use “") and chip.text.endswith("” instead")
               for chip in choices[0].chips)
    assert "coffee" in text.lower() and "Other ideas" in text
