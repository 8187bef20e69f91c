"""Which model to ask, read once from the engine's environment (the contract of DESIGN.md §10).

``MEME_DESKTOP_LLM_URL`` (an OpenAI-compatible base URL ending in ``/v1``; empty or unset: no
model, the built-in assistant alone), ``MEME_DESKTOP_LLM_MODEL``, ``MEME_DESKTOP_LLM_KEY`` (sent
only as ``Authorization: Bearer``) and ``MEME_DESKTOP_LLM_TIMEOUT`` (seconds, default 30). The
window sets them for its engine child from Settings › Assistant and the keyring; ``engine
serve``, ``make`` and ``chat`` inherit them from the shell. A value that cannot be used is
logged (never the key) and the model is left out: the app never depends on it.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from meme_desktop.config import (
    LLM_DEFAULT_TIMEOUT,
    LLM_KEY_ENV,
    LLM_MODEL_ENV,
    LLM_TIMEOUT_ENV,
    LLM_URL_ENV,
)

log = logging.getLogger(__name__)

MAX_TIMEOUT = 600.0


def base_url(url: str) -> str:
    """``http://h:1/v1/`` and ``http://h:1/v1/chat/completions`` → ``http://h:1/v1``."""
    url = url.strip().rstrip("/")
    if url.endswith("/chat/completions"):
        url = url[: -len("/chat/completions")]
    return url.rstrip("/")


def shown_url(url: str) -> str:
    """The URL without user, password, query or fragment: safe for logs and messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


@dataclass(frozen=True)
class ModelConfig:
    """A configured model server. ``key`` never appears in ``repr`` or logs."""

    url: str
    model: str = ""
    key: str = field(default="", repr=False)
    timeout: float = float(LLM_DEFAULT_TIMEOUT)

    @property
    def endpoint(self) -> str:
        return self.url + "/chat/completions"

    @property
    def shown(self) -> str:
        return shown_url(self.url)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ModelConfig | None:
        """The model the environment names, or None (unset, empty or unusable)."""
        env = os.environ if env is None else env
        url = base_url(env.get(LLM_URL_ENV, ""))
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            log.warning("%s is not an http(s) address; the built-in assistant answers alone",
                        LLM_URL_ENV)
            return None
        raw = env.get(LLM_TIMEOUT_ENV, "").strip()
        timeout = float(LLM_DEFAULT_TIMEOUT)
        if raw:
            try:
                timeout = float(raw)
            except ValueError:
                timeout = math.nan
            if not 0 < timeout <= MAX_TIMEOUT:
                log.warning("%s must be seconds from 0 to %g; using %d", LLM_TIMEOUT_ENV,
                            MAX_TIMEOUT, LLM_DEFAULT_TIMEOUT)
                timeout = float(LLM_DEFAULT_TIMEOUT)
        return cls(url=url, model=env.get(LLM_MODEL_ENV, "").strip(),
                   key=env.get(LLM_KEY_ENV, "").strip(), timeout=timeout)


__all__ = ["ModelConfig", "base_url", "shown_url"]
