#!/usr/bin/env bash
# Set up (first time) and start the app on its default local database.
# Without a screen, build the headless demo instead and say where its database is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ "$(uname -s)" != "Linux" ]; then
    exec .venv/bin/mizuho-audit "$@"
fi
echo "画面がないため、デモを作成します（No screen: building the headless demo）。"
QT_QPA_PLATFORM=offscreen .venv/bin/mizuho-audit demo --dir demo --screenshot
