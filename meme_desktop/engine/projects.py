"""Projects are the engine's sessions: a summary for the project list, rename, duplicate, delete.

Each function is one store transaction. A duplicate copies the current draft (as its first
version), the uploads' links and the chat, never the media files (they are shared by content
hash). Deleting a project removes its versions, chat, render jobs and their files, and the
media files no other project uses (with their thumbnails); media another project still uses
stay. Blocking: the routes call these in a worker thread.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meme_desktop.draft import TT_TEXT, TT_VIDEO, Draft, TextSegment
from meme_desktop.engine.jobs import job_files
from meme_desktop.engine.store import SessionRow, Store

MAX_NAME = 120


@dataclass(frozen=True)
class Deleted:
    """What deleting a project removed."""

    session_id: str
    media_removed: int
    media_kept: int
    renders_removed: int


def summary(store: Store, session: SessionRow) -> dict[str, Any]:
    """A project-list row: name, last edit, length, uploads and the picture to show."""
    raw = store.draft(session.session_id) or Draft.empty().to_json()
    draft = Draft.from_json(raw, validate=False)
    first = next((s for s in draft.segments(TT_VIDEO) if getattr(s, "src", "")), None)
    caption = next((" ".join(s.text.split()) for s in draft.segments(TT_TEXT)
                    if isinstance(s, TextSegment) and s.text.strip()), "")
    assets = store.session_assets(session.session_id)
    cover = getattr(first, "src", "") or next((a.hash for a in assets if a.kind != "audio"), "")
    return {"session_id": session.session_id, "task_id": session.task_id,
            "task_name": session.name, "title": draft.meta.title,
            "user_id": session.user_id, "created_at": session.created_at,
            "updated_at": session.updated_at, "duration_ms": draft.duration,
            "width": draft.meta.width, "height": draft.meta.height,
            "segments": sum(len(t.segments) for t in draft.tracks),
            "assets": len(assets), "media_own": store.unshared_assets(session.session_id),
            "cover": cover, "caption": caption[:MAX_NAME]}


def rename(store: Store, session_id: str, name: str) -> None:
    with store.tx() as db:
        db.execute("UPDATE sessions SET name=?, updated_at=? WHERE session_id=?",
                   (name, time.time(), session_id))


def duplicate(store: Store, session: SessionRow, name: str) -> SessionRow:
    """A new project with the current draft, the same uploads and the chat so far."""
    now = time.time()
    sid, task = f"sess_{secrets.token_hex(12)}", f"task_{secrets.token_hex(12)}"
    draft = store.draft(session.session_id) or Draft.empty().to_json()
    with store.tx() as db:
        db.execute("INSERT INTO sessions (session_id, task_id, user_id, name, language, "
                   "created_at, updated_at, current_version) VALUES (?,?,?,?,?,?,?,0)",
                   (sid, task, session.user_id, name, session.language, now, now))
        db.execute("INSERT INTO versions (session_id, idx, draft, created_at) VALUES (?,?,?,?)",
                   (sid, 0, json.dumps(draft, ensure_ascii=False), now))
        db.execute("INSERT INTO session_assets (session_id, hash, name, added_at) "
                   "SELECT ?, hash, name, added_at FROM session_assets WHERE session_id=? "
                   "ORDER BY seq", (sid, session.session_id))
        db.execute("INSERT INTO messages (session_id, role, text, events, created_at) "
                   "SELECT ?, role, text, events, created_at FROM messages WHERE session_id=? "
                   "ORDER BY id", (sid, session.session_id))
    copy = store.session(sid)
    assert copy is not None
    return copy


def delete(store: Store, session_id: str) -> Deleted:
    """Remove a project; its media files only when no other project uses them."""
    files: list[Path] = []
    with store.tx() as db:
        hashes = [r["hash"] for r in db.execute(
            "SELECT hash FROM session_assets WHERE session_id=?", (session_id,))]
        renders = [r["path"] for r in db.execute(
            "SELECT path FROM jobs WHERE session_id=? AND path IS NOT NULL", (session_id,))]
        for table in ("versions", "messages", "session_assets", "jobs"):
            db.execute(f"DELETE FROM {table} WHERE session_id=?", (session_id,))  # noqa: S608
        db.execute("DELETE FROM sessions WHERE session_id=?", (session_id,))
        orphans = [h for h in hashes if db.execute(
            "SELECT 1 FROM session_assets WHERE hash=? LIMIT 1", (h,)).fetchone() is None]
        for h in orphans:
            row = db.execute("SELECT ext FROM assets WHERE hash=?", (h,)).fetchone()
            db.execute("DELETE FROM assets WHERE hash=?", (h,))
            if row is not None:
                files.append(store.media_path(h, row["ext"]))
                files.extend((store.root / "thumbs").glob(f"{h}_*.png"))
    rendered = [f for p in renders for f in job_files(p)]
    for path in files + rendered:
        path.unlink(missing_ok=True)  # after the commit: a crash leaves files, never rows
    for folder in {f.parent for f in rendered if f.parent.parent.name == "multi"}:
        with contextlib.suppress(OSError):
            folder.rmdir()  # a job's folder of formats, now empty
    return Deleted(session_id, len(orphans), len(hashes) - len(orphans), len(renders))
