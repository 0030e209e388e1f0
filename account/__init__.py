"""The signed-in user's account: change the password, delete the account."""

from flask import Blueprint

bp = Blueprint("account", __name__, url_prefix="/account")

from account import routes  # noqa: E402,F401
