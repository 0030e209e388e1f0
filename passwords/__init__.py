"""Password reset by e-mail: `/password/forgot` and `/password/reset/<token>`."""

from flask import Blueprint

bp = Blueprint("passwords", __name__)

from passwords import routes  # noqa: E402,F401
