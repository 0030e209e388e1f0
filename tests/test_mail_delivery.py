"""The outbox delivers over real SMTP (aiosmtpd on loopback): once, with retries, never losing a message."""

import threading
import time
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import select

from extensions import db
from mail.delivery import claim_due
from mail.delivery import deliver_due
from mail.models import FAILED
from mail.models import QUEUED
from mail.models import SENT
from mail.models import OutboxMessage
from mail.outbox import compose
from mail.outbox import enqueue
from models import utcnow
from tests.smtp import SilentServer
from tests.smtp import SmtpServer
from tests.smtp import free_port


def mail_app(make_app, port: int, **extra):
    settings = {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": port,
        "MAIL_DEFAULT_SENDER": "formwork@example.com",
        "MAIL_TIMEOUT": 2,
        **extra,
    }
    return make_app(**settings)


def queue(app, count: int = 1, subject: str = "Hello") -> list[int]:
    with app.app_context():
        entries = [
            enqueue("test", compose(["ada@example.com"], f"{subject} {n}", f"Body {n}\n"))
            for n in range(count)
        ]
        db.session.commit()
        return [entry.id for entry in entries]


def stored(app, message_id: int) -> OutboxMessage:
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        db.session.expunge(message)
        return message


def deliver(app, now=None):
    with app.app_context():
        return deliver_due(now)


def test_message_is_delivered_with_its_headers(make_app, smtp):
    app = mail_app(make_app, smtp.port)
    [message_id] = queue(app)
    outcome = deliver(app)
    assert outcome.sent == 1
    [received] = smtp.inbox.messages
    assert received["Subject"] == "Hello 0"
    assert received["From"] == "formwork@example.com"
    assert received["To"] == "ada@example.com"
    assert received["Message-ID"].endswith("@example.com>")
    assert received["Date"]
    assert received.get_content().splitlines() == ["Body 0"]
    assert smtp.inbox.envelopes == [("formwork@example.com", ["ada@example.com"])]
    message = stored(app, message_id)
    assert (message.status, message.attempts, message.last_error) == (SENT, 1, None)
    assert message.sent_at is not None


def test_delivering_again_sends_nothing_twice(make_app, smtp):
    app = mail_app(make_app, smtp.port)
    queue(app, 3)
    assert deliver(app).sent == 3
    assert deliver(app).sent == 0
    assert len(smtp.inbox.messages) == 3


def test_without_mail_server_nothing_is_sent_and_messages_stay(make_app, smtp):
    app = make_app()  # MAIL_SERVER unset
    [message_id] = queue(app)
    outcome = deliver(app)
    assert (outcome.sent, outcome.retrying, outcome.failed) == (0, 0, 0)
    assert stored(app, message_id).status == QUEUED
    assert smtp.inbox.messages == []


def test_server_down_keeps_the_message_and_delivers_it_once_when_back(make_app):
    server = SmtpServer()  # its port has no listener yet: connection refused
    app = mail_app(make_app, server.port, MAIL_RETRY_SECONDS=60)
    [message_id] = queue(app)
    start = utcnow()
    assert deliver(app, start).retrying == 1
    message = stored(app, message_id)
    assert (message.status, message.attempts) == (QUEUED, 1)
    assert "ConnectionRefusedError" in message.last_error
    server.start()
    try:
        assert deliver(app, start + timedelta(seconds=30)).sent == 0  # not due yet: back-off
        assert deliver(app, start + timedelta(seconds=61)).sent == 1
        assert deliver(app, start + timedelta(hours=1)).sent == 0
        assert len(server.inbox.messages) == 1
    finally:
        server.stop()
    message = stored(app, message_id)
    assert (message.status, message.attempts) == (SENT, 2)


def test_temporary_refusal_is_retried_with_doubling_delays(make_app, smtp):
    app = mail_app(make_app, smtp.port, MAIL_RETRY_SECONDS=60)
    smtp.inbox.answers = ["451 4.3.0 Try again later", "452 4.3.1 Still busy"]
    [message_id] = queue(app)
    start = utcnow()
    assert deliver(app, start).retrying == 1
    first = stored(app, message_id)
    assert first.last_error == "451 4.3.0 Try again later"
    assert deliver(app, start + timedelta(seconds=61)).retrying == 1
    second = stored(app, message_id)
    assert second.attempts == 2
    assert "452" in second.last_error
    assert deliver(app, start + timedelta(seconds=61 + 100)).sent == 0  # second delay is 120 s
    assert deliver(app, start + timedelta(seconds=61 + 121)).sent == 1
    assert len(smtp.inbox.messages) == 1
    assert stored(app, message_id).attempts == 3


