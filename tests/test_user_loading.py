"""Loading `current_user`: the anonymous short way (extensions.FormworkLoginManager) and Flask-Login's own path."""

import pytest
from flask import session
from flask_login import current_user
from flask_login import user_accessed

from extensions import login_manager
from tests.conftest import count_calls


@pytest.fixture
def identifiers(monkeypatch):
    """Counts Flask-Login's session-protection identifiers (a SHA-512 each)."""
    return count_calls(monkeypatch, login_manager, "_session_identifier_generator")


def test_an_anonymous_visitor_is_anonymous_without_session_protection(client, identifiers):
    client.get("/terms")
    with client:
        response = client.get("/terms")
        assert not current_user.is_authenticated
        assert "_fresh" not in session
    assert identifiers == []
    assert "Cookie" in response.headers["Vary"]


def test_a_signed_in_session_is_still_protected(logged_in_client, identifiers):
    with logged_in_client:
        logged_in_client.get("/", headers={"User-Agent": "someone else's browser"})
        assert current_user.is_authenticated
        assert session["_fresh"] is False  # basic protection: the login is no longer fresh
    assert identifiers


def test_a_remember_cookie_takes_flask_logins_path(app, identifiers):
    with app.test_client() as browser:
        browser.set_cookie("remember_token", "not a valid cookie")
        browser.get("/terms")
        assert not current_user.is_authenticated
    assert identifiers


def test_strong_protection_takes_flask_logins_path(app, client, identifiers):
    app.config["SESSION_PROTECTION"] = "strong"
    client.get("/terms")
    assert identifiers


def test_each_request_loads_its_user_once_and_says_so(app, logged_in_client, monkeypatch):
    """The before-request hook loads the user as current_user does: once a request, user_accessed sent once."""
    accessed = []
    loads = count_calls(monkeypatch, login_manager, "_load_user")
    with user_accessed.connected_to(lambda sender: accessed.append(sender), app):
        app.test_client().get("/terms")  # a visitor
        logged_in_client.get("/profile")  # a signed-in user
    assert len(loads) == 2
    assert len(accessed) == 2
