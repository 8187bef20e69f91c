"""The engine's HTTP server: the Starlette app speaking the NemoVideo protocol, and uvicorn.

:func:`create_app` wires the store, the authenticator, the render queue and the routes
(REST, render proxy, ``/run_sse``, media) behind the guard (Host / Origin checks, ``nosniff``,
see :mod:`.webguard`) and maps every typed error to the protocol's JSON envelope.
:func:`serve` binds the socket itself (port 0 picks a free one), refuses unsafe set-ups (a
non-loopback host without a token; no token and no ``--allow-anonymous``; a malformed
``--public-url``), keeps everything it writes private (umask 077: folders 0700, files 0600,
older files tightened at start), says what it noticed about its database, prints exactly one
``READY http://HOST:PORT`` line on stdout once connections are accepted, logs to stderr and
``<data dir>/engine.log``, and shuts down cleanly on SIGTERM / Ctrl+C (running renders are left
to re-run on the next start).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import logging.handlers
import os
import signal
import socket
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse

from meme_desktop.cache_prune import prune_cache
from meme_desktop.config import private_tree
from meme_desktop.draft import DraftError
from meme_desktop.engine import (
    helper,
    routes_history,
    routes_ops,
    routes_projects,
    routes_render,
    routes_rest,
    sse,
)
from meme_desktop.engine.agent.llm import ModelClient, ModelConfig
from meme_desktop.engine.auth import Authenticator, AuthMiddleware
from meme_desktop.engine.context import EngineContext, error_response
from meme_desktop.engine.errors import EngineError, notice_message
from meme_desktop.engine.jobs import RenderQueue
from meme_desktop.engine.protocol_errors import ProtocolError
from meme_desktop.engine.store import Store
from meme_desktop.engine.webguard import GuardMiddleware, HostPolicy

log = logging.getLogger("meme_desktop.engine")


class EngineConfigError(Exception):
    """A set-up the engine refuses to start with; ``problem`` is the sentence to print."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


def _is_proxy(request: Request) -> bool:
    return request.url.path.startswith("/api/render/proxy")


async def _typed_error(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, ProtocolError | EngineError | DraftError):
        log.exception("unexpected error on %s %s", request.method, request.url.path,
                      exc_info=exc)
    return error_response(exc, proxy=_is_proxy(request))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    message = {404: "There is no such endpoint on this engine.",
               405: "This endpoint does not accept that method."}.get(exc.status_code,
                                                                      str(exc.detail))
    body: dict[str, Any] = {"code": exc.status_code, "message": message, "data": None}
    if _is_proxy(request):
        body = {"success": False, "code": exc.status_code, "message": message, "error": message}
    return JSONResponse(body, status_code=exc.status_code)


