"""Signing out ends every way of being signed in; remember cookies are revocable."""

from flask_login import current_user

from auth.loader import end_other_sessions
from extensions import db
from models import User
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.page_reading import csrf_token

REMEMBER = "remember_token"


def remembered_login(client):
    data = {"csrf_token": csrf_token(client), "username": "alice", "password": PASSWORD, "remember": "y"}
    response = client.post("/login", data=data)
    assert response.status_code == 302
    assert client.get_cookie(REMEMBER) is not None
    return client.get_cookie(REMEMBER).value


def signed_in(client) -> bool:
    return "Signed in as" in client.get("/").get_data(as_text=True)


def only_remember_cookie(app, value: str):
    """A new browser that holds nothing but a copy of a remember cookie."""
    thief = app.test_client()
    thief.set_cookie(REMEMBER, value)
    return thief


def test_logout_deletes_the_remember_cookie(client, auth, user):
    remembered_login(client)
    auth.logout()
    assert client.get_cookie(REMEMBER) is None
    assert not signed_in(client)


def test_a_remember_cookie_copied_before_logout_no_longer_signs_in(app, client, auth, user):
    copy = remembered_login(client)
    assert signed_in(only_remember_cookie(app, copy))  # the copy works while signed in
    auth.logout()
    assert not signed_in(only_remember_cookie(app, copy))


def test_logout_ends_the_users_other_sessions(app, client, auth, user):
    other = app.test_client()
    auth.login()
    assert auth.__class__(other).login().status_code == 302
    auth.logout()
    assert not signed_in(other)


def test_a_remember_cookie_sign_in_gets_a_fresh_session_id(app, client, user):
    copy = remembered_login(client)
    browser = only_remember_cookie(app, copy)
    with browser.session_transaction() as planted_session:  # a session an attacker could plant
        planted_session["note"] = "planted"
    planted = browser.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert signed_in(browser)
    sid = browser.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert sid != planted
    assert app.session_interface.cache.get("session:" + sid)["_user_id"]


def test_the_remember_cookie_carries_the_token_not_the_id(app, client, user):
    value = remembered_login(client)
    with app.app_context():
        token = db.session.get(User, user).session_token
    assert value.partition("|")[0] == token
    assert value.partition("|")[0] != str(user)


def test_end_other_sessions_keeps_this_browser_signed_in(app, client, auth, user):
    other = app.test_client()
    auth.__class__(other).login()
    remembered_login(client)
    with app.test_request_context("/", headers={"Cookie": f"{REMEMBER}=x"}):
        person = db.session.get(User, user)
        old = person.session_token
        end_other_sessions(person)
        db.session.commit()
        assert person.session_token != old
        assert current_user.get_id() == person.session_token
    assert not signed_in(other)


def test_a_remember_cookie_is_refreshed_on_each_request_when_configured(make_app):
    app = make_app(REMEMBER_COOKIE_REFRESH_EACH_REQUEST=True)
    client = app.test_client()
    add_user(app)
    remembered_login(client)
    client.delete_cookie(REMEMBER)
    assert "remember_token=" in client.get("/").headers.get("Set-Cookie", "")
    assert client.get_cookie(REMEMBER) is not None


def test_a_remember_cookie_is_left_alone_by_default(client, user):
    remembered_login(client)
    assert "remember_token=" not in client.get("/").headers.get("Set-Cookie", "")
    assert client.get_cookie(REMEMBER) is not None
