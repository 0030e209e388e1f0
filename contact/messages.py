"""Keeping a contact message and, unless a bot sent it, mailing it to ADMINS through the outbox."""

from email.headerregistry import Address

from flask import current_app
from flask_login import current_user

from contact.models import ContactMessage
from extensions import db
from extensions import limiter
from forms.contact import ContactForm
from mail.outbox import compose
from mail.outbox import enqueue

SUBJECT_PREFIX = "[Formwork contact]"

# One budget per client for the page and the API together.
contact_limit = limiter.shared_limit(
    lambda: current_app.config["CONTACT_RATE_LIMIT"], scope="contact", methods=["POST"]
)


def contact_form(**kwargs) -> ContactForm:
    """The form, with a signed-in person's name and address filled in on a fresh page."""
    form = ContactForm(**kwargs)
    if current_user.is_authenticated and not form.is_submitted():
        form.name.data = " ".join(filter(None, [current_user.first_name, current_user.last_name]))
        form.email.data = current_user.email
    return form


def save_contact(form: ContactForm) -> ContactMessage:
    """Store the message, and its e-mail in the same transaction; a bot's is stored as spam, never mailed."""
    reason = form.bot_reason()
    message = ContactMessage(
        name=form.name.data.strip(),
        email=form.email.data,
        subject=form.subject.data,
        message=form.message.data,
        spam_reason=reason,
    )
    db.session.add(message)
    db.session.flush()
    if reason is None:
        notice = compose(
            current_app.config["ADMINS"],
            f"{SUBJECT_PREFIX} {form.subject_label}",
            notification_text(message, form.subject_label),
            reply_to=Address(display_name=message.name, addr_spec=form.reply_to_address),
        )
        enqueue("contact", notice)
    db.session.commit()
    current_app.logger.info(
        "Contact message %s stored%s", message.id, f" as spam ({reason})" if reason else ""
    )
    return message


def notification_text(message: ContactMessage, subject_label: str) -> str:
    """The admins' e-mail: who wrote, about what, and their words, quoted as plain text."""
    return (
        f"{message.name} <{message.email}> wrote through the contact form\n"
        f"Subject: {subject_label}\n"
        f"Message {message.id}, received {message.created_at:%Y-%m-%d %H:%M} UTC\n\n"
        f"{message.message}\n\n"
        "-- \nReply to this e-mail to answer them.\n"
    )


def confirmation(message: ContactMessage) -> str:
    """What the sender is told, bot or person alike."""
    return f"Thank you, {message.name}. Your message was sent; we will reply to {message.email}."
