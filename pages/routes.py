"""`GET /`, `GET /healthz` and `/vendor/bootstrap/<file>`."""

import os

import flask_bootstrap
from flask import Blueprint
from flask import current_app
from flask import jsonify
from flask import render_template
from flask import send_from_directory
from flask.typing import ResponseReturnValue
from sqlalchemy import text

from extensions import db
from sessions import STORE_ERRORS

bp = Blueprint("pages", __name__)

# Bootstrap 5.3's compiled files, as shipped in the Bootstrap-Flask wheel.
BOOTSTRAP_DIR = os.path.join(os.path.dirname(flask_bootstrap.__file__), "static", "bootstrap5")
VENDOR_MAX_AGE = 7 * 86400


@bp.route("/")
def home() -> ResponseReturnValue:
    """Links to every feature and showcase page."""
    return render_template("pages/home.html")


@bp.route("/terms")
def terms():
    """The terms of use that registration asks a person to agree to."""
    return render_template("pages/terms.html")


@bp.route("/healthz")
def healthz() -> ResponseReturnValue:
    """Whether the database and the session store answer: 200, or 503 with which is down."""
    checks = {"database": "ok", "session_store": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not reachable"
        db.session.rollback()
        current_app.logger.warning("Health check: database unreachable: %s", exc)
        checks["database"] = "unreachable"
    try:
        current_app.session_interface.ping()
    except STORE_ERRORS as exc:
        current_app.logger.warning("Health check: session store unreachable: %s", exc)
        checks["session_store"] = "unreachable"
    healthy = all(v == "ok" for v in checks.values())
    status = 200 if healthy else 503
    return jsonify(status="ok" if healthy else "unavailable", **checks), status


@bp.route("/vendor/bootstrap/<path:filename>")
def bootstrap_asset(filename: str) -> ResponseReturnValue:
    """Bootstrap's CSS and JS, served from the installed package (no CDN)."""
    return send_from_directory(BOOTSTRAP_DIR, filename, max_age=VENDOR_MAX_AGE)
