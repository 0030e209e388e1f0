"""File fields shared by several forms, with their limits."""

from flask_wtf.file import FileAllowed
from flask_wtf.file import FileField
from flask_wtf.file import FileSize
from wtforms import Field
from wtforms import Form
from wtforms.validators import StopValidation
from wtforms.validators import ValidationError

from uploads.images import IMAGE_EXTENSIONS
from uploads.names import about_file

AVATAR_MAX_BYTES = 10 * 1024 * 1024


class NamingFile:
    """Mixin for file validators: a refusal names the file refused ("holiday.heic: Choose a JPEG…").

    A subclass, so the macro library still finds FileAllowed (for `accept` and the preview).
    """

    def __call__(self, form: Form, field: Field) -> None:
        try:
            super().__call__(form, field)  # type: ignore[misc]
        except (ValidationError, StopValidation) as refusal:  # the same class is raised again
            raise type(refusal)(about_file(getattr(field.data, "filename", None), str(refusal))) from None


class NamedFileAllowed(NamingFile, FileAllowed):
    """Flask-WTF's FileAllowed, naming the file it refuses."""


class NamedFileSize(NamingFile, FileSize):
    """Flask-WTF's FileSize, naming the file it refuses."""


def avatar_field(label: str = "Profile photo") -> FileField:
    """An optional photo: JPEG, PNG, WebP or GIF up to AVATAR_MAX_BYTES (checked again by Pillow)."""
    return FileField(
        label,
        validators=[
            NamedFileAllowed(IMAGE_EXTENSIONS, "Choose a JPEG, PNG, WebP or GIF image."),
            NamedFileSize(AVATAR_MAX_BYTES, message="Choose an image smaller than 10 MB."),
        ],
        description="Optional. A JPEG, PNG, WebP or GIF image up to 10 MB.",
        render_kw={"data-fw-max-bytes": AVATAR_MAX_BYTES},
    )
