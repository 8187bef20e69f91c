"""Projects in the window on the real engine: New project keeps the old one, the project list
(thumbnail, name, last edited, length) opens, renames in place, duplicates and deletes (asking,
and saying whether the media go too), Open Recent, renaming the open project from the menu, and
the plain sentence on the hosted backend, which keeps no list."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from meme_desktop.api.models import SessionSummary
from meme_desktop.ui import dialogs
from meme_desktop.ui.project_dialog import NAME, NameDialog, ProjectDialog, delete_question
from tests.gui.test_cloud_window import cloud_window  # noqa: F401 - fixture
from tests.integration.test_engine_api import chat, new_session, upload


def _rows(engine: Any) -> dict[str, dict]:
    rows = engine.client().get("/api/sessions").json()["data"]["sessions"]
    return {r["session_id"]: r for r in rows}


def _project(engine: Any, name: str, image: Path, caption: str) -> str:
    """A project made over HTTP (as another run of the app would have left it)."""
    c = engine.client()
    sid = new_session(c)
    upload(c, sid, image)
    chat(c, sid, f"add '{caption}' at the top")
    assert c.patch(f"/api/sessions/{sid}", json={"name": name}).status_code == 200
    return sid


@pytest.fixture
def no_questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any yes/no question fails the test (New project must not ask one)."""
    asked: list[str] = []

    async def ask(parent: Any, title: str, text: str, *rest: Any) -> bool:
        asked.append(text)
        return False

    monkeypatch.setattr(dialogs, "ask_yes_no", ask)
    return asked


def _open_list(window: Any, run: Any) -> ProjectDialog:
    window.actions["open_project"].trigger()
    run.until(lambda: window.projects.dialog is not None and window.projects.dialog.isVisible(),
              timeout=20)
    return window.projects.dialog


def _names(dialog: ProjectDialog) -> list[str]:
    return [dialog.table.item(r, NAME).text() for r in range(dialog.table.rowCount())]


def test_new_project_keeps_the_old_one_in_the_list(window: Any, run: Any, media_dir: Path,
                                                   no_questions: list[str]) -> None:
    first = window.session.assistant.session_id
    window.media.add_files([media_dir / "doge.png"])
    run.until(lambda: window.media.items and all(
        i.state == "done" for i in window.media.items.values()), timeout=60)
    window.chat.submit("add 'KEEP ME' at the top")
    run.until(lambda: not window.chat.busy and not window.track.draft.is_empty, timeout=60)
    window.actions["new"].trigger()
    run.until(lambda: window.session.assistant.session_id != first
              and window.track.draft.is_empty, timeout=20)
    assert no_questions == []  # no warning that the old project is lost: it is not
    assert window.windowTitle() == "Meme Desktop — Untitled project"
    assert not window.media.items
    run.until(lambda: [r.session_id for r in window.projects.recent] == [first], timeout=20)
    recent = window.actions["recent"].menu()
    labels = [a.text() for a in recent.actions() if a.text()]
    assert labels[0] == "“KEEP ME”  (0:05)" and labels[-1] == "Open project…"
    recent.actions()[0].trigger()  # File › Open Recent › the old project
    run.until(lambda: window.session.assistant.session_id == first, timeout=20)
    run.until(lambda: not window.track.draft.is_empty and window.media.items, timeout=20)
    assert window.windowTitle() == "Meme Desktop — “KEEP ME”"  # unnamed: its caption
    assert "add 'KEEP ME' at the top" in window.chat.texts()


