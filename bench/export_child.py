"""Child process of the ``submission export`` row: one export as ``mizuho-audit submission export`` runs it.

``python bench/export_child.py ARGS...`` runs ``cli.main.run(ARGS)`` and prints one JSON line: the seconds from
just before the app's code is imported to the end of the command (the app's own time: the interpreter's start
is left out), and the exit code. With ``MIZUHO_BENCH_PROFILE=FILE`` it writes a cProfile of the same span.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

started = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
profile_to = os.environ.get("MIZUHO_BENCH_PROFILE")
profiler = None
if profile_to:
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
from mizuho_audit.cli.main import run  # noqa: E402 - timed from before the app's imports

code = run(sys.argv[1:])
elapsed = time.perf_counter() - started
if profiler is not None:
    profiler.disable()
    profiler.dump_stats(profile_to)
print(json.dumps({"seconds": elapsed, "code": code}), flush=True)
