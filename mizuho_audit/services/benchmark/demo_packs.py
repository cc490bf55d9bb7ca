"""The demo's comparison with other towns: two neighbouring demo towns' score packs and the town's own pack of
last year, imported into the demo's auditor's database so that the dashboard's 他団体との比較 tab has
something to show. The neighbours are made of the demo's own departments (each leaves out another third), scored by
the same code as every pack (:func:`.pack.build_pack` over :func:`domain.scoring.score_town`)."""

from __future__ import annotations

from pathlib import Path

from ... import clock
from ...domain.scoring import score_town
from ...fileio import write_atomic
from ..intake.consolidation import Consolidation, consolidate
from ..workspace import Workspace
from .pack import build_pack, pack_bytes
from .packs import OWN_TOWN, export_pack, import_pack

DEMO_TOWNS = ("デモ東町", "デモ西村", "デモ南町")
FOLDER = "benchmark"


def write_demo_packs(ws: Workspace, directory: Path, year: int, actor: str) -> list[Path]:
    """Write the packs to ``directory/benchmark`` and import them; the files written."""
    folder = directory / FOLDER
    cons = consolidate(ws, year)
    written: list[Path] = []
    for i, town in enumerate(DEMO_TOWNS):
        part = Consolidation(year, cons.questionnaire, [r for n, r in enumerate(cons.results) if n % 3 != i])
        part.town = score_town((r.department.id, r.scores) for r in part.results)
        if not part.results:
            continue
        out = folder / f"{town}-{year}.json"
        write_atomic(out, pack_bytes(build_pack(part, town=town, created_at=clock.now_iso())))
        written.append(out)
    if consolidate(ws, year - 1).results:
        written.append(export_pack(ws, year - 1, folder / f"{OWN_TOWN}-{year - 1}.json", actor=actor).out)
    for path in written:
        import_pack(ws, path, roots=[], actor=actor)
    return written
