#!/usr/bin/env bash
# Set up (first time) and run the whole test suite: ruff, mypy (Linux and Windows), pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_TEST_TOOLS=1 bash scripts/setup.sh
echo "== ruff check"
.venv/bin/ruff check mizuho_audit tests scripts bench
echo "== mypy"
.venv/bin/mypy
.venv/bin/mypy --platform win32
echo "== import-linter (the house rules)"
.venv/bin/lint-imports
echo "== pytest"
QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest --cov --cov-report=term --cov-fail-under=85 "$@"
