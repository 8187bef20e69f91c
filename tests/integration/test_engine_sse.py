"""``/run_sse`` under pressure: heartbeats, two turns at once, a client that hangs up mid-turn.

The engine runs with two test knobs: each turn takes 1.5 s more (``--debug-turn-delay``) and
heartbeats come every 0.2 s (``--debug-heartbeat``), so the timing is deterministic.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.integration.test_engine_api import new_session, state

DELAY = 1.5


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine"),
                        args=["--debug-turn-delay", str(DELAY),
                              "--debug-heartbeat", "0.2"]) as eng:
        yield eng


def _body(sid: str, text: str) -> dict[str, Any]:
    return {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": text}]}}


def _events(response: httpx.Response) -> Iterator[dict[str, Any]]:
    for line in response.iter_lines():
        if line.startswith("data:") and line[5:].strip():
            yield json.loads(line[5:])


def _captions(engine: EngineProcess, sid: str) -> list[str]:
    draft = state(engine.client(), sid)["state"]["draft"]
    return [s["txt"] for t in draft["t"] if t["tt"] == 7 for s in t["sg"]]


def test_heartbeats_while_working_then_text_then_close(engine: EngineProcess) -> None:
    client = engine.client()
    sid = new_session(client)
    started = time.monotonic()
    with client.stream("POST", "/run_sse", json=_body(sid, 'add "BEAT" at the top')) as r:
        events = list(_events(r))
    assert time.monotonic() - started >= DELAY
    kinds = [e["type"] for e in events]
    assert kinds.count("heartbeat") >= 3
    first_other = next(i for i, k in enumerate(kinds) if k != "heartbeat")
    assert all(k == "heartbeat" for k in kinds[:first_other])
    assert "heartbeat" not in kinds[first_other:]  # work done: no more heartbeats
    # the reply's text comes last, then (extension, docs/protocol.md) the chips offered with it
    assert [k for k in kinds if k != "suggestions"][-1] == "text"
    assert "suggestions" not in kinds or kinds.index("suggestions") == len(kinds) - 1
    call = next(e for e in events if e["type"] == "tool_call")
    result = next(e for e in events if e["type"] == "tool_result")
    assert call["name"] == result["name"] and isinstance(call["args"], dict)
    assert _captions(engine, sid) == ["BEAT"]


def test_two_turns_at_once_the_second_is_refused(engine: EngineProcess) -> None:
    client = engine.client()
    sid = new_session(client)
    first: list[dict[str, Any]] = []
    got_heartbeat = threading.Event()

    def run_first() -> None:
        with engine.client().stream("POST", "/run_sse", json=_body(sid, 'add "ONE"')) as r:
            for event in _events(r):
                first.append(event)
                got_heartbeat.set()

    t = threading.Thread(target=run_first)
    t.start()
    assert got_heartbeat.wait(10)
    with client.stream("POST", "/run_sse", json=_body(sid, 'add "TWO"')) as r:
        second = list(_events(r))
    assert len(second) == 1 and second[0]["type"] == "error" and second[0]["code"] == 1003
    assert second[0]["message"]
    t.join(20)
    assert [e for e in first if e["type"] == "text"]
    assert _captions(engine, sid) == ["ONE"]
    # another session is not blocked, and the first session is free again afterwards
    with client.stream("POST", "/run_sse", json=_body(sid, 'add "THREE"')) as r:
        assert any(e["type"] == "text" for e in _events(r))
    assert _captions(engine, sid) == ["ONE", "THREE"]


def test_client_hanging_up_mid_turn_leaves_a_whole_draft(engine: EngineProcess) -> None:
    client = engine.client()
    sid = new_session(client)
    with client.stream("POST", "/run_sse", json=_body(sid, 'add "GONE" at the bottom')) as r:
        first = next(_events(r))
        assert first["type"] == "heartbeat"
    # the connection is closed now, mid-turn; the turn still completes and saves once
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _captions(engine, sid) != ["GONE"]:
        time.sleep(0.1)
    assert _captions(engine, sid) == ["GONE"]
    messages = client.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert state(client, sid)["history"]["versions"] == 2  # the empty draft + one edit
    with client.stream("POST", "/run_sse", json=_body(sid, 'add "BACK"')) as r:
        assert any(e["type"] == "text" for e in _events(r))
