"""File › Open project…: the project list, and the small dialogs that go with it.

:class:`ProjectDialog` shows every project of the backend, most recently edited first: a
thumbnail, the name, when it was last edited and its length; the open one is in bold. Enter,
Open or a double-click on the date or length opens a project (the dialog closes and
:meth:`ProjectDialog.choose` returns its id). The name is renamed in place: double-click it, or
F2 / Rename, type, Enter. Duplicate and Delete ask the flow (:mod:`meme_desktop.ui.projects_flow`)
with signals and keep the dialog open; the flow answers with :meth:`ProjectDialog.set_rows` and
:meth:`ProjectDialog.say`. Deleting asks first (:meth:`ProjectDialog.confirm_delete`, saying
whether the project's media go too). :class:`NameDialog` renames the open project from the
menu. Each dialog has a classmethod returning plain data; tests patch it or drive the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDateTime, QEvent, QLocale, QObject, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from meme_desktop.api.models import SessionSummary
from meme_desktop.ui.dialogs import ask_yes_no, await_dialog
from meme_desktop.ui.i18n import interface_locale, tr
from meme_desktop.ui.media_door import duration_text

THUMB = 48
ID_ROLE = Qt.ItemDataRole.UserRole
NAME, EDITED, LENGTH = range(3)


def row_name(row: SessionSummary) -> str:
    """Its name; an unnamed project by its first caption, in quotes, else "Untitled project"."""
    return row.display_name or (f"“{row.caption}”" if row.caption else tr("Untitled project"))


def edited_text(seconds: float, now: QDateTime | None = None,
                system: QLocale | None = None) -> str:
    """When a project was last edited: "Today 12:23", "Yesterday 18:02", else the date and
    time in the short format of the interface language (never the bare "C" locale's
    "29 11 2026 12:23" of a system without a language set)."""
    if seconds <= 0:
        return ""
    locale = interface_locale(system)
    when = QDateTime.fromSecsSinceEpoch(int(seconds))
    days = when.date().daysTo((now or QDateTime.currentDateTime()).date())
    time = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    if days == 0:
        return tr("Today {time}", time=time)
    if days == 1:
        return tr("Yesterday {time}", time=time)
    return locale.toString(when, QLocale.FormatType.ShortFormat)


def length_text(row: SessionSummary) -> str:
    return duration_text(row.duration_ms / 1000) if row.duration_ms > 0 else tr("empty")


def delete_question(row: SessionSummary) -> str:
    """What deleting ``row`` removes, said before it happens."""
    text = tr("Delete “{name}”?", name=row_name(row))
    if row.media_own > 0:
        text += "\n\n" + tr("Its {count} media files go too: no other project uses them.",
                            count=row.media_own)
    elif row.media_own == 0 and row.assets > 0:
        text += "\n\n" + tr("Its media stay: other projects use them too.")
    return text + "\n\n" + tr("This cannot be undone.")


class ProjectDialog(QDialog):
    """The project list (module docstring)."""

    rename_requested = Signal(str, str)  # project id, new name
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None, rows: Sequence[SessionSummary],
                 current: str) -> None:
        super().__init__(parent)
        self.setObjectName("projectDialog")
        self.setWindowTitle(tr("Projects"))
        self.resize(620, 440)
        self.rows: dict[str, SessionSummary] = {}
        self.current = current
        self._filling = False
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("projectList")
        self.table.setAccessibleName(tr("Projects"))
        self.table.setHorizontalHeaderLabels([tr("Name"), tr("Last edited"), tr("Length")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 10)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (EDITED, LENGTH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.table.installEventFilter(self)  # Enter on a row opens it (Qt would rename it)
        self.table.itemChanged.connect(self._renamed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel("")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.empty = QLabel(tr("No projects yet."))
        self.empty.setObjectName("hint")
        self.rename_button = QPushButton(tr("Rename"))
        self.rename_button.setToolTip(tr("Rename the project (F2)"))
        self.rename_button.clicked.connect(self.rename_selected)
        self.duplicate_button = QPushButton(tr("Duplicate"))
        self.duplicate_button.clicked.connect(lambda: self._ask(self.duplicate_requested))
        self.delete_button = QPushButton(tr("Delete…"))
        self.delete_button.clicked.connect(lambda: self._ask(self.delete_requested))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(tr("Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setObjectName("primary")
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        for button in (self.rename_button, self.duplicate_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.set_rows(rows, current)

    # -- what the flow shows ------------------------------------------------------------------
    def set_rows(self, rows: Sequence[SessionSummary], current: str | None = None,
                 select: str = "") -> None:
        """Show ``rows`` (thumbnails already shown are kept); select ``select`` or keep the
        selection."""
        icons = {self._name(r).data(ID_ROLE): self._name(r).icon()
                 for r in range(self.table.rowCount())}
        keep = select or self.selected_id() or (current or self.current)
        self.current = current if current is not None else self.current
        self._filling = True
        try:
            self.table.setRowCount(0)
            self.rows = {row.session_id: row for row in rows}
            for row in rows:
                self._add_row(row, icons.get(row.session_id))
        finally:
            self._filling = False
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.select(keep if keep in self.rows else (rows[0].session_id if rows else ""))

    def _add_row(self, row: SessionSummary, icon: QIcon | None) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        name = QTableWidgetItem(row_name(row))
        name.setData(ID_ROLE, row.session_id)
        name.setToolTip(tr("Double-click the name to rename it"))
        if icon is not None and not icon.isNull():
            name.setIcon(icon)
        if row.session_id == self.current:
            font = QFont(name.font())
            font.setBold(True)
            name.setFont(font)
            name.setToolTip(tr("The project open now. Double-click the name to rename it"))
        self.table.setItem(r, NAME, name)
        for column, text in ((EDITED, edited_text(row.updated_at)), (LENGTH, length_text(row))):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, column, item)

    def _name(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, NAME)
        assert item is not None  # every row has its name
        return item

    def set_thumbnail(self, session_id: str, image: QImage) -> None:
        for r in range(self.table.rowCount()):
            item = self._name(r)
            if item.data(ID_ROLE) == session_id:
                self._filling = True
                try:
                    item.setIcon(QIcon(QPixmap.fromImage(image)))
                finally:
                    self._filling = False

    def say(self, text: str, problem: bool = False) -> None:
        self.status.setObjectName("error" if problem else "hint")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        self._update_buttons(busy)
        if not busy and self.focusWidget() in (None, self.close_button):
            self.table.setFocus()  # the keys go back to the list, not to Close

    # -- reading and choosing -------------------------------------------------------------------
    def selected_id(self) -> str:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return ""
        item = self.table.item(rows[0].row(), NAME)
        return str(item.data(ID_ROLE)) if item is not None else ""

    def select(self, session_id: str) -> None:
        for r in range(self.table.rowCount()):
            if self._name(r).data(ID_ROLE) == session_id:
                self.table.selectRow(r)
                return
        self._update_buttons()

    def name_item(self, session_id: str) -> QTableWidgetItem | None:
        for r in range(self.table.rowCount()):
            item = self._name(r)
            if item.data(ID_ROLE) == session_id:
                return item
        return None

    def _update_buttons(self, busy: bool = False) -> None:
        chosen = bool(self.selected_id()) and not busy
        for button in (self.open_button, self.rename_button, self.duplicate_button,
                       self.delete_button):
            button.setEnabled(chosen)

    def rename_selected(self) -> None:
        """Edit the selected name in place (the Rename button, F2)."""
        item = self.name_item(self.selected_id())
        if item is not None:
            self.table.setCurrentItem(item)
            self.table.editItem(item)

    def _renamed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != NAME:
            return
        sid = str(item.data(ID_ROLE))
        row = self.rows.get(sid)
        name = " ".join(item.text().split())
        if row is None or not name or name == row_name(row):
            self._filling = True
            item.setText(row_name(row) if row else item.text())  # nothing to rename: as it was
            self._filling = False
            return
        self.rename_requested.emit(sid, name)

    def _double_clicked(self, row: int, column: int) -> None:
        if column != NAME:  # the name is renamed in place; the rest opens
            self.table.selectRow(row)
            self.accept()

    def _ask(self, signal: SignalInstance) -> None:
        sid = self.selected_id()
        if sid:
            signal.emit(sid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.table.state() != QAbstractItemView.State.EditingState:
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and self.table.state() != \
                QAbstractItemView.State.EditingState:
            self._ask(self.delete_requested)
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            return  # Enter in the name editor ends the rename, not the dialog
        if self.selected_id():
            super().accept()

    # -- plain data ------------------------------------------------------------------------------
    @classmethod
    async def choose(cls, parent: QWidget | None, rows: Sequence[SessionSummary], current: str,
                     wire: Callable[[ProjectDialog], None] = lambda _d: None) -> str | None:
        """The project to open, or None; ``wire`` connects the dialog's requests (the flow)."""
        dialog = cls(parent, rows, current)
        wire(dialog)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            return dialog.selected_id() or None
        finally:
            dialog.deleteLater()

    @classmethod
    async def confirm_delete(cls, parent: QWidget | None, row: SessionSummary) -> bool:
        """Ask before deleting (saying whether the media go too)."""
        return await ask_yes_no(parent, tr("Delete project"), delete_question(row),
                                tr("Delete"), tr("Keep it"))


class NameDialog(QDialog):
    """A name for the open project (File › Rename project…)."""

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Rename project"))
        self.setMinimumWidth(360)
        self.field = QLineEdit(name)
        self.field.setAccessibleName(tr("Project name"))
        self.field.setMaxLength(120)
        self.field.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.addButton(tr("Rename"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("primary")
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.field.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Project name")))
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    @classmethod
    async def ask(cls, parent: QWidget | None, name: str) -> str | None:
        dialog = cls(parent, name)
        try:
            if await await_dialog(dialog) != QDialog.DialogCode.Accepted:
                return None
            return " ".join(dialog.field.text().split()) or None
        finally:
            dialog.deleteLater()
