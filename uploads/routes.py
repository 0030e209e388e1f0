"""`GET /media/avatars/<name>`: avatar images, by stored (UUID) name only."""

import os
import re
from typing import NamedTuple

from flask import Blueprint
from flask import abort
from flask import send_from_directory
from flask import url_for
from flask.typing import ResponseReturnValue

from uploads.avatars import AVATARS
from uploads.avatars import sized_name
from uploads.images import AVATAR_SIZES
from uploads.sizes import size_words
from uploads.storage import is_stored_name
from uploads.storage import upload_dir

bp = Blueprint("uploads", __name__)

MEDIA_MAX_AGE = 86400
SIZE_SUFFIX = re.compile(r"-[0-9]+(?=\.)")


@bp.route("/media/avatars/<name>")
def avatar(name: str) -> ResponseReturnValue:
    """Serve an avatar; names are UUIDs, so a changed avatar has a new URL.

    A small size missing (an avatar made before there were two) falls back to the large one.
    """
    if not is_stored_name(name):
        abort(404)
    directory = upload_dir(AVATARS)
    if not os.path.exists(os.path.join(directory, name)):
        name = SIZE_SUFFIX.sub("", name)
    response = send_from_directory(directory, name, max_age=MEDIA_MAX_AGE)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Browsers may keep it; shared caches may not, so a replaced avatar does not linger there.
    response.cache_control.public = False
    response.cache_control.private = True
    return response


def avatar_url(name: str, size: int = AVATAR_SIZES[0]) -> str:
    """The URL of one size of a stored avatar."""
    return url_for("uploads.avatar", name=sized_name(name, size))


class AvatarLinks(NamedTuple):
    """The URLs of one avatar's stored sizes (`urls`, by size), each built once however often a page links it.

    The profile page links the avatar four times (its `src`, both sizes in its `srcset`,
    the form's thumbnail): two trips through Werkzeug's URL builder instead of four.
    """

    urls: dict[int, str]

    @property
    def src(self) -> str:
        """The largest size, for an `<img src>`."""
        return self.urls[AVATAR_SIZES[0]]

    @property
    def srcset(self) -> str:
        """A `srcset` listing every stored size, smallest first."""
        return ", ".join(f"{self.urls[size]} {size}w" for size in reversed(AVATAR_SIZES))


@bp.app_template_global()
def avatar_links(name: str) -> AvatarLinks:
    """The links to every stored size of an avatar."""
    return AvatarLinks({size: avatar_url(name, size) for size in AVATAR_SIZES})


bp.add_app_template_global(size_words)
