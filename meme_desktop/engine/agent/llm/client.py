"""The engine's client of a person's own model: blocking calls for the engine's worker thread.

``ask_edit`` asks for ``{"ops": [...], "reply": "..."}`` and returns the operations validated
by ``draft.ops`` (:class:`EditAnswer`); ``ask_captions`` / ``suggest_captions`` ask for a short
list of caption candidates for a meme format's slots (the meme maker's creative writing).
Every call is one request (``response_format`` with a JSON Schema); a server that refuses
``response_format`` (HTTP 400 / 422) is asked once more with the JSON shape in the prompt
only, and remembered as such. Nothing else is retried.

Each call runs its own small asyncio loop with an ``httpx.AsyncClient`` (explicit connect and
read timeouts), bounded by one deadline (``ModelConfig.timeout``) for the whole call, and
abandoned at once when ``cancel`` (a :class:`threading.Event`) is set: the connection closes,
which tells a local server to stop generating. Failures are typed
(:mod:`~meme_desktop.engine.agent.llm.errors`); ``suggest_captions`` turns them into None.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import ssl
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from meme_desktop.draft import Draft, OpError
from meme_desktop.draft.ops import Op, ops_from_json
from meme_desktop.engine.agent.llm import prompt
from meme_desktop.engine.agent.llm.config import ModelConfig
from meme_desktop.engine.agent.llm.errors import (
    ModelBadAnswer,
    ModelCancelled,
    ModelError,
    ModelHttpError,
    ModelRefused,
    ModelTimeout,
)
from meme_desktop.engine.agent.llm.wire import Reply, exchange, json_object, request_body
from meme_desktop.engine.agent.types import AssetRef

log = logging.getLogger(__name__)
T = TypeVar("T")

CONNECT_TIMEOUT = 5.0   # seconds to open the connection (at most the whole timeout)
POLL = 0.05             # seconds between looks at the cancel flag
JSON_ONLY = "Answer with the JSON object only: no code fences, no other text."
CAPTION_LIMIT = 60      # characters of one caption text, by default

_ssl_lock = threading.Lock()
_ssl: ssl.SSLContext | None = None


def ssl_context() -> ssl.SSLContext:
    """One TLS context per process: building it costs tens of milliseconds."""
    global _ssl
    with _ssl_lock:
        if _ssl is None:
            _ssl = httpx.create_ssl_context()
        return _ssl


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class EditAnswer:
    """The model's answer to an edit request: validated operations and its words."""

    ops: list[Op]
    reply: str


def edit_answer(obj: dict[str, Any]) -> EditAnswer:
    """Check ``{"ops": [...], "reply": "..."}``; :class:`ModelBadAnswer` when unusable."""
    raw = obj.get("ops")
    try:
        ops = ops_from_json([] if raw is None else raw)
    except OpError as exc:
        raise ModelBadAnswer(f"invalid operations: {exc}") from exc
    reply = obj.get("reply")
    text = prompt.clean(reply, prompt.MAX_REPLY) if isinstance(reply, str) else ""
    if not ops and not text:
        raise ModelBadAnswer("the answer has neither operations nor a reply")
    return EditAnswer(ops, text)


def caption_candidates(obj: dict[str, Any], slots: int, n: int, limit: int,
                       avoid: Sequence[str] = ()) -> list[list[str]]:
    """Up to ``n`` distinct candidates of ``slots`` texts each, none longer than ``limit``
    and none already used; :class:`ModelBadAnswer` when none is usable."""
    raw = obj.get("captions")
    if not isinstance(raw, list):
        raise ModelBadAnswer('the answer has no "captions" list')
    used = {a.strip().lower() for a in avoid}
    seen: set[tuple[str, ...]] = set()
    out: list[list[str]] = []
    for cand in raw:
        if isinstance(cand, str) and slots == 1:
            cand = [cand]
        if not isinstance(cand, list) or len(cand) != slots or \
                not all(isinstance(t, str) for t in cand):
            continue
        texts = [prompt.clean(t, limit + 1) for t in cand]
        key = tuple(t.lower() for t in texts)
        if any(not t or len(t) > limit for t in texts) or key in seen or \
                any(t in used for t in key):
            continue
        seen.add(key)
        out.append(texts)
        if len(out) == n:
            break
    if not out:
        raise ModelBadAnswer("no usable caption candidate")
    return out


