"""Old outbox rows are deleted: a sent message after `MAIL_KEEP_SENT_DAYS`, a failed one after
`MAIL_KEEP_FAILED_DAYS` (kept longer, for whoever looks into why it failed).

The outbox holds each message in full (a contact notification repeats the sender's name,
address and text), so keeping it forever keeps personal data nobody needs; a queued or
sending message is never touched. Run by the workers' `mail-prune` chore and by
`flask --app app mail prune`.
"""

from datetime import datetime
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_
from sqlalchemy import delete
from sqlalchemy import or_

from extensions import db
from mail.models import FAILED
from mail.models import SENT
from mail.models import OutboxMessage
from models import utcnow


def prune_outbox(now: datetime | None = None) -> int:
    """Delete the sent and failed messages past their keeping time; how many were deleted."""
    now = now or utcnow()
    cfg = current_app.config
    sent_before = now - timedelta(days=cfg["MAIL_KEEP_SENT_DAYS"])
    failed_before = now - timedelta(days=cfg["MAIL_KEEP_FAILED_DAYS"])
    result = db.session.execute(
        delete(OutboxMessage).where(
            or_(
                and_(OutboxMessage.status == SENT, OutboxMessage.sent_at < sent_before),
                # A failed message's next_attempt_at is set to its failing attempt's time.
                and_(OutboxMessage.status == FAILED, OutboxMessage.next_attempt_at < failed_before),
            )
        ),
        execution_options={"synchronize_session": False},  # rows deleted are not the session's business
    )
    db.session.commit()
    return result.rowcount
