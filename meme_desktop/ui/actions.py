"""The window's menus, toolbar and actions, with standard shortcuts (docs/ui.md lists them).

File › Open Recent is filled by :func:`fill_recent` whenever the project list changes.

:func:`build` makes the actions for any :class:`ActionHost` (the main window) and the session
model; Undo / Redo follow the model's history (greyed out when there is nothing to undo or
redo, the tooltip says what: "Undo: move caption (Ctrl+Z)"). This module imports no window.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from meme_desktop import __version__
from meme_desktop.api.models import SessionSummary
from meme_desktop.ui import icons
from meme_desktop.ui.dialogs import inform
from meme_desktop.ui.i18n import tr, tr_data, tr_noop
from meme_desktop.ui.project_dialog import length_text, row_name
from meme_desktop.ui.session_model import SessionModel

if TYPE_CHECKING:
    from meme_desktop.ui.projects_flow import ProjectsFlow

# keys and what they do; keys that are words ("Drag a segment") are translated too
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+N", tr_noop("New project")), ("Ctrl+Shift+O", tr_noop("Open project")),
    ("Ctrl+O", tr_noop("Import media")),
    ("Ctrl+E", tr_noop("Export")), ("Ctrl+,", tr_noop("Settings")),
    ("Ctrl+Shift+R", tr_noop("Reconnect")), ("Ctrl+Q", tr_noop("Quit")),
    ("Ctrl+Z", tr_noop("Undo the last edit")), ("Ctrl+Shift+Z", tr_noop("Redo")),
    ("Ctrl+L", tr_noop("Go to the chat input")),
    ("Enter / Shift+Enter", tr_noop("Send / new line in the chat")),
    ("Space", tr_noop("Play / pause the preview")),
    (tr_noop("Ctrl+wheel, Ctrl++ / Ctrl+-"), tr_noop("Zoom the timeline")),
    ("Ctrl+0", tr_noop("Fit the timeline")),
    (tr_noop("Drag a segment / its edge"), tr_noop("Move / trim it (Shift: no snapping)")),
    ("S", tr_noop("Split at the playhead")), ("Ctrl+D", tr_noop("Duplicate")),
    ("Delete / Backspace", tr_noop("Remove the selected segments")),
    ("← / →, Shift+← / →", tr_noop("Nudge by 0.1 s / 1 s")),
    ("M", tr_noop("Move the selected segment to the playhead")),
    (tr_noop("Double-click a caption, F2"), tr_noop("Retype it (Enter: done, Esc: cancel)")),
    ("↑ / ↓", tr_noop("Select the previous / next segment")),
    ("Ctrl+B", tr_noop("Show or hide the media bin")),
    ("Tab / Shift+Tab", tr_noop("Go to the next / previous control")),
    ("F1", tr_noop("Keyboard shortcuts")),
)


class ActionHost(Protocol):
    """What the actions call on the window."""

    def on_new_project(self) -> None: ...
    def on_open_project(self) -> None: ...
    def on_rename_project(self) -> None: ...
    def on_import(self) -> None: ...
    def on_export(self) -> None: ...
    def on_settings(self) -> None: ...
    def on_reconnect(self) -> None: ...
    def close(self) -> bool: ...
    def focus_chat(self) -> None: ...
    def zoom_timeline(self, factor: float) -> None: ...
    def fit_timeline(self) -> None: ...


def standard_action(parent: QWidget, text: str, slot: Callable[[], object],
                    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                    tip: str = "") -> QAction:
    """An action with its shortcut shown in the tooltip."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    label = tip or text.replace("…", "")
    set_tip(action, label)
    action.setStatusTip(label)
    action.triggered.connect(slot)
    return action


