"""File storage: UUID names, image processing, staging for unfinished registrations, serving."""

from flask import Blueprint

bp = Blueprint("uploads", __name__)

from uploads import routes  # noqa: E402,F401
