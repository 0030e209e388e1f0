"""The signed-in user's own profile (`/profile`)."""

from flask import Blueprint

bp = Blueprint("profiles", __name__)

from profiles import routes  # noqa: E402,F401
