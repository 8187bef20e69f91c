"""The undo/redo extension (docs/protocol.md): step through a session's draft versions.

``POST /api/history/nemo_agent/{user}/{sid}`` with ``{"step": -1}`` (undo) or ``{"step": 1}``
(redo) moves the session's version pointer one step, exactly as a chat "undo" / "redo" does,
but without a chat turn: nothing is added to the transcript. It answers the new state (what
``GET /api/state/.../latest`` answers), whether anything moved, and the label of the version
that was undone or redone ("move caption"); with nothing to undo or redo it answers
``moved: false`` and the unchanged state. ``GET /api/sounds/{kind}/{name}`` serves a built-in
sound's WAV (``sfx`` / ``music``), so a client can draw its waveform.
"""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from meme_desktop.engine.context import base_url, engine, ok, read_json, require_session
from meme_desktop.engine.edits import session_lock
from meme_desktop.engine.errors import UnknownSoundError
from meme_desktop.engine.offloaded import sound_path
from meme_desktop.engine.protocol_errors import BadRequestError, MediaNotFoundError
from meme_desktop.engine.state import session_state
from meme_desktop.engine.store import Store


def move_history(store: Store, session_id: str, step: int) -> tuple[bool, str]:
    """Undo (-1) or redo (+1) under the session's edit lock: (moved, label of that version)."""
    with session_lock(session_id):
        undo_label, redo_label = store.history_labels(session_id)
        moved = store.move(session_id, step)
        return moved, (undo_label if step < 0 else redo_label) if moved else ""


async def step_history(request: Request) -> JSONResponse:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"], request.path_params["user"])
    body = await read_json(request)
    step = body.get("step")
    if isinstance(step, bool) or step not in (-1, 1):
        raise BadRequestError("\"step\" must be -1 (undo) or 1 (redo)")
    moved, label = await anyio.to_thread.run_sync(move_history, ctx.store, session.session_id,
                                                  step)
    state = session_state(ctx.store, session, base_url(request))
    return ok({"state": state, "moved": moved, "step": step, "label": label})


async def builtin_sound(request: Request) -> Response:
    kind, name = request.path_params["kind"], request.path_params["name"]
    if kind not in ("sfx", "music"):
        raise MediaNotFoundError(f"{kind}:{name}")
    try:
        path = await anyio.to_thread.run_sync(sound_path, f"{kind}:{name}")
    except UnknownSoundError as exc:
        raise MediaNotFoundError(f"{kind}:{name}") from exc
    return FileResponse(path, media_type="audio/wav")


ROUTES = [
    Route("/api/history/nemo_agent/{user}/{sid}", step_history, methods=["POST"]),
    Route("/api/sounds/{kind}/{name}", builtin_sound, methods=["GET"]),
]
