"""Fixtures shared by every test: an app on a throw-away instance, clients, a user."""

import os
import time
from contextlib import contextmanager
from functools import cache
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import cachelib.file
import psycopg
import pytest
from flask_migrate import upgrade
from psycopg import sql

from app import create_app
from extensions import db
from models import User
from tests.auth_actions import AuthActions
from tests.smtp import SmtpServer

PASSWORD = "Correct-horse-1"


def overrides_for(tmp_path, **extra):
    """Config overrides that keep every file a test makes under `tmp_path`."""
    overrides = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}",
        "UPLOAD_ROOT": str(tmp_path / "uploads"),
        "LOG_DIR": str(tmp_path / "logs"),
        "SESSION_FILE_DIR": str(tmp_path / "sessions"),
        "HOUSEKEEPING": False,
    }
    overrides.update(extra)
    return overrides


# The caller's settings that must not reach an app under test.
CALLER_SETTINGS = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "MAIL_SERVER",
    "ADMINS",
    "UPLOAD_ROOT",
    "LOG_DIR",
)


def testing_environment(env: pytest.MonkeyPatch) -> None:
    """APP_CONFIG=testing, untouched by the caller's service URLs."""
    env.setenv("APP_CONFIG", "testing")
    for name in CALLER_SETTINGS:
        env.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def testing_env(monkeypatch):
    """Run every test under APP_CONFIG=testing, untouched by the caller's service URLs."""
    testing_environment(monkeypatch)


@contextmanager
def module_app(tmp_path_factory, name: str):
    """One app, tables created, for a whole test module whose first page is slow to build.

    Built in the test environment (the per-test fixture above does not reach module scope);
    each test still gets its own client, so its own session.
    """
    with pytest.MonkeyPatch.context() as env:
        testing_environment(env)
        app = create_app(overrides_for(tmp_path_factory.mktemp(name)))
        with app.app_context():
            db.create_all()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def make_app(tmp_path):
    """Build apps with extra overrides; tables created, engines disposed afterwards."""
    built = []

    def factory(**extra):
        app = create_app(overrides_for(tmp_path, **extra))
        with app.app_context():
            db.create_all()
        built.append(app)
        return app

    yield factory
    for app in built:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def contact_app(make_app):
    """An app that mails contact messages to an admin and sets no time trap."""
    return make_app(ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=0)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def smtp():
    """An SMTP server on a loopback port (aiosmtpd), its messages in `smtp.inbox`."""
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def auth(client):
    return AuthActions(client)


def add_user(app, username: str = "alice", email: str = "alice@example.com", **fields) -> int:
    """Insert a user with PASSWORD and return its id."""
    with app.app_context():
        user = User(username=username, email=email, first_name=fields.pop("first_name", "Alice"), **fields)
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        return user.id


@pytest.fixture
def user(app):
    return add_user(app)


@pytest.fixture
def logged_in_client(client, auth, user):
    """A client signed in as alice."""
    response = auth.login()
    assert response.status_code == 302
    return client


def reset_postgres_schema() -> None:
    """Empty the test database's public schema (inside an app context)."""
    from sqlalchemy import text

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def pg_app(tmp_path):
    """An app on a freshly migrated PostgreSQL schema (TEST_DATABASE_URL), emptied afterwards."""
    url = service_url("TEST_DATABASE_URL")
    app = create_app(overrides_for(tmp_path, SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        reset_postgres_schema()
        upgrade()
    yield app
    with app.app_context():
        reset_postgres_schema()
        db.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_app(request):
    """The app on each database the product runs on: embedded SQLite, then PostgreSQL."""
    return request.getfixturevalue("app" if request.param == "sqlite" else "pg_app")


def service_url(name: str) -> str:
    """A service URL from the environment (this xdist worker's own); skip, or fail under
    REQUIRE_SERVICES=1, when unset."""
    url = os.environ.get(name)
    if not url:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"{name} is not set but REQUIRE_SERVICES=1: this test must run")
        pytest.skip(f"{name} is not set: no server to test against on this machine")
    return worker_url(url)


@cache
def worker_url(url: str) -> str:
    """Under pytest-xdist, the same server but this worker's own database: PostgreSQL
    `<database>_gwN` (created when missing), Redis db `<db> - N`. Unchanged without xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    index = int(worker.removeprefix("gw"))
    parts = urlsplit(url)
    if parts.scheme.startswith("redis"):
        return urlunsplit(parts._replace(path=f"/{(int(parts.path.strip('/') or 0) - index) % 16}"))
    database = f"{parts.path.strip('/')}_{worker}"
    plain = urlunsplit(parts._replace(scheme="postgresql"))
    with psycopg.connect(plain, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    return urlunsplit(parts._replace(path="/" + database))


class Clock:
    """time.time(), moved forward at will (also where CacheLib reads it)."""

    def __init__(self, monkeypatch) -> None:
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)
        monkeypatch.setattr(cachelib.file, "time", time.time)

    def advance(self, hours: float = 0, *, seconds: float = 0) -> None:
        self.offset += hours * 3600 + seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list:
    """Wrap `owner.name` (for this test) so that each call appends to the returned list."""
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls
