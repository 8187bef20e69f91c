"""Chat turns with a person's own model (a stub OpenAI-compatible server on loopback) through
the engine's real turn runner (``edits.chat_turn`` on a real store): the fast path stays with
the rules, the model's operations are applied as one version, and every failure of the model
ends in the built-in assistant's answer with one line saying so, and a store that works on."""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from meme_desktop.draft import Draft
from meme_desktop.draft.ops import op_from_json
from meme_desktop.engine.agent import respond
from meme_desktop.engine.agent.llm import ModelClient, ModelConfig
from meme_desktop.engine.edits import apply_session_ops, asset_refs, chat_turn, session_lock
from meme_desktop.engine.store import AssetRow, SessionHistory, Store
from tests.helpers.stub_model import (
    Answer,
    Drop,
    Gate,
    Hang,
    Seen,
    Status,
    StubModel,
    asset_ids,
    edit,
)

KEY = "sk-turns-5f3a9c0d2e"
CAT_BYTES = b"\x89PNG\r\n\x1a\nCAT-PIXELS-" + bytes(range(256)) * 8
DANCE = "make the cat dance like nobody is watching"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture
def stub() -> Iterator[StubModel]:
    with StubModel() as server:
        yield server


def cat_session(store: Store) -> tuple[str, str]:
    sid = store.create_session("user-1", "project", "en").session_id
    sha = hashlib.sha256(CAT_BYTES).hexdigest()
    path = store.media_path(sha, "png")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(CAT_BYTES)
    store.add_asset(sid, AssetRow(sha, "image", "png", len(CAT_BYTES),
                                  {"width": 640, "height": 480, "duration": 0.0}), "cat.png")
    return sid, sha


def model(stub: StubModel, timeout: float = 5.0) -> ModelClient:
    return ModelClient(ModelConfig(stub.base_url, "stub-model", KEY, timeout))


def dance(seen: Seen) -> Answer:
    """The stub's answer to DANCE: place the upload the prompt names, caption it, shake it."""
    return edit([{"op": "add_media", "asset": asset_ids(seen)[-1]},
                 {"op": "add_caption", "txt": "NOBODY:", "pos": "top"},
                 {"op": "add_caption", "txt": "THE CAT:", "pos": "bottom"}],
                reply="Here's your dancing cat meme.")


def draft(store: Store, sid: str) -> dict[str, Any]:
    raw = store.draft(sid)
    assert raw is not None
    return raw


def builtin_reply(store: Store, sid: str, text: str) -> str:
    """What the built-in assistant alone answers to ``text`` in this state."""
    return respond(text, Draft.from_json(draft(store, sid)), asset_refs(store, sid),
                   SessionHistory(store, sid)).reply


def test_commands_the_rules_understand_never_reach_the_model(store: Store,
                                                             stub: StubModel) -> None:
    sid, _ = cat_session(store)
    other, _ = cat_session(store)
    for text in ("add 'WHEN THE CODE COMPILES' at the top", "make it square",
                 "add a vine boom at 1s", "undo", "hello", "status"):
        with_model, _ = chat_turn(store, sid, text, model(stub))
        without, _ = chat_turn(store, other, text)
        assert with_model.reply == without.reply
        assert draft(store, sid)["t"] == draft(store, other)["t"]
    assert stub.requests == []


@pytest.mark.parametrize("stream", [False, True])
def test_the_models_operations_become_one_version(store: Store, stub: StubModel,
                                                  stream: bool) -> None:
    sid, sha = cat_session(store)
    stub.then(lambda seen: Answer(dance(seen).content, stream=stream))
    turn, tools = chat_turn(store, sid, DANCE, model(stub))
    assert [t["name"] for t in tools if t["type"] == "tool_call"] == [
        "add_media", "add_caption", "add_caption"]
    assert all(t["result"]["ok"] for t in tools if t["type"] == "tool_result")
    assert turn.reply.startswith("Here's your dancing cat meme.")
    assert "Timeline (" not in turn.reply       # issue 12: the timeline only on "status"
    saved = draft(store, sid)
    assert [s["src"] for t in saved["t"] if t["tt"] == 0 for s in t["sg"]] == [sha]
    assert sorted(s["txt"] for t in saved["t"] if t["tt"] == 7 for s in t["sg"]) == [
        "NOBODY:", "THE CAT:"]
    assert store.version_info(sid)[0] == 1  # one version: one undo step
    assert store.messages(sid)[-1]["text"] == turn.reply
    undo, _ = chat_turn(store, sid, "undo", model(stub))
    assert undo.history == -1 and len(stub.requests) == 1


