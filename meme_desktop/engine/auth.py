"""Who is calling: the launch token, anonymous tokens, and the middleware that checks them.

The launch token (``--token`` / ``MEME_ENGINE_TOKEN``) always works and acts for the local
user, who can open every session. With ``--allow-anonymous``, ``POST /api/auth/anonymous-token``
issues 7-day tokens (one per client id per 7 days, and at most :data:`ANONYMOUS_PER_ADDRESS`
new ones per network address per hour, so inventing client ids does not mint tokens without
end); only their SHA-256 is stored, never the token. Tokens are compared in constant time and never logged. The middleware also logs each
request with its attribution headers (``X-Skill-*``), which are accepted but not required.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meme_desktop.engine.protocol_errors import (
    AnonymousDisabledError,
    BadTokenError,
    MissingClientIdError,
    ProtocolError,
    RateLimitedError,
    error_body,
)
from meme_desktop.engine.store import Store

log = logging.getLogger("meme_desktop.engine")

LOCAL_USER = "local"
ANONYMOUS_TTL = 7 * 24 * 3600.0
ANONYMOUS_PER_ADDRESS = 10  # new anonymous tokens per remote address ...
ADDRESS_WINDOW = 3600.0  # ... per this many seconds (kept in memory)
UNMETERED_CREDITS = 1_000_000  # a local engine does not charge; reported with "unmetered"
PUBLIC_PATHS = ("/api/auth/anonymous-token", "/health", "/api/ops/schema")
ATTRIBUTION = ("x-skill-source", "x-skill-version", "x-skill-platform")


@dataclass(frozen=True)
class Caller:
    """The authenticated user of one request. ``admin``: the launch token (sees everything)."""

    user_id: str
    admin: bool

    def owns(self, user_id: str) -> bool:
        return self.admin or user_id == self.user_id

    def accepts_user_segment(self, segment: str, owner: str) -> bool:
        """The path's user segment: ``me``, the caller's id or the session owner's id."""
        return segment in ("me", self.user_id, owner)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Authenticator:
    """Checks bearer tokens and issues anonymous ones."""

    def __init__(self, store: Store, launch_token: str | None, allow_anonymous: bool,
                 ttl: float = ANONYMOUS_TTL, per_address: int = ANONYMOUS_PER_ADDRESS) -> None:
        self._store = store
        self._launch = launch_token.encode("utf-8") if launch_token else None
        self.allow_anonymous = allow_anonymous
        self.ttl = ttl
        self.per_address = per_address
        self._issued: dict[str, deque[float]] = {}  # address -> times of tokens issued to it
        self._issued_lock = threading.Lock()

    def identify(self, authorization: str | None) -> Caller:
        if not authorization:
            raise BadTokenError(missing=True)
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise BadTokenError(missing=True)
        if self._launch is not None and hmac.compare_digest(token.encode("utf-8"), self._launch):
            return Caller(LOCAL_USER, admin=True)
        found = self._store.token(token_hash(token))
        if found is None:
            raise BadTokenError()
        user_id, expires_at = found
        if expires_at <= time.time():
            raise BadTokenError(expired=True)
        return Caller(user_id, admin=False)

    def _take_address_slot(self, address: str, now: float) -> None:
        """Count one token for ``address``; :class:`RateLimitedError` when it had its share."""
        with self._issued_lock:
            times = self._issued.setdefault(address, deque())
            while times and now - times[0] >= ADDRESS_WINDOW:
                times.popleft()
            if len(times) >= self.per_address:
                raise RateLimitedError(int(ADDRESS_WINDOW - (now - times[0])) + 1,
                                       per_address=True)
            times.append(now)

    def issue_anonymous(self, client_id: str | None, address: str = "") -> dict[str, Any]:
        if not self.allow_anonymous:
            raise AnonymousDisabledError("anonymous tokens are off")
        client_id = (client_id or "").strip()
        if not client_id or len(client_id) > 200:
            raise MissingClientIdError()
        last = self._store.last_token_time(client_id)
        now = time.time()
        if last is not None and now - last < self.ttl:
            raise RateLimitedError(int(self.ttl - (now - last)) + 1)
        self._take_address_slot(address, now)
        token = "anon_" + secrets.token_urlsafe(32)
        user_id = "user_" + hashlib.sha256(client_id.encode("utf-8")).hexdigest()[:16]
        expires = self._store.add_token(token_hash(token), user_id, client_id, self.ttl)
        return {"token": token, "user_id": user_id, "credits": UNMETERED_CREDITS,
                "unmetered": True,
                "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires))}


class AuthMiddleware:
    """Pure ASGI: authenticate every HTTP request outside :data:`PUBLIC_PATHS`, log it."""

    def __init__(self, app: ASGIApp, auth: Authenticator) -> None:
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        path: str = scope.get("path", "")
        attribution = " ".join(f"{h[8:]}={headers[h]!r}" for h in ATTRIBUTION if h in headers)
        started = time.monotonic()
        status_box: list[int] = [0]

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_box[0] = int(message["status"])
            await send(message)

        try:
            if path not in PUBLIC_PATHS:
                try:
                    caller = self.auth.identify(headers.get("authorization"))
                except ProtocolError as exc:
                    await _send_error(send_logged, exc, path)
                    return
                scope.setdefault("state", {})["caller"] = caller
            await self.app(scope, receive, send_logged)
        finally:
            log.info("%s %s -> %s (%.0f ms)%s", scope.get("method"), path, status_box[0],
                     (time.monotonic() - started) * 1000,
                     f" [{attribution}]" if attribution else "")


async def _send_error(send: Send, exc: ProtocolError, path: str) -> None:
    status, body = error_body(exc, proxy=path.startswith("/api/render/proxy"))
    payload = json.dumps(body).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode()),
                            (b"www-authenticate", b"Bearer")]})
    await send({"type": "http.response.body", "body": payload})
