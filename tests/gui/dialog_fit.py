"""Does every text fit its widget? Measured, not looked at: for each visible label, button,
check box, tab, group box title, input and list row of a window, the width (and height) its
text needs in its own font against the room the widget has.

:func:`clipped` lists what does not fit in one window. :func:`every_dialog` opens each of the
app's dialogs (Export with its presets, the export progress in every state, Settings on both
pages, a question, the shortcut list, About, the volume slider, the project list and its
rename box, the batch's dialog and progress, an export of several formats) in the current
language and yields them. Run as a script (``python -m tests.gui.dialog_fit``) it prints, as JSON, what is
cut off in both languages at the scale it was started with (``QT_SCALE_FACTOR``): the tests
run it at 150 % in a child process, since the scale is fixed when Qt starts.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTabBar,
    QWidget,
)

SLACK = 1  # pixels of rounding allowed


def _name(w: QWidget) -> str:
    text = getattr(w, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(w).__name__}({shown[:40]!r})"


def _label(label: QLabel) -> str | None:
    text = QLabel.text(label)  # what is drawn (a label may keep a longer text it elides)
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(),
                                         -label.margin())
    metrics = QFontMetrics(label.font())
    if label.wordWrap() or GuiQt.mightBeRichText(text):
        need = label.heightForWidth(room.width()) if label.wordWrap() else \
            label.sizeHint().height()
        if need > room.height() + SLACK:
            return f"{_name(label)} needs {need} px of height, has {room.height()}"
        if not label.wordWrap() and label.sizeHint().width() > label.width() + SLACK:
            return f"{_name(label)} needs {label.sizeHint().width()} px, has {label.width()}"
        return None
    lines = text.split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.lineSpacing() * len(lines)
    if width > room.width() + SLACK:
        return f"{_name(label)} needs {width} px, has {room.width()}"
    if height > room.height() + metrics.leading() + SLACK + 2:
        return f"{_name(label)} needs {height} px of height, has {room.height()}"
    return None


def _sized(w: QWidget, hint_width: bool = True) -> str | None:
    hint = w.sizeHint()
    if hint_width and w.width() + SLACK < hint.width():
        return f"{_name(w)} is {w.width()} px wide, needs {hint.width()}"
    if w.height() + SLACK < min(hint.height(), w.minimumSizeHint().height() or hint.height()):
        return f"{_name(w)} is {w.height()} px high, needs {hint.height()}"
    return None


def _tabs(bar: QTabBar) -> list[str]:
    return [f"tab {bar.tabText(i)!r} is {bar.tabRect(i).width()} px, needs "
            f"{bar.tabSizeHint(i).width()}"
            for i in range(bar.count()) if bar.tabRect(i).width() + SLACK < bar.tabSizeHint(i).width()]


def _rows(rows: QListWidget) -> list[str]:
    out = []
    view = rows.viewport().rect()
    metrics = QFontMetrics(rows.font())
    if rows.verticalScrollBar().maximum() > 0 and rows.count() <= 12:
        out.append(f"list of {rows.count()} rows scrolls (the last ones are cut off)")
    for i in range(rows.count()):
        item = rows.item(i)
        rect = rows.visualItemRect(item)
        if rect.bottom() > view.bottom() + SLACK or rect.top() < view.top() - SLACK:
            out.append(f"row {item.text()!r} is outside the list")
            continue
        lines = item.text().split("\n")
        if rows.wordWrap():  # a wrapping list: every line of the wrapped text must show
            need = metrics.boundingRect(QRect(0, 0, rect.width() - 8, 100_000),
                                        int(GuiQt.TextFlag.TextWordWrap), item.text()).height()
            if need > rect.height() + SLACK:
                out.append(f"row {item.text()!r} is {rect.height()} px high, needs {need}")
            continue
        width = max(metrics.horizontalAdvance(line) for line in lines)
        if width > rect.width() - 8 + SLACK:  # the row's padding
            out.append(f"row {item.text()!r} needs {width} px, has {rect.width()}")
        if metrics.lineSpacing() * len(lines) > rect.height() + SLACK:
            out.append(f"row {item.text()!r} is {rect.height()} px high, needs "
                       f"{metrics.lineSpacing() * len(lines)}")
    return out


def clipped(window: QWidget) -> list[str]:
    """Every visible text of ``window`` that its widget cuts off (empty when all fit)."""
    found: list[str] = []
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 0:
            continue
        problem: str | None = None
        if isinstance(w, QLabel):
            problem = _label(w)
        elif isinstance(w, QAbstractButton) and w.text():
            problem = _sized(w)
        elif isinstance(w, QLineEdit) and isinstance(w.parentWidget(),
                                                     (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo box or spin box: its parent is measured
        elif isinstance(w, (QLineEdit, QAbstractSpinBox)):
            problem = _sized(w, hint_width=False)
        elif isinstance(w, QComboBox):
            problem = _sized(w)
        elif isinstance(w, QGroupBox) and w.title():
            need = QFontMetrics(w.font()).horizontalAdvance(w.title()) + 16
            problem = f"group {w.title()!r} needs {need} px" if need > w.width() else None
        elif isinstance(w, QTabBar):
            found += _tabs(w)
        elif isinstance(w, QListWidget):
            found += [f"{_name(w)}: {p}" for p in _rows(w)]
        if problem:
            found.append(problem)
    return found


def every_dialog(tmp: Path) -> Iterator[tuple[str, QWidget]]:
    """Each dialog of the app, shown and laid out, with a name; closed after the caller
    looked at it."""
    from meme_desktop.config import Settings
    from meme_desktop.ui import actions
    from meme_desktop.ui.caption_editor import VolumePopup
    from meme_desktop.ui.export_dialog import ExportDialog, ExportProgress
    from meme_desktop.ui.i18n import tr
    from meme_desktop.ui.settings_dialog import SettingsDialog

    app = QApplication.instance()
    assert app is not None

    def shown(w: QWidget) -> QWidget:
        w.show()
        QTest.qWait(30)  # layouts settle (as qtbot.wait does)
        return w

    export = shown(ExportDialog(None, "vertical", "high"))
    yield "export", export
    export.close()
    settings = shown(SettingsDialog(None, Settings(), signed_in=True))
    yield "settings: general", settings
    settings.tabs.setCurrentIndex(1)
    shown(settings)
    yield "settings: assistant", settings
    settings.close()
    saved = tmp / "a meme with quite a long name.mp4"
    saved.write_bytes(b"\0" * 4096)
    for state in ("running", "saved", "cancelled", "failed", "no file manager"):
        progress = ExportProgress(None, saved)
        progress.set_progress(0.42)
        if state == "saved":
            progress.saved(saved)
        elif state == "cancelled":
            progress.cancelled()
        elif state == "failed":
            progress.failed(tr("Not connected, so nothing was changed."))
        elif state == "no file manager":
            progress.saved(saved)
            progress.detail.setText(tr(
                "No file manager could be opened. The file is at {path} (the path was copied "
                "to the clipboard).", path=str(saved)))
            progress.adjustSize()
        yield f"export progress: {state}", shown(progress)
        progress.close()
    for title, text in ((tr("Export running"), tr("An export is still running. Stop it and "
                                                   "quit?")),
                        (tr("Keyboard shortcuts"), actions.shortcuts_table()),
                        (tr("About Meme Desktop"), tr(
                            "Meme Desktop {version}\nMake meme videos by chatting. Works "
                            "offline with its built-in engine, or with the NemoVideo cloud.",
                            version="0.1.0"))):
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(tr("Stop and quit"))
        box.button(QMessageBox.StandardButton.No).setText(tr("Keep exporting"))
        yield f"message: {title}", shown(box)
        box.close()
    volume = VolumePopup(None, 100)
    yield "volume", shown(volume)
    volume.close()
    yield from _project_and_batch_dialogs(tmp, shown)


def _project_and_batch_dialogs(tmp: Path, shown: Callable[[QWidget], QWidget],
                               ) -> Iterator[tuple[str, QWidget]]:
    """The project list, its rename box, the batch's dialog and progress (every state), and
    an export of several formats saved (issue 15)."""
    from meme_desktop.api.models import Asset, SessionSummary
    from meme_desktop.assistant.batch import BatchItem
    from meme_desktop.ui.batch_dialog import BatchDialog, BatchProgress
    from meme_desktop.ui.export_dialog import ExportProgress
    from meme_desktop.ui.project_dialog import NameDialog, ProjectDialog

    rows = [SessionSummary("a", name="Monday memes for the group chat", updated_at=1.7e9,
                           duration_ms=65000),
            SessionSummary("b", caption="WHEN THE CODE COMPILES ON THE FIRST TRY",
                           updated_at=1.6e9, duration_ms=5000), SessionSummary("c")]
    projects = shown(ProjectDialog(None, rows, "a"))
    projects.say("Deleted “Monday memes for the group chat”. 2 media files went with it.")
    yield "projects", shown(projects)
    projects.close()
    name = shown(NameDialog(None, "Monday memes"))
    yield "rename project", name
    name.close()
    batch = shown(BatchDialog(None, 12, None, "high"))
    yield "batch", batch
    batch.close()
    items = [BatchItem(Asset(str(n), f"office cat {n}.mp4")) for n in range(5)]
    for item, status in zip(items, ("saved", "exporting", "making", "failed", "waiting"),
                            strict=True):
        item.status = status  # type: ignore[assignment]
        item.message = "when the office does the thing again" if status != "failed" else \
            "Nothing was made from it after “turn this into a meme”, so there is no video."
        item.files = [tmp / f"office cat {items.index(item)}.mp4"]
    progress = BatchProgress(None, items, tmp / "a folder with a long name for memes")
    for n, item in enumerate(items):
        progress.set_item(n, item)
    progress.set_progress(0.4)
    yield "batch progress: running", shown(progress)
    progress.finish(3, 5, cancelled=True)
    yield "batch progress: stopped", shown(progress)
    progress.close()
    saved = [tmp / f"a meme with quite a long name-{p}.mp4" for p in ("vertical", "square")]
    for path in saved:
        path.write_bytes(b"\0" * 4096)
    several = ExportProgress(None, saved[0], 2)
    several.saved(*saved)
    yield "export progress: several saved", shown(several)
    several.close()


def main() -> int:
    """Both languages at the scale Qt started with; prints ``{language: {dialog: [..]}}``."""
    import tempfile

    from meme_desktop.ui import i18n, theme

    app = QApplication.instance() or QApplication(["dialog-fit"])
    theme.apply(app, dark=False)  # type: ignore[arg-type]
    out: dict[str, dict[str, list[str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for language in ("en", "zh_CN"):
            i18n.set_language(language)
            found = {name: clipped(w) for name, w in every_dialog(Path(tmp))}
            found["untranslated"] = sorted(i18n.missing())
            out[language] = {k: v for k, v in found.items() if v}
    i18n.set_language("en")
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
