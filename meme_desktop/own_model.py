"""A person's own model, seen from the window (no Qt): finding local servers, testing one,
keeping its API key, and handing the choice to the engine child (docs/own-model.md).

:class:`ModelFinder` asks the usual local servers (Ollama on 11434, LM Studio on 1234,
llama.cpp on 8080) for ``GET …/v1/models`` at the same time, with a short timeout, lists a
server's models and times a one-word test answer; every failure is a typed
:class:`ProbeError`. :class:`ModelKeys` keeps API keys in the OS keyring, or in memory for
this run when there is none (``memory_only`` says so). :func:`engine_env` is the
environment (``MEME_DESKTOP_LLM_*``, a contract) the engine child is started with: empty
values mean the built-in assistant, whatever the shell had set. Everything is awaited on the
window's loop; keyring calls and client set-up run in a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from meme_desktop import secrets
from meme_desktop.config import (
    LLM_KEY_ENV,
    LLM_MODEL_ENV,
    LLM_TIMEOUT_ENV,
    LLM_URL_ENV,
    Settings,
)

LOCAL_SERVERS: tuple[tuple[str, str], ...] = (
    ("Ollama", "http://127.0.0.1:11434/v1"),
    ("LM Studio", "http://127.0.0.1:1234/v1"),
    ("llama.cpp", "http://127.0.0.1:8080/v1"),
)
DETECT_TIMEOUT = 0.8  # seconds for one local server to answer GET /v1/models
MODELS_TIMEOUT = 5.0
ProbeKind = Literal["unreachable", "timeout", "auth", "not_found", "http", "bad_answer"]


class ProbeError(Exception):
    """A model server that could not be used: ``kind`` (and ``status`` for HTTP errors)."""

    def __init__(self, kind: ProbeKind, status: int = 0) -> None:
        super().__init__(f"{kind} {status or ''}".strip())
        self.kind: ProbeKind = kind
        self.status = status


@dataclass(frozen=True)
class FoundServer:
    """A local model server that answered, with the models it offers."""

    name: str
    url: str
    models: tuple[str, ...]


def normalise_url(url: str) -> str:
    """``http://h:1/v1/`` → ``http://h:1/v1`` (the form the engine reads)."""
    url = url.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        url = url[: -len("/chat/completions")].rstrip("/")
    return url


