"""Password reset end to end: a link by e-mail (over real SMTP), used once, expiring, never enumerating."""

import logging
import re
import time

import pytest
from sqlalchemy import select

from extensions import db
from mail.delivery import REMOVED
from mail.delivery import deliver_due
from mail.models import OutboxMessage
from models import User
from tests.auth_actions import AuthActions
from tests.conftest import PASSWORD
from tests.conftest import add_user
from tests.page_reading import form_values
from tests.page_reading import parse

NEW_PASSWORD = "Brand-new-pass-2"


@pytest.fixture
def reset_app(make_app, smtp):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_DEFAULT_SENDER="formwork@example.com")
    add_user(app)
    return app


def ask_for_link(client, email: str = "alice@example.com"):
    values = form_values(client.get("/password/forgot"), action="")
    return client.post("/password/forgot", data={**values, "email": email})


def link_from_mail(app, smtp) -> str:
    with app.app_context():
        assert deliver_due().sent == 1
    body = smtp.inbox.messages[-1].get_content()
    return re.search(r"http://localhost(/password/reset/\S+)", body).group(1)


def choose_password(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    values = form_values(client.get(path), action="")
    return client.post(path, data={**values, "password": password, "confirm_password": confirm or password})


def outbox_count(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(OutboxMessage)).all())


def test_sign_in_page_links_to_forgot_password(client):
    assert parse(client.get("/login")).find("a", href="/password/forgot").text == "Forgot your password?"


def test_reset_flow_end_to_end(reset_app, smtp):
    client = reset_app.test_client()
    response = ask_for_link(client, "ALICE@example.com")
    assert response.headers["Location"] == "/password/forgot/sent"
    assert "If an account uses ALICE@example.com" in client.get("/password/forgot/sent").get_data(
        as_text=True
    )
    path = link_from_mail(reset_app, smtp)
    received = smtp.inbox.messages[-1]
    assert received["To"] == "alice@example.com"
    assert received["Subject"] == "Reset your Formwork password"
    page = client.get(path)
    assert page.status_code == 200
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "alice" in parse(page).find("main").text
    response = choose_password(client, path)
    assert response.headers["Location"] == "/login"
    assert AuthActions(reset_app.test_client()).login(password=PASSWORD).status_code == 200  # old one refused
    assert AuthActions(reset_app.test_client()).login(password=NEW_PASSWORD).status_code == 302


def test_a_used_link_gets_a_clear_page_with_a_way_to_ask_again(reset_app, smtp):
    client = reset_app.test_client()
    ask_for_link(client)
    path = link_from_mail(reset_app, smtp)
    choose_password(client, path)
    again = client.get(path)
    assert again.status_code == 410
    page = parse(again)
    assert page.h1.text == "This link has been used"
    assert page.find("a", href="/password/forgot") is not None
    token = form_values(client.get("/password/forgot"), action="")["csrf_token"]
    replay = client.post(
        path, data={"csrf_token": token, "password": "Another-pass-3", "confirm_password": "Another-pass-3"}
    )
    assert replay.status_code == 410
    assert AuthActions(reset_app.test_client()).login(password=NEW_PASSWORD).status_code == 302


def test_an_expired_link_gets_a_clear_page(reset_app, smtp, monkeypatch):
    client = reset_app.test_client()
    ask_for_link(client)
    path = link_from_mail(reset_app, smtp)
    later = time.time() + reset_app.config["PASSWORD_RESET_SECONDS"] + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get(path)
    assert response.status_code == 410
    assert parse(response).h1.text == "This link has expired"


def test_a_link_just_inside_its_lifetime_works(reset_app, smtp, monkeypatch):
    client = reset_app.test_client()
    ask_for_link(client)
    path = link_from_mail(reset_app, smtp)
    later = time.time() + reset_app.config["PASSWORD_RESET_SECONDS"] - 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert choose_password(client, path).status_code == 302


@pytest.mark.parametrize(
    "token",
    ["nonsense", "x" * 5000, "WzEsImFiYyJd.aaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbb", "%00%0a"],
)
def test_a_tampered_link_gets_a_clear_page_never_a_500(reset_app, token):
    response = reset_app.test_client().get(f"/password/reset/{token}")
    assert response.status_code == 404
    assert parse(response).h1.text == "This link does not work"


def test_a_link_with_a_changed_user_id_does_not_work(reset_app, smtp):
    add_user(reset_app, username="bob", email="bob@example.com")
    client = reset_app.test_client()
    ask_for_link(client)
    path = link_from_mail(reset_app, smtp)
    payload, _, signature = path.rpartition("/")[2].partition(".")
    forged = f"/password/reset/WzIs{payload[4:]}.{signature}"
    assert client.get(forged).status_code == 404


