"""The Qt layer: views, item models, dialogs behind one seam."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads shiboken's import hook, made quicker below


def _quicker_pyside_import_check() -> None:
    """Make PySide6's import hook find out more cheaply whether a module uses PySide6.

    Once PySide6 is loaded, shiboken's hook (for ``from __feature__ import ...``) asks of every module imported
    whether its source contains "PySide6", through ``inspect.getsource``: ~0.15 ms a module, ~20 ms of the
    window's start, which imports some 130 modules after PySide6 (measured with bench/bench_window.py row 1). The
    same question is answered here by reading the file; a module without a ``.py`` file, or one that cannot be
    read, is asked as before. If a PySide6 version has no such function, nothing is changed."""
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(check) or getattr(check, "quicker", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(check(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(check(module))

    uses_pyside.quicker = True  # type: ignore[attr-defined]
    uses_pyside.original = check  # type: ignore[attr-defined]  # (tests compare the two)
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - a module's private function


_quicker_pyside_import_check()
