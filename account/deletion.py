"""Deleting an account: every row it owns in one transaction, then every file it owns."""

from flask import current_app
from flask import session
from flask_login import logout_user

from extensions import db
from models import User
from uploads.commit import FileChanges
from uploads.commit import files_owned_by


def delete_account(user: User) -> None:
    """Delete `user` and what they own, sign out, and remove their files after the commit.

    Rows go by ORM and foreign-key cascades; files by every kind registered with
    `uploads.commit.owned_files`, so a new feature's files go too.
    """
    changes = FileChanges()
    changes.delete_after_commit(files_owned_by(user))
    user_id = user.id
    db.session.delete(user)
    changes.commit()
    current_app.logger.info("Deleted user %s", user_id)
    session.clear()
    logout_user()  # after clear: its note to delete the remember cookie must stay in the session
    current_app.session_interface.regenerate(session)
