"""Log to a rotating file under `LOG_DIR`, and e-mail errors to `ADMINS` when SMTP is set.

Error e-mails do not go through the outbox: the outbox lives in the database, and a
database outage is the likeliest cause of a burst of errors, exactly when a report
must still get out. They are sent by a background thread (a QueueHandler feeding
logging's own SMTPHandler), so a failing request never waits on the mail server.
"""

import atexit
import logging
import os
import queue
import re
from logging.handlers import QueueHandler
from logging.handlers import QueueListener
from logging.handlers import RotatingFileHandler
from logging.handlers import SMTPHandler

from flask import Flask
from flask import has_request_context
from flask import request

# Paths that carry a secret (password reset links) are logged without it.
SECRET_PATHS = re.compile(r"(/password/reset/)[^/\s?\"]+")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(remote_addr)s %(method)s %(url)s] %(message)s"


class RequestFormatter(logging.Formatter):
    """Adds the request's address, method and URL to each record when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        if has_request_context():
            record.remote_addr = request.remote_addr
            record.method = request.method
            record.url = redact(request.path)
        else:
            record.remote_addr = record.method = record.url = "-"
        return super().format(record)


def redact(text: str) -> str:
    """`text` with the token of any reset link replaced by "<token>"."""
    return SECRET_PATHS.sub(r"\1<token>", text)


class RedactSecrets(logging.Filter):
    """Removes reset tokens from records that quote a request line (Werkzeug's access log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/password/reset/" in message:
            record.msg, record.args = redact(message), ()
        return True


def mail_handler(app: Flask) -> QueueHandler:
    """ERROR records to `ADMINS`, formatted in the request's thread and sent from a background one."""
    cfg = app.config
    credentials = None
    if cfg.get("MAIL_USERNAME"):
        credentials = (cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")
    smtp = SMTPHandler(
        mailhost=(cfg["MAIL_SERVER"], cfg["MAIL_PORT"]),
        fromaddr=cfg["MAIL_DEFAULT_SENDER"],
        toaddrs=cfg["ADMINS"],
        subject="Formwork error",
        credentials=credentials,
        secure=() if cfg.get("MAIL_USE_TLS") else None,
        timeout=cfg.get("MAIL_TIMEOUT", 10),
    )
    handler = QueueHandler(queue.SimpleQueue())
    handler.setLevel(logging.ERROR)
    handler.setFormatter(RequestFormatter(LOG_FORMAT + "\n"))  # the request is only known here
    handler.listener = QueueListener(handler.queue, smtp)  # type: ignore[attr-defined]
    handler.listener.start()  # type: ignore[attr-defined]
    atexit.register(stop_listener, handler)
    return handler


def stop_listener(handler: logging.Handler) -> None:
    """Send what is still queued, then end the mail thread (once)."""
    listener = getattr(handler, "listener", None)
    if listener is not None and listener._thread is not None:
        listener.stop()


def configure_logging(app: Flask) -> None:
    """Attach the rotating file handler (always) and the mail handler (when set up).

    `app.logger` is shared by every app built in one process (it is named after
    the import name), so handlers from an earlier `create_app` are replaced.
    """
    for handler in [h for h in app.logger.handlers if getattr(h, "formwork", False)]:
        app.logger.removeHandler(handler)
        stop_listener(handler)
        handler.close()
    os.makedirs(app.config["LOG_DIR"], exist_ok=True)
    path = os.path.join(app.config["LOG_DIR"], "formwork.log")
    file_handler = RotatingFileHandler(path, maxBytes=1024 * 1024, backupCount=10, encoding="utf-8")
    file_handler.setFormatter(RequestFormatter(LOG_FORMAT))
    file_handler.setLevel(logging.INFO)
    file_handler.formwork = True  # type: ignore[attr-defined]
    app.logger.addHandler(file_handler)
    app.logger.setLevel(logging.DEBUG if app.debug else logging.INFO)
    # Alembic's env.py runs logging.config.fileConfig, which disables every logger that
    # exists by then: an upgrade run in-process (tests, a shell) would silence this one.
    app.logger.disabled = False
    werkzeug_logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, RedactSecrets) for f in werkzeug_logger.filters):
        werkzeug_logger.addFilter(RedactSecrets())
    if app.config.get("MAIL_SERVER") and app.config.get("ADMINS") and not app.debug:
        handler = mail_handler(app)
        handler.formwork = True  # type: ignore[attr-defined]
        app.logger.addHandler(handler)
