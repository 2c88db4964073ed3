#!/usr/bin/env bash
# Shared set-up for scripts/run-trainer and scripts/run-tests.
# Usage: scripts/setup.sh run|test
# Installs what is missing (system packages when it can, a virtual environment with
# pinned Python packages) and is quick on a second run (stamp files).
set -euo pipefail

MODE="${1:-run}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${THORACIC_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

say() { printf '[setup] %s\n' "$*" >&2; }

# --- system packages -------------------------------------------------------
# Qt's runtime libraries (offscreen and X11), speech (espeak-ng), audio (PulseAudio client),
# printing (the CUPS client library: without it Qt's print dialog can only print to a PDF file).
RUN_PKGS=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1 libxrender1 libxi6
  libpulse0 libasound2 espeak-ng libespeak-ng1 fonts-dejavu-core libcups2)
# Tests also start a PulseAudio server with a null sink and may use a virtual X screen.
TEST_PKGS=(pulseaudio pulseaudio-utils xvfb)
# The suite runs its date-sensitive tests again under faked system dates (libfaketime).
TEST_PKGS+=(faketime)
# Spoken-command tests: Festival's HTS voice and its older diphone voice (held out from tuning)
# speak test commands (the other voice is Piper, from pip).
TEST_PKGS+=(festival festvox-us-slt-hts festvox-kallpc16k)
# Packaging: the desktop-entry and AppStream validators, binutils for building the bundle, and a C
# compiler for the bundle's small libx265 stand-in (packaging/stubs/).
TEST_PKGS+=(desktop-file-utils appstream binutils gcc libc6-dev)

missing_pkgs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s\n' "$p"
  done
}

install_system() {
  local want=("${RUN_PKGS[@]}")
  [[ "$MODE" == test ]] && want+=("${TEST_PKGS[@]}")
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: make sure Qt 6's libraries, espeak-ng and PulseAudio are installed."
    return 0
  fi
  # python3-venv is separate on Debian; only needed when venv cannot bootstrap pip.
  if ! "$PY" -m venv --help >/dev/null 2>&1 || ! "$PY" -c "import ensurepip" >/dev/null 2>&1; then
    want+=(python3-venv)
  fi
  mapfile -t miss < <(missing_pkgs "${want[@]}")
  [[ ${#miss[@]} -eq 0 ]] && return 0
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n);
    elif command -v sudo >/dev/null 2>&1 && [[ -t 0 ]]; then sudo=(sudo);
    else
      say "These system packages are missing and I cannot install them without root:"
      say "  ${miss[*]}"
      say "Install them with:  sudo apt-get install ${miss[*]}"
      say "Continuing; the trainer runs on captions only if espeak-ng or audio is missing."
      return 0
    fi
  fi
  say "installing system packages: ${miss[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${miss[@]}" >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update -q >/dev/null 2>&1 || true
    if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${miss[@]}" >/dev/null; then
      say "could not install: ${miss[*]} (apt-get failed). Install them by hand and run again."
      [[ "$MODE" == test ]] && exit 1
    fi
  fi
}

# --- virtual environment ---------------------------------------------------
setup_venv() {
  local lock="$ROOT/requirements/run.txt"
  [[ "$MODE" == test ]] && lock="$ROOT/requirements/test.txt"
  local stamp="$VENV/.stamp-$MODE"
  local want
  want="$(cat "$lock" "$ROOT/requirements/run.txt" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$VENV/bin/python" ]]; then
    return 0
  fi
  if [[ ! -x "$VENV/bin/python" ]]; then
    say "creating virtual environment in $VENV"
    "$PY" -m venv "$VENV"
  fi
  say "installing pinned Python packages from ${lock#$ROOT/}"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$lock"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e "$ROOT" 2>/dev/null \
    || "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$ROOT"
  echo "$want" >"$stamp"
}

install_system
setup_venv
