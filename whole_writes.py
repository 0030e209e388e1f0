"""`write_all`: every byte of a buffer written to a file descriptor, as a buffered file would."""

import os


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
