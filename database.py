"""Database set-up: Flask-SQLAlchemy, Flask-Migrate, and SQLite tuned for a web app."""

import os

from flask import Flask
from sqlalchemy import event

from extensions import db
from extensions import migrate

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")
# SQLAlchemy's pool arguments, from the config keys that set them (a server database only).
POOL_SETTINGS = {
    "pool_size": "DB_POOL_SIZE",
    "max_overflow": "DB_MAX_OVERFLOW",
    "pool_timeout": "DB_POOL_TIMEOUT",
    "pool_recycle": "DB_POOL_RECYCLE",
}


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run beside a writer; NORMAL sync is durable across app
    # crashes (not power loss mid-commit) and avoids an fsync per page view.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    # SQLite's lower() folds only ASCII letters: recipe search needs "CRÈME" to find "crème".
    dbapi_connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def commit_as_written() -> None:
    """Commit, keeping the session's objects as they were written rather than expiring them.

    After a plain commit the next read of any attribute (a new user's id, say) reloads
    its row with a SELECT; for objects this request has just inserted, that read
    would only return what they already hold.
    """
    session = db.session()
    expiring = session.expire_on_commit
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expiring


def register_database(app: Flask) -> None:
    """Bind SQLAlchemy and Migrate; size a server database's pool; give SQLite its pragmas."""
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    if sqlite:
        # A local file cannot drop the connection: no liveness ping before each checkout.
        options.pop("pool_pre_ping", None)
    else:
        for option, key in POOL_SETTINGS.items():
            if app.config.get(key) is not None:
                options.setdefault(option, app.config[key])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    if sqlite:
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)