def valid_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _headers(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"} if key else {}


def _check(response: httpx.Response) -> Any:
    if response.status_code in (401, 403):
        raise ProbeError("auth", response.status_code)
    if response.status_code == 404:
        raise ProbeError("not_found", 404)
    if response.status_code >= 400:
        raise ProbeError("http", response.status_code)
    try:
        return response.json()
    except ValueError as exc:
        raise ProbeError("bad_answer") from exc


class ModelFinder:
    """Finds local model servers and tests a chosen one (see the module docstring)."""

    def __init__(self, candidates: Sequence[tuple[str, str]] = LOCAL_SERVERS,
                 detect_timeout: float = DETECT_TIMEOUT) -> None:
        self.candidates = tuple(candidates)
        self.detect_timeout = detect_timeout
        self.found: list[FoundServer] | None = None  # the last detection, None before any
        self._detecting: asyncio.Task[list[FoundServer]] | None = None

    async def _request(self, method: str, url: str, timeout: float, key: str = "",
                       body: dict[str, Any] | None = None) -> Any:
        # building a client loads TLS certificates (tens of ms): never on the UI thread
        client = await asyncio.to_thread(
            httpx.AsyncClient, timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            trust_env=not _loopback(url))
        try:
            async with client:
                response = await client.request(method, url, headers=_headers(key), json=body)
                return _check(response)
        except httpx.TimeoutException as exc:
            raise ProbeError("timeout") from exc
        except httpx.HTTPError as exc:
            raise ProbeError("unreachable") from exc

    async def models(self, url: str, key: str = "",
                     timeout: float = MODELS_TIMEOUT) -> list[str]:
        """The model names a server offers (``GET {url}/models``)."""
        data = await self._request("GET", normalise_url(url) + "/models", timeout, key)
        items = data.get("data") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ProbeError("bad_answer")
        return [m["id"] for m in items if isinstance(m, dict) and isinstance(m.get("id"), str)]

    async def detect(self) -> list[FoundServer]:
        """The local servers that answer now (all asked at once); remembered in ``found``.
        Callers that stop waiting do not stop a detection others wait for."""
        return await asyncio.shield(self.detect_soon())

    def detect_soon(self) -> asyncio.Task[list[FoundServer]]:
        """Start a detection in the background (the app does at start), or join the one
        running; cancelling the task returned stops it."""
        if self._detecting is None or self._detecting.done():
            self._detecting = asyncio.ensure_future(self._detect())
        return self._detecting

    async def _detect(self) -> list[FoundServer]:
        async def one(name: str, url: str) -> FoundServer | None:
            try:
                return FoundServer(name, url, tuple(await self.models(url, "",
                                                                      self.detect_timeout)))
            except ProbeError:
                return None

        answers = await asyncio.gather(*(one(n, u) for n, u in self.candidates))
        self.found = [a for a in answers if a is not None]
        return self.found

    async def test(self, url: str, model: str, key: str = "", timeout: float = 30.0) -> float:
        """Milliseconds for the model to answer a one-word request; :class:`ProbeError`."""
        body: dict[str, Any] = {"messages": [{"role": "user",
                                              "content": "Answer with the single word OK."}],
                                "max_tokens": 5, "stream": False}
        if model:
            body["model"] = model
        started = time.perf_counter()
        data = await self._request("POST", normalise_url(url) + "/chat/completions", timeout,
                                   key, body)
        if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
            raise ProbeError("bad_answer")
        return (time.perf_counter() - started) * 1000


class ModelKeys:
    """API keys of model servers: in the OS keyring, else in memory for this run."""

    def __init__(self) -> None:
        self.memory_only = False  # True once the keyring turned out to be unusable
        self._memory: dict[str, str] = {}

    async def get(self, url: str) -> str | None:
        url = normalise_url(url)
        if url in self._memory:
            return self._memory[url]
        try:
            return await asyncio.to_thread(secrets.get, secrets.model_account(url))
        except secrets.SecretStoreUnavailable:
            self.memory_only = True
            return None

    async def set(self, url: str, key: str) -> bool:
        """Keep ``key``; False when it is only kept in memory (no keyring)."""
        url = normalise_url(url)
        try:
            await asyncio.to_thread(secrets.set, secrets.model_account(url), key)
        except secrets.SecretStoreUnavailable:
            self.memory_only = True
            self._memory[url] = key
            return False
        self._memory.pop(url, None)
        return True

    async def delete(self, url: str) -> None:
        url = normalise_url(url)
        self._memory.pop(url, None)
        with contextlib.suppress(secrets.SecretStoreUnavailable):
            await asyncio.to_thread(secrets.delete, secrets.model_account(url))


def engine_env(settings: Settings, key: str | None) -> dict[str, str]:
    """The ``MEME_DESKTOP_LLM_*`` environment of the engine child for these settings."""
    url = normalise_url(settings.model_url)
    if not url:
        return {LLM_URL_ENV: "", LLM_MODEL_ENV: "", LLM_KEY_ENV: "", LLM_TIMEOUT_ENV: ""}
    return {LLM_URL_ENV: url, LLM_MODEL_ENV: settings.model_name, LLM_KEY_ENV: key or "",
            LLM_TIMEOUT_ENV: str(settings.model_timeout)}


__all__ = ["LOCAL_SERVERS", "FoundServer", "ModelFinder", "ModelKeys", "ProbeError",
           "engine_env", "normalise_url", "valid_url"]
