"""The main window: a shell that lays out the panels, menus, toolbar and status bar.

Media bin on the left; preview above the track view in the middle; chat on the right. The
window owns no backend: the composition root hands it the settings and a ``reconnect``
coroutine function (rebuild the backend from the settings and attach it); the
:class:`~meme_desktop.ui.session.Session` controller and the
:class:`~meme_desktop.ui.export_flow.ExportFlow` do the async work. Slots that await are short
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
    QLabel,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from meme_desktop import secrets as secret_store
from meme_desktop.config import Settings, UiState
from meme_desktop.own_model import ModelFinder, ModelKeys
from meme_desktop.ui import actions
from meme_desktop.ui.chat_panel import ChatPanel
from meme_desktop.ui.dialogs import ImportDialog, ask_yes_no, inform
from meme_desktop.ui.export_flow import ExportFlow
from meme_desktop.ui.i18n import tr
from meme_desktop.ui.media_bin import MediaBin, file_dialog_filter
from meme_desktop.ui.preview import PreviewPanel
from meme_desktop.ui.session import OFFLINE_HINT, Session
from meme_desktop.ui.settings_assistant import apply_assistant
from meme_desktop.ui.settings_dialog import SettingsDialog, SettingsResult
from meme_desktop.ui.status import StatusBar
from meme_desktop.ui.theme import app_icon
from meme_desktop.ui.track_view import TrackView

log = logging.getLogger(__name__)
APP_NAME = "Meme Desktop"

Reconnect = Callable[[], Awaitable[None]]


class MainWindow(QMainWindow):
    closed = Signal()  # the window really closed (after any confirmation)

    def __init__(self, settings: Settings, ui_state: UiState,
                 reconnect: Reconnect | None = None) -> None:
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

        self.media = MediaBin()
        self.chat = ChatPanel()
        self.preview = PreviewPanel()
        self.track = TrackView()
        self.details = QLabel(tr("Select a segment to see its details."))
        self.details.setObjectName("details")
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.session = Session(self.chat, self.media, self.track, self.preview, self.status, self)
        self.exports = ExportFlow(self, self.session, settings, ui_state, self.chat)
        self.model_finder = ModelFinder()  # a person's own model: Settings › Assistant
        self.model_keys = ModelKeys()
        self._build_layout()
        self.actions = actions.build(self)
        self._build_toolbar()
        self._connect()
        self.restore_geometry()

    # -- layout ----------------------------------------------------------------------------
    def _build_layout(self) -> None:
        timeline = QWidget()
        timeline.setObjectName("panel")
        tl = QVBoxLayout(timeline)
        tl.setContentsMargins(10, 10, 10, 6)
        title = QLabel(tr("Timeline"))
        title.setObjectName("panelTitle")
        tl.addWidget(title)
        tl.addWidget(self.track, 1)
        tl.addWidget(self.details)
        center = QSplitter(Qt.Orientation.Vertical)
        center.addWidget(self.preview)
        center.addWidget(timeline)
        center.setStretchFactor(0, 1)
        center.setStretchFactor(1, 1)
        center.setSizes([380, 300])
        center.setChildrenCollapsible(False)
        center.setMinimumWidth(380)  # a narrow window shrinks the side panels, not the preview
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.media)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.chat)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([260, 640, 360])
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setContentsMargins(8, 4, 8, 4)
        self.splitter.setHandleWidth(8)
        self.setCentralWidget(self.splitter)

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        a = self.actions
        bar.addAction(a["new"])
        bar.addAction(a["import"])
        bar.addSeparator()
        bar.addAction(a["undo"])
        bar.addAction(a["redo"])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(a["settings"])
        bar.addAction(a["export"])
        export_button = bar.widgetForAction(a["export"])
        if export_button is not None:
            export_button.setObjectName("primary")
        self.addToolBar(bar)

    def _connect(self) -> None:
        self.media.import_requested.connect(self.on_import)
        self.media.edit_requested.connect(self.session.edit)
        self.track.edit_requested.connect(self.session.edit)
        self.track.segment_selected.connect(
            lambda text: self.details.setText(text or tr("Select a segment to see its details.")))
        self.track.seek_requested.connect(self.preview.seek)
        self.preview.position_changed.connect(self.track.set_playhead)
        self.session.title_changed.connect(self.set_project_title)
        self.session.action_requested.connect(self._on_action)
        self.chat.turn_stopped.connect(self._after_stop)
        self.exports.running_changed.connect(
            lambda running: self.actions["export"].setEnabled(not running))
        # Space plays / pauses from the timeline too (a click on a segment moves the focus
        # there); in the chat input it stays a space
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.track)
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.activated.connect(self.preview.toggle)

    @asyncSlot()
    async def _after_stop(self) -> None:
        """Stop pressed in the chat: show the project as it is now."""
        try:
            await self.session.refresh_state()
        except Exception:  # noqa: BLE001 - a nicety; the next turn reads the state anyway
            log.info("the state could not be read after a stopped turn")

    def set_project_title(self, name: str) -> None:
        self.setWindowTitle(f"{APP_NAME} — {name}")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """The first show puts the cursor in the chat input: the first thing to do is type."""
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            self.chat.input.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    # -- geometry --------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        if self.ui_state.geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.ui_state.geometry)))
        else:
            self.resize(1280, 800)
        if self.ui_state.window_state:
            self.restoreState(QByteArray(base64.b64decode(self.ui_state.window_state)))

    def save_geometry(self) -> None:
        self.ui_state.geometry = base64.b64encode(bytes(self.saveGeometry().data())).decode()
        self.ui_state.window_state = base64.b64encode(bytes(self.saveState().data())).decode()
        self.ui_state.save()

    # -- connection (called by the composition root) ---------------------------------------
    def set_reconnect(self, reconnect: Reconnect) -> None:
        self._reconnect = reconnect

    def show_connecting(self, reconnecting: bool = False) -> None:
        self.status.set_state("reconnecting" if reconnecting else "connecting")

    def show_connect_error(self, message: str, backend: str = "") -> None:
        """Offline: say why, name the backend that failed (not the last one that worked),
        and what the person can do about it."""
        self.status.set_state("offline")
        if backend:
            self.status.set_backend(backend)
            self.status.set_credits(None)
        self.chat.add_error(message + "\n" + tr(OFFLINE_HINT))

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
            self.media.add_files(paths)

    def add_files(self, paths: list[Path]) -> None:
        self.media.add_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Files dropped anywhere on the window go to the media bin."""
        self.media.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.media.dropEvent(event)

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
        state = self.session.state
        if state is not None and not state.draft.is_empty and not await ask_yes_no(
                self, tr("New project"), tr("Start a new project?") + "\n\n" + tr(
                    "The current project cannot be reopened afterwards. Export it first if "
                    "you want to keep the video."), tr("Start new"), tr("Cancel")):
            return
        action = self.actions["new"]
        action.setEnabled(False)
        try:
            self.chat.cancel()
            await self.session.new_project()
        except Exception as exc:  # noqa: BLE001 - one sentence, the window goes on
            if self.session.assistant is not None:
                self.chat.add_error(self.session.assistant.message_for(exc))
        finally:
            action.setEnabled(True)

    def send_text(self, text: str) -> None:
        self.chat.submit(text)

    @asyncSlot()
    async def on_settings(self) -> None:
        account = secret_store.account_for(self.settings.cloud_url)
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
        s.backend, s.cloud_url, s.language = result.backend, result.cloud_url, result.language
        s.save()
        account = secret_store.account_for(result.cloud_url)
        loop = asyncio.get_running_loop()
        try:
            if result.token is not None:
                await loop.run_in_executor(None, secret_store.set, account, result.token)
            elif result.sign_out:
                await loop.run_in_executor(None, secret_store.delete, account)
        except secret_store.SecretStoreUnavailable:
            await inform(self, tr("Settings"), tr(
                "Your system has no password store, so the sign-in cannot be saved."))
        if result.assistant is not None:
            model_changed, memory_only = await apply_assistant(s, result.assistant,
                                                               self.model_keys)
            changed = changed or (model_changed and s.backend == "local")
            if memory_only:
                self.chat.add_notice(tr("Your system has no password store, so the API key "
                                        "is kept only until the app closes."))
        if language_changed:
            self.chat.add_notice(tr("The new language applies the next time the app starts."))
        if changed and self._reconnect is not None:
            self.chat.cancel()
            await self._reconnect()

    # -- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.exports.running and not self._closing_confirmed:
            event.ignore()
            self._confirm_close()
            return
        self.save_geometry()
        self.chat.cancel()
        self.session.shutdown()
        self.preview.pause()
        super().closeEvent(event)
        self.closed.emit()

    @asyncSlot()
    async def _confirm_close(self) -> None:
        if self._confirming:  # a second click on the close box while the question is open
            return
        self._confirming = True
        try:
            stop = await ask_yes_no(self, tr("Export running"), tr(
                "An export is still running. Stop it and quit?"),
                tr("Stop and quit"), tr("Keep exporting"))
        finally:
            self._confirming = False
        if stop:
            await self.exports.cancel()
            self._closing_confirmed = True
            self.close()


def standard_action(window: QMainWindow, text: str, slot: Callable[[], object],
                    shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
    """An action with its shortcut shown in the tooltip (used by :mod:`.actions`)."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    label = tip or text.replace("…", "")
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{label} ({keys})" if keys else label)
    action.setStatusTip(label)
    action.triggered.connect(slot)
    return action
