"""The home page, the health check and the locally served Bootstrap files."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from pages import routes  # noqa: E402,F401
