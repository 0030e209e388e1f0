"""Saving the profile page: the details, and a photo kept across validation errors.

A valid new photo is staged (UUID name, staging area) the moment it arrives,
even when another field needs fixing, and its name kept in the session, so the
person never chooses it twice. Saving promotes it and commits through
`FileChanges`: the old avatar's files are deleted only after the commit
succeeded, and the new ones are removed if it failed.
"""

from flask import session

from extensions import db
from forms.profile import EditProfileForm
from models import User
from uploads import avatars
from uploads.commit import FileChanges
from uploads.commit import StoredFile

CHOSEN_PHOTO = "profile_photo"


def chosen_photo() -> str | None:
    """The stored name of a photo chosen on the profile page but not saved yet."""
    return session.get(CHOSEN_PHOTO)


def keep_chosen_photo(form: EditProfileForm) -> None:
    """Stage an uploaded photo that passed its own checks, replacing one chosen before."""
    upload = form.avatar.data
    if not upload or not getattr(upload, "filename", "") or form.avatar.errors:
        return
    name = avatars.stage_chosen_photo(form.avatar, session.get(CHOSEN_PHOTO))
    if name is not None:
        session[CHOSEN_PHOTO] = name


def forget_chosen_photo() -> None:
    """Drop a chosen, unsaved photo (the person asked to remove their photo)."""
    avatars.discard_staged_avatar(session.pop(CHOSEN_PHOTO, None))


def avatar_stored_files(name: str | None) -> list[StoredFile]:
    """The files of an avatar in the avatars area."""
    return [StoredFile(avatars.AVATARS, file) for file in avatars.avatar_files(name)]


def save_profile(form: EditProfileForm, user: User) -> None:
    """Write the details and the photo change in one commit; files follow the commit."""
    changes = FileChanges()
    old = user.avatar
    if form.remove_avatar is not None and form.remove_avatar.data:
        forget_chosen_photo()
        user.avatar = None
    elif chosen_photo():
        staged = session.pop(CHOSEN_PHOTO)
        try:
            user.avatar = avatars.promote_staged_avatar(staged)
        except FileNotFoundError:  # swept while the page was open: keep the old photo
            pass
        else:
            changes.wrote(avatar_stored_files(user.avatar))
    if user.avatar != old:
        changes.delete_after_commit(avatar_stored_files(old))
    form.populate_user(user)
    db.session.add(user)
    changes.commit()
