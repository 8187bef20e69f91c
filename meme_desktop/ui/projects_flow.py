"""Projects on screen: File › Open project…, Open Recent, New project and Rename project.

:class:`ProjectsFlow` is the controller between the project dialogs
(:mod:`meme_desktop.ui.project_dialog`) and the backend: it reads the list
(:class:`~meme_desktop.assistant.projects.ProjectList`), fetches the thumbnails (decoded in a
worker thread), answers the dialog's rename / duplicate / delete requests while it stays open,
and switches projects through the session controller (the panels follow its ``opened`` /
``attached`` signals). ``recent_changed`` carries the latest projects for File › Open Recent
(the open one left out). "New project" starts an empty project and the one open before stays
in the list. Deleting the open project opens the most recent other one (or a new, empty one).

On a backend that keeps no list (the NemoVideo cloud) every project action says so in one
sentence (``notice``) and does nothing else. Sentences go to the chat as ``notice`` / ``error``;
it holds no widget but the dialog it opens.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from meme_desktop.api.errors import ApiError, SessionNotFoundError
from meme_desktop.api.models import SessionSummary
from meme_desktop.assistant.projects import ProjectList
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.project_dialog import NameDialog, ProjectDialog, row_name
from meme_desktop.ui.session_model import project_name

if TYPE_CHECKING:
    from meme_desktop.ui.session import Session

log = logging.getLogger(__name__)
RECENT = 8
THUMB_PX = 96


def unavailable_text() -> str:
    """What every project action says on a backend without a project list."""
    return tr("Projects are kept by the built-in engine: the NemoVideo cloud only has the "
              "project open now, so there is no list to open, rename or delete. Choose the "
              "built-in engine in Settings to keep several projects.")


class ProjectsFlow(QObject):
    """The project actions of the window (module docstring)."""

    notice = Signal(str)
    error = Signal(str, object)  # sentence, text to send again (always None here)
    recent_changed = Signal(list)  # list[SessionSummary]: the latest, the open one left out
    changed = Signal()  # an operation finished (the list was read again)
    switching = Signal()  # another project is about to open: a running chat turn stops

    def __init__(self, window: QWidget, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.dialog: ProjectDialog | None = None
        self.recent: list[SessionSummary] = []
        self._tasks: set[asyncio.Future[Any]] = set()
        session.attached.connect(lambda: self._spawn(self.refresh_recent()))

    @property
    def projects(self) -> ProjectList | None:
        a = self.session.assistant
        return ProjectList.of(a.client, a.backend) if a is not None else None

    @property
    def current(self) -> str:
        a = self.session.assistant
        return a.session_id if a is not None else ""

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Future[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _available(self) -> ProjectList | None:
        projects = self.projects
        if projects is None:
            self.notice.emit(unavailable_text() if self.session.assistant is not None
                             else tr("Still connecting; try again in a moment."))
        return projects

    def _fail(self, exc: BaseException) -> None:
        a = self.session.assistant
        text = a.message_for(exc) if a is not None else str(exc)
        if self.dialog is not None:
            self.dialog.say(text, problem=True)
        else:
            self.error.emit(text, None)

    # -- the list ---------------------------------------------------------------------------
    async def show_list(self) -> None:
        """File › Open project…: the dialog; the project picked is opened."""
        projects = self._available()
        if projects is None or self.dialog is not None:
            if self.dialog is not None:
                self.dialog.raise_()
            return
        rows = await projects.all()
        chosen = await ProjectDialog.choose(self.window, rows, self.current, self._wire)
        self.dialog = None
        if chosen and chosen != self.current:
            await self.open(chosen)

    def _wire(self, dialog: ProjectDialog) -> None:
        self.dialog = dialog
        dialog.rename_requested.connect(lambda sid, name: self._spawn(self.rename(sid, name)))
        dialog.duplicate_requested.connect(lambda sid: self._spawn(self.duplicate(sid)))
        dialog.delete_requested.connect(lambda sid: self._spawn(self.delete(sid)))
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self._spawn(self._thumbnails(list(dialog.rows.values())))

    async def _thumbnails(self, rows: list[SessionSummary]) -> None:
        a = self.session.assistant
        for row in rows:
            if a is None or self.dialog is None or not row.cover:
                continue
            data = await a.thumbnail(row.cover, THUMB_PX)
            image = await asyncio.to_thread(QImage.fromData, data) if data else None
            if image is not None and not image.isNull() and self.dialog is not None:
                self.dialog.set_thumbnail(row.session_id, image)

    async def _reload(self, select: str = "") -> list[SessionSummary]:
        """Read the list again: the dialog, Open Recent and the window title follow."""
        projects = self.projects
        rows = await projects.all() if projects is not None else []
        if self.dialog is not None:
            self.dialog.set_rows(rows, self.current, select)
            self._spawn(self._thumbnails([r for r in rows if r.cover]))
        self._set_recent(rows)
        self.changed.emit()
        return rows

    def _set_recent(self, rows: list[SessionSummary]) -> None:
        self.recent = [r for r in rows if r.session_id != self.current][:RECENT]
        self.recent_changed.emit(list(self.recent))

    async def refresh_recent(self) -> None:
        projects = self.projects
        if projects is None:
            self.recent = []
            self.recent_changed.emit([])
            return
        self._set_recent(await projects.all())

    # -- switching --------------------------------------------------------------------------
    async def open(self, session_id: str) -> bool:
        """Open a project (File › Open Recent, the list). One that is gone says so; the open
        one stays."""
        if self._available() is None:
            return False
        self.switching.emit()
        try:
            await self.session.open_project(session_id)
        except SessionNotFoundError:
            self.error.emit(tr("That project no longer exists; the open one stays."), None)
            await self.refresh_recent()
            return False
        except (ApiError, OSError) as exc:
            self._fail(exc)
            return False
        return True

    async def new_project(self) -> None:
        """An empty project; the one open before stays in the list."""
        self.switching.emit()
        try:
            await self.session.new_project()
        except (ApiError, OSError) as exc:
            self._fail(exc)

    # -- changes ----------------------------------------------------------------------------
    async def rename(self, session_id: str, name: str) -> None:
        projects = self._available()
        if projects is None:
            return
        try:
            await projects.rename(session_id, name)
        except ApiError as exc:
            self._fail(exc)
        else:
            if self.dialog is not None:
                self.dialog.say(tr("Renamed to “{name}”.", name=name))
        if session_id == self.current:  # the window title says the new name
            await self._refresh_title()
        await self._reload(session_id)

    async def rename_current(self) -> None:
        """File › Rename project…"""
        if self._available() is None or self.session.state is None:
            return
        name = await NameDialog.ask(self.window, self._current_name())
        if name:
            await self.rename(self.current, name)

    def _current_name(self) -> str:
        state = self.session.state
        name = project_name(state) if state is not None else ""
        return "" if name == tr("Untitled project") else name

    async def _refresh_title(self) -> None:
        try:
            await self.session.refresh_state()
        except (ApiError, OSError):
            log.info("the state could not be read after a rename")

    async def duplicate(self, session_id: str) -> None:
        projects = self._available()
        if projects is None:
            return
        rows = {r.session_id: r for r in await projects.all()}
        source = rows.get(session_id)
        name = tr("{name} (copy)", name=row_name(source)) if source is not None else ""
        try:
            copy = await projects.duplicate(session_id, name)
        except ApiError as exc:
            self._fail(exc)
            await self._reload()
            return
        if self.dialog is not None:
            self.dialog.say(tr("Made “{name}”.", name=row_name(copy)))
        await self._reload(copy.session_id)

    async def delete(self, session_id: str) -> None:
        projects = self._available()
        if projects is None:
            return
        row = next((r for r in await projects.all() if r.session_id == session_id), None)
        if row is None or not await ProjectDialog.confirm_delete(self.dialog or self.window,
                                                                 row):
            return
        try:
            removed = await projects.delete(session_id)
        except ApiError as exc:
            self._fail(exc)
            await self._reload()
            return
        if self.dialog is not None:
            self.dialog.say(tr("Deleted “{name}”.", name=row_name(row)) + (
                " " + tr("{count} media files went with it.", count=removed) if removed
                else ""))
        if session_id == self.current:
            await self._leave_deleted(projects)
        await self._reload()

    async def _leave_deleted(self, projects: ProjectList) -> None:
        """The open project was deleted: the most recent other one opens (or a new one)."""
        others = [r for r in await projects.all() if r.session_id != self.current]
        if not others or not await self.open(others[0].session_id):
            await self.new_project()