class ModelClient:
    """Talks to one configured model server (see the module docstring)."""

    def __init__(self, config: ModelConfig, *, max_tokens: int = 1024,
                 temperature: float = 0.4, poll: float = POLL) -> None:
        self.config = config
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.poll = poll
        self.json_only = False  # the server refused response_format once: prompt only
        self._verify = ssl_context() if config.url.startswith("https:") else False

    def __repr__(self) -> str:
        return f"ModelClient({self.config.shown}, model={self.config.model!r})"

    def warm(self) -> None:
        """Build the prompt and schema and load httpx's async machinery now (about 0.1 s
        once per process), so the first chat turn that asks the model is not slower."""
        prompt.edit_system()
        prompt.edit_schema()

        async def client() -> None:
            async with httpx.AsyncClient(verify=self._verify):
                pass

        asyncio.run(client())

    # -- public, blocking ------------------------------------------------------------------
    def ask_edit(self, text: str, draft: Draft, assets: Sequence[AssetRef],
                 formats: Sequence[tuple[str, str]] = (),
                 cancel: threading.Event | None = None) -> EditAnswer:
        """Operations (validated, not yet applied) and a reply for one chat message."""
        messages = prompt.edit_messages(text, draft, assets, formats)
        return edit_answer(self.complete_json(messages, prompt.edit_schema(), "meme_edit",
                                              cancel))

    def ask_captions(self, topic: str, slots: Sequence[str], language: str = "en", n: int = 3,
                     *, format_hint: str = "", avoid: Sequence[str] = (),
                     limit: int = CAPTION_LIMIT,
                     cancel: threading.Event | None = None) -> list[list[str]]:
        """``n`` (or fewer) caption candidates, each one text per slot, in slot order."""
        if not slots or n < 1:
            raise ValueError("ask for at least one candidate of at least one slot")
        messages = prompt.caption_messages(topic, slots, language, n, limit, format_hint,
                                           avoid)
        schema = prompt.captions_schema(len(slots), n, limit)
        obj = self.complete_json(messages, schema, "meme_captions", cancel)
        return caption_candidates(obj, len(slots), n, limit, avoid)

    def suggest_captions(self, topic: str, slots: Sequence[str], language: str = "en",
                         n: int = 3, *, format_hint: str = "", avoid: Sequence[str] = (),
                         limit: int = CAPTION_LIMIT,
                         cancel: threading.Event | None = None) -> list[list[str]] | None:
        """Like :meth:`ask_captions`, but None (logged) when the model is unavailable: the
        caller then writes the captions itself."""
        try:
            return self.ask_captions(topic, slots, language, n, format_hint=format_hint,
                                     avoid=avoid, limit=limit, cancel=cancel)
        except ModelError as exc:
            log.warning("captions from the model unavailable (%s): %s", exc.reason, exc.detail)
            return None

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str,
                      cancel: threading.Event | None = None) -> dict[str, Any]:
        """The JSON object the model answers to ``messages``; typed errors otherwise."""
        return self._blocking(lambda: self._ask(messages, schema, name), cancel)

    # -- internals -------------------------------------------------------------------------
    def _blocking(self, make: Callable[[], Awaitable[T]],
                  cancel: threading.Event | None) -> T:
        if cancel is not None and cancel.is_set():
            raise ModelCancelled()
        return asyncio.run(self._guard(make, cancel))

    async def _guard(self, make: Callable[[], Awaitable[T]],
                     cancel: threading.Event | None) -> T:
        """Run the call under the deadline, abandoning it when ``cancel`` is set."""
        task = asyncio.ensure_future(make())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.timeout
        try:
            while True:
                left = deadline - loop.time()
                if left <= 0:
                    raise ModelTimeout(self.config.timeout)
                done, _ = await asyncio.wait({task}, timeout=min(self.poll, left))
                if done:
                    return task.result()
                if cancel is not None and cancel.is_set():
                    raise ModelCancelled()
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    async def _ask(self, messages: list[dict[str, str]], schema: dict[str, Any],
                   name: str) -> dict[str, Any]:
        cfg = self.config
        timeout = httpx.Timeout(cfg.timeout, connect=min(CONNECT_TIMEOUT, cfg.timeout))
        async with httpx.AsyncClient(timeout=timeout, verify=self._verify,
                                     trust_env=not is_loopback(cfg.url)) as http:
            if not self.json_only:
                body = request_body(cfg.model, messages, schema, name, self.max_tokens,
                                    self.temperature)
                try:
                    return self._object(await exchange(http, cfg, body))
                except ModelHttpError as exc:
                    if exc.status not in (400, 422):
                        raise
                    log.info("the model server refused response_format (HTTP %d); asking "
                             "for JSON in the prompt", exc.status)
            plain = [*messages[:-1], {"role": messages[-1]["role"],
                                      "content": messages[-1]["content"] + "\n" + JSON_ONLY}]
            body = request_body(cfg.model, plain, None, name, self.max_tokens,
                                self.temperature)
            reply = await exchange(http, cfg, body)
            self.json_only = True  # this server answers without response_format
            return self._object(reply)

    @staticmethod
    def _object(reply: Reply) -> dict[str, Any]:
        if reply.refusal.strip():
            raise ModelRefused("the model refused")
        if not reply.content.strip():
            raise ModelBadAnswer("the answer is empty" + (" (cut off)" if reply.finish ==
                                                          "length" else ""))
        return json_object(reply.content)


__all__ = ["EditAnswer", "ModelClient", "caption_candidates", "edit_answer", "ssl_context"]
