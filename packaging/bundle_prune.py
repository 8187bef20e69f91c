"""Trim a PyInstaller Analysis before COLLECT: unused Qt plugins, their libraries, translations.

Imported by ``packaging/meme-desktop.spec`` (not by the app). PySide6's hooks collect every
plugin of the Qt modules in use; a few of them drag in big system stacks the app never needs:

- ``platformthemes/libqgtk3.so`` pulls GTK's dependencies (cairo, pango, gdk-pixbuf, atk, ...)
  from the *build* machine, about 9 MB, and mixing those with the user's own GTK is a classic
  source of crashes. Qt's built-in theme and the ``xdgdesktopportal`` theme (native file dialogs
  through the desktop portal, only D-Bus) stay.
- Qt's own translations are kept only for the languages the app ships (``en``, ``zh_CN``).

A shared library is dropped only when it is reachable *solely* from dropped plugins: anything
still needed by another collected binary stays (checked from the ELF ``NEEDED`` entries).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath

# plugins (by destination path inside the bundle) that are never needed
DROP_PLUGINS = ("PySide6/Qt/plugins/platformthemes/libqgtk3.so",)
# Qt translation catalogues kept (by language code in the file name)
KEEP_QT_LANGUAGES = ("zh_CN",)

TocEntry = tuple[str, str, str]


def _needed(path: str) -> list[str]:
    """The ELF ``NEEDED`` names of a shared library (empty if it cannot be read)."""
    try:
        out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True,
                             check=False).stdout
    except OSError:
        return []
    return re.findall(r"\(NEEDED\).*\[(.+?)\]", out)


def _closure(starts: Iterable[str], graph: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        stack.extend(graph.get(name, ()))
    return seen


def prune_binaries(binaries: list[TocEntry], drop: Iterable[str] = DROP_PLUGINS,
                   report: Path | None = None) -> list[TocEntry]:
    """``binaries`` without the ``drop`` plugins and the libraries only they need (Linux only).

    ``report``, if given, receives the removed file names, one a line (the packaging tests
    check that nothing left in the bundle needs any of them).
    """
    if report is not None:
        report.write_text("", encoding="utf-8")
    if not sys.platform.startswith("linux"):
        return binaries
    drop = {PurePath(d).as_posix() for d in drop}
    dropped = [e for e in binaries if PurePath(e[0]).as_posix() in drop]
    if not dropped:
        return binaries
    by_base = {PurePath(e[0]).name: e for e in binaries}
    graph = {PurePath(e[0]).name: [n for n in _needed(e[1]) if n in by_base] for e in binaries}
    only_for_dropped = _closure((PurePath(e[0]).name for e in dropped), graph)
    roots = [name for name in graph if name not in only_for_dropped]
    still_needed = _closure(roots, graph)
    remove = only_for_dropped - still_needed
    if report is not None:
        report.write_text("".join(f"{name}\n" for name in sorted(remove)), encoding="utf-8")
    return [e for e in binaries if PurePath(e[0]).name not in remove]


def prune_translations(datas: list[TocEntry], keep: Iterable[str] = KEEP_QT_LANGUAGES
                       ) -> list[TocEntry]:
    """``datas`` without Qt's ``.qm`` catalogues for languages the app does not offer."""
    keep = tuple(keep)

    def wanted(entry: TocEntry) -> bool:
        dest = PurePath(entry[0])
        if dest.suffix != ".qm" or "PySide6" not in dest.parts:
            return True
        return any(dest.stem.endswith("_" + lang) for lang in keep)

    return [e for e in datas if wanted(e)]
