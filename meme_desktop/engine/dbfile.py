"""Opening ``engine.db``: a damaged database is kept aside and replaced, a lost one is noticed.

:func:`open_database` connects to the SQLite file and runs ``PRAGMA quick_check`` (it reads
every page once: a truncated file, a garbled header or a file replaced by text all fail it).
A database that fails (or that holds no table at all while media remain: a remnant) is **never
deleted**: ``engine.db`` and its ``-wal`` / ``-shm`` companions are renamed to
``engine.db.damaged-<time>`` (and ``…-wal`` / ``…-shm``) and a fresh database is started; a
:class:`DatabaseReplacedNotice` says where the old one is. A database that is missing or zero
bytes long while the media folder still holds files (deleted by hand, lost with a disk) is a
:class:`DatabaseLostNotice`: the media stay on disk, nothing is removed. Notices become
sentences in :func:`meme_desktop.engine.errors.notice_message`; the engine prints them at start
and lists them in ``GET /api/sessions`` for the launch token.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from meme_desktop.engine.errors import (
    DatabaseLostNotice,
    DatabaseReplacedNotice,
    DatabaseUnusableError,
)

COMPANIONS = ("-wal", "-shm", "-journal")
Notice = DatabaseReplacedNotice | DatabaseLostNotice  # what opening the database can report


def connect(path: Path) -> sqlite3.Connection:
    """The engine's connection settings (WAL, synchronous=FULL, foreign keys)."""
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def _healthy(db: sqlite3.Connection) -> bool:
    rows = db.execute("PRAGMA quick_check").fetchall()
    return [tuple(r) for r in rows] == [("ok",)]


def _has_tables(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0


def _set_aside(path: Path) -> Path:
    """Rename the database and its companions to ``<name>.damaged-<time>``; returns the new
    name of the main file. Raises :class:`DatabaseUnusableError` if it cannot be moved."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.replace(path, aside)
        for suffix in COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise DatabaseUnusableError(str(path), str(exc)) from exc
    return aside


def _media_count(media: Path) -> int:
    if not media.is_dir():
        return 0
    return sum(1 for p in media.rglob("*") if p.is_file())


def _open_existing(path: Path) -> sqlite3.Connection | None:
    """A connection to an existing database if it passes ``quick_check``, else None."""
    db: sqlite3.Connection | None = None
    try:
        db = connect(path)
        if _healthy(db):
            return db
    except sqlite3.DatabaseError:
        pass
    if db is not None:
        db.close()
    return None


def open_database(path: Path, media: Path) -> tuple[sqlite3.Connection, list[Notice]]:
    """A healthy connection to ``path`` (made fresh if needed) and what the person should know."""
    notices: list[Notice] = []
    if path.exists() and path.stat().st_size > 0:
        db = _open_existing(path)
        if db is not None and (_has_tables(db) or not _media_count(media)):
            return db, notices
        if db is not None:  # readable but holds nothing, while media remain: a remnant
            db.close()
        notices.append(DatabaseReplacedNotice(str(path), str(_set_aside(path))))
    elif count := _media_count(media):
        notices.append(DatabaseLostNotice(str(path), str(media), count))
    try:
        return connect(path), notices
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnusableError(str(path), str(exc)) from exc