def set_tip(action: QAction, label: str) -> None:
    """The tooltip: what the action does, then its shortcut."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{label} ({keys})" if keys else label)


def follow_history(undo: QAction, redo: QAction, model: SessionModel) -> None:
    """Undo / Redo greyed out when there is nothing to undo / redo, and say what they do."""
    def update(_history: object = None) -> None:
        for action, step in ((undo, -1), (redo, 1)):
            action.setEnabled(model.can_step(step))
            set_tip(action, model.step_tip(step))
            action.setStatusTip(model.step_tip(step))

    model.history_changed.connect(update)
    update()


def build(w: ActionHost, window: QMainWindow, model: SessionModel,
          timeline: Sequence[QAction] = (), view: Sequence[QAction] = ()) -> dict[str, QAction]:
    """Every action of the window, its menus and toolbar icons; ``timeline``'s actions go
    into the Edit menu, ``view``'s (the panels) at the top of the View menu."""
    act = standard_action
    SK = QKeySequence.StandardKey
    a: dict[str, QAction] = {
        "new": act(window, tr("New project"), w.on_new_project, SK.New,
                   tr("Start a fresh project (the open one stays in the project list)")),
        "open_project": act(window, tr("Open project…"), w.on_open_project, "Ctrl+Shift+O",
                            tr("Open, rename, duplicate or delete a project")),
        "rename_project": act(window, tr("Rename project…"), w.on_rename_project, None,
                              tr("Give the open project a name")),
        "import": act(window, tr("Import…"), w.on_import, SK.Open,
                      tr("Add images, clips or sounds")),
        "export": act(window, tr("Export…"), w.on_export, "Ctrl+E", tr("Export the video")),
        "settings": act(window, tr("Settings…"), w.on_settings, SK.Preferences if not
                        QKeySequence(SK.Preferences).isEmpty() else "Ctrl+,",
                        tr("Backend, account and language")),
        "reconnect": act(window, tr("Reconnect"), w.on_reconnect, "Ctrl+Shift+R",
                         tr("Connect to the backend again")),
        "quit": act(window, tr("Quit"), w.close, SK.Quit),
        "undo": act(window, tr("Undo"), model.undo, SK.Undo, tr("Undo the last edit")),
        "redo": act(window, tr("Redo"), model.redo, "Ctrl+Shift+Z",
                    tr("Redo the last undone edit")),
        "focus_chat": act(window, tr("Chat"), w.focus_chat, "Ctrl+L", tr("Go to the chat input")),
        "zoom_in": act(window, tr("Zoom in"), lambda: w.zoom_timeline(1.25), SK.ZoomIn),
        "zoom_out": act(window, tr("Zoom out"), lambda: w.zoom_timeline(0.8), SK.ZoomOut),
        "zoom_fit": act(window, tr("Fit timeline"), w.fit_timeline, "Ctrl+0"),
        "play": act(window, tr("Play / pause"), model.toggle_play, None,
                    tr("Play or pause the preview (Space)")),
        "shortcuts": act(window, tr("Keyboard shortcuts"), lambda: show_shortcuts(window),
                         SK.HelpContents),
        "about": act(window, tr("About Meme Desktop"), lambda: show_about(window)),
    }
    redo_keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(SK.Redo)]
    a["redo"].setShortcuts(list(dict.fromkeys(redo_keys)))
    follow_history(a["undo"], a["redo"], model)
    for key, name in (("new", "new"), ("import", "import"), ("export", "export"),
                      ("undo", "undo"), ("redo", "redo"), ("settings", "settings")):
        icons.bind(a[key], name)
    menu = window.menuBar()
    file_menu = menu.addMenu(tr("&File"))
    file_menu.addAction(a["new"])
    file_menu.addAction(a["open_project"])
    a["recent"] = file_menu.addMenu(tr("Open &Recent")).menuAction()
    file_menu.addAction(a["rename_project"])
    file_menu.addSeparator()
    for key in ("import", "export"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["reconnect"])
    file_menu.addAction(a["settings"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = menu.addMenu(tr("&Edit"))
    edit.addAction(a["undo"])
    edit.addAction(a["redo"])
    if timeline:
        edit.addSeparator()
        for action in timeline:
            edit.addAction(action)
    view_menu = menu.addMenu(tr("&View"))
    if view:
        view_menu.addActions(list(view))
        view_menu.addSeparator()
    for key in ("zoom_in", "zoom_out", "zoom_fit", "play", "focus_chat"):
        view_menu.addAction(a[key])
    help_menu = menu.addMenu(tr("&Help"))
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])
    for action in a.values():
        window.addAction(action)
    return a


