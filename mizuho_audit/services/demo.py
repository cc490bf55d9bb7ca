"""A deterministic demonstration database: every department of the master, plausible answers."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..domain.questionnaire import Item
from .workspace import Checklist, Workspace

JST = timezone(timedelta(hours=9))
DEFAULT_SEED = 20260401

_SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田",
             "石川", "森", "池田", "橋本", "阿部", "清水", "内田", "村野"]
_NA_REASONS = [
    "当課ではこの業務・設備を持たないため。",
    "該当する端末を当課では使用していないため。",
    "当課で所管する委託契約がないため。",
]
_NOTE_DONE = ["{ev}で確認した。", "{ev}を整備しており、今年度も更新済み。", "{ev}により実施を確認。"]
_NOTE_PARTIAL = ["{ev}はあるが、一部に漏れがある。", "実施しているが{ev}の記録が不十分。"]
_NOTE_NOT = ["現在は実施していない。", "手順が定まっておらず未実施。"]
_PLANS = [
    "{ev}を整備し、課内で周知する。",
    "手順を見直し、{ev}を毎月確認する運用に改める。",
    "次回の研修に合わせて対応する。",
    "情報システム担当と調整のうえ設定を変更する。",
]


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    years: list[int]
    departments: int
    answers: int


def _rating(rng: random.Random, maturity: float, item: Item) -> str:
    r = rng.random()
    if r < 0.05:
        return "na"
    r = rng.random()
    # High-importance items are a little more often done: departments look at them first.
    bonus = 0.05 if item.importance == "高" else 0.0
    if r < maturity + bonus:
        return "done"
    if r < maturity + bonus + (1 - maturity) * 0.6:
        return "partial"
    return "not_done"


def _fill(ws: Workspace, cl: Checklist, rng: random.Random, share: float, clock: Callable[[], str]) -> int:
    user = rng.choice(_SURNAMES) + "　" + rng.choice(["一郎", "花子", "健", "美咲", "直樹", "由美"])
    maturity = rng.uniform(0.45, 0.85)
    items = list(cl.questionnaire.items())
    count = len(items) if share >= 1 else int(len(items) * share)
    saved = 0
    for it in items[:count]:
        rating = _rating(rng, maturity, it)
        ev = it.evidence[0]
        fields: list[tuple[str, str]] = [("rating", rating)]
        if rating == "done":
            fields.append(("note", rng.choice(_NOTE_DONE).format(ev=ev)))
        elif rating == "na":
            fields.append(("reason", rng.choice(_NA_REASONS)))
        else:
            fields.append(("note", rng.choice(_NOTE_PARTIAL if rating == "partial" else _NOTE_NOT).format(ev=ev)))
            fields.append(("plan_content", rng.choice(_PLANS).format(ev=ev)))
            fields.append(("plan_owner", rng.choice(["係長", "課長補佐", "担当主任", "課長"])))
            fields.append(("plan_due", f"{cl.year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"))
        for field, value in fields:
            ws.save(cl, it.id, field, value, user, now=clock())
            saved += 1
    return saved


def build_demo(directory: Path, year: int = 2026, seed: int = DEFAULT_SEED,
               progress: Callable[[str], None] | None = None) -> DemoSummary:
    """Build ``directory/department.db`` (replacing an earlier demo database)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "department.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    start = datetime(year, 10, 1, 9, 0, tzinfo=JST)
    tick = [0]

    def clock() -> str:
        tick[0] += 1
        return (start + timedelta(seconds=37 * tick[0])).isoformat(timespec="seconds")

    ws = Workspace.open(path, now=start.isoformat(timespec="seconds"))
    try:
        years = [y for y in ws.catalog.years() if y <= year][-2:]
        if year not in years:
            raise KeyError(f"{year}年度のチェックリストがありません。")
        total = 0
        departments = ws.departments()
        for y in years:
            for i, dep in enumerate(departments):
                if progress:
                    progress(f"{y}年度 {dep.name}")
                cl = ws.checklist(dep.id, y, now=clock())
                # The current year: most departments finished, a few still working, one not started.
                share = 1.0 if y < year else (1.0 if i % 7 not in (3, 5) else (0.4 if i % 7 == 3 else 0.0))
                if share:
                    total += _fill(ws, cl, rng, share, clock)
        return DemoSummary(path, years, len(departments), total)
    finally:
        ws.close()
