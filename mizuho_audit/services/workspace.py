"""A workspace: the catalog of checklists and the open store, composed for one database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..domain.assessment import Answer, Assessment, missing_fields
from ..domain.departments import Department
from ..domain.plans import plan_due_problem
from ..domain.questionnaire import CENTRAL_TRAIT, Chapter, Item, Questionnaire, Section
from ..domain.records import FollowupRecord
from ..errors import InputProblem, StoreProblem
from ..i18n import _
from ..paths import shipped_questionnaires_dir, town_questionnaires_dir
from ..questionnaires.catalog import Catalog
from ..questionnaires.catalog_cache import load_catalog_cached
from ..questionnaires.crosswalk import with_references
from ..questionnaires.loader import questionnaire_from_data
from ..storage.repository import Store

FOLLOWUP_CHAPTER = "F"
FOLLOWUP_PREFIX = "FU-"
_GRADE_IMPORTANCE = {"major": "高", "minor": "中", "observation": "低", "good": "低"}


def followup_item_id(finding_ref: int) -> str:
    return f"{FOLLOWUP_PREFIX}{finding_ref:03d}"


def with_followups(checklist: Questionnaire, followups: list[FollowupRecord]) -> Questionnaire:
    """The checklist with last year's findings added as follow-up items (改善報告)."""
    items = []
    for f in followups:
        due = f"（期限: {f.due}）" if f.due else ""
        items.append(Item(
            id=followup_item_id(f.finding_ref),
            question=f"前年度の指摘事項「{f.title}」への改善を完了しましたか。",
            criteria_done="推奨事項に沿った改善を完了し、完了を示す記録がある。",
            criteria_partial="改善に着手しているが完了していない、または完了の記録がない。",
            evidence=("改善の実施記録", "改善報告書"), clause="6(9)", importance=_GRADE_IMPORTANCE.get(f.grade, "中"),
            cia=("C", "I", "A"),
            guidance=f"指摘内容: {f.text}\n推奨事項: {f.recommendation}{due}\n"
                     "実施状況・根拠の欄に、何をしたか（改善報告）を書いてください。",
            chapter_id=FOLLOWUP_CHAPTER, section_id=f"{FOLLOWUP_CHAPTER}.1",
        ))
    chapter = Chapter(FOLLOWUP_CHAPTER, "前年度の指摘事項への対応（改善報告）", "6(9)",
                      (Section(f"{FOLLOWUP_CHAPTER}.1", "監査の指摘事項", tuple(items)),))
    return replace(checklist, chapters=(*checklist.chapters, chapter))


class ReadOnlyRefused(StoreProblem):
    """A step that would write, on a database opened for reading only."""


class AnswerRejected(InputProblem, ValueError):
    """A value that cannot be saved (e.g. not on the scale); the message is for the user."""


@dataclass
class Checklist:
    """One department's checklist for one 年度: the items it is asked, and the answers so far.

    Under a rotation the items are the year's (core, the group due, the themes added for the department);
    a submitted checklist keeps the items its submission was asked.
    """

    assessment: Assessment
    department: Department
    questionnaire: Questionnaire  # already filtered to the items the department is asked this 年度
    themes: tuple[str, ...] = ()  # the themes added for the department in the 年度
    rotation_group: str = ""  # the rotation group due ("" when the checklist asks everything every year)
    asked: list[str] = field(default_factory=list)  # the questionnaire's item ids asked (no follow-ups)

    @property
    def year(self) -> int:
        return self.assessment.fiscal_year

    def asked_record(self) -> dict[str, Any]:
        """What the submission records of the items it was asked (under a rotation only)."""
        return {"group": self.rotation_group, "themes": list(self.themes), "items": list(self.asked)}


@dataclass(frozen=True)
class CentralAnswers:
    """The 事務局's answers to the items it answers once for the town that concern a department (read only)."""

    unit: Department
    questionnaire: Questionnaire  # the central items of the 年度 that concern the department
    answers: dict[str, Answer]
    status: str  # the 事務局's checklist: in_progress | submitted ...


