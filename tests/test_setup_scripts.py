"""The set-up installs what the window needs on a machine with a screen, and CI installs the same.

On a plain Debian desktop the window did not open: Qt's xcb platform links X libraries (libxcb-icccm4,
libxcb-keysyms1, ...) that a desktop may lack and the set-up did not install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "scripts" / "setup.sh"
CI = ROOT / ".ci" / "run"


def _assigned(text: str, name: str) -> set[str]:
    """Every package named in ``name="..."`` (and ``name="$name ..."``) assignments of a shell script."""
    found: set[str] = set()
    pattern = re.compile(rf'(?:^[ \t]*|\|\|\s*){name}="((?:[^"\\]|\\\n)*)"', re.M)
    for m in pattern.finditer(text):
        words = m.group(1).replace("\\\n", " ").split()
        found |= {w for w in words if not w.startswith("$")}
    return found


def setup_packages() -> set[str]:
    text = SETUP.read_text(encoding="utf-8")
    return _assigned(text, "SYSTEM_PACKAGES") | _assigned(text, "XCB_PACKAGES")


def ci_packages() -> set[str]:
    return _assigned(CI.read_text(encoding="utf-8"), "packages")


def debian_package(soname: str) -> str:
    """Debian's package name of a library (``libxcb-icccm.so.4`` → ``libxcb-icccm4``, ``libX11.so.6`` →
    ``libx11-6``: a name ending in a digit gets a hyphen before the version)."""
    base, _, version = soname.partition(".so.")
    base = base.lower()
    return f"{base}-{version}" if base[-1].isdigit() else f"{base}{version}"


def test_debian_package_names() -> None:
    assert debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert debian_package("libxcb-render-util.so.0") == "libxcb-render-util0"
    assert debian_package("libX11.so.6") == "libx11-6"
    assert debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"


def test_ci_installs_what_the_setup_installs() -> None:
    ci = ci_packages()
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libxkbcommon-x11-0"} <= setup_packages()
    # The test tools (Xvfb, LibreOffice) included: CI runs scripts/test.sh, which asks setup.sh for them.
    assert ci == setup_packages()


def _xcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="Linux: ldd")
def test_setup_installs_every_x_library_the_xcb_platform_links() -> None:
    """Each X library Qt's xcb plugin (and its XcbQpa library) links is installed by the set-up, so a new
    Qt that links one more shows here, not on a user's desktop."""
    plugin = _xcb_plugin()
    qpa = next((plugin.parent.parent.parent / "lib").glob("libQt6XcbQpa.so*"))
    output = subprocess.run(["ldd", str(plugin), str(qpa)], capture_output=True, text=True, check=True).stdout
    sonames = set(re.findall(r"^\s*((?:libxcb|libX11|libxkbcommon-x11)[\w.-]*\.so\.\d+)", output, re.M))
    assert "libxcb-icccm.so.4" in sonames
    needed = {debian_package(s) for s in sonames}
    assert needed - setup_packages() == set()


def _missing_libraries() -> list[str]:
    plugin = _xcb_plugin()
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines() if "not found" in line]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None or not sys.platform.startswith("linux"),
                    reason="needs Xvfb (apt-get install xvfb)")
def test_window_starts_on_a_real_x_screen(tmp_path: Path) -> None:
    """Under Xvfb with Qt's xcb platform (not offscreen) the app stays up showing its first window."""
    if missing := _missing_libraries():
        pytest.fail("scripts/setup.sh has not been run here: missing " + ", ".join(missing))
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["MIZUHO_AUDIT_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.Popen(
        ["xvfb-run", "-a", sys.executable, "-m", "mizuho_audit", "--db", str(tmp_path / "x.db")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        time.sleep(6)
        alive = proc.poll() is None
    finally:
        os.killpg(proc.pid, 15)
        output = proc.communicate(timeout=20)[0]
    assert alive, output
    assert "could not load the Qt platform plugin" not in output
