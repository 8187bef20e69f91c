"""Bounded resources: long filter graphs, drafts at their limits, and a bounded undo history.

- A filter graph longer than one command-line argument may be (Linux: 128 KB) reaches ffmpeg
  through a script file; before, ffmpeg could not even start ("argument list too long").
- Drafts at the limits render (100 captions; 50 pictures, whose graph goes by script file);
  one more caption is a clear refusal naming the limit.
- A session keeps the newest 100 undo steps: after 130 edits it holds 101 versions, undo goes
  back exactly 100 steps and says when it cannot go further, redo comes all the way back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import av
import pytest

from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, render
from meme_desktop.engine.render import job as render_job
from meme_desktop.engine.render.process import GRAPH_INLINE_LIMIT, graph_arguments, run_ffmpeg
from meme_desktop.engine.store import UNDO_DEPTH, Store
from tests.helpers.bad_requests import caption, draft_with
from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_image
from tests.integration.test_engine_api import chat, new_session, state, upload, wait_job


def test_a_graph_longer_than_an_argument_goes_through_a_script_file(tmp_path: Path) -> None:
    label = "x" * 70_000  # long labels: a long graph that costs ffmpeg nothing to run
    graph = f"[0:v]null[{label}];[{label}]scale=32:24[out]"
    assert len(graph) > 131_072  # over Linux's limit for one argument (MAX_ARG_STRLEN)
    out = tmp_path / "o.mp4"
    with graph_arguments(graph, tmp_path) as args:
        assert args[0] == "-/filter_complex"
        run_ffmpeg(["-f", "lavfi", "-i", "color=size=64x48:rate=5:duration=0.4", *args,
                    "-map", "[out]", "-c:v", "libx264", "-preset", "ultrafast", str(out)], 0.4)
    with av.open(str(out)) as c:
        assert c.streams.video[0].codec_context.width == 32
    assert list(tmp_path.glob(".graph.*")) == []  # the script file is gone


def _images(tmp: Path, count: int) -> list[dict]:
    picture = make_image(tmp / "tile.png", size="48x36")
    return [{"id": f"s{i}", "src": str(picture), "st": i * 100, "d": 100, "fit": "blur"}
            for i in range(count)]


def test_drafts_at_the_limits_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[list[str]] = []
    real = render_job.graph_arguments

    def spy(graph: str, folder: Path):  # noqa: ANN202
        manager = real(graph, folder)
        used.append([graph[:10], str(len(graph))])
        return manager

    monkeypatch.setattr(render_job, "graph_arguments", spy)
    pictures = Draft.from_json({**draft_with(_images(tmp_path, 50), tt=0)})
    out = render(pictures, tmp_path / "fifty.mp4", RenderOptions(quality="preview"),
                 lambda s: Path(s))
    assert int(used[-1][1]) > GRAPH_INLINE_LIMIT  # this graph went by script file
    with av.open(str(out)) as c:
        assert float(c.duration or 0) / av.time_base == pytest.approx(5.0, abs=0.2)
    captions = Draft.from_json(draft_with([{**caption(i), "st": i * 20, "d": 40}
                                           for i in range(100)]))
    out = render(captions, tmp_path / "hundred.mp4", RenderOptions(quality="preview"),
                 lambda s: Path(s))
    with av.open(str(out)) as c:
        assert float(c.duration or 0) / av.time_base == pytest.approx(2.02, abs=0.15)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine")) as eng:
        yield eng


def test_one_caption_over_the_limit_is_refused_in_a_sentence(engine: EngineProcess,
                                                             tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    over = draft_with([caption(i) for i in range(101)])
    r = client.post("/api/render/proxy/lambda", json={"id": "render_101", "sessionId": sid,
                                                       "draft": over})
    assert r.status_code == 400 and "at most 100 captions (this one has 101)" in \
        r.json()["message"]
    ok = client.post("/api/render/proxy/lambda", json={
        "id": "render_100", "sessionId": sid, "output": {"quality": "preview"},
        "draft": draft_with([{**caption(i), "st": i * 10, "d": 20} for i in range(100)])})
    assert ok.status_code == 200 and wait_job(client, "render_100")["status"] == "completed"


def test_the_store_keeps_an_undo_depth(tmp_path: Path) -> None:
    """Also: the oldest kept version offers nothing to undo (no label either)."""
    store = Store(tmp_path / "store")
    sid = store.create_session("local", "p", "en").session_id
    drafts = [draft_with([caption(1, f"EDIT {n}")]) for n in range(130)]
    for n, d in enumerate(drafts):
        store.push_draft(sid, d, label=f"edit {n}")
    history = store.history(sid)
    assert history["versions"] == UNDO_DEPTH + 1 == 101 and history["version"] == 130
    rows = store._all("SELECT COUNT(*) AS n FROM versions WHERE session_id=?", (sid,))
    assert rows[0]["n"] == 101  # the older ones are gone from the database
    for n in range(UNDO_DEPTH):
        assert store.move(sid, -1)
        assert store.draft(sid) == drafts[-2 - n]
    assert not store.move(sid, -1) and not store.history(sid)["can_undo"]
    assert store.history_labels(sid)[0] == ""
    for _ in range(UNDO_DEPTH):
        assert store.move(sid, 1)
    assert store.draft(sid) == drafts[-1] and not store.history(sid)["can_redo"]
    store.close()


def test_chat_history_reports_the_depth(engine: EngineProcess, tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    upload(client, sid, make_image(tmp_path / "p.png", size="32x32"))
    chat(client, sid, 'add "ONE" at the top')
    history = state(client, sid)["history"]
    kept = {k: history[k] for k in ("version", "versions", "can_undo", "can_redo", "undo_depth")}
    assert kept == {"version": 1, "versions": 2, "can_undo": True, "can_redo": False,
                    "undo_depth": 100}, json.dumps(history)
