"""Taking in an upload of several documents: each checked on its own, the good ones stored.

Every file streams to a partial file (hashed and size-capped as it arrives), is
sniffed by content, and only then gets its UUID name and a row; a refused file
leaves nothing behind. The rows are committed together; if that fails, the
files written for them are removed (uploads.commit.FileChanges).
"""

from dataclasses import dataclass
from dataclasses import field

from flask import current_app
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from documents.models import DOCUMENTS
from documents.models import Document
from extensions import db
from models import User
from uploads import storage
from uploads.commit import FileChanges
from uploads.commit import StoredFile
from uploads.names import NameRejected
from uploads.names import checked_name
from uploads.sizes import size_words
from uploads.sniffing import DOCUMENT_EXTENSIONS
from uploads.sniffing import ContentRejected
from uploads.sniffing import sniff_document_type

SHOWN_NAME_LENGTH = 80


class DocumentRefused(ValueError):
    """One file of an upload was not stored; the message says why."""


@dataclass
class Intake:
    """What became of one upload: the stored documents, and a message per refused file."""

    stored: list[Document] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def shown_name(filename: str) -> str:
    """A file name as it may appear in a message: no control characters, not too long."""
    name = "".join("?" if ord(char) < 32 or ord(char) == 127 else char for char in filename).strip()
    name = name or "(no name)"
    return name if len(name) <= SHOWN_NAME_LENGTH else name[: SHOWN_NAME_LENGTH - 1] + "…"


def receive_documents(owner: User, uploads: list[FileStorage]) -> Intake:
    """Store each acceptable file for `owner` within the size and quota limits; one commit."""
    config = current_app.config
    max_bytes, quota = config["DOCUMENT_MAX_BYTES"], config["DOCUMENT_QUOTA_BYTES"]
    # One intake per user at a time (PostgreSQL row lock), so two uploads cannot both fit the quota.
    db.session.execute(select(User.id).where(User.id == owner.id).with_for_update())
    used = Document.bytes_used(owner.id)
    intake = Intake()
    changes = FileChanges()
    for upload in uploads:
        name = upload.filename or ""
        try:
            document = take_document(owner, upload, max_bytes, quota - used)
        except DocumentRefused as exc:
            intake.refused.append(f"“{shown_name(name)}” was not uploaded: {exc}")
            continue
        changes.wrote([StoredFile(DOCUMENTS, document.stored_name)])
        used += document.size
        intake.stored.append(document)
        db.session.add(document)
    if intake.stored:
        changes.commit()
    return intake


def take_document(owner: User, upload: FileStorage, max_bytes: int, room: int) -> Document:
    """One file: name, size, quota and content checked, then stored under a UUID name."""
    try:
        display_name, extension = checked_name(upload.filename or "", DOCUMENT_EXTENSIONS)
    except NameRejected as exc:
        raise DocumentRefused(str(exc)) from None
    try:
        received = storage.receive_stream(DOCUMENTS, upload.stream, max_bytes)
    except storage.FileTooLarge:
        raise DocumentRefused(
            f"it is larger than {size_words(max_bytes)}, the most one document may be."
        ) from None
    try:
        if received.size == 0:
            raise DocumentRefused("it is empty.")
        if received.size > room:
            raise DocumentRefused(
                f"it would take you over your {size_words(current_app.config['DOCUMENT_QUOTA_BYTES'])} "
                f"of space ({size_words(max(room, 0))} left). Delete some documents first."
            )
        with open(received.path, "rb") as fh:
            try:
                sniff_document_type(fh, received.size, extension)
            except ContentRejected as exc:
                raise DocumentRefused(f"it has a .{extension} name, but {exc}") from None
        stored_name = storage.new_stored_name(extension)
        storage.keep_received(received, DOCUMENTS, stored_name)
    except BaseException:
        storage.discard_received(received)
        raise
    return Document(
        owner_id=owner.id,
        stored_name=stored_name,
        display_name=display_name,
        kind=extension,
        size=received.size,
        sha256=received.sha256,
    )
