#!/usr/bin/env bash
# Build the Meme Desktop one-folder bundle for this platform with PyInstaller.
#
#   bash packaging/build.sh [DIST_DIR]
#
# Output: DIST_DIR/meme-desktop/ (default packaging/dist/meme-desktop/) with the executable
# meme-desktop inside; on macOS also DIST_DIR/Meme Desktop.app. Works from a clean checkout:
# installs the project (editable) and PyInstaller with pip when they are missing.
# Environment: PYTHON (default python3), MEME_DESKTOP_BUILD_DIR (scratch dir, default
# packaging/build). PyInstaller's own cache goes into the scratch dir too, never ~/.cache.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PYTHON="${PYTHON:-python3}"
DIST="${1:-$HERE/dist}"
WORK="${MEME_DESKTOP_BUILD_DIR:-$HERE/build}"
mkdir -p "$DIST" "$WORK"
DIST="$(cd "$DIST" && pwd)"
WORK="$(cd "$WORK" && pwd)"

cd "$ROOT"
if ! "$PYTHON" -c "import meme_desktop, PySide6, av, imageio_ffmpeg, uvicorn, starlette, qasync" \
    >/dev/null 2>&1; then
  echo "build.sh: installing the project and its dependencies" >&2
  "$PYTHON" -m pip install --quiet -e "$ROOT"
fi
if ! "$PYTHON" -c "import PyInstaller" >/dev/null 2>&1; then
  echo "build.sh: installing PyInstaller" >&2
  "$PYTHON" -m pip install --quiet "pyinstaller>=6.5"
fi

# the interface translations, compiled from their sources with PySide6's own lrelease
"$PYTHON" "$HERE/translations.py" release

export PYINSTALLER_CONFIG_DIR="$WORK/pyinstaller-config"
rm -rf "$DIST/meme-desktop" "$DIST/Meme Desktop.app"
"$PYTHON" -m PyInstaller --noconfirm --log-level "${PYINSTALLER_LOG_LEVEL:-WARN}" \
  --distpath "$DIST" --workpath "$WORK" "$HERE/meme-desktop.spec"

if [ "$(uname -s)" = "Linux" ]; then
  # the menu entry, metainfo and icons travel with the bundle, with the script that installs them
  B="$DIST/meme-desktop"
  install -D -m 644 "$HERE/linux/io.github.memedesktop.MemeDesktop.desktop" \
    "$B/share/applications/io.github.memedesktop.MemeDesktop.desktop"
  install -D -m 644 "$HERE/linux/io.github.memedesktop.MemeDesktop.metainfo.xml" \
    "$B/share/metainfo/io.github.memedesktop.MemeDesktop.metainfo.xml"
  mkdir -p "$B/share/icons"
  cp -R "$HERE/icons/hicolor" "$B/share/icons/"
  install -m 755 "$HERE/linux/install-desktop-entry.sh" "$B/install-desktop-entry.sh"
fi

EXE="$DIST/meme-desktop/meme-desktop"
[ -x "$EXE.exe" ] && EXE="$EXE.exe"
"$EXE" --version
echo "Built: $DIST/meme-desktop/"
