"""The engine store on a real SQLite file: exact undo/redo, one-transaction turns, durability
across re-opening, the agent's History protocol, and concurrent writers."""

from __future__ import annotations

import threading
from pathlib import Path

from meme_desktop.draft import Draft, TextSegment
from meme_desktop.draft.model import TT_TEXT
from meme_desktop.engine.store import AssetRow, SessionHistory, Store


def _with_caption(draft: Draft, text: str) -> Draft:
    new = draft.copy()
    track = new.track_for(TT_TEXT)
    assert track is not None
    track.segments.append(TextSegment(id=new.new_id("s"), start=0, duration=1000, text=text))
    return new


def test_versions_undo_redo_and_dropped_branch(tmp_path: Path) -> None:
    store = Store(tmp_path)
    sid = store.create_session("local", "p", "en")
    empty = Draft.from_json(store.draft(sid.session_id))
    a = _with_caption(empty, "A")
    b = _with_caption(a, "B")
    s = sid.session_id
    store.push_draft(s, a.to_json())
    store.push_draft(s, b.to_json())
    history = SessionHistory(store, s)
    assert history.peek(-1).to_json() == a.to_json()
    assert history.peek(1) is None
    assert store.move(s, -1) and store.draft(s) == a.to_json()
    assert store.move(s, -1) and store.draft(s) == empty.to_json()
    assert not store.move(s, -1)  # nothing left to undo
    assert store.move(s, 1) and store.draft(s) == a.to_json()
    assert history.peek(1).to_json() == b.to_json()
    c = _with_caption(a, "C")
    store.push_draft(s, c.to_json())  # after an undo: the redo branch (b) is gone
    assert store.version_info(s) == (2, 3)
    assert not store.move(s, 1)
    assert store.draft(s) == c.to_json()


def test_everything_survives_reopening(tmp_path: Path) -> None:
    store = Store(tmp_path)
    s = store.create_session("u1", "keep", "zh").session_id
    store.add_message(s, "user", "hello")
    store.apply_turn(s, _with_caption(Draft.empty(), "X").to_json(), 0, "done", [{"type": "x"}])
    asset = AssetRow("ab" * 32, "image", "png", 10, {"width": 1, "height": 1})
    assert store.add_asset(s, asset, "cat.png") is True
    assert store.add_asset(s, asset, "cat again.png") is False  # same content: deduplicated
    assert store.add_job("render_1", s, "u1", {"t": []}, {"format": "mp4"})
    assert not store.add_job("render_1", s, "u1", {"t": []}, {"format": "mp4"})
    store.close()
    again = Store(tmp_path)
    session = again.session(s)
    assert session is not None and session.name == "keep" and session.language == "zh"
    assert [m["text"] for m in again.messages(s)] == ["hello", "done"]
    assert again.messages(s)[1]["events"] == [{"type": "x"}]
    assert [a.name for a in again.session_assets(s)] == ["cat.png"]
    assert again.unfinished_jobs() == ["render_1"]
    texts = [sg["txt"] for t in again.draft(s)["t"] for sg in t["sg"]]
    assert texts == ["X"]


def test_a_failed_transaction_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path)
    s = store.create_session("u", "p", "en").session_id
    before = store.version_info(s)
    try:
        with store.tx() as db:
            db.execute("UPDATE sessions SET name='changed' WHERE session_id=?", (s,))
            raise RuntimeError("crash in the middle")
    except RuntimeError:
        pass
    assert store.session(s).name == "p" and store.version_info(s) == before


def test_concurrent_writers_do_not_lose_updates(tmp_path: Path) -> None:
    store = Store(tmp_path)
    s = store.create_session("u", "p", "en").session_id

    def write(n: int) -> None:
        for i in range(25):
            store.add_message(s, "user", f"{n}-{i}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.messages(s)) == 100
