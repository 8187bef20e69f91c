"""The engine's model client against a stub OpenAI-compatible server on loopback: answers
streamed and not, non-JSON, invalid operations, HTTP errors, a hang past the timeout, a
dropped stream, a refusal, a server without ``response_format``, cancelling, the key only as
a bearer header, and caption candidates for the meme maker."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator

import pytest

from meme_desktop.draft import Draft
from meme_desktop.draft.ops import AddCaption, op_from_json
from meme_desktop.engine.agent.llm import ModelClient, ModelConfig
from meme_desktop.engine.agent.llm.errors import (
    ModelBadAnswer,
    ModelCancelled,
    ModelDropped,
    ModelHttpError,
    ModelRefused,
    ModelTimeout,
    ModelUnreachable,
)
from meme_desktop.engine.agent.llm.wire import json_object
from meme_desktop.engine.agent.types import AssetRef
from tests.helpers.stub_model import (
    Answer,
    Drop,
    Hang,
    RejectFormat,
    Status,
    StubModel,
    edit,
)

KEY = "sk-stub-0123456789abcdef"
CAT = AssetRef("a" * 64, "cat.png", "image", 0.0, 640, 480)
GOOD = [{"op": "add_caption", "txt": "MONDAY AGAIN", "pos": "top"},
        {"op": "add_sound", "name": "vine_boom", "st": 500}]


@pytest.fixture
def stub() -> Iterator[StubModel]:
    with StubModel() as server:
        yield server


def client(stub: StubModel, timeout: float = 5.0, key: str = KEY) -> ModelClient:
    return ModelClient(ModelConfig(stub.base_url, "stub-model", key, timeout))


@pytest.mark.parametrize("stream", [False, True])
def test_a_good_answer_gives_validated_operations(stub: StubModel, stream: bool) -> None:
    stub.then(edit(GOOD, "Added a caption and a boom.", stream=stream))
    answer = client(stub).ask_edit("write something about mondays", Draft.empty(), [CAT])
    assert answer.ops == [AddCaption(txt="MONDAY AGAIN", pos="top"),
                          op_from_json(GOOD[1])]
    assert answer.reply == "Added a caption and a boom."
    [seen] = stub.requests
    assert (seen.method, seen.path) == ("POST", "/v1/chat/completions")
    body = seen.json
    assert body["model"] == "stub-model" and body["stream"] is True
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["required"] == ["ops", "reply"]
    names = {item["properties"]["op"]["const"]
             for item in schema["properties"]["ops"]["items"]["anyOf"]}
    assert {"add_caption", "add_sound", "set_canvas", "add_media"} <= names
    assert "write something about mondays" in seen.prompt
    assert f"asset {CAT.hash}: 'cat.png', picture, 640x480" in seen.prompt


@pytest.mark.parametrize("behaviour", [
    Answer("Sure! I added a caption."),                       # not JSON
    Answer("{\"ops\": [{\"op\": \"add_caption\""),            # cut-off JSON
    Answer({"ops": [], "reply": ""}),                         # nothing at all
    Answer(""),                                               # empty
], ids=["prose", "truncated", "empty-object", "empty"])
def test_an_unusable_answer_is_a_bad_answer(stub: StubModel, behaviour: Answer) -> None:
    stub.then(behaviour)
    with pytest.raises(ModelBadAnswer):
        client(stub).ask_edit("hm", Draft.empty(), [])
    assert len(stub.requests) == 1  # no silent retry


@pytest.mark.parametrize("ops", [
    [{"op": "explode", "id": "s1"}],
    [{"op": "add_caption"}],
    [{"op": "add_caption", "txt": "A", "pos": "sideways"}],
    [{"op": "set_volume", "id": "s1", "vol": 9000}],
    {"op": "add_caption", "txt": "not a list"},
], ids=["unknown-op", "missing-field", "bad-enum", "out-of-range", "not-a-list"])
def test_schema_invalid_operations_are_refused(stub: StubModel, ops: object) -> None:
    stub.then(Answer({"ops": ops, "reply": "ok"}, stream=True))
    with pytest.raises(ModelBadAnswer) as info:
        client(stub).ask_edit("x", Draft.empty(), [])
    assert "invalid operations" in info.value.detail


@pytest.mark.parametrize("code", [401, 403, 404, 429, 500, 503])
def test_http_errors_are_typed_and_not_retried(stub: StubModel, code: int) -> None:
    stub.then(Status(code))
    with pytest.raises(ModelHttpError) as info:
        client(stub).ask_edit("x", Draft.empty(), [])
    assert info.value.status == code
    assert len(stub.completions()) == 1


def test_a_server_without_response_format_is_asked_in_the_prompt_and_remembered(
        stub: StubModel) -> None:
    stub.default = RejectFormat(then=edit(GOOD[:1], "ok"))
    model = client(stub)
    assert model.ask_edit("x", Draft.empty(), []).ops == [AddCaption("MONDAY AGAIN", pos="top")]
    first, second = stub.completions()
    assert "response_format" in first.json and "response_format" not in second.json
    assert second.json["messages"][-1]["content"].endswith("no other text.")
    model.ask_edit("y", Draft.empty(), [])
    assert len(stub.completions()) == 3 and "response_format" not in stub.completions()[2].json


def test_a_400_that_is_not_about_the_format_is_still_an_error(stub: StubModel) -> None:
    stub.default = Status(400)
    model = client(stub)
    with pytest.raises(ModelHttpError):
        model.ask_edit("x", Draft.empty(), [])
    assert len(stub.completions()) == 2 and not model.json_only


def test_a_hang_past_the_timeout_is_abandoned(stub: StubModel) -> None:
    stub.then(Hang(30))
    with pytest.raises(ModelTimeout) as info:
        client(stub, timeout=0.5).ask_edit("x", Draft.empty(), [])
    assert info.value.seconds == 0.5
    stub.then(edit(GOOD, "back"))  # the server is fine afterwards, and so is the client
    assert client(stub).ask_edit("x", Draft.empty(), []).reply == "back"


def test_a_connection_dropped_mid_stream(stub: StubModel) -> None:
    stub.then(Drop())
    with pytest.raises(ModelDropped):
        client(stub).ask_edit("x", Draft.empty(), [])


def test_a_stream_without_done_still_counts_when_complete(stub: StubModel) -> None:
    stub.then(Answer({"ops": GOOD, "reply": "ok"}, stream=True, done=False))
    assert len(client(stub).ask_edit("x", Draft.empty(), []).ops) == 2


@pytest.mark.parametrize("stream", [False, True])
def test_a_refusal(stub: StubModel, stream: bool) -> None:
    stub.then(Answer("", refusal="I can't help with that.", stream=stream))
    with pytest.raises(ModelRefused):
        client(stub).ask_edit("x", Draft.empty(), [])


def test_nobody_listening_is_unreachable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    model = ModelClient(ModelConfig(f"http://127.0.0.1:{port}/v1", "m", "", 2))
    with pytest.raises(ModelUnreachable):
        model.ask_edit("x", Draft.empty(), [])


def test_cancelling_abandons_the_call_and_closes_the_connection(stub: StubModel) -> None:
    stub.then(Hang(30))
    cancel = threading.Event()
    timer = threading.Timer(0.2, cancel.set)
    timer.start()
    with pytest.raises(ModelCancelled):
        client(stub, timeout=20).ask_edit("x", Draft.empty(), [], cancel=cancel)
    timer.join()
    assert _eventually(lambda: stub.disconnects == 1)
    with pytest.raises(ModelCancelled):  # already cancelled: not even sent
        client(stub).ask_edit("x", Draft.empty(), [], cancel=cancel)
    assert len(stub.requests) == 1


def _eventually(check: object, tries: int = 100) -> bool:
    import time

    for _ in range(tries):
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def test_the_key_is_sent_only_as_a_bearer_header(stub: StubModel) -> None:
    stub.then(edit(GOOD), edit(GOOD, stream=True), Status(401))
    model = client(stub)
    model.ask_edit("x", Draft.empty(), [CAT])
    model.suggest_captions("cats", ["top", "bottom"])
    model.suggest_captions("cats", ["top"])
    assert len(stub.requests) == 3
    for seen in stub.requests:
        assert seen.headers["authorization"] == f"Bearer {KEY}"
        others = {k: v for k, v in seen.headers.items() if k != "authorization"}
        assert KEY not in json.dumps(others) and KEY not in seen.path
        assert KEY.encode() not in seen.body


def test_no_key_no_authorization_header(stub: StubModel) -> None:
    stub.then(edit(GOOD))
    client(stub, key="").ask_edit("x", Draft.empty(), [])
    assert "authorization" not in stub.requests[0].headers


def test_caption_candidates(stub: StubModel) -> None:
    stub.then(Answer({"captions": [
        ["ME ON MONDAY", "ME ON FRIDAY"],
        ["ONLY ONE SLOT"],                           # wrong shape: skipped
        ["X" * 61, "TOO LONG"],                      # over the limit: skipped
        ["ME ON MONDAY", "ME ON FRIDAY"],            # a repeat: skipped
        ["USED BEFORE", "NEW"],                      # already used in the session: skipped
        ["COFFEE: EMPTY", "ME: ALSO EMPTY"],
        ["THIRD", "ONE"], ["FOURTH", "ONE"]]}, stream=True))
    out = client(stub).suggest_captions("mondays", ["top: the setup", "bottom: the punchline"],
                                        "en", 3, format_hint="two-line Impact",
                                        avoid=["used before"])
    assert out == [["ME ON MONDAY", "ME ON FRIDAY"], ["COFFEE: EMPTY", "ME: ALSO EMPTY"],
                   ["THIRD", "ONE"]]
    body = stub.requests[0].json
    schema = body["response_format"]["json_schema"]["schema"]["properties"]["captions"]
    assert schema["maxItems"] == 3 and schema["items"]["minItems"] == 2
    prompt = stub.requests[0].prompt
    assert "mondays" in prompt and "bottom: the punchline" in prompt and "used before" in prompt
    assert "English" in prompt


def test_caption_candidates_in_chinese_and_none_when_unavailable(stub: StubModel) -> None:
    stub.then(Answer({"captions": [["周一的我"], ["周五的我"]]}), Status(500),
              Answer({"captions": "nope"}))
    model = client(stub)
    assert model.suggest_captions("周一", ["caption"], "zh", 2) == [["周一的我"], ["周五的我"]]
    assert "Simplified Chinese" in stub.requests[0].prompt
    assert model.suggest_captions("周一", ["caption"], "zh", 2) is None
    assert model.suggest_captions("周一", ["caption"], "zh", 2) is None
    with pytest.raises(ValueError):
        model.ask_captions("x", [], "en")


@pytest.mark.parametrize(("text", "expected"), [
    ('{"ops": [], "reply": "a"}', {"ops": [], "reply": "a"}),
    ('```json\n{"ops": [], "reply": "a"}\n```', {"ops": [], "reply": "a"}),
    ('<think>maybe {"no"}</think> Here: {"ops": [], "reply": "b"} hope it helps',
     {"ops": [], "reply": "b"}),
    ('[1, 2] then {"a": 1}', {"a": 1}),
])
def test_the_json_object_is_found_in_the_text(text: str, expected: dict) -> None:
    assert json_object(text) == expected


def test_config_from_the_environment() -> None:
    env = {"MEME_DESKTOP_LLM_URL": "http://127.0.0.1:11434/v1/chat/completions/",
           "MEME_DESKTOP_LLM_MODEL": " llama3.2 ", "MEME_DESKTOP_LLM_KEY": KEY,
           "MEME_DESKTOP_LLM_TIMEOUT": "1.5"}
    cfg = ModelConfig.from_env(env)
    assert cfg is not None
    assert (cfg.url, cfg.model, cfg.key, cfg.timeout) == (
        "http://127.0.0.1:11434/v1", "llama3.2", KEY, 1.5)
    assert cfg.endpoint == "http://127.0.0.1:11434/v1/chat/completions"
    assert KEY not in repr(cfg) and KEY not in repr(ModelClient(cfg))
    assert ModelConfig.from_env({}) is None
    assert ModelConfig.from_env({"MEME_DESKTOP_LLM_URL": "  "}) is None
    assert ModelConfig.from_env({"MEME_DESKTOP_LLM_URL": "file:///etc/passwd"}) is None
    for bad in ("soon", "-1", "0", "nan", "100000"):
        again = ModelConfig.from_env({"MEME_DESKTOP_LLM_URL": "http://h/v1",
                                      "MEME_DESKTOP_LLM_TIMEOUT": bad})
        assert again is not None and again.timeout == 30.0
    shown = ModelConfig("https://user:pw@example.com:8443/v1?k=1").shown
    assert shown == "https://example.com:8443/v1"


def test_the_prompt_lists_a_long_timeline_within_bounds() -> None:
    from meme_desktop.engine.agent import respond
    from meme_desktop.engine.agent.llm import prompt

    draft = respond("add 'A' at the top", Draft.empty(), [CAT], None).draft
    assert draft is not None
    captions = next(t for t in draft.tracks if t.type == 7)
    extra = [type(captions.segments[0])(id=f"c{i}", start=0, duration=100, text=f"T{i}")
             for i in range(300)]
    captions.segments.extend(extra)
    text = prompt.timeline(draft, [CAT])
    shown = prompt.MAX_LISTED - 1  # the picture is listed first
    assert text.count("caption '") == shown and f"… and {301 - shown} more" in text
    assert f"asset {CAT.hash}: 'cat.png'" in text
    assert "path" not in prompt.upload_name("C:\\Users\\me\\secret path\\cat.png")
    assert prompt.upload_name("/home/me/memes/cat.png") == "cat.png"
