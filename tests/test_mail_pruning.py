"""Old outbox rows are deleted (sent after MAIL_KEEP_SENT_DAYS, failed after MAIL_KEEP_FAILED_DAYS);
messages still to be delivered never are."""

import time
from datetime import timedelta

from sqlalchemy import select

from extensions import db
from mail.delivery import deliver_due
from mail.models import FAILED
from mail.models import QUEUED
from mail.models import SENDING
from mail.models import SENT
from mail.models import OutboxMessage
from mail.outbox import compose
from mail.outbox import enqueue
from mail.pruning import prune_outbox
from models import utcnow

DAY = timedelta(days=1)


def add_row(app, name: str, status: str, age: timedelta) -> None:
    """An outbox row called `name` whose last event (sent, last attempt, creation) was `age` ago."""
    moment = utcnow() - age
    with app.app_context():
        db.session.add(
            OutboxMessage(
                kind=name,
                sender="formwork@localhost",
                recipients=["ada@example.com"],
                content="Subject: hi\n\nbody\n",
                status=status,
                created_at=moment,
                next_attempt_at=moment,
                sent_at=moment if status == SENT else None,
            )
        )
        db.session.commit()


def kinds_left(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(OutboxMessage.kind)))


def fill(app) -> None:
    add_row(app, "sent-31-days", SENT, 31 * DAY)
    add_row(app, "sent-29-days", SENT, 29 * DAY)
    add_row(app, "failed-91-days", FAILED, 91 * DAY)
    add_row(app, "failed-31-days", FAILED, 31 * DAY)
    add_row(app, "queued-a-year", QUEUED, 365 * DAY)
    add_row(app, "sending-a-year", SENDING, 365 * DAY)


KEPT = {"sent-29-days", "failed-31-days", "queued-a-year", "sending-a-year"}


def test_sent_and_failed_messages_go_after_their_keeping_time_and_undelivered_ones_stay(app):
    fill(app)
    with app.app_context():
        assert prune_outbox() == 2
        assert prune_outbox() == 0
    assert kinds_left(app) == KEPT


def test_the_keeping_times_are_settings(make_app):
    app = make_app(MAIL_KEEP_SENT_DAYS=7, MAIL_KEEP_FAILED_DAYS=30)
    fill(app)
    with app.app_context():
        assert prune_outbox() == 4
    assert kinds_left(app) == {"queued-a-year", "sending-a-year"}


def test_the_cli_prunes_and_says_how_many(app):
    fill(app)
    result = app.test_cli_runner().invoke(args=["mail", "prune"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Deleted 2 (sent over 30 days ago, failed over 90 days ago)."
    assert kinds_left(app) == KEPT


def test_a_delivered_message_is_deleted_a_month_after_it_was_sent(make_app, smtp):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    with app.app_context():
        enqueue("contact", compose(["ada@example.com"], "Hello", "Body\n"))
        db.session.commit()
        assert deliver_due().sent == 1
        assert prune_outbox(utcnow() + 29 * DAY) == 0
        assert prune_outbox(utcnow() + 31 * DAY) == 1
    assert kinds_left(app) == set()


def test_a_message_that_waited_long_and_then_failed_is_kept_from_its_failure(make_app, smtp):
    """Queued 100 days ago (no mail server yet), refused today: kept MAIL_KEEP_FAILED_DAYS from today."""
    smtp.inbox.answers = ["550 5.1.1 No such user"]
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    with app.app_context():
        entry = enqueue("contact", compose(["ada@example.com"], "Hello", "Body\n"))
        entry.created_at = entry.next_attempt_at = utcnow() - 100 * DAY
        db.session.commit()
        assert deliver_due().failed == 1
        assert prune_outbox() == 0
        assert prune_outbox(utcnow() + 89 * DAY) == 0
        assert prune_outbox(utcnow() + 91 * DAY) == 1


def test_the_workers_prune_in_the_background(make_app):
    app = make_app(HOUSEKEEPING=True, MAIL_PRUNE_INTERVAL=0)
    fill(app)
    app.test_client().get("/")  # a request: the due chores start after it
    for _ in range(100):
        if kinds_left(app) == KEPT:
            break
        time.sleep(0.02)
    assert kinds_left(app) == KEPT


def test_pruning_on_postgres(pg_app):
    fill(pg_app)
    with pg_app.app_context():
        assert prune_outbox() == 2
    assert kinds_left(pg_app) == KEPT
