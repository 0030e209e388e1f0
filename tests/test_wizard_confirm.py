"""Confirming a registration: stored answers re-validated, races and repeats never a second account."""

import pytest
from sqlalchemy import event

from extensions import db
from tests.conftest import add_user
from tests.page_reading import parse
from tests.registration_client import Registration
from tests.registration_client import png_bytes
from tests.registration_client import user_count
from wizard.backends import records_for


def test_confirm_revalidates_stored_answers(app, client):
    reg = Registration(client)
    reg.complete()
    with app.test_request_context():
        key = f"wizard:registration:{reg.wid}"
        record = records_for(app).get(key)
        record["answers"]["profile"]["address-country"] = ["XX"]
        records_for(app).set(key, record, 60)
    response = reg.confirm()
    assert response.headers["Location"] == reg.url("profile")
    assert parse(reg.get("profile")).find(id="address-country")["aria-invalid"] == "true"
    assert user_count(app) == 0


@pytest.mark.parametrize(
    ("taken", "field"), [({"username": "NEWBIE"}, "username"), ({"email": "Newbie@Example.com"}, "email")]
)
def test_username_or_email_taken_meanwhile_sends_back_to_account(any_db_app, taken, field):
    app = any_db_app
    reg = Registration(app.test_client())
    reg.complete()
    add_user(app, **{"username": "someone", "email": "someone@example.com", **taken})
    response = reg.confirm()
    assert response.headers["Location"] == reg.url("account")
    page = parse(reg.get("account"))
    assert page.find(id=field)["aria-invalid"] == "true"
    assert page.title.get_text().startswith("Error: Step 1 of 3")
    fixed = reg.post(
        "account",
        {"username": "another", "email": "another@example.com", "password": "", "confirm_password": ""},
    )
    assert fixed.headers["Location"] == reg.url("review")  # everything else was kept
    assert "Lovelace" in reg.get("review").get_data(as_text=True)
    assert reg.confirm().headers["Location"] == "/profile"
    assert user_count(app) == 2


def test_database_uniqueness_is_the_last_word(any_db_app, monkeypatch):
    app = any_db_app
    reg = Registration(app.test_client())
    reg.complete()
    add_user(app, username="newbie", email="other@example.com")
    monkeypatch.setattr("models.User.login_taken", classmethod(lambda cls, login: False))
    response = reg.confirm()  # validators see nothing; the unique index refuses
    assert response.headers["Location"] == reg.url("account")
    assert user_count(app) == 1


def test_repeated_confirm_never_creates_a_second_account(app, client):
    reg = Registration(client)
    reg.complete()
    with app.test_request_context():
        stale = records_for(app).get(f"wizard:registration:{reg.wid}")
    assert reg.confirm().headers["Location"] == "/profile"
    replay = client.post(
        reg.url("review"),
        data={
            "action": "confirm",
            "csrf_token": parse(client.get("/profile")).find("input", attrs={"name": "csrf_token"})["value"],
        },
    )
    assert replay.headers["Location"] == "/profile"
    # A confirm racing the first one, signed out and reading the answers before the first
    # replaced them with a tombstone: it must not make a twin, and signs in to the account
    # the first one made.
    with app.test_request_context():
        records_for(app).set(f"wizard:registration:{reg.wid}", stale, 60)
    with client.session_transaction() as sess:
        sess.pop("_user_id")
    assert reg.confirm().headers["Location"] == "/profile"
    assert user_count(app) == 1
    assert "Signed in as <strong>newbie</strong>" in client.get("/profile").get_data(as_text=True)


def test_a_signed_in_user_is_sent_to_their_profile_not_into_a_new_registration(app, client, auth):
    add_user(app)
    reg = Registration(client)
    reg.complete("account")
    auth.login()
    assert client.get("/register").headers["Location"] == "/profile"
    page = client.get("/profile").get_data(as_text=True)
    assert "You are signed in as alice. Sign out first to create another account." in page
    for url in (reg.url("profile"), reg.url("review")):  # a run already open: offered, never entered
        response = client.get(url)
        assert response.status_code == 409, url
        assert "You are signed in as alice" in response.get_data(as_text=True)


def test_confirming_with_a_photo_writes_the_new_account_in_one_insert(app, client):
    """Promoting the photo keeps its name: the account is one INSERT, and no UPDATE follows it."""
    reg = Registration(client)
    reg.complete(avatar=png_bytes())
    with app.app_context():
        engine = db.engine
    writes = []

    def note(conn, cursor, statement, parameters, context, executemany):
        if statement.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.append(" ".join(statement.split()[:3]))

    event.listen(engine, "before_cursor_execute", note)
    try:
        response = reg.confirm()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert response.headers["Location"] == "/profile"
    assert writes == ["INSERT INTO users"]
