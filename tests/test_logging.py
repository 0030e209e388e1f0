"""Errors go to the rotating log file and, when SMTP is configured, to the admins by e-mail."""

import json
import time
from pathlib import Path

from tests.smtp import SilentServer


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


def test_error_mail_reaches_admins_over_real_smtp(make_app, smtp):
    inbox, port = smtp.inbox, smtp.port
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


def error_mail_app(make_app, port: int, **extra):
    app = make_app(
        PROPAGATE_EXCEPTIONS=False,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        ADMINS=["ops@example.com"],
        **extra,
    )
    add_boom(app)

    @app.route("/test/other-boom")
    def other_boom():
        raise KeyError("another kind of failure")

    @app.route("/test/bad-json/<int:which>")
    def bad_json(which):
        if which == 1:
            return json.loads("not json, first place")
        return json.loads("not json, second place")

    return app


def mails_after(inbox, count: int, settle: float = 0.3) -> list:
    """The inbox once `count` messages have arrived (or a while has passed), and a moment more."""
    for _ in range(100):
        if len(inbox.messages) >= count:
            break
        time.sleep(0.02)
    time.sleep(settle)  # anything more that was going to arrive has arrived
    return list(inbox.messages)


def test_an_outage_mails_each_error_once_and_the_next_report_counts_the_rest(make_app, smtp):
    inbox, port = smtp.inbox, smtp.port
    app = error_mail_app(make_app, port, ERROR_MAIL_INTERVAL=1)
    client = app.test_client()
    for _ in range(5):
        assert client.get("/test/boom").status_code == 500
    assert client.get("/test/other-boom").status_code == 500
    first = mails_after(inbox, 2)
    assert sorted(m["Subject"] for m in first) == ["Formwork error", "Formwork error"]
    assert "kaboom" in first[0].get_payload() and "another kind" in first[1].get_payload()
    time.sleep(1.05)  # the interval has passed: the same error is reported again, with the count
    assert client.get("/test/boom").status_code == 500
    later = mails_after(inbox, 3)
    assert len(later) == 3
    assert later[2]["Subject"] == "Formwork error (4 more like it since the last report)"


def test_no_more_than_the_hourly_cap_goes_out(make_app, smtp):
    inbox, port = smtp.inbox, smtp.port
    app = error_mail_app(make_app, port, ERROR_MAIL_INTERVAL=0, ERROR_MAIL_HOURLY_MAX=3)
    client = app.test_client()
    for _ in range(6):
        client.get("/test/boom")
    assert len(mails_after(inbox, 3)) == 3
    log = Path(app.config["LOG_DIR"], "formwork.log").read_text()
    assert log.count("RuntimeError: kaboom for the log") == 6  # the log file still has every one


def test_an_unreachable_mail_server_is_one_line_on_stderr_not_a_traceback_each(make_app, capfd):
    from tests.smtp import free_port

    app = error_mail_app(make_app, free_port(), ERROR_MAIL_INTERVAL=0)
    client = app.test_client()
    for _ in range(3):
        client.get("/test/boom")
        client.get("/test/other-boom")
    time.sleep(0.5)
    err = capfd.readouterr().err
    assert err.count("an error report could not be e-mailed to ADMINS") == 1
    assert "Traceback" not in err.split("Formwork: an error report")[-1]


def test_the_same_library_error_from_two_places_of_ours_is_two_reports(make_app, smtp):
    """Both raise json's JSONDecodeError from the same line of the json module: our lines differ."""
    inbox, port = smtp.inbox, smtp.port
    app = error_mail_app(make_app, port)
    client = app.test_client()
    for _ in range(3):
        client.get("/test/bad-json/1")
        client.get("/test/bad-json/2")
    mails = mails_after(inbox, 2)
    assert len(mails) == 2
    assert {"first place" in m.get_payload() for m in mails} == {True, False}


def test_a_report_that_could_not_be_sent_is_not_counted_as_told(make_app):
    from tests.smtp import free_port

    down = error_mail_app(make_app, free_port())
    handler = next(h for h in down.logger.handlers if hasattr(h, "listener")).listener.handlers[0]
    down.test_client().get("/test/boom")
    time.sleep(0.3)
    assert handler.last_sent == {}  # the failed send does not start the interval
