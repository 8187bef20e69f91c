"""One ``POST {URL}/chat/completions`` to an OpenAI-compatible server, and reading its answer.

The request asks for a stream; the answer is read either way: Server-Sent Events
(``data: {"choices": [{"delta": {"content": ...}}]}`` up to ``data: [DONE]``) or one JSON
document (a server that ignores ``stream``). Every transport failure becomes a typed
:mod:`~meme_desktop.engine.agent.llm.errors` error; nothing is retried here. The API key goes
only into the ``Authorization: Bearer`` header. :func:`json_object` finds the JSON object in
a model's text (code fences and ``<think>`` sections around it are tolerated).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import httpx

from meme_desktop.engine.agent.llm.config import ModelConfig
from meme_desktop.engine.agent.llm.errors import (
    ModelBadAnswer,
    ModelDropped,
    ModelError,
    ModelHttpError,
    ModelTimeout,
    ModelUnreachable,
)

MAX_BODY = 2_000_000     # bytes of a non-streamed answer
MAX_CONTENT = 200_000    # characters of the model's text
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)


@dataclass
class Reply:
    """The model's text, a refusal if it declined, and why it stopped (``length``: cut off)."""

    content: str
    refusal: str = ""
    finish: str = ""


def request_body(model: str, messages: list[dict[str, str]], schema: dict[str, Any] | None,
                 name: str, max_tokens: int, temperature: float) -> dict[str, Any]:
    """The chat completion request; ``schema`` set: ``response_format`` JSON Schema."""
    body: dict[str, Any] = {"messages": messages, "stream": True, "max_tokens": max_tokens,
                            "temperature": temperature}
    if model:
        body["model"] = model
    if schema is not None:
        body["response_format"] = {"type": "json_schema",
                                   "json_schema": {"name": name, "schema": schema,
                                                   "strict": False}}
    return body


def headers_for(config: ModelConfig) -> dict[str, str]:
    headers = {"Accept": "text/event-stream, application/json"}
    if config.key:
        headers["Authorization"] = f"Bearer {config.key}"
    return headers


async def exchange(http: httpx.AsyncClient, config: ModelConfig,
                   body: dict[str, Any]) -> Reply:
    """Send one request and read the whole answer; typed errors for every failure."""
    try:
        async with http.stream("POST", config.endpoint, json=body,
                               headers=headers_for(config)) as response:
            if response.status_code >= 400:
                raise ModelHttpError(response.status_code)
            kind = response.headers.get("content-type", "")
            if kind.startswith("text/event-stream"):
                return await _read_events(response)
            return _read_document(await _read_bounded(response))
    except ModelError:
        raise
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise ModelUnreachable(type(exc).__name__) from exc
    except httpx.TimeoutException as exc:
        raise ModelTimeout(config.timeout, type(exc).__name__) from exc
    except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
        raise ModelDropped(type(exc).__name__) from exc
    except httpx.HTTPError as exc:
        raise ModelUnreachable(type(exc).__name__) from exc


async def _read_bounded(response: httpx.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > MAX_BODY:
            raise ModelBadAnswer("the answer is too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _text_of(value: Any) -> str:
    """Message content: a string, or a list of ``{"type": "text", "text": ...}`` parts."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(p.get("text", "") for p in value
                       if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def _first_choice(obj: Any) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ModelBadAnswer("the answer is not a JSON object")
    if "error" in obj and not obj.get("choices"):
        raise ModelBadAnswer("the server reported an error instead of an answer")
    choices = obj.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise ModelBadAnswer("the answer has no choices")
    return choices[0]


def _read_document(raw: bytes) -> Reply:
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        raise ModelBadAnswer("the server's answer is not JSON") from exc
    choice = _first_choice(obj)
    message = choice.get("message")
    if not isinstance(message, dict):
        raise ModelBadAnswer("the answer has no message")
    refusal = message.get("refusal")
    return Reply(_text_of(message.get("content")), refusal if isinstance(refusal, str) else "",
                 str(choice.get("finish_reason") or ""))


async def _read_events(response: httpx.Response) -> Reply:
    content: list[str] = []
    refusal: list[str] = []
    finish = ""
    size = 0
    async for line in response.aiter_lines():
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            break
        if not data:
            continue
        try:
            obj = json.loads(data)
        except ValueError as exc:
            raise ModelBadAnswer("a streamed event is not JSON") from exc
        if not isinstance(obj, dict):
            raise ModelBadAnswer("a streamed event is not a JSON object")
        choice = _first_choice(obj) if obj.get("choices") or "error" in obj else {}
        delta = choice.get("delta") or choice.get("message") or {}
        if isinstance(delta, dict):
            piece = _text_of(delta.get("content"))
            content.append(piece)
            if isinstance(delta.get("refusal"), str):
                refusal.append(delta["refusal"])
            size += len(piece)
        finish = str(choice.get("finish_reason") or finish)
        if size > MAX_CONTENT:
            raise ModelBadAnswer("the answer is too long")
    return Reply("".join(content), "".join(refusal), finish)


def json_object(text: str) -> dict[str, Any]:
    """The first JSON object in a model's text; :class:`ModelBadAnswer` when there is none."""
    text = _THINK.sub("", text)
    start = text.find("{")
    for _attempt in range(50):  # a few tries, not one per brace of a long text
        if start < 0:
            break
        try:
            obj, _end = json.JSONDecoder().raw_decode(text, start)
        except ValueError:
            start = text.find("{", start + 1)
            continue
        if isinstance(obj, dict):
            return obj
        start = text.find("{", start + 1)
    raise ModelBadAnswer("the answer holds no JSON object")


__all__ = ["Reply", "exchange", "headers_for", "json_object", "request_body"]
