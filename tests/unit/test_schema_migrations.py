"""An engine database made by an earlier version gets the columns added since (engine/schema.py):
undo labels on versions, a failed render's code on jobs; what it held stays."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from meme_desktop.engine import schema

OLD = """
CREATE TABLE versions (
    session_id TEXT NOT NULL, idx INTEGER NOT NULL, draft TEXT NOT NULL,
    created_at REAL NOT NULL, PRIMARY KEY (session_id, idx));
CREATE TABLE jobs (
    id TEXT PRIMARY KEY, session_id TEXT NOT NULL, user_id TEXT NOT NULL, draft TEXT NOT NULL,
    output TEXT NOT NULL, status TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0,
    error TEXT, path TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL, updated_at REAL NOT NULL);
INSERT INTO jobs VALUES ('render_1', 's', 'u', '{}', '{}', 'failed', 0, 'It failed.', NULL, 1,
                         1.0, 2.0);
"""


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {r["name"] for r in db.execute(f"PRAGMA table_info({table})")}


def test_an_older_database_gets_the_new_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "engine.db")
    db.row_factory = sqlite3.Row
    db.executescript(OLD)
    assert "error_code" not in _columns(db, "jobs")
    schema.prepare(db)
    schema.prepare(db)  # every start runs it: a second time changes nothing
    assert "label" in _columns(db, "versions") and "error_code" in _columns(db, "jobs")
    row = db.execute("SELECT * FROM jobs WHERE id='render_1'").fetchone()
    assert (row["status"], row["error"], row["error_code"]) == ("failed", "It failed.", None)
