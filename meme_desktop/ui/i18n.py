"""Interface language: a small translation table for the visible UI strings.

English strings are the keys. Other languages live in ``resources/translations/<lang>.json``
(a flat ``{"English text": "translated text"}`` object), loaded once at start-up by
:func:`set_language`. A missing entry falls back to English, so a partial table is safe.
Placeholders use ``str.format`` names (``{name}``) and are filled after translation.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from meme_desktop.config import resources_dir

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

_table: dict[str, str] = {}
_qt_translator: QTranslator | None = None
_language = "en"


def load_table(language: str) -> dict[str, str]:
    """The translation table of ``language`` (empty for English or an unknown language)."""
    if language == "en" or language not in LANGUAGES:
        return {}
    path = resources_dir() / "translations" / f"{language}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("translation table for %s could not be read", language)
        return {}
    return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def set_language(language: str) -> None:
    """Choose the interface language for every later :func:`tr` call."""
    global _table, _language
    _language = language if language in LANGUAGES else "en"
    _table = load_table(_language)


def install_qt_translations(app: QCoreApplication) -> bool:
    """Qt's own strings (Yes / No / OK / Cancel, the file dialogs) in the interface language,
    from the ``qtbase_<lang>.qm`` catalogue that ships with Qt. False when there is none."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if _language == "en":
        return False
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{_language}", folder):
        log.info("no Qt translations for %s", _language)
        return False
    app.installTranslator(translator)
    _qt_translator = translator
    return True


def language() -> str:
    return _language


def tr(text: str, /, **values: object) -> str:
    """``text`` in the interface language, with ``{placeholders}`` filled from ``values``."""
    out = _table.get(text, text)
    if values:
        try:
            return out.format(**values)
        except (KeyError, IndexError, ValueError):
            return text.format(**values)
    return out
