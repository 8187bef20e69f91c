"""The projects extension (docs/protocol.md): rename, duplicate and delete a session.

``PATCH /api/sessions/{sid}`` ``{"name": ...}`` renames; ``POST /api/sessions/{sid}/duplicate``
(optional ``{"name": ...}``) makes a copy with the current draft, the same uploads and the chat;
``DELETE /api/sessions/{sid}`` removes the project and the media no other project uses. Each
answers the project's list row (``GET /api/sessions`` gives the same rows for every project).
"""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from meme_desktop.engine import projects
from meme_desktop.engine.context import engine, ok, read_json, require_session, text_field


def _name(body: dict, default: str | None = None) -> str:
    name = text_field(body, "name", default, limit=projects.MAX_NAME).strip()
    return " ".join(name.split())


async def rename(request: Request) -> JSONResponse:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"])
    name = _name(await read_json(request))
    await anyio.to_thread.run_sync(projects.rename, ctx.store, session.session_id, name)
    renamed = ctx.store.session(session.session_id)
    assert renamed is not None
    return ok(projects.summary(ctx.store, renamed))


async def duplicate(request: Request) -> JSONResponse:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"])
    body = await read_json(request, allow_empty=True)
    name = _name(body, "") or f"{session.name} (copy)"[:projects.MAX_NAME]
    copy = await anyio.to_thread.run_sync(projects.duplicate, ctx.store, session, name)
    return ok(projects.summary(ctx.store, copy))


async def delete(request: Request) -> JSONResponse:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"])
    done = await anyio.to_thread.run_sync(projects.delete, ctx.store, session.session_id)
    return ok({"deleted": done.session_id, "media_removed": done.media_removed,
               "media_kept": done.media_kept, "renders_removed": done.renders_removed})


ROUTES = [
    Route("/api/sessions/{sid}", rename, methods=["PATCH"]),
    Route("/api/sessions/{sid}", delete, methods=["DELETE"]),
    Route("/api/sessions/{sid}/duplicate", duplicate, methods=["POST"]),
]
