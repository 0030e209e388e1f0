"""Housekeeping of stored files: those no row refers to, and partial writes left by a crash.

Each area that keeps files for rows says which names are in use (`referenced_by`).
Anything else in the area older than ORPHAN_GRACE_SECONDS goes: a file whose
deletion after a commit was interrupted, one written for a commit that never
happened, or a `.part-` file of an upload cut short. The grace period spares
files whose rows are being committed right now.
"""

from collections.abc import Callable

from flask import current_app

from uploads import storage

_REFERENCED: dict[str, Callable[[], set[str]]] = {}


def referenced_by(kind: str) -> Callable[[Callable[[], set[str]]], Callable[[], set[str]]]:
    """Register `finder() -> names`: the stored names in area `kind` that rows refer to."""

    def register(finder: Callable[[], set[str]]) -> Callable[[], set[str]]:
        _REFERENCED[kind] = finder
        return finder

    return register


def sweep_orphans() -> int:
    """Delete unreferenced files and partial writes older than the grace period; returns how many."""
    grace = current_app.config["ORPHAN_GRACE_SECONDS"]
    return sum(storage.sweep_unreferenced(kind, finder(), grace) for kind, finder in _REFERENCED.items())