def test_permanent_refusal_marks_the_message_failed_and_logs_the_answer(make_app, smtp, tmp_path):
    app = mail_app(make_app, smtp.port)
    smtp.inbox.answers = ["550 5.7.1 Message rejected as spam"]
    [message_id] = queue(app)
    assert deliver(app).failed == 1
    message = stored(app, message_id)
    assert (message.status, message.last_error) == (FAILED, "550 5.7.1 Message rejected as spam")
    assert deliver(app, utcnow() + timedelta(days=1)).sent == 0
    assert smtp.inbox.messages == []
    log = (tmp_path / "logs" / "formwork.log").read_text()
    assert f"Mail {message_id} (test) failed: 550 5.7.1 Message rejected as spam" in log


def test_gives_up_after_the_last_attempt(make_app):
    app = mail_app(make_app, free_port(), MAIL_MAX_ATTEMPTS=2, MAIL_RETRY_SECONDS=1)
    [message_id] = queue(app)
    start = utcnow()
    deliver(app, start)
    deliver(app, start + timedelta(seconds=2))
    message = stored(app, message_id)
    assert (message.status, message.attempts) == (FAILED, 2)
    assert message.last_error.startswith("gave up after 2 attempts")


def test_a_server_that_never_answers_is_given_up_after_the_timeout(make_app):
    silent = SilentServer()
    try:
        app = mail_app(make_app, silent.port, MAIL_TIMEOUT=1)
        [message_id] = queue(app, 3)[:1]
        began = time.monotonic()
        outcome = deliver(app)
        waited = time.monotonic() - began
    finally:
        silent.close()
    assert outcome.retrying == 3  # one connection attempt for the batch, not one per message
    assert waited < 5
    message = stored(app, message_id)
    assert (message.status, message.attempts) == (QUEUED, 1)
    assert "timed out" in message.last_error


def test_a_deliverer_that_died_mid_send_leaves_the_message_to_be_retried(make_app, smtp):
    app = mail_app(make_app, smtp.port, MAIL_CLAIM_SECONDS=300)
    [message_id] = queue(app)
    now = utcnow()
    with app.app_context():
        _, claimed = claim_due(now)  # claimed, then the deliverer "dies" before sending
        assert [m.id for m in claimed] == [message_id]
    assert deliver(app, now + timedelta(seconds=10)).sent == 0  # the claim still holds
    assert deliver(app, now + timedelta(seconds=301)).sent == 1
    assert len(smtp.inbox.messages) == 1


def test_two_deliverers_at_once_send_each_message_once(make_app, smtp):
    app = mail_app(make_app, smtp.port)
    queue(app, 40)
    barrier = threading.Barrier(2)
    outcomes = []

    def run():
        with app.app_context():
            barrier.wait()
            outcomes.append(deliver_due())

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sum(outcome.sent for outcome in outcomes) == 40
    subjects = sorted(message["Subject"] for message in smtp.inbox.messages)
    assert subjects == sorted(f"Hello {n}" for n in range(40))
    with app.app_context():
        statuses = set(db.session.scalars(select(OutboxMessage.status)))
    assert statuses == {SENT}


def test_mail_send_command_delivers_and_reports(make_app, smtp):
    app = mail_app(make_app, smtp.port)
    queue(app, 2)
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 2" in result.output
    status = app.test_cli_runner().invoke(args=["mail", "status"])
    assert status.output.strip() == "sent 2"


def test_mail_send_command_without_server_says_so(make_app):
    app = make_app()
    queue(app)
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert "MAIL_SERVER is not set" in result.output
    assert "queued 1" in app.test_cli_runner().invoke(args=["mail", "status"]).output


def test_a_message_taken_over_by_another_deliverer_is_not_sent_again(make_app, smtp):
    from mail.delivery import Outcome
    from mail.delivery import deliver as deliver_claimed

    app = mail_app(make_app, smtp.port, MAIL_CLAIM_SECONDS=0)  # renew the claim before every message
    _, second = queue(app, 2)
    with app.app_context():
        now = utcnow()
        token, claimed = claim_due(now)
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.id == second).values(claimed_by="another-deliverer")
        )
        db.session.commit()
        outcome = Outcome()
        deliver_claimed(token, claimed, now, outcome)
    assert outcome.sent == 1
    assert [m["Subject"] for m in smtp.inbox.messages] == ["Hello 0"]
    assert stored(app, second).status == "sending"  # still the other deliverer's
