"""What the assistant remembers between runs: the last session id of each backend, and what
was put into that session (its uploads and effective instructions, so a session the backend
lost can be rebuilt: :mod:`meme_desktop.assistant.recovery`).

Kept in its own small JSON file under ``config.config_dir()`` (``assistant_state.json``), apart
from the window's ``UiState`` so the two never overwrite each other. A local engine session id
means nothing to the hosted backend, hence one entry per backend. Never holds a token.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from pathlib import Path
from typing import Any

from meme_desktop import config

# one writer at a time (the window saves from worker threads: an upload and a turn may overlap)
_LOCK = threading.Lock()


class SessionMemory:
    """``get(backend)`` / ``set(backend, session_id)``, persisted atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path or config.config_dir() / "assistant_state.json"

    def _load(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in raw.items() if isinstance(k, str)} \
            if isinstance(raw, dict) else {}

    def _save(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex[:8]}.tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

    def get(self, backend: str) -> str:
        value = self._load().get(f"last_session.{backend}", "")
        return value if isinstance(value, str) else ""

    def set(self, backend: str, session_id: str) -> None:
        self.set_data(f"last_session.{backend}", session_id)

    def get_data(self, key: str) -> Any:
        """A JSON value kept under ``key`` (None when there is none)."""
        return self._load().get(key)

    def set_data(self, key: str, value: Any) -> None:
        with _LOCK:
            data = self._load()
            data[key] = value
            self._save(data)

    def preview_path(self, session_id: str) -> Path:
        folder = config.cache_dir() / "previews"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{session_id or 'preview'}.mp4"


class MemoryOnly(SessionMemory):
    """The same, kept in this object only (an assistant working beside the person's own, whose
    projects must not become the one reopened next time)."""

    def __init__(self) -> None:
        super().__init__()
        self._data: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        return dict(self._data)

    def _save(self, data: dict[str, Any]) -> None:
        self._data = dict(data)
