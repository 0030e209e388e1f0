"""Flask-Login's user loader, and signing in with a fresh session id.

Sessions and remember cookies carry the user's `session_token`, not the id
(Flask-Login's alternative-token pattern): rotating the token at sign-out,
password change and reset makes every copy of the old cookies worthless.
"""

import time

from flask import Flask
from flask import current_app
from flask import g
from flask import request
from flask import session
from flask_login import current_user
from flask_login import login_user
from flask_login import logout_user
from flask_login import user_loaded_from_cookie
from flask_login.config import COOKIE_NAME
from sqlalchemy.exc import SQLAlchemyError

from extensions import db
from extensions import login_manager
from models import User
from sessions import EARLIER_SIDS_KEY
from sessions import LOGIN_KEY
from sessions import MAX_EARLIER_SIDS
from sessions import SIGNED_OUT_KEY


def load_user(token: str) -> User | None:
    """The signed-in user; a database outage is flagged for a 503, not a crash."""
    try:
        return User.find_by_session_token(token)
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Could not load the signed-in user")
        g.database_down = True
        return None


def sign_in(user: User, remember: bool = False) -> None:
    """Log `user` in under a new session id, so a planted id is worthless.

    The old id is remembered in the session: a registration started under it in
    another tab stays this browser's (and can be continued after signing out).
    """
    earlier = [*session.get(EARLIER_SIDS_KEY, []), session.sid][-MAX_EARLIER_SIDS:]
    current_app.session_interface.regenerate(session)
    session[EARLIER_SIDS_KEY] = earlier
    login_user(user, remember=remember)


def sign_out() -> None:
    """End every way of being signed in: the token (so copies of cookies die), the session, the remember cookie.

    The session is cleared *before* `logout_user`, which leaves its note to delete the
    remember cookie in it; the new session only notes when this browser signed out.
    """
    if current_user.is_authenticated:
        current_user.rotate_session_token()
        db.session.commit()
    session.clear()
    logout_user()
    session[SIGNED_OUT_KEY] = int(time.time())
    current_app.session_interface.regenerate(session)


def end_other_sessions(user: User) -> None:
    """Sign `user` out everywhere else and keep this browser signed in (the caller commits).

    The new token reaches this browser's session, and its remember cookie when it has one.
    """
    remembered = current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies
    user.rotate_session_token()
    sign_in(user, remember=remembered)


def renew_session_after_cookie_login(app: Flask, user: User) -> None:
    """A sign-in restored from the remember cookie gets a fresh session id, as a password sign-in does."""
    current_app.session_interface.regenerate(session)


def register_user_loading(app: Flask) -> None:
    """Connect the loader and the remember-cookie signal to this app."""
    login_manager.user_loader(load_user)
    user_loaded_from_cookie.connect(renew_session_after_cookie_login, app)
    # Registered after Flask-Login's own after-request (which runs last), so the cookie's
    # deletion asked for here is carried out in the same response.
    app.after_request(forget_a_stale_sign_in)


def forget_a_stale_sign_in(response):
    """A session or remember cookie naming a token that no longer signs anyone in is forgotten.

    Flask-Login notes the cookie's token in the session before the loader refuses it
    (the token was rotated: signed out elsewhere, password changed, account deleted);
    kept, that note would make every such request store a session for the signed-in
    lifetime. It is removed and the remember cookie deleted, unless the database was
    down, when the sign-in is only unreadable for now.
    """
    request_globals = g._get_current_object()  # not through the proxy: this runs after every request
    user = request_globals.get("_login_user")
    if (
        user is not None
        and not user.is_authenticated
        and LOGIN_KEY in session
        and not request_globals.get("database_down")
    ):
        for key in (LOGIN_KEY, "_fresh", "_id"):
            session.pop(key, None)
        session["_remember"] = "clear"
    return response
