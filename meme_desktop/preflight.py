"""Before the window opens: can Qt show a window on this machine? One sentence if not.

On Linux desktops Qt's X11 platform plugin (``libqxcb.so``) needs system libraries that a
fresh Ubuntu or Debian does not always have (``libxcb-cursor0`` is the usual one missing since
Qt 6.5). Without them Qt aborts with "no Qt platform plugin could be initialized", which tells a
person nothing. :func:`check` asks the dynamic loader (``ldd``) which libraries the plugin cannot
find and turns them into the exact ``apt install`` line; it also notices a session with no
display at all. It imports no Qt (it runs before Qt is loaded) and never blocks for long.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# shared library → the Debian / Ubuntu package that ships it
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0", "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0", "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0", "libxcb-util.so.1": "libxcb-util1",
    "libxcb.so.1": "libxcb1", "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0",
}


def qt_platform_plugin(name: str = "libqxcb.so") -> Path | None:
    """Where PySide6's platform plugin ``name`` is, without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        path = Path(root) / "Qt" / "plugins" / "platforms" / name
        if path.is_file():
            return path
    return None


def missing_libraries(library: Path) -> list[str]:
    """The shared libraries ``library`` needs that the loader cannot find (ldd's "not found").
    Empty when everything is there, or when ``ldd`` itself is not available."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(library)], capture_output=True, text=True, timeout=10,
                             stdin=subprocess.DEVNULL, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = [line.split("=>")[0].strip() for line in out.splitlines()
             if "=>" in line and "not found" in line.split("=>", 1)[1]]
    return list(dict.fromkeys(found))


def install_line(libraries: list[str], packages: Mapping[str, str] = PACKAGES) -> str:
    """``sudo apt install …`` for the packages that ship ``libraries``."""
    names = list(dict.fromkeys(packages.get(lib, "") for lib in libraries))
    return "sudo apt install " + " ".join(p for p in names if p) if any(names) else ""


def _uses_xcb(env: Mapping[str, str]) -> bool:
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform:
        return platform == "xcb"
    return bool(env.get("DISPLAY")) and not (
        env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland")


def check(env: Mapping[str, str] | None = None, platform: str | None = None,
          plugin: Path | None = None, packages: Mapping[str, str] = PACKAGES) -> str | None:
    """None when the window can open; otherwise the sentence that says what to do."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if not platform.startswith("linux"):
        return None
    if not (env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return ("Meme Desktop's window needs a desktop session, and this terminal has no "
                "display (DISPLAY and WAYLAND_DISPLAY are not set). Run it from your desktop, "
                "or use the headless commands: meme-desktop make --help")
    if not _uses_xcb(env):
        return None
    plugin = plugin or qt_platform_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin)
    if not missing:
        return None
    line = install_line(missing, packages)
    what = ", ".join(missing)
    if line:
        return (f"Meme Desktop's window needs system libraries that are missing ({what}). "
                f"Install them with: {line}")
    return (f"Meme Desktop's window needs system libraries that are missing ({what}); "
            "install them with your package manager and start it again.")
