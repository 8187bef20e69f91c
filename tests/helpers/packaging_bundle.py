"""Build and inspect the frozen bundle for tests/packaging (Linux): build, env, ELF, PYZ.

:func:`build_bundle` runs ``packaging/build.sh`` exactly as a person would (into a temporary
folder), and returns a :class:`Bundle` with what the build reported: the executable, the list of
libraries the spec pruned and the source of every collected file (from PyInstaller's COLLECT
table of contents in the work folder).
"""

from __future__ import annotations

import ast
import contextlib
import mmap
import os
import re
import signal
import subprocess
import sys
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build.sh"
BUILD_TIMEOUT = 1200  # seconds; a cold build takes well under a minute on 2 cores


@dataclass
class Bundle:
    root: Path  # DIST/meme-desktop
    exe: Path  # DIST/meme-desktop/meme-desktop
    work: Path  # PyInstaller's work folder
    pruned: list[str] = field(default_factory=list)
    collected_sources: list[Path] = field(default_factory=list)


def build_bundle(base: Path) -> Bundle:
    """Build the bundle into ``base/dist`` with ``base/work`` as scratch; fail loudly."""
    dist, work = base / "dist", base / "work"
    env = {**os.environ, "PYTHON": sys.executable, "MEME_DESKTOP_BUILD_DIR": str(work)}
    out = subprocess.run(["bash", str(BUILD_SCRIPT), str(dist)], env=env, capture_output=True,
                         text=True, timeout=BUILD_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    if out.returncode != 0:
        raise AssertionError(f"packaging/build.sh failed ({out.returncode}):\n"
                             f"{out.stdout[-3000:]}\n{out.stderr[-6000:]}")
    root = dist / "meme-desktop"
    pruned_file = work / "meme-desktop" / "pruned-binaries.txt"
    pruned = pruned_file.read_text(encoding="utf-8").split() if pruned_file.exists() else []
    return Bundle(root=root, exe=root / "meme-desktop", work=work, pruned=pruned,
                  collected_sources=_collected_sources(work / "meme-desktop" / "COLLECT-00.toc"))


def _collected_sources(toc_file: Path) -> list[Path]:
    """Source paths of every file COLLECT copied (PyInstaller 6 writes the TOC as a literal)."""
    (entries,) = ast.literal_eval(toc_file.read_text(encoding="utf-8"))
    return [Path(src) for _dest, src, kind in entries if src and kind != "SYMLINK"]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An ``env -i``-like environment: a fresh HOME, a PATH with nothing on it, a UTF-8 locale."""
    return {"HOME": str(home), "PATH": "/nonexistent", "LANG": "C.UTF-8", **extra}


def child_pids(parent: int) -> dict[int, list[str]]:
    """Direct children of ``parent`` (Linux /proc) with their command lines."""
    children: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == parent:
                raw = (entry / "cmdline").read_bytes()
                children[int(entry.name)] = [a.decode(errors="replace")
                                             for a in raw.split(b"\0") if a]
        except (OSError, ValueError, IndexError):
            continue
    return children


def kill_pids(pids: Iterable[int]) -> None:
    """SIGKILL the given processes if they are still meme-desktop processes (test clean-up)."""
    for pid in pids:
        with contextlib.suppress(OSError):
            if b"meme-desktop" in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def elf_needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                         check=False).stdout
    return re.findall(r"\(NEEDED\).*\[(.+?)\]", out)


_PATH_CHARS = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-/")


def home_path_leaks(root: Path, home: Path, allowed: Iterable[Path]) -> dict[str, list[str]]:
    """Files under ``root`` mentioning a path inside ``home`` not under an ``allowed`` prefix.

    A compiled Python installed inside the home directory (pyenv) carries its own install
    prefix in ``libpython`` and its extension modules; those are the ``allowed`` prefixes.
    ``/opt/x/root/usr`` does not count as ``/root``: the match must start a path, and a bare
    ``/root`` (libsystemd knows root's home) names no file in it.
    """
    needle = os.fsencode(str(home))
    ok = tuple(os.fsencode(str(p)) for p in allowed)
    pattern = re.compile(re.escape(needle) + rb"/[\x21-\x7e]+")  # a path inside home
    leaks: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if not path.is_file() or path.is_symlink() or path.stat().st_size == 0:
            continue
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            found = set()
            for m in pattern.finditer(data):
                if m.start() > 0 and data[m.start() - 1] in _PATH_CHARS:
                    continue
                text = m.group(0)
                if not any(text == p or text.startswith(p + b"/") for p in ok):
                    found.add(text.decode(errors="replace")[:200])
        if found:
            leaks[str(path.relative_to(root))] = sorted(found)[:5]
    return leaks


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def pyz_code_filenames(exe: Path) -> list[str]:
    """``co_filename`` of every code object in the executable's embedded PYZ and scripts."""
    import marshal

    from PyInstaller.archive.readers import CArchiveReader

    archive = CArchiveReader(str(exe))
    names: list[str] = []
    for name, entry in archive.toc.items():
        kind = entry[-1]
        if kind == "z":
            pyz = archive.open_embedded_archive(name)
            for module in pyz.toc:
                code = pyz.extract(module)
                if isinstance(code, types.CodeType):
                    names.extend(c.co_filename for c in _code_objects(code))
        elif kind == "s":
            code = marshal.loads(archive.extract(name))
            names.extend(c.co_filename for c in _code_objects(code))
    return sorted(set(names))
