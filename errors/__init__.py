"""Error pages (HTML, or JSON under /api/) for every status the app can answer."""

from flask import Blueprint

bp = Blueprint("errors", __name__)

from errors import handlers  # noqa: E402,F401  (registers the handlers on bp)
