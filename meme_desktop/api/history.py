"""Calls of two engine extensions that editing by hand needs (docs/protocol.md).

- ``POST /api/history/nemo_agent/me/<sid>`` with ``{"step": -1 | 1}``: undo or redo one draft
  version without a chat turn; answers the new state, whether it moved and what it undid.
- ``GET /media/<hash>`` and ``GET /api/sounds/<sfx|music>/<name>``: the bytes of an upload or
  of a built-in sound (the timeline draws their waveforms).

A backend without these answers an error like any other call (the hosted one has no history
endpoint: the assistant sends "undo" / "redo" through the chat there instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from meme_desktop.api.client import APP, NemoClient
from meme_desktop.api.models import SessionState


@dataclass(frozen=True)
class HistoryStep:
    """The answer of a history step: the state after it, whether anything moved, and the
    label of the version undone or redone ("move caption")."""

    state: SessionState
    moved: bool = False
    label: str = ""

    @classmethod
    def parse(cls, data: Mapping[str, Any], session_id: str = "") -> HistoryStep:
        raw = data.get("state")
        label = data.get("label")
        return cls(SessionState.parse(raw if isinstance(raw, Mapping) else {}, session_id),
                   data.get("moved") is True, label if isinstance(label, str) else "")


async def step_history(client: NemoClient, session_id: str, step: int) -> HistoryStep:
    """Undo (``step`` -1) or redo (+1) one version of the session's draft."""
    data = await client.call("POST", f"/api/history/{APP}/me/{session_id}", json={"step": step})
    return HistoryStep.parse(data, session_id)


def media_path(src: str) -> str:
    """Where the bytes of ``src`` are: an asset hash, or ``sfx:NAME`` / ``music:NAME``."""
    kind, sep, name = src.partition(":")
    if sep and kind in ("sfx", "music"):
        return f"/api/sounds/{kind}/{name}"
    return f"/media/{src}"


async def media_bytes(client: NemoClient, src: str) -> bytes:
    """The file behind a segment's ``src`` (an upload or a built-in sound)."""
    response = await client.send("GET", media_path(src), idempotent=True)
    return response.content
