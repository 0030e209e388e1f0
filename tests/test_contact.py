"""/contact and POST /api/contact: stored, mailed to ADMINS through the outbox, bots stored as spam."""

import time
from datetime import timedelta

import pytest

from mail.delivery import deliver_due
from models import utcnow
from tests.contact_client import GOOD
from tests.contact_client import api_body
from tests.contact_client import api_post
from tests.contact_client import messages
from tests.contact_client import outbox
from tests.contact_client import page_values
from tests.contact_client import post_contact
from tests.page_reading import parse
from tests.smtp import SilentServer
from tests.smtp import SmtpServer


def test_contact_page_has_the_fields_and_traps(contact_app):
    page = parse(contact_app.test_client().get("/contact"))
    form = page.find("form", id="contact-form")
    assert form["data-fw-api"] == "/api/contact"
    names = {control.get("name") for control in form.find_all(["input", "select", "textarea"])}
    assert {"name", "email", "subject", "message", "website", "shown", "csrf_token"} <= names
    trap = page.find("div", class_="fw-trap")
    assert trap["aria-hidden"] == "true"
    assert trap.find("input")["tabindex"] == "-1"
    assert page.find(id="message-count") is not None  # the live count


def test_contact_is_stored_mailed_and_redirects_with_a_confirmation(contact_app):
    client = contact_app.test_client()
    response = post_contact(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/contact"
    page = client.get("/contact").get_data(as_text=True)
    assert "Thank you, Ada Lovelace. Your message was sent; we will reply to Ada@example.com." in page
    [stored] = messages(contact_app)
    assert (stored.email, stored.subject, stored.spam_reason) == ("Ada@example.com", "question", None)
    [queued] = outbox(contact_app)
    assert (queued.kind, queued.recipients, queued.status) == ("contact", ["ops@example.com"], "queued")


def test_admins_receive_it_with_reply_to_the_sender_over_smtp(make_app):
    server = SmtpServer().start()
    try:
        app = make_app(
            ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=0, MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port
        )
        post_contact(app.test_client(), name='Ada "the Countess" Lovelace')
        with app.app_context():
            assert deliver_due().sent == 1
    finally:
        server.stop()
    [received] = server.inbox.messages
    assert received["Subject"] == "[Formwork contact] A question"
    assert received["To"] == "ops@example.com"
    assert received["Reply-To"].addresses[0].addr_spec == "Ada@example.com"
    assert received["Reply-To"].addresses[0].display_name == 'Ada "the Countess" Lovelace'
    assert "How do I change my avatar?" in received.get_content()


def test_sender_text_never_becomes_headers(make_app):
    server = SmtpServer().start()
    try:
        app = make_app(
            ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=0, MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port
        )
        client = app.test_client()
        assert post_contact(client, name="Eve\r\nBcc: victim@example.com").status_code == 200
        body = "Hi there\r\nBcc: victim@example.com\r\n\r\nInjected\r\n.\r\nMAIL FROM:<x@y>"
        assert post_contact(client, message=body).status_code == 302
        with app.app_context():
            deliver_due()
    finally:
        server.stop()
    [received] = server.inbox.messages
    assert received["Bcc"] is None
    assert server.inbox.envelopes[0][1] == ["ops@example.com"]
    assert "Bcc: victim@example.com" in received.get_content()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your name."),
        ("name", "x" * 101, "Field cannot be longer than 100 characters."),
        ("email", "", "Enter your e-mail address, so we can reply."),
        ("email", "not-an-address", "An email address must have an @-sign."),
        ("email", "zoë@example.com", "Internationalized characters before the @-sign"),
        ("subject", "", "Choose what your message is about."),
        ("subject", "spam-me", "Not a valid choice."),
        ("message", "Too short", "Write between 10 and 2000 characters."),
        ("message", "x" * 2001, "Write between 10 and 2000 characters."),
        ("message", "Hello there\x00!", "Remove the unusual characters"),
    ],
)
def test_bad_fields_get_their_message_in_place(contact_app, field, value, message):
    response = post_contact(contact_app.test_client(), **{field: value})
    assert response.status_code == 200
    page = parse(response)
    assert page.title.text.startswith("Error: ")
    assert message in page.find(id=f"{field}-error").text
    assert page.find(id=field)["aria-invalid"] == "true"
    assert messages(contact_app) == []


def test_honeypot_gets_the_same_answer_and_is_stored_as_spam_never_mailed(contact_app):
    client = contact_app.test_client()
    response = post_contact(client, website="http://spam.example")
    assert response.status_code == 302
    assert "Your message was sent" in client.get("/contact").get_data(as_text=True)
    [stored] = messages(contact_app)
    assert stored.spam_reason == "honeypot"
    assert outbox(contact_app) == []


