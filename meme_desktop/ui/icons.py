"""The interface icons: one outline set, drawn in the theme's colours.

The icons are SVG files in ``resources/icons/ui/`` (drawn for this app in the Feather / Lucide
style; the licence is beside them). Their strokes say ``currentColor``; :func:`icon` draws one
in the colour of a *role* of the current palette (``text`` for toolbar and panel buttons,
``onAccent`` on the purple primary buttons), with a muted copy for the disabled state, at the
sizes Qt may ask for (so a 150 % screen gets sharp pixels). :func:`bind` gives a button or
an action its icon and remembers the icon's name on it, so :func:`retint` can draw every bound
icon again when the theme changes (connected to :func:`meme_desktop.ui.theme.notifier` on the
first bind).
"""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QByteArray, QObject, QRectF, Qt
from PySide6.QtGui import QAction, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from meme_desktop.config import resources_dir
from meme_desktop.ui import theme

NAMES = ("alert", "audio", "caption", "close", "export", "image", "import", "new", "pause",
         "play", "redo", "remove", "settings", "sidebar", "undo", "video")
SIZES = (16, 20, 24, 32, 40, 48, 64)
# role -> (palette key when enabled, palette key when disabled); a colour "#..." is itself
ROLES: dict[str, tuple[str, str]] = {
    "text": ("text", "muted"), "muted": ("muted", "border"), "onAccent": ("#ffffff", "muted"),
    "error": ("error", "muted"),
}
NAME_PROPERTY = "themeIcon"
ROLE_PROPERTY = "themeIconRole"
_following = False


@cache
def svg_source(name: str) -> str:
    """The SVG text of icon ``name`` (``currentColor`` still in it)."""
    return (resources_dir() / "icons" / "ui" / f"{name}.svg").read_text(encoding="utf-8")


def colour(key: str) -> str:
    return key if key.startswith("#") else theme.current_palette()[key]


def pixmap(name: str, color: str, size: int) -> QPixmap:
    """Icon ``name`` in ``color`` (``#rrggbb``), ``size`` pixels square, transparent around."""
    return QPixmap.fromImage(picture(name, color, size))


@lru_cache(maxsize=512)
def picture(name: str, color: str, size: int) -> QImage:
    """:func:`pixmap` as an image (kept: a theme change draws the same few again)."""
    renderer = QSvgRenderer(QByteArray(svg_source(name).replace("currentColor", color).encode()))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def icon(name: str, role: str = "text") -> QIcon:
    """Icon ``name`` in the current theme: the role's colour, muted when disabled."""
    normal, disabled = ROLES.get(role, ROLES["text"])
    out = QIcon()
    for size in SIZES:
        out.addPixmap(pixmap(name, colour(normal), size), QIcon.Mode.Normal)
        out.addPixmap(pixmap(name, colour(disabled), size), QIcon.Mode.Disabled)
    return out


def bind(target: QAction | QAbstractButton, name: str, role: str = "text") -> None:
    """Give ``target`` icon ``name`` now, and again in the new colours at every theme change."""
    global _following
    target.setProperty(NAME_PROPERTY, name)
    target.setProperty(ROLE_PROPERTY, role)
    target.setIcon(icon(name, role))
    if not _following:
        _following = True
        theme.notifier().changed.connect(lambda _dark: retint())


def _retint_one(target: QObject) -> bool:
    name = target.property(NAME_PROPERTY)
    if not name or not isinstance(target, (QAction, QAbstractButton)):
        return False
    target.setIcon(icon(str(name), str(target.property(ROLE_PROPERTY) or "text")))
    return True


def retint() -> int:
    """Draw every bound icon (on a widget, or on an action a widget holds) in the current
    theme's colours; how many were drawn."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 0
    done: set[int] = set()
    for widget in app.allWidgets():
        for target in (widget, *QWidget.actions(widget)):  # (the window has an "actions" dict)
            if id(target) not in done and _retint_one(target):
                done.add(id(target))
    return len(done)
