"""The engine database's tables and indexes, and the migrations of databases made earlier.

:func:`prepare` runs on every start, after :func:`meme_desktop.engine.dbfile.open_database`:
it creates what is missing (``CREATE … IF NOT EXISTS``) and adds the columns that databases
made by earlier versions lack. The indexes by session keep a session's transcript, render list
and history reads independent of how many sessions and jobs the engine holds.
"""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, client_id TEXT NOT NULL,
    created_at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_client ON tokens(client_id, created_at);
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY, task_id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
    name TEXT NOT NULL, language TEXT NOT NULL, created_at REAL NOT NULL,
    updated_at REAL NOT NULL, current_version INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS versions (
    session_id TEXT NOT NULL REFERENCES sessions(session_id), idx INTEGER NOT NULL,
    draft TEXT NOT NULL, created_at REAL NOT NULL, label TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, idx));
CREATE TABLE IF NOT EXISTS assets (
    hash TEXT PRIMARY KEY, kind TEXT NOT NULL, ext TEXT NOT NULL, size INTEGER NOT NULL,
    info TEXT NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS session_assets (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(session_id),
    hash TEXT NOT NULL REFERENCES assets(hash), name TEXT NOT NULL, added_at REAL NOT NULL,
    UNIQUE (session_id, hash));
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL REFERENCES sessions(session_id),
    role TEXT NOT NULL, text TEXT NOT NULL, events TEXT NOT NULL, created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, id);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY, session_id TEXT NOT NULL, user_id TEXT NOT NULL, draft TEXT NOT NULL,
    output TEXT NOT NULL, status TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0,
    error TEXT, path TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL, updated_at REAL NOT NULL, error_code INTEGER);
CREATE INDEX IF NOT EXISTS jobs_session ON jobs(session_id, created_at);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status);
"""


def prepare(db: sqlite3.Connection) -> None:
    """Create the tables and indexes that are missing; migrate older databases."""
    db.executescript(SCHEMA)
    columns = {r["name"] for r in db.execute("PRAGMA table_info(versions)")}
    if "label" not in columns:  # versions made before undo labels
        db.execute("ALTER TABLE versions ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    columns = {r["name"] for r in db.execute("PRAGMA table_info(jobs)")}
    if "error_code" not in columns:  # jobs made before failed renders kept their code
        db.execute("ALTER TABLE jobs ADD COLUMN error_code INTEGER")
