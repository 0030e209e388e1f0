"""Database set-up: Flask-SQLAlchemy, Flask-Migrate, and SQLite tuned for a web app."""

import os

from flask import Flask
from sqlalchemy import event

from extensions import db
from extensions import migrate

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")


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


def register_database(app: Flask) -> None:
    """Bind SQLAlchemy and Migrate; give SQLite its pragmas on every new connection."""
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if sqlite:
        # A local file cannot drop the connection: no liveness ping before each checkout.
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        options.pop("pool_pre_ping", None)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    if sqlite:
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)
