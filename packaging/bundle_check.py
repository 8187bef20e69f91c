"""Self-check of a frozen bundle: is everything the app needs inside it, and does it work?

Run the bundled executable with ``MEME_DESKTOP_BUNDLE_CHECK=1`` in the environment (any
arguments are ignored): instead of starting the app it prints one JSON object on stdout and
exits 0 when every check passed, 1 otherwise. ``tests/packaging/test_bundle.py`` uses it, and so
can a person diagnosing a broken install. It never touches the user's data.

Checks: every ``meme_desktop`` module and every library the app loads lazily imports; the
``resources/`` folder is the bundled one; ``config.ffmpeg_exe()`` is the bundled ffmpeg and
runs; keyring finds its backends; Qt (offscreen) can read the SVG icon.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

ENV_VAR = "MEME_DESKTOP_BUNDLE_CHECK"

# imported lazily somewhere in the app (or by name at run time), so worth proving importable
LAZY_MODULES = (
    "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg", "qasync",
    "httpx", "httpx_sse", "platformdirs", "keyring", "numpy", "av", "imageio_ffmpeg",
    "uvicorn", "uvicorn.protocols.http.h11_impl", "uvicorn.loops.asyncio",
    "uvicorn.lifespan.on", "starlette.applications", "starlette.formparsers",
    "python_multipart", "anyio._backends._asyncio",
)


def requested() -> bool:
    """Whether the environment asks for the self-check instead of the app."""
    return os.environ.get(ENV_VAR, "") not in ("", "0")


def _project_modules() -> list[str]:
    import meme_desktop

    names = ["meme_desktop"]
    for info in pkgutil.walk_packages(meme_desktop.__path__, "meme_desktop."):
        if not info.name.endswith("__main__"):  # importing it would start the app
            names.append(info.name)
    return names


def _imports(names: list[str]) -> dict[str, str]:
    """Module name -> error text, for those that fail to import."""
    failed: dict[str, str] = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # reported, not handled
            failed[name] = f"{type(exc).__name__}: {exc}"
    return failed


def _ffmpeg(root: Path | None) -> dict[str, Any]:
    from meme_desktop.config import ffmpeg_exe

    exe = Path(ffmpeg_exe())
    out = subprocess.run([str(exe), "-hide_banner", "-version"], capture_output=True, text=True,
                         timeout=60, stdin=subprocess.DEVNULL, check=False)
    inside = root is not None and exe.resolve().is_relative_to(root.resolve())
    return {"path": str(exe), "in_bundle": inside, "returncode": out.returncode,
            "version": out.stdout.splitlines()[0] if out.stdout else ""}


def _keyring() -> dict[str, Any]:
    """Viable backends here, plus proof that the platform's real backend is bundled."""
    from importlib.metadata import entry_points

    from keyring.backend import get_all_keyring

    native = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, "SecretService")
    module = importlib.import_module(f"keyring.backends.{native}")
    return {"backends": sorted(f"{type(k).__module__}.{type(k).__name__}"
                               for k in get_all_keyring()),
            "entry_points": sorted(ep.name for ep in entry_points(group="keyring.backends")),
            "native": native,
            # SecretService needs secretstorage (and its crypto) to be usable at all
            "native_usable": native != "SecretService"
            or getattr(module, "secretstorage", None) is not None}


def _svg_icon(resources: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage, QImageReader

    app = QGuiApplication.instance() or QGuiApplication(["meme-desktop-check"])
    formats = sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats())
    svg = resources / "icons" / "meme-desktop.svg"
    image = QImage(str(svg))
    del app
    return {"formats": formats, "svg": str(svg), "svg_size": [image.width(), image.height()]}


def run() -> int:
    """Run every check, print the JSON report, return the exit code."""
    from meme_desktop import __version__
    from meme_desktop.config import resources_dir

    meipass = getattr(sys, "_MEIPASS", None)
    root = Path(meipass) if meipass else None
    report: dict[str, Any] = {"version": __version__, "frozen": bool(getattr(sys, "frozen", False)),
                              "executable": sys.executable, "bundle_root": meipass}
    ok = True
    resources = resources_dir()
    report["resources"] = {"path": str(resources),
                           "in_bundle": root is not None and resources.is_relative_to(root),
                           "entries": sorted(p.name for p in resources.iterdir())
                           if resources.is_dir() else []}
    steps = {
        "import_failures": lambda: _imports(_project_modules() + list(LAZY_MODULES)),
        "ffmpeg": lambda: _ffmpeg(root),
        "keyring": _keyring,
        "qt": lambda: _svg_icon(resources),
    }
    for key, step in steps.items():
        try:
            report[key] = step()
        except Exception:  # the report says what broke
            report[key] = {"error": traceback.format_exc(limit=3)}
            ok = False
    ok = ok and not report["import_failures"] and report["ffmpeg"].get("returncode") == 0
    report["ok"] = ok
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    sys.stdout.flush()
    return 0 if ok else 1
