"""Avatars: staged during registration under a UUID name, promoted on confirm."""

from typing import IO

from flask import current_app

from uploads import storage
from uploads.images import avatar_from_upload
from uploads.images import save_webp

STAGING = "staging"
AVATARS = "avatars"


def stage_avatar(stream: IO[bytes]) -> str:
    """Process an uploaded image into the staging area; returns its stored name.

    Raises ImageRejected (with a message for the user) when it is not an image.
    """
    image = avatar_from_upload(stream)
    name = storage.new_stored_name("webp")
    storage.write_atomically(STAGING, name, lambda fh: save_webp(image, fh))
    return name


def promote_staged_avatar(name: str) -> str:
    """Make a staged avatar a real one (a rename); returns the name to store on the user."""
    storage.move(name, STAGING, AVATARS)
    return name


def discard_staged_avatar(name: str | None) -> None:
    """Delete a staged avatar that will not be used."""
    storage.delete(STAGING, name)


def delete_avatar(name: str | None) -> None:
    """Delete a user's avatar file (when replaced or removed)."""
    storage.delete(AVATARS, name)


def sweep_staged_avatars() -> int:
    """Delete staged avatars of registrations abandoned longer than WIZARD_TTL_SECONDS."""
    return storage.sweep_older_than(STAGING, current_app.config["WIZARD_TTL_SECONDS"])