def test_the_project_list_opens_renames_duplicates_and_deletes(
        window: Any, run: Any, media_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = window.engine
    monday = _project(engine, "Monday", media_dir / "doge.png", "MONDAY")
    friday = _project(engine, "Friday", media_dir / "doge.png", "FRIDAY")
    current = window.session.assistant.session_id
    dialog = _open_list(window, run)
    assert _names(dialog)[:2] == ["Friday", "Monday"]  # most recently edited first
    assert dialog.table.item(0, 2).text() == "0:05" and dialog.table.item(0, 1).text()
    assert dialog.table.item(_names(dialog).index("Untitled project"), 2).text() == "empty"
    assert dialog.table.item(_names(dialog).index("Untitled project"), NAME).font().bold()
    run.until(lambda: not dialog.table.item(0, NAME).icon().isNull(), timeout=20)  # thumbnail

    # rename in place: double-click the name, type, Enter
    item = dialog.name_item(friday)
    at = dialog.table.visualItemRect(item).center()
    viewport = dialog.table.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    run.until(lambda: dialog.table.findChild(QLineEdit) is not None
              and dialog.table.findChild(QLineEdit).isVisible(), timeout=5)
    editor = dialog.table.findChild(QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "Friday feeling")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    run.until(lambda: _rows(engine)[friday]["task_name"] == "Friday feeling", timeout=20)
    run.until(lambda: "Renamed" in dialog.status.text() and not window.projects._tasks,
              timeout=20)
    assert "Friday feeling" in _names(dialog)
    assert dialog.isVisible() and dialog.selected_id() == friday  # Enter renamed, not opened

    # duplicate: a copy with the draft and the uploads, selected
    dialog.duplicate_button.click()
    run.until(lambda: "Friday feeling (copy)" in _names(dialog), timeout=20)
    copy = dialog.selected_id()
    assert copy not in (friday, monday, current)
    assert _rows(engine)[copy]["duration_ms"] == 5000 and _rows(engine)[copy]["assets"] == 1

    # delete asks first and says the media stay (other projects use the picture)
    asked: list[SessionSummary] = []

    async def confirm(cls: Any, parent: Any, row: SessionSummary) -> bool:
        asked.append(row)
        return True

    monkeypatch.setattr(ProjectDialog, "confirm_delete", classmethod(confirm))
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    run.until(lambda: copy not in _rows(engine), timeout=20)
    run.until(lambda: "Friday feeling (copy)" not in _names(dialog), timeout=20)
    assert asked[0].session_id == copy and asked[0].media_own == 0
    assert "Its media stay" in delete_question(asked[0])
    assert "Its 2 media files go too" in delete_question(
        SessionSummary("s", name="x", assets=2, media_own=2))
    assert engine.client().get(
        f"/media/{_rows(engine)[monday]['cover']}/thumbnail").status_code == 200  # kept

    # open another: the dialog closes and the window shows it
    dialog.select(monday)
    dialog.open_button.click()
    run.until(lambda: window.session.assistant.session_id == monday, timeout=20)
    run.until(lambda: not window.track.draft.is_empty and window.media.items, timeout=20)
    assert window.windowTitle() == "Meme Desktop — Monday"
    assert "add 'MONDAY' at the top" in window.chat.texts()
    assert window.projects.dialog is None


def test_deleting_the_open_project_opens_the_latest_other(window: Any, run: Any,
                                                          media_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          ) -> None:
    engine = window.engine
    other = _project(engine, "Other", media_dir / "doge.png", "OTHER")
    current = window.session.assistant.session_id

    async def confirm(cls: Any, parent: Any, row: SessionSummary) -> bool:
        return True

    monkeypatch.setattr(ProjectDialog, "confirm_delete", classmethod(confirm))
    dialog = _open_list(window, run)
    dialog.select(current)
    dialog.delete_button.click()
    run.until(lambda: window.session.assistant.session_id == other, timeout=20)
    run.until(lambda: current not in _rows(engine) and _names(dialog) == ["Other"], timeout=20)
    assert dialog.table.item(0, NAME).font().bold()  # the open one now
    dialog.reject()


def test_rename_the_open_project_from_the_menu(window: Any, run: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    async def ask(cls: Any, parent: Any, name: str) -> str:
        seen.append(name)
        return "  My   best meme "

    monkeypatch.setattr(NameDialog, "ask", classmethod(ask))
    window.actions["rename_project"].trigger()
    run.until(lambda: window.windowTitle() == "Meme Desktop — My best meme", timeout=20)
    assert seen == [""]  # an untitled project offers an empty name
    sid = window.session.assistant.session_id
    assert _rows(window.engine)[sid]["task_name"] == "My best meme"


def test_a_project_that_is_gone_leaves_the_open_one(window: Any, run: Any) -> None:
    current = window.session.assistant.session_id
    window.open_recent("sess_" + "0" * 24)
    run.until(lambda: any("no longer exists" in t for t in window.chat.texts()), timeout=20)
    assert window.session.assistant.session_id == current


def test_on_the_cloud_the_project_actions_say_they_are_not_available(
        cloud_window: Any, run: Any) -> None:  # noqa: F811 - the fixture
    win = cloud_window
    win.actions["open_project"].trigger()
    run.until(lambda: any("Projects are kept by the built-in engine" in t
                          for t in win.chat.texts()), timeout=10)
    assert win.projects.dialog is None
    menu = win.actions["recent"].menu()
    run.until(lambda: [a.text() for a in menu.actions()] ==
              ["Not available with the NemoVideo cloud"], timeout=10)
    assert not menu.actions()[0].isEnabled()
    before = len(win.chat.texts())
    win.actions["rename_project"].trigger()
    run.until(lambda: len(win.chat.texts()) > before, timeout=10)
    assert "Projects are kept by the built-in engine" in win.chat.texts()[-1]


def test_engine_rows_parse_media_own(window: Any, run: Any, media_dir: Path) -> None:
    """The client reads ``media_own`` (unknown: -1 on a backend without it)."""
    assert SessionSummary.parse({"session_id": "s"}).media_own == -1
    sid = _project(window.engine, "Own", media_dir / "cat clip.mp4", "OWN")
    rows = run(window.projects.projects.all())
    row = next(r for r in rows if r.session_id == sid)
    assert row.media_own == 1 and row.assets == 1 and row.cover
    assert isinstance(window.engine.client(), httpx.Client)


def test_the_project_list_works_from_the_keyboard(qtbot: Any, run: Any) -> None:
    """↓ picks a row, Enter opens it (Qt alone would start renaming it), F2 renames in place
    and its Enter only ends the rename, Esc closes without opening anything."""
    rows = [SessionSummary("a", name="Monday", duration_ms=5000),
            SessionSummary("b", name="Friday", duration_ms=3000)]
    dialogs_seen: list[ProjectDialog] = []

    def wire(dialog: ProjectDialog) -> None:
        dialogs_seen.append(dialog)
        dialog.rename_requested.connect(lambda sid, name: renames.append((sid, name)))

    renames: list[tuple[str, str]] = []
    chosen = asyncio.ensure_future(ProjectDialog.choose(None, rows, "a", wire))
    run.until(lambda: dialogs_seen and dialogs_seen[0].isVisible(), timeout=5)
    dialog = dialogs_seen[0]
    table = dialog.table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert dialog.selected_id() == "b"
    QTest.keyClick(table, Qt.Key.Key_F2)
    run.until(lambda: table.findChild(QLineEdit) is not None
              and table.findChild(QLineEdit).isVisible(), timeout=5)
    editor = table.findChild(QLineEdit)
    editor.selectAll()
    QTest.keyClicks(editor, "Friday feeling")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    run.until(lambda: renames == [("b", "Friday feeling")], timeout=5)
    assert dialog.isVisible()  # Enter in the editor renamed, it did not open
    dialog.duplicate_button.setFocus()  # Space on Duplicate: the dialog waits, then the list
    dialog.set_busy(True)  # has the keys again (not Close, where Enter would shut it)
    dialog.set_busy(False)
    assert dialog.focusWidget() is table
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert run(chosen, timeout=5) == "b"

    dialogs_seen.clear()
    closed = asyncio.ensure_future(ProjectDialog.choose(None, rows, "a", wire))
    run.until(lambda: dialogs_seen and dialogs_seen[0].isVisible(), timeout=5)
    QTest.keyClick(dialogs_seen[0].table, Qt.Key.Key_Escape)
    assert run(closed, timeout=5) is None
