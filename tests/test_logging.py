"""Errors go to the rotating log file and, when SMTP is configured, to the admins by e-mail."""

import time

import pytest

from tests.smtp import SilentServer
from tests.smtp import SmtpServer


@pytest.fixture
def smtp_inbox():
    server = SmtpServer().start()
    yield server.inbox, server.port
    server.stop()


def add_boom(app):
    @app.route("/test/boom")
    def boom():
        raise RuntimeError("kaboom for the log")


def test_unhandled_error_is_written_to_the_log_file(make_app, tmp_path):
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    add_boom(app)
    assert app.test_client().get("/test/boom").status_code == 500
    log = (tmp_path / "logs" / "formwork.log").read_text()
    assert "kaboom for the log" in log
    assert "Traceback" in log
    assert "GET /test/boom" in log


def test_error_mail_reaches_admins_over_real_smtp(make_app, smtp_inbox):
    inbox, port = smtp_inbox
    app = make_app(
        PROPAGATE_EXCEPTIONS=False,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        ADMINS=["ops@example.com"],
        MAIL_DEFAULT_SENDER="formwork@example.com",
    )
    add_boom(app)
    assert app.test_client().get("/test/boom").status_code == 500
    for _ in range(50):
        if inbox.messages:
            break
        time.sleep(0.05)
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["Subject"] == "Formwork error"
    assert message["To"] == "ops@example.com"
    assert "kaboom for the log" in message.get_payload()


def test_no_mail_handler_without_mail_server(app):
    from logging.handlers import QueueHandler
    from logging.handlers import SMTPHandler

    assert not any(isinstance(h, SMTPHandler | QueueHandler) for h in app.logger.handlers)


def test_an_error_mail_never_makes_the_request_wait(make_app):
    silent = SilentServer()
    try:
        app = make_app(
            PROPAGATE_EXCEPTIONS=False,
            MAIL_SERVER="127.0.0.1",
            MAIL_PORT=silent.port,
            MAIL_TIMEOUT=3,
            ADMINS=["ops@example.com"],
        )
        add_boom(app)
        began = time.monotonic()
        assert app.test_client().get("/test/boom").status_code == 500
        assert time.monotonic() - began < 2  # the mail thread waits out MAIL_TIMEOUT, not the request
    finally:
        silent.close()
