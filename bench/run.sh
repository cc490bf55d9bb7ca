#!/usr/bin/env bash
# All benchmarks in one table (see bench/README.md): about 1.5 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_all.py
