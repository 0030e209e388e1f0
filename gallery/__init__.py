"""`/gallery`: every field type and macro, in every state, with its template source."""

from flask import Blueprint

bp = Blueprint("gallery", __name__)

from gallery import routes  # noqa: E402,F401
