"""The real engine (``meme-desktop engine serve`` as a subprocess) with a person's own model
configured only through ``MEME_DESKTOP_LLM_*`` (a stub OpenAI-compatible server on loopback):
a good answer over ``/run_sse``, a hang past the timeout, a server error and a dropped stream
each end in a correct turn and a working engine; a client that closes the stream makes the
engine abandon the model call; the key is only a bearer header and never in the engine's
logs; no request carries the uploaded file's bytes or any path of the engine's store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_image
from tests.helpers.stub_model import Drop, Hang, Seen, Status, StubModel, asset_ids, edit
from tests.integration.test_engine_api import chat, new_session, state, upload

KEY = "sk-engine-7d1e44b0c9"
DANCE = "make the cat dance like nobody is watching"
TIMEOUT = 2  # seconds: MEME_DESKTOP_LLM_TIMEOUT for this engine


def dance(seen: Seen) -> Any:
    return edit([{"op": "add_media", "asset": asset_ids(seen)[-1]},
                 {"op": "add_caption", "txt": "NOBODY:", "pos": "top"}],
                reply="Here's your dancing cat.", stream=True)


@pytest.fixture(scope="module")
def stub() -> Iterator[StubModel]:
    with StubModel(default=dance) as server:
        yield server


@pytest.fixture(scope="module")
def engine(stub: StubModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEME_DESKTOP_LLM_URL", stub.base_url)
        mp.setenv("MEME_DESKTOP_LLM_MODEL", "stub-model")
        mp.setenv("MEME_DESKTOP_LLM_KEY", KEY)
        mp.setenv("MEME_DESKTOP_LLM_TIMEOUT", str(TIMEOUT))
        with running_engine(tmp_path_factory.mktemp("llm-engine")) as eng:
            yield eng


@pytest.fixture(scope="module")
def cat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_image(tmp_path_factory.mktemp("llm-media") / "cat.png", size="320x240")


def session(engine: EngineProcess, cat: Path) -> tuple[str, str]:
    sid = new_session(engine.client())
    files = upload(engine.client(), sid, cat).json()["data"]["files"]
    return sid, files[0]["hash"]


def turn(engine: EngineProcess, sid: str, text: str) -> tuple[list[str], str]:
    events = chat(engine.client(), sid, text)
    calls = [e["name"] for e in events if e["type"] == "tool_call"]
    return calls, "".join(e["content"] for e in events if e["type"] == "text")


def captions(engine: EngineProcess, sid: str) -> list[str]:
    draft = state(engine.client(), sid)["state"]["draft"]
    return [s["txt"] for t in draft["t"] if t["tt"] == 7 for s in t["sg"]]


def test_a_request_the_rules_do_not_understand_is_made_by_the_model(
        engine: EngineProcess, stub: StubModel, cat: Path) -> None:
    sid, sha = session(engine, cat)
    before = len(stub.requests)
    calls, reply = turn(engine, sid, DANCE)
    assert calls == ["add_media", "add_caption"]
    assert reply.startswith("Here's your dancing cat.")
    assert captions(engine, sid) == ["NOBODY:"]
    seen = stub.requests[before]
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert sha in seen.prompt and "cat.png" in seen.prompt
    body = seen.body
    assert cat.read_bytes()[16:64] not in body
    for path in (str(engine.data_dir), str(cat), str(cat.parent)):
        assert path.encode() not in body
    calls, _ = turn(engine, sid, "add 'FAST PATH' at the bottom")  # rules: no request
    assert calls == ["add_caption"] and len(stub.requests) == before + 1


@pytest.mark.parametrize(("behaviour", "line"), [
    (Hang(30), f"Your model didn't answer within {TIMEOUT} s"),
    (Status(500), "Your model's server had an error (HTTP 500)"),
    (Drop(), "The connection to your model dropped"),
], ids=["hang", "500", "dropped"])
def test_a_failing_model_ends_in_a_correct_turn_and_a_working_engine(
        engine: EngineProcess, stub: StubModel, cat: Path, behaviour: Any, line: str) -> None:
    sid, _ = session(engine, cat)
    stub.then(behaviour)
    calls, reply = turn(engine, sid, DANCE)
    assert calls == [] and reply.startswith(line + ", so the built-in assistant answered.\n")
    assert "I'm not sure what to change" in reply
    assert captions(engine, sid) == []
    calls, _ = turn(engine, sid, "add 'STILL WORKS' at the top")
    assert calls == ["add_media", "add_caption"] and captions(engine, sid) == ["STILL WORKS"]


def test_closing_the_stream_abandons_the_model_call(engine: EngineProcess, stub: StubModel,
                                                    cat: Path) -> None:
    sid, _ = session(engine, cat)
    stub.then(Hang(30))
    before_requests, before_drops = len(stub.requests), stub.disconnects
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": DANCE}]}}
    with engine.client() as client, client.stream("POST", "/run_sse", json=body) as response:
        assert response.status_code == 200
        _until(lambda: len(stub.requests) > before_requests)
    _until(lambda: stub.disconnects > before_drops)  # the engine hung up on the model
    _until(lambda: _last_reply(engine, sid).startswith("Stopped waiting"))
    assert _last_reply(engine, sid) == "Stopped waiting for your model; nothing was changed."
    calls, _ = turn(engine, sid, "add 'NEXT' at the top")
    assert calls == ["add_media", "add_caption"]


def test_the_key_never_reaches_the_logs(engine: EngineProcess) -> None:
    logs = engine.stderr() + (engine.data_dir / "engine.log").read_text(errors="replace")
    assert "model at http://127.0.0.1" in logs  # configured, and said so
    assert KEY not in logs


def _last_reply(engine: EngineProcess, sid: str) -> str:
    r = engine.client().get(f"/api/sessions/{sid}/messages")
    msgs = [m for m in r.json()["data"]["messages"] if m["role"] != "user"]
    return msgs[-1]["text"] if msgs else ""


def _until(check: Any, tries: int = 300) -> None:
    for _ in range(tries):
        try:
            if check():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError("the condition never came true")


def test_an_unusable_address_leaves_the_builtin_assistant(tmp_path: Path, cat: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("MEME_DESKTOP_LLM_URL", "file:///etc/passwd")
    monkeypatch.setenv("MEME_DESKTOP_LLM_TIMEOUT", "soon")
    with running_engine(tmp_path / "engine") as eng:
        sid, _ = session(eng, cat)
        calls, reply = turn(eng, sid, DANCE)
        assert calls == [] and reply.startswith("I'm not sure what to change")
        assert "MEME_DESKTOP_LLM_URL is not an http(s) address" in eng.stderr()
