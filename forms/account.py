"""Account forms: change the password, delete the account. Both check the current password."""

from typing import Any

from wtforms import PasswordField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo
from wtforms.validators import Length
from wtforms.validators import ValidationError

from forms.base import FormworkForm
from forms.validators import STRENGTH_HELP
from forms.validators import strong_password

MAX_PASSWORD = 1024


class CurrentPasswordForm(FormworkForm):
    """A form that proves it is the account holder: `password` or `current_password` must match."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def check_current(self, field: PasswordField) -> None:
        if not self.user.check_password(field.data or ""):
            raise ValidationError("That is not your current password.")


class ChangePasswordForm(CurrentPasswordForm):
    """`/account/password`: the registration's strength rules and messages for the new one."""

    current_password = PasswordField(
        "Current password",
        validators=[DataRequired("Enter your current password.")],
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "current-password"},
    )
    password = PasswordField(
        "New password",
        validators=[
            DataRequired("Choose a password."),
            Length(max=MAX_PASSWORD, message="Your password must be at most 1024 characters long."),
            strong_password,
        ],
        description=STRENGTH_HELP,
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        "Confirm new password",
        validators=[
            DataRequired("Type the new password again."),
            EqualTo("password", "The two passwords do not match."),
        ],
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "new-password"},
    )
    submit = SubmitField("Change my password")

    def validate_current_password(self, field: PasswordField) -> None:
        self.check_current(field)

    def validate_password(self, field: PasswordField) -> None:
        if field.data and field.data == self.current_password.data:
            raise ValidationError("Choose a password different from your current one.")


class DeleteAccountForm(CurrentPasswordForm):
    """`/account/delete`: the password confirms that the account holder means it."""

    password = PasswordField(
        "Your password",
        validators=[DataRequired("Enter your password to confirm.")],
        render_kw={"maxlength": MAX_PASSWORD, "autocomplete": "current-password"},
    )
    submit = SubmitField("Delete my account and everything in it")

    def validate_password(self, field: PasswordField) -> None:
        self.check_current(field)
