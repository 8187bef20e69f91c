"""The REST calls of the protocol (``{code, message, data}`` envelope) and the media endpoints.

Auth (anonymous token), sessions (create, list, transcript), uploads (multipart or URL list),
credits, session state, and ``/media/<hash>`` (+ ``/thumbnail``) which serve what
``cdn_url`` / ``thumbnail_url`` point to. See docs/protocol.md for every call with curl.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import anyio.to_thread
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from meme_desktop import heap
from meme_desktop.engine.auth import UNMETERED_CREDITS
from meme_desktop.engine.context import (
    base_url,
    caller,
    engine,
    error_response,
    ok,
    read_json,
    require_session,
    text_field,
)
from meme_desktop.engine.errors import MediaError, notice_message
from meme_desktop.engine.offloaded import thumbnail
from meme_desktop.engine.projects import summary
from meme_desktop.engine.protocol_errors import (
    BadRequestError,
    MediaNotFoundError,
    ProtocolError,
    error_payload,
)
from meme_desktop.engine.state import session_state
from meme_desktop.engine.store import SessionRow
from meme_desktop.engine.uploads import (
    Received,
    file_entry,
    ingest,
    receive_multipart,
    sanitize_name,
)
from meme_desktop.engine.urlimport import fetch

_HASH = re.compile(r"^[0-9a-f]{64}$")
MAX_URLS = 20


async def anonymous_token(request: Request) -> JSONResponse:
    address = request.client.host if request.client else ""
    data = engine(request).auth.issue_anonymous(request.headers.get("x-client-id"), address)
    return ok(data)


def _session_json(s: SessionRow) -> dict[str, Any]:
    return {"session_id": s.session_id, "task_id": s.task_id, "user_id": s.user_id,
            "task_name": s.name, "language": s.language, "created_at": s.created_at,
            "updated_at": s.updated_at}


async def create_session(request: Request) -> JSONResponse:
    if request.path_params["user"] != "me" and request.path_params["user"] != caller(
            request).user_id:
        raise BadRequestError("the user segment must be \"me\" or your user id")
    body = await read_json(request, allow_empty=True)
    name = text_field(body, "task_name", "project") or "project"
    language = text_field(body, "language", "en", limit=20) or "en"
    session = engine(request).store.create_session(caller(request).user_id, name, language)
    return ok(_session_json(session))


async def list_sessions(request: Request) -> JSONResponse:
    who = caller(request)
    store = engine(request).store
    sessions = store.sessions(None if who.admin else who.user_id)
    data: dict[str, Any] = {"sessions": [{**_session_json(s), **summary(store, s)}
                                         for s in sessions]}
    if who.admin:  # what the engine noticed at start (e.g. a damaged database set aside)
        data["notices"] = [notice_message(n) for n in store.notices]
    return ok(data)


async def messages(request: Request) -> JSONResponse:
    session = require_session(request, request.path_params["sid"])
    return ok({"session_id": session.session_id,
               "messages": engine(request).store.messages(session.session_id)})


async def credits(request: Request) -> JSONResponse:
    who = caller(request)
    frozen = engine(request).store.active_job_count(None if who.admin else who.user_id)
    return ok({"available": UNMETERED_CREDITS, "frozen": frozen,
               "total": UNMETERED_CREDITS + frozen, "unmetered": True,
               "note": "The local engine does not charge credits; frozen counts the renders "
                       "queued or running."})


async def upload(request: Request) -> Response:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"], request.path_params["user"])
    ctype = request.headers.get("content-type", "")
    received: list[Received]
    if ctype.split(";")[0].strip().lower() == "application/json":
        body = await read_json(request)
        if "media" in body:
            return ok({"files": _link_media(request, session, body.get("media")),
                       "session_state_applied": True})
        urls = body.get("urls")
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
            raise BadRequestError("\"urls\" must be a non-empty list of links")
        if len(urls) > MAX_URLS:
            raise BadRequestError(f"at most {MAX_URLS} links at a time")
        received = [await fetch(u, ctx.store, allow_private=ctx.allow_private_urls)
                    for u in urls]
    else:
        try:
            received = await receive_multipart(ctype, request.stream(), ctx.store)
        except ClientDisconnect:
            return Response(status_code=499)
    files: list[dict[str, Any]] = []
    rejected: list[tuple[Exception, str]] = []
    for item in received:
        error = item.error
        if error is None and item.path is not None:
            try:
                asset, _new = await anyio.to_thread.run_sync(
                    ingest, ctx.store, session.session_id, item.path, item.name, item.sha256,
                    item.size)
                files.append(file_entry(asset, base_url(request)))
                continue
            except MediaError as exc:
                error = exc
        assert error is not None
        rejected.append((error, item.name))
    if rejected:
        details = [_rejection(exc, name) for exc, name in rejected]
        return error_response(rejected[0][0], data={"files": files, "rejected": details,
                                                     "session_state_applied": bool(files)})
    return ok({"files": files, "session_state_applied": True})


def _link_media(request: Request, session: SessionRow, media: Any) -> list[dict[str, Any]]:
    """Extension: media the caller already uploaded (to any of their projects), added to this
    one without sending the bytes again (``{"media": [{"hash", "name"}]}``); a hash that is
    not the caller's is refused like one that does not exist."""
    if not isinstance(media, list) or not media or len(media) > MAX_URLS or not all(
            isinstance(m, dict) and isinstance(m.get("hash"), str) for m in media):
        raise BadRequestError(f"\"media\" must list 1 to {MAX_URLS} objects with a \"hash\"")
    ctx, who = engine(request), caller(request)
    files = []
    for item in media:
        sha = item["hash"]
        asset = ctx.store.asset(sha) if _HASH.match(sha) else None
        if asset is None or not (who.admin or ctx.store.user_has_asset(who.user_id, sha)):
            raise MediaNotFoundError(sha)
        name = sanitize_name(text_field(item, "name", "", limit=255)) if item.get("name") \
            else f"{sha[:12]}.{asset.ext}"
        ctx.store.add_asset(session.session_id, asset, name)
        files.append(file_entry(dataclasses.replace(asset, name=name), base_url(request)))
    return files


