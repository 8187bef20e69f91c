"""The protocol client: one async method per call of DESIGN.md section 2, on an injected
``httpx.AsyncClient``.

Every request carries the attribution headers and (except anonymous-token) the bearer token.
Both envelopes are unwrapped (``{"code": 0, "data"}`` and ``{"success": true, "data"}``);
anything else becomes a typed error through :func:`meme_desktop.api.errors.error_for`.
Recovery that needs no person happens here, each at most once per call:

- 1001 → the token provider renews the token (same client id), then the call is repeated;
- HTTP 429 → wait ``Retry-After`` (or 30 s, :class:`Policy`), then repeat; a ``Retry-After``
  longer than ``Policy.rate_limit_max_wait`` is not waited for: the error says how long;
- HTTP 5xx with a ``Retry-After`` on an idempotent call → wait that long, then repeat;
- connection errors and timeouts → bounded retries with backoff, for idempotent calls only.

Whether the backend can be reached is told to ``on_reachable`` after every request (chat
turns included): the window's status bar says at once that the hosted service is unreachable,
and Ready again with its next answer.

1002 (session gone) is left to the caller (:mod:`meme_desktop.assistant`), which makes a new
session and says so. Chat turns are in :mod:`meme_desktop.api.stream`, uploads in
:mod:`meme_desktop.api.upload`, the export workflow in :mod:`meme_desktop.api.render`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

from meme_desktop.api.auth import TokenProvider
from meme_desktop.api.errors import (
    ApiError,
    ConnectionFailedError,
    ProtocolError,
    RateLimitedError,
    RequestTimeoutError,
    ServerError,
    TokenInvalidError,
    error_for,
    error_from_exception,
    retry_after,
)
from meme_desktop.api.models import (
    AnonymousToken,
    ChatMessage,
    Credits,
    OpsResult,
    RenderStatus,
    SessionInfo,
    SessionState,
    SessionSummary,
    UploadResult,
)
from meme_desktop.api.policy import Policy, attribution_headers
from meme_desktop.api.sse import StreamEvent
from meme_desktop.api.stream import run_turn
from meme_desktop.api.upload import upload_files
from meme_desktop.draft.ops import Op, ops_to_json

log = logging.getLogger(__name__)

APP = "nemo_agent"
BodyFactory = Callable[[], dict[str, Any]]
# told after each request: None when the backend answered, the error when it was unreachable
Reachability = Callable[[ConnectionFailedError | None], None]


class NemoClient:
    """Client of one backend (the embedded engine or the hosted service)."""

    def __init__(self, http: httpx.AsyncClient, base_url: str | Callable[[], str],
                 auth: TokenProvider, policy: Policy | None = None,
                 on_disconnect: Callable[[], Awaitable[object]] | None = None,
                 on_reachable: Reachability | None = None) -> None:
        self.http = http
        self._base = base_url
        self.auth = auth
        self.policy = policy or Policy()
        # called before a retry after a connection failure (the launcher restarts the engine)
        self.on_disconnect = on_disconnect
        # told after every request whether the backend could be reached (:meth:`reached`)
        self.on_reachable = on_reachable

    def reached(self, exc: BaseException | None = None) -> None:
        """Tell ``on_reachable`` how a request went: ``exc`` None when the backend answered
        (whatever it said), an ``httpx`` connect error or connect timeout when it could not be
        reached at all (then with the typed error); other failures (a stream that broke, an
        answer too slow) say nothing about whether it can be reached."""
        if self.on_reachable is None:
            return
        error: ConnectionFailedError | None = None
        if exc is not None:
            if not isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)):
                return
            error = ConnectionFailedError("cannot reach the backend")
            error.sent = False
        try:
            self.on_reachable(error)
        except Exception:  # noqa: BLE001 - a failing observer must not break the request
            log.warning("reachability observer failed", exc_info=True)

    async def reconnect(self) -> None:
        """Give the backend a chance to come back (no-op for the hosted one)."""
        if self.on_disconnect is not None:
            try:
                await self.on_disconnect()
            except ApiError:
                raise
            except Exception:  # noqa: BLE001 - a failing hook must not hide the original error
                log.warning("reconnect hook failed", exc_info=True)

    def __repr__(self) -> str:
        return f"NemoClient({self.base_url!r}, auth={self.auth!r})"

    @property
    def base_url(self) -> str:
        base = self._base() if callable(self._base) else self._base
        return base.rstrip("/")

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.base_url + path

    async def headers(self, auth: bool = True) -> dict[str, str]:
        out = attribution_headers()
        if auth:
            out["Authorization"] = f"Bearer {await self.auth.token(self)}"
        return out

    # -- the core: one request with the recovery rules ---------------------------------------
    async def send(self, method: str, path: str, *, json: Any = None, idempotent: bool = False,
                   auth: bool = True, extra_headers: dict[str, str] | None = None,
                   content_factory: Callable[[], Any] | None = None,
                   timeout: httpx.Timeout | float | None = None) -> httpx.Response:
        """Send a request and return the successful response (its body not yet unwrapped)."""
        renewed = rate_waited = False
        attempt = 0
        while True:
            headers = await self.headers(auth)
            headers.update(extra_headers or {})
            kwargs: dict[str, Any] = {"headers": headers}
            if json is not None:
                kwargs["json"] = json
            if content_factory is not None:
                kwargs["content"] = content_factory()
            if timeout is not None:
                kwargs["timeout"] = timeout
            try:
                response = await self.http.request(method, self.url(path), **kwargs)
            except httpx.TransportError as exc:
                self.reached(exc)
                error: ApiError = error_from_exception(exc, path)
                cause: BaseException | None = exc
            else:
                self.reached()
                body = _json(response)
                found = error_for(response.status_code, body, response.headers, path)
                if found is None:
                    return response
                error, cause = found, None
            if isinstance(error, TokenInvalidError) and auth and not renewed:
                renewed = True
                log.info("token refused on %s; renewing once", path)
                await self.auth.renew(self)
                continue
            wait = self.policy.rate_wait(error.retry_after)
            if isinstance(error, RateLimitedError) and not rate_waited and wait is not None:
                rate_waited = True
                log.info("rate limited on %s; retrying in %.1f s", path, wait)
                await self.policy.sleep(wait)
                continue
            if isinstance(error, ServerError) and error.retry_after is not None and idempotent \
                    and wait is not None and attempt < self.policy.transient_retries:
                attempt += 1
                log.info("%s on %s; retry %d in %.1f s (Retry-After)", type(error).__name__,
                         path, attempt, wait)
                await self.policy.sleep(wait)
                continue
            if isinstance(error, (ConnectionFailedError, RequestTimeoutError)) and idempotent \
                    and attempt < self.policy.transient_retries:
                wait = self.policy.backoff(attempt)
                attempt += 1
                log.info("%s on %s; retry %d in %.1f s", type(error).__name__, path, attempt, wait)
                await self.reconnect()
                await self.policy.sleep(wait)
                continue
            raise error from cause

    async def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """``send`` and unwrap the envelope: the ``data`` object."""
        response = await self.send(method, path, **kwargs)
        return unwrap(_json(response), path)

    # -- the protocol calls ------------------------------------------------------------------
    async def anonymous_token(self, client_id: str) -> AnonymousToken:
        data = await self.call("POST", "/api/auth/anonymous-token", auth=False,
                               extra_headers={"X-Client-Id": client_id}, idempotent=True)
        return AnonymousToken.parse(data)

    async def create_session(self, task_name: str = "project",
                             language: str | None = "en") -> SessionInfo:
        body: dict[str, Any] = {"task_name": task_name}
        if language:
            body["language"] = language
        data = await self.call("POST", f"/api/tasks/me/with-session/{APP}", json=body)
        info = SessionInfo.parse(data)
        if not info.session_id:
            raise ProtocolError("no session id in the answer", endpoint="with-session")
        return info

    async def credits(self) -> Credits:
        return Credits.parse(await self.call("GET", "/api/credits/balance/simple",
                                             idempotent=True))

    async def state(self, session_id: str) -> SessionState:
        data = await self.call("GET", f"/api/state/{APP}/me/{session_id}/latest",
                               idempotent=True)
        return SessionState.parse(data, session_id)

    async def sessions(self) -> list[SessionSummary]:
        """The backend's sessions, newest first (engine extension; empty when unsupported)."""
        data = await self.call("GET", "/api/sessions", idempotent=True)
        rows = data.get("sessions", [])
        return [SessionSummary.parse(r) for r in rows if isinstance(r, dict)] \
            if isinstance(rows, list) else []

    async def rename_session(self, session_id: str, name: str) -> SessionSummary:
        """Rename a project (engine extension)."""
        data = await self.call("PATCH", f"/api/sessions/{session_id}", json={"name": name})
        return SessionSummary.parse(data)

    async def duplicate_session(self, session_id: str, name: str = "") -> SessionSummary:
        """Copy a project: its current draft, uploads and chat (engine extension)."""
        data = await self.call("POST", f"/api/sessions/{session_id}/duplicate",
                               json={"name": name} if name else {})
        return SessionSummary.parse(data)

    async def delete_session(self, session_id: str) -> int:
        """Delete a project; the media no other project uses go too. Returns how many media
        files were removed (engine extension)."""
        data = await self.call("DELETE", f"/api/sessions/{session_id}")
        return int(data.get("media_removed", 0)) if isinstance(data.get("media_removed"),
                                                                int) else 0

    async def messages(self, session_id: str) -> list[ChatMessage]:
        """A session's chat history, oldest first (engine extension)."""
        data = await self.call("GET", f"/api/sessions/{session_id}/messages", idempotent=True)
        rows = data.get("messages", [])
        return [ChatMessage.parse(r) for r in rows if isinstance(r, dict)] \
            if isinstance(rows, list) else []

    async def apply_ops(self, session_id: str, ops: Sequence[Op], label: str = "") -> OpsResult:
        """Apply typed operations as one draft version (engine extension, docs/ops.md)."""
        body: dict[str, Any] = {"ops": ops_to_json(list(ops))}
        if label:
            body["label"] = label
        data = await self.call("POST", f"/api/ops/{APP}/me/{session_id}", json=body)
        return OpsResult.parse(data, session_id)

    async def thumbnail(self, media_hash: str, size: int = 256) -> bytes:
        """A PNG thumbnail of an uploaded file (engine extension)."""
        response = await self.send("GET", f"/media/{media_hash}/thumbnail?size={size}",
                                   idempotent=True)
        return response.content

    def run_sse(self, session_id: str, text: str) -> AsyncIterator[StreamEvent]:
        """One chat turn: typed events until the server closes the stream."""
        return run_turn(self, session_id, text)

    async def upload(self, session_id: str, paths: Sequence[Path],
                     progress: Callable[[Path, int, int], None] | None = None) -> UploadResult:
        """Multipart upload streamed from disk; ``progress(path, sent, size)``."""
        return await upload_files(self, session_id, paths, progress)

    async def upload_urls(self, session_id: str, urls: Sequence[str]) -> UploadResult:
        data = await self.call("POST", f"/api/upload-video/{APP}/me/{session_id}",
                               json={"urls": list(urls), "source_type": "url"})
        return UploadResult.parse(data)

    async def link_media(self, session_id: str,
                         media: Sequence[tuple[str, str]]) -> UploadResult:
        """Add media already uploaded (``(hash, name)``) to a session without sending the
        bytes again (engine extension)."""
        data = await self.call("POST", f"/api/upload-video/{APP}/me/{session_id}",
                               json={"media": [{"hash": h, "name": n} for h, n in media],
                                     "source_type": "media"})
        return UploadResult.parse(data)

    async def submit_render(self, job_id: str, session_id: str, draft: dict[str, Any],
                            output: dict[str, Any]) -> RenderStatus:
        body = {"id": job_id, "sessionId": session_id, "draft": draft, "output": output}
        response = await self.send("POST", "/api/render/proxy/lambda", json=body)
        return RenderStatus.parse(_json(response) or {}, job_id)

    async def render_status(self, job_id: str) -> RenderStatus:
        """The job's status; ``retry_after`` is set when the answer asks for a longer wait."""
        response = await self.send("GET", f"/api/render/proxy/lambda/{job_id}", idempotent=True)
        return RenderStatus.parse(_json(response) or {}, job_id,
                                  retry_after(response.headers))

    async def cancel_render(self, job_id: str) -> None:
        await self.send("POST", f"/api/render/proxy/lambda/{job_id}/cancel", idempotent=True)


def _json(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def unwrap(body: Any, endpoint: str = "") -> dict[str, Any]:
    """The ``data`` of either envelope (errors were already raised by ``send``)."""
    if not isinstance(body, dict):
        raise ProtocolError("the answer is not a JSON object", endpoint=endpoint)
    data = body.get("data", {})
    return data if isinstance(data, dict) else {"value": data}
