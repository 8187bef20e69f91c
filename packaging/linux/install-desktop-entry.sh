#!/usr/bin/env bash
# Add Meme Desktop to the applications menu of the current user (no root needed).
#
#   install-desktop-entry.sh [BUNDLE_DIR]      install (or update) the entry and icons
#   install-desktop-entry.sh --uninstall       remove them again
#
# BUNDLE_DIR is the folder holding the `meme-desktop` executable (the PyInstaller bundle).
# Default: the folder this script is in when it sits inside a bundle, else
# packaging/dist/meme-desktop of the checkout it belongs to.
#
# Installs, under ${XDG_DATA_HOME:-~/.local/share}:
#   applications/io.github.memedesktop.MemeDesktop.desktop   (Exec= the bundle's executable)
#   icons/hicolor/<size>/apps/io.github.memedesktop.MemeDesktop.{png,svg}
#   metainfo/io.github.memedesktop.MemeDesktop.metainfo.xml
# and refreshes the desktop and icon caches when the tools for that are installed.
set -euo pipefail

APP_ID="io.github.memedesktop.MemeDesktop"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
APPS_DIR="$DATA_HOME/applications"
ICONS_DIR="$DATA_HOME/icons/hicolor"
META_DIR="$DATA_HOME/metainfo"

die() { echo "install-desktop-entry: $*" >&2; exit 1; }

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$APPS_DIR" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS_DIR/index.theme" ]; then
    gtk-update-icon-cache -q -t "$ICONS_DIR" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$APPS_DIR/$APP_ID.desktop" "$META_DIR/$APP_ID.metainfo.xml"
  find "$ICONS_DIR" -path "*/apps/$APP_ID.*" -delete 2>/dev/null || true
  refresh_caches
  echo "Meme Desktop removed from the applications menu."
  exit 0
fi

# Where the entry, metainfo and icons are: inside a bundle (share/...) or in the source tree.
if [ -f "$HERE/share/applications/$APP_ID.desktop" ]; then
  DESKTOP_SRC="$HERE/share/applications/$APP_ID.desktop"
  META_SRC="$HERE/share/metainfo/$APP_ID.metainfo.xml"
  ICONS_SRC="$HERE/share/icons/hicolor"
else
  DESKTOP_SRC="$HERE/$APP_ID.desktop"
  META_SRC="$HERE/$APP_ID.metainfo.xml"
  ICONS_SRC="$(dirname "$HERE")/icons/hicolor"
fi
[ -f "$DESKTOP_SRC" ] || die "cannot find $APP_ID.desktop next to this script"
[ -d "$ICONS_SRC" ] || die "cannot find the icons (looked in $ICONS_SRC)"

if [ $# -ge 1 ]; then
  BUNDLE="$1"
elif [ -x "$HERE/meme-desktop" ]; then
  BUNDLE="$HERE"
else
  BUNDLE="$(dirname "$HERE")/dist/meme-desktop"
fi
[ -x "$BUNDLE/meme-desktop" ] || die "no meme-desktop executable in $BUNDLE (build it: bash packaging/build.sh)"
EXE="$(cd "$BUNDLE" && pwd)/meme-desktop"

# Exec= quoting rules of the Desktop Entry spec: refuse the characters that would need escaping
# twice over, quote the path when it has spaces.
case "$EXE" in
  *'"'* | *'`'* | *'$'* | *'\'* | *'%'* | *$'\n'*)
    die "the bundle path contains a character a desktop entry cannot hold: $EXE" ;;
esac
EXEC_VALUE="$EXE"
case "$EXE" in *' '*) EXEC_VALUE="\"$EXE\"" ;; esac

mkdir -p "$APPS_DIR" "$META_DIR"
tmp_dir="$(mktemp -d)"
trap 'rm -rf "$tmp_dir"' EXIT
tmp="$tmp_dir/$APP_ID.desktop"
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    Exec=*) printf 'Exec=%s\n' "$EXEC_VALUE" ;;
    TryExec=*) printf 'TryExec=%s\n' "$EXE" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$DESKTOP_SRC" > "$tmp"
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$tmp" || die "the generated desktop entry does not validate"
fi
install -m 644 "$tmp" "$APPS_DIR/$APP_ID.desktop"

for icon in "$ICONS_SRC"/*/apps/"$APP_ID".*; do
  size_dir="$(basename "$(dirname "$(dirname "$icon")")")"
  mkdir -p "$ICONS_DIR/$size_dir/apps"
  install -m 644 "$icon" "$ICONS_DIR/$size_dir/apps/"
done
[ -f "$META_SRC" ] && install -m 644 "$META_SRC" "$META_DIR/"

refresh_caches
echo "Meme Desktop added to the applications menu ($APPS_DIR/$APP_ID.desktop -> $EXE)."
