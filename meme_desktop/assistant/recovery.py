"""Keeping a project recoverable when the backend loses its session (code 1002).

:class:`ProjectLog` remembers, for the current session, what the person put into it: each
uploaded file (where it is on this computer, its size and SHA-256, and the backend's own hash
and URL for it) and each instruction that changed the timeline, in order. It is kept on disk
with the session id (:class:`~meme_desktop.assistant.memory.SessionMemory`), never a token.

When the session is gone, :func:`restore` rebuilds it in a new one: every file is uploaded
again from this computer when it is still there unchanged, else imported again from the
backend's URL for it; then the instructions are sent again, in order. The
:class:`Restoration` says precisely what came back and what did not, and why; the assistant
turns it into one sentence (:func:`meme_desktop.assistant.messages.restoration_text`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from meme_desktop.api.errors import ApiError
from meme_desktop.api.models import Asset
from meme_desktop.assistant.memory import SessionMemory

log = logging.getLogger(__name__)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (call it in a worker thread)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class UploadRecord:
    """One uploaded file: the local copy and what the backend called it."""

    path: str
    name: str
    size: int = 0
    sha256: str = ""
    remote_hash: str = ""
    url: str = ""

    @classmethod
    def parse(cls, raw: Any) -> UploadRecord | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("path"), str):
            return None
        known = {k: raw[k] for k in ("path", "name", "size", "sha256", "remote_hash", "url")
                 if k in raw and isinstance(raw[k], (str, int))}
        known.setdefault("name", Path(known["path"]).name)
        return cls(**known)


@dataclass
class Restoration:
    """What a rebuilt session got back, and what it did not (with the reason)."""

    uploaded: list[str] = field(default_factory=list)  # file names uploaded again
    missing: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    replayed: list[str] = field(default_factory=list)  # instructions that took effect again
    not_replayed: list[tuple[str, str]] = field(default_factory=list)  # (instruction, why)
    renamed: dict[str, str] = field(default_factory=dict)  # old backend hash -> new one

    @property
    def anything(self) -> bool:
        return bool(self.uploaded or self.missing or self.replayed or self.not_replayed)


class ProjectLog:
    """The uploads and the effective instructions of the current session (module docstring)."""

    def __init__(self, memory: SessionMemory, backend: str) -> None:
        self.memory = memory
        self.key = f"project.{backend}"
        self.session_id = ""
        self.uploads: list[UploadRecord] = []
        self.edits: list[str] = []

    async def load(self, session_id: str) -> None:
        """What is known of ``session_id`` from earlier runs (nothing for another session)."""
        raw = await asyncio.to_thread(self.memory.get_data, self.key)
        self.session_id = session_id
        if not isinstance(raw, dict) or raw.get("session") != session_id:
            self.uploads, self.edits = [], []
            return
        self.uploads = [r for r in map(UploadRecord.parse, raw.get("uploads") or []) if r]
        self.edits = [e for e in raw.get("edits") or [] if isinstance(e, str)]

    async def start(self, session_id: str) -> None:
        """A new, empty project."""
        self.session_id, self.uploads, self.edits = session_id, [], []
        await self._save()

    async def moved_to(self, session_id: str, uploads: list[UploadRecord]) -> None:
        """The project now lives in ``session_id`` with these files, and no instructions yet
        (after a restoration, which sends them again)."""
        self.session_id, self.uploads, self.edits = session_id, uploads, []
        await self._save()

    async def add_upload(self, path: Path, asset: Asset) -> None:
        try:
            size = path.stat().st_size
            digest = await asyncio.to_thread(sha256_file, path)
        except OSError:
            size, digest = 0, ""
        self.uploads.append(UploadRecord(str(path), path.name, size, digest, asset.hash,
                                         asset.url))
        await self._save()

    async def add_edit(self, text: str) -> None:
        self.edits.append(text)
        await self._save()

    async def _save(self) -> None:
        data = {"session": self.session_id, "uploads": [asdict(u) for u in self.uploads],
                "edits": list(self.edits)}
        await asyncio.to_thread(self.memory.set_data, self.key, data)


StoreAgain = Callable[[Path | str], Awaitable[Asset | None]]  # upload a path, import a URL
Replay = Callable[[str], Awaitable[str]]  # "" when it took effect, else why not


async def _local_copy(record: UploadRecord) -> tuple[Path | None, str]:
    """The file on this computer when it is still the one uploaded, else why not."""
    path = Path(record.path)
    try:
        if not path.is_file():
            return None, "it is no longer on this computer"
        if record.sha256 and await asyncio.to_thread(sha256_file, path) != record.sha256:
            return None, "it has changed on this computer since"
    except OSError:
        return None, "it cannot be read any more"
    return path, ""


async def restore(log_: ProjectLog, session_id: str, store_again: StoreAgain,
                  replay: Replay) -> Restoration:
    """Rebuild the logged project in the new session ``session_id`` (module docstring)."""
    out = Restoration()
    uploads, edits = list(log_.uploads), list(log_.edits)
    kept: list[UploadRecord] = []
    for record in uploads:
        path, why = await _local_copy(record)
        asset: Asset | None = None
        try:
            if path is not None:
                asset = await store_again(path)
            elif record.url.startswith(("http://", "https://")):
                asset = await store_again(record.url)
        except ApiError as exc:
            log.info("could not restore a file: %s", type(exc).__name__)
            why = why or "the service refused it"
        if asset is None:
            out.missing.append((record.name, why or "the service no longer has it"))
            continue
        out.uploaded.append(record.name)
        if record.remote_hash and asset.hash:
            out.renamed[record.remote_hash] = asset.hash
        kept.append(UploadRecord(record.path, record.name, record.size, record.sha256,
                                 asset.hash, asset.url or record.url))
    await log_.moved_to(session_id, kept)
    for text in edits:
        why = await replay(text)
        if why:
            out.not_replayed.append((text, why))
        else:
            out.replayed.append(text)
            await log_.add_edit(text)
    return out
