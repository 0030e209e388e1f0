"""Redis or the database going away: a clear 503, and recovery without a restart."""

from urllib.parse import urlsplit

import pytest

from extensions import db
from tests.auth_actions import AuthActions
from tests.conftest import add_user
from tests.conftest import reset_postgres_schema
from tests.conftest import service_url
from tests.page_reading import form_values
from tests.registration_client import Registration
from tests.registration_client import user_count
from tests.tcp_proxy import Forwarder
from wizard.registration import registration

pytestmark = pytest.mark.services


def through(url: str) -> tuple[Forwarder, str]:
    """A forwarder to the service at `url`, and the same URL pointing at the forwarder."""
    parts = urlsplit(url)
    forwarder = Forwarder((parts.hostname, parts.port or {"redis": 6379}.get(parts.scheme, 5432)))
    netloc = (f"{parts.username}@" if parts.username else "") + f"127.0.0.1:{forwarder.port}"
    return forwarder, parts._replace(netloc=netloc).geturl()


@pytest.fixture
def redis_outage(make_app):
    forwarder, url = through(service_url("TEST_REDIS_URL"))
    yield forwarder, make_app(REDIS_URL=url)
    forwarder.close()


def test_redis_outage_gives_503_and_recovers_by_itself(redis_outage):
    forwarder, app = redis_outage
    client = app.test_client()
    reg = Registration(client)
    reg.complete("account")
    forwarder.cut()
    down = reg.get("profile")
    assert down.status_code == 503
    assert "Temporarily unavailable" in down.get_data(as_text=True)
    assert client.get("/healthz").status_code == 503
    forwarder.restore()
    assert client.get("/healthz").status_code == 200
    assert reg.get("profile").status_code == 200  # the registration in progress survived
    assert reg.complete("profile", "preferences").headers["Location"] == reg.url("review")


def test_database_outage_gives_503_and_recovers_by_itself(make_app):
    forwarder, url = through(service_url("TEST_DATABASE_URL"))
    try:
        app = make_app(SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            reset_postgres_schema()
            db.create_all()
        add_user(app)
        client = app.test_client()
        assert AuthActions(client).login().status_code == 302
        forwarder.cut()
        down = client.get("/profile")
        assert down.status_code == 503
        assert "Temporarily unavailable" in down.get_data(as_text=True)
        assert client.get("/healthz").get_json()["database"] == "unreachable"
        forwarder.restore()
        assert client.get("/healthz").status_code == 200
        assert client.get("/profile").status_code == 200  # still signed in
    finally:
        forwarder.close()


def test_a_confirm_that_loses_redis_after_the_insert_asks_to_sign_in_when_reloaded(make_app, monkeypatch):
    """Redis lost between the insert and the sign-in: a 503, then the reload finds the closed run.

    It asks the person to sign in rather than signing in the browser that still holds the
    session from before the confirm: that old session id could have been planted (fixation),
    and signing it in would hand the new account to whoever planted it. Nothing is lost.
    """
    forwarder, url = through(service_url("TEST_REDIS_URL"))
    try:
        app = make_app(REDIS_URL=url, PROPAGATE_EXCEPTIONS=False)  # as in production: errors become pages
        client = app.test_client()
        reg = Registration(client)
        reg.complete()
        values = {**form_values(reg.get("review")), "action": "confirm"}
        finish = registration.storage.finish

        def finish_then_lose_redis(run, result):
            finish(run, result)
            forwarder.cut()

        monkeypatch.setattr(registration.storage, "finish", finish_then_lose_redis)
        assert client.post(reg.url("review"), data=values).status_code == 503
        assert user_count(app) == 1
        monkeypatch.undo()
        forwarder.restore()
        reloaded = client.post(reg.url("review"), data=values)  # what a person does with a 503 page
        assert reloaded.headers["Location"] == "/login"
        assert "That registration is complete. Please sign in." in client.get("/login").get_data(as_text=True)
        assert user_count(app) == 1
    finally:
        forwarder.close()
