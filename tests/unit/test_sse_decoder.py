"""The SSE decoder, byte by byte, and the payload decoder for both event shapes."""

from __future__ import annotations

import json

import pytest

from meme_desktop.api.sse import (
    Heartbeat,
    SSEDecoder,
    StreamError,
    TextChunk,
    ToolCall,
    ToolResult,
    decode_payload,
)

STREAM = (
    ": a comment line\n"
    'data: {"type":"text","content":"héllo 😀"}\n\n'
    "data:\n\n"
    "event: message\r\n"
    'data: {"type":"tool_call",\r\n'
    'data:  "name":"add_caption","args":{"text":"hi"}}\r\n\r\n'
    'data: {"type":"heartbeat"}\r\r'
    "id: 7\n"
    'data: {"type":"tool_result","name":"add_caption","result":{"ok":true}}\n\n'
)


def _decode(chunks: list[bytes]) -> list[str]:
    decoder = SSEDecoder()
    out = []
    for chunk in chunks:
        out.extend(e.data for e in decoder.feed(chunk))
    out.extend(e.data for e in decoder.close())
    return out


def _expected() -> list[str]:
    return [
        '{"type":"text","content":"héllo 😀"}',
        "",
        '{"type":"tool_call",\n "name":"add_caption","args":{"text":"hi"}}',
        '{"type":"heartbeat"}',
        '{"type":"tool_result","name":"add_caption","result":{"ok":true}}',
    ]


def test_whole_stream_in_one_chunk() -> None:
    assert _decode([STREAM.encode()]) == _expected()


def test_one_byte_at_a_time_gives_the_same_events() -> None:
    raw = STREAM.encode()
    assert _decode([raw[i:i + 1] for i in range(len(raw))]) == _expected()


@pytest.mark.parametrize("size", [2, 3, 5, 7, 13])
def test_every_chunk_size_gives_the_same_events(size: int) -> None:
    raw = STREAM.encode()
    assert _decode([raw[i:i + size] for i in range(0, len(raw), size)]) == _expected()


def test_crlf_split_between_chunks_is_one_line_end() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b'data: {"a":1}\r') == []
    events = decoder.feed(b"\n\r\n")
    assert [e.data for e in events] == ['{"a":1}']


def test_comments_alone_dispatch_nothing_and_ids_are_kept() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b": ping\n\n: ping\n\n") == []
    events = decoder.feed(b"id: 42\nretry: 1000\ndata: x\n\n")
    assert events[0].id == "42" and events[0].retry == 1000 and events[0].data == "x"


def test_last_event_without_blank_line_is_dispatched_on_close() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b'data: {"type":"text","content":"end"}') == []
    assert [e.data for e in decoder.close()] == ['{"type":"text","content":"end"}']


def test_typed_events() -> None:
    assert decode_payload('{"type":"text","content":"hi"}') == [TextChunk("hi")]
    assert decode_payload('{"type":"tool_call","name":"cut","args":{"a":1}}') == \
        [ToolCall("cut", {"a": 1})]
    assert decode_payload('{"type":"tool_result","name":"cut","result":{"ok":true}}') == \
        [ToolResult("cut", {"ok": True})]
    assert decode_payload('{"type":"heartbeat"}') == [Heartbeat()]
    assert decode_payload("") == [Heartbeat()]
    assert decode_payload('{"type":"error","code":1003,"message":"busy"}') == \
        [StreamError(1003, "busy")]


def test_unknown_and_broken_payloads_are_ignored() -> None:
    assert decode_payload('{"type":"telemetry","x":1}') == []
    assert decode_payload("not json {") == []
    assert decode_payload("[1, 2]") == []
    assert decode_payload('{"type":"text","content":""}') == []


def test_adk_events() -> None:
    event = {"content": {"role": "model", "parts": [
        {"text": "Adding"},
        {"functionCall": {"name": "add_sound", "args": {"name": "vine_boom"}}},
        {"functionResponse": {"name": "add_sound", "response": {"ok": True}}},
    ]}, "partial": True}
    assert decode_payload(json.dumps(event)) == [
        TextChunk("Adding", partial=True, adk=True),
        ToolCall("add_sound", {"name": "vine_boom"}),
        ToolResult("add_sound", {"ok": True}),
    ]


def test_adk_user_echo_and_thoughts_are_not_shown() -> None:
    echo = {"content": {"role": "user", "parts": [{"text": "my own words"}]}}
    thought = {"content": {"role": "model", "parts": [{"text": "hmm", "thought": True}]}}
    assert decode_payload(json.dumps(echo)) == []
    assert decode_payload(json.dumps(thought)) == []
