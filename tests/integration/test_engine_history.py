"""``POST /api/history`` (undo / redo without a chat turn) and ``GET /api/sounds`` over real
loopback HTTP; the ``xy`` key of a caption is checked like every other key."""

from __future__ import annotations

import io
import wave

from tests.helpers.engine_proc import EngineProcess, engine_proc  # noqa: F401
from tests.integration.test_engine_api import chat, new_session, state
from tests.integration.test_engine_ops import post_ops, segs


def step(c: object, sid: str, body: object) -> tuple[int, dict]:
    r = c.post(f"/api/history/nemo_agent/me/{sid}", json=body)  # type: ignore[attr-defined]
    return r.status_code, r.json()


def test_history_steps_undo_and_redo_without_a_chat_turn(engine_proc: EngineProcess) -> None:  # noqa: F811
    c = engine_proc.client()
    sid = new_session(c)
    assert post_ops(c, sid, [{"op": "add_caption", "txt": "ONE", "pos": "top"}],
                    label="add caption").status_code == 200
    draft = state(c, sid)["state"]["draft"]
    cap = segs(draft, 7)[0]["id"]
    assert post_ops(c, sid, [{"op": "move_segment", "id": cap, "st": 1500}],
                    label="move caption").status_code == 200
    said = len(c.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"])

    code, body = step(c, sid, {"step": -1})
    assert code == 200 and body["code"] == 0
    data = body["data"]
    assert data["moved"] is True and data["label"] == "move caption" and data["step"] == -1
    assert segs(data["state"]["state"]["draft"], 7)[0]["st"] == 0
    history = data["state"]["history"]
    assert history["can_redo"] and history["redo_label"] == "move caption"
    assert history["undo_label"] == "add caption"

    code, body = step(c, sid, {"step": 1})
    assert body["data"]["moved"] is True and body["data"]["label"] == "move caption"
    assert segs(body["data"]["state"]["state"]["draft"], 7)[0]["st"] == 1500
    code, body = step(c, sid, {"step": 1})                 # nothing left to redo
    assert code == 200 and body["data"]["moved"] is False and body["data"]["label"] == ""
    assert len(c.get(f"/api/sessions/{sid}/messages").json()["data"]["messages"]) == said

    chat(c, sid, "undo")                                   # the chat's undo still works
    assert segs(state(c, sid)["state"]["draft"], 7)[0]["st"] == 0


def test_history_refuses_a_bad_step_and_a_foreign_session(engine_proc: EngineProcess) -> None:  # noqa: F811
    c = engine_proc.client()
    sid = new_session(c)
    for body in ({"step": 2}, {"step": True}, {}, {"step": "-1"}):
        code, answer = step(c, sid, body)
        assert code == 400 and "step" in answer["message"], body
    code, answer = step(c, "sess_nope", {"step": -1})
    assert code == 404 and answer["code"] == 1002
    code, answer = step(c, sid, {"step": -1})              # a new session: nothing to undo
    assert code == 200 and answer["data"]["moved"] is False


def test_builtin_sounds_are_served_as_wav(engine_proc: EngineProcess) -> None:  # noqa: F811
    c = engine_proc.client()
    r = c.get("/api/sounds/sfx/vine_boom")
    assert r.status_code == 200 and r.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(r.content)) as w:
        assert w.getnframes() / w.getframerate() > 0.2
    assert c.get("/api/sounds/sfx/nope").status_code == 404
    assert c.get("/api/sounds/video/vine_boom").status_code == 404
    bare = engine_proc.client()
    bare.headers.pop("Authorization", None)
    assert bare.get("/api/sounds/sfx/vine_boom").status_code == 401


def test_a_placed_caption_keeps_xy_and_a_bad_one_is_refused(
        engine_proc: EngineProcess) -> None:  # noqa: F811
    c = engine_proc.client()
    sid = new_session(c)
    post_ops(c, sid, [{"op": "add_caption", "txt": "DRAG ME", "pos": "top"}])
    cap = segs(state(c, sid)["state"]["draft"], 7)[0]["id"]
    r = post_ops(c, sid, [{"op": "place_caption", "id": cap, "xy": [0.25, 0.75]}])
    assert r.status_code == 200
    assert segs(r.json()["data"]["state"]["state"]["draft"], 7)[0]["xy"] == [0.25, 0.75]
    r = post_ops(c, sid, [{"op": "place_caption", "id": cap, "xy": [0.25, 1.5]}])
    assert r.status_code == 400 and "xy" in r.json()["message"]
