"""Contact messages, kept whether or not they are mailed (a bot's are kept as spam)."""

from datetime import datetime

from sqlalchemy import DateTime
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from extensions import db
from models import utcnow


class ContactMessage(db.Model):
    """What someone sent through /contact; `spam_reason` says why it was not mailed."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    # "honeypot" or "too fast" for a bot; None for a person's message.
    spam_reason: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def is_spam(self) -> bool:
        return self.spam_reason is not None
