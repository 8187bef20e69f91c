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
    current, count = store.version_info(session_id)
    undo_label, redo_label = store.history_labels(session_id)
    return {"version": current, "versions": count, "can_undo": current > 0,
            "can_redo": current < count - 1, "undo_label": undo_label,
            "redo_label": redo_label}


def session_state(store: Store, session: SessionRow, base: str) -> dict[str, Any]:
    """The ``data`` of the state call for ``session``; URLs start with ``base``."""
    sid = session.session_id
    draft = store.draft(sid) or Draft.empty().to_json()
    generated = [{"id": j.id, "type": "render", "format": j.output.get("format", "mp4"),
                  "url": f"{base}/api/render/proxy/{j.id}/download", "created_at": j.created_at}
                 for j in store.session_jobs(sid) if j.status == "completed"]
    return {"session_id": sid, "task_id": session.task_id, "task_name": session.name,
            "user_id": session.user_id,
            "state": {"draft": draft,
                      "video_infos": [file_entry(a, base) for a in store.session_assets(sid)],
                      "canvas_config": canvas_config(draft),
                      "generated_media": generated, "video_analyses": []},
            "history": history(store, sid)}
