"""A small stand-in for the hosted backend (starlette + uvicorn on loopback), for fault tests.

It speaks the protocol of DESIGN.md section 2 well enough for the client, and can be scripted
to answer with every documented error: ``cloud.script("state", 1002)`` makes the next state
call answer code 1002; ``cloud.script("anon", status=429, headers={"Retry-After": "1"})``
makes the next anonymous-token call answer HTTP 429. The state and everything else a test can
set (turn shapes and effects, lost sessions, unknown track types, the 7-day token rule, ...)
are in :mod:`tests.helpers.fake_cloud_state`. Every request is recorded (method, path,
headers) so tests can check attribution headers.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.helpers.fake_cloud_state import VIDEO, FakeCloud, Recorded

__all__ = ["VIDEO", "FakeCloud", "FakeCloudServer", "Recorded", "RecordingSleep",
           "fast_policy"]


def _ok(data: Any) -> JSONResponse:
    return JSONResponse({"code": 0, "message": "ok", "data": data})


def build_app(cloud: FakeCloud) -> Starlette:
    def scripted(route: str) -> Response | None:
        if cloud.revoke_on == route:  # every token expires now
            cloud.revoke_on = ""
            cloud.tokens.clear()
        queue = cloud.scripted.get(route)
        if queue:
            status, body, headers = queue.popleft()
            return JSONResponse(body, status_code=status, headers=headers)
        return None

    def authed(request: Request) -> Response | None:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer ") or header[7:] not in cloud.tokens:
            return JSONResponse({"code": 1001, "message": "bad token"}, status_code=401)
        return None

    def record(request: Request) -> None:
        cloud.requests.append(Recorded(request.method, request.url.path, dict(request.headers)))

    async def anon(request: Request) -> Response:
        record(request)
        if (r := scripted("anon")) is not None:
            return r
        client_id = request.headers.get("x-client-id")
        if not client_id:
            return JSONResponse({"code": 400, "message": "X-Client-Id required"}, 400)
        cloud.client_ids.append(client_id)
        wait = cloud.token_wait(client_id)
        if wait:
            return JSONResponse({"code": 429, "message": "one token per client per 7 days"},
                                429, headers={"Retry-After": str(wait)})
        cloud.token_issued_at[client_id] = time.time()
        return _ok({"token": cloud.new_token(), "user_id": "u_" + client_id[:8],
                    "credits": 100, "expires_at": "2030-01-01T00:00:00Z"})

    async def session(request: Request) -> Response:
        record(request)
        if (r := scripted("session")) is not None or (r := authed(request)) is not None:
            return r
        sid = cloud.new_session()
        return _ok({"session_id": sid, "task_id": "t_" + sid, "user_id": "u_fake"})

    def session_or_error(request: Request, route: str) -> tuple[Response | None, str]:
        if (r := scripted(route)) is not None or (r := authed(request)) is not None:
            return r, ""
        sid = request.path_params["sid"]
        if sid not in cloud.sessions:
            return JSONResponse({"code": 1002, "message": "session not found"}, 404), ""
        return None, sid

    async def state(request: Request) -> Response:
        record(request)
        r, sid = session_or_error(request, "state")
        if r is not None:
            return r
        s = cloud.sessions[sid]
        return _ok({"session_id": sid, "task_id": "t", "task_name": "project",
                    "state": {"draft": s["draft"], "video_infos": s["infos"],
                              "canvas_config": {}, "generated_media": [],
                              "video_analyses": []}})

    async def credits(request: Request) -> Response:
        record(request)
        if (r := scripted("credits")) is not None or (r := authed(request)) is not None:
            return r
        return _ok({"available": cloud.credits_available, "frozen": 0,
                    "total": cloud.credits_available})

    async def upload(request: Request) -> Response:
        record(request)
        r, sid = session_or_error(request, "upload")
        if r is not None:
            return r
        files = []
        if request.headers.get("content-type", "").startswith("application/json"):
            for url in (await request.json()).get("urls", []):
                info = cloud.cdn.get(str(url).rstrip("/").rsplit("/", 1)[-1])
                if info is None:
                    return JSONResponse({"code": 4001, "message": "cannot import that"})
                cloud.uploads.append("url:" + info["filename"])
                cloud.add_file(sid, dict(info))
                files.append(info)
            return _ok({"files": files, "session_state_applied": True})
        form = await request.form()
        for item in form.getlist("files"):
            data = await item.read()  # type: ignore[union-attr]
            name = item.filename  # type: ignore[union-attr]
            cloud.uploads.append(name)
            digest = uuid.uuid5(uuid.NAMESPACE_OID, name + str(len(data))).hex
            info = {"filename": name, "file_type": "image", "cdn_url": f"/cdn/{digest}",
                    "duration": 0, "width": 320, "height": 180, "fps": 0, "hash": digest,
                    "size": len(data)}
            cloud.cdn[digest] = info
            cloud.add_file(sid, dict(info))
            files.append(info)
        return _ok({"files": files, "session_state_applied": True})

    async def run_sse(request: Request) -> Response:
        record(request)
        if (r := scripted("sse")) is not None or (r := authed(request)) is not None:
            return r
        body = await request.json()
        sid = body.get("session_id", "")
        if cloud.lose_session_at_turn == len(cloud.messages) + 1:
            cloud.lose_session_at_turn = 0
            cloud.sessions.pop(sid, None)
        if sid not in cloud.sessions:
            return JSONResponse({"code": 1002, "message": "session not found"}, 404)
        text = body["new_message"]["parts"][0]["text"]
        cloud.messages.append(text)
        mode = cloud.sse_mode
        effect = cloud.effects.popleft() if cloud.effects else "caption"
        reply = cloud.replies.popleft() if cloud.replies and mode in ("text", "adk") else None

        def frame(obj: Any) -> bytes:
            return f"data: {json.dumps(obj)}\n\n".encode()

        async def events() -> Any:
            if mode == "heartbeats":
                while True:
                    yield frame({"type": "heartbeat"})
                    await asyncio.sleep(cloud.heartbeat_every)
            if mode == "idle":
                for _ in range(3):
                    yield frame({"type": "heartbeat"})
                    await asyncio.sleep(cloud.heartbeat_every)
                return
            if effect == "caption":
                yield frame({"type": "tool_call", "name": "add_caption", "args": {"text": text}})
                cloud.add_caption(sid, text.upper()[:40])
                yield frame({"type": "tool_result", "name": "add_caption", "result": {"ok": True}})
            elif effect == "move":
                yield frame({"type": "tool_call", "name": "move_segment", "args": {"st": 2000}})
                cloud.move_first_media(sid)
                yield frame({"type": "tool_result", "name": "move_segment", "result": {"ok": True}})
            if mode == "drop":
                await asyncio.sleep(0.05)
                raise ConnectionResetError("dropped on purpose")
            if mode == "busy_error":
                yield frame({"type": "error", "code": 1003, "message": "busy"})
                return
            for _ in range(3):
                yield b"data: \n\n"
                yield b": keep-alive comment\n\n"
                await asyncio.sleep(cloud.heartbeat_every)
            if mode == "adk":
                whole = reply if reply is not None else "Added the caption."
                pieces = [whole[i:i + 7] for i in range(0, len(whole), 7)] \
                    if reply is not None else ["Added ", "the caption."]
                for piece in pieces:
                    yield frame({"content": {"role": "model", "parts": [{"text": piece}]},
                                 "partial": True})
                yield frame({"content": {"role": "model", "parts": [
                    {"functionCall": {"name": "noop", "args": {}}}]}})
                yield frame({"content": {"role": "model", "parts": [{"text": whole}]}})
            elif mode == "text" and reply is not None:
                if reply:
                    yield frame({"type": "text", "content": reply})
            elif mode == "text":
                yield frame({"type": "text", "content": "Added the caption. "})
                yield frame({"type": "text", "content": "Click Export to download it."})
            yield frame({"type": "mystery", "payload": 1})

        return StreamingResponse(events(), media_type="text/event-stream")

    async def render_submit(request: Request) -> Response:
        record(request)
        if (r := scripted("render")) is not None or (r := authed(request)) is not None:
            return r
        body = await request.json()
        job_id = body["id"]
        if job_id in cloud.jobs:
            return JSONResponse({"success": False, "error": "duplicate id"}, 409)
        fail = cloud.fail_renders > 0
        cloud.fail_renders -= 1 if fail else 0
        missing = cloud.missing_media(body.get("sessionId", ""), body.get("draft") or {})
        polls = cloud.job_polls.popleft() if cloud.job_polls else cloud.render_polls
        cloud.jobs[job_id] = {"polls": 0, "fail": fail or bool(missing), "cancelled": False,
                              "body": body, "missing": missing, "needs": polls}
        return JSONResponse({"success": True, "data": {"id": job_id, "status": "pending",
                                                       "progress": 0}})

    async def render_status(request: Request) -> Response:
        record(request)
        if (r := scripted("poll")) is not None or (r := authed(request)) is not None:
            return r
        job = cloud.jobs.get(request.path_params["job"])
        if job is None:
            return JSONResponse({"success": False, "error": "not found"}, 404)
        job["polls"] += 1
        done = job["polls"] > job["needs"]
        status = "cancelled" if job["cancelled"] else "failed" if job["fail"] and done else \
            "completed" if done else "processing"
        url = f"{cloud.base_url}/api/render/proxy/{request.path_params['job']}/download"
        progress = 100 if done else 100 * job["polls"] // (job["needs"] + 1)
        if cloud.old_shape:
            body: dict[str, Any] = {"status": status, "progress": progress}
            if status == "completed":
                body["output"] = {"url": url}
            return JSONResponse(body)
        data = {"id": request.path_params["job"], "status": status, "progress": progress}
        if status == "completed":
            data["outputUrl"] = url
        if status == "failed":
            data["error"] = "gpu exploded"
        return JSONResponse({"success": True, "data": data})

    async def render_cancel(request: Request) -> Response:
        record(request)
        job = cloud.jobs.get(request.path_params["job"])
        if job is not None:
            job["cancelled"] = True
        return JSONResponse({"success": True, "data": {"status": "cancelled"}})

    async def download(request: Request) -> Response:
        record(request)
        if (r := scripted("download")) is not None or (r := authed(request)) is not None:
            return r

        async def body() -> Any:
            step = len(VIDEO) // 8
            for i in range(0, len(VIDEO), step):
                yield VIDEO[i:i + step]
                if cloud.slow_download:
                    await asyncio.sleep(cloud.slow_download)

        return StreamingResponse(body(), media_type="video/mp4",
                                 headers={"Content-Length": str(len(VIDEO))})

    return Starlette(routes=[
        Route("/api/auth/anonymous-token", anon, methods=["POST"]),
        Route("/api/tasks/me/with-session/nemo_agent", session, methods=["POST"]),
        Route("/api/state/nemo_agent/me/{sid}/latest", state, methods=["GET"]),
        Route("/api/credits/balance/simple", credits, methods=["GET"]),
        Route("/api/upload-video/nemo_agent/me/{sid}", upload, methods=["POST"]),
        Route("/run_sse", run_sse, methods=["POST"]),
        Route("/api/render/proxy/lambda", render_submit, methods=["POST"]),
        Route("/api/render/proxy/lambda/{job}", render_status, methods=["GET"]),
        Route("/api/render/proxy/lambda/{job}/cancel", render_cancel, methods=["POST"]),
        Route("/api/render/proxy/{job}/download", download, methods=["GET"]),
    ])


class FakeCloudServer:
    """Runs the fake app with uvicorn in a thread; ``with FakeCloudServer() as cloud: ...``."""

    def __init__(self) -> None:
        self.cloud = FakeCloud()
        self.port = 0
        self._build()

    def _build(self) -> None:
        config = uvicorn.Config(build_app(self.cloud), host="127.0.0.1", port=self.port,
                                log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> FakeCloud:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake cloud did not start")
            time.sleep(0.01)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        self.cloud.base_url = f"http://127.0.0.1:{self.port}"
        return self.cloud

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.server.force_exit = True
        self.thread.join(timeout=10)

    def down(self) -> None:
        """An outage: nothing listens at the address any more (connections are refused)."""
        self.__exit__()

    def up(self) -> None:
        """Back after an outage, at the same address, with the same state (tokens, sessions)."""
        self._build()
        self.__enter__()


class RecordingSleep:
    """A ``Policy.sleep`` that records the waits and only yields to the loop."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def fast_policy(sleep: Any = None, **overrides: Any) -> Any:
    """A client policy with tiny waits (and a recording sleep) for tests."""
    from meme_desktop.api.policy import Policy

    values: dict[str, Any] = {"rate_limit_wait": 30.0, "transient_retries": 2,
                              "backoff_first": 0.01, "backoff_max": 0.02,
                              "sse_idle_limit": 5.0, "sse_total_limit": 10.0,
                              "poll_first": 0.01, "poll_factor": 1.5, "poll_max": 0.05,
                              "render_limit": 10.0, "chunk_size": 4096,
                              "sleep": sleep or RecordingSleep()}
    values.update(overrides)
    return Policy(**values)
