"""Where files live under UPLOAD_ROOT, named by UUID, written atomically."""

import contextlib
import hashlib
import os
import re
import tempfile
import time
import uuid
from dataclasses import dataclass
from typing import IO

from flask import current_app

from whole_writes import write_new_file

# A stored name is a UUID hex, an optional size (`-128`) and a fixed extension: never user text.
STORED_NAME = re.compile(r"^[0-9a-f]{32}(-[0-9]{2,4})?\.(webp|png|jpg|pdf|docx|txt)$")
PARTIAL_PREFIX = ".part-"
CHUNK = 64 * 1024


class FileTooLarge(ValueError):
    """An upload went past its size limit while it was being received."""


@dataclass(frozen=True)
class Received:
    """An upload copied into a partial file (not yet visible under a stored name)."""

    path: str
    size: int
    sha256: str


def upload_dir(kind: str) -> str:
    """UPLOAD_ROOT/<kind>, created on first use.

    Asked before every read, write and move of a file: one `stat` when the folder is there,
    where `os.makedirs(exist_ok=True)` costs three system calls and an exception every time.
    """
    path = os.path.join(current_app.config["UPLOAD_ROOT"], kind)
    if not os.path.isdir(path):
        os.makedirs(path, exist_ok=True)
    return path


def new_stored_name(extension: str) -> str:
    """A fresh storage name: `<uuid4 hex>.<extension>`."""
    return f"{uuid.uuid4().hex}.{extension}"


def is_stored_name(name: str) -> bool:
    """True for names this module makes; anything else is refused before touching disk."""
    return bool(STORED_NAME.match(name or ""))


def write_files(kind: str, files: dict[str, bytes]) -> None:
    """Write each of `files` (stored name: bytes) in `kind` atomically; if one fails, none is kept."""
    directory = upload_dir(kind)
    written: list[str] = []
    try:
        for name, data in files.items():
            written.append(write_atomically(directory, name, data))
    except BaseException:
        for path in written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
        raise


def write_atomically(directory: str, name: str, data: bytes) -> str:
    """Write `data` as `directory/name` via a partial file and a rename, so no half-written file is ever visible.

    The partial file (`whole_writes.write_new_file`: exclusive, mode 0o600) is named after the
    stored name, already a fresh UUID.
    """
    partial = os.path.join(directory, f"{PARTIAL_PREFIX}{name}")
    write_new_file(partial, data, 0o600)
    path = os.path.join(directory, name)
    try:
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise
    return path


def receive_stream(kind: str, stream: IO[bytes], max_bytes: int) -> Received:
    """Copy an upload into a partial file in `kind` chunk by chunk, hashing as it goes.

    Never holds more than one chunk in memory; stops and removes the partial file
    (FileTooLarge) as soon as it passes `max_bytes`.
    """
    fd, tmp = tempfile.mkstemp(dir=upload_dir(kind), prefix=PARTIAL_PREFIX)
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise FileTooLarge()
                digest.update(chunk)
                fh.write(chunk)
    except BaseException:
        os.unlink(tmp)
        raise
    return Received(tmp, size, digest.hexdigest())


def keep_received(received: Received, kind: str, name: str) -> None:
    """Give a received partial file its stored name (one rename)."""
    os.replace(received.path, os.path.join(upload_dir(kind), name))


def discard_received(received: Received) -> None:
    """Remove a received partial file that will not be kept."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(received.path)


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


def sweep_unreferenced(kind: str, keep: set[str], max_age: float) -> int:
    """Delete files in an area older than `max_age` seconds whose names are not in `keep`."""
    cutoff = time.time() - max_age
    removed = 0
    for entry in os.scandir(upload_dir(kind)):
        if entry.name not in keep and entry.is_file() and entry.stat().st_mtime < cutoff:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed += 1
    return removed
