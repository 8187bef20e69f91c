"""The check before the window: a Qt platform plugin whose libraries are missing gives one
sentence with the apt line (a real ELF library built here, whose dependency is gone), and a
terminal with no display says so; a machine with everything starts as before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from meme_desktop import preflight

X11 = {"DISPLAY": ":0"}


def _build_plugin(tmp: Path, dependency_soname: str) -> Path:
    """A shared library that needs ``dependency_soname``, which is then deleted."""
    assert shutil.which("gcc"), "gcc is needed to build the test library"
    (tmp / "dep.c").write_text("int meme_dep(void) { return 1; }\n")
    (tmp / "plugin.c").write_text("int meme_dep(void);\nint meme_plugin(void) { return meme_dep(); }\n")
    dep = tmp / dependency_soname
    subprocess.run(["gcc", "-shared", "-fPIC", f"-Wl,-soname,{dependency_soname}",
                    "-o", str(dep), str(tmp / "dep.c")], check=True)
    plugin = tmp / "libqxcb.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(plugin), str(tmp / "plugin.c"),
                    str(dep)], check=True)
    dep.unlink()
    return plugin


def test_a_missing_library_gives_the_apt_line(tmp_path: Path) -> None:
    plugin = _build_plugin(tmp_path, "libmeme-missing-test.so.7")
    assert preflight.missing_libraries(plugin) == ["libmeme-missing-test.so.7"]
    message = preflight.check(X11, "linux", plugin,
                              {"libmeme-missing-test.so.7": "libmeme-missing-test7"})
    assert message is not None
    assert message.endswith("Install them with: sudo apt install libmeme-missing-test7")
    unknown = preflight.check(X11, "linux", plugin, {})
    assert unknown is not None and "install them with your package manager" in unknown


def test_the_usual_missing_library_maps_to_its_package() -> None:
    assert preflight.install_line(["libxcb-cursor.so.0", "libxkbcommon-x11.so.0",
                                   "libxcb-cursor.so.0"]) == \
        "sudo apt install libxcb-cursor0 libxkbcommon-x11-0"


def test_no_display_is_said_plainly() -> None:
    message = preflight.check({}, "linux")
    assert message is not None and "no display" in message and "meme-desktop make" in message
    assert preflight.check({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert preflight.check({}, "darwin") is None and preflight.check({}, "win32") is None


def test_this_machines_real_plugin_passes() -> None:
    plugin = preflight.qt_platform_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert preflight.missing_libraries(plugin) == []
    assert preflight.check(X11, "linux") is None


def test_the_command_prints_one_sentence_and_exits_1(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "meme_desktop"], env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 1
    assert "no display" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
