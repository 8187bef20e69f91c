"""The render-proxy calls (``{"success": true, "data": ...}`` envelope).

Submit (``POST /api/render/proxy/lambda``), status (``GET .../lambda/<id>``), cancel
(``POST .../lambda/<id>/cancel``) and download (``GET /api/render/proxy/<id>/download``, with
HTTP Range). Jobs are persisted and run by :class:`meme_desktop.engine.jobs.RenderQueue`.
``output`` takes ``format`` (mp4 | gif), ``quality`` (preview | fast | high | best) and, as
engine extensions, ``preset``, ``max_mb`` and ``formats`` (several outputs from one render, each
downloaded apart at ``.../download/<n>``). A draft may only use media its caller uploaded
(any session of the same user; the launch token may use every stored file): a hash of someone
else's file is refused exactly like a hash that does not exist, so it reveals nothing.
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from meme_desktop.draft import AudioSegment, Draft, VideoSegment
from meme_desktop.engine.context import (
    base_url,
    caller,
    engine,
    proxy_ok,
    read_json,
    require_session,
)
from meme_desktop.engine.jobs import format_outputs, job_files, output_ext
from meme_desktop.engine.offloaded import is_builtin
from meme_desktop.engine.protocol_errors import (
    BadRequestError,
    DuplicateJobError,
    JobNotFoundError,
    JobNotReadyError,
)
from meme_desktop.engine.render.presets import MAX_CAP_MB, MAX_FORMATS, PRESETS
from meme_desktop.engine.store import JobRow

JOB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")
QUALITIES = ("preview", "fast", "high", "best")
FORMATS = ("mp4", "gif")


def _output(raw: Any) -> dict[str, Any]:
    """Check the ``output`` object and keep only the keys the engine knows; ``formats`` (an
    extension: several formats from one render) lists output objects of their own."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise BadRequestError("\"output\" must be an object")
    formats = raw.get("formats")
    if formats is None:
        return _one_output(raw, "output")
    if not isinstance(formats, list) or not 1 <= len(formats) <= MAX_FORMATS:
        raise BadRequestError(f"\"output.formats\" must be a list of 1 to {MAX_FORMATS} "
                              "output objects")
    quality = _one_output({"quality": raw.get("quality", "high")}, "output")["quality"]
    entries = []
    for n, entry in enumerate(formats):
        if not isinstance(entry, dict):
            raise BadRequestError(f"\"output.formats[{n}]\" must be an object")
        one = _one_output({**entry, "quality": quality}, f"output.formats[{n}]")
        entries.append({k: v for k, v in one.items() if k != "quality"})
    return {"format": entries[0]["format"], "quality": quality, "formats": entries}


def _one_output(raw: dict[str, Any], where: str) -> dict[str, Any]:
    fmt = raw.get("format", "mp4")
    quality = raw.get("quality", "high")
    preset = raw.get("preset")
    max_mb = raw.get("max_mb")
    # names are looked up in tuples and a dict: anything but text (a list: unhashable) is refused
    if not isinstance(fmt, str) or fmt not in FORMATS:
        raise BadRequestError(f"\"{where}.format\" must be one of {', '.join(FORMATS)}")
    if not isinstance(quality, str) or quality not in QUALITIES:
        raise BadRequestError(f"\"{where}.quality\" must be one of {', '.join(QUALITIES)}")
    if preset is not None and (not isinstance(preset, str) or preset not in PRESETS):
        raise BadRequestError(f"\"{where}.preset\" must be one of {', '.join(PRESETS)}")
    if preset is not None and PRESETS[preset].format:
        fmt = PRESETS[preset].format  # e.g. the "gif" preset makes a GIF
    # NaN and infinities fail the range test too (no float() of a huge int: it would overflow)
    if max_mb is not None and (isinstance(max_mb, bool) or not isinstance(max_mb, int | float)
                               or not 0 < max_mb <= MAX_CAP_MB):
        raise BadRequestError(f"\"{where}.max_mb\" must be a number of megabytes above 0 "
                              f"and at most {MAX_CAP_MB}")
    out: dict[str, Any] = {"format": fmt, "quality": quality}
    if preset:
        out["preset"] = preset
    if max_mb:
        out["max_mb"] = max_mb
    return out


def _job_for(request: Request) -> JobRow:
    job_id = request.path_params["id"]
    job = engine(request).store.job(job_id) if JOB_ID.match(job_id) else None
    who = caller(request)
    if job is None or not who.owns(job.user_id):
        raise JobNotFoundError(job_id)
    return job


