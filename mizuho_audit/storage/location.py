"""Where a database lives: on this PC's disk, or in a shared folder on the network.

SQLite's WAL needs memory shared between the processes that open the file: it does not work on a network
file system (SMB/CIFS, NFS), and two PCs writing one file there can damage it. So a database in a network
location is opened with the rollback journal (``journal_mode=DELETE``) and written by one holder at a time
(:mod:`.holder`); a local one keeps WAL.

A network location is a UNC path (``\\\\server\\share\\...``) or a drive whose type is remote
(Windows ``GetDriveTypeW`` = ``DRIVE_REMOTE``), or, on Linux, a folder on a network file system
(``/proc/mounts``: cifs, smb3, nfs, fuse.sshfs, ...). ``MIZUHO_AUDIT_STORAGE=network`` or ``=local``
overrides the detection (tests; a share the detection does not recognise).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

STORAGE_ENV = "MIZUHO_AUDIT_STORAGE"
NETWORK, LOCAL = "network", "local"
NETWORK_FILESYSTEMS = frozenset({
    "cifs", "smb3", "smbfs", "smb", "nfs", "nfs4", "fuse.sshfs", "sshfs", "9p", "afs", "ceph", "glusterfs",
    "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "lustre", "gpfs", "ncpfs", "coda", "fuse.s3fs",
})
DRIVE_REMOTE = 4


def is_unc(path: str) -> bool:
    """``\\\\server\\share\\...`` (also ``//server/share``), but not the local device paths ``\\\\?\\C:``."""
    text = str(path).replace("/", "\\")
    if text.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))


def _windows_remote_drive(path: Path) -> bool:
    drive = PureWindowsPath(str(path.absolute())).drive
    if not drive or is_unc(drive):
        return bool(drive)
    if sys.platform != "win32":
        return False
    import ctypes

    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)


def _unescape_mount(text: str) -> str:
    # /proc/mounts writes a space as \040, a tab as \011, a backslash as \134.
    return text.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def mount_type(path: Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount holding ``path`` (Linux, from ``/proc/mounts``); None elsewhere."""
    target = str(path)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        target = str(path.resolve())
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape_mount(fields[1])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type


def is_network_location(path: Path | str) -> bool:
    """Whether the database at ``path`` lives in a network location (see the module's note)."""
    forced = os.environ.get(STORAGE_ENV, "").strip().lower()
    if forced in (NETWORK, LOCAL):
        return forced == NETWORK
    if str(path) == ":memory:":
        return False
    if is_unc(str(path)):
        return True
    p = Path(path)
    if sys.platform == "win32":
        return _windows_remote_drive(p)
    fs = mount_type(p)
    return fs is not None and fs.lower() in NETWORK_FILESYSTEMS
