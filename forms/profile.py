"""The profile page's form: the registration's name and address, a bio, and the avatar."""

from typing import Any

from wtforms import BooleanField
from wtforms import TextAreaField
from wtforms.validators import Length
from wtforms.validators import Optional

from forms.registration import ProfileForm
from forms.uploads import avatar_field

BIO_MAX_LENGTH = 1000


class EditProfileForm(ProfileForm):
    """`/profile`: pre-filled from the user, written back with `populate_user`."""

    bio = TextAreaField(
        "About you",
        validators=[
            Optional(),
            Length(max=BIO_MAX_LENGTH, message=f"Keep it to {BIO_MAX_LENGTH} characters."),
        ],
        description="Optional. A few words others see on your profile.",
        render_kw={"rows": 4},
    )
    avatar = avatar_field()
    # Shown only while there is a photo to remove (profiles.routes).
    remove_avatar = BooleanField("Remove my photo")

    # What `populate_user` writes; the photo is handled by profiles.editing.
    DETAILS = ("first_name", "last_name", "address", "bio")

    @classmethod
    def for_user(cls, user: Any) -> "EditProfileForm":
        """The form filled from `user` (`obj=`), with no file pretending to be uploaded."""
        form = cls(obj=user)
        form.avatar.data = None
        return form

    def populate_user(self, user: Any) -> None:
        """Write the details (not the photo) back onto `user`."""
        for name in self.DETAILS:
            self[name].populate_obj(user, name)
