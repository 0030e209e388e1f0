"""`GET /media/avatars/<name>`: avatar images, by stored (UUID) name only."""

from flask import Blueprint
from flask import abort
from flask import send_from_directory
from flask.typing import ResponseReturnValue

from uploads.avatars import AVATARS
from uploads.storage import is_stored_name
from uploads.storage import upload_dir

bp = Blueprint("uploads", __name__)

MEDIA_MAX_AGE = 86400


@bp.route("/media/avatars/<name>")
def avatar(name: str) -> ResponseReturnValue:
    """Serve an avatar; names are UUIDs, so a changed avatar has a new URL."""
    if not is_stored_name(name):
        abort(404)
    response = send_from_directory(upload_dir(AVATARS), name, max_age=MEDIA_MAX_AGE)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Browsers may keep it; shared caches may not, so a replaced avatar does not linger there.
    response.cache_control.public = False
    response.cache_control.private = True
    return response
