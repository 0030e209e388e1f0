"""Security headers on every response."""

from flask import Flask
from flask import Response

from responses import checked_header

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # data: for Bootstrap's inline SVG icons, blob: for upload previews.
        "img-src 'self' data: blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# (lower-case name, (name, value)): the names lowered and the values checked once, not on every response.
SECURITY_HEADERS = [(name.lower(), checked_header(name, value)) for name, value in HEADERS.items()]
NO_STORE = checked_header("Cache-Control", "no-store")
STRICT_TRANSPORT = checked_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def register_security_headers(app: Flask) -> None:
    """Add the headers above to every response, keeping any a view set itself.

    Pages are never stored by a browser or proxy cache: they carry a CSRF token tied to
    the session, and often personal data that must not come back with the Back button
    after signing out.
    """

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        # One pass over the headers a view set, then the missing ones appended to Werkzeug's
        # list at once: their values were checked as SECURITY_HEADERS was built, and checking
        # the same constants again (Headers' slice assignment) was half of this hook's 4 us.
        headers = response.headers._list
        present = {name.lower() for name, _ in headers}
        missing = [header for lowered, header in SECURITY_HEADERS if lowered not in present]
        if response.mimetype == "text/html" and "cache-control" not in present:
            missing.append(NO_STORE)
        if app.config.get("SESSION_COOKIE_SECURE") and "strict-transport-security" not in present:
            missing.append(STRICT_TRANSPORT)
        headers.extend(missing)
        return response
