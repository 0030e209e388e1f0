"""Signing in and out with Flask-Login."""

import pytest

from extensions import db
from models import User
from tests.conftest import PASSWORD
from tests.page_reading import csrf_token
from tests.page_reading import parse


def test_login_page_renders_an_accessible_form(client):
    page = parse(client.get("/login"))
    username = page.find(id="username")
    assert page.find("label", attrs={"for": "username"}) is not None
    assert username["autocomplete"] == "username"
    assert page.find(id="password")["autocomplete"] == "current-password"
    assert page.title.get_text().startswith("Sign in")


@pytest.mark.parametrize("login", ["alice", "ALICE", "alice@example.com", "Alice@Example.com"])
def test_login_accepts_username_or_email_in_any_case(client, auth, user, login):
    response = auth.login(login, PASSWORD)
    assert response.status_code == 302
    assert "Signed in as" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("login", "password"), [("alice", "wrong-password"), ("nobody", PASSWORD), ("", PASSWORD), ("alice", "")]
)
def test_bad_credentials_show_an_error_and_keep_the_username(client, auth, user, login, password):
    response = auth.login(login, password)
    assert response.status_code == 200
    page = parse(response)
    assert page.title.get_text().startswith("Error: ")
    assert page.find(attrs={"aria-invalid": "true"}) is not None
    assert page.find(id="username").get("value", "") == login
    assert page.find(id="password").get("value", "") == ""


def test_session_id_is_regenerated_at_login(app, client, auth, user):
    client.get("/login")
    before = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    auth.login()
    after = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert before != after
    store = app.session_interface
    assert store.cache.get("session:" + before) is None
    with app.app_context():
        token = db.session.get(User, user).session_token
    assert store.cache.get("session:" + after)["_user_id"] == token


def test_session_cookie_flags(app, client):
    response = client.get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_logout_signs_out_and_needs_post(client, auth, user):
    auth.login()
    assert client.get("/logout").status_code == 200  # a page with the button: GET never signs out
    assert "Signed in as" in client.get("/").get_data(as_text=True)
    response = auth.logout()
    assert response.status_code == 302
    assert "Sign in</a>" in client.get("/").get_data(as_text=True)


def test_next_parameter_is_followed_only_on_this_site(client, user):
    token = csrf_token(client)
    data = {"csrf_token": token, "username": "alice", "password": PASSWORD}
    response = client.post("/login?next=//evil.example/x", data=data)
    assert response.headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    token = csrf_token(client)
    response = client.post("/login?next=/gallery", data={**data, "csrf_token": token})
    assert response.headers["Location"] == "/gallery"


@pytest.mark.parametrize("target", ["/%0d%0aSet-Cookie:%20x=1", "/%0a", "/a%09b", "/%7f", "/%00"])
def test_next_with_control_characters_is_ignored(client, user, target):
    data = {"csrf_token": csrf_token(client), "username": "alice", "password": PASSWORD}
    response = client.post(f"/login?next={target}", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_signed_in_visitor_is_sent_home_from_login(logged_in_client):
    assert logged_in_client.get("/login").status_code == 302
