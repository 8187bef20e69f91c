"""The chat-turn reader: ``POST /run_sse`` and typed events until the server closes the stream.

The request is opened with :func:`httpx_sse.aconnect_sse` (``Accept: text/event-stream``); the
bytes go through :class:`meme_desktop.api.sse.SSEDecoder` so each read can be timed:

- heartbeats (and empty ``data:``) keep the turn alive; they are yielded as
  :class:`~meme_desktop.api.sse.Heartbeat` only so the assistant can time "⏳ Still working…";
- after ``Policy.sse_idle_limit`` (10 min) with nothing but heartbeats, or
  ``Policy.sse_total_limit`` (15 min) in all, :class:`StreamTimeoutError`;
- a connection that breaks before the server closes it is :class:`StreamInterruptedError`;
- ADK ``partial`` text pieces are yielded as they come; the non-partial event that repeats
  the whole text afterwards is dropped, so text is never shown twice.

An error answer before the stream starts goes through the same recovery as other calls (1001
renews the token once, 429 waits once, for its ``Retry-After`` when the service says, unless
that is longer than ``Policy.rate_limit_max_wait``); nothing is retried once events have been
read.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator

import httpx
from httpx_sse import aconnect_sse

from meme_desktop.api.errors import (
    CODE_ERRORS,
    ApiError,
    RateLimitedError,
    StreamTimeoutError,
    TokenInvalidError,
    UnknownApiError,
    error_for,
    error_from_exception,
)
from meme_desktop.api.sse import (
    Heartbeat,
    SSEDecoder,
    StreamError,
    StreamEvent,
    TextChunk,
    decode_payload,
)
from meme_desktop.api.transport import Transport

log = logging.getLogger(__name__)


class _TextDeduper:
    """Drops the ADK final text that repeats the partial pieces already yielded."""

    def __init__(self) -> None:
        self.partial_seen = ""

    def accept(self, chunk: TextChunk) -> bool:
        if not chunk.adk:
            return True
        if chunk.partial:
            self.partial_seen += chunk.text
            return True
        if self.partial_seen:
            repeated = chunk.text.strip() == self.partial_seen.strip() or not chunk.text.strip()
            self.partial_seen = ""
            return not repeated
        return True


def _stream_error(event: StreamError) -> ApiError:
    cls = CODE_ERRORS.get(event.code, UnknownApiError)
    return cls(event.message, code=event.code, endpoint="/run_sse")


async def run_turn(client: Transport, session_id: str, text: str) -> AsyncIterator[StreamEvent]:
    """Yield the typed events of one turn (see the module docstring)."""
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": session_id,
            "new_message": {"parts": [{"text": text}]}}
    policy = client.policy
    renewed = rate_waited = False
    yielded = False
    while True:
        headers = await client.headers()
        started = time.monotonic()
        try:
            async with aconnect_sse(client.http, "POST", client.url("/run_sse"), json=body,
                                    headers=headers,
                                    timeout=httpx.Timeout(30.0, read=None)) as source:
                client.reached()
                response = source.response
                content_type = response.headers.get("content-type", "")
                if response.status_code != 200 or "text/event-stream" not in content_type:
                    await response.aread()
                    try:
                        parsed = response.json()
                    except ValueError:
                        parsed = None
                    error = error_for(response.status_code, parsed, response.headers, "/run_sse")
                    if error is None:
                        return  # an empty, non-streamed success: nothing was said
                    raise error
                async for event in _events(response, started, policy.sse_idle_limit,
                                           policy.sse_total_limit):
                    yielded = True
                    yield event
                return
        except TokenInvalidError:
            if renewed or yielded:
                raise
            renewed = True
            await client.auth.renew(client)
        except RateLimitedError as exc:
            wait = policy.rate_wait(exc.retry_after)
            if rate_waited or yielded or wait is None:
                raise
            rate_waited = True
            await policy.sleep(wait)
        except httpx.TransportError as exc:
            client.reached(exc)
            raise error_from_exception(exc, "/run_sse") from exc


async def _events(response: httpx.Response, started: float, idle_limit: float,
                  total_limit: float) -> AsyncIterator[StreamEvent]:
    decoder = SSEDecoder()
    dedupe = _TextDeduper()
    chunks = response.aiter_bytes()
    last_real = time.monotonic()  # last event that was not a heartbeat
    any_event = False
    while True:
        now = time.monotonic()
        idle_left = idle_limit - (now - last_real)
        total_left = total_limit - (now - started)
        if idle_left <= 0 or total_left <= 0:
            raise StreamTimeoutError("the turn took too long", heartbeats_only=idle_left <= 0,
                                     endpoint="/run_sse")
        try:
            # asyncio.timeout, not wait_for: no task per read (each task costs the window's
            # qasync loop extra passes before the chunk is seen)
            async with asyncio.timeout(min(idle_left, total_left)):
                chunk = await anext(chunks)
        except StopAsyncIteration:
            break
        except TimeoutError:
            # the generator was cancelled mid-read: it cannot be resumed, so stop here
            idle = time.monotonic() - last_real >= idle_limit - 0.001
            raise StreamTimeoutError("the turn took too long", heartbeats_only=idle,
                                     endpoint="/run_sse") from None
        except httpx.TransportError as exc:
            raise error_from_exception(exc, "/run_sse", streaming=True) from exc
        for sse in decoder.feed(chunk):
            for event in decode_payload(sse.data):
                if isinstance(event, StreamError):
                    raise _stream_error(event)
                if isinstance(event, Heartbeat):
                    yield event
                    continue
                last_real = time.monotonic()
                any_event = True
                if isinstance(event, TextChunk) and not dedupe.accept(event):
                    continue
                yield event
    for sse in decoder.close():
        for event in decode_payload(sse.data):
            if isinstance(event, TextChunk) and dedupe.accept(event):
                yield event
    log.debug("turn stream closed (events: %s)", any_event)
