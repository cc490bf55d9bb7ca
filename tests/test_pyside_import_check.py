"""The Qt layer's quicker answer to PySide6's "does this module use PySide6" question (asked of every module
imported once PySide6 is loaded; issue 19, the window's start) is the answer PySide6's own check gives."""

from __future__ import annotations

import sys

import mizuho_audit.ui  # installs the quicker check
import mizuho_audit.ui.main_window  # noqa: F401 - the modules the window starts with
from mizuho_audit.cli.main import run  # noqa: F401


def test_the_quicker_check_answers_as_pysides_own_on_every_loaded_module() -> None:
    feature = sys.modules["shibokensupport.feature"]
    quicker = feature._mod_uses_pyside
    assert getattr(quicker, "quicker", False), "the quicker check is not installed"
    original = quicker.original
    modules = [m for m in list(sys.modules.values()) if m is not None and isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 200
    differing = [m.__name__ for m in modules if bool(quicker(m)) != bool(original(m))]
    assert differing == []
    # Both ways see PySide6 in the app's Qt modules and not in its domain code.
    assert quicker(sys.modules["mizuho_audit.ui.main_window"]) is True
    assert quicker(sys.modules["mizuho_audit.domain.questionnaire"]) is False
