"""A new file written whole, or not left behind: the one way Formwork creates a file it then renames.

The run's records and the sessions (session_files.py) and the avatar sizes (uploads/storage.py)
are each written to a fresh temporary name and renamed into place; both make that file here.
"""

import contextlib
import os

# Always a new file: never an existing one, nor a symlink planted under its name.
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def write_all(fd: int, data: bytes) -> None:
    """`os.write` until every byte is written: a write may write fewer (a signal, NFS, a full disk).

    A write that writes nothing is an error (it would otherwise be tried for ever).
    """
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(f"nothing was written to file descriptor {fd}")
        view = view[written:]


def write_new_file(path: str, data: bytes, mode: int) -> None:
    """Create `path` with `mode` holding all of `data`; on any failure once it exists, remove it and raise.

    One `os.open` and the writes `write_all` needs: no `mkstemp` name search nor file object
    around the descriptor. The mode is set on the open file as well, as the umask may have
    narrowed it.
    """
    fd = os.open(path, NEW_FILE, mode)
    try:
        try:
            os.fchmod(fd, mode)
            write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
