"""Changing the password signs out every other session; deleting the account removes all it owns."""

import io

import pytest
from sqlalchemy import func
from sqlalchemy import select

from documents.models import Document
from extensions import db
from models import User
from tests.conftest import PASSWORD
from tests.page_reading import csrf_token
from tests.page_reading import form_values
from tests.page_reading import parse
from tests.registration_client import VALID
from tests.registration_client import Registration
from tests.registration_client import png_bytes
from tests.upload_files import all_files
from tests.upload_files import fail_commits
from tests.upload_files import pdf_bytes

NEW_PASSWORD = "Brand-new-pass-2"
REMEMBER = "remember_token"


def signed_in(client) -> bool:
    return "Signed in as" in client.get("/").get_data(as_text=True)


def change_password(client, current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    values = form_values(client.get("/account/password"), action="")
    values.update(
        current_password=current, password=new, confirm_password=new if confirm is None else confirm
    )
    return client.post("/account/password", data=values)


def test_account_pages_need_sign_in(client):
    for url in ("/account/password", "/account/delete"):
        assert "/login" in client.get(url).headers["Location"]


@pytest.mark.parametrize(
    ("current", "new", "confirm", "field", "message"),
    [
        ("Wrong-password-1", NEW_PASSWORD, None, "current_password", "That is not your current password."),
        ("", NEW_PASSWORD, None, "current_password", "Enter your current password."),
        (PASSWORD, "short", None, "password", "Your password needs at least 10 characters"),
        (PASSWORD, "alllowercase1!", None, "password", "an upper-case letter"),
        (PASSWORD, NEW_PASSWORD, "Something-else-3", "confirm_password", "The two passwords do not match."),
        (PASSWORD, PASSWORD, None, "password", "different from your current one"),
        (PASSWORD, "", None, "password", "Choose a password."),
    ],
)
def test_bad_password_changes_are_field_errors(app, logged_in_client, current, new, confirm, field, message):
    response = change_password(logged_in_client, current, new, confirm)
    assert response.status_code == 200
    assert message in parse(response).find(id=f"{field}-error").get_text()
    with app.app_context():
        assert db.session.scalar(select(User)).check_password(PASSWORD)


def test_a_password_change_signs_out_other_sessions_but_not_this_one(app, client, auth, user):
    other = app.test_client()
    other.post(
        "/login",
        data={"csrf_token": csrf_token(other), "username": "alice", "password": PASSWORD, "remember": "y"},
    )
    remembered = other.get_cookie(REMEMBER).value
    assert signed_in(other)
    auth.login()
    response = change_password(client)
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    assert "Your password is changed." in client.get("/profile").get_data(as_text=True)
    assert signed_in(client)
    assert not signed_in(other)
    thief = app.test_client()
    thief.set_cookie(REMEMBER, remembered)
    assert not signed_in(thief)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert auth.login(password=NEW_PASSWORD).status_code == 302


def delete_account(client, password=PASSWORD, follow=False):
    values = form_values(client.get("/account/delete"), action="")
    values["password"] = password
    return client.post("/account/delete", data=values, follow_redirects=follow)


def test_delete_needs_the_password(app, logged_in_client):
    response = delete_account(logged_in_client, "not-my-password")
    assert "That is not your current password." in parse(response).find(id="password-error").get_text()
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1


def test_deleting_the_account_removes_everything_it_owns_and_frees_the_name(app, client, tmp_path):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    reg.confirm()
    values = form_values(client.get("/documents"), action="/documents")
    values["documents"] = [(io.BytesIO(pdf_bytes()), "a.pdf"), (io.BytesIO(b"notes"), "b.txt")]
    client.post("/documents", data=values, content_type="multipart/form-data")
    with app.app_context():
        assert db.session.scalar(select(func.count(Document.id))) == 2
    assert len(all_files(tmp_path / "uploads")) == 4  # two avatar sizes, two documents

    page = delete_account(client, VALID["account"]["password"], follow=True)
    assert "Your account and everything in it have been deleted." in page.get_data(as_text=True)
    assert not signed_in(client)
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0
        assert db.session.scalar(select(func.count(Document.id))) == 0
    assert all_files(tmp_path / "uploads") == []
    again = Registration(client)
    assert again.complete().headers["Location"] == again.url("review")  # the same username and e-mail
    assert again.confirm().headers["Location"] == "/profile"


def test_a_failed_deletion_keeps_the_account_and_its_files(app, client, tmp_path, monkeypatch):
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    reg.confirm()
    before = all_files(tmp_path / "uploads")

    values = form_values(client.get("/account/delete"), action="")
    values["password"] = VALID["account"]["password"]
    fail_commits(monkeypatch)
    assert client.post("/account/delete", data=values).status_code == 503
    monkeypatch.undo()
    assert all_files(tmp_path / "uploads") == before
    assert signed_in(client)
