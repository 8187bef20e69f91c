"""A project's chat kept on this computer, for a backend that cannot give it back.

The embedded engine keeps every project's chat and returns it when the project is reopened
(``GET /api/sessions/<sid>/messages``, an engine extension). The hosted NemoVideo service has no
such call, so a cloud project used to come back with its media and timeline but an empty chat.
:class:`Transcript` keeps what was said in each such project: after every chat turn the
message and the reply are appended, and reopening the project reads them back when the backend
has none to give.

One JSON line per message in ``config.data_dir()/chats/<key>.jsonl``, where ``key`` is a hash of
the backend and the session id (a session id is the service's string, not a safe file name).
Files are private (0600 in the data folder, which is 0700). A chat keeps its newest
:data:`MAX_MESSAGES` messages: the file is cut back to them when it has grown to twice that.
A damaged line (a crash in the middle of a write) is skipped, never an error. Never holds a
token: only the words typed and the replies shown.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from meme_desktop import config
from meme_desktop.api.models import ChatMessage

log = logging.getLogger(__name__)

MAX_MESSAGES = 400  # per project; the chat panel shows them all on reopening


class Transcript:
    """``append`` a turn's messages to a project's chat, ``read`` it back (oldest first)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder

    @property
    def folder(self) -> Path:
        return self._folder or config.data_dir() / "chats"

    def path(self, backend: str, session_id: str) -> Path:
        key = hashlib.sha256(f"{backend}\n{session_id}".encode()).hexdigest()[:32]
        return self.folder / f"{key}.jsonl"

    def append(self, backend: str, session_id: str, messages: Sequence[ChatMessage]) -> None:
        """Add ``messages`` (blocking file I/O: call it from a worker thread). A chat that
        cannot be written is logged and forgotten: the turn itself went through."""
        lines = [json.dumps({"role": m.role, "text": m.text}, ensure_ascii=False) + "\n"
                 for m in messages if m.text]
        if not session_id or not lines:
            return
        path = self.path(backend, session_id)
        try:
            path.parent.mkdir(mode=config.PRIVATE_DIR, parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, config.PRIVATE_FILE)
            with os.fdopen(fd, "a+b") as fh:
                end = fh.seek(0, os.SEEK_END)
                if end and fh.seek(end - 1) >= 0 and fh.read(1) != b"\n":
                    lines.insert(0, "\n")  # a line a crash cut short ends here, not in ours
                fh.write("".join(lines).encode("utf-8"))
            self._trim(path)
        except OSError as exc:
            log.warning("the chat could not be kept on this computer: %s", exc.strerror)

    def read(self, backend: str, session_id: str) -> tuple[ChatMessage, ...]:
        """The project's chat, oldest first; empty when none was kept or it cannot be read."""
        try:
            text = self.path(backend, session_id).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ()
        return tuple(_parse(text.splitlines())[-MAX_MESSAGES:])

    def carry(self, backend: str, lost: str, session_id: str) -> None:
        """A lost session rebuilt in a new one: its chat goes on there."""
        if lost and lost != session_id:
            self.append(backend, session_id, self.read(backend, lost))

    def _trim(self, path: Path) -> None:
        """Keep the newest MAX_MESSAGES once the file holds twice as many (rarely rewritten)."""
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) < 2 * MAX_MESSAGES:
            return
        tmp = path.with_name(f".{path.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, config.PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("".join(line + "\n" for line in lines[-MAX_MESSAGES:]))
        os.replace(tmp, path)


class NoTranscript(Transcript):
    """Keeps nothing (an assistant working beside the person's own, e.g. a batch)."""

    def append(self, backend: str, session_id: str, messages: Sequence[ChatMessage]) -> None:
        return None

    def read(self, backend: str, session_id: str) -> tuple[ChatMessage, ...]:
        return ()


def _parse(lines: list[str]) -> list[ChatMessage]:
    out: list[ChatMessage] = []
    for line in lines:
        try:
            raw = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash
        if isinstance(raw, dict) and isinstance(raw.get("text"), str) and raw["text"]:
            out.append(ChatMessage.parse(raw))
    return out
