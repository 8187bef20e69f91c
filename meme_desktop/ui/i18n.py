"""Interface language through Qt's own translation system.

Every visible string is written in English at its call site as ``tr("text", **values)``;
``pyside6-lupdate`` extracts those calls (and the strings marked with :func:`tr_noop`, which
are translated later, e.g. a table of presets) into ``resources/translations/<lang>.ts`` for
Qt Linguist or a translation platform, and ``pyside6-lrelease`` compiles them into the shipped
``<lang>.qm`` (``python packaging/translations.py update``; the tests check that nothing is
left untranslated). :func:`set_language` loads the catalogue into a ``QTranslator`` installed
on the application; :func:`tr` looks the text up there and fills the ``{placeholders}`` from
``values`` after translation, so a translation may reorder them. A string without a
translation falls back to English and is remembered in :func:`missing` (the Chinese
interface tests assert it stays empty).

lupdate files a module-level ``tr()`` under the empty context, which is the one context this
app uses (:data:`CONTEXT`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from meme_desktop.config import resources_dir

log = logging.getLogger(__name__)

LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
CONTEXT = ""  # where lupdate puts the bare tr() calls of Python code

_translator: QTranslator | None = None  # the app's catalogue for the current language
_qt_translator: QTranslator | None = None  # Qt's own strings (Yes / No, file dialogs)
_language = "en"
_missing: set[str] = set()


def tr_noop(text: str) -> str:
    """Mark ``text`` for translation without translating it now (Qt's ``QT_TR_NOOP``): for
    strings kept in a table and shown later through ``tr(variable)``."""
    return text


def catalogue(language: str) -> Path:
    """The compiled translation file of ``language`` (``resources/translations/zh_CN.qm``)."""
    return resources_dir() / "translations" / f"{language}.qm"


def set_language(language: str) -> None:
    """Choose the interface language for every later :func:`tr` call (English for an unknown
    language or a catalogue that cannot be read)."""
    global _translator, _language
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        app.removeTranslator(_translator)
    _translator = None
    _missing.clear()
    _language = language if language in LANGUAGES else "en"
    if _language == "en":
        return
    translator = QTranslator()
    if not translator.load(str(catalogue(_language))):
        log.warning("the %s translation could not be read; showing English", _language)
        _language = "en"
        return
    _translator = translator
    if app is not None:
        app.installTranslator(translator)


def install_qt_translations(app: QCoreApplication) -> bool:
    """Qt's own strings (Yes / No / OK / Cancel, the file dialogs) in the interface language,
    from the ``qtbase_<lang>.qm`` catalogue that ships with Qt; also installs the app's own
    catalogue when :func:`set_language` ran before the application existed. False when Qt
    has no catalogue for the language."""
    global _qt_translator
    if _translator is not None:
        app.removeTranslator(_translator)
        app.installTranslator(_translator)
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


def interface_locale(system: QLocale | None = None) -> QLocale:
    """How dates and times are written: Chinese for the Chinese interface; else the system's
    way, unless the system has no language set (the "C" locale writes "29 11 2026"), then
    English."""
    if _language == "zh_CN":
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    system = system if system is not None else QLocale.system()
    if system.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return system


def missing() -> set[str]:
    """Strings shown since the language was chosen that have no translation (a copy)."""
    return set(_missing)


def tr_data(text: str) -> str:
    """A value that may or may not be one of the marked strings (a track's name, which is
    "Video" unless the person renamed it; an undo label the backend sends back): translated
    when the catalogue knows it, else shown as it is (and not counted as missing)."""
    if _translator is None or not text:
        return text
    return _translator.translate(CONTEXT, text) or text


def tr(text: str, /, **values: object) -> str:
    """``text`` in the interface language, with ``{placeholders}`` filled from ``values``."""
    out = text
    if _translator is not None and text:
        found = _translator.translate(CONTEXT, text)
        if found:
            out = found
        elif text not in _missing:
            _missing.add(text)
            log.debug("no %s translation for %r", _language, text)
    if values:
        try:
            return out.format(**values)
        except (KeyError, IndexError, ValueError):
            return text.format(**values)
    return out