def _rejection(exc: Exception, name: str) -> dict[str, Any]:
    _status, code, message = error_payload(exc)
    return {"filename": name, "code": code, "message": message}


async def state(request: Request) -> JSONResponse:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"], request.path_params["user"])
    return ok(session_state(ctx.store, session, base_url(request)))


def _media_asset(request: Request) -> Any:
    ctx, who = engine(request), caller(request)
    sha = request.path_params["hash"]
    asset = ctx.store.asset(sha) if _HASH.match(sha) else None
    if asset is None or not (who.admin or ctx.store.user_has_asset(who.user_id, sha)):
        raise MediaNotFoundError(sha)
    path = ctx.store.media_path(asset.hash, asset.ext)
    if not path.is_file():
        raise MediaNotFoundError(sha)
    return asset, path


async def media(request: Request) -> Response:
    asset, path = _media_asset(request)
    return FileResponse(path, filename=f"{asset.hash[:12]}.{asset.ext}",
                        content_disposition_type="inline")


async def media_thumbnail(request: Request) -> Response:
    asset, path = _media_asset(request)
    try:
        size = int(request.query_params.get("size", "256"))
    except ValueError as exc:
        raise BadRequestError("\"size\" must be a whole number of pixels") from exc
    size = max(16, min(1024, size))
    # "_v2": thumbnails that keep transparency; older opaque ones are not served again (they
    # go with their media when the last project using it is deleted)
    cached = engine(request).store.root / "thumbs" / f"{asset.hash}_{size}_v2.png"
    if not cached.is_file():
        try:
            png = await anyio.to_thread.run_sync(thumbnail, path, size)
        except MediaError as exc:
            return error_response(exc)
        finally:
            await anyio.to_thread.run_sync(heap.release)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(png)
        tmp.replace(cached)
    return FileResponse(cached, media_type="image/png")


async def health(request: Request) -> JSONResponse:
    return ok({"status": "ok"})


ROUTES = [
    Route("/health", health, methods=["GET"]),
    Route("/api/auth/anonymous-token", anonymous_token, methods=["POST"]),
    Route("/api/tasks/{user}/with-session/nemo_agent", create_session, methods=["POST"]),
    Route("/api/sessions", list_sessions, methods=["GET"]),
    Route("/api/sessions/{sid}/messages", messages, methods=["GET"]),
    Route("/api/credits/balance/simple", credits, methods=["GET"]),
    Route("/api/upload-video/nemo_agent/{user}/{sid}", upload, methods=["POST"]),
    Route("/api/state/nemo_agent/{user}/{sid}/latest", state, methods=["GET"]),
    Route("/media/{hash}", media, methods=["GET", "HEAD"]),
    Route("/media/{hash}/thumbnail", media_thumbnail, methods=["GET"]),
]

__all__ = ["ROUTES", "ProtocolError"]
