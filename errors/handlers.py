"""Handlers that turn every error into a page in the site's layout, or JSON for /api/*."""

import redis
from flask import Blueprint
from flask import current_app
from flask import jsonify
from flask import redirect
from flask import render_template
from flask import request
from flask.globals import request_ctx
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.exceptions import ServiceUnavailable

from auth.routes import safe_next
from carried_errors import FILE_FIELDS
from carried_errors import carry_errors
from carried_errors import returns_to_form
from extensions import db
from uploads.sizes import size_words

bp = Blueprint("errors", __name__)

# What each status means to a person, and what they can do about it.
PAGES: dict[int, tuple[str, str]] = {
    400: ("Something was missing", "The page could not read what was sent. Go back and try again."),
    403: ("Not yours to see", "This page belongs to someone else, or needs a different account."),
    404: (
        "Page not found",
        "There is no page at this address. If a link on this site brought you here, the mistake is ours; "
        "the home page leads everywhere.",
    ),
    405: (
        "This page cannot do that",
        "This address answers only the buttons and forms that lead to it. Start again from the home page.",
    ),
    410: ("No longer here", "What was at this address is gone."),
    413: (
        "Upload too large",
        "What you sent is larger than the site accepts. Please choose smaller files and try again.",
    ),
    429: (
        "Too many requests",
        "You have tried this too many times in a short while. Please wait a minute and try again.",
    ),
    500: (
        "Something went wrong",
        "An unexpected error happened on our side. It has been logged and we will look into it. Nothing you did caused it.",
    ),
    503: (
        "Temporarily unavailable",
        "A service the site depends on is not answering. Your data is safe; please try again in a moment.",
    ),
}
CSRF_MESSAGE = (
    "Your form was not sent: its security token is missing or has expired. This happens when a page "
    "was left open for a long time, or when cookies are blocked. Open the form again and send it once more."
)
# Errors that mean a backing service (database, Redis) is down, not a bug.
SERVICE_ERRORS = (OperationalError, redis.ConnectionError, redis.TimeoutError)


def wants_json() -> bool:
    """API routes, and clients that prefer JSON, get JSON errors."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(
    code: int, message: str | None = None, headers: dict[str, str] | None = None, back: str | None = None
) -> ResponseReturnValue:
    """The error page (or JSON body) for `code`, with the status and any headers.

    `back` is a path on this site to offer as the way forward (the form a refused POST came from).
    """
    title, default = PAGES.get(code, ("Error", "The request could not be completed."))
    message = message or default
    if wants_json():
        response = jsonify(error=title, message=message, status=code)
    elif request_ctx.url_adapter is None:
        # A Host header Werkzeug refused (BadHost): no URL can be built, so no layout either.
        response = render_template("errors/plain.html", code=code, title=title, message=message)
    else:
        response = render_template("errors/error.html", code=code, title=title, message=message, back=back)
    return response, code, headers or {}


def limit_headers(error: HTTPException) -> dict[str, str]:
    """Headers an HTTP error carries that must survive the custom page (Allow, Retry-After)."""
    return {k: v for k, v in error.get_headers() if k.lower() in {"allow", "retry-after", "www-authenticate"}}


@bp.app_errorhandler(CSRFError)
def csrf_error(error: CSRFError) -> ResponseReturnValue:
    """The form's page again is the way forward: a fresh GET gives it a fresh token."""
    return error_response(400, CSRF_MESSAGE, back=safe_next(request.full_path.rstrip("?")))


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    if code == 429:
        return error_response(429, headers=limit_headers(error))
    return error_response(code, headers=limit_headers(error))


@bp.app_errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """Name the limit; a form page marked for it gets its form back with the message on the file field."""
    custom = error.description != RequestEntityTooLarge.description  # raised with its own reason
    message = error.description if custom else too_large_message()
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method == "POST" and not wants_json() and returns_to_form(view):
        carry_errors({FILE_FIELDS: [message]})
        query = request.query_string.decode("latin-1")
        return redirect(request.path + (f"?{query}" if query else ""), 303)
    return error_response(413, message)


def too_large_message() -> str:
    """Which limit was passed, in words: the whole request's, or the cap on text held in memory."""
    whole = current_app.config["MAX_CONTENT_LENGTH"]
    if (request.content_length or 0) > whole:
        return (
            f"What you sent was larger than {size_words(whole)}, the most the site accepts at once. "
            "Choose a smaller file (or fewer files) and send it again."
        )
    text = size_words(current_app.config["MAX_FORM_MEMORY_SIZE"])
    return f"A form's text was larger than {text}, the most the site reads for one form. Shorten it and send it again."


def service_unavailable() -> ResponseReturnValue:
    """503 with a rolled-back session and a Retry-After hint."""
    db.session.rollback()
    return error_response(503, headers={"Retry-After": "30"})


@bp.app_errorhandler(ServiceUnavailable)
def unavailable(error: ServiceUnavailable) -> ResponseReturnValue:
    return service_unavailable()


@bp.app_errorhandler(OperationalError)
@bp.app_errorhandler(redis.ConnectionError)
@bp.app_errorhandler(redis.TimeoutError)
def backing_service_down(error: Exception) -> ResponseReturnValue:
    current_app.logger.error("Backing service unavailable: %s", error)
    return service_unavailable()


@bp.app_errorhandler(InternalServerError)
def internal_error(error: InternalServerError) -> ResponseReturnValue:
    db.session.rollback()
    if isinstance(error.original_exception, SERVICE_ERRORS):
        return service_unavailable()
    return error_response(500)
