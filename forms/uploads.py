"""File fields shared by several forms, with their limits."""

from flask_wtf.file import FileAllowed
from flask_wtf.file import FileField
from flask_wtf.file import FileSize

from uploads.images import IMAGE_EXTENSIONS

AVATAR_MAX_BYTES = 10 * 1024 * 1024


def avatar_field(label: str = "Profile photo") -> FileField:
    """An optional photo: JPEG, PNG, WebP or GIF up to AVATAR_MAX_BYTES (checked again by Pillow)."""
    return FileField(
        label,
        validators=[
            FileAllowed(IMAGE_EXTENSIONS, "Choose a JPEG, PNG, WebP or GIF image."),
            FileSize(AVATAR_MAX_BYTES, message="Choose an image smaller than 10 MB."),
        ],
        description="Optional. A JPEG, PNG, WebP or GIF image up to 10 MB.",
        render_kw={"data-fw-max-bytes": AVATAR_MAX_BYTES},
    )
