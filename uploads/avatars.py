"""Avatars: two sizes under one UUID name; staged during registration, promoted on confirm."""

import contextlib
from typing import IO
from typing import Any

from flask import current_app
from sqlalchemy import select

from extensions import db
from models import User
from uploads import storage
from uploads.commit import StoredFile
from uploads.commit import owned_files
from uploads.images import AVATAR_SIZES
from uploads.images import ImageRejected
from uploads.images import avatar_webps
from uploads.names import about_file
from uploads.sweep import referenced_by

STAGING = "staging"
AVATARS = "avatars"


def sized_name(name: str, size: int) -> str:
    """The file of one size: the largest is `name` itself, the others `<uuid>-<size>.webp`."""
    if size == AVATAR_SIZES[0]:
        return name
    stem, dot, extension = name.rpartition(".")
    return f"{stem}-{size}{dot}{extension}"


def avatar_files(name: str | None) -> list[str]:
    """Every stored file of an avatar, largest first (none for no avatar)."""
    return [sized_name(name, size) for size in AVATAR_SIZES] if name else []


def save_avatar(stream: IO[bytes], kind: str) -> str:
    """Process an uploaded image into `kind` (STAGING or AVATARS); returns its stored name.

    Raises ImageRejected (with a message for the user) when it is not an image.
    Every size is written, or none is.
    """
    encoded = avatar_webps(stream)
    name = storage.new_stored_name("webp")
    storage.write_files(
        kind, {sized_name(name, size): data for size, data in zip(AVATAR_SIZES, encoded, strict=True)}
    )
    return name


def stage_avatar(stream: IO[bytes]) -> str:
    """Process an uploaded image into the staging area; returns its stored name."""
    return save_avatar(stream, STAGING)


def stage_chosen_photo(field: Any, replacing: str | None) -> str | None:
    """Stage the photo uploaded in file field `field` in place of the staged `replacing` (then
    discarded); None when the image is refused, with a field error that names the file."""
    upload = field.data
    try:
        name = stage_avatar(upload.stream)
    except ImageRejected as exc:
        field.errors = [*field.errors, about_file(upload.filename, str(exc))]
        return None
    discard_staged_avatar(replacing)
    return name


def promote_staged_avatar(name: str) -> str:
    """Make a staged avatar a real one (renames); returns its name, which promoting keeps.

    The name is the one to store on the user: a row given it before the move (the wizard's
    confirm inserts it so) needs no update. Raises FileNotFoundError when the staged photo
    is gone (swept).
    """
    storage.move(name, STAGING, AVATARS)
    for small in avatar_files(name)[1:]:
        # A photo staged before avatars had several sizes has none: the route falls back.
        with contextlib.suppress(FileNotFoundError):
            storage.move(small, STAGING, AVATARS)
    return name


def delete_files(kind: str, name: str | None) -> None:
    """Delete every size of an avatar in one area."""
    for file in avatar_files(name):
        storage.delete(kind, file)


def discard_staged_avatar(name: str | None) -> None:
    """Delete a staged avatar that will not be used."""
    delete_files(STAGING, name)


def delete_avatar(name: str | None) -> None:
    """Delete a user's avatar files (when replaced or removed)."""
    delete_files(AVATARS, name)


def sweep_staged_avatars() -> int:
    """Delete staged avatars of registrations abandoned longer than WIZARD_TTL_SECONDS."""
    return storage.sweep_older_than(STAGING, current_app.config["WIZARD_TTL_SECONDS"])


@owned_files
def avatar_of(user) -> list[StoredFile]:
    """The avatar files of `user`, deleted with the account."""
    return [StoredFile(AVATARS, file) for file in avatar_files(user.avatar)]


@referenced_by(AVATARS)
def avatars_in_use() -> set[str]:
    """Every file of every user's avatar (the sweep keeps these)."""
    names = db.session.scalars(select(User.avatar).where(User.avatar.is_not(None)))
    return {file for name in names for file in avatar_files(name)}
