"""A user's private documents: metadata in the database, the bytes under UPLOAD_ROOT/documents."""

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import backref
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from extensions import db
from models import User
from models import utcnow
from uploads.commit import StoredFile
from uploads.commit import owned_files
from uploads.sweep import referenced_by

DOCUMENTS = "documents"
# Kind -> (what people call it, the Content-Type it is served with).
KINDS = {
    "pdf": ("PDF", "application/pdf"),
    "docx": ("Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "txt": ("Text", "text/plain"),  # Flask adds "; charset=utf-8"
}


class Document(db.Model):
    """One uploaded document. `stored_name` is a UUID; `display_name` is what the person called it."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    owner: Mapped[User] = relationship(
        backref=backref("documents", cascade="all, delete-orphan", passive_deletes=True, lazy="select")
    )

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def content_type(self) -> str:
        return KINDS[self.kind][1]

    @classmethod
    def of_owner(cls, owner_id: int) -> list["Document"]:
        """The owner's documents, newest first."""
        query = select(cls).where(cls.owner_id == owner_id).order_by(cls.created_at.desc(), cls.id.desc())
        return list(db.session.scalars(query))

    @classmethod
    def owned(cls, owner_id: int, document_id: int) -> "Document | None":
        """The document if it belongs to `owner_id`; None for anyone else's (a 404, never a 403)."""
        return db.session.scalar(select(cls).where(cls.id == document_id, cls.owner_id == owner_id))

    @classmethod
    def bytes_used(cls, owner_id: int) -> int:
        """The total size of the owner's documents."""
        # int(): PostgreSQL sums a bigint as numeric (a Decimal).
        return int(
            db.session.scalar(select(func.coalesce(func.sum(cls.size), 0)).where(cls.owner_id == owner_id))
        )


@owned_files
def documents_of(user: User) -> list[StoredFile]:
    """The document files of `user`, deleted with the account."""
    names = db.session.scalars(select(Document.stored_name).where(Document.owner_id == user.id))
    return [StoredFile(DOCUMENTS, name) for name in names]


@referenced_by(DOCUMENTS)
def documents_in_use() -> set[str]:
    """The stored names of every document (the sweep keeps these)."""
    return set(db.session.scalars(select(Document.stored_name)))
