"""The engine's outer wall: who may address it (Host, Origin), safe headers, no dropped connections.

A web page can reach a loopback server through the person's browser: directly (a ``fetch`` from
any site, which carries that site's ``Origin``) or by DNS rebinding (the page's own name made to
resolve to 127.0.0.1, so the request carries that name in ``Host``). :class:`HostPolicy`
accepts only the names this engine really has: the loopback names, the address it listens on,
the ``--public-url`` host, and, when it listens on every interface, IP literals and the
machine's own host name. A request with any other ``Host`` or with an ``Origin`` that is not the
engine itself is answered 403 before authentication, so even ``/api/auth/anonymous-token`` and
``/health`` are out of a foreign page's reach.

:class:`GuardMiddleware` also adds ``X-Content-Type-Options: nosniff`` to every answer (media
is served as what the store decided it is, never re-guessed by a browser) and is the last catch
for an unexpected error: the client gets a JSON 500 and the connection stays usable (Starlette's
own handler re-raises, which makes uvicorn drop a kept-alive connection).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
from urllib.parse import urlsplit

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from meme_desktop.engine.protocol_errors import (
    ForeignHostError,
    ForeignOriginError,
    ProtocolError,
    error_body,
)

log = logging.getLogger("meme_desktop.engine")

LOOPBACK_NAMES = frozenset({"localhost", "localhost.", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def split_host(value: str) -> str:
    """The lower-case host name of a ``Host`` header value (port and IPv6 brackets removed)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


class HostPolicy:
    """Which ``Host`` names and ``Origin`` values this engine answers."""

    def __init__(self, bind_host: str = "127.0.0.1", public_url: str | None = None) -> None:
        bind = bind_host.strip().strip("[]").lower()
        self.names: set[str] = set(LOOPBACK_NAMES)
        self.any_ip = bind in WILDCARDS
        if bind and not self.any_ip:
            self.names.add(bind)
        if self.any_ip:  # a shared render box: its own names work too
            for name in {socket.gethostname(), socket.getfqdn()}:
                if name:
                    self.names.add(name.lower())
        if public_url:
            public = urlsplit(public_url).hostname
            if public:
                self.names.add(public.lower())

    def host_ok(self, host: str) -> bool:
        if host in self.names:
            return True
        ip = _ip(host)
        if ip is None:
            return False
        return ip.is_loopback or self.any_ip

    def origin_ok(self, origin: str, port: int | None) -> bool:
        """Only the engine's own origin (a page it served itself; it serves none today)."""
        parts = urlsplit(origin.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False  # includes "null" (sandboxed pages, file://)
        try:
            origin_port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return False
        return self.host_ok(parts.hostname.lower()) and origin_port == port


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def send_json_error(send: Send, exc: BaseException, path: str,
                          extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """Answer with the protocol's JSON error envelope for ``exc`` (REST or render-proxy)."""
    status, body = error_body(exc, proxy=path.startswith("/api/render/proxy"))
    payload = json.dumps(body).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode()),
                            (b"x-content-type-options", b"nosniff"),
                            *(extra_headers or [])]})
    await send({"type": "http.response.body", "body": payload})


class GuardMiddleware:
    """Pure ASGI, outermost: Host and Origin checks, ``nosniff``, the last error catch."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        refusal = self._refusal(scope)
        if refusal is not None:
            log.warning("refused %s %s: %s", scope.get("method"), path, refusal.detail)
            await send_json_error(send, refusal, path)
            return
        started = [False]

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                started[0] = True
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() != b"x-content-type-options"]
                message = {**message, "headers": [*headers,
                                                  (b"x-content-type-options", b"nosniff")]}
            await send(message)

        try:
            await self.app(scope, receive, send_guarded)
        except ClientDisconnect:
            log.info("client hung up during %s %s", scope.get("method"), path)
        except Exception as exc:  # the last catch: log it, answer, keep the connection
            log.exception("unexpected error on %s %s", scope.get("method"), path, exc_info=exc)
            if not started[0]:
                await send_json_error(send, exc, path)

    def _refusal(self, scope: Scope) -> ProtocolError | None:
        host = _header(scope, b"host")
        if host is not None and not self.policy.host_ok(split_host(host)):
            return ForeignHostError(host)
        origin = _header(scope, b"origin")
        server = scope.get("server")
        port = server[1] if server else None
        if origin is not None and not self.policy.origin_ok(origin, port):
            return ForeignOriginError(origin)
        return None
