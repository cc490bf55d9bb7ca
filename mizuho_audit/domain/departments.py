"""The town's department master: bodies (機関), departments (課) and their traits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    id: str
    name: str


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    body_id: str
    body_name: str
    division: str
    traits: frozenset[str]
    note: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.body_name} {self.division} {self.name}".replace("  ", " ").strip() if self.division \
            else f"{self.body_name} {self.name}"


@dataclass(frozen=True)
class DepartmentMaster:
    version: str
    title: str
    traits: dict[str, str]
    bodies: tuple[Body, ...]
    departments: tuple[Department, ...]
    source: str = ""

    def get(self, department_id: str) -> Department:
        for d in self.departments:
            if d.id == department_id:
                return d
        raise KeyError(department_id)
