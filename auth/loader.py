"""Flask-Login's user loader, and logging a user in with a fresh session id."""

from flask import current_app
from flask import g
from flask import session
from flask_login import login_user
from sqlalchemy.exc import SQLAlchemyError

from extensions import db
from models import User


def load_user(user_id: str) -> User | None:
    """The signed-in user; a database outage is flagged for a 503, not a crash."""
    try:
        return db.session.get(User, int(user_id))
    except ValueError:
        return None
    except SQLAlchemyError:
        db.session.rollback()
        current_app.logger.exception("Could not load the signed-in user")
        g.database_down = True
        return None


def sign_in(user: User, remember: bool = False) -> None:
    """Log `user` in under a new session id, so a planted id is worthless."""
    current_app.session_interface.regenerate(session)
    login_user(user, remember=remember)
