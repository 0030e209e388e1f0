"""Where files live under UPLOAD_ROOT, named by UUID, written atomically."""

import contextlib
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable
from typing import IO

from flask import current_app

# A stored name is a UUID hex and a fixed extension: never user text.
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(webp|png|jpg|pdf|docx|txt)$")


def upload_dir(kind: str) -> str:
    """UPLOAD_ROOT/<kind>, created on first use."""
    path = os.path.join(current_app.config["UPLOAD_ROOT"], kind)
    os.makedirs(path, exist_ok=True)
    return path


def new_stored_name(extension: str) -> str:
    """A fresh storage name: `<uuid4 hex>.<extension>`."""
    return f"{uuid.uuid4().hex}.{extension}"


def is_stored_name(name: str) -> bool:
    """True for names this module makes; anything else is refused before touching disk."""
    return bool(STORED_NAME.match(name or ""))


def write_atomically(kind: str, name: str, write: Callable[[IO[bytes]], None]) -> str:
    """Write via a temporary file and rename, so no half-written file is ever visible."""
    directory = upload_dir(kind)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, os.path.join(directory, name))
    except BaseException:
        os.unlink(tmp)
        raise
    return os.path.join(directory, name)


def move(name: str, source_kind: str, target_kind: str) -> None:
    """Move a stored file between areas (staging to avatars) in one rename."""
    os.replace(os.path.join(upload_dir(source_kind), name), os.path.join(upload_dir(target_kind), name))


def delete(kind: str, name: str | None) -> None:
    """Delete a stored file if it exists."""
    if name and is_stored_name(name):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(upload_dir(kind), name))


def sweep_older_than(kind: str, max_age: float) -> int:
    """Delete files (and stray partial writes) in an area older than `max_age` seconds."""
    cutoff = time.time() - max_age
    removed = 0
    for entry in os.scandir(upload_dir(kind)):
        if entry.is_file() and entry.stat().st_mtime < cutoff:
            try:
                os.unlink(entry.path)
                removed += 1
            except FileNotFoundError:
                pass
    return removed
