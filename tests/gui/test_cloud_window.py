"""The window on the fake hosted backend (issue 16): GUI phrases become actions, a lost session
keeps its media, a turn with no effect says so, an unknown track is a labelled lane and goes to
the export untouched, and the 7-day token rule is said once with the files kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from meme_desktop.api.auth import CloudAuth
from meme_desktop.api.client import NemoClient
from meme_desktop.assistant.service import Assistant
from meme_desktop.assistant.turn import Timing
from meme_desktop.config import Settings, UiState
from meme_desktop.ui.dialogs import SaveDialog
from meme_desktop.ui.export_dialog import ExportDialog, choice_for
from tests.helpers.fake_cloud import VIDEO, FakeCloud, FakeCloudServer, fast_policy

STICKERS = {"id": "k1", "tt": 9, "n": "Stickers", "sg": [
    {"id": "k1a", "st": 0, "d": 2000, "sticker": "party_parrot"}]}


def _attach(win: Any, run: Any, cloud: FakeCloud, http: httpx.AsyncClient) -> Assistant:
    client = NemoClient(http, cloud.base_url, CloudAuth(cloud.base_url), fast_policy())
    assistant = Assistant(client, "cloud", timing=Timing(still_working=60))
    info = run(assistant.connect())
    run(win.session.attach(assistant, info))
    return assistant


@pytest.fixture
def cloud_window(qtbot: Any, run: Any, cloud: FakeCloud) -> Iterator[Any]:
    """The main window attached to an assistant on the fake hosted backend."""
    from meme_desktop.ui.main_window import MainWindow

    win = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    http = httpx.AsyncClient(timeout=httpx.Timeout(20.0))
    win.http = http
    _attach(win, run, cloud, http)
    yield win
    win.exports.ui_state.pending_exports.clear()
    win._closing_confirmed = True
    win.close()
    run(http.aclose())


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The export dialogs answer at once: square, fast, into ``tmp/out/meme.mp4``."""
    dest = tmp_path / "out" / "meme.mp4"
    dest.parent.mkdir()

    async def choose(cls: Any, parent: Any, preset: str = "", quality: str = "") -> Any:
        return choice_for("square", "fast")

    async def ask(cls: Any, parent: Any, directory: str, suggested: str, ext: str) -> Path:
        return dest

    monkeypatch.setattr(ExportDialog, "choose", classmethod(choose))
    monkeypatch.setattr(SaveDialog, "ask", classmethod(ask))
    return dest


def _upload(win: Any, run: Any, *paths: Path) -> None:
    win.media.add_files(list(paths))
    run.until(lambda: not win.session.uploading and len(win.media.items) >= len(paths)
              and all(i.state in ("done", "failed") for i in win.media.items.values()),
              timeout=30)


def _say(win: Any, run: Any, text: str) -> None:
    win.chat.submit(text)
    run.until(lambda: not win.chat.busy, timeout=30)


def _exports(cloud: FakeCloud) -> list[dict]:
    return [j["body"] for j in cloud.jobs.values() if j["body"]["output"]["quality"] != "preview"]


def test_gui_phrases_become_actions_in_the_window(cloud_window: Any, run: Any, cloud: FakeCloud,
                                                  media_dir: Path, saved: Path) -> None:
    win = cloud_window
    _upload(win, run, media_dir / "doge.png")
    cloud.effects.extend(["none", "move", "caption"])
    cloud.replies.extend(["You can drag the clip in the timeline to move it.", "",
                          "Done! Click the Export button to download your video."])
    _say(win, run, "start the picture at 2 seconds")
    assert "Done. Moved doge.png to 2s." in win.chat.texts()
    _say(win, run, "put hello on top")
    run.until(lambda: win.exports.progress is not None and win.exports.progress.state != "running"
              and not win.exports.running, timeout=30)
    assert win.exports.progress.state == "saved"
    assert saved.read_bytes() == VIDEO and len(_exports(cloud)) == 1
    texts = win.chat.texts()
    assert "Done!" in texts and texts[-1] == f"Saved meme.mp4 in {saved.parent}."
    for phrase in ("drag", "Click", "Export button"):
        assert not any(phrase in t for t in texts), (phrase, texts)


def test_a_lost_session_keeps_its_media_in_the_window(cloud_window: Any, run: Any,
                                                      cloud: FakeCloud, media_dir: Path) -> None:
    win = cloud_window
    cloud.replies.extend(["Added it."] * 3)  # the turn, its replay, the next turn
    _upload(win, run, media_dir / "doge.png")
    _say(win, run, "top text hello")
    cloud.lose_session_at_turn = 2
    _say(win, run, "bottom text bye")
    assert ("The service had lost this project, so I started a new one and uploaded doge.png "
            "again and repeated 1 earlier instruction (“top text hello”).") in win.chat.texts()
    new = cloud.sessions[win.session.assistant.session_id]
    (item,) = win.media.items.values()  # the same file, now known by its new hash
    assert item.asset is not None and item.asset.hash == new["infos"][0]["hash"]
    captions = [s.text for s in win.track.draft.segments(7)]
    assert captions == ["TOP TEXT HELLO", "BOTTOM TEXT BYE"]
    assert len(win.track.draft.segments(0)) == 1  # the picture is on the new timeline


