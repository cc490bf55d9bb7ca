"""Backups and restore for the window and the command line (the file work lives in storage.backup)."""

from __future__ import annotations

from ...storage.backup import *  # noqa: F403 - the same API as before the move
from ...storage.backup import Store
from ..workspace import Workspace


def reattach(ws: Workspace, store: Store) -> None:
    """Make the open workspace use ``store`` (the database reopened after a restore)."""
    ws.replace_store(store)
