"""Exchange with others: the checklist as a CISO Assistant library (no database), the 年度's anonymised score
pack, other towns' packs imported into the auditor's database, and the comparison per chapter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.benchmark import OWN_TOWN
from ..errors import InputProblem
from ..fileio import write_atomic
from ..i18n import _
from ..services.intake.consolidation import Consolidation
from .session import Session, use_case

if TYPE_CHECKING:  # the packs' code (jsonschema, the signing code) loads when a pack is made or read
    from ..services.benchmark.packs import Comparison, Exported, Imported

__all__ = ["OWN_TOWN", "Comparison", "Exported", "Imported"]


def __getattr__(name: str) -> Any:
    """``Comparison``, ``Exported`` and ``Imported`` on first use (starting the app does not load the packs)."""
    if name in ("Comparison", "Exported", "Imported"):
        from ..services.benchmark import packs

        return getattr(packs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_library(year: int, out: Path, session: Session | None = None) -> tuple[Path, int]:
    """The 年度's questionnaire (the open database's catalog, or the installed one: the town's own copy where
    there is one) as a CISO Assistant library; the file and the number of its assessable items."""
    from ..paths import shipped_questionnaires_dir, town_questionnaires_dir
    from ..questionnaires.catalog import load_catalog
    from ..services.benchmark.library import library_yaml

    catalog = session.workspace.catalog if session is not None else load_catalog(
        shipped_questionnaires_dir(), town_questionnaires_dir())
    q = catalog.for_year(year)
    if q is None:
        raise InputProblem(_("{year}年度のチェックリストがありません。").format(year=year))
    return write_atomic(out, library_yaml(q)), len(list(q.items()))


@use_case
def export_pack(s: Session, year: int, out: Path, *, town: str = OWN_TOWN, p12: Path | None = None,
                passphrase: bytes | None = None) -> Exported:
    """The 年度's score pack (signed with ``p12``); refused, nothing written, when it would contain a
    department's name or id or any answer or finding text of the database."""
    from ..services.benchmark.packs import export_pack as export

    s.require_auditor()
    s.require_intact(_("得点パックを作ること"))
    return export(s.workspace, year, out, town=town, p12=p12, passphrase=passphrase, actor=s.actor)


@use_case
def import_pack(s: Session, path: Path) -> Imported:
    """Import one pack of another town (or the town's own earlier pack): checked against the schema and the
    database's texts, its ``.sig`` checked against the database's trust roots, kept and logged."""
    from ..services.benchmark.packs import import_pack as import_one
    from ..services.signing.trust import roots_for

    s.require_auditor()
    s.require_intact(_("得点パックを取り込むこと"))
    return import_one(s.workspace, path, roots=list(roots_for(s.workspace)), actor=s.actor)


@use_case
def compare(s: Session, year: int, *, town: str = OWN_TOWN, cons: Consolidation | None = None) -> Comparison:
    """Per chapter: the town's score, the other towns' median, the town's percentile, how many towns, and the
    town's previous 年度 (``cons``: the 年度 already consolidated, e.g. by the dashboard)."""
    from ..services.benchmark.packs import compare as compare_packs

    s.require_auditor()
    return compare_packs(s.workspace, year, town=town, cons=cons)
