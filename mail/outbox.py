"""Putting an e-mail in the outbox: composed in full, added to the caller's transaction."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from email.utils import make_msgid

from flask import current_app

from extensions import db
from mail.models import OutboxMessage


def compose(recipients: list[str], subject: str, text: str, reply_to: Address | None = None) -> EmailMessage:
    """A plain-text message from `MAIL_DEFAULT_SENDER`, with its own Message-ID and Date.

    Header values go through the `email` package's header registry: a CR or LF in
    one raises instead of starting a new header, so user text never becomes headers.
    """
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    # A stable id: a receiving server can recognise a copy sent again after a worker died mid-send.
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    if reply_to is not None:
        message["Reply-To"] = reply_to
    message.set_content(text)
    return message


def enqueue(kind: str, message: EmailMessage) -> OutboxMessage | None:
    """Add `message` to the outbox in the current transaction (the caller commits); None without recipients."""
    recipients = [address.addr_spec for address in message["To"].addresses] if message["To"] else []
    if not recipients:
        return None
    entry = OutboxMessage(
        kind=kind,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        recipients=recipients,
        content=message.as_string(),
    )
    db.session.add(entry)
    keeper = current_app.extensions.get("housekeeper")
    if keeper is not None:
        keeper.run_soon("mail")  # delivered right after this request, by a background thread
    return entry