def build_toolbar(window: QMainWindow, a: dict[str, QAction],
                  leading: Sequence[QAction] = ()) -> tuple[QToolBar, QToolButton]:
    """The toolbar: ``leading`` (the media bin's switch, an icon alone), New, Import, Undo,
    Redo, then Settings and Export on the right; every button is reached with Tab. Export is
    its own button, white on the accent colour (its icon follows the text colour in the
    menu); it follows the action's enabled state. Returns the bar and the Export button."""
    bar = QToolBar(tr("Main"))
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in leading:
        bar.addAction(action)
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):  # an icon is enough; the tooltip says what it does
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAccessibleName(action.text())
    for key in ("new", "import", None, "undo", "redo"):
        if key is None:
            bar.addSeparator()
        else:
            bar.addAction(a[key])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    bar.addAction(a["settings"])
    export = QToolButton()
    export.setObjectName("primary")
    export.setText(a["export"].iconText())
    export.setToolTip(a["export"].toolTip())
    export.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    icons.bind(export, "export", "onAccent")
    export.clicked.connect(a["export"].trigger)
    a["export"].enabledChanged.connect(export.setEnabled)
    bar.addWidget(export)
    for button in bar.findChildren(QToolButton):
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    window.addToolBar(bar)
    return bar, export


def fill_recent(menu: QMenu, rows: Sequence[SessionSummary], open_: Callable[[str], None],
                more: QAction, available: bool = True) -> None:
    """File › Open Recent: the latest projects (name and length), then Open project…; on a
    backend without a project list one line that says so."""
    menu.clear()
    if not available:
        note = menu.addAction(tr("Not available with the NemoVideo cloud"))
        note.setEnabled(False)
        return
    for row in rows:
        label = row_name(row) + (f"  ({length_text(row)})" if row.duration_ms > 0 else "")
        action = menu.addAction(label.replace("&", "&&"))
        action.setData(row.session_id)
        action.triggered.connect(lambda _checked=False, sid=row.session_id: open_(sid))
    if not rows:
        menu.addAction(tr("No other projects yet")).setEnabled(False)
    menu.addSeparator()
    menu.addAction(more)


def follow_recent(a: dict[str, QAction], projects: ProjectsFlow,
                  open_: Callable[[str], None]) -> None:
    """File › Open Recent follows the project list."""
    def fill(rows: list[SessionSummary]) -> None:
        menu = a["recent"].menu()
        if isinstance(menu, QMenu):
            fill_recent(menu, rows, open_, a["open_project"], projects.projects is not None)

    projects.recent_changed.connect(fill)


def shortcuts_table() -> str:
    """The shortcuts as an HTML table: keys and what they do line up in two columns."""
    rows = "".join(f"<tr><td style='padding-right:18px'><b>{escape(tr_data(keys))}</b></td>"
                   f"<td>{escape(tr(what))}</td></tr>" for keys, what in SHORTCUTS)
    return f"<table cellspacing='3'>{rows}</table>"


def show_shortcuts(window: QWidget) -> None:
    asyncio.ensure_future(inform(window, tr("Keyboard shortcuts"), shortcuts_table(), rich=True))


def show_about(window: QWidget) -> None:
    asyncio.ensure_future(inform(window, tr("About Meme Desktop"), tr(
        "Meme Desktop {version}\nMake meme videos by chatting. Works offline with its "
        "built-in engine, or with the NemoVideo cloud.", version=__version__)))