def ops_of(tools: list[dict]) -> list[dict]:
    """The operation events of a turn (a turn may also offer chips: a suggestions event)."""
    return [t for t in tools if t["type"] in ("tool_call", "tool_result")]


def test_a_reply_without_operations_is_said(store: Store, stub: StubModel) -> None:
    sid, _ = cat_session(store)
    stub.then(edit([], "Try a vine boom right when the cat looks up."))
    turn, tools = chat_turn(store, sid, "what would make this funnier, in your opinion?",
                            model(stub))
    assert ops_of(tools) == [] and turn.draft is None
    assert turn.reply.startswith("Try a vine boom right when the cat looks up.")


FAULTS = {
    "not-json": (Answer("Sure, the cat is now dancing!"), "Your model's answer could not be used"),
    "invalid-op": (edit([{"op": "make_dance", "id": "s1"}]), "Your model's answer could not be used"),
    "cannot-apply": (edit([{"op": "delete_segment", "id": "s99"}]),
                     "Your model's answer could not be used"),
    "401": (Status(401), "Your model's server refused the API key"),
    "404": (Status(404), "Your model's server does not know that address or model"),
    "500": (Status(500), "Your model's server had an error (HTTP 500)"),
    "hang": (Hang(30), "Your model didn't answer within 0.5 s"),
    "dropped": (Drop(), "The connection to your model dropped"),
    "refusal": (Answer("", refusal="I won't.", stream=True), "Your model declined"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failing_model_never_breaks_the_turn(store: Store, stub: StubModel,
                                               fault: str) -> None:
    behaviour, line = FAULTS[fault]
    sid, _ = cat_session(store)
    expected = builtin_reply(store, sid, DANCE)
    stub.then(behaviour)
    turn, tools = chat_turn(store, sid, DANCE, model(stub, timeout=0.5))
    assert turn.reply == line + ", so the built-in assistant answered.\n" + expected
    assert ops_of(tools) == [] and store.version_info(sid)[0] == 0
    assert store.messages(sid)[-1]["text"] == turn.reply
    assert KEY not in turn.reply
    # the store and the model path work on
    ok, _ = chat_turn(store, sid, "add 'STILL HERE' at the top", model(stub))
    assert ok.draft is not None and store.version_info(sid)[0] == 1
    stub.then(dance)
    again, _ = chat_turn(store, sid, DANCE, model(stub))
    assert again.reply.startswith("Here's your dancing cat meme.")


def test_the_line_is_in_chinese_for_a_chinese_message(store: Store, stub: StubModel) -> None:
    sid, _ = cat_session(store)
    stub.then(Status(500))
    turn, _ = chat_turn(store, sid, "让猫跳舞", model(stub))
    assert turn.reply.startswith("你的模型服务器出错了（HTTP 500），由内置助手回答。\n")


def test_only_problems_go_to_the_model_and_fall_back_to_the_precise_answer(
        store: Store, stub: StubModel) -> None:
    sid, _ = cat_session(store)
    stub.then(Status(503))
    turn, _ = chat_turn(store, sid, "remove the music", model(stub))
    assert len(stub.requests) == 1
    assert turn.reply.splitlines()[1] == "There is no music on the timeline."


def test_stopping_the_wait_changes_nothing(store: Store, stub: StubModel) -> None:
    sid, _ = cat_session(store)
    stub.then(Hang(30))
    cancel = threading.Event()
    timer = threading.Timer(0.2, cancel.set)
    timer.start()
    turn, tools = chat_turn(store, sid, DANCE, model(stub, timeout=20), cancel)
    timer.join()
    assert turn.reply == "Stopped waiting for your model; nothing was changed."
    assert ops_of(tools) == [] and store.version_info(sid)[0] == 0


def test_a_gesture_is_not_held_up_while_the_model_thinks(store: Store, stub: StubModel) -> None:
    sid, sha = cat_session(store)
    chat_turn(store, sid, "add 'TOP' at the top")
    gate = Gate(threading.Event(), then=dance)
    stub.then(gate)
    done: list[Any] = []
    worker = threading.Thread(target=lambda: done.append(chat_turn(store, sid, DANCE,
                                                                   model(stub))))
    worker.start()
    assert gate.arrived.wait(10)
    assert not session_lock(sid).locked()  # the model is asked outside the edit lock
    outcome = apply_session_ops(store, sid, [op_from_json({"op": "set_canvas", "width": 1080,
                                                           "height": 1080})])
    assert outcome.changed
    gate.opened.set()
    worker.join(10)
    turn, _ = done[0]
    saved = draft(store, sid)
    assert (saved["m"]["width"], saved["m"]["height"]) == (1080, 1080)  # the gesture stayed
    assert len([s for t in saved["t"] if t["tt"] == 7 for s in t["sg"]]) == 3
    assert turn.reply.startswith("Here's your dancing cat meme.")


def test_no_request_carries_file_bytes_or_paths(store: Store, stub: StubModel) -> None:
    sid, sha = cat_session(store)
    chat_turn(store, sid, "add 'TOP' at the top")
    stub.then(dance, Answer({"captions": [["A"]]}))
    chat_turn(store, sid, DANCE, model(stub))
    model(stub).suggest_captions("cats", ["caption"])
    media = store.media_path(sha, "png")
    assert len(stub.requests) == 2
    for seen in stub.requests:
        raw = seen.body
        assert b"CAT-PIXELS" not in raw and base64.b64encode(CAT_BYTES[:48]) not in raw
        for forbidden in (str(media), str(store.root), str(media.parent)):
            assert forbidden.encode() not in raw
    assert sha.encode() in stub.requests[0].body  # uploads are named by their hash
    assert b"cat.png" in stub.requests[0].body


def _captions(raw: dict[str, Any]) -> list[str]:
    return [s["txt"] for t in raw["t"] if t["tt"] == 7 for s in t["sg"]]


def test_the_meme_maker_asks_the_model_for_its_captions(store: Store, stub: StubModel) -> None:
    """With a model configured, "make a meme about X" gets the model's captions (ranked by the
    maker's scorer with the templates'), and the prompt names the topic and each slot."""
    sid, _sha = cat_session(store)

    def captions(seen: Seen) -> Answer:
        slots = len(re.findall(r"\d+\. the caption", seen.prompt))
        lines = [["MONDAYS", "HIT DIFFERENT"], ["ME ON MONDAYS", "PRETENDING TO WORK"],
                 ["MONDAYS AGAIN", "NOBODY ASKED"]]
        return Answer({"captions": [line[:slots] + ["MONDAYS"] * (slots - len(line))
                                    for line in lines]})

    stub.default = captions
    turn, _tools = chat_turn(store, sid, "make a meme about mondays", model(stub))
    made = _captions(draft(store, sid))
    written = {("MONDAYS", "HIT DIFFERENT"), ("ME ON MONDAYS", "PRETENDING TO WORK"),
               ("MONDAYS AGAIN", "NOBODY ASKED")}
    assert tuple(made) in written, (made, turn.reply)
    assert sum(f"“{line[0]}”" in turn.reply for line in written) == 3  # the other two offered
    asked = next(r for r in stub.requests if "captions" in r.body.decode())
    assert "Topic: Monday mornings" in asked.prompt and "1. the caption at the top" in asked.prompt
    assert CAT_BYTES[:12] not in asked.body and "cat.png" not in asked.prompt


def test_a_failing_model_still_gets_a_meme_from_the_templates(store: Store,
                                                              stub: StubModel) -> None:
    sid, _sha = cat_session(store)
    stub.default = Status(500)
    turn, _tools = chat_turn(store, sid, "make a meme about mondays", model(stub, timeout=2))
    made = _captions(draft(store, sid))
    assert made and any("monday" in c.lower() for c in made), turn.reply
    assert stub.requests, "the model was asked first"


def _slot_captions(seen: Seen) -> Answer:
    """The stub's captions for any format: three lines naming mondays, one text per slot."""
    slots = len(re.findall(r"\d+\. the caption", seen.prompt))
    return Answer({"captions": [[f"{line} #{n + 1}" for n in range(slots)] for line in
                                ("MONDAYS AGAIN", "ME ON MONDAYS", "MONDAY MOOD")]})


def test_a_gesture_is_not_held_up_while_the_model_writes_meme_captions(
        store: Store, stub: StubModel) -> None:
    """The maker's captions are asked of the model outside the edit lock: a gesture sent while
    the model is slow is applied at once, and the meme is then made on the newer draft (with
    the model's captions: the request did not change)."""
    sid, _sha = cat_session(store)
    gate = Gate(threading.Event(), then=_slot_captions)
    stub.then(gate)
    done: list[Any] = []
    worker = threading.Thread(target=lambda: done.append(
        chat_turn(store, sid, "make a meme about mondays", model(stub, timeout=20))))
    worker.start()
    try:
        assert gate.arrived.wait(10), "the model was asked for captions"
        assert not session_lock(sid).locked()  # asked outside the edit lock
        gesture: list[Any] = []
        square = op_from_json({"op": "set_canvas", "width": 1080, "height": 1080})
        started = time.monotonic()
        mover = threading.Thread(target=lambda: gesture.append(
            apply_session_ops(store, sid, [square], "square")))
        mover.start()
        mover.join(2.0)
        took = time.monotonic() - started
        assert gesture and gesture[0].changed, "the gesture waited for the model"
        assert took < 1.0, took
    finally:
        gate.opened.set()
        worker.join(20)
    turn, _tools = done[0]
    saved = draft(store, sid)
    assert (saved["m"]["width"], saved["m"]["height"]) == (1080, 1080)  # the gesture stayed
    made = _captions(saved)
    assert made and all("#" in c for c in made), (made, turn.reply)  # the model's lines
    assert len(stub.completions()) == 1  # asked once, not again under the lock
    assert store.version_info(sid)[0] == 2  # the gesture, then the meme


def test_captions_written_for_an_older_draft_are_not_forced_on_a_newer_one(
        store: Store, stub: StubModel, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the draft changes while the model writes so that the meme asks for other
    captions, the meme is still made on the newer draft, with the built-in captions, and the
    reply says why; the model is never asked under the edit lock."""
    from meme_desktop.engine.agent.llm import captions as llm_captions

    sid, _sha = cat_session(store)
    gate = Gate(threading.Event(), then=_slot_captions)
    stub.then(gate)
    real_key = llm_captions.request_key
    calls: list[int] = []

    def moving_key(request: Any) -> tuple[object, ...]:  # as if the request had changed
        calls.append(1)
        return (*real_key(request), len(calls) > 1)

    monkeypatch.setattr(llm_captions, "request_key", moving_key)
    done: list[Any] = []
    worker = threading.Thread(target=lambda: done.append(
        chat_turn(store, sid, "make a meme about mondays", model(stub, timeout=20))))
    worker.start()
    try:
        assert gate.arrived.wait(10)
        apply_session_ops(store, sid, [op_from_json({"op": "set_canvas", "width": 1080,
                                                     "height": 1080})])
    finally:
        gate.opened.set()
        worker.join(20)
    turn, _tools = done[0]
    saved = draft(store, sid)
    assert (saved["m"]["width"], saved["m"]["height"]) == (1080, 1080)
    made = _captions(saved)
    assert made and not any("#" in c for c in made), made  # the built-in captions
    assert turn.reply.startswith("The timeline changed while your model was writing")
    assert len(stub.completions()) == 1
