"""The contact form (`/contact`) and its JSON twin (`POST /api/contact`)."""

from flask import Blueprint

bp = Blueprint("contact", __name__)
api_bp = Blueprint("contact_api", __name__)

from contact import api  # noqa: E402,F401
from contact import routes  # noqa: E402,F401
