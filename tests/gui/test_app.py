"""The composition root with the real embedded engine (a child process started by the
launcher): start-up, the restored project, New project, and recovery when the engine dies."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6

from meme_desktop.app import Backend
from meme_desktop.config import Settings, UiState
from meme_desktop.ui import main_window
from meme_desktop.ui.main_window import MainWindow


class App:
    """A window and its backend, as :func:`meme_desktop.app._main` builds them."""

    def __init__(self, qtbot: Any) -> None:
        started = time.perf_counter()
        self.window = MainWindow(Settings.load(), UiState.load())
        qtbot.addWidget(self.window)
        self.backend = Backend(self.window.session, self.window.settings)
        self.window.set_reconnect(self.backend.connect)
        self.states: list[str] = []
        original = self.window.status.set_state

        def record(state: str, detail: str = "") -> None:
            self.states.append(state)
            original(state, detail)

        self.window.status.set_state = record  # type: ignore[method-assign]
        self.window.show()
        self.shown_after = time.perf_counter() - started


@pytest.fixture
def make_app(qtbot: Any, run: Any) -> Iterator[Any]:
    apps: list[App] = []

    def make() -> App:
        app = App(qtbot)
        apps.append(app)
        return app

    yield make
    for app in apps:
        if shiboken6.isValid(app.window):  # pytest-qt may have deleted it already
            app.window._closing_confirmed = True
            app.window.close()
        run(app.backend.close(), timeout=30)


def test_window_appears_at_once_then_connects(make_app: Any, run: Any) -> None:
    app = make_app()
    w = app.window
    assert app.shown_after < 1.5
    assert w.isVisible() and w.windowTitle() == "Meme Desktop — Untitled project"
    assert w.status.text() == "Connecting…"
    run(app.backend.connect(), timeout=60)
    assert w.status.text() == "Ready | Embedded engine | Credits: unlimited"
    assert w.session.assistant is not None and app.backend.launcher is not None
    assert w.windowTitle().startswith("Meme Desktop — ")


def test_last_project_is_restored_and_new_project_starts_fresh(make_app: Any, run: Any,
                                                               media_dir: Path,
                                                               monkeypatch: Any) -> None:
    first = make_app()
    run(first.backend.connect(), timeout=60)
    first.window.media.add_files([media_dir / "doge.png"])
    run.until(lambda: first.window.media.items and not first.window.session.uploading
              and all(i.state == "done" for i in first.window.media.items.values()), timeout=60)
    first.window.chat.submit('add the caption "REMEMBER ME" on top')
    run.until(lambda: not first.window.chat.busy and not first.window.track.draft.is_empty)
    first.window.close()
    run(first.backend.close(), timeout=30)

    second = make_app()
    run(second.backend.connect(), timeout=60)
    w = second.window
    texts = w.chat.texts()
    assert 'add the caption "REMEMBER ME" on top' in texts
    assert any("REMEMBER ME" in t for t in texts if not t.startswith("add the caption"))
    assert [i.name for i in w.media.items.values()] == ["doge.png"]
    run.until(lambda: all(i.has_thumbnail for i in w.media.items.values()), timeout=30)
    assert [s.text for s in w.track.draft.segments(7)] == ["REMEMBER ME"]
    assert not any(i.changed for i in w.track.items_by_id.values())  # restored, not "changed"

    asked: list[str] = []

    async def answer(_parent: object, title: str, *_args: object) -> bool:
        asked.append(title)
        return False

    monkeypatch.setattr(main_window, "ask_yes_no", answer)
    old = w.session.assistant.session_id
    w.actions["new"].trigger()  # no question: the old project stays in the project list
    run.until(lambda: w.track.draft.is_empty and not w.media.items, timeout=30)
    assert asked == []
    assert len(w.chat.texts()) == 1 and "Share your images" in w.chat.texts()[0]
    run.until(lambda: [r.session_id for r in w.projects.recent][:1] == [old], timeout=30)
    w.open_recent(old)  # File › Open Recent brings it back
    run.until(lambda: [s.text for s in w.track.draft.segments(7)] == ["REMEMBER ME"],
              timeout=30)


def test_killing_the_engine_reconnects_and_the_project_comes_back(make_app: Any,
                                                                   run: Any) -> None:
    app = make_app()
    w = app.window
    run(app.backend.connect(), timeout=60)
    w.chat.submit('add the caption "BEFORE THE CRASH" on top')
    run.until(lambda: not w.chat.busy and not w.track.draft.is_empty)
    launcher = app.backend.launcher
    old_pid = launcher.process.pid
    app.states.clear()
    launcher.process.kill()  # a crash: no clean shutdown
    run.until(lambda: "reconnecting" in app.states and launcher.running
              and launcher.process.pid != old_pid, timeout=60)
    run.until(lambda: w.status.state == "ready", timeout=30)
    assert w.status.text().startswith("Ready")
    w.chat.submit('add the caption "AFTER THE CRASH" at the bottom')
    run.until(lambda: not w.chat.busy, timeout=60)
    assert {s.text for s in w.track.draft.segments(7)} == {"BEFORE THE CRASH", "AFTER THE CRASH"}
    state = run(w.session.assistant.state())
    assert {s.text for s in state.draft.segments(7)} == {"BEFORE THE CRASH", "AFTER THE CRASH"}


def test_the_assistants_own_follow_up_turn_is_not_restored_as_typed(make_app: Any,
                                                                    run: Any) -> None:
    """The engine answers an empty project with "drag it into the media bin"; the assistant
    turns that into a follow-up turn of its own, which must not come back as the user's."""
    first = make_app()
    run(first.backend.connect(), timeout=60)
    first.window.chat.submit("turn this image into a meme")
    run.until(lambda: not first.window.chat.busy, timeout=60)
    first.window.close()
    run(first.backend.close(), timeout=30)

    second = make_app()
    run(second.backend.connect(), timeout=60)
    texts = second.window.chat.texts()
    assert "turn this image into a meme" in texts
    assert not any(t.startswith("Please make this change for me") for t in texts)
    users = [b.text() for b in second.window.chat.bubbles if b.role == "user"]
    assert users == ["turn this image into a meme"]
