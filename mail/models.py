"""The outbox table: one row per e-mail, from queued to sent (or failed)."""

from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy import DateTime
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from extensions import db
from models import utcnow

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"


class OutboxMessage(db.Model):
    """An e-mail, composed and stored in full, with every delivery attempt's outcome."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What the mail is about ("contact", "password-reset"): for logs and the CLI, never content.
    kind: Mapped[str] = mapped_column(String(40))
    sender: Mapped[str] = mapped_column(String(254))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    # The whole RFC 5322 message as it goes on the wire (headers, Message-ID, body).
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set while a deliverer holds the message; past it, the deliverer is presumed dead.
    claimed_by: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"


Index("ix_outbox_status_next_attempt_at", OutboxMessage.status, OutboxMessage.next_attempt_at)
