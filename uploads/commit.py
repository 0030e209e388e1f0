"""Files that follow a database commit: written ones removed if it fails, old ones deleted once it succeeded.

A row must never point at a deleted file, and no file may outlive the row that
failed to be written for it. So a change that touches both does its file work
through `FileChanges`: new files are recorded as written, old files are queued,
and `commit()` commits the session, then deletes the old files; if the commit
raises, it rolls back, removes the new files, and re-raises.
"""

from collections.abc import Callable
from collections.abc import Iterable
from typing import NamedTuple

from extensions import db
from uploads import storage


class StoredFile(NamedTuple):
    """One file under UPLOAD_ROOT: its area (`avatars`, `documents`...) and stored name."""

    kind: str
    name: str


class FileChanges:
    """New files to remove if the commit fails; old files to delete once it succeeded."""

    def __init__(self) -> None:
        self.written: list[StoredFile] = []
        self.obsolete: list[StoredFile] = []

    def wrote(self, files: Iterable[StoredFile]) -> None:
        """Files written for this change (they go if the commit fails)."""
        self.written.extend(files)

    def delete_after_commit(self, files: Iterable[StoredFile]) -> None:
        """Files the committed change no longer refers to."""
        self.obsolete.extend(files)

    def commit(self) -> None:
        """Commit the session, then delete the obsolete files; on failure remove the written ones."""
        try:
            db.session.commit()
        except BaseException:
            db.session.rollback()
            delete_stored(self.written)
            raise
        delete_stored(self.obsolete)


def delete_stored(files: Iterable[StoredFile]) -> None:
    """Delete stored files that exist; missing ones are not an error."""
    for file in files:
        storage.delete(file.kind, file.name)


# Each feature that stores files for a user says which (`owned_files`), so deleting an
# account deletes them all without knowing every feature.
OwnedFiles = Callable[[object], Iterable[StoredFile]]
_OWNERS: list[OwnedFiles] = []


def owned_files(finder: OwnedFiles) -> OwnedFiles:
    """Register `finder(user) -> files`: the stored files of one kind that `user` owns."""
    _OWNERS.append(finder)
    return finder


def files_owned_by(user: object) -> list[StoredFile]:
    """Every stored file that `user` owns, of every registered kind."""
    return [file for finder in _OWNERS for file in finder(user)]
