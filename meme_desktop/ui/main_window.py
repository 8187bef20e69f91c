"""The main window: a shell that lays out the panels, menus, toolbar and status bar, and wires
their signals to the session.

Media bin on the left; preview above the timeline in the middle; chat on the right. The panels
read the :class:`~meme_desktop.ui.session_model.SessionModel` and send their edits through it;
none calls another. The :class:`~meme_desktop.ui.session.Session` controller (given by the
composition root, or made here) talks to the backend and answers with signals, wired in
:meth:`MainWindow._connect`; the :class:`~meme_desktop.ui.export_flow.ExportFlow` runs exports.
The window owns no backend: the composition root hands it a ``reconnect`` coroutine function
(rebuild the backend from the settings and attach it) and the helpers of Settings › Assistant
(``model_finder``, ``model_keys``: the same keys the backend gives the engine child). Slots that await are short
``qasync.asyncSlot``s: disable, await one call, update, re-enable in ``finally``.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
)
from qasync import asyncSlot

from meme_desktop import secrets as secret_store
from meme_desktop.api.auth import cloud_base_url
from meme_desktop.api.models import Asset
from meme_desktop.config import Settings, UiState
from meme_desktop.own_model import ModelFinder, ModelKeys
from meme_desktop.ui import actions
from meme_desktop.ui.batch_flow import BatchFlow
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.dialogs import ImportDialog, ask_yes_no
from meme_desktop.ui.export_flow import ExportFlow
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.media_bin import MediaBin
from meme_desktop.ui.media_door import file_dialog_filter
from meme_desktop.ui.preview import PreviewPanel
from meme_desktop.ui.projects_flow import ProjectsFlow
from meme_desktop.ui.session import Session
from meme_desktop.ui.settings_assistant import apply_assistant
from meme_desktop.ui.settings_dialog import SettingsDialog, SettingsResult
from meme_desktop.ui.status import StatusBar
from meme_desktop.ui.theme import app_icon
from meme_desktop.ui.timeline_panel import TimelinePanel
from meme_desktop.ui.window_layout import PanelLayout, next_in_chain

log = logging.getLogger(__name__)
APP_NAME = "Meme Desktop"

Reconnect = Callable[[], Awaitable[None]]


class MainWindow(QMainWindow):
    closed = Signal()  # the window really closed (after any confirmation)
    theme_chosen = Signal(str)  # Settings › Theme changed: system / light / dark
    # the named actions ("new", "export", …): this attribute hides QWidget.actions() on purpose
    # (icons.py calls QWidget.actions(window) for the list)
    actions: dict[str, QAction]  # type: ignore[assignment]

    def __init__(self, settings: Settings, ui_state: UiState,
                 reconnect: Reconnect | None = None, session: Session | None = None,
                 model_finder: ModelFinder | None = None,
                 model_keys: ModelKeys | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.ui_state = ui_state
        self._reconnect = reconnect
        self._closing_confirmed = False
        self._shown = False
        self._confirming = False
        self.setWindowIcon(app_icon())
        self.set_project_title(tr("Untitled project"))
        self.setMinimumSize(900, 560)
        self.setAcceptDrops(True)

        self.session = session or Session(parent=self)
        self.model = model = self.session.model
        model.hidden_media = {sid: set(hashes) for sid, hashes in ui_state.hidden_media.items()
                              if isinstance(hashes, list)}
        self.media = MediaBin(model)
        self.chat = ChatPanel()
        self.preview = PreviewPanel(model)
        self.timeline = TimelinePanel(model, self.session.art)
        self.track = self.timeline.track
        self.details = self.timeline.details
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.exports = ExportFlow(self, self.session, settings, ui_state)
        self.projects = ProjectsFlow(self, self.session)
        self.batches = BatchFlow(self, self.session, settings, ui_state)
        # a person's own model (Settings › Assistant): given by the composition root, which
        # also hands the keys to the backend it builds
        self.model_finder = model_finder or ModelFinder()
        self.model_keys = model_keys or ModelKeys()
        self._build_layout()
        self.actions = actions.build(self, self, model, self.track.commands.edit_actions,
                                     view=(self.panels.media_action,))
        self.toolbar, self.export_button = actions.build_toolbar(
            self, self.actions, leading=(self.panels.media_action,))
        self._connect()
        self.restore_geometry()

    # -- layout ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.panels = PanelLayout(self, self.media, self.preview, self.timeline, self.chat,
                                  self.ui_state, self.timeline.wanted_height)
        self.splitter = self.panels.main
        self.setCentralWidget(self.splitter)

    def _connect(self) -> None:
        """Wiring only: panels' requests to the session, the session's answers to panels."""
        session, model, chat, media = self.session, self.model, self.chat, self.media
        chat.set_runner(session.run_turn)
        chat.follow(model)
        chat.files_dropped.connect(model.import_files)
        chat.turn_stopped.connect(session.after_stop)
        self.status.follow(model)
        session.opened.connect(chat.clear)
        session.opened.connect(media.clear)
        session.opened.connect(session.uploads.clear)
        session.history_message.connect(chat.add_history)
        session.reply.connect(chat.append_reply)
        session.notice.connect(chat.add_notice)
        session.error.connect(chat.add_error)
        session.say.connect(chat.submit)
        session.choices.connect(chat.add_choices)
        session.action_requested.connect(self._on_action)
        session.attached.connect(self.exports.report_pending_once)
        self.exports.notice.connect(chat.add_notice)
        self.exports.error.connect(chat.add_error)
        self.exports.running_changed.connect(
            lambda running: self.actions["export"].setEnabled(not running))
        projects = self.projects
        projects.notice.connect(chat.add_notice)
        projects.error.connect(chat.add_error)
        projects.switching.connect(chat.cancel)
        projects.switching.connect(self.exports.close_finished)
        actions.follow_recent(self.actions, projects, self.open_recent)
        self.batches.notice.connect(chat.add_notice)
        self.batches.finished.connect(lambda: asyncio.ensure_future(projects.refresh_recent()))
        media.batch_requested.connect(self.on_batch)
        media.import_requested.connect(self.on_import)
        media.files_accepted.connect(session.uploads.queue)
        media.thumbnail_wanted.connect(session.uploads.remote_thumbnail)
        uploads = session.uploads
        uploads.progress.connect(media.set_progress)
        uploads.uploaded.connect(media.set_uploaded)
        uploads.failed.connect(media.set_failed)
        uploads.thumbnail.connect(media.set_thumbnail)
        model.import_requested.connect(media.add_files)
        model.import_requested.connect(lambda _paths: self.panels.show_media(True))
        model.hidden_changed.connect(self._save_hidden_media)
        model.state_changed.connect(lambda _highlight: self.panels.fit_timeline())
        model.title_changed.connect(self.set_project_title)
        previews = session.previews
        previews.rendering.connect(self.preview.set_busy)
        previews.ready.connect(self.preview.show_render)
        previews.cleared.connect(self.preview.clear)
        # Space plays / pauses from the timeline too (a click on a segment moves the focus
        # there); in the chat input it stays a space
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.track)
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.activated.connect(model.toggle_play)

    def _save_hidden_media(self) -> None:
        self.ui_state.hidden_media = {sid: sorted(h) for sid, h in self.model.hidden_media.items()
                                      if h}
        self.ui_state.save()

    def set_project_title(self, name: str) -> None:
        self.setWindowTitle(f"{APP_NAME} — {name}")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """The first show puts the cursor in the chat input: the first thing to do is type."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.panels.first_show()
            self.chat.input.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab and Shift+Tab follow the layout (:func:`window_layout.tab_chain`)."""
        regions = (self.toolbar, self.media, self.preview, self.timeline, self.chat)
        return next_in_chain(self, regions, forward) or super().focusNextPrevChild(forward)

    # -- geometry --------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        if self.ui_state.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.ui_state.geometry)))
        else:
            self.resize(1280, 800)
        if self.ui_state.window_state:
            self.restoreState(QByteArray(base64.b64decode(self.ui_state.window_state)))

    def save_geometry(self) -> None:
        self.panels.save()
        self.ui_state.geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode()
        self.ui_state.window_state = base64.b64encode(bytes(self.saveState().data())).decode()
        self.ui_state.save()

    # -- connection --------------------------------------------------------------------------
    def set_reconnect(self, reconnect: Reconnect) -> None:
        self._reconnect = reconnect

    def show_connecting(self, reconnecting: bool = False) -> None:
        self.session.connecting(reconnecting)

    def show_connect_error(self, message: str, backend: str = "") -> None:
        """Offline: say why, name the backend that failed (not the last one that worked),
        and what the person can do about it."""
        self.session.connection_failed(message, backend)

    # -- what the actions call ---------------------------------------------------------------
    def focus_chat(self) -> None:
        self.chat.input.setFocus()

    def zoom_timeline(self, factor: float) -> None:
        self.track.zoom(factor)

    def fit_timeline(self) -> None:
        self.track.zoom_to_fit()

    # -- actions ---------------------------------------------------------------------------
    def _on_action(self, kind: str) -> None:
        if kind == "export":
            self.on_export()
        elif kind == "upload":
            self.on_import()

    @asyncSlot()
    async def on_import(self) -> None:
        paths = await ImportDialog.ask(self, self.ui_state.last_import_dir, file_dialog_filter())
        if paths:
            self.ui_state.last_import_dir = str(paths[0].parent)
            self.ui_state.save()
            self.model.import_files(paths)

    def add_files(self, paths: list[Path]) -> None:
        self.model.import_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Files dropped anywhere on the window are imported (into the media bin)."""
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.model.import_files(paths)

    @asyncSlot()
    async def on_reconnect(self) -> None:
        if self._reconnect is not None:
            self.chat.cancel()
            await self._reconnect()

    @asyncSlot()
    async def on_export(self) -> None:
        await self.exports.run()

    @asyncSlot()
    async def on_new_project(self) -> None:
        """An empty project; the open one stays in the project list (File › Open project…)."""
        action = self.actions["new"]
        action.setEnabled(False)
        try:
            await self.projects.new_project()
        finally:
            action.setEnabled(True)

    @asyncSlot()
    async def on_open_project(self) -> None:
        await self.projects.show_list()

    @asyncSlot()
    async def on_rename_project(self) -> None:
        await self.projects.rename_current()

    @asyncSlot(str)
    async def open_recent(self, session_id: str) -> None:
        await self.projects.open(session_id)

    @asyncSlot(list)
    async def on_batch(self, assets: list[Asset]) -> None:
        await self.batches.run(assets)

    def send_text(self, text: str) -> None:
        self.chat.submit(text)

    @asyncSlot()
    async def on_settings(self) -> None:
        account = secret_store.account_for(cloud_base_url(self.settings.cloud_url))
        loop = asyncio.get_running_loop()
        try:
            signed_in = await loop.run_in_executor(None, secret_store.get, account) is not None
        except secret_store.SecretStoreUnavailable:
            signed_in = False
        result = await SettingsDialog.choose(self, self.settings, signed_in, self.model_finder,
                                             self.model_keys)
        if result is not None:
            await self.apply_settings(result)

    async def apply_settings(self, result: SettingsResult) -> None:
        """Save preferences, store or forget the token, reconnect when the backend changed."""
        s = self.settings
        changed = (result.backend, result.cloud_url) != (s.backend, s.cloud_url) or \
            result.token is not None or result.sign_out
        language_changed = result.language != s.language
        theme_changed = result.theme != s.theme
        s.backend, s.cloud_url, s.language = result.backend, result.cloud_url, result.language
        s.theme = result.theme
        s.save()
        if theme_changed:
            self.theme_chosen.emit(result.theme)
        account = secret_store.account_for(cloud_base_url(result.cloud_url))
        loop = asyncio.get_running_loop()
        notices: list[str] = []  # said after the reconnect, which redraws the chat
        try:
            if result.token is not None:
                await loop.run_in_executor(None, secret_store.set, account, result.token)
            elif result.sign_out:
                await loop.run_in_executor(None, secret_store.delete, account)
        except secret_store.SecretStoreUnavailable:
            if result.token is not None:  # kept for this run: the reconnect signs in with it
                secret_store.keep_for_run(account, result.token)
                notices.append(tr("Your system has no password store, so this sign-in is "
                                  "kept only until the app closes."))
        if result.assistant is not None:
            model_changed, memory_only = await apply_assistant(s, result.assistant,
                                                               self.model_keys)
            changed = changed or (model_changed and s.backend == "local")
            if memory_only:
                notices.append(tr("Your system has no password store, so the API key is "
                                  "kept only until the app closes."))
        if language_changed:
            notices.append(tr("The new language applies the next time the app starts."))
        if changed and self._reconnect is not None:
            self.chat.cancel()
            await self._reconnect()
        for notice in notices:
            self.session.notice.emit(notice)

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.exports.running and not self._closing_confirmed:
            event.ignore()
            self._confirm_close()
            return
        self.save_geometry()
        self.chat.cancel()
        if self.batches.running:  # the memes saved stay; the one being made leaves nothing
            asyncio.ensure_future(self.batches.cancel())
        self.session.shutdown()
        self.preview.clear()  # its player's threads end now, not when it is deleted
        super().closeEvent(event)
        self.closed.emit()

    @asyncSlot()
    async def _confirm_close(self) -> None:
        if self._confirming:  # a second click on the close box while the question is open
            return
        self._confirming = True
        try:
            # an export that ends while the question is open was saved: the window just closes
            stop = await ask_yes_no(self, tr("Export running"), tr(
                "An export is still running. Stop it and quit?"),
                tr("Stop and quit"), tr("Keep exporting"), moot=self.exports.running_changed)
        finally:
            self._confirming = False
        if stop:
            if self.exports.running:
                await self.exports.cancel()
            self._closing_confirmed = True
            self.close()