def test_a_turn_with_no_effect_says_so_in_the_window(cloud_window: Any, run: Any,
                                                     cloud: FakeCloud) -> None:
    cloud.sse_mode = "idle"
    _say(cloud_window, run, "make it funnier")
    assert cloud_window.chat.texts()[-1] == (
        "Nothing changed after “make it funnier”. Could you say it another way?")
    assert not any("I didn't change anything" in t for t in cloud_window.chat.texts())


def test_an_unknown_track_is_a_labelled_lane_and_exported_untouched(
        run: Any, qtbot: Any, cloud: FakeCloud, media_dir: Path, saved: Path) -> None:
    cloud.extra_tracks = [STICKERS]
    from meme_desktop.ui.main_window import MainWindow

    win = MainWindow(Settings.load(), UiState.load())
    qtbot.addWidget(win)
    win.show()
    http = httpx.AsyncClient(timeout=httpx.Timeout(20.0))
    try:
        _attach(win, run, cloud, http)
        _upload(win, run, media_dir / "doge.png")
        labels = [i.text() for i in win.track.scene().items()
                  if isinstance(i, QGraphicsSimpleTextItem)]
        assert "Stickers" in labels
        lane = next(i for i in win.track.scene().items()
                    if isinstance(i, QGraphicsSimpleTextItem) and i.text() == "Stickers")
        assert "type 9" in lane.toolTip()
        assert win.track.items_by_id["k1a"].label == "k1a"
        run(win.exports.run(), timeout=30)
        (body,) = _exports(cloud)
        assert body["draft"] == cloud.sessions[body["sessionId"]]["draft"]
        assert STICKERS in body["draft"]["t"]
    finally:
        win.exports.ui_state.pending_exports.clear()
        win._closing_confirmed = True
        win.close()
        run(http.aclose())


def test_the_7_day_rule_is_said_once_and_the_files_wait(
        cloud_window: Any, run: Any, cloud: FakeCloud, media_dir: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    win = cloud_window
    cloud.strict_tokens = True
    cloud.revoke_on = "upload"
    _upload(win, run, media_dir / "doge.png", media_dir / "cat clip.mp4")
    told = [t for t in win.chat.texts() if "once every 7 days" in t]
    assert len(told) == 1 and "Settings" in told[0]
    assert all(i.state == "failed" and "Waiting for a sign-in" in i.error
               for i in win.media.items.values())
    # the person pastes a token (here: NEMO_TOKEN) and reconnects: the files upload
    monkeypatch.setenv("NEMO_TOKEN", cloud.new_token())
    _attach(win, run, cloud, win.http)
    run.until(lambda: not win.session.uploading and len(win.media.items) == 2 and all(
        i.state == "done" for i in win.media.items.values()), timeout=30)
    assert sorted(cloud.uploads) == ["cat clip.mp4", "doge.png"]


@pytest.fixture
def cloud_server() -> Iterator[FakeCloudServer]:
    """The fake hosted backend, which a test can take down and bring back."""
    server = FakeCloudServer()
    with server:
        yield server


@pytest.mark.parametrize(("language", "unreachable"), [
    ("en", "Cannot reach the NemoVideo service. Check your internet connection and try again."),
    ("zh_CN", "无法连接 NemoVideo 服务。请检查网络后重试。"),
])
def test_the_status_bar_says_when_the_service_cannot_be_reached(
        qtbot: Any, run: Any, cloud_server: FakeCloudServer, monkeypatch: pytest.MonkeyPatch,
        language: str, unreachable: str) -> None:
    """Connected to the hosted service, the status bar says it cannot be reached as soon as a
    request fails for that reason (not at the next reconnect), and Ready again as soon as a
    request gets an answer."""
    from meme_desktop.app import Backend
    from meme_desktop.ui.main_window import MainWindow

    cloud = cloud_server.cloud
    monkeypatch.setenv("NEMO_API_URL", cloud.base_url)
    settings = Settings.load()
    settings.backend, settings.language = "cloud", language
    win = MainWindow(settings, UiState.load())
    qtbot.addWidget(win)
    backend = Backend(win.session, win.settings)
    win.set_reconnect(backend.connect)
    win.show()
    try:
        run(backend.connect(), timeout=30)
        ready = win.status.state_label.text()
        assert win.session.model.connection == "ready" and ready
        cloud_server.down()
        win.chat.submit("put hello on top")
        run.until(lambda: win.status.state_label.text() == unreachable, timeout=15)
        assert win.status.dot.property("state") == "error"
        run.until(lambda: not win.chat.busy, timeout=30)
        assert win.status.state_label.text() == unreachable  # still, after the turn ended
        cloud_server.up()
        cloud.replies.append("Added it.")
        win.chat.submit("put hello on top")
        run.until(lambda: win.status.state_label.text() == ready, timeout=15)
        assert win.status.dot.property("state") == "ready"
        run.until(lambda: not win.chat.busy, timeout=30)
        assert win.session.model.connection == "ready"
    finally:
        win._closing_confirmed = True
        win.close()
        run(backend.close(), timeout=30)
