"""What every route needs: the engine's parts, the caller, and the protocol's envelopes.

:class:`EngineContext` is built once by ``create_app`` and kept on ``app.state.engine``. The
helpers here read a JSON body (bounded and checked by :mod:`.jsonbody`: a malformed one is a
clear 400, an oversized one 413), find a session the caller may use (unknown or foreign
sessions are 1002), give the engine's own address for absolute URLs (the configured
``--public-url``, else the socket the client reached; never the ``Host`` header), and build
the two envelopes of the protocol:
REST ``{"code": 0, "message": "ok", "data": ...}`` and render-proxy ``{"success": true,
"data": ...}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from meme_desktop.engine.agent.llm import ModelClient
from meme_desktop.engine.auth import Authenticator, Caller
from meme_desktop.engine.jobs import RenderQueue
from meme_desktop.engine.jsonbody import parse_object, read_limited
from meme_desktop.engine.protocol_errors import (
    BadRequestError,
    BadTokenError,
    SessionNotFoundError,
    error_body,
)
from meme_desktop.engine.store import SessionRow, Store


@dataclass
class EngineContext:
    """The parts of a running engine."""

    store: Store
    auth: Authenticator
    jobs: RenderQueue
    heartbeat: float = 15.0  # seconds between heartbeat events while a turn works
    turn_delay: float = 0.0  # debug/test knob: extra seconds each chat turn takes
    allow_private_urls: bool = False  # test knob: let URL import reach loopback servers
    public_url: str | None = None  # the address clients use (absolute URLs are built on it)
    busy: set[str] = field(default_factory=set)  # sessions with a turn in progress
    model: ModelClient | None = None  # a person's own model (MEME_DESKTOP_LLM_*), optional


def engine(request: Request) -> EngineContext:
    return request.app.state.engine


def caller(request: Request) -> Caller:
    found = request.scope.get("state", {}).get("caller")
    if not isinstance(found, Caller):  # the middleware always sets it; defensive
        raise BadTokenError(missing=True)
    return found


def ok(data: Any) -> JSONResponse:
    return JSONResponse({"code": 0, "message": "ok", "data": data})


def proxy_ok(data: Any) -> JSONResponse:
    return JSONResponse({"success": True, "data": data})


def error_response(exc: BaseException, proxy: bool = False, data: Any = None) -> JSONResponse:
    status, body = error_body(exc, proxy=proxy, data=data)
    return JSONResponse(body, status_code=status)


async def read_json(request: Request, allow_empty: bool = False) -> dict[str, Any]:
    """The request body as a JSON object: :class:`BadRequestError` for a malformed one,
    :class:`BodyTooLargeError` (413) for one over the limit, decided before reading it whole."""
    raw = await read_limited(request.stream(), request.headers.get("content-length"))
    if not raw.strip():
        if allow_empty:
            return {}
        raise BadRequestError("the body is empty; send a JSON object")
    return parse_object(raw)


def text_field(body: dict[str, Any], key: str, default: str | None = None,
               limit: int = 200) -> str:
    value = body.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise BadRequestError(f"\"{key}\" must be a non-empty string")
    if len(value) > limit:
        raise BadRequestError(f"\"{key}\" is longer than {limit} characters")
    return value


def require_session(request: Request, session_id: str, user_segment: str = "me") -> SessionRow:
    """The session, if it exists and the caller may use it; else :class:`SessionNotFoundError`."""
    who = caller(request)
    session = engine(request).store.session(session_id) if session_id else None
    if session is None or not who.owns(session.user_id) or \
            not who.accepts_user_segment(user_segment, session.user_id):
        raise SessionNotFoundError(session_id)
    return session


def base_url(request: Request) -> str:
    """The engine's address for ``cdn_url`` / ``outputUrl``: ``--public-url`` when configured,
    else the address of the socket the client connected to. Never the ``Host`` header, which a
    client (or a DNS-rebinding page) chooses."""
    configured = engine(request).public_url
    if configured:
        return configured.rstrip("/")
    server = request.scope.get("server") or ("127.0.0.1", 80)
    host = str(server[0])
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{server[1]}"
