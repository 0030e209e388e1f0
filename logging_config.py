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
import sys
import time
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
            current = request._get_current_object()  # the proxy resolved once, not per attribute
            record.remote_addr = current.remote_addr
            record.method = current.method
            record.url = redact(current.path)
        else:
            record.remote_addr = record.method = record.url = "-"
        return super().format(record)


def redact(text: str) -> str:
    """`text` with the token of any reset link replaced by "<token>"."""
    return SECRET_PATHS.sub(r"\1<token>", text)


class RotatingLogFile(RotatingFileHandler):
    """logging's RotatingFileHandler, formatting each record once and stat-ing the file only when it is full.

    The library formats every record twice (once to measure it for the rollover check,
    once to write it) and stats the path twice per record to be sure it is a regular
    file (bpo-45401). Here the text measured is the text written, and the regular-file
    check (the library's own `shouldRollover`) runs only once the file is due to roll
    over, the order Python 3.13 adopted. With the request read once (RequestFormatter), a log
    line in a request costs 25 us of CPU instead of 37 (a loop; 56 -> 44 us in this handler in a walk).
    """

    formatted: tuple[logging.LogRecord, str] | None = None  # the record being emitted, as text

    def format(self, record: logging.LogRecord) -> str:
        if self.formatted is not None and self.formatted[0] is record:
            return self.formatted[1]
        text = super().format(record)
        self.formatted = (record, text)
        return text

    def emit(self, record: logging.LogRecord) -> None:
        try:
            super().emit(record)
        finally:
            self.formatted = None  # the record (and any traceback it holds) is not kept alive

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        if self.stream is None:  # delay was set, or a rollover failed to reopen
            self.stream = self._open()
        if self.maxBytes <= 0:
            return False
        self.stream.seek(0, 2)  # other processes append to the same file
        if self.stream.tell() + len(self.format(record)) + len(self.terminator) < self.maxBytes:
            return False
        return super().shouldRollover(record)


class RedactSecrets(logging.Filter):
    """Removes reset tokens from records that quote a request line (Werkzeug's access log)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/password/reset/" in message:
            record.msg, record.args = redact(message), ()
        return True


class ThrottledMailHandler(SMTPHandler):
    """logging's SMTPHandler, sparing the admins' inbox during an outage.

    The same error (as MarkSameness tells: the exception type and the line of Formwork's own
    code it came through) is mailed at most once per `interval` seconds, and the next report
    of it says how many were held back; no more than `hourly` reports go out in any clock
    hour. Everything is still in the log file (the tail of a burst that stops is only there).
    A mail server that cannot be reached is one line on stderr a minute, not a traceback
    per report. It runs in the QueueListener's one thread, so it needs no lock.
    """

    def __init__(self, *args, interval: float, hourly: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.interval, self.hourly = interval, hourly
        self.last_sent: dict[tuple, float] = {}
        self.held_back: dict[tuple, int] = {}
        self.hour, self.sent_this_hour, self.over_cap = -1, 0, 0
        self.last_complaint = float("-inf")
        self.note = ""  # what the report being sent adds to its subject
        self.failed = False  # whether the report being sent could not be

    def emit(self, record: logging.LogRecord) -> None:
        key, now = (
            getattr(record, "sameness", (record.name, record.pathname, record.lineno)),
            time.monotonic(),
        )
        hour = int(time.time() // 3600)
        if hour != self.hour:
            self.hour, self.sent_this_hour = hour, 0
        if now - self.last_sent.get(key, float("-inf")) < self.interval:
            self.held_back[key] = self.held_back.get(key, 0) + 1
            return
        if self.sent_this_hour >= self.hourly:
            self.over_cap += 1
            return
        same, others = self.held_back.get(key, 0), self.over_cap
        self.note, self.failed = self.held_back_note(same, others), False
        super().emit(record)  # on failure it calls handleError, which sets self.failed
        if not self.failed:  # what was held back has now been told; after a failure it still waits
            self.last_sent[key], self.sent_this_hour = now, self.sent_this_hour + 1
            self.held_back.pop(key, None)
            self.over_cap -= others

    @staticmethod
    def held_back_note(same: int, others: int) -> str:
        """What was not mailed since the last report (of this error, and of any over the cap)."""
        notes = []
        if same:
            notes.append(f"{same} more like it since the last report")
        if others:
            notes.append(f"{others} report(s) held back by the hourly cap")
        return f" ({'; '.join(notes)})" if notes else ""

    def getSubject(self, record: logging.LogRecord) -> str:
        return self.subject + getattr(self, "note", "")

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True
        now = time.monotonic()
        if now - self.last_complaint >= 60:
            self.last_complaint = now
            error = sys.exc_info()[1]
            print(f"Formwork: an error report could not be e-mailed to ADMINS: {error!r}", file=sys.stderr)


PROJECT_ROOT = os.path.dirname(os.path.abspath(__file__)) + os.sep


def own_code(filename: str) -> bool:
    """Whether a traceback frame's file is Formwork's (not a library in a venv under it)."""
    return filename.startswith(PROJECT_ROOT) and "site-packages" not in filename


class MarkSameness(logging.Filter):
    """Tags a record with what makes two errors the same one: the exception's type and the last
    line of Formwork's own code the traceback went through (a database error raised deep in
    SQLAlchemy is told apart by the query of ours that led to it; every unhandled error is logged
    from the same line of Flask), else where it was logged. Runs in the request's thread: the
    queue drops the traceback before the mail thread sees the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        kind, _error, trace = record.exc_info or (None, None, None)
        place = innermost = None
        while trace is not None:
            innermost = (trace.tb_frame.f_code.co_filename, trace.tb_lineno)
            place = innermost if own_code(innermost[0]) else place
            trace = trace.tb_next
        place = place or innermost
        if kind is not None and place is not None:
            record.sameness = (kind.__name__, *place)
        else:
            record.sameness = (record.name, record.pathname, record.lineno)
        return True


def mail_handler(app: Flask) -> QueueHandler:
    """ERROR records to `ADMINS`, formatted in the request's thread and sent from a background one."""
    cfg = app.config
    credentials = None
    if cfg.get("MAIL_USERNAME"):
        credentials = (cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")
    smtp = ThrottledMailHandler(
        interval=cfg["ERROR_MAIL_INTERVAL"],
        hourly=cfg["ERROR_MAIL_HOURLY_MAX"],
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
    handler.addFilter(MarkSameness())
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
    file_handler = RotatingLogFile(path, maxBytes=1024 * 1024, backupCount=10, encoding="utf-8")
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