def _job_json(request: Request, job: JobRow) -> dict[str, Any]:
    live = engine(request).jobs.progress(job.id)
    progress = live if live is not None and job.status == "processing" else job.progress
    data: dict[str, Any] = {"id": job.id, "sessionId": job.session_id, "status": job.status,
                            "progress": round(progress, 1), "output": job.output,
                            "error": job.error, "outputUrl": None,
                            "created_at": job.created_at, "updated_at": job.updated_at}
    if job.status == "failed" and job.error_code:
        data["errorCode"] = job.error_code  # extension: what kind of failure (5007 disk full)
    if job.status == "completed":
        data["outputUrl"] = f"{base_url(request)}/api/render/proxy/{job.id}/download"
    if "formats" in job.output:  # extension: one file per format, each downloaded apart
        done = job.status == "completed"
        data["outputs"] = [
            {"index": n, "format": output_ext(o), "preset": o.get("preset"),
             "url": f"{base_url(request)}/api/render/proxy/{job.id}/download/{n}" if done
             else None} for n, o in enumerate(format_outputs(job.output))]
        data["outputUrl"] = data["outputs"][0]["url"]
    return data


def _check_sources(request: Request, draft: Draft) -> None:
    """Every media source of ``draft`` must be a file the caller may use (see the docstring)."""
    store, who = engine(request).store, caller(request)
    for track in draft.tracks:
        for seg in track.segments:
            if not isinstance(seg, VideoSegment | AudioSegment) or is_builtin(seg.src):
                continue
            known = store.asset(seg.src) is not None if who.admin else \
                store.user_has_asset(who.user_id, seg.src)
            if not known:
                raise BadRequestError(f"segment {seg.id!r} uses a media file that is not in "
                                      "your projects; upload it first")


async def submit(request: Request) -> JSONResponse:
    ctx = engine(request)
    body = await read_json(request)
    job_id = body.get("id")
    if not isinstance(job_id, str) or not JOB_ID.match(job_id):
        raise BadRequestError("\"id\" must be 1-128 letters, digits, '_', '-' or '.', "
                              "e.g. render_1700000000")
    session_id = body.get("sessionId", body.get("session_id"))
    if not isinstance(session_id, str):
        raise BadRequestError("\"sessionId\" is required")
    session = require_session(request, session_id)
    output = _output(body.get("output"))
    # whatever JSON came (or the stored draft): from_json refuses anything that is not a draft
    raw_draft: Any = body.get("draft")
    if raw_draft is None:
        raw_draft = ctx.store.draft(session.session_id)
    draft = Draft.from_json(raw_draft)  # DraftError -> 400 naming the segment and key
    if draft.is_empty:
        raise BadRequestError("the draft is empty: add a picture, clip, sound or caption first")
    _check_sources(request, draft)
    if not ctx.store.add_job(job_id, session.session_id, caller(request).user_id,
                             draft.to_json(), output):
        raise DuplicateJobError(job_id)
    ctx.jobs.submit(job_id)
    return proxy_ok({"id": job_id, "status": "pending", "progress": 0})


async def status(request: Request) -> JSONResponse:
    return proxy_ok(_job_json(request, _job_for(request)))


async def cancel(request: Request) -> JSONResponse:
    job = _job_for(request)
    cancelled = engine(request).jobs.cancel(job.id)
    fresh = engine(request).store.job(job.id) or job
    data = _job_json(request, fresh)
    data["cancelled"] = cancelled
    return proxy_ok(data)


async def download(request: Request) -> Response:
    job = _job_for(request)
    index = request.path_params.get("n", "0")
    files = job_files(job.path)
    n = int(index) if index.isdigit() and len(index) < 4 else -1
    if not 0 <= n < max(1, len(format_outputs(job.output))):
        raise JobNotFoundError(f"{job.id}/{index}")
    path = files[n] if n < len(files) else None
    if job.status != "completed" or path is None or not path.is_file():
        raise JobNotReadyError(job.id, job.status)
    media_type = "image/gif" if path.suffix == ".gif" else "video/mp4"
    return FileResponse(path, media_type=media_type, filename=f"{job.id}{path.suffix}")


ROUTES = [
    Route("/api/render/proxy/lambda", submit, methods=["POST"]),
    Route("/api/render/proxy/lambda/{id}", status, methods=["GET"]),
    Route("/api/render/proxy/lambda/{id}/cancel", cancel, methods=["POST"]),
    Route("/api/render/proxy/{id}/download", download, methods=["GET", "HEAD"]),
    Route("/api/render/proxy/{id}/download/{n}", download, methods=["GET", "HEAD"]),
]
