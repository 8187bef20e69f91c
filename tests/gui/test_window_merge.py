"""The cloud branch's window parts in the restructured window: a lane of an unknown track type
is drawn but takes no gesture (no selection, drag, split, drop); files refused for the
sign-in wait in the upload queue and are said once; Stop reads the project again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from meme_desktop.api.errors import TokenInvalidError
from meme_desktop.api.models import Asset, SessionState
from meme_desktop.assistant.events import AssistantEvent, TextDelta, UploadOutcome
from meme_desktop.draft import Draft
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.session import Session
from meme_desktop.ui.session_model import SessionModel
from meme_desktop.ui.track_view import TrackView
from meme_desktop.ui.uploads import UploadQueue
from tests.gui.gestures import Mouse, block_point

RAW = {"m": {"w": 720, "h": 720, "fps": 30}, "t": [
    {"id": "v", "tt": 0, "n": "Video", "sg": [
        {"id": "pic", "st": 0, "d": 3000, "src": "pic"}]},
    {"id": "k1", "tt": 9, "n": "Stickers", "sg": [
        {"id": "k1a", "st": 500, "d": 2000, "sticker": "party_parrot"},
        {"id": "k1b", "st": "later", "d": None}]},  # not placed: kept, not drawn
]}


def _view(qtbot: Any) -> tuple[SessionModel, TrackView, list[tuple[list, str]]]:
    model = SessionModel()
    view = TrackView(model)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    model.set_attached(True)
    model.set_state(SessionState("s", Draft.from_json(RAW, validate=False), [Asset("pic", "pic.png", "image")],
                                 task_name="project"), highlight=False)
    view.auto_fit = False
    view.px_per_s = 100.0
    view.redraw()
    sent: list[tuple[list, str]] = []
    model.edit_requested.connect(lambda ops, label: sent.append((ops, label)))
    return model, view, sent


def test_an_unknown_lane_is_shown_and_takes_no_gesture(qtbot: Any) -> None:
    model, view, sent = _view(qtbot)
    lane = next(i for i in view.scene().items()
                if isinstance(i, QGraphicsSimpleTextItem) and i.text() == "Stickers")
    assert "type 9" in lane.toolTip() and "cannot be edited" in lane.toolTip()
    block = view.items_by_id["k1a"]
    assert "k1b" not in view.items_by_id  # no place on the timeline: not drawn
    assert not block.editable and not block.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    assert "type 9" in block.toolTip()
    assert view.segment_at(QPointF(block_point(view, "k1a"))) is None

    mouse = Mouse(view.viewport())
    mouse.drag(block_point(view, "k1a"), block_point(view, "k1a", dx=150))  # a drag on it
    mouse.drag(block_point(view, "k1a", "right"), block_point(view, "k1a", "right", dx=80))
    mouse.double_click(block_point(view, "k1a"))
    assert sent == [] and "k1a" not in model.selection and not block.isSelected()

    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all
    assert model.selection == ("pic",)
    view.scene().clearSelection()
    model.seek(1000)  # under the picture and the sticker: only the picture is split
    QTest.keyClick(view, Qt.Key.Key_S)
    ((ops, label),) = sent
    assert [op.to_json()["id"] for op in ops] == ["pic"] and label == "split clip"
    assert [s.id for s in view.editable_segments()] == ["pic"]
    top, height = next((t, h) for track, t, h in view.lanes if track.id == "k1")
    assert view._drop_lane(QPointF(200, top + height / 2), "image") is None


class _RefusingAssistant:
    """Uploads ``ok.png``, then the sign-in is refused for every file after it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def upload(self, paths: list[Path], progress: Any) -> list[UploadOutcome]:
        path = Path(paths[0])
        self.calls.append(path.name)
        if path.name != "ok.png":
            raise TokenInvalidError("expired")
        return [UploadOutcome(path, Asset("h1", path.name, "image"))]

    def message_for(self, exc: BaseException) -> str:
        return "Sign in again (the free token lasts 7 days)."

    def take_notices(self) -> tuple[str, ...]:
        return ("The service had lost this project.",) if len(self.calls) == 1 else ()


def test_files_refused_for_the_sign_in_wait_and_it_is_said_once(run: Any,
                                                                tmp_path: Path) -> None:
    assistant = _RefusingAssistant()
    queue = UploadQueue(lambda: assistant, asyncio.ensure_future)
    failed: dict[int, str] = {}
    uploaded: list[int] = []
    refused: list[str] = []
    notices: list[str] = []
    done: list[bool] = []
    queue.failed.connect(lambda key, why: failed.__setitem__(key, why))
    queue.uploaded.connect(lambda key, _asset: uploaded.append(key))
    queue.refused.connect(refused.append)
    queue.notice.connect(notices.append)
    queue.finished.connect(done.append)
    names = ["ok.png", "a.png", "b.mp4", "c.mp3"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    queue.queue([(i, tmp_path / n, "image") for i, n in enumerate(names, 1)])
    run.until(lambda: bool(done))
    assert uploaded == [1] and done == [True]
    assert assistant.calls == ["ok.png", "a.png"]  # no file is tried after the refusal
    assert refused == ["Sign in again (the free token lasts 7 days)."]
    assert notices == ["The service had lost this project."]
    assert sorted(failed) == [2, 3, 4] and all("Waiting for a sign-in" in w
                                               for w in failed.values())
    assert queue.take_held() == [tmp_path / n for n in names[1:]]
    assert queue.take_held() == []  # given once


class _SlowAssistant:
    """A turn that never answers (a hanging model) and changed the project meanwhile."""

    has_ops = True
    renamed: dict[str, str] = {}

    def __init__(self) -> None:
        self.reads = 0

    async def send(self, text: str) -> AsyncIterator[AssistantEvent]:
        if text == "slow":
            await asyncio.Event().wait()
        yield TextDelta(f"answer to {text}")

    async def state(self) -> SessionState:
        self.reads += 1
        return SessionState("s", Draft.from_json(RAW, validate=False), task_name="project")

    async def credits(self) -> None:
        return None


def test_stop_reads_the_project_again(qtbot: Any, run: Any) -> None:
    session, chat = Session(), ChatPanel()
    qtbot.addWidget(chat)
    chat.set_runner(session.run_turn)
    chat.turn_stopped.connect(session.after_stop)
    session.reply.connect(chat.append_reply)
    assistant = _SlowAssistant()
    session.assistant = assistant  # type: ignore[assignment]
    chat.show()
    chat.submit("slow")
    run.until(chat.thinking.isVisible)  # "Thinking…" with Stop while the turn waits
    assert session.model.busy
    chat.thinking.stop.click()
    run.until(lambda: assistant.reads == 1 and not chat.busy)
    assert [s.id for s in session.model.draft.segments()] == ["pic", "k1a", "k1b"]
    assert not session.model.busy and "Stopped waiting for the reply." in chat.texts()
    session.shutdown()
