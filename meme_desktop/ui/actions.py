"""The window's menus and actions, with standard shortcuts (docs/ui.md lists them)."""

from __future__ import annotations

import asyncio
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle

from meme_desktop import __version__
from meme_desktop.ui.dialogs import inform
from meme_desktop.ui.i18n import tr

if TYPE_CHECKING:
    from meme_desktop.ui.main_window import MainWindow

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+N", "New project"), ("Ctrl+O", "Import media"), ("Ctrl+E", "Export"),
    ("Ctrl+,", "Settings"), ("Ctrl+Shift+R", "Reconnect"), ("Ctrl+Q", "Quit"), ("Ctrl+Z", "Undo the last edit"),
    ("Ctrl+Shift+Z", "Redo"), ("Ctrl+L", "Go to the chat input"),
    ("Enter / Shift+Enter", "Send / new line in the chat"), ("Space", "Play / pause the preview"),
    ("Ctrl+wheel, Ctrl++ / Ctrl+-", "Zoom the timeline"), ("Ctrl+0", "Fit the timeline"),
    ("Delete", "Remove the selected segment"), ("M", "Move the selected segment to the playhead"),
    ("F1", "Keyboard shortcuts"),
)


def build(w: MainWindow) -> dict[str, QAction]:
    from meme_desktop.ui.main_window import standard_action as act

    style = w.style()
    SK = QKeySequence.StandardKey
    a: dict[str, QAction] = {
        "new": act(w, tr("New project"), w.on_new_project, SK.New, tr("Start a fresh project")),
        "import": act(w, tr("Import…"), w.on_import, SK.Open,
                      tr("Add images, clips or sounds")),
        "export": act(w, tr("Export…"), w.on_export, "Ctrl+E", tr("Export the video")),
        "settings": act(w, tr("Settings…"), w.on_settings, SK.Preferences if not
                        QKeySequence(SK.Preferences).isEmpty() else "Ctrl+,",
                        tr("Backend, account and language")),
        "reconnect": act(w, tr("Reconnect"), w.on_reconnect, "Ctrl+Shift+R",
                         tr("Connect to the backend again")),
        "quit": act(w, tr("Quit"), w.close, SK.Quit),
        "undo": act(w, tr("Undo"), lambda: w.send_text("undo"), SK.Undo,
                    tr("Undo the last edit")),
        "redo": act(w, tr("Redo"), lambda: w.send_text("redo"), "Ctrl+Shift+Z",
                    tr("Redo the last undone edit")),
        "focus_chat": act(w, tr("Chat"), lambda: w.chat.input.setFocus(), "Ctrl+L",
                          tr("Go to the chat input")),
        "zoom_in": act(w, tr("Zoom in"), lambda: w.track.zoom(1.25), SK.ZoomIn),
        "zoom_out": act(w, tr("Zoom out"), lambda: w.track.zoom(0.8), SK.ZoomOut),
        "zoom_fit": act(w, tr("Fit timeline"), w.track.zoom_to_fit, "Ctrl+0"),
        "play": act(w, tr("Play / pause"), w.preview.toggle, None,
                    tr("Play or pause the preview (Space)")),
        "shortcuts": act(w, tr("Keyboard shortcuts"), lambda: show_shortcuts(w), SK.HelpContents),
        "about": act(w, tr("About Meme Desktop"), lambda: show_about(w)),
    }
    a["new"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
    a["import"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
    a["export"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
    a["undo"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
    a["redo"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
    a["settings"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
    menu = w.menuBar()
    file_menu = menu.addMenu(tr("&File"))
    for key in ("new", "import", "export"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["reconnect"])
    file_menu.addAction(a["settings"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = menu.addMenu(tr("&Edit"))
    edit.addAction(a["undo"])
    edit.addAction(a["redo"])
    edit.addSeparator()
    edit.addAction(w.track.delete_action)
    edit.addAction(w.track.move_action)
    view = menu.addMenu(tr("&View"))
    for key in ("zoom_in", "zoom_out", "zoom_fit", "play", "focus_chat"):
        view.addAction(a[key])
    help_menu = menu.addMenu(tr("&Help"))
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])
    for action in a.values():
        w.addAction(action)
    return a


def shortcuts_table() -> str:
    """The shortcuts as an HTML table: keys and what they do line up in two columns."""
    rows = "".join(f"<tr><td style='padding-right:18px'><b>{escape(keys)}</b></td>"
                   f"<td>{escape(tr(what))}</td></tr>" for keys, what in SHORTCUTS)
    return f"<table cellspacing='3'>{rows}</table>"


def show_shortcuts(w: MainWindow) -> None:
    asyncio.ensure_future(inform(w, tr("Keyboard shortcuts"), shortcuts_table(), rich=True))


def show_about(w: MainWindow) -> None:
    asyncio.ensure_future(inform(w, tr("About Meme Desktop"), tr(
        "Meme Desktop {version}\nMake meme videos by chatting. Works offline with its "
        "built-in engine, or with the NemoVideo cloud.", version=__version__)))
