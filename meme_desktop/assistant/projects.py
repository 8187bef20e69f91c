"""The project list: every project of the backend, newest first, with rename, duplicate and
delete (engine extensions, docs/protocol.md). Switching projects is ``Assistant.open_project``.

A backend without the extensions (the hosted service) answers the list with an error; the list
is then just the current project, and the actions say they are not available there.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from meme_desktop.api.client import NemoClient
from meme_desktop.api.errors import ApiError
from meme_desktop.api.models import SessionSummary

log = logging.getLogger(__name__)
MAX_NAME = 120


def clean_name(name: str) -> str:
    """One line, single spaces, at most :data:`MAX_NAME` characters."""
    return " ".join(name.split())[:MAX_NAME]


class ProjectList:
    """The projects of one backend."""

    def __init__(self, client: NemoClient) -> None:
        self.client = client

    @classmethod
    def of(cls, client: NemoClient, backend: str) -> ProjectList | None:
        """The list of the embedded engine; None for a backend that keeps none (the hosted
        service answers only for the project open now)."""
        return cls(client) if backend == "local" else None

    async def all(self) -> list[SessionSummary]:
        """Every project, most recently edited first (empty when the backend has no list)."""
        try:
            rows = await self.client.sessions()
        except ApiError as exc:
            log.info("no project list: %s", type(exc).__name__)
            return []
        return sorted(rows, key=lambda r: r.updated_at, reverse=True)

    async def recent(self, limit: int = 8, exclude: Sequence[str] = ()) -> list[SessionSummary]:
        """The most recently edited projects, for File › Open Recent."""
        return [r for r in await self.all() if r.session_id not in exclude][:limit]

    async def rename(self, session_id: str, name: str) -> SessionSummary:
        return await self.client.rename_session(session_id, clean_name(name))

    async def duplicate(self, session_id: str, name: str = "") -> SessionSummary:
        """A copy (named ``name``, else the engine's "<name> (copy)")."""
        return await self.client.duplicate_session(session_id, clean_name(name))

    async def delete(self, session_id: str) -> int:
        """Delete a project; returns how many media files went with it."""
        return await self.client.delete_session(session_id)
