"""Private documents: upload several at once, list, download, delete (`/documents`)."""

from flask import Blueprint

bp = Blueprint("documents", __name__, url_prefix="/documents")

from documents import routes  # noqa: E402,F401
