"""Delivering the outbox over SMTP: claim due messages atomically, send each once, record every attempt.

A message is claimed by one deliverer before it is sent: on PostgreSQL the claim
skips rows another deliverer has locked (`FOR UPDATE SKIP LOCKED`); on SQLite,
which has one writer at a time, the same conditional update is atomic by itself.
A claim lasts `MAIL_CLAIM_SECONDS`; a deliverer that died mid-send leaves its
messages to whoever finds the claim expired. Temporary failures (no connection,
a timeout, a 4xx answer) are retried with doubling delays; a 5xx answer marks the
message failed.
"""

import secrets
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from extensions import db
from mail.models import FAILED
from mail.models import QUEUED
from mail.models import SENDING
from mail.models import SENT
from mail.models import OutboxMessage
from mail.smtp import close_quietly
from mail.smtp import describe
from mail.smtp import is_permanent
from mail.smtp import open_connection
from mail.smtp import send_one
from models import utcnow

CLAIM_BATCH = 20
# Kinds whose content is a secret (a reset link): once delivered, the stored copy is dropped.
SECRET_KINDS = {"password-reset"}
REMOVED = "(removed after delivery: it held a one-time link)"


@dataclass
class Outcome:
    """What one delivery run did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0


def due_clause(now: datetime):
    """Queued messages whose time has come, and claims whose deliverer must have died."""
    return or_(
        and_(OutboxMessage.status == QUEUED, OutboxMessage.next_attempt_at <= now),
        and_(OutboxMessage.status == SENDING, OutboxMessage.claimed_until < now),
    )


def claim_due(now: datetime, limit: int = CLAIM_BATCH) -> tuple[str, list[OutboxMessage]]:
    """Claim up to `limit` due messages for this deliverer, in one atomic statement."""
    token = secrets.token_hex(16)
    candidates = (
        select(OutboxMessage.id)
        .where(due_clause(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    if db.engine.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    db.session.rollback()  # a fresh transaction: the claim must see every commit so far
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(candidates.scalar_subquery()), due_clause(now))
        .values(status=SENDING, claimed_by=token, claimed_until=now + claim_length()),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    claimed = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.claimed_by == token).order_by(OutboxMessage.id)
    ).all()
    return token, list(claimed)


def claim_length() -> timedelta:
    return timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])


def renew_claim(token: str, now: datetime) -> set[int]:
    """Extend this deliverer's claims; the ids still its own (others may have taken some over)."""
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.claimed_by == token, OutboxMessage.status == SENDING)
        .values(claimed_until=now + claim_length()),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    return set(db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.claimed_by == token)))


def record(message: OutboxMessage, token: str, **values) -> None:
    """Store an attempt's outcome, if the claim is still this deliverer's."""
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.claimed_by == token)
        .values(attempts=OutboxMessage.attempts + 1, claimed_by=None, claimed_until=None, **values),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()


def retry_delay(attempts: int) -> timedelta:
    """Doubling delays from `MAIL_RETRY_SECONDS`, capped at `MAIL_RETRY_MAX_SECONDS`."""
    cfg = current_app.config
    return timedelta(
        seconds=min(cfg["MAIL_RETRY_SECONDS"] * 2 ** max(attempts - 1, 0), cfg["MAIL_RETRY_MAX_SECONDS"])
    )


def record_failure(
    message: OutboxMessage, token: str, error: str, permanent: bool, now: datetime, outcome: Outcome
) -> None:
    """A refused message is failed; a temporary failure is retried later, until MAIL_MAX_ATTEMPTS."""
    attempts = message.attempts + 1
    logger = current_app.logger
    if permanent or attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        reason = error if permanent else f"gave up after {attempts} attempts; last: {error}"
        # next_attempt_at becomes the failing attempt's time: pruning keeps a failure from then on.
        record(message, token, status=FAILED, last_error=reason, next_attempt_at=now)
        logger.error("Mail %s (%s) failed: %s", message.id, message.kind, reason)
        outcome.failed += 1
        return
    next_try = now + retry_delay(attempts)
    record(message, token, status=QUEUED, last_error=error, next_attempt_at=next_try)
    logger.warning(
        "Mail %s (%s) attempt %s failed, next try %s: %s",
        message.id,
        message.kind,
        attempts,
        next_try.isoformat(timespec="seconds"),
        error,
    )
    outcome.retrying += 1


class Clock:
    """The run's start time (given by tests, or now), moved on by the time the run has taken."""

    def __init__(self, start: datetime) -> None:
        self.start, self.began, self.renewed = start, time.monotonic(), time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.began)

    def claim_half_gone(self) -> bool:
        """True when half the claim has passed since it was taken or renewed: time to renew it."""
        return time.monotonic() - self.renewed > claim_length().total_seconds() / 2


def deliver(token: str, messages: list[OutboxMessage], start: datetime, outcome: Outcome) -> None:
    """Send claimed messages over one connection, recording each outcome."""
    clock = Clock(start)
    ours = {message.id for message in messages}
    connection = None
    try:
        for message in messages:
            if clock.claim_half_gone():  # a slow server: renew before another deliverer may take over
                ours = renew_claim(token, clock.now())
                clock.renewed = time.monotonic()
            if message.id not in ours:
                continue
            try:
                if connection is None:
                    connection = open_connection()
            except (OSError, smtplib.SMTPException) as error:
                # No server to talk to: every claimed message waits for the next try.
                for waiting in messages[messages.index(message) :]:
                    record_failure(waiting, token, describe(error), False, clock.now(), outcome)
                return
            try:
                send_one(connection, message)
            except (OSError, smtplib.SMTPException) as error:
                record_failure(message, token, describe(error), is_permanent(error), clock.now(), outcome)
                connection = close_quietly(connection)
            else:
                kept = {"content": REMOVED} if message.kind in SECRET_KINDS else {}
                record(message, token, status=SENT, sent_at=clock.now(), last_error=None, **kept)
                current_app.logger.info("Mail %s (%s) sent", message.id, message.kind)
                outcome.sent += 1
    finally:
        close_quietly(connection)


def deliver_due(now: datetime | None = None) -> Outcome:
    """Deliver every message that is due; nothing at all when MAIL_SERVER is unset."""
    outcome = Outcome()
    if not current_app.config.get("MAIL_SERVER"):
        return outcome
    while True:
        moment = now or utcnow()
        token, claimed = claim_due(moment)
        if not claimed:
            return outcome
        deliver(token, claimed, moment, outcome)
        if len(claimed) < CLAIM_BATCH:
            return outcome
