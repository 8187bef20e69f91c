"""What ``GET /api/state/.../latest`` answers, built in one place: the session's draft, its
uploads, canvas, finished renders and undo/redo history (with what each would undo)."""

from __future__ import annotations

from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.engine.store import SessionRow, Store
from meme_desktop.engine.uploads import file_entry


def canvas_config(draft: dict[str, Any]) -> dict[str, Any]:
    meta = Draft.from_json(draft, validate=False).meta
    return {"width": meta.width, "height": meta.height, "fps": meta.fps,
            "background": getattr(meta, "bg", "#000000")}


def history(store: Store, session_id: str) -> dict[str, Any]:
    """Version number, versions kept (at most the undo depth + 1), undo / redo and labels."""
    undo_label, redo_label = store.history_labels(session_id)
    return {**store.history(session_id), "undo_label": undo_label, "redo_label": redo_label}


def session_state(store: Store, session: SessionRow, base: str) -> dict[str, Any]:
    """The ``data`` of the state call for ``session``; URLs start with ``base``."""
    sid = session.session_id
    draft = store.draft(sid) or Draft.empty().to_json()
    generated = [{"id": job_id, "type": "render", "format": fmt,
                  "url": f"{base}/api/render/proxy/{job_id}/download", "created_at": created}
                 for job_id, fmt, created in store.completed_renders(sid)]
    return {"session_id": sid, "task_id": session.task_id, "task_name": session.name,
            "user_id": session.user_id,
            "state": {"draft": draft,
                      "video_infos": [file_entry(a, base) for a in store.session_assets(sid)],
                      "canvas_config": canvas_config(draft),
                      "generated_media": generated, "video_analyses": []},
            "history": history(store, sid)}