def asked_in_snapshot(snapshot: dict[str, Any]) -> tuple[list[str], tuple[str, ...]] | None:
    """(item ids, themes) a submission says it was asked; None for a submission without that record
    (made before the rotation, or for a checklist that asks everything every year)."""
    asked = snapshot.get("asked")
    if not isinstance(asked, dict) or not isinstance(asked.get("items"), list):
        return None
    themes = asked.get("themes")
    return [str(i) for i in asked["items"]], tuple(str(t) for t in themes) if isinstance(themes, list) else ()


class Workspace:
    """Composition of the catalog and the store, used by the window and the command line."""

    def __init__(self, store: Store, catalog: Catalog, now: str | None = None,
                 dirs: tuple[Path, Path | None] | None = None) -> None:
        self.store = store
        self.catalog = catalog
        self._dirs = dirs
        self._by_key: dict[int, Questionnaire] = {}
        self._register(now)

    def _register(self, now: str | None = None) -> None:
        if self.store.read_only:  # someone else holds it, or a look at a damaged one: nothing is written
            for q in self.catalog.questionnaires:
                if (key := self.store.questionnaire_key(q)) is not None:
                    self._by_key[key] = q
            return
        self.store.sync_departments(self.catalog.master, now)
        for q in self.catalog.questionnaires:
            key = self.store.register_questionnaire(q, now)
            self._by_key[key] = q

    def replace_store(self, store: Store) -> None:
        """Use ``store`` from now on (the database reopened after a restore)."""
        self.store = store
        self._by_key.clear()  # questionnaire keys belong to the database that was replaced
        self._register()

    def reload_catalog(self) -> None:
        """Load the questionnaires and the master again (after the administrator imported a file)."""
        shipped, town = self._dirs or (shipped_questionnaires_dir(), town_questionnaires_dir())
        self.catalog = load_catalog_cached(shipped, town)
        self._register()

    @classmethod
    def open(cls, db_path: Path, shipped_dir: Path | None = None, town_dir: Path | None = None,
             now: str | None = None, role: str | None = None, passphrase: str | None = None,
             inspect: bool = False, read_only: bool = False) -> Workspace:
        """Load the catalog (shipped files and the town's own copies) and open the database (``inspect``: an
        auditor's database that fails its self-check opens read-only instead of being refused; ``read_only``:
        for reading only, while someone else holds it)."""
        shipped = shipped_dir or shipped_questionnaires_dir()
        town = town_dir if town_dir is not None else town_questionnaires_dir()
        catalog = load_catalog_cached(shipped, town)
        store = Store.open(db_path, role=role, passphrase=passphrase, now=now, read_only=read_only, inspect=inspect)
        try:
            return cls(store, catalog, now, (shipped, town))
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        self.store.close()

    def years(self) -> list[int]:
        years = set(self.catalog.years()) | {a.fiscal_year for a in self.store.assessments()}
        return sorted(years)

    def departments(self) -> list[Department]:
        known = {d.id for d in self.catalog.master.departments}
        # Departments from the master first (in its order), then ones only the database knows.
        return list(self.catalog.master.departments) + [d for d in self.store.departments() if d.id not in known]

    def department(self, department_id: str) -> Department:
        for d in self.departments():
            if d.id == department_id:
                return d
        raise KeyError(department_id)

    def questionnaire_for_key(self, key: int) -> Questionnaire:
        """The exact questionnaire text stored under ``key`` (what was answered)."""
        if key not in self._by_key:
            stored = questionnaire_from_data(self.store.questionnaire_data(key), f"database:{key}")
            self._by_key[key] = with_references(stored, self.catalog.crosswalk_for(stored))
        return self._by_key[key]

    def checklist(self, department_id: str, year: int, now: str | None = None) -> Checklist:
        """Open (or start) a department's checklist for a 年度."""
        department = self.department(department_id)
        existing = [a for a in self.store.assessments(year) if a.department_id == department_id]
        if existing:
            assessment = existing[-1]
        elif self.store.read_only:
            raise ReadOnlyRefused(_("{department}の{year}年度の点検はまだ始まっていません"
                                    "（読み取り専用で開いているため、始められません）。"
                                    ).format(department=department.name, year=year))
        else:
            q = self.catalog.for_year(year)
            if q is None:
                raise KeyError(_("{year}年度のチェックリストがありません。").format(year=year))
            key = self.store.register_questionnaire(q, now)
            self._by_key[key] = q
            assessment = self.store.open_assessment(department_id, year, key, now)
        full = self.questionnaire_for_key(assessment.questionnaire_key)
        checklist, themes = self._asked(assessment, department, full)
        asked = [it.id for it in checklist.items()]
        followups = self.store.followups(department_id, year - 1)
        if followups:
            checklist = with_followups(checklist, followups)
        return Checklist(assessment, department, checklist, themes, full.due_group if full.rotates else "", asked)

    def themes_for(self, department_id: str, year: int, q: Questionnaire) -> tuple[str, ...]:
        """The themes added for a department in a 年度 that ``q`` knows (an unknown one is left out)."""
        known = {t.id for t in q.themes}
        return tuple(t for t in self.store.theme_assignments(year).get(department_id, ()) if t in known)

    def _asked(self, assessment: Assessment, department: Department,
               full: Questionnaire) -> tuple[Questionnaire, tuple[str, ...]]:
        """The items a department is asked in the 年度 and the themes among them. Without a rotation every item
        that applies, every year (as always); a submitted checklist keeps what its submission was asked."""
        if not full.rotates:
            return full.checklist_for(department.traits), ()
        if self.store.status_of(assessment.id) == "submitted":
            subs = self.store.submissions(assessment.id)
            snap = json.loads(subs[-1].snapshot) if subs else {}
            recorded = asked_in_snapshot(snap)
            if recorded is not None:
                return full.only(recorded[0]), recorded[1]
            if subs:  # submitted before submissions recorded it: the items it answered
                return full.only([str(a.get("item_id")) for a in snap.get("answers", [])]), ()
        themes = self.themes_for(department.id, assessment.fiscal_year, full)
        return full.checklist_for_year(department.traits, themes), themes

    def central_answers(self, cl: Checklist) -> CentralAnswers | None:
        """The 事務局's answers to the central items that concern ``cl``'s department, when this database holds
        them (None otherwise, and for the 事務局's own checklist)."""
        if CENTRAL_TRAIT in cl.department.traits:
            return None
        full = self.questionnaire_for_key(cl.assessment.questionnaire_key)
        central = full.central_for_year(cl.department.traits)
        ids = {it.id for it in central.items()}
        if not ids:
            return None
        offices = [d for d in self.departments() if CENTRAL_TRAIT in d.traits and d.id != cl.department.id]
        for office in offices:
            found = [a for a in self.store.assessments(cl.year) if a.department_id == office.id]
            if not found:
                continue
            answers = {i: a for i, a in self.store.answers(found[-1].id).items() if i in ids and a.rating}
            if answers:
                return CentralAnswers(office, central, answers, self.store.status_of(found[-1].id))
        return None

    def answers(self, checklist: Checklist) -> dict[str, Answer]:
        return self.store.answers(checklist.assessment.id)

    def save(self, checklist: Checklist, item_id: str, field: str, value: str, user: str,
             now: str | None = None) -> bool:
        """Validate and save one field of one answer at once."""
        q = checklist.questionnaire
        try:
            q.item(item_id)
        except KeyError as exc:
            raise AnswerRejected(_("項目 {item} はこのチェックリストにありません。"
                                   ).format(item=item_id)) from exc
        value = value.strip() if field in ("rating", "plan_due") else value
        if field == "rating" and value and value not in {o.key for o in q.scale}:
            raise AnswerRejected(_("評価「{value}」は回答の選択肢にありません。").format(value=value))
        if field == "plan_due" and (problem := plan_due_problem(value, checklist.year)):
            # Tied to the 年度 (from its 4月1日, within three years), not to today.
            raise AnswerRejected(problem)
        return self.store.save_answer_field(checklist.assessment.id, item_id, field, value, user, now)

    def incomplete_items(self, checklist: Checklist) -> list[tuple[str, list[str]]]:
        answers = self.answers(checklist)
        result = []
        for it in checklist.questionnaire.items():
            missing = missing_fields(answers.get(it.id), checklist.questionnaire, checklist.year)
            if missing:
                result.append((it.id, missing))
        return result
