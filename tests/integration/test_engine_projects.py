"""Projects over real loopback HTTP: the list's rows, rename, duplicate (draft, uploads and
chat copied, media shared) and delete (media another project uses stay on disk)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.helpers.engine_proc import running_engine
from tests.helpers.media import make_clip, make_image
from tests.integration.test_engine_api import chat, new_session, state, upload


def _rows(c: httpx.Client) -> dict[str, dict]:
    r = c.get("/api/sessions")
    assert r.status_code == 200
    return {row["session_id"]: row for row in r.json()["data"]["sessions"]}


def test_rename_duplicate_and_delete_keep_shared_media(tmp_path: Path) -> None:
    shared = make_image(tmp_path / "shared.png", size="320x240")
    own = make_clip(tmp_path / "own.mp4", seconds=1.0)
    with running_engine(tmp_path / "engine") as engine:
        c = engine.client()
        first, second = new_session(c), new_session(c)
        files = upload(c, first, shared, own).json()["data"]["files"]
        shared_hash, own_hash = files[0]["hash"], files[1]["hash"]
        upload(c, second, shared)
        chat(c, first, "use own.mp4, put 'FIRST' on top")
        media = engine.data_dir / "media"
        own_file = next(media.rglob(f"{own_hash}.*"))
        shared_file = next(media.rglob(f"{shared_hash}.*"))
        assert c.get(f"/media/{own_hash}/thumbnail?size=64").status_code == 200

        row = _rows(c)[first]
        assert row["duration_ms"] == 1000 and row["assets"] == 2 and row["cover"] == own_hash
        assert row["segments"] == 2 and (row["width"], row["height"]) == (1080, 1920)

        r = c.patch(f"/api/sessions/{first}", json={"name": "  Monday   memes "})
        assert r.status_code == 200 and r.json()["data"]["task_name"] == "Monday memes"
        assert state(c, first)["task_name"] == "Monday memes"
        assert c.patch(f"/api/sessions/{first}", json={"name": ""}).status_code == 400

        r = c.post(f"/api/sessions/{first}/duplicate")
        copy = r.json()["data"]
        assert r.status_code == 200 and copy["task_name"] == "Monday memes (copy)"
        copy_state = state(c, copy["session_id"])
        assert copy_state["state"]["draft"] == state(c, first)["state"]["draft"]
        assert [f["hash"] for f in copy_state["state"]["video_infos"]] == [shared_hash, own_hash]
        texts = [m["text"] for m in c.get(
            f"/api/sessions/{copy['session_id']}/messages").json()["data"]["messages"]]
        assert texts and texts[0] == "use own.mp4, put 'FIRST' on top"
        chat(c, copy["session_id"], "put 'ONLY IN THE COPY' at the bottom")   # independent
        assert "ONLY IN THE COPY" not in str(state(c, first)["state"]["draft"])

        r = c.delete(f"/api/sessions/{first}")
        assert r.status_code == 200 and r.json()["data"]["media_removed"] == 0  # copy uses both
        assert own_file.exists() and first not in _rows(c)
        assert c.get(f"/api/state/nemo_agent/me/{first}/latest").status_code == 404

        r = c.delete(f"/api/sessions/{copy['session_id']}")
        data = r.json()["data"]
        assert (data["media_removed"], data["media_kept"]) == (1, 1)  # own.mp4 gone, shared kept
        assert not own_file.exists() and shared_file.exists()
        assert not list((engine.data_dir / "thumbs").glob(f"{own_hash}_*"))
        assert set(_rows(c)) == {second}
        assert c.delete("/api/sessions/sess_nope").status_code == 404


def test_another_users_project_cannot_be_touched(tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine", anonymous=True) as engine:
        mine = engine.client()
        sid = new_session(mine)
        r = httpx.post(f"{engine.base_url}/api/auth/anonymous-token",
                       headers={"X-Client-Id": "someone-else"}, timeout=30)
        theirs = httpx.Client(base_url=engine.base_url, timeout=30, headers={
            "Authorization": f"Bearer {r.json()['data']['token']}"})
        assert theirs.patch(f"/api/sessions/{sid}", json={"name": "x"}).status_code == 404
        assert theirs.post(f"/api/sessions/{sid}/duplicate").status_code == 404
        assert theirs.delete(f"/api/sessions/{sid}").status_code == 404
        assert sid in _rows(mine)
