"""Account forms: change the password, delete the account. Both check the current password."""

from typing import Any

from wtforms import PasswordField
from wtforms import SubmitField
from wtforms.validators import DataRequired
from wtforms.validators import ValidationError

from forms.base import FormworkForm
from forms.passwords import MAX_PASSWORD
from forms.passwords import confirm_password_field
from forms.passwords import new_password_field


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
    password = new_password_field()
    confirm_password = confirm_password_field()
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
