"""Light and dark themes: the system's colour scheme, or the one chosen in Settings.

The stylesheet (``resources/styles/app.qss``) uses ``@name`` placeholders filled from one of
the two palettes below. :class:`ThemeWatcher` applies the mode chosen in Settings › Theme
(:data:`MODES`: follow the system, light or dark) and, when following the system, applies the
theme again when the system scheme changes (Qt 6.5+ ``QStyleHints.colorSchemeChanged``).
Every :func:`apply` is announced by :func:`notifier` (``changed(dark)``): the interface icons
(:mod:`meme_desktop.ui.icons`) are drawn again in the new colours. Widgets that paint
themselves (the track view) ask :func:`current_palette` for their colours.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from meme_desktop.config import resources_dir
from meme_desktop.ui.i18n import tr_noop

log = logging.getLogger(__name__)

LIGHT: dict[str, str] = {
    "window": "#f4f4f7", "panel": "#ffffff", "text": "#1d1d24", "muted": "#6b6b78",
    "border": "#dcdce3", "hover": "#ececf2", "input": "#ffffff", "selection": "#e4dcff",
    "accent": "#7c4dff", "accentHover": "#6a3df0", "bubble": "#f0f0f5", "chip": "#f3efff",
    "chipBorder": "#d9ccff", "chipText": "#4b2bb8", "chipHover": "#e7deff", "error": "#d93848",
    "errorBg": "#fdeced", "ok": "#1f9d55", "warn": "#d98a00", "focus": "#7c4dff",
    # timeline
    "lane": "#f7f7fa", "laneAlt": "#efeff4", "ruler": "#8a8a96", "video": "#4f8ff7",
    "audio": "#2bb673", "caption": "#b061f2", "changed": "#ffb020", "playhead": "#e53950",
}
DARK: dict[str, str] = {
    "window": "#17171c", "panel": "#202027", "text": "#ececf1", "muted": "#9a9aa8",
    "border": "#34343e", "hover": "#2c2c35", "input": "#26262e", "selection": "#3b2f66",
    "accent": "#8c62ff", "accentHover": "#9d78ff", "bubble": "#2b2b34", "chip": "#2c2545",
    "chipBorder": "#4a3b85", "chipText": "#cbb8ff", "chipHover": "#3a3060", "error": "#ff6b78",
    "errorBg": "#3a1f24", "ok": "#4cd486", "warn": "#ffbf47", "focus": "#b69cff",
    "lane": "#24242c", "laneAlt": "#1e1e25", "ruler": "#8d8d9a", "video": "#3d7be0",
    "audio": "#1f9e62", "caption": "#9a4fe0", "changed": "#ffbf47", "playhead": "#ff5468",
}

_current: dict[str, str] = LIGHT
# Settings › Theme: the setting's value and what the choice says
MODES: dict[str, str] = {"system": tr_noop("Follow the system"), "light": tr_noop("Light"),
                         "dark": tr_noop("Dark")}


class _Notifier(QObject):
    changed = Signal(bool)  # dark?


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """The one object that announces every theme applied (``changed(dark)``)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def current_palette() -> dict[str, str]:
    return _current


def system_is_dark(app: QGuiApplication) -> bool:
    """True when the system asks for a dark scheme (or the default palette is dark)."""
    scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def stylesheet(colors: dict[str, str]) -> str:
    """The app stylesheet with every ``@name`` replaced (longest names first)."""
    try:
        text = (resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8")
    except OSError:
        log.warning("stylesheet missing; using the platform look")
        return ""
    for name in sorted(colors, key=len, reverse=True):
        text = text.replace("@" + name, colors[name])
    return text


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = folder / f"meme-desktop-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    if icon.isNull() and (folder / "meme-desktop.svg").is_file():
        icon.addFile(str(folder / "meme-desktop.svg"))
    return icon


def apply(app: QApplication, dark: bool) -> None:
    """Fusion style, a matching QPalette and the stylesheet for the chosen scheme."""
    global _current
    _current = DARK if dark else LIGHT
    app.setStyle("Fusion")
    pal = QPalette()
    c = _current
    pal.setColor(QPalette.ColorRole.Window, QColor(c["window"]))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.Base, QColor(c["input"]))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor(c["bubble"]))
    pal.setColor(QPalette.ColorRole.Text, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.Button, QColor(c["panel"]))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(c["accent"]))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(c["panel"]))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(c["muted"]))
    app.setPalette(pal)
    app.setStyleSheet(stylesheet(c))
    notifier().changed.emit(dark)


def is_dark() -> bool:
    return _current is DARK


class ThemeWatcher(QObject):
    """Applies the chosen mode now and whenever it (or, following the system, the system's
    scheme) changes; emits ``changed``."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication, force_dark: bool | None = None,
                 mode: str = "system") -> None:
        super().__init__(app)
        self._app = app
        if force_dark is not None:
            mode = "dark" if force_dark else "light"
        self.mode = mode if mode in MODES else "system"
        self._system_dark = system_is_dark(app)  # read before our own palette hides it
        self.dark = self._wanted()
        apply(app, self.dark)
        app.styleHints().colorSchemeChanged.connect(self._on_scheme)

    def _wanted(self) -> bool:
        return self._system_dark if self.mode == "system" else self.mode == "dark"

    def set_mode(self, mode: str) -> None:
        """Settings › Theme: ``system``, ``light`` or ``dark``; applied at once."""
        self.mode = mode if mode in MODES else "system"
        self._show(self._wanted())

    def _on_scheme(self, scheme: Qt.ColorScheme) -> None:
        if scheme != Qt.ColorScheme.Unknown:
            self._system_dark = scheme == Qt.ColorScheme.Dark
        if self.mode == "system":
            self._show(self._wanted())

    def _show(self, dark: bool) -> None:
        if dark != self.dark or dark != is_dark():  # (a test may have applied the other one)
            self.dark = dark
            apply(self._app, dark)
            self.changed.emit(dark)
