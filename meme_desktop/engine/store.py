"""The engine's durable state: one SQLite database (WAL) plus a content-addressed media folder.

Layout under the store directory (``config.data_dir()/engine`` by default)::

    engine.db          sessions, assets, draft versions, chat transcript, render jobs, tokens
    media/ab/<sha256>.<ext>   uploaded files, named by content hash (never by the upload name)
    renders/<job>.<ext>       finished renders
    thumbs/, tmp/             rebuildable thumbnails; partial uploads (cleared at start)

Every change is one transaction committed with ``synchronous=FULL``: once a call returns, the
change survives a crash or ``kill -9``. One connection is shared behind a lock (SQLite calls
here are short). Drafts are kept as every version (index 0 is the empty draft made with the
session) with a ``current`` pointer, so undo and redo are exact; a new version after an undo
drops the redo branch. Only the newest :data:`UNDO_DEPTH` steps back are kept: saving a version
deletes those older than that, so a session's history (and what each turn touches) stays the
same size however long the project runs. :class:`SessionHistory` implements the agent's
``History`` protocol.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.engine.dbfile import Notice, open_database
from meme_desktop.engine.schema import prepare

ACTIVE_JOB_STATES = ("pending", "processing")
UNDO_DEPTH = 100  # versions kept before the current one (undo steps); docs/protocol.md


@dataclass(frozen=True)
class SessionRow:
    session_id: str
    task_id: str
    user_id: str
    name: str
    language: str
    created_at: float
    updated_at: float
    current_version: int


@dataclass(frozen=True)
class AssetRow:
    hash: str
    kind: str
    ext: str
    size: int
    info: dict[str, Any]
    name: str = ""


@dataclass(frozen=True)
class JobRow:
    id: str
    session_id: str
    user_id: str
    draft: dict[str, Any]
    output: dict[str, Any]
    status: str
    progress: float
    error: str | None
    path: str | None
    attempts: int
    created_at: float
    updated_at: float
    error_code: int | None = None  # a failed job's protocol code (5007: the disk is full)


class Store:
    """All durable engine state. Thread-safe; each public method is one transaction."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for sub in ("media", "renders", "thumbs", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        shutil.rmtree(root / "tmp", ignore_errors=True)  # partial uploads of a previous run
        (root / "tmp").mkdir(exist_ok=True)
        for stale in (root / "renders").glob(".*.part*"):  # a render killed mid-write
            stale.unlink(missing_ok=True)
        self._lock = threading.RLock()
        # a damaged engine.db is set aside (never deleted) and started afresh: see dbfile
        self.notices: list[Notice]
        self._db, self.notices = open_database(root / "engine.db", root / "media")
        prepare(self._db)  # tables, indexes, and the columns older databases lack

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error)."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _one(self, sql: str, args: tuple = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._db.execute(sql, args).fetchone()

    def _all(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- paths ---------------------------------------------------------------------------
    def media_path(self, sha: str, ext: str) -> Path:
        return self.root / "media" / sha[:2] / f"{sha}.{ext}"

    def tmp_path(self, suffix: str = "") -> Path:
        return self.root / "tmp" / f"{secrets.token_hex(12)}{suffix}"

    # -- tokens --------------------------------------------------------------------------
    def add_token(self, token_hash: str, user_id: str, client_id: str, ttl: float) -> float:
        now = time.time()
        with self.tx() as db:
            db.execute("INSERT INTO tokens VALUES (?,?,?,?,?)",
                       (token_hash, user_id, client_id, now, now + ttl))
        return now + ttl

    def token(self, token_hash: str) -> tuple[str, float] | None:
        row = self._one("SELECT user_id, expires_at FROM tokens WHERE token_hash=?", (token_hash,))
        return (row["user_id"], row["expires_at"]) if row else None

    def last_token_time(self, client_id: str) -> float | None:
        row = self._one("SELECT MAX(created_at) AS t FROM tokens WHERE client_id=?", (client_id,))
        return row["t"] if row and row["t"] is not None else None

    # -- sessions ------------------------------------------------------------------------
    def create_session(self, user_id: str, name: str, language: str) -> SessionRow:
        now = time.time()
        sid, task = f"sess_{secrets.token_hex(12)}", f"task_{secrets.token_hex(12)}"
        with self.tx() as db:
            db.execute("INSERT INTO sessions VALUES (?,?,?,?,?,?,?,0)",
                       (sid, task, user_id, name, language, now, now))
            db.execute("INSERT INTO versions (session_id, idx, draft, created_at) "
                       "VALUES (?,?,?,?)", (sid, 0, Draft.empty(title=name).dumps(), now))
        session = self.session(sid)
        assert session is not None
        return session

    def session(self, session_id: str) -> SessionRow | None:
        row = self._one("SELECT * FROM sessions WHERE session_id=?", (session_id,))
        return SessionRow(**dict(row)) if row else None

    def sessions(self, user_id: str | None) -> list[SessionRow]:
        if user_id is None:
            rows = self._all("SELECT * FROM sessions ORDER BY updated_at DESC")
        else:
            rows = self._all("SELECT * FROM sessions WHERE user_id=? ORDER BY updated_at DESC",
                             (user_id,))
        return [SessionRow(**dict(r)) for r in rows]

    # -- draft versions ------------------------------------------------------------------
    def draft(self, session_id: str, step: int = 0) -> dict[str, Any] | None:
        """The draft ``step`` versions away from the current one (0: current)."""
        row = self._one("SELECT v.draft FROM versions v JOIN sessions s USING (session_id) "
                        "WHERE s.session_id=? AND v.idx = s.current_version + ?",
                        (session_id, step))
        return json.loads(row["draft"]) if row else None

    def version_info(self, session_id: str) -> tuple[int, int]:
        """``(current index, number of versions kept)``."""
        row = self._one("SELECT s.current_version AS cur, COUNT(v.idx) AS n FROM sessions s "
                        "JOIN versions v USING (session_id) WHERE s.session_id=?", (session_id,))
        return (row["cur"], row["n"]) if row else (0, 0)

    def history(self, session_id: str) -> dict[str, Any]:
        """The version list as the state call reports it: the current index (it only grows),
        how many versions are kept, whether undo / redo have somewhere to go, the undo depth."""
        row = self._one("SELECT s.current_version AS cur, COUNT(v.idx) AS n, MIN(v.idx) AS lo, "
                        "MAX(v.idx) AS hi FROM sessions s JOIN versions v USING (session_id) "
                        "WHERE s.session_id=?", (session_id,))
        cur, n, lo, hi = (row["cur"], row["n"], row["lo"], row["hi"]) if row and row["n"] \
            else (0, 0, 0, 0)
        return {"version": cur, "versions": n, "can_undo": cur > lo, "can_redo": cur < hi,
                "undo_depth": UNDO_DEPTH}

    def history_labels(self, session_id: str) -> tuple[str, str]:
        """``(what undo would undo, what redo would redo)``: the versions' labels, or ""."""
        rows = self._all("SELECT v.idx - s.current_version AS step, v.label FROM versions v "
                         "JOIN sessions s USING (session_id) WHERE s.session_id=? AND "
                         "v.idx BETWEEN s.current_version AND s.current_version + 1",
                         (session_id,))
        by_step = {r["step"]: r["label"] for r in rows}
        can_undo = self.history(session_id)["can_undo"]  # the oldest kept version: nothing
        return (by_step.get(0, "") if can_undo else ""), by_step.get(1, "")

    @staticmethod
    def _push(db: sqlite3.Connection, session_id: str, draft: dict[str, Any], now: float,
              label: str = "") -> int:
        cur = db.execute("SELECT current_version FROM sessions WHERE session_id=?",
                         (session_id,)).fetchone()["current_version"]
        db.execute("DELETE FROM versions WHERE session_id=? AND (idx>? OR idx<?)",
                   (session_id, cur, cur + 1 - UNDO_DEPTH))
        db.execute("INSERT INTO versions (session_id, idx, draft, created_at, label) "
                   "VALUES (?,?,?,?,?)",
                   (session_id, cur + 1, json.dumps(draft, ensure_ascii=False), now, label))
        db.execute("UPDATE sessions SET current_version=?, updated_at=? WHERE session_id=?",
                   (cur + 1, now, session_id))
        return cur + 1

    @staticmethod
    def _move(db: sqlite3.Connection, session_id: str, step: int, now: float) -> bool:
        row = db.execute("SELECT current_version FROM sessions WHERE session_id=?",
                         (session_id,)).fetchone()
        target = row["current_version"] + step
        if db.execute("SELECT 1 FROM versions WHERE session_id=? AND idx=?",
                      (session_id, target)).fetchone() is None:
            return False
        db.execute("UPDATE sessions SET current_version=?, updated_at=? WHERE session_id=?",
                   (target, now, session_id))
        return True

    def push_draft(self, session_id: str, draft: dict[str, Any], label: str = "") -> int:
        """Save ``draft`` as the new current version (dropping any redo branch)."""
        with self.tx() as db:
            return self._push(db, session_id, draft, time.time(), label)

    def move(self, session_id: str, step: int) -> bool:
        """Undo (-1) / redo (+1); False when there is nothing to undo or redo."""
        with self.tx() as db:
            return self._move(db, session_id, step, time.time())

    # -- chat transcript -----------------------------------------------------------------
    def add_message(self, session_id: str, role: str, text: str,
                    events: list[dict[str, Any]] | None = None) -> int:
        with self.tx() as db:
            return self._add_message(db, session_id, role, text, events or [], time.time())

    @staticmethod
    def _add_message(db: sqlite3.Connection, session_id: str, role: str, text: str,
                     events: list[dict[str, Any]], now: float) -> int:
        cur = db.execute("INSERT INTO messages (session_id, role, text, events, created_at) "
                         "VALUES (?,?,?,?,?)", (session_id, role, text,
                                                json.dumps(events, ensure_ascii=False), now))
        db.execute("UPDATE sessions SET updated_at=? WHERE session_id=?", (now, session_id))
        return int(cur.lastrowid or 0)

    def apply_turn(self, session_id: str, draft: dict[str, Any] | None, history: int,
                   reply: str, events: list[dict[str, Any]], label: str = "") -> bool:
        """A finished chat turn in ONE transaction: the new draft (or undo/redo) and the reply.

        Returns False when an undo/redo had nothing to move to.
        """
        now = time.time()
        moved = True
        with self.tx() as db:
            if draft is not None:
                self._push(db, session_id, draft, now, label)
            elif history:
                moved = self._move(db, session_id, history, now)
            self._add_message(db, session_id, "assistant", reply, events, now)
        return moved

    def messages(self, session_id: str) -> list[dict[str, Any]]:
        rows = self._all("SELECT id, role, text, events, created_at FROM messages "
                         "WHERE session_id=? ORDER BY id", (session_id,))
        return [{"id": r["id"], "role": r["role"], "text": r["text"],
                 "events": json.loads(r["events"]), "created_at": r["created_at"]} for r in rows]

    # -- assets --------------------------------------------------------------------------
    def add_asset(self, session_id: str, asset: AssetRow, name: str) -> bool:
        """Record an asset (already moved to :meth:`media_path`) in a session.

        Returns True when it is new to the session (False: the same content was there).
        """
        now = time.time()
        with self.tx() as db:
            db.execute("INSERT OR IGNORE INTO assets VALUES (?,?,?,?,?,?)",
                       (asset.hash, asset.kind, asset.ext, asset.size, json.dumps(asset.info),
                        now))
            cur = db.execute("INSERT OR IGNORE INTO session_assets (session_id, hash, name, "
                             "added_at) VALUES (?,?,?,?)", (session_id, asset.hash, name, now))
            db.execute("UPDATE sessions SET updated_at=? WHERE session_id=?", (now, session_id))
            return cur.rowcount == 1

    def asset(self, sha: str) -> AssetRow | None:
        row = self._one("SELECT * FROM assets WHERE hash=?", (sha,))
        if row is None:
            return None
        return AssetRow(row["hash"], row["kind"], row["ext"], row["size"], json.loads(row["info"]))

    def session_assets(self, session_id: str) -> list[AssetRow]:
        rows = self._all("SELECT a.*, sa.name AS name FROM session_assets sa JOIN assets a "
                         "USING (hash) WHERE sa.session_id=? ORDER BY sa.seq", (session_id,))
        return [AssetRow(r["hash"], r["kind"], r["ext"], r["size"], json.loads(r["info"]),
                         r["name"]) for r in rows]

    def unshared_assets(self, session_id: str) -> int:
        """How many of the session's media no other session uses (deleting it deletes them)."""
        row = self._one("SELECT COUNT(*) AS n FROM session_assets sa WHERE sa.session_id=? AND "
                        "NOT EXISTS (SELECT 1 FROM session_assets o WHERE o.hash=sa.hash AND "
                        "o.session_id<>sa.session_id)", (session_id,))
        return int(row["n"]) if row else 0

    def user_has_asset(self, user_id: str, sha: str) -> bool:
        row = self._one("SELECT 1 FROM session_assets sa JOIN sessions s USING (session_id) "
                        "WHERE s.user_id=? AND sa.hash=? LIMIT 1", (user_id, sha))
        return row is not None

    def completed_renders(self, session_id: str) -> list[tuple[str, str, float]]:
        """``(id, format, created_at)`` of the session's finished renders, oldest first; one
        indexed query that does not read the stored drafts."""
        rows = self._all("SELECT id, output, created_at FROM jobs WHERE session_id=? AND "
                         "status='completed' ORDER BY created_at", (session_id,))
        return [(r["id"], str(json.loads(r["output"]).get("format", "mp4")), r["created_at"])
                for r in rows]

    # -- render jobs ---------------------------------------------------------------------
    def add_job(self, job_id: str, session_id: str, user_id: str, draft: dict[str, Any],
                output: dict[str, Any]) -> bool:
        """False when the id is taken (a duplicate submit)."""
        now = time.time()
        try:
            with self.tx() as db:
                db.execute("INSERT INTO jobs (id, session_id, user_id, draft, output, status, "
                           "created_at, updated_at) VALUES (?,?,?,?,?,'pending',?,?)",
                           (job_id, session_id, user_id, json.dumps(draft), json.dumps(output),
                            now, now))
        except sqlite3.IntegrityError:
            return False
        return True

    def job(self, job_id: str) -> JobRow | None:
        row = self._one("SELECT * FROM jobs WHERE id=?", (job_id,))
        if row is None:
            return None
        d = dict(row)
        d["draft"], d["output"] = json.loads(d["draft"]), json.loads(d["output"])
        return JobRow(**d)

    def update_job(self, job_id: str, **fields: Any) -> None:
        fields["updated_at"] = time.time()
        cols = ", ".join(f"{k}=?" for k in fields)
        with self.tx() as db:
            db.execute(f"UPDATE jobs SET {cols} WHERE id=?", (*fields.values(), job_id))

    def set_job_status(self, job_id: str, status: str, expect: tuple[str, ...],
                       **fields: Any) -> bool:
        """Move a job to ``status`` only if it is in one of ``expect`` (atomic check-and-set)."""
        fields.update(status=status, updated_at=time.time())
        cols = ", ".join(f"{k}=?" for k in fields)
        marks = ",".join("?" * len(expect))
        with self.tx() as db:
            cur = db.execute(f"UPDATE jobs SET {cols} WHERE id=? AND status IN ({marks})",
                             (*fields.values(), job_id, *expect))
            return cur.rowcount == 1

    def unfinished_jobs(self) -> list[str]:
        rows = self._all("SELECT id FROM jobs WHERE status IN ('pending','processing') "
                         "ORDER BY created_at")
        return [r["id"] for r in rows]

    def active_job_count(self, user_id: str | None) -> int:
        sql = "SELECT COUNT(*) AS n FROM jobs WHERE status IN ('pending','processing')"
        row = self._one(sql + " AND user_id=?", (user_id,)) if user_id else self._one(sql)
        return int(row["n"]) if row else 0


class SessionHistory:
    """The agent's ``History`` protocol on top of the store: ``peek(-1)`` is what undo gives."""

    def __init__(self, store: Store, session_id: str) -> None:
        self._store = store
        self._session_id = session_id

    def peek(self, step: int) -> Draft | None:
        raw = self._store.draft(self._session_id, step)
        return Draft.from_json(raw, validate=False) if raw is not None else None
