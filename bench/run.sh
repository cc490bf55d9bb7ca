#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_auditor.py "$@"
