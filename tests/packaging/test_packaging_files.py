"""The packaging files that need no build: desktop entry, AppStream metainfo, icons, installers.

Validated with the real tools (``desktop-file-validate``, ``appstreamcli``), icons read back
with Qt, and the identifiers and version checked to agree across every file that repeats them.
"""

from __future__ import annotations

import re
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from meme_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.memedesktop.MemeDesktop"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICONS = PACKAGING / "icons"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_desktop_entry_validates() -> None:
    out = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout + out.stderr
    entry = desktop_entry(DESKTOP)
    assert entry["Type"] == "Application" and entry["Name"] == "Meme Desktop"
    assert entry["Exec"] == "meme-desktop" and entry["Terminal"] == "false"
    assert entry["Icon"] == APP_ID


def test_metainfo_validates_and_agrees() -> None:
    out = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == __version__, "add a <release> for the new version"
    assert root.find("provides/binary").text == "meme-desktop"


@pytest.mark.parametrize("size", HICOLOR_SIZES)
def test_hicolor_png_at_every_size(size: int) -> None:
    from PySide6.QtGui import QImage

    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(path) == (size, size)
    image = QImage(str(path))
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() < 255  # rounded corners: transparent
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255


def test_scalable_icon_is_the_app_svg() -> None:
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    source = ROOT / "resources" / "icons" / "meme-desktop.svg"
    assert scalable.read_bytes() == source.read_bytes(), \
        "the SVG changed: run python packaging/icons/make_icons.py"


def test_windows_ico_has_every_size() -> None:
    data = (ICONS / "meme-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height = data[6 + 16 * i], data[7 + 16 * i]
        sizes.add((width or 256, height or 256))
    assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= sizes


def test_macos_icns_has_large_sizes() -> None:
    data = (ICONS / "meme-desktop.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, pos = set(), 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        kinds.add(kind.decode("ascii"))
        pos += length
    assert {"ic07", "ic08", "ic09"} <= kinds  # 128, 256, 512


def test_make_icons_renders_every_size(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", ICONS / "make_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.make_icons(tmp_path)
    for size in HICOLOR_SIZES:
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png in written and png_size(png) == (size, size)
    assert (tmp_path / "meme-desktop.ico").stat().st_size > 1000


def test_inno_setup_script_agrees() -> None:
    iss = (PACKAGING / "windows" / "meme-desktop.iss").read_text(encoding="utf-8")
    version = re.search(r'#define AppVersion "([^"]+)"', iss)
    assert version and version.group(1) == __version__
    assert "SetupIconFile=..\\icons\\meme-desktop.ico" in iss
    assert (ICONS / "meme-desktop.ico").is_file()
    assert 'Source: "{#BundleDir}\\*"' in iss and "recursesubdirs" in iss
    assert '#define AppExe "meme-desktop.exe"' in iss


def test_spec_identity_matches_linux_files() -> None:
    spec = (PACKAGING / "meme-desktop.spec").read_text(encoding="utf-8")
    assert f'BUNDLE_ID = "{APP_ID}"' in spec
    assert 'name="meme-desktop"' in spec and "console=False" in spec
    compile(spec, "meme-desktop.spec", "exec")  # the spec is valid Python


def test_prune_translations_keeps_only_offered_languages() -> None:
    import sys

    sys.path.insert(0, str(PACKAGING))
    try:
        from bundle_prune import prune_translations
    finally:
        sys.path.remove(str(PACKAGING))
    datas = [("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
             ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/x/qtbase_zh_CN.qm", "DATA"),
             ("resources/translations/zh_CN.qm", "/y/zh_CN.qm", "DATA"),
             ("resources/icons/meme-desktop.svg", "/y/i.svg", "DATA")]
    kept = [d[0] for d in prune_translations(datas)]
    assert kept == ["PySide6/Qt/translations/qtbase_zh_CN.qm", "resources/translations/zh_CN.qm",
                    "resources/icons/meme-desktop.svg"]
