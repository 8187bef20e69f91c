"""The interface translations: extract, compile and check them with Qt's own tools.

    python packaging/translations.py update [--import-json TABLE.json]
    python packaging/translations.py release
    python packaging/translations.py check

``update`` runs ``lupdate`` (shipped with PySide6) over ``meme_desktop/`` into
``resources/translations/<lang>.ts`` (new strings arrive unfinished, vanished ones are dropped;
no source locations, so moving code does not change the file), optionally fills unfinished
entries from a ``{"English": "translation"}`` JSON table, then compiles every ``.ts`` into the
shipped ``.qm`` with ``lrelease``. Translators edit the ``.ts`` in Qt Linguist (or any tool
that reads the TS format) and run ``update`` again.

``release`` only compiles the ``.ts`` files into ``.qm`` (the bundle build runs it, so a
bundle always carries catalogues made from the sources in the checkout).

``check`` changes nothing and prints every problem (exit status 1 if any): a string in the
code that the ``.ts`` lacks or leaves unfinished, a ``.ts`` entry the code no longer has, a
translation whose ``{placeholders}`` differ from the English, and a ``.qm`` that does not say
what its ``.ts`` says. The test suite runs it (tests/unit/test_translations.py).

The call sites are ``tr("text", **values)`` and ``tr_noop("text")`` (see meme_desktop/ui/i18n.py);
lupdate reads a bare ``tr(...)`` as Qt's ``tr`` and is told that ``tr_noop`` is
``QT_TR_NOOP``. It does not look inside f-strings: a ``tr()`` there is invisible to it (the
check compares with the calls Python's own parser finds).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "meme_desktop"
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
ALIASES = "QT_TR_NOOP+=tr_noop"
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


@dataclass(frozen=True)
class Entry:
    source: str
    translation: str
    finished: bool


def tool(name: str) -> str:
    """``lupdate`` / ``lrelease`` from the installed PySide6 (or ``pyside6-<name>`` on PATH)."""
    try:
        import PySide6

        exe = Path(PySide6.__file__).parent / (name + (".exe" if sys.platform == "win32" else ""))
        if exe.is_file():
            return str(exe)
    except ImportError:
        pass
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def ts_path(language: str) -> Path:
    return FOLDER / f"{language}.ts"


def qm_path(language: str) -> Path:
    return FOLDER / f"{language}.qm"


def lupdate(ts: Path, language: str, sources: Path | None = None) -> None:
    sources = sources or SOURCES
    subprocess.run([tool("lupdate"), "-silent", "-extensions", "py", "-locations", "none",
                    "-no-obsolete", "-sort-messages", "-source-language", "en", "-target-language", language,
                    "-tr-function-alias", ALIASES, str(sources), "-ts", str(ts)], check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def read_ts(ts: Path) -> dict[str, Entry]:
    """Every message of a ``.ts`` file by its English text."""
    out: dict[str, Entry] = {}
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        text = node.text or "" if node is not None else ""
        kind = node.get("type", "") if node is not None else "unfinished"
        out[source] = Entry(source, text, kind not in ("unfinished", "vanished", "obsolete")
                            and bool(text))
    return out


def fill(ts: Path, table: dict[str, str]) -> int:
    """Give unfinished messages the translation ``table`` has for them; how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        if node is None or node.get("type") != "unfinished" or not table.get(source):
            continue
        node.text = table[source]
        del node.attrib["type"]
        filled += 1
    if filled:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                      encoding="utf-8")
    return filled


def code_strings(sources: Path | None = None) -> set[str]:
    """The English texts of every ``tr("…")`` and ``tr_noop("…")`` call, as Python parses them."""
    found: set[str] = set()
    for path in (sources or SOURCES).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("tr", "tr_noop") and node.args \
                    and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def qm_problems(ts: dict[str, Entry], qm: Path) -> list[str]:
    """Where the compiled catalogue disagrees with its source."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(qm)):
        return [f"{qm.name} is missing or unreadable: run packaging/translations.py update"]
    return [f"{qm.name} is older than its .ts for {e.source!r}: run "
            "packaging/translations.py update"
            for e in ts.values() if e.finished and translator.translate("", e.source) !=
            e.translation]


def problems(language: str) -> list[str]:
    """Everything wrong with one language's translation (empty when all is well)."""
    committed = ts_path(language)
    if not committed.is_file():
        return [f"{committed} is missing"]
    entries = read_ts(committed)
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = Path(tmp) / committed.name
        shutil.copy(committed, fresh_path)
        lupdate(fresh_path, language)
        fresh = read_ts(fresh_path)
    out = [f"not extracted by lupdate (a tr() inside an f-string?): {s!r}"
           for s in sorted(code_strings() - set(fresh))]
    out += [f"new in the code, not in {committed.name}: {s!r}"
            for s in sorted(set(fresh) - set(entries))]
    out += [f"in {committed.name} but no longer in the code: {s!r}"
            for s in sorted(set(entries) - set(fresh))]
    for entry in entries.values():
        if entry.source not in fresh:
            continue
        if not entry.finished:
            out.append(f"untranslated in {language}: {entry.source!r}")
        elif placeholders(entry.source) != placeholders(entry.translation):
            out.append(f"placeholders differ in {language}: {entry.source!r} → "
                       f"{entry.translation!r}")
    return out + qm_problems(entries, qm_path(language))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("update", help="extract strings into the .ts files, compile the .qm")
    up.add_argument("--import-json", type=Path, help="fill unfinished entries from this table")
    sub.add_parser("release", help="compile the .ts files into .qm only")
    sub.add_parser("check", help="report untranslated or stale strings; change nothing")
    args = parser.parse_args(argv)
    if args.command == "update":
        for language in LANGUAGES:
            ts = ts_path(language)
            lupdate(ts, language)
            if args.import_json:
                table = json.loads(args.import_json.read_text(encoding="utf-8"))
                print(f"{ts.name}: {fill(ts, table)} filled from {args.import_json.name}")
                lupdate(ts, language)  # back in lupdate's own layout
            lrelease(ts, qm_path(language))
            left = [e.source for e in read_ts(ts).values() if not e.finished]
            print(f"{ts.name}: {len(left)} untranslated" + "".join(f"\n  {s!r}" for s in left))
        return 0
    if args.command == "release":
        for language in LANGUAGES:
            lrelease(ts_path(language), qm_path(language))
        return 0
    found = [p for language in LANGUAGES for p in problems(language)]
    print("\n".join(found) if found else "translations: all strings translated, .qm current")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
