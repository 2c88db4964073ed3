#!/usr/bin/env bash
# Installs the built bundle (dist/thoracic-trainer/, from scripts/build-app) with its desktop entry,
# AppStream metadata and icons, for one user (default) or system-wide.
#
#   packaging/linux/install.sh                      # into ~/.local (no root needed)
#   sudo packaging/linux/install.sh --prefix /usr/local
#   packaging/linux/install.sh --uninstall          # removes what the same --prefix installed
#   DESTDIR=/tmp/tree packaging/linux/install.sh --prefix /usr --no-app   # a staging tree (tests)
#
# Layout: PREFIX/lib/thoracic-trainer/ (the bundle), PREFIX/bin/thoracic-trainer (a symlink),
# PREFIX/share/{applications,metainfo,icons/hicolor/*/apps}/io.github.thoracictrainer.ThoracicTrainer.*
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ID=io.github.thoracictrainer.ThoracicTrainer
PREFIX="$HOME/.local"
APP=1
UNINSTALL=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --no-app) APP=0; shift ;;
    --uninstall) UNINSTALL=1; shift ;;
    *) echo "usage: $0 [--prefix DIR] [--no-app] [--uninstall]" >&2; exit 2 ;;
  esac
done
DEST="${DESTDIR:-}$PREFIX"
SIZES=(16 32 48 64 128 256 512)

if [[ $UNINSTALL == 1 ]]; then
  rm -rf "$DEST/lib/thoracic-trainer"
  rm -f "$DEST/bin/thoracic-trainer" "$DEST/share/applications/$ID.desktop" "$DEST/share/metainfo/$ID.metainfo.xml" \
    "$DEST/share/icons/hicolor/scalable/apps/$ID.svg"
  for s in "${SIZES[@]}"; do rm -f "$DEST/share/icons/hicolor/${s}x${s}/apps/$ID.png"; done
  echo "Removed Thoracic Trainer from $DEST (your history and settings are kept)."
  exit 0
fi

if [[ $APP == 1 ]]; then
  BUNDLE="$ROOT/dist/thoracic-trainer"
  [[ -x "$BUNDLE/thoracic-trainer" ]] || { echo "No bundle in $BUNDLE: run scripts/build-app first." >&2; exit 1; }
  rm -rf "$DEST/lib/thoracic-trainer"
  mkdir -p "$DEST/lib" "$DEST/bin"
  cp -a "$BUNDLE" "$DEST/lib/thoracic-trainer"
  ln -sfn "../lib/thoracic-trainer/thoracic-trainer" "$DEST/bin/thoracic-trainer"
fi
install -Dm644 "$ROOT/packaging/linux/$ID.desktop" "$DEST/share/applications/$ID.desktop"
install -Dm644 "$ROOT/packaging/linux/$ID.metainfo.xml" "$DEST/share/metainfo/$ID.metainfo.xml"
install -Dm644 "$ROOT/assets/icons/thoracic-trainer.svg" "$DEST/share/icons/hicolor/scalable/apps/$ID.svg"
for s in "${SIZES[@]}"; do
  install -Dm644 "$ROOT/assets/icons/thoracic-trainer-$s.png" "$DEST/share/icons/hicolor/${s}x${s}/apps/$ID.png"
done
if [[ -z "${DESTDIR:-}" ]]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DEST/share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DEST/share/icons/hicolor" || true
fi
echo "Installed Thoracic Trainer into $DEST."
[[ $APP == 1 && ":$PATH:" != *":$PREFIX/bin:"* ]] && echo "Note: $PREFIX/bin is not on your PATH; the menu entry needs it." || true
