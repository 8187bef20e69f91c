"""The built-in engine still refuses a draft it cannot render (issue 16, point 4): the client
passes an unknown track type through untouched, the engine answers 400 naming track and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.engine_proc import running_engine
from tests.integration.test_engine_api import new_session


def test_a_render_with_an_unknown_track_type_is_refused_naming_track_and_key(
        tmp_path: Path) -> None:
    with running_engine(tmp_path / "engine") as engine:
        client = engine.client()
        sid = new_session(client)
        draft = {"t": [
            {"id": "x1", "tt": 7, "sg": [{"id": "s1", "txt": "HI", "st": 0, "d": 1000}]},
            {"id": "k1", "tt": 9, "n": "Stickers", "sg": [{"id": "k1a", "st": 0, "d": 1000}]}]}
        r = client.post("/api/render/proxy/lambda",
                        json={"id": "render_sticker", "sessionId": sid, "draft": draft})
    assert r.status_code == 400, r.text
    message = r.json()["message"]
    assert "track 'k1'" in message and "'tt'" in message and "9" in message


@pytest.mark.parametrize("tt", [5, "video"])
def test_the_refusal_sentence_is_the_validator_s(tt: object) -> None:
    from meme_desktop.draft import Draft, DraftError

    with pytest.raises(DraftError, match="cannot be edited or rendered here"):
        Draft.from_json({"t": [{"id": "k1", "tt": tt, "sg": []}]})
