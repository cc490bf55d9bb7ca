"""Keep the English catalogues current: ``python scripts/translations.py update|build|check``.

- ``update`` (or ``update-core`` / ``update-ui``): collect the messages of the core and the command
  line (every ``_("...")`` call) into
  ``resources/i18n/en/mizuho_audit.po`` (keeping existing translations), and the window's
  (``self.tr("...")`` / ``QCoreApplication.translate``) into ``resources/i18n/mizuho_audit_en.ts``
  with ``pyside6-lupdate``;
- ``build`` (or ``build-core`` / ``build-ui``): compile them to ``.mo`` (polib) and ``.qm`` (``pyside6-lrelease``);
- ``check``: exit 1 when a message has no English translation or a compiled file is stale.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "mizuho_audit"
PO = ROOT / "resources" / "i18n" / "en" / "mizuho_audit.po"
MO = PO.with_suffix(".mo")
TS = ROOT / "resources" / "i18n" / "mizuho_audit_en.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def core_messages() -> dict[str, list[str]]:
    """msgid -> where it is used, for every literal ``_("...")`` outside ui/."""
    found: dict[str, list[str]] = {}
    for path in sorted(PKG.rglob("*.py")):
        if "ui" in path.relative_to(PKG).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def update() -> None:
    update_core()
    update_ui()


def update_core() -> None:
    po = polib.pofile(str(PO)) if PO.exists() else polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en", "Project-Id-Version": "mizuho-audit"}
    known = {e.msgid: e for e in po}
    messages = core_messages()
    for msgid, where in messages.items():
        entry = known.get(msgid)
        if entry is None:
            entry = polib.POEntry(msgid=msgid, msgstr="")
            po.append(entry)
        entry.occurrences = [(w.rsplit(":", 1)[0], w.rsplit(":", 1)[1]) for w in where]
        entry.obsolete = False
    for entry in po:
        if entry.msgid not in messages:
            entry.obsolete = True
    PO.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(PO))
    print(f"{PO}: {len([e for e in po if not e.obsolete])} messages")


def update_ui() -> None:
    ui_files = [str(p) for p in sorted((PKG / "ui").rglob("*.py"))] + [str(PKG / "app.py")]
    subprocess.run([_tool("pyside6-lupdate"), *ui_files, "-ts", str(TS), "-no-obsolete"], check=True,
                   capture_output=True)
    print(f"{TS} updated")


def build() -> None:
    build_core()
    build_ui()


def build_core() -> None:
    polib.pofile(str(PO)).save_as_mofile(str(MO))
    print(f"built {MO.name}")


def build_ui() -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, capture_output=True)
    print(f"built {QM.name}")


def check() -> int:
    problems = []
    po = polib.pofile(str(PO))
    active = [e for e in po if not e.obsolete]
    missing = set(core_messages()) - {e.msgid for e in active}
    problems += [f"not in the catalogue: {m!r}" for m in sorted(missing)][:20]
    problems += [f"no English for: {e.msgid!r}" for e in active if not e.msgstr.strip()][:20]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "x.mo"
        po.save_as_mofile(str(fresh))
        if not MO.exists() or fresh.read_bytes() != MO.read_bytes():
            problems.append(f"{MO.name} is stale: run scripts/translations.py build")
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    actions = {"update": update, "update-core": update_core, "update-ui": update_ui, "build": build,
               "build-core": build_core, "build-ui": build_ui}
    if command in actions:
        actions[command]()
    else:
        sys.exit(check())
