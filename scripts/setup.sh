#!/usr/bin/env bash
# Set up everything the app and its tests need on a fresh Debian machine (idempotent):
# the system libraries Qt needs (with a screen and without), poppler for PDF checks, and the venv.
set -euo pipefail
cd "$(dirname "$0")/.."

# Without a screen (offscreen platform): GL, fontconfig, xkbcommon, D-Bus, GLib.
SYSTEM_PACKAGES="libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 poppler-utils"
# With a screen (Qt's xcb platform, PySide6/Qt/plugins/platforms/libqxcb.so): every X library the plugin
# links that a desktop may lack (a plain Debian desktop has no libxcb-icccm4 or libxcb-keysyms1, and
# Qt's own message then wrongly names xcb-cursor0). `ldd libqxcb.so | grep "not found"` shows a gap.
XCB_PACKAGES="libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 \
libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0"
SYSTEM_PACKAGES="$SYSTEM_PACKAGES $XCB_PACKAGES"
# The tests also read the workbooks back with LibreOffice and start the window on a virtual X screen
# (scripts/test.sh sets WITH_TEST_TOOLS=1).
if [ "${WITH_TEST_TOOLS:-0}" = "1" ]; then
    SYSTEM_PACKAGES="$SYSTEM_PACKAGES xvfb xauth"
    command -v soffice >/dev/null 2>&1 || SYSTEM_PACKAGES="$SYSTEM_PACKAGES libreoffice-calc-nogui"
fi
if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
    missing=""
    for p in $SYSTEM_PACKAGES; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        SUDO=""
        [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        echo "Installing system packages:$missing"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
    # pip's notes about unused local package folders on this kind of machine are noise: drop them.
    quiet() { "$@" 2>&1 | { grep -v -E "^WARNING: Location '|^\s*$" || true; }; }
    quiet .venv/bin/python -m pip install -q --upgrade pip
    quiet .venv/bin/python -m pip install -q -e ".[dev]"
    rm -f .venv/.installed-*
    touch "$stamp"
fi
