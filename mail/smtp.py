"""Talking to the SMTP server: connect with the MAIL_* settings, send a stored message, read refusals."""

import smtplib
import ssl

from flask import current_app

from mail.models import OutboxMessage


def open_connection() -> smtplib.SMTP:
    """An SMTP connection from the MAIL_* settings; every socket wait is bounded by MAIL_TIMEOUT."""
    cfg = current_app.config
    connection = smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=cfg["MAIL_TIMEOUT"])
    try:
        if cfg.get("MAIL_USE_TLS"):
            connection.starttls(context=ssl.create_default_context())
        if cfg.get("MAIL_USERNAME"):
            connection.login(cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")
    except BaseException:
        connection.close()
        raise
    return connection


def describe(error: Exception) -> str:
    """The server's answer ("550 mailbox unavailable"), or the connection problem."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {text.decode(errors='replace')}"
            for address, (code, text) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode(errors="replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        return f"{error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def is_permanent(error: Exception) -> bool:
    """A 5xx answer about the message (not about signing in): sending it again would be refused again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False  # the settings are wrong, not the message: retried once they are fixed
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def send_one(connection: smtplib.SMTP, message: OutboxMessage) -> None:
    """Hand one stored message to the server; raises on any refusal."""
    refused = connection.sendmail(message.sender, message.recipients, message.content.encode("utf-8"))
    if refused:  # some recipients took it: sending again would duplicate it for them
        current_app.logger.warning(
            "Mail %s (%s) refused for %s recipient(s): %s", message.id, message.kind, len(refused), refused
        )


def close_quietly(connection: smtplib.SMTP | None) -> None:
    """End a connection politely if the server still listens; never raise."""
    if connection is None:
        return None
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()
    return None