def create_app(store_dir: Path, token: str | None, allow_anonymous: bool = False,
               render_workers: int = 1, *, heartbeat: float = 15.0, turn_delay: float = 0.0,
               allow_private_urls: bool = False, model: ModelConfig | None = None,
               bind_host: str = "127.0.0.1", public_url: str | None = None) -> Starlette:
    """The engine as an ASGI app. The store opens now; render workers start with the app.

    ``model``: a person's own model for what the built-in rules do not understand.
    ``bind_host`` and ``public_url`` decide which ``Host`` names are answered
    (:class:`HostPolicy`); ``public_url`` is also the base of every absolute URL."""
    store = Store(Path(store_dir))
    ctx = EngineContext(store=store, auth=Authenticator(store, token, allow_anonymous),
                        jobs=RenderQueue(store, render_workers), heartbeat=heartbeat,
                        turn_delay=turn_delay, allow_private_urls=allow_private_urls,
                        public_url=public_url,
                        model=ModelClient(model) if model is not None else None)
    if ctx.model is not None and model is not None:
        threading.Thread(target=ctx.model.warm, name="model-warm", daemon=True).start()
        log.info("chat turns the rules do not understand go to the model at %s (%s)",
                 model.shown, model.model or "its default model")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        again = ctx.jobs.start()
        if again:
            log.info("re-running %d interrupted render(s)", len(again))
        threading.Thread(target=prune_cache, args=("captions",), name="cache-prune",
                         daemon=True).start()  # old caption pictures: nothing waits for it
        try:
            yield
        finally:
            await asyncio.get_running_loop().run_in_executor(None, ctx.jobs.stop)
            store.close()

    app = Starlette(
        routes=[*routes_rest.ROUTES, *routes_projects.ROUTES, *routes_render.ROUTES,
                *routes_ops.ROUTES, *routes_history.ROUTES, *sse.ROUTES],
        middleware=[Middleware(GuardMiddleware, policy=HostPolicy(bind_host, public_url)),
                    Middleware(AuthMiddleware, auth=ctx.auth)],
        exception_handlers={ProtocolError: _typed_error, EngineError: _typed_error,
                            DraftError: _typed_error, HTTPException: _http_error},
        lifespan=lifespan)
    app.state.engine = ctx
    return app


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_setup(host: str, token: str | None, allow_anonymous: bool,
                public_url: str | None = None) -> None:
    """Refuse the unsafe or useless set-ups before binding anything."""
    if public_url is not None:
        parts = urlsplit(public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname or \
                parts.path.strip("/") or parts.query:
            raise EngineConfigError(f"--public-url must look like http://NAME:PORT, not "
                                    f"{public_url!r}")
    if not is_loopback(host) and not token:
        raise EngineConfigError(f"refusing to listen on {host} (not loopback) without a token; "
                                "pass --token or set MEME_ENGINE_TOKEN")
    if not token and not allow_anonymous:
        raise EngineConfigError("no token: pass --token T (or set MEME_ENGINE_TOKEN), or "
                                "--allow-anonymous to let clients get anonymous tokens")


def lock_data_dir(data_dir: Path) -> IO[bytes]:
    """Hold ``engine.lock`` for the life of the process: one engine per data directory."""
    handle = (data_dir / "engine.lock").open("a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise EngineConfigError(f"another engine is already using {data_dir}") from exc
    return handle


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket on ``host:port`` (port 0: a free port)."""
    info = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                              flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(info[0], info[1], info[2])
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(info[4])
    sock.set_inheritable(True)
    return sock


def setup_logging(log_file: Path, level: int = logging.INFO) -> None:
    """Engine logs to stderr and a rotating file in the data dir (stdout is for READY only)."""
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    root.setLevel(level)
    for handler in (logging.StreamHandler(sys.stderr),
                    logging.handlers.RotatingFileHandler(log_file, maxBytes=2_000_000,
                                                         backupCount=2, encoding="utf-8")):
        handler.setFormatter(fmt)
        root.addHandler(handler)


class _Server(uvicorn.Server):
    """uvicorn without re-raising the captured signal: SIGTERM ends with exit status 0."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        previous = {sig: signal.signal(sig, self.handle_exit)
                    for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _start_helper() -> helper.Helper:
    """The media helper does the PyAV, numpy and Qt work, so this process never loads them
    (:mod:`meme_desktop.engine.helper`); it starts now, while the app is still starting."""
    media = helper.Helper()
    helper.install(media)
    media.start_in_background()
    return media


async def _exit_with_parent(server: uvicorn.Server) -> None:
    """Stop when the app that launched us is gone (``MEME_ENGINE_PARENT_PID``, POSIX only).

    A window killed by a signal or a crash cannot stop its engine; the orphaned child notices
    that it was re-parented and shuts down cleanly instead of running forever.
    """
    parent = os.environ.get("MEME_ENGINE_PARENT_PID", "")
    if not parent.isdigit() or os.name != "posix":
        return
    while not server.should_exit:
        if os.getppid() != int(parent):
            log.info("the app that started the engine is gone: stopping")
            server.should_exit = True
            return
        await asyncio.sleep(1.0)


def serve(host: str, port: int, token: str | None, data_dir: Path, allow_anonymous: bool = False,
          render_workers: int = 1, ready: IO[str] | None = None,
          public_url: str | None = None, **knobs: Any) -> None:
    """Run the engine until SIGTERM / Ctrl+C. Prints ``READY http://HOST:PORT`` to ``ready``."""
    check_setup(host, token, allow_anonymous, public_url)
    if os.name == "posix":
        os.umask(0o077)  # the database, media, renders, logs and ffmpeg's files: 0600 / 0700
    data_dir.mkdir(parents=True, exist_ok=True)
    private_tree(data_dir)  # what an older version (or another umask) left readable
    lock = lock_data_dir(data_dir)
    setup_logging(data_dir / "engine.log")
    app = create_app(data_dir, token, allow_anonymous, render_workers, bind_host=host,
                     public_url=public_url, **knobs)
    for notice in app.state.engine.store.notices:
        log.warning("%s", notice_message(notice))
    media = _start_helper()
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on",
                            proxy_headers=False, timeout_graceful_shutdown=5,
                            timeout_keep_alive=30)
    server = _Server(config)
    out = ready or sys.stdout

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        watchdog = asyncio.create_task(_exit_with_parent(server))
        while not server.started and not task.done():
            await asyncio.sleep(0.02)
        if server.started:
            log.info("engine listening on %s:%d (data in %s)", shown, bound_port, data_dir)
            out.write(f"READY http://{shown}:{bound_port}\n")
            out.flush()
        await task
        watchdog.cancel()

    try:
        asyncio.run(main())
    finally:
        sock.close()
        media.stop()
        helper.install(None)
        log.info("engine stopped")
        lock.close()
