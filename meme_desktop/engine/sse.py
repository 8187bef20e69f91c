"""``POST /run_sse``: one chat turn, streamed as Server-Sent Events.

The turn runs in a worker thread, detached from the HTTP stream: the user message is saved,
the agent (``engine.edits.chat_turn``) computes the new draft, and the new draft version (or
the undo/redo move) and the assistant's reply are saved in ONE transaction. Only then are the
events streamed: ``tool_call`` + ``tool_result`` per operation, then the reply as ``text``
events (one per line; concatenated they are the exact reply), then (extension) one
``suggestions`` event with the chips offered under the reply and the meme maker's record.
While the turn works, a ``heartbeat`` event goes out every 15 s. A client that hangs up mid-turn cancels only the
stream, never the save, so a draft is never half-applied; a turn still waiting for a person's
own model stops waiting (the line "stopped waiting" is saved as the reply, nothing changes).
One turn per session at a time: a second concurrent one gets an ``error`` event (code 1003)
and the stream closes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from meme_desktop.draft import DraftError
from meme_desktop.engine.context import EngineContext, engine, read_json, require_session
from meme_desktop.engine.edits import chat_turn
from meme_desktop.engine.protocol_errors import (
    BadRequestError,
    ProtocolError,
    SessionBusyError,
    error_payload,
)

log = logging.getLogger("meme_desktop.engine.sse")

MAX_TEXT = 4000
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def sse(event: dict[str, Any] | None) -> bytes:
    """One SSE frame: ``data: {json}\\n\\n`` (``data: \\n\\n`` for ``None``)."""
    payload = "" if event is None else json.dumps(event, ensure_ascii=False)
    return f"data: {payload}\n\n".encode()


def reply_events(reply: str) -> list[dict[str, Any]]:
    """The reply as ``text`` events, one per line, newlines kept so they join back exactly."""
    lines = reply.splitlines(keepends=True)
    return [{"type": "text", "content": line} for line in lines if line]


def message_text(body: dict[str, Any]) -> str:
    message = body.get("new_message")
    parts = message.get("parts") if isinstance(message, dict) else None
    if not isinstance(parts, list):
        raise BadRequestError("\"new_message\" must be {\"parts\": [{\"text\": ...}]}")
    text = "".join(p["text"] for p in parts if isinstance(p, dict)
                   and isinstance(p.get("text"), str)).strip()
    if not text:
        raise BadRequestError("the message has no text")
    if len(text) > MAX_TEXT:
        raise BadRequestError(f"the message is longer than {MAX_TEXT} characters")
    return text


def run_turn(ctx: EngineContext, session_id: str, text: str,
             cancel: threading.Event | None = None) -> list[dict[str, Any]]:
    """The whole turn, blocking (a worker thread). Returns the events to stream."""
    ctx.store.add_message(session_id, "user", text)
    if ctx.turn_delay:
        time.sleep(ctx.turn_delay)
    turn, tools = chat_turn(ctx.store, session_id, text, ctx.model, cancel)
    chips = [e for e in tools if e["type"] == "suggestions"]     # shown under the reply
    return [e for e in tools if e["type"] != "suggestions"] + reply_events(turn.reply) + chips


def _error_event(exc: BaseException) -> dict[str, Any]:
    _status, code, message = error_payload(exc)
    return {"type": "error", "code": code, "message": message}


def _start_turn(ctx: EngineContext, session_id: str, text: str,
                cancel: threading.Event) -> asyncio.Future:
    """Start the turn in a worker thread now; it finishes even if nobody reads the stream."""

    def work() -> list[dict[str, Any]]:
        try:
            return run_turn(ctx, session_id, text, cancel)
        except (DraftError, ProtocolError) as exc:
            log.warning("turn in %s refused: %s", session_id, exc)
            return [_error_event(exc)]
        except Exception as exc:  # the agent must never take the engine down
            log.exception("turn in %s failed", session_id)
            return [_error_event(exc)]
        finally:
            ctx.busy.discard(session_id)

    return asyncio.get_running_loop().run_in_executor(None, work)


async def _stream(ctx: EngineContext, future: asyncio.Future,
                  cancel: threading.Event) -> AsyncIterator[bytes]:
    try:
        while True:
            done, _pending = await asyncio.wait({future}, timeout=ctx.heartbeat)
            if done:
                break
            yield sse({"type": "heartbeat"})
    finally:
        if not future.done():  # the client hung up mid-turn: stop waiting for a model
            cancel.set()
    # the turn is complete: its events go out in one write, so the client gets them in one
    # read instead of one socket wake-up (and one event-loop pass in the window) per event
    yield b"".join(sse(event) for event in future.result())


async def _refuse(exc: ProtocolError) -> AsyncIterator[bytes]:
    yield sse(_error_event(exc))


async def run_sse(request: Request) -> StreamingResponse:
    ctx = engine(request)
    body = await read_json(request)
    session_id = body.get("session_id")
    if not isinstance(session_id, str) or not session_id:
        raise BadRequestError("\"session_id\" is required")
    user = body.get("user_id", "me")
    session = require_session(request, session_id, user if isinstance(user, str) else "me")
    text = message_text(body)
    if session.session_id in ctx.busy:
        log.info("second turn refused in busy session %s", session.session_id)
        return StreamingResponse(_refuse(SessionBusyError(session.session_id)),
                                 media_type="text/event-stream", headers=SSE_HEADERS)
    ctx.busy.add(session.session_id)  # same event-loop tick as the check: no race
    cancel = threading.Event()
    future = _start_turn(ctx, session.session_id, text, cancel)
    return StreamingResponse(_stream(ctx, future, cancel), media_type="text/event-stream",
                             headers=SSE_HEADERS)


ROUTES = [Route("/run_sse", run_sse, methods=["POST"])]