def test_a_form_sent_too_soon_is_spam(make_app):
    app = make_app(ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=3)
    assert post_contact(app.test_client()).status_code == 302
    assert [m.spam_reason for m in messages(app)] == ["too fast"]
    assert outbox(app) == []


def test_a_form_sent_after_the_minimum_is_a_person(make_app, monkeypatch):
    app = make_app(ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=3)
    client = app.test_client()
    values = {**page_values(client), **GOOD}
    later = time.time() + 4
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post("/contact", data=values).status_code == 302
    assert [m.spam_reason for m in messages(app)] == [None]
    assert len(outbox(app)) == 1


@pytest.mark.parametrize("stamp", ["", "1700000000.0", "garbage.signature"])
def test_a_missing_or_forged_stamp_is_spam(make_app, stamp):
    app = make_app(ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=3)
    assert post_contact(app.test_client(), shown=stamp).status_code == 302
    assert [m.spam_reason for m in messages(app)] == ["no stamp"]


def test_without_admins_the_message_is_stored_and_nothing_queued(make_app):
    app = make_app(CONTACT_MIN_SECONDS=0)
    assert post_contact(app.test_client()).status_code == 302
    assert len(messages(app)) == 1
    assert outbox(app) == []


def test_signed_in_person_finds_name_and_address_filled_in(contact_app):
    from tests.auth_actions import AuthActions
    from tests.conftest import add_user

    add_user(contact_app, last_name="Liddell")
    client = contact_app.test_client()
    AuthActions(client).login()
    values = page_values(client)
    assert (values["name"], values["email"]) == ("Alice Liddell", "alice@example.com")


def test_contact_is_rate_limited_per_client_page_and_api_together(make_app):
    app = make_app(RATELIMIT_ENABLED=True, CONTACT_RATE_LIMIT="3 per minute", CONTACT_MIN_SECONDS=0)
    client = app.test_client()
    assert post_contact(client).status_code == 302
    assert post_contact(client).status_code == 302
    assert api_post(client, api_body(client)).status_code == 201
    limited = api_post(client, api_body(client))
    assert limited.status_code == 429
    assert limited.get_json()["ok"] is False
    assert "Retry-After" in limited.headers
    page = post_contact(client)
    assert page.status_code == 429
    assert page.mimetype == "text/html"
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    assert post_contact(other).status_code == 302


def test_the_request_never_waits_on_a_mail_server_that_hangs(make_app):
    silent = SilentServer()
    try:
        app = make_app(
            ADMINS=["ops@example.com"],
            CONTACT_MIN_SECONDS=0,
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=silent.port,
            MAIL_TIMEOUT=2,
            HOUSEKEEPING=True,
        )
        client = app.test_client()
        values = {**page_values(client), **GOOD}
        began = time.monotonic()
        response = client.post("/contact", data=values)
        answered = time.monotonic() - began
        assert response.status_code == 302
        assert answered < 1.5  # the SMTP attempt runs after the response, in a worker thread
        for _ in range(100):  # the background attempt gives up after MAIL_TIMEOUT
            [queued] = outbox(app)
            if queued.attempts:
                break
            time.sleep(0.1)
    finally:
        silent.close()
    assert (queued.status, queued.attempts) == ("queued", 1)
    assert "timed out" in queued.last_error


def test_api_too_large_a_body_is_a_json_413(make_app):
    app = make_app(MAX_CONTENT_LENGTH=2000, CONTACT_MIN_SECONDS=0)
    client = app.test_client()
    response = api_post(client, api_body(client, message="x" * 5000))
    assert response.status_code == 413
    assert response.get_json()["ok"] is False


def test_mail_server_down_the_sender_still_succeeds_and_admins_get_it_once_it_is_back(make_app):
    server = SmtpServer()  # not started: its port refuses connections
    app = make_app(
        ADMINS=["ops@example.com"], CONTACT_MIN_SECONDS=0, MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port
    )
    client = app.test_client()
    assert post_contact(client).status_code == 302
    assert "Your message was sent" in client.get("/contact").get_data(as_text=True)
    start = utcnow()
    with app.app_context():
        assert deliver_due(start).retrying == 1
    server.start()
    try:
        with app.app_context():
            assert deliver_due(start + timedelta(seconds=61)).sent == 1
            assert deliver_due(start + timedelta(days=1)).sent == 0
    finally:
        server.stop()
    assert len(server.inbox.messages) == 1
    assert len(messages(app)) == 1