def test_unknown_address_gets_the_same_answer_and_no_mail(reset_app, smtp):
    client = reset_app.test_client()
    known = ask_for_link(client, "alice@example.com")
    unknown = ask_for_link(client, "nobody@example.com")
    assert (known.status_code, known.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )
    assert outbox_count(reset_app) == 1


def test_reset_ends_every_other_session(reset_app, smtp):
    signed_in = reset_app.test_client()
    AuthActions(signed_in).login()
    assert signed_in.get("/profile").status_code == 200
    client = reset_app.test_client()
    ask_for_link(client)
    choose_password(client, link_from_mail(reset_app, smtp))
    assert signed_in.get("/profile").status_code == 302  # sent to sign in


def test_a_second_link_still_works_until_one_is_used(reset_app, smtp):
    client = reset_app.test_client()
    ask_for_link(client)
    first = link_from_mail(reset_app, smtp)
    ask_for_link(client)
    second = link_from_mail(reset_app, smtp)
    assert choose_password(client, second).status_code == 302
    assert client.get(first).status_code == 410  # the first died with the reset


@pytest.mark.parametrize(
    ("password", "confirm", "message"),
    [
        ("short", None, "Your password needs at least 10 characters"),
        ("alllowercase-1", None, "an upper-case letter"),
        (NEW_PASSWORD, "Something-else-1", "The two passwords do not match."),
        ("", "", "Choose a password."),
        ("Aa1!" + "x" * 1100, None, "at most 1024 characters"),
    ],
)
def test_new_password_follows_the_registration_rules(reset_app, smtp, password, confirm, message):
    client = reset_app.test_client()
    ask_for_link(client)
    path = link_from_mail(reset_app, smtp)
    response = choose_password(client, path, password, confirm)
    assert response.status_code == 200
    assert message in parse(response).find(class_="fw-error-summary").text
    assert choose_password(client, path).status_code == 302  # the link still works after a mistake


def test_the_token_is_never_logged(reset_app, smtp, tmp_path):
    client = reset_app.test_client()
    ask_for_link(client)
    path = link_from_mail(reset_app, smtp)
    choose_password(client, path)
    token = path.rpartition("/")[2]
    log = (tmp_path / "logs" / "formwork.log").read_text()
    assert "Password reset for user" in log
    assert token not in log


def test_forgot_is_rate_limited_per_client(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True, RESET_RATE_LIMIT="2 per minute", RESET_ADDRESS_RATE_LIMIT="100 per minute"
    )
    client = app.test_client()
    assert ask_for_link(client, "a@example.com").status_code == 302
    assert ask_for_link(client, "b@example.com").status_code == 302
    assert ask_for_link(client, "c@example.com").status_code == 429


def test_forgot_is_rate_limited_per_address_across_clients(make_app):
    app = make_app(
        RATELIMIT_ENABLED=True, RESET_RATE_LIMIT="100 per minute", RESET_ADDRESS_RATE_LIMIT="2 per hour"
    )
    for n in range(2):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n}"
        assert ask_for_link(client, "Alice@example.com").status_code == 302
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert ask_for_link(other, "alice@example.com").status_code == 429
    assert ask_for_link(other, "bob@example.com").status_code == 302


def test_password_hash_changes_and_session_token_rotates(reset_app, smtp):
    with reset_app.app_context():
        before = db.session.scalar(select(User.session_token))
    client = reset_app.test_client()
    ask_for_link(client)
    choose_password(client, link_from_mail(reset_app, smtp))
    with reset_app.app_context():
        assert db.session.scalar(select(User.session_token)) != before


def test_werkzeug_request_log_hides_the_token(app, caplog, monkeypatch):
    # Alembic's fileConfig (an upgrade earlier in the run) may have disabled the logger.
    monkeypatch.setattr(logging.getLogger("werkzeug"), "disabled", False)
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info('"%s" %s -', "GET /password/reset/abc.def.ghi HTTP/1.1", 200)
    assert "abc.def.ghi" not in caplog.text
    assert "/password/reset/<token>" in caplog.text


def test_a_delivered_reset_link_is_not_kept_in_the_outbox(reset_app, smtp):
    ask_for_link(reset_app.test_client())
    path = link_from_mail(reset_app, smtp)
    with reset_app.app_context():
        [message] = db.session.scalars(select(OutboxMessage)).all()
        assert (message.status, message.kind) == ("sent", "password-reset")
        assert message.content == REMOVED
    assert path.rpartition("/")[2]  # the link itself was delivered


def test_a_forged_host_cannot_point_the_link_elsewhere(make_app):
    app = make_app(TRUSTED_HOSTS=["localhost"])
    add_user(app)
    client = app.test_client()
    values = form_values(client.get("/password/forgot"), action="")
    response = client.post(
        "/password/forgot", data={**values, "email": "alice@example.com"}, headers={"Host": "evil.example"}
    )
    assert response.status_code == 400
    assert outbox_count(app) == 0
