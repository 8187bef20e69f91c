"""``POST /api/ops`` and ``GET /api/ops/schema`` over real loopback HTTP: one version per call,
undo/redo over ops edits from the chat, refusals that change nothing, history that survives a
restart, and chat turns whose tool events carry typed operations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from meme_desktop.draft import ops as O
from tests.helpers.engine_proc import EngineProcess, engine_proc, running_engine  # noqa: F401
from tests.helpers.media import make_clip, make_image
from tests.integration.test_engine_api import chat, new_session, state, upload


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("ops-media")
    return {"image": make_image(d / "cat.png", size="320x240"),
            "clip": make_clip(d / "dance.mp4", seconds=2.0)}


def post_ops(client: httpx.Client, sid: str, ops: list[dict[str, Any]],
             label: str = "") -> httpx.Response:
    body: dict[str, Any] = {"ops": ops}
    if label:
        body["label"] = label
    return client.post(f"/api/ops/nemo_agent/me/{sid}", json=body)


def segs(draft: dict[str, Any], tt: int) -> list[dict[str, Any]]:
    return [s for t in draft["t"] if t["tt"] == tt for s in t["sg"]]


def test_ops_are_one_version_each_and_undo_redo_step_over_them(
        tmp_path: Path, media: dict[str, Path]) -> None:
    with running_engine(tmp_path / "engine") as engine:
        c = engine.client()
        sid = new_session(c)
        image = upload(c, sid, media["image"]).json()["data"]["files"][0]["hash"]
        r = post_ops(c, sid, [{"op": "add_media", "asset": image},
                              {"op": "add_caption", "txt": "SAME", "pos": "top"},
                              {"op": "add_caption", "txt": "SAME", "pos": "bottom"},
                              {"op": "add_sound", "name": "vine_boom", "st": 1000},
                              {"op": "add_sound", "name": "vine_boom", "st": 3000}])
        assert r.status_code == 200, r.text
        data = r.json()["data"]
        assert data["version"] == 1 and data["changed"] is True
        assert [ch["op"] for ch in data["changes"]] == ["add_media", "add_caption", "add_caption",
                                                        "add_sound", "add_sound"]
        assert all(ch["en"] and ch["zh"] for ch in data["changes"])
        draft = data["state"]["state"]["draft"]
        top = next(s for s in segs(draft, 7) if s["pos"] == "top")
        first_boom = next(s for s in segs(draft, 1) if s["st"] == 1000)

        r = post_ops(c, sid, [{"op": "delete_segment", "id": top["id"]},
                              {"op": "move_segment", "id": first_boom["id"], "st": 2000}],
                     label="delete and move")
        data = r.json()["data"]
        assert data["version"] == 2
        draft = data["state"]["state"]["draft"]
        assert [(s["txt"], s["pos"]) for s in segs(draft, 7)] == [("SAME", "bottom")]
        assert sorted(s["st"] for s in segs(draft, 1)) == [2000, 3000]
        history = data["state"]["history"]
        assert history["can_undo"] and history["undo_label"] == "delete and move"

        events = chat(c, sid, "undo")                      # chat undo steps over the ops edit
        assert any(e.get("name") == "undo" for e in events)
        st = state(c, sid)
        assert len(segs(st["state"]["draft"], 7)) == 2 and st["history"]["version"] == 1
        assert st["history"]["redo_label"] == "delete and move"
        chat(c, sid, "redo")
        assert state(c, sid)["history"]["version"] == 2

    with running_engine(tmp_path / "engine") as again:       # a second start keeps the history
        c = again.client()
        st = state(c, sid)
        assert st["history"]["version"] == 2 and st["history"]["undo_label"] == "delete and move"
        chat(c, sid, "undo")
        assert len(segs(state(c, sid)["state"]["draft"], 7)) == 2


@pytest.mark.parametrize(("ops", "index", "words"), [
    ([{"op": "move_segment", "id": "nope", "st": 0}], 0, "no segment 'nope'"),
    ([{"op": "add_caption", "txt": "OK"}, {"op": "set_volume", "id": "s1", "vol": 9000}], 1,
     "field 'vol'"),
    ([{"op": "add_caption", "txt": "OK"}, {"op": "explode"}], 1, "unknown operation"),
    ([{"op": "add_caption", "txt": "OK"}, {"op": "set_caption", "id": "s1", "txt": "x"}], 1,
     "is not a caption"),
])
def test_a_refused_list_changes_nothing(tmp_path: Path, media: dict[str, Path],
                                        ops: list[dict[str, Any]], index: int,
                                        words: str) -> None:
    with running_engine(tmp_path / "engine") as engine:
        c = engine.client()
        sid = new_session(c)
        image = upload(c, sid, media["image"]).json()["data"]["files"][0]["hash"]
        assert post_ops(c, sid, [{"op": "add_media", "asset": image}]).status_code == 200
        before = state(c, sid)
        r = post_ops(c, sid, ops)
        assert r.status_code == 400
        body = r.json()
        assert body["code"] == 400 and f"ops[{index}]" in body["message"]
        assert words in body["message"] and "Nothing was changed" in body["message"]
        after = state(c, sid)
        assert after["state"]["draft"] == before["state"]["draft"]
        assert after["history"] == before["history"]


def test_malformed_bodies_get_a_clear_400(engine_proc: EngineProcess) -> None:  # noqa: F811
    c = engine_proc.client()
    sid = new_session(c)
    for body in ({"ops": "move"}, {"ops": []}, {}, {"ops": [], "label": 5}):
        r = c.post(f"/api/ops/nemo_agent/me/{sid}", json=body)
        assert r.status_code == 400 and r.json()["message"], body
    r = c.post("/api/ops/nemo_agent/me/sess_unknown", json={"ops": [{"op": "clear_timeline"}]})
    assert r.status_code == 404 and r.json()["code"] == 1002


def test_an_edit_that_changes_nothing_makes_no_version(engine_proc: EngineProcess) -> None:  # noqa: F811
    c = engine_proc.client()
    sid = new_session(c)
    r = post_ops(c, sid, [{"op": "set_canvas", "width": 1080, "height": 1920}])
    data = r.json()["data"]
    assert data["changed"] is False and data["version"] == 0
    assert data["changes"][0]["en"].startswith("The canvas is already")


def test_schema_is_public_and_generated(engine_proc: EngineProcess) -> None:  # noqa: F811
    r = httpx.get(f"{engine_proc.base_url}/api/ops/schema", timeout=30)
    assert r.status_code == 200 and r.json() == O.schema()


def test_chat_tool_events_carry_typed_operations(engine_proc: EngineProcess,  # noqa: F811
                                                 media: dict[str, Path]) -> None:
    c = engine_proc.client()
    sid = new_session(c)
    upload(c, sid, media["clip"])
    events = chat(c, sid, "put 'HELLO' on top, add a vine boom at 1s, slow motion")
    calls = [e for e in events if e["type"] == "tool_call"]
    assert [e["name"] for e in calls] == ["add_media", "add_caption", "add_sound", "set_speed"]
    ops = O.ops_from_json([{"op": e["name"], **e["args"]} for e in calls])
    assert ops[1] == O.AddCaption(txt="HELLO", pos="top")
    assert ops[2] == O.AddSound(sound="vine_boom", st=1000)
    results = [e for e in events if e["type"] == "tool_result"]
    assert all(r["result"]["ok"] for r in results)
    history = state(c, sid)["history"]
    assert history["version"] == 1
    assert history["undo_label"] == "add media and 3 more"
