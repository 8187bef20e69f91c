"""What the assistant remembers between runs: the last session id of each backend.

Kept in its own small JSON file under ``config.config_dir()`` (``assistant_state.json``), apart
from the window's ``UiState`` so the two never overwrite each other. A local engine session id
means nothing to the hosted backend, hence one entry per backend. Never holds a token.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from meme_desktop import config


class SessionMemory:
    """``get(backend)`` / ``set(backend, session_id)``, persisted atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path or config.config_dir() / "assistant_state.json"

    def _load(self) -> dict[str, str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(raw, dict):
            return {}
        return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}

    def get(self, backend: str) -> str:
        return self._load().get(f"last_session.{backend}", "")

    def set(self, backend: str, session_id: str) -> None:
        data = self._load()
        data[f"last_session.{backend}"] = session_id
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)

    def preview_path(self, session_id: str) -> Path:
        folder = config.cache_dir() / "previews"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{session_id or 'preview'}.mp4"
